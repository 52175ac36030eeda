"""One page of a long list: every list pages the same way (templates/includes/_pager.html)."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 50


def page_of(request, items, *, size: int = PAGE_SIZE) -> Page:
    """The page the query string asks for; a page out of range or not a number gives the nearest page."""
    return Paginator(items, size).get_page(request.GET.get("page"))
