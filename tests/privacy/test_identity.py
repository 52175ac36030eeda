"""The identity matcher finds a person the way Danes write about them, and leaves ordinary words alone.

Names, addresses, phone numbers and e-mails are generated (with Danish letters, floor/door forms, every
grouping of the digits), written into a note in the usual forms (genitive, ASCII spelling, capitalised
differently), and the note must come back with each mention replaced by its marker and nothing else
changed. All generated people are fictional.
"""

import dataclasses
import re
from unittest import mock

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cases.privacy import identity as identity_module
from cases.privacy.identity import (
    COMMON_WORDS,
    MARKERS,
    Identity,
    IdentityMatcher,
    Kind,
    ascii_spelling,
)

NAME = str(MARKERS[Kind.NAME])
ADDRESS = str(MARKERS[Kind.ADDRESS])
PHONE = str(MARKERS[Kind.PHONE])
EMAIL = str(MARKERS[Kind.EMAIL])

#: Ordinary words of a caretaker's note, floor and time words included ("kl. 10", "2. sal", "st.").
ORDINARY = [
    "vi",
    "talte",
    "med",
    "naboen",
    "om",
    "huslejen",
    "og",
    "gælden",
    "i",
    "dag",
    ".",
    "hun",
    "ringede",
    "kl.",
    "10",
    "og",
    "igen",
    "kl.",
    "14",
    ",",
    "fogeden",
    "kommer",
    "på",
    "torsdag",
    ";",
    "støj",
    "fra",
    "2.",
    "sal",
    "og",
    "fra",
    "st.",
    "tv.",
    "i",
    "opgangen",
    ".",
    "skoven",
    "bag",
    "blok",
    "3",
    "er",
    "ryddet",
    ".",
    "mødet",
    "varede",
    "40",
    "minutter",
    ",",
    "12",
    "deltog",
    ".",
    "afdragsordning",
    "på",
    "500",
    "kr.",
    "om",
    "måneden",
    "aftalt",
    "med",
    "boligselskabet",
    ".",
    "henvist",
    "til",
    "kommunens",
    "boligrådgiver",
    ".",
    "hans",
    "søster",
    "hjalp",
    ".",
    "per",
    "aften",
    "2",
    "besøg",
    ".",
    "lund",
    "og",
    "holm",
    "i",
    "parken",
    ".",
    "han",
    "bor",
    "der",
    "stadig",
    ".",
    "næste",
    "møde",
    "3.",
    "juni",
    ".",
]

LETTERS = "abdefghijklmnoprstuvyæøå"
_ordinary_ascii = {ascii_spelling(w) for w in ORDINARY} | {ascii_spelling(w) for w in COMMON_WORDS}


def _is_a_name(word: str) -> bool:
    a = ascii_spelling(word)
    return len(a) >= 3 and a not in _ordinary_ascii and a.rstrip("s") not in _ordinary_ascii


name_part = (
    st.text(alphabet=LETTERS, min_size=3, max_size=8)
    .map(str.capitalize)
    .filter(lambda w: _is_a_name(w) and re.search("[aeiouyæøå]", w))
)
surname = st.one_of(name_part, name_part.map(lambda w: w + "sen"))
floor_door = st.sampled_from(
    [
        "",
        ", 2. tv.",
        ", st. th.",
        " 1.sal",
        ", 3. mf",
        ", kl.",
        " 2 th",
        ", 4. sal til venstre",
        ", st.",
        ", 1. t.v.",
        " 2. tv",
        ", 5.",
    ]
)


@st.composite
def people(draw):
    first, last = draw(name_part), draw(surname)
    assume(ascii_spelling(first) != ascii_spelling(last))
    middle = draw(st.sampled_from(["", draw(name_part)]))
    street = draw(name_part) + draw(st.sampled_from(["vej", "gade", "allé", "vænget", "stræde", "parken"]))
    number = draw(st.integers(1, 250))
    letter = draw(st.sampled_from(["", "A", "b"]))
    digits = str(draw(st.integers(2, 9))) + "".join(str(draw(st.integers(0, 9))) for _ in range(7))
    name = " ".join(p for p in (first, middle, last) if p)
    return {
        "identity": Identity(
            name=name,
            address=f"{street} {number}{letter}{draw(floor_door)}",
            phone=draw(st.sampled_from(["", "+45 ", "0045"])) + digits,
            email=f"{ascii_spelling(first)}.{ascii_spelling(last)}@eksempel.dk",
        ),
        "first": first,
        "middle": middle,
        "last": last,
        "street": street,
        "number": number,
        "letter": letter,
        "digits": digits,
    }


