"""`{% url %}` that reverses each URL once per process (a template builtin: settings.TEMPLATES).

Every page reverses the same few dozen URLs (the layout's menu, the section's tabs, the buttons) for
the same plan on every look; Django's `reverse` walks the URL patterns each time. The URL a name and
its arguments give depends only on the URL configuration, the script prefix, the language and the
current application, so the result is kept under all of those: another URL configuration (a test's
`ROOT_URLCONF`), another prefix (`SCRIPT_NAME`) or another language reverses anew. Only names and
arguments that are plain strings and integers are kept (a model instance passed as an argument is
reversed by its `str()`, which may change); everything else, and every name that does not reverse,
goes to Django's own tag, so errors and `{% url ... as var %}` behave exactly as there.
"""

import functools

from django import template
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.translation import get_language

register = template.Library()

#: How many distinct URLs a process keeps (a plan's menu is some fifty; the least recently used go).
MAXSIZE = 8192


@functools.lru_cache(maxsize=MAXSIZE)
def _reversed(view_name, args, kwargs, current_app, resolver, prefix, language) -> str:
    # The last three are the key only: `reverse` reads the same from the running thread.
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


def _plain(value) -> bool:
    # Strings (a name written in a template is a SafeString) and integers; not True, which equals 1.
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


class KeptURLNode(URLNode):
    def render(self, context):
        url = self._kept_url(context)
        if url is None:
            return super().render(context)
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url

    def _kept_url(self, context) -> str | None:
        view_name = self.view_name.resolve(context)
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((key, value.resolve(context)) for key, value in self.kwargs.items()))
        if not (_plain(view_name) and all(map(_plain, args)) and all(_plain(v) for _k, v in kwargs)):
            return None
        try:
            return _reversed(
                view_name,
                args,
                kwargs,
                _current_app(context),
                get_resolver(get_urlconf()),
                get_script_prefix(),
                get_language(),
            )
        except NoReverseMatch:
            return None  # Django's tag raises it, or sets the variable to ""


def _current_app(context):
    """The current application as Django's tag reads it: the request's own, set even to None, or else
    the namespace it was resolved in."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


@register.tag
def url(parser, token):
    """Django's `{% url %}` (same arguments, same output), keeping what it reversed."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)


def clear() -> None:
    """Forget every kept URL."""
    _reversed.cache_clear()
