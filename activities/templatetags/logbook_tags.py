"""Template tags of the logbook's pages."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.utils.html import format_html, format_html_join

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
