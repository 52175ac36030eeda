"""Number formatting the way Danish readers expect it (4.771.000 kr.)."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def kroner(value):
    """Whole kroner with thousands separators in the active language."""
    if value in (None, ""):
        return ""
    return number_format(int(value), decimal_pos=0, use_l10n=True, force_grouping=True)
