"""A form field as crispy-forms' bootstrap5 pack renders it, written out in Python.

`{{ field|as_crispy_field }}` renders a field through half a dozen templates and each select option
through another; on the pages people open all day (the case list's and the logbook's filters, the
quick entry form on a case) that was a large part of the page's time. `as_bootstrap_field` writes the
same markup (crispy_bootstrap5's field.html, Django's input, textarea, checkbox, select and option
templates, django-filter's range widget) from the widget's own context, so ids, labels, legends,
error messages and aria attributes come out as before; tests compare the two (tests/cases/
test_case_list.py, test_workflows.py, tests/helhedsplan/test_form_fields.py). A widget it does not
know goes to crispy itself.
"""

import functools
import html

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.conf import settings
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe
from django_filters.widgets import RangeWidget

register = template.Library()


def escaped(value) -> str:
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
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    """django/forms/widgets/input.html"""
    value = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
    name = escaped(widget["name"])
    return f'<input type="{escaped(widget["type"])}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: forms.Select, name: str, value, attrs: dict) -> str | None:
    """django/forms/widgets/select.html and select_option.html, from the widget's choices as
    Select.optgroups() marks them (the first match selected); None for grouped choices."""
    attrs = widget.build_attrs(widget.attrs, attrs)
    if widget.allow_multiple_selected:
        attrs["multiple"] = True
    html = [f'<select name="{escaped(name)}"{_attrs(attrs)}>']
    if type(widget).create_option is not forms.Select.create_option:
        # Options with attributes of their own (e.g. a contact person naming its partner): Django's way.
        for group, options, _index in widget.optgroups(name, widget.format_value(value)):
            if group is not None:
                return None
            for o in options:
                label = escaped(o["label"])
                html.append(f'\n  <option value="{escaped(o["value"])}"{_attrs(o["attrs"])}>{label}</option>')
        html.append("\n</select>")
        return "".join(html)
    chosen = set(widget.format_value(value))
    has_selected = False
    for option_value, label in widget.choices:
        if isinstance(label, list | tuple):
            return None
        option_value = str("" if option_value is None else option_value)
        selected = (not has_selected or widget.allow_multiple_selected) and option_value in chosen
        has_selected |= selected
        html.append(_option(option_value, str(label), isinstance(label, SafeData), selected))
    html.append("\n</select>")
    return "".join(html)


@functools.lru_cache(maxsize=8192)
def _option(value: str, label: str, safe: bool, selected: bool) -> str:
    """django/forms/widgets/select_option.html, written once per value and label (the filters offer
    the same departments and caretakers on every look); a `safe` label is not escaped."""
    label = label if safe else html.escape(label)
    return f'\n  <option value="{escaped(value)}"{" selected" if selected else ""}>{label}</option>'


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


def _standard(widget: forms.Widget, kind: type) -> bool:
    """A widget of this kind that renders with Django's own template for it."""
    return isinstance(widget, kind) and widget.template_name == kind.template_name


def _textarea(widget: dict) -> str:
    """django/forms/widgets/textarea.html"""
    value = escaped(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escaped(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _widget_html(field, widget: forms.Widget) -> str | None:
    """BoundField.as_widget() without the templates; None for a widget this module does not know."""
    is_range = isinstance(widget, RangeWidget) and all(_plain_input(part) for part in widget.widgets)
    is_select = isinstance(widget, forms.Select) and widget.template_name == forms.Select.template_name
    is_textarea = isinstance(widget, forms.Textarea) and widget.template_name == forms.Textarea.template_name
    is_checkbox = (
        isinstance(widget, forms.CheckboxInput) and widget.template_name == forms.CheckboxInput.template_name
    )
    if not (is_range or is_select or is_textarea or is_checkbox or _plain_input(widget)):
        return None
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    if is_select:
        select = _select(widget, field.html_name, field.value(), attrs)
        return None if select is None else select + "\n"
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    if is_textarea:
        return _textarea(context) + "\n"
    if is_range:
        # django_filters/widgets/multiwidget.html: each input ends in a newline, a dash after the first
        first, second = (_input(part) for part in context["subwidgets"])
        return f"{first}\n-{second}\n"
    return _input(context) + "\n"


@register.filter
def as_bootstrap_field(field):
    """`{{ form.field|as_bootstrap_field }}`: the field as `{{ form.field|as_crispy_field }}` renders it."""
    widget = field.field.widget
    if field.is_hidden or isinstance(widget, forms.RadioSelect | forms.FileInput):
        return as_crispy_field(field)
    errors = field.errors
    if isinstance(widget, forms.CheckboxInput):
        return _checkbox(field, widget) if not errors else as_crispy_field(field)
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
    css = f" {escaped(css)}" if css else ""
    html = [f'<div id="div_{escaped(auto_id)}" class="mb-3{css}">']
    fieldset = field.use_fieldset
    if field.label:
        required = " requiredField" if field.field.required else ""
        star = '<span class="asteriskField">*</span>' if field.field.required else ""
        if fieldset:
            described = field.aria_describedby
            described = f' aria-describedby="{escaped(described)}"' if described else ""
            html.append(f"<fieldset{described}>")
            html.append(
                f'<legend class="form-label{required} fs-6">\n{escaped(field.label)}{star}\n</legend>'
            )
        else:
            label_for = field.id_for_label
            label_for = f'for="{escaped(label_for)}" ' if label_for else ""
            html.append(
                f'<label {label_for}class="form-label{required}">\n{escaped(field.label)}{star}\n</label>'
            )
    html.append(rendered)
    if errors:  # bootstrap5/layout/field_errors_block.html
        html.append(f'<div id="{escaped(errors.field_id)}_error" class="invalid-feedback">')
        for number, error in enumerate(errors, start=1):
            html.append(f'<p id="error_{number}_{escaped(auto_id)}"><strong>{escaped(error)}</strong></p>')
        html.append("</div>")
    if field.help_text:  # bootstrap5/layout/help_text.html
        help_id = f'id="{escaped(auto_id)}_helptext" ' if auto_id else ""
        html.append(f'<div {help_id}class="form-text">{field.help_text}</div>')
    if fieldset and field.label:
        html.append("</fieldset>")
    html.append("</div>")
    return mark_safe("".join(html))  # noqa: S308 -- every text in it is escaped (help texts are trusted)


def _checkbox(field, widget: forms.CheckboxInput):
    """crispy_bootstrap5's field.html for a checkbox: the input, then its label, in a form-check."""
    _add_classes(widget, "form-check-input")
    rendered = _widget_html(field, widget)
    if rendered is None:
        return as_crispy_field(field)
    auto_id = field.auto_id
    required = field.field.required
    label = ""
    if field.label:
        star = '<span class="asteriskField">*</span>' if required else ""
        label_class = "form-check-label requiredField" if required else "form-check-label"
        label_for = escaped(field.id_for_label)
        label = f'<label for="{label_for}" class="{label_class}">\n{escaped(field.label)}{star}\n</label>'
    help_text = ""
    if field.help_text:
        help_id = f'id="{escaped(auto_id)}_helptext" ' if auto_id else ""
        help_text = f'<div {help_id}class="form-text">{field.help_text}</div>'
    return mark_safe(  # noqa: S308 -- every text in it is escaped (help texts are trusted)
        f'<div class="mb-3"><div id="div_{escaped(auto_id)}" class="form-check">'
        f"{rendered}{label}{help_text}</div></div>"
    )
