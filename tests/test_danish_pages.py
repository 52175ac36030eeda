"""Every page of the demo, as each role, in Danish: no English left, counts pluralised, one date format.

The walk starts at each demo login's start page and follows the links a person can click (GET
pages of the app; no exports, no log-out), visiting up to three pages of each URL name so that
every kind of page is read with real demo data. It reads the visible text of each page.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import Resolver404, resolve

from tests.conftest import client_for

PO = polib.pofile(str(settings.BASE_DIR / "locale" / "da" / "LC_MESSAGES" / "django.po"))

# Words that never belong on a Danish page: English words of the interface and the codes behind
# choices and measures. (Danish shares some short English words: "for", "under", "status".)
ENGLISH = {
    "the", "and", "of", "with", "without", "case", "cases", "resident", "residents", "open", "closed",
    "save", "cancel", "delete", "edit", "search", "back", "next", "previous", "none", "true", "false",
    "yes", "no", "new", "add", "date", "year", "total", "plan", "page", "log", "logout", "attempts",
    "devices", "device", "access", "evictions", "unsafe_share", "unknown", "other", "activity",
    "activities", "department", "departments", "homes", "measure", "value", "criterion", "criteria",
    "note", "notes", "draft", "published", "worker", "leader", "board", "caretaker",
}  # fmt: skip
SHARED_WITH_DANISH = {"for", "under", "status", "plan", "note", "total", "log"}
NAMES_OF_LANGUAGES = {"English", "Dansk", "<unknown>"}  # and django-axes' stored "no user agent"
# Code identifiers (choice values, measure codes) shown as they are stored.
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# The English msgids of the interface whose Danish differs: none may stand alone on a page.
UNTRANSLATED = {
    e.msgid for e in PO if e.msgstr and e.msgstr != e.msgid and len(e.msgid) > 3 and "%" not in e.msgid
}

# Danish plural nouns that a count of one must not precede ("1 sager"): every plural form of the
# catalogue whose singular form differs, and the everyday ones.
PLURALS = {
    "sager", "beboere", "boliger", "aktiviteter", "deltagere", "dage", "afdelinger", "medarbejdere",
    "møder", "registreringer", "noter", "henvendelser", "personer", "kriterier", "indsatser",
    "partnere", "minutter", "timer", "uger", "måneder", "år", "opslag", "fejl", "linjer", "rækker",
}  # fmt: skip
_AFTER = re.compile(r"%\(\w+\)[sd] (\w+)")
for _e in PO:
    if _e.msgid_plural and _e.msgstr_plural:
        singular = set(_AFTER.findall(_e.msgstr_plural.get(0, "")))
        PLURALS |= set(_AFTER.findall(_e.msgstr_plural.get(1, ""))) - singular
PLURALS -= {"år", "fejl", "opslag", "til", "uden", "åbne", "tal", "børn", "hold"}  # the same in both forms
ONE_PLURAL = re.compile(r"(?<![\d.,-])\b1 (?:\w+ )?(" + "|".join(sorted(PLURALS)) + r")\b")

# Numeric dates on Danish pages: one format, d.m.åååå with two-digit day and month ("03.02.2026").
DATE_FORMATS = {
    "dd.mm.åååå": re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b"),
    "d.m.åååå": re.compile(r"\b(?:\d\.\d{1,2}|\d{2}\.\d)\.\d{4}\b"),
    "åååå-mm-dd": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "dd-mm-åååå": re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b"),
    "dd/mm/åååå": re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),
}
# "Dec", "Okt", "Sept": Danish month abbreviations are lower case.
_MONTHS = "Jan|Feb|Mar|Apr|Maj|Jun|Jul|Aug|Sep|Sept|Okt|Nov|Dec"
CAPITAL_MONTH = re.compile(rf"\b\d{{1,2}}\.? (?:{_MONTHS})\b|\b(?:{_MONTHS})\.? \d{{4}}\b")

PER_URL_NAME = 2
SKIP = ("/logout", "/i18n/", "/static/", "/media/", "export", "download", ".csv", ".xlsx", ".pdf", ".ics")
ROLES = ["vicevaert", "projektleder", "bestyrelse", "admin"]


# Not read as prose: scripts, form values, and <code> (file headers a person types as written).
SKIPPED_TAGS = ("script", "style", "template", "textarea", "code")


class PageText(HTMLParser):
    """The text a person reads (no scripts, styles or hidden templates) and the page's links."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self._skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.chunks.append(" ".join(data.split()))


def _problems_of(url: str, chunks: list[str]) -> list[str]:
    problems = []
    for chunk in chunks:
        if chunk.startswith("/") or chunk in NAMES_OF_LANGUAGES:
            continue  # a path shown in the audit log; a language's name in its own language
        words = {w.lower() for w in re.findall(r"[A-Za-z_]+", chunk)}
        english = sorted((words & ENGLISH) - SHARED_WITH_DANISH)
        if english:
            problems.append(f"{url}: English {english} in {chunk!r}")
        if chunk in UNTRANSLATED:
            problems.append(f"{url}: untranslated {chunk!r}")
        if CODE.search(chunk):
            problems.append(f"{url}: code {CODE.search(chunk).group()!r} in {chunk!r}")
        if ONE_PLURAL.search(chunk):
            problems.append(f"{url}: unpluralised count {ONE_PLURAL.search(chunk).group()!r}")
        if CAPITAL_MONTH.search(chunk):
            problems.append(f"{url}: capitalised month {CAPITAL_MONTH.search(chunk).group()!r} in {chunk!r}")
    return problems


def walk(client, start: str):
    """Yield (url, visible text chunks) of each page reached from `start`, breadth first."""
    seen, per_name, queue = {start}, defaultdict(int), [start]
    while queue:
        url = queue.pop(0)
        response = client.get(url, follow=True)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        if response.get("Content-Disposition"):
            continue
        parser = PageText()
        parser.feed(response.content.decode())
        yield url, parser.chunks
        for href in parser.links:
            href = urldefrag(href).url
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/") or href in seen:
                continue
            if any(s in href for s in SKIP):
                continue
            try:
                name = resolve(parts.path).view_name
            except Resolver404:
                continue
            if name.startswith("admin:") and not (
                name in ("admin:index", "admin:app_list") or name.endswith("_changelist")
            ):
                continue  # the admin's change forms are Django's own
            seen.add(href)
            if per_name[name] < PER_URL_NAME:
                per_name[name] += 1
                queue.append(href)


@pytest.fixture
def demo_world(db):
    call_command("seed_demo", verbosity=0, today="2026-11-26", force=True)


def test_every_demo_page_reads_as_danish(demo_world):
    problems, formats, pages = [], defaultdict(list), defaultdict(int)
    for username in ROLES:
        client = client_for(get_user_model().objects.get(username=username))
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
        for url, chunks in walk(client, "/admin/" if username == "admin" else "/"):
            pages[username] += 1
            problems += _problems_of(url, chunks)
            text = "\n".join(chunks)
            for name, pattern in DATE_FORMATS.items():
                if pattern.search(text):
                    formats[name].append(f"{url} ({pattern.search(text).group()})")
    assert min(pages.values()) >= 3 and len(pages) == len(ROLES), f"too few pages reached: {dict(pages)}"
    for name, urls in formats.items():
        if name != "dd.mm.åååå":
            problems.append(f"dates as {name} besides dd.mm.åååå on {len(urls)} pages, e.g. {urls[:3]}")
    problems = sorted(set(problems))
    assert not problems, f"{len(problems)} problems on {dict(pages)} pages:\n" + "\n".join(problems)
