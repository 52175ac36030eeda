"""One identity matcher: every way Danes write about a person in free text.

Given one or more people (a resident: name, address, phone, e-mail), an
`IdentityMatcher` finds them in free text and replaces them with a neutral
marker. Erasure, the access request (indsigt) and the status note's identity
scan all use it, so a spelling one of them recognises, all of them recognise.

What is recognised, case-insensitively, with æ/ae, ø/oe, å/aa and é/e
matching each other in both directions (also ä/ö of Swedish and German names):

* the full name, the first name with the surname (middle names left out or
  not), the initial with the surname ("R. Hansen"), "surname, first name";
* each part of the name alone (the first name only if asked for, see below),
  unless it is shorter than three letters or an ordinary Danish word
  (`COMMON_WORDS`);
* every one of these in the possessive: Hansens, Jensen's, Jensens', Lars';
* the address: street and house number (12A, 12 A, 12-a), with or without
  the floor and door in any usual form (2. tv., st. th., 1.sal, 3 mf, kl.,
  "2. sal til venstre"), with or without a comma, and the postcode and town
  when the address holds them; the street name may be written apart from its
  suffix ("Sjælør Vej");
* the phone number in every usual Danish form: 8 digits in any grouping
  (2-2-2-2, 4-4, none) with spaces, dots or dashes, with or without +45,
  0045, (+45) or a bare 45 in front;
* the e-mail address.

Boundaries are look-arounds on letters and digits rather than `\\b`, so a value
starting with "+" or ending with "." is matched as a whole.

Policy on names alone. Very common surnames (Hansen, Jensen, Nielsen …) *are*
matched alone: in a text about a resident called Hansen, "Hansen" is that
resident more often than not, and cutting a namesake out of a note costs
little next to leaving the resident in it. What is not matched alone is a
name part that is an ordinary word a caretaker writes in a note (Skov, Lund,
Foged, Hans, Per …), because every "foged" (bailiff) in an eviction case would
be cut; these are still matched as part of the full name ("Anna Skov"). The
first name alone is matched when the caller asks for it (erasure and the
access request, where over-redaction is cheap); the status-note scan leaves
it out, since among a plan's hundreds of residents every colleague's or
partner's first name would stop the note.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

#: Name parts that are also ordinary words in a caretaker's note, and so are not matched *alone*
#: (nor in the possessive). The full name still is. Kept small on purpose: each is a Danish
#: first name or surname *and* a word that turns up in casework text.
COMMON_WORDS = frozenset(
    {
        # first names that are words: "his", "per (day)", "live", "stone", "life", "field", "day", "sun"
        "hans", "per", "bo", "sten", "liv", "mark", "dag", "sol", "storm", "rose", "maj", "lykke",
        "ask", "bjørn", "ulf", "ravn", "alle", "kim", "bent", "have",
        # surnames that are words: bailiff, forest, grove, islet, valley, dove, white, brown …
        "foged", "skov", "lund", "holm", "dal", "due", "hvid", "brun", "frost", "vinter", "sommer",
        "lind", "høj", "lang", "bonde", "smed", "kok", "bager", "fisker", "krog", "strand", "bæk",
        "gade", "vej", "bro", "toft", "svane", "falk", "ulv", "bjerg", "sø", "berg", "borg", "hus",
        "kjær", "kær", "mose", "eng", "vang", "bak", "bang", "glad", "rask", "ny", "lille", "store",
    }
)  # fmt: skip

#: Danish and a few European letters, spelled in ASCII (the canonical form everything is compared in).
_ASCII_SPELLING = {
    "æ": "ae",
    "ä": "ae",
    "ø": "oe",
    "ö": "oe",
    "å": "aa",
    "é": "e",
    "è": "e",
    "ê": "e",
    "ë": "e",
    "á": "a",
    "à": "a",
    "ü": "u",
    "í": "i",
    "ó": "o",
}
# Not inside a word or a number; written as look-arounds so that "+45 …" and "… 2. tv." match whole.
_START = r"(?<![\w])"
_END = r"(?![\w])"
_POSSESSIVE = r"(?:['’´]s|s['’´]?|['’´])?"
#: After a name: the possessive, then the end of the word.
_NAME_END = _POSSESSIVE + _END
_SEP = r"[\s\-]+"
# Floor and door. "2." / "2.sal" / "2 sal" / "st." / "stuen" / "kl." / "kælder"; "tv" / "t.v." / "th" /
# "mf" / "til venstre" / "midtfor" / "dør 3". A bare "2" is a floor only with "." or "sal" or a door.
_DOOR = (
    r"(?:t\.?\s?[hv]|m\.?\s?f|til\s+(?:hoejre|venstre)|midt(?:for)?|doer\s*\d{1,3}[a-z]?)"
    r"(?![\w])\.?"
)
_FLOOR = (
    r"(?:\d{1,2}\s*(?:\.(?:\s*sal(?![\w])\.?)?|sal(?![\w])\.?|(?=[\s,.]*" + _DOOR + r"))"
    r"|st(?:uen)?(?![\w])\.?|kl(?![\w])\.?|kaelder(?:en)?(?![\w])|parterre(?![\w]))"
)
FLOOR_AND_DOOR = rf"(?:\s*,?\s*{_FLOOR}(?:\s*,?\s*{_DOOR})?|\s*,?\s*{_DOOR})"
_STREET_SUFFIXES = (
    "vej", "gade", "allé", "alle", "boulevard", "plads", "parken", "park", "vænget", "stræde", "torv",
    "have", "haven", "høj", "højen", "bakken", "stien", "sti", "toften", "gården", "hegnet", "engen",
    "lunden", "marken", "vang", "vangen", "kvarter", "parkvej", "ringen", "bakke", "tofte",
)  # fmt: skip
_PHONE_SEP = r"[\s.\-]?"
_PHONE_PREFIX = r"(?:(?:\+|00)\s?45|\(\s?\+?45\s?\)|45(?=[\s.\-]?\d{8}(?!\d))|45(?=[\s.\-]\d))"
_ADDRESS = re.compile(
    r"^(?P<street>.*?[^\W\d].*?)\s*(?P<number>\d{1,4})\s*-?\s*(?P<letter>[a-zæøå](?![\w]))?(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_POSTCODE_TOWN = re.compile(r"(?<!\d)(?P<postcode>\d{4})\s+(?P<town>[^\d,]+?)\s*$")


def ascii_spelling(text: str) -> str:
    """The canonical, lower-case ASCII spelling of Danish text ("Sjælør" -> "sjaeloer")."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(_ASCII_SPELLING.get(ch, ch) for ch in text)


