"""A note as PDF (WeasyPrint), Word (python-docx) and Excel (openpyxl).

All three are built from `note_content`, which reads the frozen snapshot of an
approved or published note (live figures only for a draft) with small counts
of people suppressed: an export is board material.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhedsplan import exports
from reporting.selectors import format_number

from .charts import criterion_chart
from .models import NotePeriod, StatusNote
from .selectors import board_figures, group_by_initiative, note_figures

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = exports.XLSX_TYPE


def small_number_note() -> str:
    """What "<5" means, for the footnote of every page and file that may show it."""
    threshold = settings.STATUS_NOTE_SMALL_NUMBER_THRESHOLD
    return _(
        "<%(n)s: between 1 and %(m)s people. Counts of people this small are not shown, "
        "so that no one can be recognised."
    ) % {"n": threshold, "m": threshold - 1}


def filename(note: StatusNote, extension: str) -> str:
    """E.g. statusnotat-2018-sjaelor-og-kgs-enghave.pdf (the prefix in the active language)."""
    parts = [slugify(_("status note")), str(note.year)]
    if note.period == NotePeriod.FIRST_HALF:
        parts.append(slugify(_("first half")))
    parts.append(slugify(note.plan.slug))
    if note.version > 1:
        parts.append(f"v{note.version}")
    return "-".join(parts) + "." + extension


def note_content(note: StatusNote) -> dict:
    """Everything an export shows. Queries: the sections (1), plus the live figures for a draft."""
    sections = list(note.sections.select_related("initiative__focus_area"))
    figures = board_figures(note_figures(note))
    return {
        "note": note,
        "plan": note.plan,
        "figures": figures,
        "groups": group_by_initiative(figures["criteria"], sections),
        "sections": sections,
    }


def show(value, decimals: int | None = None) -> str:
    """A figure for a page or file: "–" for none, "<5" as is, else localised and rounded half up.

    `decimals=None` shows the decimals the figure has (a baseline of 4.6 is "4,6", never "5").
    """
    if isinstance(value, str):
        return value
    return format_number(value, decimals)


def _as_of_line(content: dict) -> str:
    figures, note = content["figures"], content["note"]
    if note.is_frozen:
        return _("Figures as of %(when)s (frozen at approval).") % {
            "when": formats.date_format(timezone.localtime(figures["taken_at_dt"]), "DATETIME_FORMAT")
        }
    return _("Draft: live figures as of %(when)s; they change until the note is approved.") % {
        "when": formats.date_format(figures["as_of_date"], "DATE_FORMAT")
    }


# --- PDF -----------------------------------------------------------------------------------------


def note_pdf(content: dict, request=None) -> bytes:
    from weasyprint import CSS, HTML

    for group in content["groups"]:
        for criterion in group["criteria"]:
            criterion["chart"] = criterion_chart(criterion)
    html = render_to_string(
        "notes/pdf/note.html", {**content, "as_of_line": _as_of_line(content)}, request=request
    )
    css = render_to_string("notes/pdf/note.css", {"page_label": _("Page")})
    return HTML(string=html, base_url=".").write_pdf(stylesheets=[CSS(string=css)])


# --- Word ----------------------------------------------------------------------------------------


def _criteria_table(document, criteria: list[dict], year: int):
    headers = [_("Criterion"), _("Baseline"), _("Target"), _("Result %(year)s") % {"year": year}, _("Status")]
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for c in criteria:
        baseline = show(c["baseline"])  # with the decimals it has: 4,6, not 5
        if c.get("baseline_year") and c["baseline"] is not None:
            baseline = f"{baseline} ({c['baseline_year']})"
        row = table.add_row().cells
        row[0].text = f"{c['code']} {c['title']}"
        row[1].text = baseline
        row[2].text = c["target_label"] or show(c["target"])
        row[3].text = show(c["value"], c["decimals"]) + (
            f" {c['unit']}" if c["unit"] and c["value"] is not None else ""
        )
        row[4].text = c["status_label"]
    return table


def note_docx(content: dict) -> bytes:
    from docx import Document

    note, plan, figures = content["note"], content["plan"], content["figures"]
    document = Document()
    document.core_properties.title = f"{note.title} – {plan.name}"
    document.core_properties.language = "da"
    document.add_heading(note.title, level=0)
    document.add_paragraph(plan.name)
    document.add_paragraph(_as_of_line(content))
    if note.version > 1:
        document.add_paragraph(_("Version %(version)s") % {"version": note.version})

    document.add_heading(_("Summary"), level=1)
    for paragraph in (note.summary or "–").split("\n\n"):
        document.add_paragraph(paragraph)

    focus_area = None
    for group in content["groups"]:
        if group["focus_area"] != focus_area:
            focus_area = group["focus_area"]
            document.add_heading(focus_area, level=1)
        if group["initiative"]:
            document.add_heading(group["initiative"], level=2)
        if group["criteria"]:
            _criteria_table(document, group["criteria"], note.year)
        section = group["section"]
        if section:
            document.add_heading(_("Progress"), level=3)
            document.add_paragraph(section.progress or "–")
            document.add_heading(_("Barriers to meeting the goals"), level=3)
            document.add_paragraph(_("No barriers.") if section.no_barriers else (section.barriers or "–"))
            document.add_heading(_("Next steps"), level=3)
            document.add_paragraph(section.next_steps or "–")

    document.add_heading(_("The logbook %(year)s") % {"year": note.year}, level=1)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in figures["logbook"]:
        cells = table.add_row().cells
        cells[0].text = row["label"]
        cells[1].text = show(row["value"])
    document.add_heading(_("Partnerships and milestones reached"), level=1)
    if figures["milestones"]:
        for m in figures["milestones"]:
            document.add_paragraph(f"{m['title']} ({m['done_on']})", style="List Bullet")
    else:
        document.add_paragraph(_("None yet."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Excel ---------------------------------------------------------------------------------------


def _suppressed(value) -> bool:
    return isinstance(value, str)


def note_xlsx(content: dict) -> bytes:
    """The figures only: one row per criterion and year, and the logbook totals.

    A suppressed count ("<5") is an empty numeric cell with the reason in the
    column "Not shown", so sums and charts in the reader's spreadsheet stay right.
    """
    note, figures = content["note"], content["figures"]
    hidden = small_number_note()
    criteria_columns = [
        exports.Column(_("Code")),
        exports.Column(_("Criterion")),
        exports.Column(_("Focus area")),
        exports.Column(_("Initiative")),
        exports.Column(_("Year"), exports.NUMBER),
        exports.Column(_("Result"), exports.NUMBER),
        exports.Column(_("Not shown")),
        exports.Column(_("Unit")),
        exports.Column(_("Baseline"), exports.NUMBER),
        exports.Column(_("Baseline year"), exports.NUMBER),
        exports.Column(_("Target"), exports.NUMBER),
        exports.Column(_("Target in words")),
        exports.Column(_("Status")),
    ]
    criteria_rows = []
    for c in figures["criteria"]:
        for point in c["series"]:
            value = point["value"]
            criteria_rows.append(
                [
                    c["code"],
                    c["title"],
                    c["focus_area"],
                    c["initiative"] or "",
                    point["year"],
                    None if _suppressed(value) else value,
                    hidden if _suppressed(value) else "",
                    c["unit"],
                    c["baseline"],
                    c["baseline_year"],
                    c["target"],
                    c["target_label"],
                    c["status_label"] if point["year"] == note.year else "",
                ]
            )
    logbook_columns = [
        exports.Column(_("Figure")),
        exports.Column(str(note.year), exports.NUMBER),
        exports.Column(_("Not shown")),
    ]
    logbook_rows = [
        [
            row["label"],
            None if _suppressed(row["value"]) else row["value"],
            hidden if _suppressed(row["value"]) else "",
        ]
        for row in figures["logbook"]
    ]
    footnotes = [hidden]
    return exports.tables_xlsx(
        [
            exports.Table(_("Criteria"), criteria_columns, criteria_rows, footnotes),
            exports.Table(_("Logbook"), logbook_columns, logbook_rows, footnotes),
        ]
    )
