"""Figures and statuses the way the dashboard shows them."""

from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..selectors import format_number
from ..status import STATUS_COLOURS, STATUS_SYMBOLS, Status

register = template.Library()


@register.filter
def num(value, decimals=None):
    """A figure in the active language: 4.6 -> "4,6" in Danish; None -> "–"."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.simple_tag
def status_badge(status, label=None):
    """A status as a badge: its colour, its symbol (never colour alone) and its word."""
    status = Status(status)
    return _badge(status.value, str(label or status.label))


@lru_cache(maxsize=256)
def _badge(status: str, label: str) -> str:
    # Rendered once per status and wording: a dashboard shows hundreds.
    return format_html(
        '<span class="badge rounded-pill text-bg-{} status-badge" data-status="{}">'
        '<span aria-hidden="true">{}</span> {}</span>\n',
        STATUS_COLOURS[status],
        status,
        STATUS_SYMBOLS[status],
        label,
    )


@register.simple_tag
def series_rows(rows):
    """The rows of a card's table of figures by year (`SeriesRow`s): a dashboard has hundreds,
    so they are put together here rather than cell by cell."""
    return format_html_join(
        "",
        '\n          <tr{}><th scope="row"><a href="{}">{}</a></th>\n'
        '            <td class="text-end">{}</td><td class="text-end">{}</td><td>{}</td></tr>\n        ',
        (
            (
                mark_safe(' class="table-active"') if row.selected else "",  # noqa: S308 (a constant)
                row.url,
                row.year,
                row.value,
                row.target,
                status_badge(row.status),
            )
            for row in rows
        ),
    )
