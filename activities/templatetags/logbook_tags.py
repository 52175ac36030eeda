"""Template tags of the logbook's pages."""

import html

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()

#: The classes crispy-forms (Bootstrap 5) gives these widgets.
_CLASSES = {forms.Select: "select form-select", forms.DateInput: "dateinput form-control"}


def _attrs(attrs: dict) -> str:
    """The attributes in order, as Django's widget templates write them (flatatt sorts them)."""
    return format_html_join(
        "", ' {}="{}"', ((name, value) for name, value in attrs.items() if value is not None)
    )


@register.simple_tag
def filter_field(field):
    """A filter form's field as `|as_crispy_field` shows it, written out directly (the filters are on
    every logbook page and crispy-forms renders each option through a template). A field with
    errors, help or anything else out of the ordinary is left to crispy-forms."""
    widget = field.field.widget
    css = next((css for kind, css in _CLASSES.items() if isinstance(widget, kind)), None)
    ordinary = not (field.errors or field.help_text or field.field.required or "class" in widget.attrs)
    if css is None or not ordinary or any(isinstance(value, bool) for value in widget.attrs.values()):
        return as_crispy_field(field)
    value = widget.format_value(field.value())
    if isinstance(widget, forms.Select):
        if widget.allow_multiple_selected:
            return as_crispy_field(field)
        options, selected = [], False
        for choice, label in widget.choices:
            if isinstance(label, list | tuple):  # grouped choices
                return as_crispy_field(field)
            choice = "" if choice is None else str(choice)
            is_selected = not selected and choice in value
            selected = selected or is_selected
            options.append((choice, " selected" if is_selected else "", label))
        attrs = {"name": field.html_name, **widget.attrs, "class": css, "id": field.auto_id}
        control = format_html(
            "<select{}>{}</select>",
            _attrs(attrs),
            format_html_join("", '<option value="{}"{}>{}</option>', options),
        )
    else:
        attrs = {"type": widget.input_type, "name": field.html_name}
        if value is not None:
            attrs["value"] = value
        attrs.update({**widget.attrs, "class": css, "id": field.auto_id})
        control = format_html("<input{}>", _attrs(attrs))
    return format_html(
        '<div id="div_{}" class="mb-3"><label for="{}" class="form-label">{}</label>{}</div>',
        field.auto_id,
        field.id_for_label,
        field.label,
        control,
    )


#: One entry of the logbook's list (templates/activities/includes/_entries.html). Written out here:
#: rendering fifty of them through template tags cost more than the rest of the page.
_ENTRY = """
  <li class="list-group-item">
    <div class="row g-1 align-items-start">
      <div class="col-12 col-md-2 small text-body-secondary">{when}</div>
      <div class="col-12 col-md">
        <span class="entry-type badge {badge_class}">{badge}</span>
        {by_residents}
        <a class="d-block fw-semibold" href="{url}">{heading}</a>
        {where}
      </div>
      <div class="col-12 col-md-auto text-md-end small">
        {figures}
      </div>
    </div>
  </li>
"""


def _escaped(value) -> str:
    # As format_html escapes its arguments, without the lazy-string checks (thousands of calls a page).
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


@register.simple_tag
def logbook_entries(entries):
    """The entries as items of the logbook's list, or that there are none."""
    if not entries:
        return format_html('\n  <li class="list-group-item text-body-secondary">{}</li>\n', _("No entries."))
    by_residents = format_html('<span class="entry-type badge text-bg-success">{}</span>', _("By residents"))
    items = "".join(_ENTRY.format(**_entry_parts(e, by_residents)) for e in entries)
    return SafeString(items)  # every value in it is escaped (_escaped)


def _entry_parts(e, by_residents) -> dict:
    if e.type == "activity":
        figures = f"<span>{_escaped(e.residents_text)}</span>"
        if e.children:
            figures += f'<span class="text-body-secondary">, {_escaped(e.children_text)}</span>'
        if e.others:
            figures += f'<span class="text-body-secondary"> + {_escaped(e.others_text)}</span>'
    else:
        figures = _escaped(e.residents_text)
    where = (
        f'<div class="small text-body-secondary text-truncate">{_escaped(e.where)}</div>' if e.where else ""
    )
    return {
        "when": _escaped(e.when),
        "badge_class": "text-bg-primary" if e.type == "activity" else "text-bg-secondary",
        "badge": _escaped(e.badge),
        "by_residents": by_residents if e.initiated_by_residents else "",
        "url": _escaped(e.url),
        "heading": _escaped(e.heading),
        "where": where,
        "figures": f"\n          {figures}\n        ",
    }
