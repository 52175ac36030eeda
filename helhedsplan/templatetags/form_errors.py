"""An error summary at the top of every page whose form came back with errors.

On a phone the first wrong field can be a thousand pixels down; the summary names each wrong field
and links to it. base.html asks for it once, so every form of the app gets it.
"""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _forms_in(context):
    for value in context.flatten().values():
        if isinstance(value, BaseForm):
            yield value
        elif isinstance(value, BaseFormSet):
            yield from value.forms


@register.inclusion_tag("includes/_error_summary.html", takes_context=True)
def error_summary(context):
    """(label, message, anchor) of every field error of the page's bound forms."""
    errors, seen = [], set()
    for form in _forms_in(context):
        if not form.is_bound or id(form) in seen or not form.errors:
            continue
        seen.add(id(form))
        for name, messages in form.errors.items():
            if name not in form.fields:
                continue  # errors of the whole form are shown above the form itself
            field = form[name]
            anchor = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
            errors += [(field.label, message, anchor) for message in messages]
    return {"errors": errors}
