"""The plan-wide case list's filter form, rendered in Python with crispy-forms' bootstrap5 markup.

`{{ field|as_crispy_field }}` renders a field through half a dozen templates and each select option
through another: on the case list, with its eleven filters and their options, that was a quarter of
the page's time. `filter_field` writes the same markup (crispy_bootstrap5's field.html, Django's
input, select and option templates, django-filter's range widget) straight from the widget's own
context, so ids, labels, legends, error messages and aria attributes come out as before
(tests/cases/test_case_list.py compares the two). A widget it does not know goes to crispy.
"""

import html

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.conf import settings
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext, ngettext
from django_filters.widgets import RangeWidget

register = template.Library()


def _text(value) -> str:
    """conditional_escape(), without its wrapper for lazy arguments (it runs for every option)."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, SafeData):
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html"""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html"""
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    name = _text(widget["name"])
    return f'<input type="{_text(widget["type"])}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: forms.Select, name: str, value, attrs: dict) -> str | None:
    """django/forms/widgets/select.html and select_option.html, from the widget's choices as
    Select.optgroups() marks them (the first match selected); None for grouped choices."""
    attrs = widget.build_attrs(widget.attrs, attrs)
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    chosen = set(widget.format_value(value))
    html = [f'<select name="{_text(name)}"{_attrs(attrs)}>']
    has_selected = False
    for option_value, label in widget.choices:
        if isinstance(label, list | tuple):
            return None
        option_value = str("" if option_value is None else option_value)
        selected = (not has_selected or widget.allow_multiple_selected) and option_value in chosen
        has_selected |= selected
        selected = " selected" if selected else ""
        html.append(f'\n  <option value="{_text(option_value)}"{selected}>{_text(label)}</option>')
    html.append("\n</select>")
    return "".join(html)


def _add_classes(widget: forms.Widget, classes: str) -> None:
    """What crispy's {% crispy_field field 'class' classes %} does to the widget before it renders."""
    class_name = widget.__class__.__name__.lower()
    class_name = getattr(settings, "CRISPY_CLASS_CONVERTERS", {}).get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in classes.split():
        if name not in css_class.split():
            css_class += f" {name}"
    widget.attrs["class"] = css_class


#: Django's input templates that are input.html with nothing more.
_PLAIN_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in ("text", "date", "number", "email", "url", "search", "tel")
}


def _plain_input(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.widgets.Input) and widget.template_name in _PLAIN_INPUTS


def _widget_html(field, widget: forms.Widget) -> str | None:
    """BoundField.as_widget() without the templates; None for a widget this module does not know."""
    is_range = isinstance(widget, RangeWidget) and all(_plain_input(part) for part in widget.widgets)
    is_select = isinstance(widget, forms.Select) and widget.template_name == forms.Select.template_name
    if not (is_range or is_select or _plain_input(widget)):
        return None
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    if is_select:
        select = _select(widget, field.html_name, field.value(), attrs)
        return None if select is None else select + "\n"
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if is_range:
        # django_filters/widgets/multiwidget.html: each input ends in a newline, a dash after the first
        first, second = (_input(part) for part in context["subwidgets"])
        return f"{first}\n-{second}\n"
    return _input(context) + "\n"


@register.simple_tag
def filter_field(field):
    """One filter as `{{ field|as_crispy_field }}` renders it (bootstrap5, no form helper)."""
    widget = field.field.widget
    if field.is_hidden or isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.FileInput):
        return as_crispy_field(field)
    errors = field.errors
    if isinstance(widget, forms.Select):
        classes = "form-select is-invalid" if errors else "form-select"
    else:
        classes = "form-control is-invalid" if errors else "form-control"
    for part in getattr(widget, "widgets", [widget]):
        _add_classes(part, classes)
    rendered = _widget_html(field, widget)
    if rendered is None:
        return as_crispy_field(field)

    auto_id = field.auto_id
    css = field.css_classes()
    css = f" {_text(css)}" if css else ""
    html = [f'<div id="div_{_text(auto_id)}" class="mb-3{css}">']
    fieldset = field.use_fieldset
    if field.label:
        required = " requiredField" if field.field.required else ""
        star = '<span class="asteriskField">*</span>' if field.field.required else ""
        if fieldset:
            described = field.aria_describedby
            described = f' aria-describedby="{_text(described)}"' if described else ""
            html.append(f"<fieldset{described}>")
            html.append(f'<legend class="form-label{required} fs-6">\n{_text(field.label)}{star}\n</legend>')
        else:
            label_for = field.id_for_label
            label_for = f'for="{_text(label_for)}" ' if label_for else ""
            html.append(
                f'<label {label_for}class="form-label{required}">\n{_text(field.label)}{star}\n</label>'
            )
    html.append(rendered)
    if errors:  # bootstrap5/layout/field_errors_block.html
        html.append(f'<div id="{_text(errors.field_id)}_error" class="invalid-feedback">')
        for number, error in enumerate(errors, start=1):
            html.append(f'<p id="error_{number}_{_text(auto_id)}"><strong>{_text(error)}</strong></p>')
        html.append("</div>")
    if field.help_text:  # bootstrap5/layout/help_text.html
        help_id = f'id="{_text(auto_id)}_helptext" ' if auto_id else ""
        html.append(f'<div {help_id}class="form-text">{field.help_text}</div>')
    if fieldset and field.label:
        html.append("</fieldset>")
    html.append("</div>")
    return mark_safe("".join(html))  # noqa: S308 -- every text in it is escaped (help texts are trusted)


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge text-bg-{kind}">{text}</span>'


