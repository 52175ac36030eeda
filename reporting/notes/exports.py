"""A note as PDF (WeasyPrint), Word (python-docx) and Excel (openpyxl).

All three are built from `note_content`, which reads the frozen snapshot of an
approved or published note (live figures only for a draft) with small counts
of people suppressed: an export is board material.
"""

from __future__ import annotations

import datetime
import io

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helhedsplan import exports
from helhedsplan.pdf import render_pdf
from reporting.selectors import format_number

from .charts import chart_description, criterion_chart, criterion_chart_png
from .models import NotePeriod, StatusNote
from .selectors import board_figures, group_by_initiative, note_figures, with_barriers, workflow

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
    """Everything an export shows.

    Queries: the sections (1), the criteria's barriers (1), plus the live
    figures for a draft (the note comes with its plan and people).
    """
    sections = list(note.sections.select_related("initiative__focus_area"))
    figures = with_barriers(board_figures(note_figures(note)), note.criterion_barriers.all())
    return {
        "note": note,
        "plan": note.plan,
        "figures": figures,
        "groups": group_by_initiative(figures["criteria"], sections),
        "sections": sections,
        "workflow": workflow(note),
        "small_number_note": small_number_note(),
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
    for group in content["groups"]:
        for criterion in group["criteria"]:
            criterion["chart"] = criterion_chart(criterion)
    return render_pdf(
        "notes/pdf/note.html",
        {**content, "as_of_line": _as_of_line(content)},
        stylesheet_template="notes/pdf/note.css",
        request=request,
    )


# --- Word ----------------------------------------------------------------------------------------

#: An A4 page with 2 cm margins: 17 cm of text width.
PAGE_WIDTH_CM, PAGE_HEIGHT_CM, MARGIN_CM = 21.0, 29.7, 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM


def _column_widths(rows: list[list[str]], minimum_cm: float = 1.8) -> list[float]:
    """Widths in cm sized to the content: each column gets its longest word at least, the rest by text."""
    columns = list(zip(*rows, strict=True))
    longest_word = [max((len(w) for cell in col for w in cell.split()), default=1) for col in columns]
    text = [max(len(cell) for cell in col) for col in columns]
    # 0.25 cm a character at 10 pt holds the widest common fonts (bold DejaVu Sans, which LibreOffice
    # uses where Calibri is missing), plus the cell's margins.
    need = [max(minimum_cm, 0.25 * w + 0.5) for w in longest_word]
    spare = TEXT_WIDTH_CM - sum(need)
    if spare <= 0:
        return [TEXT_WIDTH_CM * n / sum(need) for n in need]
    extra = [max(t - w, 0) for t, w in zip(text, longest_word, strict=True)]
    return [n + spare * e / (sum(extra) or 1) for n, e in zip(need, extra, strict=True)]


def _word_table(document, header: list[str], rows: list[list[str]]):
    """A real Word table: the built-in style, a header row that repeats, widths sized to the content."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    marker = OxmlElement("w:tblHeader")  # a header row for screen readers, repeated on every page
    marker.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(marker)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    for i, width in enumerate(_column_widths([header, *rows])):
        table.columns[i].width = Cm(width)
        for cell in table.columns[i].cells:
            cell.width = Cm(width)
    return table


def _criterion_cells(c: dict, year: int) -> list[str]:
    baseline = show(c["baseline"])  # with the decimals it has: 4,6, not 5
    if c.get("baseline_year") and c["baseline"] is not None:
        baseline = f"{baseline} ({c['baseline_year']})"
    value = show(c["value"], c["decimals"]) + (
        f" {c['unit']}" if c["unit"] and c["value"] is not None else ""
    )
    return [f"{c['code']} {c['title']}", baseline, c["target_label"] or "–", value, c["status_label"]]


def _picture_with_alt_text(document, png: bytes, description: str):
    from docx.shared import Cm

    document.add_paragraph().add_run().add_picture(io.BytesIO(png), width=Cm(12))
    shape = document.inline_shapes[-1]
    properties = shape._inline.docPr
    properties.set("descr", description)  # the alt text Word and screen readers read
    properties.set("title", description[:100])


def note_docx(content: dict) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt

    note, plan, figures = content["note"], content["plan"], content["figures"]
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(PAGE_HEIGHT_CM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = f"{note.title} – {plan.name}"
    document.core_properties.language = translation.get_language() or "da"
    document.add_heading(note.title, level=0)
    document.add_paragraph(plan.name)
    document.add_paragraph(_as_of_line(content))
    if note.version > 1:
        document.add_paragraph(_("Version %(version)s") % {"version": note.version})
    for step in content["workflow"]:
        when = formats.date_format(timezone.localtime(step["at"]), "DATETIME_FORMAT")
        document.add_paragraph(f"{step['label']}: {step['by']}, {when}")

    document.add_heading(_("Summary"), level=1)
    for paragraph in (note.summary or "–").split("\n\n"):
        document.add_paragraph(paragraph)
    if figures["criteria"]:
        document.add_heading(_("Every criterion at a glance"), level=1)
        _word_table(
            document,
            [_("Status"), _("Criterion"), _("Result %(year)s") % {"year": note.year}, _("Target")],
            [
                [
                    f"{c['status_symbol']} {c['status_label']}",
                    f"{c['code']} {c['title']}",
                    _criterion_cells(c, note.year)[3],
                    c["target_label"] or "–",
                ]
                for c in figures["criteria"]
            ],
        )

    headers = [
        _("Criterion"),
        _("Baseline"),
        _("Target"),
        _("Result %(year)s") % {"year": note.year},
        _("Status"),
    ]
    focus_area = None
    for group in content["groups"]:
        if group["focus_area"] != focus_area:
            focus_area = group["focus_area"]
            document.add_heading(focus_area, level=1)
        if group["initiative"]:
            document.add_heading(group["initiative"], level=2)
        if group["criteria"]:
            _word_table(document, headers, [_criterion_cells(c, note.year) for c in group["criteria"]])
            for c in group["criteria"]:
                if c["needs_barrier"] or c["barrier"] or c["no_barrier"]:
                    text = (
                        _("None: signed off by the project leader.")
                        if c["no_barrier"]
                        else c["barrier"] or "–"
                    )
                    paragraph = document.add_paragraph()
                    paragraph.add_run(_("Barriers (%(code)s):") % {"code": c["code"]} + " ").bold = True
                    paragraph.add_run(text)
            for c in group["criteria"]:
                _picture_with_alt_text(document, criterion_chart_png(c), chart_description(c))
        section = group["section"]
        if section:
            document.add_heading(_("Progress"), level=3)
            document.add_paragraph(section.progress or "–")
            document.add_heading(_("Barriers to meeting the goals"), level=3)
            document.add_paragraph(_("No barriers.") if section.no_barriers else (section.barriers or "–"))
            document.add_heading(_("Next steps"), level=3)
            document.add_paragraph(section.next_steps or "–")

    document.add_heading(_("Appendix: the figures"), level=1)
    document.add_heading(_("The logbook %(year)s") % {"year": note.year}, level=2)
    _word_table(
        document,
        [_("Figure"), str(note.year)],
        [[row["label"], show(row["value"])] for row in figures["logbook"]],
    )
    document.add_heading(_("Partnerships and milestones reached"), level=2)
    if figures["milestones"]:
        for m in figures["milestones"]:
            day = formats.date_format(datetime.date.fromisoformat(m["done_on"]), "DATE_FORMAT")
            document.add_paragraph(f"{m['title']} ({day})", style="List Bullet")
    else:
        document.add_paragraph(_("None yet."))
    if figures["suppressed"]:
        document.add_paragraph(content["small_number_note"])
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
