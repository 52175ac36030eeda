"""Read an exported CSV or XLSX back the way a spreadsheet program would."""

import csv
import io

from openpyxl import load_workbook

from helhedsplan.exports import CSV_TYPE, XLSX_TYPE


def body(response) -> bytes:
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV export; it must follow the one convention Danish Excel opens in columns."""
    assert response["Content-Type"] == CSV_TYPE
    assert response["Content-Disposition"].endswith('.csv"')
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel needs the mark to read æ, ø and å
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")  # CRLF line ends only, outside cells
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def read_csv_dicts(response) -> list[dict]:
    header, *rows = read_csv(response)
    return [dict(zip(header, row, strict=True)) for row in rows]


def read_xlsx(response):
    """The first sheet of an XLSX export as openpyxl cells (value and data_type)."""
    assert response["Content-Type"] == XLSX_TYPE
    assert response["Content-Disposition"].endswith('.xlsx"')
    return load_workbook(io.BytesIO(body(response)))


def sheet_dicts(sheet) -> list[dict]:
    """Rows under the header as {header: cell}; stops at the first empty row (footnotes follow)."""
    rows = sheet.iter_rows()
    header = [c.value for c in next(rows)]
    result = []
    for row in rows:
        if all(c.value is None for c in row):
            break
        result.append(dict(zip(header, row, strict=False)))
    return result