def urgency_badges(
    *, days_to_bailiff: int | None, follow_up_overdue: bool, follow_up: str, stale: bool
) -> str:
    """What templates/cases/includes/_urgency.html (with _bailiff_countdown.html) shows of an open case.

    `days_to_bailiff` is None without a bailiff's date; `follow_up` is the follow-up date as shown.
    """
    html = ""
    if days_to_bailiff is not None:
        days = days_to_bailiff
        if days < 0:
            passed = abs(days)
            text = ngettext(
                "Bailiff's date passed %(days)s day ago", "Bailiff's date passed %(days)s days ago", passed
            ) % {"days": _text(localize(passed))}
            badge = _badge("danger", text) + "\n  "
        elif days == 0:
            badge = _badge("danger", gettext("Bailiff's date is today")) + "\n  "
        else:
            text = ngettext(
                "%(days)s day to the bailiff's date", "%(days)s days to the bailiff's date", days
            ) % {"days": _text(localize(days))}
            badge = _badge("danger", text) + "\n  " if days < 7 else _badge("warning", text)
        html += f"\n  {badge}\n"
    html += "\n"
    if follow_up_overdue:
        html += _badge("warning", gettext("Follow-up overdue (%(date)s)") % {"date": _text(follow_up)})
    html += "\n"
    if stale:
        html += _badge("secondary", gettext("No entry for 30 days"))
    return mark_safe(html + "\n\n")  # noqa: S308 -- the values in it are escaped, the texts are ours


#: One row of the case list (templates/cases/case_list.html); every value is escaped before it goes in.
ROW = """
    <tr>
      <td><input class="form-check-input" type="checkbox" name="cases" value="{pk}" form="reassign-form" \
id="select-{pk}" aria-label="{select_label}"></td>
      <td class="stack-key"><a href="{url}">{number}</a> <span class="small">{type}</span></td>
      <td data-label="{residents_label}">{residents}</td>
      <td class="small" data-label="{department_label}">{department}</td>
      <td class="small" data-label="{caretakers_label}">{caretakers}</td>
      <td class="text-nowrap" data-label="{opened_label}">{opened}</td>
      <td class="stack-key" data-label="{status_label}">{status}</td>
      <td class="text-nowrap stack-key" data-label="{follow_up_label}">{next_follow_up}</td>
    </tr>
  """

_ROW_TEXTS = (
    "pk",
    "select_label",
    "url",
    "number",
    "type",
    "residents",
    "department",
    "caretakers",
    "opened",
    "next_follow_up",
)


@register.simple_tag
def case_rows(rows) -> str:
    """The list's rows (cases.views.lists.Row) in ROW's markup: one string format per row, no template
    variable lookups (fifty rows of a dozen values each were most of the page's template time)."""
    labels = {
        "residents_label": _text(gettext("Residents")),
        "department_label": _text(gettext("Department")),
        "caretakers_label": _text(gettext("Caretakers")),
        "opened_label": _text(gettext("Opened")),
        "status_label": _text(gettext("Status")),
        "follow_up_label": _text(gettext("Next follow-up")),
    }
    html = []
    for row in rows:
        texts = {name: _text(row[name]) for name in _ROW_TEXTS}
        if row["is_open"]:
            status = _text(row["urgency"])  # safe: the badges
        else:
            status = f'<span class="small">{_text(row["outcome"])} ({_text(row["closed"])})</span>'
        html.append(ROW.format(**texts, **labels, status=status))
    return mark_safe("".join(html))  # noqa: S308 -- every value in it is escaped
