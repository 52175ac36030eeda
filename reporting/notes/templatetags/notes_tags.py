from django import template

from ..charts import criterion_chart, criterion_sparkline
from ..exports import show

register = template.Library()


@register.filter
def figure(value, decimals=None):
    """A figure for a page: "–" for none, a suppressed "<5" as it is, else localised."""
    return show(value, None if decimals in (None, "") else int(decimals))


@register.filter
def chart(criterion):
    return criterion_chart(criterion)


@register.filter
def sparkline(criterion):
    return criterion_sparkline(criterion)


@register.filter
def iso_date(value):
    """A date stored as ISO text in the snapshot, in the active language's format."""
    import datetime

    from django.utils.formats import date_format

    try:
        return date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return value
