"""Every URL of the project, as a user who may open it: the walk the privacy tests share.

The URLs and the objects they point at come from the access matrix's rule
tables (tests/<app>/rules.py), so a new page is walked as soon as it has a rule.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.urls import resolve, reverse

from tests.rules import LEADER, PERSONAS, ROLE_OF, PlanRule, SiteRule
from tests.test_access_matrix import RULE_MODULES, RULES

# The persona used to open a plan page: the project leader where allowed (they see most).
PREFERENCE = ["leader_a", "worker_a", "board_a"]


@dataclass
class Page:
    name: str
    url: str
    persona: str | None  # attribute on `world`; None = anonymous
    methods: tuple[str, ...]
    status: int  # what the persona gets for a GET


def populate(world):
    for module in RULE_MODULES:
        module.populate(world)
    return world


def user_of(world, persona):
    return getattr(world, PERSONAS[persona]) if persona and PERSONAS[persona] else None


def plan_persona(r: PlanRule) -> str:
    if LEADER in r.roles:
        return "leader_a"
    return next(p for p in PREFERENCE if ROLE_OF[p] in r.roles)


def pages(world) -> list[Page]:
    """One Page per URL name: the URL for plan A's objects and a persona that may open it."""
    found = []
    for name, r in sorted(RULES.items()):
        if isinstance(r, PlanRule):
            url = reverse(name, kwargs=r.kwargs(world)) + (r.query or "")
            view = resolve(url.split("?")[0]).func
            methods = tuple(getattr(view, "plan_methods", ("GET",)))
            found.append(Page(name, url, plan_persona(r), methods, r.status))
        elif isinstance(r, SiteRule):
            url = reverse(name, kwargs=r.kwargs(world))
            ok = [p for p, status in r.expect.items() if status == 200]
            persona = next((p for p in ok if p != "anonymous"), ok[0] if ok else "leader_a")
            status = r.expect.get(persona, 200)
            found.append(Page(name, url, None if persona == "anonymous" else persona, ("GET",), status))
    return found


def plan_page_names() -> list[str]:
    return sorted(name for name, r in RULES.items() if isinstance(r, PlanRule))


def page_named(world, name: str) -> Page:
    return next(p for p in pages(world) if p.name == name)


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, select, checkbox, textarea, hidden, ...
    options: tuple[str, ...] = ()
    multiple: bool = False


@dataclass
class Form:
    method: str
    action: str
    fields: dict


class FormParser(HTMLParser):
    """The forms of a page with their fields, as a browser would submit them."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = Form((a.get("method") or "get").lower(), a.get("action") or "", {})
            self.forms.append(self._form)
        elif self._form is None or not a.get("name"):
            if tag == "option" and self._select is not None:
                self._select.options += (a.get("value") or "",)
            return
        elif tag in ("input", "textarea"):
            kind = (a.get("type") or "text").lower() if tag == "input" else "textarea"
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            field = self._form.fields.setdefault(a["name"], Field(a["name"], kind))
            if kind in ("checkbox", "radio") and "value" in a:
                field.options += (a["value"],)
                field.multiple = kind == "checkbox" and len(field.options) > 1
        elif tag == "select":
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields[a["name"]] = self._select
        elif tag == "option" and self._select is not None:
            self._select.options += (a.get("value") or "",)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> list[Form]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


# Forms every page carries (language switch, log out); not the page's own.
CHROME_FIELDS = {"language", "csrfmiddlewaretoken"}


def page_forms(html: str, url: str, method: str) -> list[Form]:
    """The page's own forms of one method, posting back to the page itself."""
    path = url.split("?")[0]
    own = []
    for form in forms_of(html):
        if form.method != method or (form.action and form.action.split("?")[0] != path):
            continue
        if set(form.fields) <= CHROME_FIELDS | {"next"}:
            continue
        own.append(form)
    return own


def _callbacks(resolver=None, namespace: str = "") -> dict:
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    found = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= _callbacks(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}{entry.name}"] = entry.callback
    return found


# Site pages (outside a plan) whose forms post: the login, the password change, the language switch.
SITE_POST_PAGES = {"login", "password_change", "set_language"}


def post_page_names() -> list[str]:
    """Every URL whose view accepts POST (plan pages declare it to plan_view)."""
    names = []
    for name, callback in _callbacks().items():
        if name not in RULES:
            continue
        if "POST" in getattr(callback, "plan_methods", ()) or name in SITE_POST_PAGES:
            names.append(name)
    return sorted(names)


def get_page_names() -> list[str]:
    """Every URL a user opens with GET and gets a page (not a redirect, not POST-only)."""

    def opens(r) -> bool:
        return r.status == 200 if isinstance(r, PlanRule) else 200 in r.expect.values()

    return sorted(name for name, r in RULES.items() if opens(r))
