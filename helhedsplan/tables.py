"""The one reader of uploaded tables: every import (statistics, departments, bailiff lists) goes through it.

A file is XLSX (the first sheet) or CSV. A CSV is decoded by a strict rule, not a guess:

1. a UTF-16 byte-order mark: UTF-16 (Excel's "Unicode text");
2. otherwise UTF-8 (with or without BOM) if every byte decodes as UTF-8;
3. otherwise Windows-1252 (a Danish Excel's "CSV (semikolonsepareret)"), unless the file also holds
   UTF-8 letters (two encodings mixed: refused, naming a line of each) or bytes Windows-1252 lacks.

Valid UTF-8 text is practically never Windows-1252 with Danish letters (æ is one byte there, never followed
by the continuation byte UTF-8 needs), so rule 2 before 3 is safe; the reader says which it used.

Hostile files cost little: the upload's size, an XLSX's unpacked size, its sheet's declared and real rows
and its columns are limited before and while reading; XML is parsed with defusedxml (openpyxl uses it when
installed), so a DTD or entity is refused; every failure becomes a `FileProblem` with a Danish message
and, where there is one, the line it concerns.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .bounds import BoundedForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
#: An XLSX is a zip of XML files; a tiny file can unpack to gigabytes ("zip bomb").
MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_XLSX_PART_BYTES = 20 * 1024 * 1024
MAX_XLSX_PARTS = 500
#: Columns read from a sheet; no import has more than a dozen, Excel's formatting may declare 16,384.
MAX_COLUMNS = 40
#: Empty lines tolerated beyond the allowed rows (Excel keeps formatted empty rows).
EMPTY_ROW_SLACK = 1000

XLSX = "xlsx"
UTF8 = "utf-8"
UTF16 = "utf-16"
CP1252 = "windows-1252"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A UTF-8 encoded letter À–ÿ (æ, ø, å, é … are C3 xx), as it sits in the raw bytes. In Windows-1252 text
# these two bytes read "Ã" and a symbol, which Danish text does not hold.
_UTF8_LETTER = re.compile(rb"\xc3[\x80-\xbf]")


class FileProblem(Exception):
    """The file cannot be read; `line` is the line (or sheet row) it concerns, 1 if none."""

    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Table:
    """The rows of a file as text; `lines[i]` is the line (CSV) or sheet row (XLSX) of `rows[i]`."""

    rows: list[list[str]]
    lines: list[int]
    encoding: str
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)

    def described(self) -> str:
        """How the file was read, in words a project leader knows."""
        if self.encoding == XLSX:
            return _("Excel workbook (XLSX), first sheet")
        names = {
            UTF8: _("CSV in UTF-8"),
            UTF16: _("CSV in UTF-16 (Excel's Unicode text)"),
            CP1252: _("CSV in Windows-1252 (Excel's “CSV (semicolon separated)”)"),
        }
        separators = {";": _("semicolon"), ",": _("comma"), "\t": _("tab")}
        return _("%(format)s, separated by %(separator)s") % {
            "format": names[self.encoding],
            "separator": separators.get(self.delimiter, self.delimiter),
        }


def read_table(content: bytes, filename: str = "", *, max_rows: int) -> Table:
    """Read an uploaded file's first sheet or its CSV rows, header included (at most `max_rows` data rows)."""
    if len(content) > MAX_UPLOAD_BYTES:
        raise FileProblem(
            _("The file is larger than %(size)s MB.") % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise FileProblem(_("The file is empty."))
    try:
        if content[:4] == b"PK\x03\x04":
            return _read_xlsx(content, max_rows)
        if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise FileProblem(
                _(
                    "The file is in the old Excel format (.xls). "
                    "Save it as “Excel Workbook (*.xlsx)” or as CSV."
                )
            )
        if filename.lower().endswith(".xlsx"):
            raise FileProblem(
                _("The file is called .xlsx but is not an Excel workbook. Save it again in Excel.")
            )
        return _read_csv(content, max_rows)
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - whatever a damaged file raises, the user gets a message
        raise FileProblem(
            _("The file could not be read. Save it again as XLSX or CSV and try once more.")
        ) from error


# --- CSV -----------------------------------------------------------------------------------------


def _line_of(content: bytes, position: int) -> int:
    return content.count(b"\n", 0, position) + 1


def decode_text(content: bytes) -> tuple[str, str]:
    """(text, encoding) by the module's rule; raises FileProblem naming the line when it cannot tell."""
    if content[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return content.decode("utf-16"), UTF16
        except UnicodeDecodeError as error:
            raise FileProblem(_("The file starts as UTF-16 text but is damaged.")) from error
    try:
        return content.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError as error:
        bad = error.start
    utf8_letter = _UTF8_LETTER.search(content)
    if utf8_letter:
        raise FileProblem(
            _(
                "The file mixes two character sets: line %(utf8)s is saved as UTF-8, line %(other)s as "
                "Windows-1252, so letters such as æ, ø and å cannot be read with certainty. Open the file in "
                "Excel and save it again as “CSV UTF-8” or “CSV (semicolon separated)”."
            )
            % {"utf8": _line_of(content, utf8_letter.start()), "other": _line_of(content, bad)},
            line=_line_of(content, bad),
        )
    try:
        return content.decode("cp1252"), CP1252
    except UnicodeDecodeError as error:
        raise FileProblem(
            _(
                "The line holds a character that is neither UTF-8 nor Windows-1252 (byte %(byte)s); "
                "save the file again as “CSV UTF-8” or “CSV (semicolon separated)”."
            )
            % {"byte": f"0x{content[error.start]:02X}"},
            line=_line_of(content, error.start),
        ) from error


def _read_csv(content: bytes, max_rows: int) -> Table:
    text, encoding = decode_text(content)
    control = _CONTROL.search(text)
    if control:
        raise FileProblem(
            _(
                "The line holds control characters: "
                "this does not look like a text file (CSV) or an Excel file."
            ),
            line=text.count("\n", 0, control.start()) + 1,
        )
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    # The header line decides. A semicolon wins wherever it stands (a Danish Excel's CSV, whose cells may
    # hold commas: decimal commas, "Hansen, Rita"), then a tab; a comma only when neither is there.
    delimiter = next((d for d in (";", "\t", ",") if d in first_line), ";")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    rows, lines = [], []
    count = _RowCount(max_rows)
    start = 1
    try:
        for cells in reader:
            count.add(cells, start)
            rows.append([cell.strip() for cell in cells[:MAX_COLUMNS]])
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise FileProblem(
            _("The line cannot be read as CSV (a quotation mark is not closed, or a field is too long)."),
            line=start,
        ) from error
    _trim(rows, lines)
    return Table(rows=rows, lines=lines, encoding=encoding, delimiter=delimiter)


class _RowCount:
    """Counts rows as they are read, and stops the reading as soon as there are too many."""

    def __init__(self, max_rows: int):
        self.max_rows, self.all, self.filled = max_rows, 0, 0

    def add(self, cells, line: int) -> None:
        self.all += 1
        self.filled += any(cells)
        # The header is one of the filled rows.
        if self.filled > self.max_rows + 1 or self.all > self.max_rows + 1 + EMPTY_ROW_SLACK:
            raise FileProblem(_("The file has more than %(max)s rows.") % {"max": self.max_rows}, line=line)


# --- XLSX ----------------------------------------------------------------------------------------


def _read_xlsx(content: bytes, max_rows: int) -> Table:
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # pragma: no cover - requirements.txt pins defusedxml
        raise RuntimeError("defusedxml is required to read uploaded Excel files")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileProblem(_("The Excel file is damaged or incomplete. Save it again in Excel.")) from error
    if (
        len(parts) > MAX_XLSX_PARTS
        or sum(p.file_size for p in parts) > MAX_XLSX_UNPACKED_BYTES
        or any(p.file_size > MAX_XLSX_PART_BYTES for p in parts)
    ):
        raise FileProblem(
            _("The Excel file unpacks to more than %(size)s MB; split it or save it as CSV.")
            % {"size": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)}
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or hostile file
        raise FileProblem(_("The Excel file could not be read. Save it again in Excel.")) from error
    try:
        if not workbook.worksheets:
            raise FileProblem(_("The Excel file has no sheet."))
        sheet = workbook.worksheets[0]
        declared_rows = sheet.max_row or 0
        if declared_rows > max_rows + 1 + EMPTY_ROW_SLACK:
            raise FileProblem(
                _("The sheet declares %(declared)s rows; at most %(max)s can be imported at a time.")
                % {"declared": declared_rows, "max": max_rows}
            )
        columns = min(sheet.max_column or MAX_COLUMNS, MAX_COLUMNS)
        limit = max_rows + 1 + EMPTY_ROW_SLACK
        rows, lines = [], []
        count = _RowCount(max_rows)
        for number, values in enumerate(
            sheet.iter_rows(min_row=1, max_row=limit + 1, max_col=columns, values_only=True), start=1
        ):
            cells = [_cell_text(value) for value in values]
            if number > limit:
                if any(cells):
                    raise FileProblem(
                        _("The file has more than %(max)s rows.") % {"max": max_rows}, line=number
                    )
                break
            count.add(cells, number)
            rows.append(cells)
            lines.append(number)
    except FileProblem:
        raise
    except Exception as error:  # noqa: BLE001 - a DTD/entity (defusedxml), broken XML, a bad cell …
        raise FileProblem(_("The Excel file could not be read. Save it again in Excel.")) from error
    finally:
        workbook.close()
    _trim(rows, lines)
    return Table(rows=rows, lines=lines, encoding=XLSX)


def _trim(rows: list, lines: list) -> None:
    """Drop the empty rows at the end (Excel keeps formatted ones); cells stay as the file has them."""
    while rows and not any(rows[-1]):
        rows.pop()
        lines.pop()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return format(Decimal(repr(value)), "f") if abs(value) < 1e15 else repr(value)
    return str(value).strip()


# --- Headers -------------------------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header cell or a name as a comparable key: case, spaces, underscores and æ/ø/å spellings folded."""
    text = unicodedata.normalize("NFC", text).strip().casefold()
    for letter, spelling in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(letter, spelling)
    text = re.sub(r"[\s_\-.]+", " ", text)
    return text.strip()


def match_header(cells: list[str], columns: dict[str, list[str]]) -> dict[str, int] | None:
    """Map each column key to its position, accepting every alias of `columns`; None if one is missing.

    `columns` maps a key to its accepted names (English code, Danish name …); other columns are ignored
    by the caller's choice (`unknown_columns`).
    """
    keys = {header_key(alias): key for key, aliases in columns.items() for alias in (key, *aliases)}
    positions: dict[str, int] = {}
    for position, cell in enumerate(cells):
        key = keys.get(header_key(cell))
        if key and key not in positions:
            positions[key] = position
    if set(positions) != set(columns):
        return None
    return positions


def unknown_columns(cells: list[str], columns: dict[str, list[str]]) -> list[str]:
    keys = {header_key(alias) for key, aliases in columns.items() for alias in (key, *aliases)}
    return [cell for cell in cells if cell.strip() and header_key(cell) not in keys]


# --- The upload field ----------------------------------------------------------------------------


class TableUploadForm(BoundedForm, forms.Form):
    """One file field for a table; the size is checked before a byte is read."""

    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "Excel (XLSX) or CSV: UTF-8 or Excel's “CSV (semicolon separated)”; at most 5 MB."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext_lazy("The file is larger than %(size)s MB."),
                params={"size": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(gettext_lazy("Upload a .csv or .xlsx file."))
        return upload

    def content(self) -> bytes:
        return self.cleaned_data["file"].read(MAX_UPLOAD_BYTES + 1)


# --- Writing a table to fill in ------------------------------------------------------------------

CSV = "csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """A text cell that a spreadsheet would run as a formula is written as text (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_table(rows: list[list], fmt: str, *, sheet_title: str = "") -> tuple[bytes, str]:
    """(content, content type) of `rows` as a CSV for a Danish Excel (UTF-8 with BOM, semicolons) or XLSX."""
    if fmt == CSV:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerows([[_safe(cell) for cell in row] for row in rows])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8"), "text/csv; charset=utf-8"
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    if sheet_title:
        sheet.title = sheet_title[:31]
    for row in rows:
        sheet.append([_safe(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        width = max((len(str(c.value)) for c in column if c.value is not None), default=8)
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 40)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