def spellings(word: str):
    """The word as written: as it is, in ASCII, in capitals, in lower case."""
    return st.sampled_from([word, ascii_spelling(word).capitalize(), word.upper(), word.lower()])


@st.composite
def name_mention(draw, p):
    first, middle, last = p["first"], p["middle"], p["last"]
    form = draw(
        st.sampled_from(
            ["full", "first_last", "last", "last_s", "last_apostrophe_s", "last_s_apostrophe", "initial"]
        )
    )
    last_written = draw(spellings(last))
    if form == "full":
        return " ".join(draw(spellings(w)) for w in (first, middle, last) if w)
    if form == "first_last":
        return f"{draw(spellings(first))} {last_written}"
    if form == "initial":
        return f"{first[0]}. {last_written}"
    suffix = {"last": "", "last_s": "s", "last_apostrophe_s": "'s", "last_s_apostrophe": "s'"}[form]
    return last_written + suffix


@st.composite
def address_mention(draw, p):
    street = draw(spellings(p["street"]))
    letter = p["letter"]
    if letter:
        letter = draw(st.sampled_from([letter, " " + letter.upper(), letter.lower()]))
    rest = draw(floor_door)
    if rest.startswith(" ") and draw(st.booleans()):
        rest = "," + rest  # "12, 1.sal" as well as "12 1.sal"
    return f"{street} {p['number']}{letter}{rest}"


@st.composite
def phone_mention(draw, p):
    d = p["digits"]
    grouped = draw(
        st.sampled_from(
            [
                d,
                " ".join(d[i : i + 2] for i in range(0, 8, 2)),
                ".".join(d[i : i + 2] for i in range(0, 8, 2)),
                "-".join(d[i : i + 2] for i in range(0, 8, 2)),
                f"{d[:4]} {d[4:]}",
                f"{d[:4]}-{d[4:]}",
                f"{d[:3]} {d[3:5]} {d[5:]}",
            ]
        )
    )
    prefix = draw(st.sampled_from(["", "+45 ", "+45", "0045 ", "0045", "45 ", "(+45) "]))
    return prefix + grouped


def ordinary_words(min_size=0, max_size=6):
    return st.lists(st.sampled_from(ORDINARY), min_size=min_size, max_size=max_size).map(" ".join)


@st.composite
def note_about(draw, p):
    """(text, expected): ordinary words with mentions of `p` in them, and the text as it must come back."""
    slots = draw(
        st.lists(st.sampled_from([Kind.NAME, Kind.ADDRESS, Kind.PHONE, Kind.EMAIL]), min_size=1, max_size=5)
    )
    written, expected = [], []
    for kind in slots:
        words = draw(ordinary_words())
        if kind == Kind.NAME:
            mention = draw(name_mention(p))
        elif kind == Kind.ADDRESS:
            mention = draw(address_mention(p))
        elif kind == Kind.PHONE:
            mention = draw(phone_mention(p))
        else:
            mention = draw(st.sampled_from([p["identity"].email, p["identity"].email.upper()]))
        # After an address, "kl." or "st." would read as its floor: a word in between keeps it apart.
        after = "og" if kind == Kind.ADDRESS else ""
        written += [words, mention, after]
        expected += [words, str(MARKERS[kind]), after]
    tail = draw(ordinary_words())
    return " ".join(w for w in [*written, tail] if w), " ".join(w for w in [*expected, tail] if w)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_written_form_of_a_person_is_replaced_and_nothing_else(data):
    p = data.draw(people())
    text, expected = data.draw(note_about(p))
    assert IdentityMatcher([p["identity"]]).redact(text) == expected


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_nothing_of_the_person_survives_redaction(data):
    p = data.draw(people())
    text, _expected = data.draw(note_about(p))
    redacted = ascii_spelling(IdentityMatcher([p["identity"]]).redact(text))
    words = set(re.findall(r"\w+", redacted))
    for part in (p["first"], p["last"]):
        assert not {ascii_spelling(part), ascii_spelling(part) + "s"} & words, (text, redacted)
    assert ascii_spelling(p["street"]) not in redacted
    assert p["digits"] not in re.sub(r"[\s.\-+()]", "", redacted)
    assert "@" not in redacted


