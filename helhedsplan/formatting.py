"""Numbers as the pages show them, for the lists that write hundreds of them."""

from django.conf import settings
from django.utils.formats import localize


def whole_number(n: int) -> str:
    """`localize(n)` of a whole number: the number as it is unless a thousand separator is set
    (USE_THOUSAND_SEPARATOR), without `localize`'s look-ups of the language's formats on every call."""
    if settings.USE_THOUSAND_SEPARATOR:
        return str(localize(n))
    return str(n)
