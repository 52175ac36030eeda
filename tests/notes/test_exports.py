"""The board downloads a published note as PDF, Word and Excel: frozen figures and Danish text."""

import io

import pytest
from django.urls import reverse

from tests.notes.factories import make_note, plan_with_figures, statistic


@pytest.fixture
def published(world):
    plan, _initiative, department = plan_with_figures(world)
    note = make_note(
        plan, world.leader_a, stage="published", summary="Året i Kgs. Enghave: færre klager, større tryghed."
    )
    # A correction after publication must not reach the files: they show the frozen 40.
    statistic(department, 2018, "house_rules_cases", 31)
    return note


def download(client, note, kind):
    response = client.get(reverse(f"notes:export_{kind}", kwargs={"plan_id": note.plan_id, "pk": note.pk}))
    assert response.status_code == 200
    return response


def test_pdf_has_title_page_page_numbers_figures_and_danish_text(published, as_board):
    from pypdf import PdfReader

    response = download(as_board, published, "pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    pages = [page.extract_text() for page in reader.pages]
    text = " ".join(" ".join(pages).split())  # table cells wrap: compare with single spaces
    assert len(pages) >= 2
    assert "Statusnotat 2018" in pages[0]  # the title page
    assert "Side 2 / " in pages[1]  # page numbers from the CSS @page counters
    assert "Året i Kgs. Enghave: færre klager, større tryghed." in text
    assert "Husordenssager falder med 20 %" in text
    # F2: 40 house-rules cases in 2018 (frozen; the statistic was corrected to 31 afterwards).
    row = text[text.index("F2 Husordenssager falder med 20 %") :][:120]
    assert " 40 " in row and " 31 " not in row
    assert "Fremskridt" in text and "Barrierer" in text
    assert "<5" in text  # A1: 3 evictions counted as "<5"
    assert "Ventetid på kommunens boligrådgivere." in text


def test_word_document_is_editable_with_the_same_content(published, as_board):
    from docx import Document

    response = download(as_board, published, "docx")
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Statusnotat 2018"
    assert "Året i Kgs. Enghave: færre klager, større tryghed." in paragraphs
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Resumé" in headings and "Tryghed og trivsel" in headings
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "F2 Husordenssager falder med 20 %" in cells
    results = {cell.split(" ")[0] for cell in cells}
    assert "40" in results and "31" not in results  # the frozen figure, not the later correction
    assert "<5" in results  # A1: 3 evictions


def test_excel_has_one_row_per_criterion_and_year(published, as_board):
    from openpyxl import load_workbook

    response = download(as_board, published, "xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "Kode" and "Status" in header
    result, hidden = header.index("Resultat"), header.index("Ikke vist")
    rows = {}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value is None:
            break  # the footnote follows an empty row
        rows[(row[0].value, row[4].value)] = row
    # F2's years 2015 (baseline) to 2020; A1's 2017 to 2020.
    assert len({year for code, year in rows if code == "F2"}) == 6
    assert rows[("F2", 2018)][result].value == 40 and rows[("F2", 2017)][result].value == 42
    assert rows[("F2", 2018)][result].data_type == "n"  # a number Excel can sum, not text
    # A1: 3 evictions are suppressed as an empty numeric cell, with the reason beside it.
    assert rows[("A1", 2018)][result].value is None and rows[("A1", 2018)][hidden].value.startswith("<5")
    assert rows[("A1", 2017)][result].value == 12 and rows[("A1", 2017)][hidden].value is None
    assert rows[("F2", 2018)][1].value == "Husordenssager falder med 20 %"
    every_result = [row[result] for row in rows.values() if row[result].value is not None]
    assert {cell.data_type for cell in every_result} == {"n"}
    footnote = [c.value for c in sheet["A"] if c.value and str(c.value).startswith("<5")]
    assert footnote and "personer" in footnote[0]


def test_export_reads_only_the_snapshot(world, published, as_board, django_assert_num_queries):
    """Queries do not grow with the data: the frozen figures come from the note itself."""
    url = reverse("notes:export_xlsx", kwargs={"plan_id": published.plan_id, "pk": published.pk})
    as_board.get(url)  # stores the current plan in the session
    # Queries: session, user, savepoint, membership+plan, the note with its people, its sections,
    # the criteria's barriers, release.
    with django_assert_num_queries(8):
        response = as_board.get(url)
    assert response.status_code == 200
    # More data: statistics for every year and another initiative with its section.
    from helhedsplan.models import Department
    from reporting.notes.models import NoteSection
    from tests import factories

    department = Department.objects.filter(plan=world.plan_a).first()
    for year in (2017, 2019, 2020):
        statistic(department, year, "evictions", 2)
    initiative = factories.make_initiative(
        published.sections.get().initiative.focus_area, number=2, name="Mægling"
    )
    NoteSection.objects.create(note=published, initiative=initiative, progress="Godt.", no_barriers=True)
    with django_assert_num_queries(8):
        response = as_board.get(url)
    assert response.status_code == 200


def test_file_names_say_what_they_are(published, as_board, as_leader):
    response = download(as_board, published, "docx")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="statusnotat-2018-{published.plan.slug}.docx"'
    )
    english = as_leader.get(
        reverse("notes:export_xlsx", kwargs={"plan_id": published.plan_id, "pk": published.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert f"status-note-2018-{published.plan.slug}.xlsx" in english["Content-Disposition"]
