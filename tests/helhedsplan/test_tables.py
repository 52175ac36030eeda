"""The one reader of uploaded tables: the files offices really send, and hostile ones.

Every bad file ends as a `FileProblem` with a Danish message and the line it concerns, quickly: a
worker is never held for seconds.
"""

import io
import random
import time
import zipfile

import pytest
from django.utils import translation
from openpyxl import Workbook

from helhedsplan.tables import CP1252, UTF8, UTF16, XLSX, FileProblem, match_header, read_table

ROWS = [["år", "boligområde", "værdi"], ["2019", "Sjælør Boulevard", "4,5"], ["2020", "Kgs. Enghave", "12"]]


def csv_bytes(rows, encoding="utf-8", newline="\r\n", delimiter=";"):
    return newline.join(delimiter.join(row) for row in rows).encode(encoding) + newline.encode()


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_sheet(content: bytes, sheet_xml: bytes, *, level=zipfile.ZIP_DEFLATED) -> bytes:
    """The same workbook with its first sheet's XML replaced."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", level) as target:
        for item in source.infolist():
            data = sheet_xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            target.writestr(item.filename, data)
    return buffer.getvalue()


def problem(content, filename="fil.csv", max_rows=100):
    started = time.monotonic()
    with translation.override("da"), pytest.raises(FileProblem) as caught:
        read_table(content, filename, max_rows=max_rows)
    assert time.monotonic() - started < 3, "a bad file held the worker"
    return caught.value


@pytest.mark.parametrize(
    "encoding, bom, expected",
    [("utf-8", b"", UTF8), ("utf-8", b"\xef\xbb\xbf", UTF8), ("cp1252", b"", CP1252)],
)
def test_utf8_with_or_without_bom_and_windows_1252_read_the_same(encoding, bom, expected):
    table = read_table(bom + csv_bytes(ROWS, encoding), "tal.csv", max_rows=10)
    assert table.rows == ROWS and table.encoding == expected and table.delimiter == ";"
    assert table.lines == [1, 2, 3]


def test_utf16_unicode_text_with_tabs():
    content = "\r\n".join("\t".join(row) for row in ROWS).encode("utf-16")
    table = read_table(content, "tal.txt", max_rows=10)
    assert table.rows == ROWS and table.encoding == UTF16


def test_the_reader_says_how_it_read_the_file():
    with translation.override("da"):
        table = read_table(csv_bytes(ROWS, "cp1252"), "tal.csv", max_rows=10)
        assert "Windows-1252" in table.described() and "semikolon" in table.described()


def test_a_file_mixing_utf8_and_windows_1252_is_refused_naming_both_lines():
    content = csv_bytes(ROWS[:2]) + csv_bytes(ROWS[2:3], "cp1252").replace(b"Kgs.", "Vær".encode("cp1252"))
    error = problem(content)
    assert error.line == 3
    assert "linje 1 er gemt som UTF-8" in error.message and "linje 3 som Windows-1252" in error.message


def test_a_byte_neither_encoding_has_names_its_line():
    content = "år;navn\r\n2020;Sjælør\r\n".encode("cp1252") + b"2021;\x81\x8d;3\r\n"
    error = problem(content)
    assert error.line == 3 and "0x81" in error.message


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers():
    content = b'a;b\r\n"two\r\nlines";1\r\nx;2\r\n'
    table = read_table(content, "f.csv", max_rows=10)
    assert table.lines == [1, 2, 4] and table.rows[1] == ["two\r\nlines", "1"]


def test_an_xlsx_gives_text_and_iso_dates():
    import datetime

    table = read_table(
        xlsx_bytes([["dato", "beløb"], [datetime.date(2026, 3, 2), 12500.0]]), "a.xlsx", max_rows=10
    )
    assert table.encoding == XLSX and table.rows == [["dato", "beløb"], ["2026-03-02", "12500"]]


def test_danish_and_english_headers_in_any_order_match():
    columns = {"year": ["år"], "value": ["værdi"], "neighbourhood": ["boligområde"]}
    assert match_header(["Værdi", "AAR", "Boligomraade"], columns) == {
        "value": 0,
        "year": 1,
        "neighbourhood": 2,
    }
    assert match_header(["year", "value"], columns) is None


# --- Hostile files ---------------------------------------------------------------------------------


def test_an_xlsx_declaring_a_million_rows_is_refused_before_reading():
    huge = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c>'
        b'</row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    content = rewrite_sheet(xlsx_bytes([["x"]]), huge)
    assert len(content) < 10_000
    error = problem(content, "bombe.xlsx")
    assert "1048576" in error.message


def test_an_xlsx_hiding_a_far_row_behind_a_small_dimension_stops_at_the_limit():
    lying = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
        b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    table = read_table(rewrite_sheet(xlsx_bytes([["x"]]), lying), "a.xlsx", max_rows=100)
    # The far row lies beyond the rows read (the limit and its slack): never filled in.
    assert [row[:1] for row in table.rows] == [["1"]]


def test_a_zip_bomb_xlsx_is_refused_by_its_unpacked_size():
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    bomb = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * 800_000 + b"</sheetData></worksheet>"
    )
    content = rewrite_sheet(xlsx_bytes([["x"]]), bomb)
    assert len(content) < 500_000 < len(bomb)
    error = problem(content, "bombe.xlsx")
    assert "MB" in error.message


def test_an_xlsx_with_a_dtd_and_entities_is_refused():
    entity = (
        b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    error = problem(rewrite_sheet(xlsx_bytes([["x"]]), entity), "dtd.xlsx")
    assert "Excel" in error.message


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_xlsx_is_refused(cut):
    content = xlsx_bytes(ROWS)
    error = problem(content[: int(len(content) * cut)], "halv.xlsx")
    assert "Excel" in error.message


@pytest.mark.parametrize("seed", range(5))
def test_binary_junk_is_refused(seed):
    junk = random.Random(seed).randbytes(4096)
    problem(junk, "junk.csv")
    problem(b"PK\x03\x04" + junk, "junk.xlsx")


def test_an_old_xls_file_gets_its_own_message():
    error = problem(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "gammel.xls")
    assert ".xls" in error.message


def test_too_many_rows_is_refused_while_reading():
    content = b"a;b\r\n" + b"1;2\r\n" * 5000
    error = problem(content, max_rows=100)
    assert "100" in error.message and error.line == 102


def test_a_nul_byte_or_control_characters_name_the_line():
    error = problem(b"a;b\r\n1;2\r\n3;\x00\r\n")
    assert error.line == 3


def test_an_unclosed_quote_over_a_huge_field_is_a_message():
    error = problem(b'a;b\r\n1;"' + b"x" * 200_000 + b"\r\n")
    assert error.line == 2
