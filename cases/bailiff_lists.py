"""Bailiff and arrears lists (fogedlister / restancelister) from the housing organisations.

A caretaker uploads a list; it is read by the one table reader, every row checked, and matched against
the plan's residents and open eviction-prevention cases:

* *case*  — a resident of the list has an open eviction-prevention case: its bailiff's date can be updated;
* *new*   — the tenancy is in one of the plan's departments (or the resident is known), no open case:
            a case can be opened in one click, pre-filled;
* *outside* — neither: not this plan's.

Nothing is written without a caretaker's click, and the file is not kept. The parsed rows are not stored
on the server either (not in the database, not in the session): the triage page carries them, signed, in
its own form, so they exist only in the caretaker's open page and expire after `MAX_AGE_SECONDS`; a click
sends them back, and the signature proves they are the rows the app read.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core import signing
from django.utils.translation import gettext as _

from helhedsplan.models import Department, Plan
from helhedsplan.tables import FileProblem, match_header, read_table

from .models import Case, CaseParty, CaseStatus, CaseType, Resident

MAX_ROWS = 1_000
MAX_AGE_SECONDS = 4 * 60 * 60
MAX_ARREARS = 10_000_000
SIGNING_SALT = "cases.bailiff_lists"
COLUMNS = {
    "name": ["navn", "lejer", "lejers navn"],
    "address": ["adresse", "lejemålets adresse"],
    "bailiff_date": ["fogeddato", "fogedforretning", "udsættelsesdato", "dato for udsættelse", "bailiff"],
}
OPTIONAL = {
    "department": ["afdeling", "afd", "afd nr", "afdelingsnummer"],
    "tenancy": ["lejemål", "lejemålsnummer", "lejemaalsnr", "lejenummer", "lejemål nr"],
    "arrears": ["restance", "restance kr", "beløb", "arrears dkk"],
    "scheduled": [
        "berammet",
        "berammet den",
        "udsættelse berammet",
        "berammelsesdato",
        "eviction scheduled on",
    ],
}
DANISH_HEADER = ["afdeling", "lejemål", "adresse", "navn", "restance", "berammet", "fogeddato"]
CASE, NEW, OUTSIDE = "case", "new", "outside"
_DATE = re.compile(r"^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{2}|\d{4})$")


def parse_date(text: str) -> datetime.date | None:
    """'2026-12-03', '3.12.2026', '03-12-2026', '3/12/26' -> date; raises ValueError; '' -> None."""
    text = text.strip()
    if not text:
        return None
    if match := _DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        year += 2000 if year < 100 else 0
        day_ = datetime.date(year, month, day)
    else:
        day_ = datetime.date.fromisoformat(text[:10])
    if not 2000 <= day_.year <= 2100:
        raise ValueError(text)
    return day_


def parse_amount(text: str) -> int | None:
    text = text.strip().replace("kr.", "").replace("kr", "").replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") == 1 and len(text.split(".")[1]) == 3:
        text = text.replace(".", "")  # 12.500 = twelve thousand five hundred
    value = Decimal(text)
    if not value.is_finite() or not 0 <= value <= MAX_ARREARS:
        raise InvalidOperation
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


@dataclass
class ListRow:
    line: int
    name: str
    address: str
    department_code: str
    tenancy: str
    arrears: int | None
    scheduled: str  # ISO dates: the rows travel as signed JSON
    bailiff: str

    @property
    def scheduled_on(self):
        return datetime.date.fromisoformat(self.scheduled) if self.scheduled else None

    @property
    def bailiff_on(self):
        return datetime.date.fromisoformat(self.bailiff)


@dataclass
class ListReading:
    rows: list[ListRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    source: str = ""

    @property
    def ok(self):
        return not self.errors


def read_bailiff_list(content: bytes, filename: str) -> ListReading:
    reading = ListReading()
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS)
    except FileProblem as problem:
        reading.errors.append((problem.line, problem.message))
        return reading
    reading.source = table.described()
    filled = [(line, cells) for line, cells in zip(table.lines, table.rows, strict=True) if any(cells)]
    if not filled:
        reading.errors.append((1, _("The file is empty.")))
        return reading
    header_line, header = filled[0]
    positions = match_header(header, COLUMNS)
    if positions is None:
        reading.errors.append(
            (
                header_line,
                _(
                    "The first line must name the columns, e.g. %(header)s; "
                    "navn, adresse and fogeddato are needed."
                )
                % {"header": ";".join(DANISH_HEADER)},
            )
        )
        return reading
    for key, aliases in OPTIONAL.items():
        found = match_header(header, {key: aliases})
        if found:
            positions.update(found)
    if "department" not in positions and "tenancy" not in positions:
        reading.errors.append((header_line, _("The list needs a column afdeling or lejemål.")))
        return reading

    def cell(cells, key):
        position = positions.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for line, cells in filled[1:]:
        errors = []
        name, address = cell(cells, "name"), cell(cells, "address")
        if not name:
            errors.append(_("The name is missing."))
        tenancy = cell(cells, "tenancy")
        department = cell(cells, "department") or re.split(r"[-/ ]", tenancy, maxsplit=1)[0]
        dates = {}
        for key in ("scheduled", "bailiff_date"):
            text = cell(cells, key)
            try:
                dates[key] = parse_date(text)
            except ValueError:
                errors.append(
                    _("The date “%(value)s” is not a date (e.g. 3.12.2026).") % {"value": text[:40]}
                )
                dates[key] = None
        if not dates["bailiff_date"] and not any("“" in e for e in errors):
            errors.append(_("The bailiff's date is missing."))
        arrears_text = cell(cells, "arrears")
        try:
            arrears = parse_amount(arrears_text)
        except (InvalidOperation, ValueError):
            errors.append(
                _("The arrears “%(value)s” are not an amount from 0 to 10.000.000 kr.")
                % {"value": arrears_text[:40]}
            )
            arrears = None
        if errors:
            reading.errors.extend((line, message) for message in errors)
            continue
        reading.rows.append(
            ListRow(
                line=line,
                name=name[:200],
                address=address[:200],
                department_code=department[:30],
                tenancy=tenancy[:40],
                arrears=arrears,
                scheduled=dates["scheduled"].isoformat() if dates["scheduled"] else "",
                bailiff=dates["bailiff_date"].isoformat(),
            )
        )
    return reading


# --- The rows between the upload and the click ----------------------------------------------------


def rows_sign(*, plan: Plan, filename: str, rows: list[ListRow]) -> str:
    payload = {"plan": plan.pk, "file": filename[:100], "rows": [row.__dict__ for row in rows]}
    return signing.dumps(payload, salt=SIGNING_SALT, compress=True)


def rows_unsign(token: str, *, plan: Plan) -> tuple[str, list[ListRow]]:
    """(filename, rows) of a signed list of this plan; raises signing.BadSignature when forged or too old."""
    payload = signing.loads(token, salt=SIGNING_SALT, max_age=MAX_AGE_SECONDS)
    if payload.get("plan") != plan.pk:
        raise signing.BadSignature("another plan's list")
    return payload["file"], [ListRow(**row) for row in payload["rows"]]


# --- Matching ------------------------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"[\s,.]+", " ", text.casefold()).strip()


@dataclass
class Triage:
    row: ListRow
    status: str
    department: Department | None = None
    resident: Resident | None = None
    case: Case | None = None
    index: int = 0  # the row's position in the list

    @property
    def bailiff_changed(self) -> bool:
        return self.case is not None and self.case.bailiff_date != self.row.bailiff_on


def triage(plan: Plan, rows: list[ListRow]) -> list[Triage]:
    """Match the rows against the plan's departments, residents and open cases (three queries)."""
    departments = {d.code.casefold(): d for d in Department.objects.filter(plan=plan)}
    names = {_key(row.name) for row in rows}
    residents: dict[str, list[Resident]] = {}
    for resident in Resident.objects.filter(plan=plan).only(
        "pk", "name", "address", "department_id", "plan_id"
    ):
        if _key(resident.name) in names:
            residents.setdefault(_key(resident.name), []).append(resident)
    candidates = [r.pk for group in residents.values() for r in group]
    open_cases = {}
    parties = (
        CaseParty.objects.filter(
            resident_id__in=candidates,
            case__status=CaseStatus.OPEN,
            case__case_type=CaseType.EVICTION_PREVENTION,
            case__plan=plan,
        )
        .select_related("case")
        .order_by("case__opened_on")
    )
    for party in parties:
        open_cases.setdefault(party.resident_id, party.case)
    result = []
    for index, row in enumerate(rows):
        department = departments.get(row.department_code.casefold())
        matches = [
            r
            for r in residents.get(_key(row.name), [])
            if not r.address or not row.address or _key(r.address) == _key(row.address)
        ]
        resident = next((r for r in matches if r.pk in open_cases), matches[0] if matches else None)
        case = open_cases.get(resident.pk) if resident else None
        if case:
            status = CASE
        elif department or resident:
            status = NEW
        else:
            status = OUTSIDE
        result.append(
            Triage(row=row, status=status, department=department, resident=resident, case=case, index=index)
        )
    return result
