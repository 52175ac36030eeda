"""Small template helpers for the case pages."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def absolute(value):
    """abs() for the days since a passed bailiff's date."""
    try:
        return abs(int(value))
    except (TypeError, ValueError):
        return value


# A form field as crispy-forms' bootstrap5 pack renders it, for an unbound form -------------------
#
# The quick entry form sits on every open case's page; crispy renders each field through a dozen
# templates. `entry_field` writes the same markup directly for the widgets the entry form uses, and
# leaves everything else (a bound form with its errors, other widgets) to crispy.

_FAST_WIDGETS = (forms.Select, forms.Textarea, forms.CheckboxInput, Input)
_NOT_FAST = (forms.SelectMultiple, forms.FileInput, forms.HiddenInput, forms.RadioSelect)


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _widget_html(bound, widget, css: str) -> str | None:
    """The widget's markup as Django's widget templates write it; None for a select with groups."""
    extra = bound.build_widget_attrs({"class": css}, widget)
    if bound.auto_id and "id" not in widget.attrs:
        extra.setdefault("id", bound.auto_id)
    context = widget.get_context(bound.html_name, bound.value(), extra)["widget"]
    name, value, attrs = conditional_escape(context["name"]), context["value"], context["attrs"]
    if isinstance(widget, forms.Select):
        options = []
        for group, choices, _index in context["optgroups"]:
            if group is not None:
                return None
            for option in choices:
                options.append(
                    f'<option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>"
                )
        return f'<select name="{name}"{_attrs(attrs)}>\n' + "\n".join(options) + "\n</select>"
    if isinstance(widget, forms.Textarea):
        text = conditional_escape(value) if value else ""
        return f'<textarea name="{name}"{_attrs(attrs)}>\n{text}</textarea>'
    shown = "" if value is None else f' value="{conditional_escape(str(value))}"'
    return f'<input type="{context["type"]}" name="{name}"{shown}{_attrs(attrs)}>'


def _fast(bound) -> bool:
    widget = bound.field.widget
    return (
        not bound.form.is_bound
        and not bound.is_hidden
        and bool(bound.label)
        and "class" not in widget.attrs
        and isinstance(widget, _FAST_WIDGETS)
        and not isinstance(widget, _NOT_FAST)
    )


@register.filter
def entry_field(bound):
    """`{{ form.field|entry_field }}`: the field as `|as_crispy_field` renders it, without its templates."""
    if not _fast(bound):
        return as_crispy_field(bound)
    widget = bound.field.widget
    kind = widget.__class__.__name__.lower()
    label = conditional_escape(bound.label)
    required = bound.field.required
    star = '<span class="asteriskField">*</span>' if required else ""
    help_text = bound.help_text  # shown unescaped, as crispy does
    if help_text:
        help_text = f'<div id="{bound.auto_id}_helptext" class="form-text">{help_text}</div>'
    label_class = " requiredField" if required else ""
    if isinstance(widget, forms.CheckboxInput):
        return mark_safe(  # noqa: S308 -- every value in it is escaped (the help text as crispy shows it)
            f'<div class="mb-3"><div id="div_{bound.auto_id}" class="form-check">'
            f"{_widget_html(bound, widget, f'{kind} form-check-input')}"
            f'<label for="{bound.id_for_label}" class="form-check-label{label_class}">'
            f"{label}{star}</label>{help_text}</div></div>"
        )
    css = f"{kind} form-select" if isinstance(widget, forms.Select) else f"{kind} form-control"
    html = _widget_html(bound, widget, css)
    if html is None:
        return as_crispy_field(bound)
    return mark_safe(  # noqa: S308 -- every value in it is escaped (the help text as crispy shows it)
        f'<div id="div_{bound.auto_id}" class="mb-3">'
        f'<label for="{bound.id_for_label}" class="form-label{label_class}">'
        f"{label}{star}</label>{html}{help_text}</div>"
    )
