"""Figures and statuses the way the dashboard shows them."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

from ..status import STATUS_COLOURS, STATUS_SYMBOLS, Status

register = template.Library()


@register.filter
def num(value, decimals=None):
    """A figure in the active language: 4.6 -> "4,6" in Danish; None -> "–"."""
    if value is None or value == "":
        return "–"
    if decimals in (None, ""):
        value = Decimal(value).normalize() if isinstance(value, Decimal) else value
        if isinstance(value, Decimal) and value == value.to_integral():
            value = value.quantize(Decimal(1))
        return number_format(value, use_l10n=True, force_grouping=True)
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.inclusion_tag("reporting/includes/_status.html")
def status_badge(status, label=None):
    status = Status(status)
    return {
        "status": status.value,
        "label": label or status.label,
        "colour": STATUS_COLOURS[status],
        "symbol": STATUS_SYMBOLS[status],
    }
