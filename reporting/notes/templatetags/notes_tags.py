from django import template

from ..charts import criterion_chart
from ..exports import show

register = template.Library()


@register.filter
def figure(value, decimals=None):
    """A figure for a page: "–" for none, a suppressed "<5" as it is, else localised."""
    return show(value, None if decimals in (None, "") else int(decimals))


@register.filter
def chart(criterion):
    return criterion_chart(criterion)
