"""Small template helpers for the case pages."""

from django import template

register = template.Library()


@register.filter
def absolute(value):
    """abs() for the days since a passed bailiff's date."""
    try:
        return abs(int(value))
    except (TypeError, ValueError):
        return value
