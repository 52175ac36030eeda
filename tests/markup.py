"""Comparing markup that Python writes with the template markup it replaced."""

import re


def squeezed(html: str) -> str:
    """`html` with every run of whitespace made one space and none between tags; an apostrophe the same
    whether escaped (`&#x27;`, as Python's `html.escape` writes it) or not (a `{% translate %}` text)."""
    return re.sub(r"\s+", " ", html).replace("> <", "><").replace("&#x27;", "'").strip()