def spelling_pattern(word: str) -> str:
    """A regex for `word` in the canonical spelling the text is matched in (see `_canonical`)."""
    out = []
    for ch in ascii_spelling(word):
        if ch.isspace():
            out.append(r"\s+")
        elif ch == ".":
            out.append(r"\.?\s*")
        elif ch == "-":
            out.append(r"[\s\-]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _canonical(text: str) -> tuple[str, list[int]]:
    """The text in its canonical spelling, and for each of its characters the position it came from.

    Matching the canonical text (rather than a pattern of every spelling) makes "Baå", "Baaa" and
    "BAÅ" the same word however the letters pair up.
    """
    out, origin = [], []
    for position, ch in enumerate(text):
        for spelled in ascii_spelling(ch):
            out.append(spelled)
            origin.append(position)
    return "".join(out), origin


def _name_parts(name: str) -> list[str]:
    return [part for part in re.split(r"\s+", unicodedata.normalize("NFC", name).strip()) if part]


def _alone_allowed(part: str) -> bool:
    letters = re.sub(r"[\W\d_]", "", ascii_spelling(part))
    return len(letters) >= 3 and ascii_spelling(part).strip(".") not in _common_words_ascii()


@functools.cache
def _common_words_ascii() -> frozenset[str]:
    """`COMMON_WORDS` in their canonical spelling (spelled once, not once per name part)."""
    return frozenset(ascii_spelling(w) for w in COMMON_WORDS)


class Form(NamedTuple):
    """One way a person is written, as a regex in three: `start` (zero-width), `core`, `end` — so that
    forms that start and end alike can share them (`alternation`)."""

    rank: int
    start: str
    core: str
    end: str

    @property
    def pattern(self) -> str:
        return self.start + self.core + self.end


def name_forms(name: str, *, first_name_alone: bool) -> list[Form]:
    """Every way the name is written; a higher rank (specificity) is tried first."""
    parts = _name_parts(name)
    if not parts:
        return []
    found: list[tuple[int, str]] = []
    if len(parts) >= 2:
        first, middle, last = parts[0], parts[1:-1], parts[-1]
        optional_middle = "".join(rf"(?:{_SEP}{spelling_pattern(m)})?" for m in middle)
        found.append((3, spelling_pattern(first) + optional_middle + _SEP + spelling_pattern(last)))
        found.append((3, rf"{spelling_pattern(last)}\s*,\s*{spelling_pattern(first)}"))
        initial = spelling_pattern(first[0])
        found.append((2, rf"{initial}\.\s*" + optional_middle + r"\s*" + spelling_pattern(last)))
        if "-" in last:  # a double surname: each half is a part of its own
            parts = [first, *middle, *last.split("-"), last]
    alone = parts if first_name_alone or len(parts) == 1 else parts[1:]
    for part in alone:
        if _alone_allowed(part):
            found.append((1, spelling_pattern(part)))
    return [Form(rank, _START, f"(?:{pattern})", _NAME_END) for rank, pattern in found]


def _street_pattern(street: str) -> str:
    """The street name, its suffix written together or apart ("Sjælørvej" / "Sjælør Vej")."""
    canonical = ascii_spelling(street.strip().rstrip(","))
    for suffix in sorted({ascii_spelling(s) for s in _STREET_SUFFIXES}, key=len, reverse=True):
        stem = canonical.removesuffix(suffix).rstrip(" -")
        if canonical.endswith(suffix) and len(stem) >= 2:
            return spelling_pattern(stem) + r"[\s\-]?" + spelling_pattern(suffix)
    return spelling_pattern(canonical)


def address_form(address: str) -> Form | None:
    """Street and house number (with letter), then any floor and door, then the postcode and town;
    what follows the number (the same for many addresses) is the form's end."""
    text = " ".join(unicodedata.normalize("NFC", address).split())
    match = _ADDRESS.match(text)
    if not match or len(re.sub(r"\W", "", match["street"])) < 3:
        return None
    number = rf"{match['number']}(?!\d)"
    if match["letter"]:
        number += rf"(?:\s?-?\s?{spelling_pattern(match['letter'])}(?![\w]))?"
    tail = ""
    town = _POSTCODE_TOWN.search(match["rest"])
    if town:
        tail = rf"(?:\s*,?\s*{town['postcode']}(?:\s+{spelling_pattern(town['town'].strip())})?)?"
    street_and_number = rf"{_street_pattern(match['street'])}\.?\s*,?\s*{number}"
    return Form(0, _START, street_and_number, rf"{FLOOR_AND_DOOR}?{tail}(?![\w])")


def national_number(phone: str) -> str | None:
    """The 8-digit Danish number in a phone value (without +45 / 0045 / 45), or None."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) == 12 and digits.startswith("0045"):
        digits = digits[4:]
    elif len(digits) == 10 and digits.startswith("45"):
        digits = digits[2:]
    return digits if len(digits) == 8 else None


def phone_pattern(phone: str) -> str | None:
    number = national_number(phone)
    if number is None:
        digits = re.sub(r"\D", "", phone)
        if len(digits) < 6:  # a foreign number: its digits in any grouping
            return None
        number = digits
    digits = _PHONE_SEP.join(number)
    return rf"(?<![\w+])(?:{_PHONE_PREFIX}[\s.\-]*)?{digits}(?!\d)"


def email_pattern(email: str) -> str | None:
    email = email.strip()
    if "@" not in email:
        return None
    return rf"(?<![\w.+\-]){spelling_pattern(email)}(?![\w\-])"


@dataclass(frozen=True)
class Identity:
    """Who to look for. Build it from a resident with `Identity.of(resident)`."""

    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""

    @classmethod
    def of(cls, person) -> Identity:
        return cls(
            name=getattr(person, "name", "") or "",
            address=getattr(person, "address", "") or "",
            phone=getattr(person, "phone", "") or "",
            email=getattr(person, "email", "") or "",
        )


class Kind:
    NAME = "name"
    ADDRESS = "address"
    PHONE = "phone"
    EMAIL = "email"


#: What stands in a text where a person was. Translated when the text is written.
MARKERS = {
    Kind.NAME: _("[resident]"),
    Kind.ADDRESS: _("[address]"),
    Kind.PHONE: _("[phone]"),
    Kind.EMAIL: _("[e-mail]"),
}


@dataclass(frozen=True)
class Match:
    kind: str
    start: int
    end: int
    text: str


def _whole(pattern: str | None) -> Form | None:
    """A pattern that shares nothing with its neighbours as a form."""
    return Form(0, "", pattern, "") if pattern else None


def alternation(forms: Iterable[Form]) -> str:
    """The forms as one regex alternation, tried in their order.

    Neighbours that start and end alike share them: "S(?:A)E|S(?:B)E" is written "S(?:(?:A)|(?:B))E",
    which finds the same matches, trying them in the same order (the start is zero-width), and is a
    fraction of the pattern to compile — the floor and door after every address, the possessive after
    every name.
    """
    runs = []
    for (start, end), run in itertools.groupby(forms, key=lambda f: (f.start, f.end)):
        cores = [f.core for f in run]
        if len(cores) == 1:
            runs.append(start + cores[0] + end)
        else:
            runs.append(start + "(?:" + "|".join(f"(?:{core})" for core in cores) + ")" + end)
    return "|".join(runs)


class IdentityMatcher:
    """Finds and replaces the given people in free text (see the module's docstring)."""

    def __init__(self, people: Iterable, *, first_name_alone: bool = True, also: Iterable = ()):
        """`people` are matched as set out above; `also` the same but never by the first name alone."""
        people = [(p if isinstance(p, Identity) else Identity.of(p), first_name_alone) for p in people]
        people += [(p if isinstance(p, Identity) else Identity.of(p), False) for p in also]
        identities = [identity for identity, _alone in people]
        by_kind: dict[str, set[Form]] = {k: set() for k in MARKERS}
        for identity, alone in people:
            by_kind[Kind.NAME].update(name_forms(identity.name, first_name_alone=alone))
            for kind, form in (
                (Kind.ADDRESS, address_form(identity.address) if identity.address else None),
                (Kind.PHONE, _whole(phone_pattern(identity.phone)) if identity.phone else None),
                (Kind.EMAIL, _whole(email_pattern(identity.email)) if identity.email else None),
            ):
                if form:
                    by_kind[kind].add(form)
        # At one position the e-mail wins over the address, the address over the phone and the name,
        # and a longer form of a name over a shorter one (regex alternation takes the first that fits).
        groups = []
        for kind in (Kind.EMAIL, Kind.ADDRESS, Kind.PHONE, Kind.NAME):
            forms = sorted(by_kind[kind], key=lambda f: (-f.rank, -len(f.pattern)))
            if forms:
                groups.append(f"(?P<{kind}>{alternation(forms)})")
        self._regex = re.compile("|".join(groups), re.IGNORECASE) if groups else None
        self._identities = identities

    @functools.cached_property
    def _full_names(self) -> list[re.Pattern]:
        """Each person's full name in all its forms, for `is_name_of` (compiled when first asked for:
        finding and redacting do without them)."""
        return [
            re.compile(form.pattern, re.IGNORECASE)
            for i in self._identities
            for form in name_forms(i.name, first_name_alone=False)
            if form.rank >= 2
        ]

    def __bool__(self) -> bool:
        return self._regex is not None

    def _matches(self, text: str):
        """(kind, start, end) in `text` for every mention, found in its canonical spelling."""
        canonical, origin = _canonical(text)
        for m in self._regex.finditer(canonical):
            if m.end() > m.start():
                yield m.lastgroup, origin[m.start()], origin[m.end() - 1] + 1

    def find(self, text: str) -> list[Match]:
        """Every mention in `text` (positions are in its NFC form)."""
        if not text or self._regex is None:
            return []
        text = unicodedata.normalize("NFC", text)
        return [Match(kind, start, end, text[start:end]) for kind, start, end in self._matches(text)]

    def redact(self, text: str, *, keep: IdentityMatcher | None = None) -> str:
        """`text` with every mention replaced by its marker ("[beboer]", "[adresse]" …).

        A name inside a full name of someone in `keep` stays: in Rita Hansen's access request,
        another Rita's first name does not cut "Rita" out of "Rita Hansen".
        """
        if not text or self._regex is None:
            return text
        normalised = unicodedata.normalize("NFC", text)
        kept = [(m.start, m.end) for m in keep.find(normalised) if m.kind == Kind.NAME] if keep else []
        pieces, position = [], 0
        for kind, start, end in self._matches(normalised):
            if kind == Kind.NAME and any(s <= start and end <= e for s, e in kept):
                continue
            pieces += [normalised[position:start], str(MARKERS[kind])]
            position = end
        if not pieces:
            return text
        return "".join(pieces) + normalised[position:]

    def is_name_of(self, value: str) -> bool:
        """Whether `value` is, as a whole, one of the people's full names (in any spelling)."""
        canonical, _origin = _canonical(unicodedata.normalize("NFC", value.strip()))
        return any(p.fullmatch(canonical) for p in self._full_names)
