"""Danish is the default language: every string of the catalogue is translated and compiled."""

import gettext
from pathlib import Path

import polib
from django.conf import settings

PO = Path(settings.BASE_DIR, "locale", "da", "LC_MESSAGES", "django.po")
MO = PO.with_suffix(".mo")


def test_every_string_has_a_danish_translation():
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
    assert not missing, f"untranslated: {missing[:20]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:20]}"


def test_compiled_catalogue_matches_the_source():
    """The committed .mo is what a fresh checkout serves without gettext installed."""
    compiled = gettext.GNUTranslations(MO.open("rb"))
    catalogue = polib.pofile(str(PO))
    stale = [
        e.msgid
        for e in catalogue
        if not e.obsolete and not e.msgid_plural and compiled.gettext(e.msgid) != e.msgstr
    ]
    assert not stale, f"django.mo is out of date for: {stale[:20]} (run `make messages`)"


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(PO))
    for entry in catalogue:
        if "python-format" in entry.flags and entry.msgstr:
            for token in ("%(", "%s", "%d"):
                assert entry.msgid.count(token) == entry.msgstr.count(token), entry.msgid


def test_catalogue_holds_every_string_of_the_code(tmp_path, settings, monkeypatch):
    """Extract the strings again from a copy of the code: none may be missing from the catalogue."""
    import shutil

    from django.core.management import call_command

    base = Path(settings.BASE_DIR)
    for folder in ("helhedsplan", "cases", "activities", "reporting", "templates"):
        if (base / folder).exists():
            shutil.copytree(base / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(base / "locale", tmp_path / "locale")
    # makemessages writes into the first locale path; point it at the copy, never at the real catalogue.
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["da"], no_location=True, verbosity=0)
    extracted = polib.pofile(str(tmp_path / "locale/da/LC_MESSAGES/django.po"))
    fresh = {e.msgid for e in extracted if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(PO)) if not e.obsolete}
    missing = sorted(fresh - committed)
    assert not missing, f"strings missing from the catalogue (run `make messages`): {missing[:20]}"
