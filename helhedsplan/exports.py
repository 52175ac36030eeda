"""The one writer of every table the app exports, as CSV and as XLSX.

Every cell of every export passes through `safe_text` (escaping at the edge):
text a spreadsheet would read as a formula or a command (a leading = + - @,
a tab or a carriage return; OWASP "CSV injection") gets a leading apostrophe,
so it is shown as the text it is. Numbers and dates stay numbers and dates.

One CSV convention, the one a Danish Excel opens in columns: semicolons,
UTF-8 with a byte-order mark, CRLF line ends, dates as dd-mm-yyyy and a
decimal comma. Headers and values are words in the user's language (the
caller passes labels, never codes). The XLSX alternative holds the same table
with real number and date cells.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import defusedcsv.csv as defused_csv
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Column kinds: NUMBER shows a figure with the decimals it has, DECIMAL with a fixed number of them.
TEXT, NUMBER, DECIMAL, DATE = "text", "number", "decimal", "date"
INTEGER = NUMBER
NUMERIC = (NUMBER, DECIMAL)

#: What a spreadsheet may take for a formula or a command when a cell starts with it.
_DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "|", "%")
#: A negative number written as text ("-4,6") is harmless and stays as it is.
_PLAIN_NUMBER = re.compile(r"^-?[0-9][0-9.,]*$")
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def safe_text(value: str) -> str:
    """Text as a spreadsheet shows it, never run: "=1+1" -> "'=1+1"."""
    if value and value.startswith(_DANGEROUS_FIRST) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT
    #: Decimals shown for a DECIMAL column.
    decimals: int = 1
    #: XLSX column width in characters; None: sized to the content.
    width: int | None = None


@dataclass
class Table:
    """A sheet: a title, its columns and rows of plain Python values (str, int, float, Decimal, date)."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = field(default_factory=list)
    #: Lines printed under the table in the XLSX (e.g. what "<5" means).
    footnotes: Sequence[str] = ()


def file_name(*words: str, extension: str) -> str:
    """An ASCII file name that keeps Danish letters readable: Søren Åberg -> soeren-aaberg."""
    return f"{slugify(' '.join(str(w) for w in words).translate(_DANISH_LETTERS))}.{extension}"


# --- CSV -----------------------------------------------------------------------------------------


def _number_text(value, decimals: int | None) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return str(value)
    if decimals is None:
        text = format(Decimal(str(value)).normalize(), "f")
    else:
        text = f"{float(value):.{decimals}f}"
    return text.replace(".", ",")


def csv_cell(value, column: Column) -> str:
    """One cell as CSV text by the convention above."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, bool | int | float | Decimal):
        return _number_text(value, column.decimals if column.kind == DECIMAL else None)
    return safe_text(str(value))


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = defused_csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_text(str(c.header)) for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v, c) for v, c in zip(row, table.columns, strict=True)])
    return buffer.getvalue().encode("utf-8")


# --- XLSX ----------------------------------------------------------------------------------------


def xlsx_cell(value, column: Column):
    """One cell's value for openpyxl: numbers and dates as they are, text made safe.

    A numeric column holds numbers or nothing: text there (e.g. a suppressed "<5")
    would break the reader's sums, so the caller must flag it in a column of its own.
    """
    if value is None or value == "":
        return None
    if column.kind in NUMERIC and isinstance(value, str):
        raise ValueError(f"Text {value!r} in the numeric column {column.header!r}")
    if isinstance(value, datetime.datetime):
        return value.date() if column.kind == DATE else value.replace(tzinfo=None)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, int | float | datetime.date):
        return value
    return safe_text(str(value))


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        # A sheet's title may not hold []:*?/\ and is at most 31 characters.
        sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", str(table.title))[:31])
        sheet.append([safe_text(str(c.header)) for c in table.columns])
        widths = [len(str(c.header)) for c in table.columns]
        for row in table.rows:
            values = [xlsx_cell(v, c) for v, c in zip(row, table.columns, strict=True)]
            sheet.append(values)
            for i, value in enumerate(values):
                if value is not None:
                    widths[i] = max(widths[i], len(str(value)))
        for i, column in enumerate(table.columns, start=1):
            letter = get_column_letter(i)
            formats = {DATE: "dd-mm-yyyy", DECIMAL: "0." + "0" * column.decimals if column.decimals else "0"}
            if column.kind in formats:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = formats[column.kind]
            width = column.width or min(max(widths[i - 1] + 2, 8), 60)
            sheet.column_dimensions[letter].width = width
            if widths[i - 1] + 2 > width:  # long text wraps at word boundaries instead of being cut off
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                    if cell.value is not None:
                        # Not every program sizes rows to wrapped text on opening: give the lines room.
                        lines = math.ceil(len(str(cell.value)) * 1.1 / (width - 1))
                        row = sheet.row_dimensions[cell.row]
                        row.height = max(row.height or 15, 15 * lines)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        if table.footnotes:
            sheet.append([])
            for line in table.footnotes:
                sheet.append([safe_text(str(line))])
                row = sheet.max_row
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(table.columns))
                sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
                sheet.row_dimensions[row].height = 30
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Responses -----------------------------------------------------------------------------------


def download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(table: Table, *name_words: str) -> HttpResponse:
    return download(table_csv(table), file_name(*name_words, extension="csv"), CSV_TYPE)


def xlsx_response(tables: Sequence[Table], *name_words: str) -> HttpResponse:
    return download(tables_xlsx(tables), file_name(*name_words, extension="xlsx"), XLSX_TYPE)


def table_response(table: Table, fmt: str, *name_words: str) -> HttpResponse:
    """The table as CSV or, with fmt "xlsx", as a workbook of one sheet."""
    if fmt == "xlsx":
        return xlsx_response([table], *name_words)
    return csv_response(table, *name_words)