@settings(max_examples=100, deadline=None)
@given(p=people(), text=ordinary_words(min_size=1, max_size=40))
def test_ordinary_text_is_left_alone(p, text):
    assert IdentityMatcher([p["identity"]]).redact(text) == text


@settings(max_examples=100, deadline=None)
@given(p=people(), other_number=st.integers(1, 250), other_digits=st.integers(20000000, 99999999))
def test_a_neighbours_address_and_another_number_are_left_alone(p, other_number, other_digits):
    assume(other_number != p["number"] and str(other_digits) != p["digits"])
    text = f"Naboen i {p['street']} {other_number} har nummer {other_digits} ."
    assert IdentityMatcher([p["identity"]]).redact(text) == text


def test_a_surname_that_is_an_ordinary_word_is_matched_only_in_the_full_name():
    matcher = IdentityMatcher([Identity(name="Kirsten Foged")])
    assert matcher.redact("Fogeden og foged Kirsten Foged's søn") == f"Fogeden og foged {NAME} søn"


def test_a_very_common_surname_and_its_genitive_are_matched_alone():
    matcher = IdentityMatcher([Identity(name="Gurli Hansen")])
    assert matcher.redact("Hansens søn ringede; Hansen kom ikke; Hansensvej 3") == (
        f"{NAME} søn ringede; {NAME} kom ikke; Hansensvej 3"
    )


def test_the_first_name_alone_only_when_asked_for():
    identity = Identity(name="Yrsa Fiktivsen")
    assert IdentityMatcher([identity]).redact("Yrsas mor") == f"{NAME} mor"
    assert IdentityMatcher([identity], first_name_alone=False).redact("Yrsas mor") == "Yrsas mor"


def test_values_that_start_with_plus_or_end_with_a_dot_are_matched_whole():
    matcher = IdentityMatcher([Identity(address="Opdigtet Allé 3, 2. tv.", phone="+45 31 41 59 26")])
    assert matcher.redact("Ring +45 31 41 59 26. Bor Opdigtet Alle 3 2.tv. nu.") == (
        f"Ring {PHONE}. Bor {ADDRESS} nu."
    )


def test_keep_protects_the_requesters_own_full_name():
    other = IdentityMatcher([Identity(name="Rita Fiktivsen")])
    own = IdentityMatcher([Identity(name="Rita Opdigtsen")], first_name_alone=False)
    assert other.redact("Rita Opdigtsen og Rita Fiktivsen", keep=own) == f"Rita Opdigtsen og {NAME}"


TOWNS = ["", ", 2300 København S", " 2200 København N"]


@st.composite
def neighbours(draw):
    """Two to six people, most in the first one's street, some with the postcode and town written."""
    found = draw(st.lists(people(), min_size=2, max_size=6))
    street = found[0]["street"]
    for p in found:
        if draw(st.booleans()):
            p["street"] = street
        p["town"] = draw(st.sampled_from(TOWNS))
        address = f"{p['street']} {p['number']}{p['letter']}{draw(floor_door)}{p['town']}"
        p["identity"] = dataclasses.replace(p["identity"], address=address)
    return found


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_many_people_are_found_as_the_alternation_of_all_their_forms_would_find_them(data):
    """The matcher writes the forms that start and end alike as one (a pattern a fraction of the size,
    compiled in a fraction of the time): what it finds is what the forms one by one would find."""
    found = data.draw(neighbours())
    # Each one's note, and their address once more with a town written after it (theirs or another).
    text = " og ".join(
        f"{data.draw(note_about(p))[0]} {data.draw(address_mention(p))}{data.draw(st.sampled_from(TOWNS))}"
        for p in found
    )
    identities = [p["identity"] for p in found]
    matcher = IdentityMatcher(identities)
    one_by_one = lambda forms: "|".join(form.pattern for form in forms)  # noqa: E731
    with mock.patch.object(identity_module, "alternation", one_by_one):
        reference = IdentityMatcher(identities)
    assert len(matcher._regex.pattern) < len(reference._regex.pattern)
    assert matcher.find(text) == reference.find(text)
    assert matcher.redact(text) == reference.redact(text)
