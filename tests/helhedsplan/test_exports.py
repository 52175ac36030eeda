"""Every CSV and XLSX the app produces: text that looks like a formula is shown, never run (OWASP
CSV injection), numbers and dates stay numbers and dates, one CSV convention for Danish Excel."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import CaseType
from helhedsplan import exports
from tests import factories
from tests.activities import builders as activity_builders
from tests.cases.builders import make_case
from tests.export_readers import read_csv, read_xlsx
from tests.notes.factories import make_note, plan_with_figures

#: Cell starts a spreadsheet would run: formulas, DDE commands, a hyperlink, tab and carriage return.
HOSTILE = [
    '=HYPERLINK("http://evil.example.org","Klik")',
    "+45 12 34 56 78",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def assert_neutralised(text: str, hostile: str) -> None:
    assert text == "'" + hostile, f"{text!r} was not neutralised"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_the_writer_neutralises_every_dangerous_start_in_csv_and_xlsx(hostile):
    table = exports.Table(
        "Ark",
        [
            exports.Column("Tekst"),
            exports.Column("Tal", exports.NUMBER),
            exports.Column("Dato", exports.DATE),
        ],
        [[hostile, -4.6, datetime.date(2019, 3, 7)], ["Almindelig tekst", 25, None]],
    )
    lines = table_lines(exports.table_csv(table))
    assert_neutralised(lines[1][0], hostile)
    assert lines[1][1:] == ["-4,6", "07-03-2019"]  # a negative number stays a number, decimal comma
    assert lines[2] == ["Almindelig tekst", "25", ""]

    sheet = load_workbook(io.BytesIO(exports.tables_xlsx([table]))).active
    assert sheet["A2"].data_type == "s"  # text, not a formula ("f")
    assert_neutralised(sheet["A2"].value, hostile)
    assert (sheet["B2"].value, sheet["B2"].data_type) == (-4.6, "n")
    assert sheet["C2"].is_date and sheet["C2"].value.date() == datetime.date(2019, 3, 7)
    assert sheet["C2"].number_format == "dd-mm-yyyy"


def test_a_numeric_column_refuses_text():
    table = exports.Table("Ark", [exports.Column("Tal", exports.NUMBER)], [["<5"]])
    with pytest.raises(ValueError):
        exports.tables_xlsx([table])


def table_lines(data: bytes) -> list[list[str]]:
    import csv

    text = data.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


# A housing organisation's short name holds at most 20 characters (PostgreSQL enforces it).
HOSTILE_SHORT_NAME = '=HYPERLINK("x.dk")'


def test_the_case_export_neutralises_text_and_keeps_figures(world, as_leader):
    department = factories.make_department(world.plan_a, org=HOSTILE_SHORT_NAME, code=HOSTILE[3])
    make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        department=department,
        arrears_dkk=12500,
    )
    url = reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk})
    header, row = read_csv(as_leader.get(url))
    assert header[0] == "Sagsnummer" and "Status" in header  # Danish headers by default
    cells = dict(zip(header, row, strict=True))
    assert_neutralised(cells["Boligselskab"], HOSTILE_SHORT_NAME)
    assert_neutralised(cells["Afdeling"], HOSTILE[3])
    assert cells["Status"] == "Åben" and cells["Type"] == "Udsættelsessag"  # words, not codes
    assert cells["Oprettet den"] == "01-05-2019" and cells["Huslejerestance (kr.)"] == "12500"

    workbook = read_xlsx(
        as_leader.get(reverse("cases:case_export_xlsx", kwargs={"plan_id": world.plan_a.pk}))
    )
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert_neutralised(row["Boligselskab"].value, HOSTILE_SHORT_NAME)
    assert row["Boligselskab"].data_type == "s"
    assert row["Sagsnummer"].data_type == "n"
    assert row["Oprettet den"].is_date and row["Huslejerestance (kr.)"].data_type == "n"


def test_the_logbook_export_neutralises_text_and_keeps_figures(world, as_leader):
    activity_builders.activity(
        world.plan_a, title=HOSTILE[0], place=HOSTILE[2], note=HOSTILE[4], residents=34, children=9
    )
    url = reverse("activities:export_csv", kwargs={"plan_id": world.plan_a.pk})
    header, row = read_csv(as_leader.get(url))
    cells = dict(zip(header, row, strict=True))
    assert_neutralised(cells["Titel"], HOSTILE[0])
    assert_neutralised(cells["Notat"], HOSTILE[4])
    assert cells["Dato"] == "05-05-2018"

    workbook = read_xlsx(
        as_leader.get(reverse("activities:export_xlsx", kwargs={"plan_id": world.plan_a.pk}))
    )
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert_neutralised(row["Titel"].value, HOSTILE[0])
    assert row["Titel"].data_type == "s"
    assert row["Dato"].is_date
    assert (row["Deltagende beboere"].value, row["Deltagende beboere"].data_type) == (34, "n")


def test_the_note_workbook_neutralises_criterion_titles_and_prose(world):
    from reporting.models import SuccessCriterion

    plan, _initiative, _department = plan_with_figures(world)
    SuccessCriterion.objects.filter(plan=plan, code="F2").update(title=HOSTILE[0])
    note = make_note(plan, world.leader_a, stage="published")
    response = as_board_client(world).get(
        reverse("notes:export_xlsx", kwargs={"plan_id": plan.pk, "pk": note.pk})
    )
    sheet = read_xlsx(response).worksheets[0]
    titles = {c.value for c in sheet["B"][1:] if c.value}
    assert "'" + HOSTILE[0] in titles
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def as_board_client(world):
    from tests.conftest import client_for

    return client_for(world.board_a)
