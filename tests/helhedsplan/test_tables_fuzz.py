"""Property-based: generated CSV and XLSX files, whole or damaged, through the reader and the import.

A generated table written the way Excel writes it reads back cell for cell; any damage to the bytes ends
in a `FileProblem` (a Danish message with a line) or a table, never another exception.
"""

import csv
import io
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from helhedsplan.tables import FileProblem, read_table
from reporting.services import statistics_import

# Text a spreadsheet cell holds: Danish letters, separators, quotes; no control characters.
CELL = st.text(
    st.characters(codec="cp1252", exclude_categories=("Cc", "Cs"), include_characters="æøåÆØÅé€;,\"' "),
    max_size=12,
).map(str.strip)
TABLE = st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8).filter(
    lambda rows: any(any(row) for row in rows) and any(rows[-1])
)
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def as_csv(rows, encoding):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def as_xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append([cell or None for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(rows=TABLE, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
@example(rows=[[",", ",", ","]], encoding="utf-8")  # semicolons between commas: the semicolon separates
def test_a_generated_csv_reads_back_cell_for_cell(rows, encoding):
    content = as_csv(rows, encoding)
    try:
        table = read_table(content, "t.csv", max_rows=100)
    except FileProblem:
        # Windows-1252 text holding "Ã" and a symbol looks like a UTF-8 letter too: refused, not guessed.
        assert encoding == "cp1252" and re.search(rb"\xc3[\x80-\xbf]", content)
        return
    if encoding == "cp1252" and table.encoding == "utf-8":
        # Windows-1252 bytes that are valid UTF-8 as well ("Ã¦"): read as UTF-8, as the rule says.
        assert content.decode("cp1252") != content.decode("utf-8") or content.isascii()
        if not content.isascii():
            return
    assert table.rows == rows


@FUZZ
@given(rows=TABLE.filter(lambda rows: not any(cell.startswith("=") for row in rows for cell in row)))
def test_a_generated_xlsx_reads_back_cell_for_cell(rows):
    table = read_table(as_xlsx(rows), "t.xlsx", max_rows=100)
    width = max(len(r) for r in table.rows)
    assert [r + [""] * (width - len(r)) for r in table.rows] == [r[:width] for r in rows[: len(table.rows)]]


@FUZZ
@given(
    rows=TABLE,
    kind=st.sampled_from(["csv", "xlsx"]),
    damage=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.floats(0.05, 1.0),
)
def test_a_damaged_file_is_a_message_or_a_table_never_a_crash(rows, kind, damage, cut):
    content = bytearray(as_csv(rows, "utf-8") if kind == "csv" else as_xlsx(rows))
    for where, byte in damage:
        content[int(where * (len(content) - 1))] = byte
    content = bytes(content[: max(1, int(len(content) * cut))])
    try:
        read_table(content, f"t.{kind}", max_rows=100)
    except FileProblem as problem:
        assert problem.message and problem.line >= 1


@pytest.mark.django_db
@FUZZ
@given(content=st.binary(max_size=600), name=st.sampled_from(["s.csv", "s.xlsx", "s.txt"]))
def test_any_bytes_through_the_statistics_import_give_a_report(world, content, name):
    report = statistics_import(plan=world.plan_a, content=content, filename=name, dry_run=True)
    assert report.ok or all(line >= 1 and message for line, message in report.errors)
