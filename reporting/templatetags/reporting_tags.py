"""Figures and statuses the way the dashboard shows them."""

from django import template

from ..selectors import format_number
from ..status import STATUS_COLOURS, STATUS_SYMBOLS, Status

register = template.Library()


@register.filter
def num(value, decimals=None):
    """A figure in the active language: 4.6 -> "4,6" in Danish; None -> "–"."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.inclusion_tag("reporting/includes/_status.html")
def status_badge(status, label=None):
    status = Status(status)
    return {
        "status": status.value,
        "label": label or status.label,
        "colour": STATUS_COLOURS[status],
        "symbol": STATUS_SYMBOLS[status],
    }
