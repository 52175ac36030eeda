"""Number formatting the way Danish readers expect it (4.771.000 kr.)."""

import datetime
import re

from django import template
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def kroner(value):
    """Whole kroner with thousands separators in the active language."""
    if value in (None, ""):
        return ""
    return number_format(int(value), decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def thousands(value):
    """A count with the thousands separator of the language (3.900 boliger), whatever the settings say."""
    if value in (None, ""):
        return ""
    return number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def tel_href(value):
    """A phone number as a tel: link wants it: digits and a leading + only ("tel:+4512345678")."""
    value = str(value or "").strip()
    return ("+" if value.startswith("+") else "") + re.sub(r"\D", "", value)


@register.filter
def iso_date(value, format_name="SHORT_DATE_FORMAT"):
    """A date kept as ISO text (a frozen snapshot) shown in the page's date format."""
    if not value:
        return ""
    return date_format(datetime.date.fromisoformat(str(value)[:10]), format_name)
