"""The note as the board reads it: true figures, every barrier stated, who did what, and files that
read back right: tagged PDF, a navigable Word document with charts, typed Excel cells."""

import html
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import CriterionVersion
from reporting.notes import services
from reporting.notes.models import NoteStatus
from reporting.notes.selectors import counts_people
from tests.notes.factories import frozen_note, make_note, plan_with_figures, write_sections


def url(name, note, **kwargs):
    return reverse(f"notes:{name}", kwargs={"plan_id": note.plan_id, "pk": note.pk, **kwargs})


def pdf_text(response) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def docx(response):
    from docx import Document

    return Document(io.BytesIO(response.content))


def docx_cells(document) -> set[str]:
    return {cell.text for table in document.tables for row in table.rows for cell in row.cells}


@pytest.fixture
def seeded(world):
    return plan_with_figures(world)


@pytest.fixture
def published(world, seeded):
    """A1's baseline has a decimal (25.6 in 2015), as D4's has in the agreement."""
    CriterionVersion.objects.filter(criterion__code="A1").update(
        baseline_value=Decimal("25.6"), baseline_year=2015
    )
    return make_note(world.plan_a, world.leader_a, stage="published", summary="Et år med fremgang.")


def test_baselines_keep_their_decimals_on_the_page_in_the_pdf_and_in_word(published, as_board):
    page = as_board.get(published.get_absolute_url()).content.decode()
    assert "25,6 (2015)" in page and "44 (2015)" in page
    assert "26 (2015)" not in page
    assert "25,6 (2015)" in pdf_text(as_board.get(url("export_pdf", published)))
    cells = docx_cells(docx(as_board.get(url("export_docx", published))))
    assert "25,6 (2015)" in cells and "44 (2015)" in cells


def test_a_percentage_target_reads_the_same_on_the_criteria_pages_and_the_dashboard(world, seeded, as_leader):
    # F2: house-rules cases down by 20 % from 44: at most 35,2 by 2020.
    plan = world.plan_a
    list_page = as_leader.get(reverse("reporting:criterion_list", kwargs={"plan_id": plan.pk}))
    criterion = CriterionVersion.objects.get(criterion__code="F2").criterion
    detail = as_leader.get(
        reverse("reporting:criterion_detail", kwargs={"plan_id": plan.pk, "pk": criterion.pk})
    )
    dashboard = as_leader.get(reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": 2018}))
    for response in (list_page, detail, dashboard):
        html = response.content.decode()
        assert response.status_code == 200
        assert "E+" not in html
        assert "højst 35,2 i 2020 (20 % under baseline)" in html


def test_figures_as_of_are_in_copenhagen_time_in_pdf_and_word(world, as_board):
    note = frozen_note(world.plan_a, world.leader_a)
    note.snapshot["taken_at"] = "2019-01-15T08:49:00+00:00"  # 09:49 in Copenhagen (winter time)
    note.save()
    text = pdf_text(as_board.get(url("export_pdf", note)))
    assert "09:49" in text and "08:49" not in text
    paragraphs = " ".join(p.text for p in docx(as_board.get(url("export_docx", note))).paragraphs)
    assert "09:49" in paragraphs and "08:49" not in paragraphs


def test_only_counts_of_people_are_suppressed():
    for people in ("activity_participants", "course_graduates", "children_board_active", "cases_taken_on"):
        assert counts_people(people, 0)
    for things in ("ideas_realised", "children_boards", "milestone", "network_interval"):
        assert not counts_people(things, 0)
    assert not counts_people("housing_statistic", 1)  # a rate per 1,000 homes, not a count


def test_the_footnote_says_what_less_than_five_means_everywhere(published, as_board):
    # A1: 3 evictions in 2018 are shown as "<5".
    explanation = "<5: mellem 1 og 4 personer"
    assert html.unescape(explanation) in html.unescape(
        as_board.get(published.get_absolute_url()).content.decode()
    )
    assert explanation in pdf_text(as_board.get(url("export_pdf", published)))
    document = docx(as_board.get(url("export_docx", published)))
    assert any(p.text.startswith(explanation) for p in document.paragraphs)


def test_a_focus_area_criterion_at_risk_needs_its_barriers_before_submission(
    world, seeded, as_worker, as_leader
):
    note = services.note_create(plan=world.plan_a, year=2018, created_by=world.leader_a)
    write_sections(note, world.worker_a)
    # F2 belongs to the focus area, not an initiative: it has no section, but it is at risk.
    response = as_worker.post(url("submit", note), follow=True)
    assert "F2" in response.content.decode()
    note.refresh_from_db()
    assert note.status == NoteStatus.DRAFT
    barrier = url("criterion_barrier", note, code="F2")
    # The worker cannot sign off "no barrier" even by forging the field.
    as_worker.post(barrier, {"barriers": "", "no_barrier": "on"})
    assert not note.criterion_barriers.exists()
    # The project leader signs off that nothing stands in the way.
    assert "no_barrier" in as_leader.get(barrier).content.decode()
    assert as_leader.post(barrier, {"barriers": "", "no_barrier": "on"}).status_code == 302
    statement = note.criterion_barriers.get(code="F2")
    assert statement.no_barrier and statement.written_by == world.leader_a
    assert as_worker.post(url("submit", note)).status_code == 302
    note.refresh_from_db()
    assert note.status == NoteStatus.SUBMITTED and note.submitted_by == world.worker_a


def test_the_barriers_of_a_criterion_reach_the_board_in_every_format(world, seeded, as_board):
    note = services.note_create(plan=world.plan_a, year=2018, created_by=world.leader_a)
    write_sections(note, world.worker_a)
    services.criterion_barrier_write(
        note=note,
        code="F2",
        barriers="3B har ikke leveret tal for 2018.",
        no_barrier=False,
        written_by=world.worker_a,
        may_sign_off=False,
    )
    services.note_summary_write(note=note, summary="Et år.")
    services.note_submit(note=note, by=world.worker_a)
    services.note_approve(note=note, by=world.leader_a)
    services.note_publish(note=note, by=world.leader_a)
    assert "3B har ikke leveret tal for 2018." in as_board.get(note.get_absolute_url()).content.decode()
    assert "Barrierer (F2): 3B har ikke leveret tal for 2018." in pdf_text(
        as_board.get(url("export_pdf", note))
    )
    paragraphs = [p.text for p in docx(as_board.get(url("export_docx", note))).paragraphs]
    assert "Barrierer (F2): 3B har ikke leveret tal for 2018." in paragraphs


def test_the_leader_finishes_the_draft_rather_than_sending_it_to_themself(
    world, seeded, as_leader, as_worker
):
    note = services.note_create(plan=world.plan_a, year=2018, created_by=world.leader_a)
    leader_page = as_leader.get(note.get_absolute_url()).content.decode()
    assert "Markér udkastet som færdigt" in leader_page and "Send til projektlederen" not in leader_page
    worker_page = as_worker.get(note.get_absolute_url()).content.decode()
    assert "Send til projektlederen" in worker_page
    assert "Næste skridt" in worker_page  # who does what next


def test_approval_asks_for_confirmation_before_freezing(world, seeded, as_leader):
    note = make_note(world.plan_a, world.leader_a, stage="submitted")
    page = as_leader.get(note.get_absolute_url()).content.decode()
    assert 'name="confirm"' in page and "required" in page
    as_leader.post(url("approve", note))
    note.refresh_from_db()
    assert note.status == NoteStatus.SUBMITTED and not note.snapshot
    as_leader.post(url("approve", note), {"confirm": "yes"})
    note.refresh_from_db()
    assert note.status == NoteStatus.APPROVED


def test_who_drafted_approved_and_published_is_on_the_page_and_in_the_pdf(published, as_board):
    page = as_board.get(published.get_absolute_url()).content.decode()
    text = pdf_text(as_board.get(url("export_pdf", published)))
    for label in ("Udarbejdet: Leif Fiktiv", "Godkendt: Leif Fiktiv", "Offentliggjort: Leif Fiktiv"):
        assert label in page and label in text


def _structure(pdf_bytes):
    """(language, [(tag, alt text)]) of a PDF's structure tree."""
    import pikepdf

    pdf = pikepdf.open(io.BytesIO(pdf_bytes))
    elements = []

    def walk(node):
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary):
            if "/S" in node:
                elements.append((str(node.S)[1:], str(node.Alt) if "/Alt" in node else None))
            if "/K" in node:
                walk(node.K)

    walk(pdf.Root.StructTreeRoot)
    return str(pdf.Root.get("/Lang", "")), elements


def test_the_pdf_is_tagged_with_language_headings_table_headers_and_alt_texts(published, as_board):
    language, elements = _structure(as_board.get(url("export_pdf", published)).content)
    tags = [tag for tag, _alt in elements]
    assert language == "da"
    assert {"H1", "H2", "H3", "Table", "TH", "TD"} <= set(tags)
    figures = [alt for tag, alt in elements if tag == "Figure"]
    # Both charts and the sparkline of F2 (A1 has one figure left to draw after "<5") carry alt texts.
    assert len(figures) == 3 and all(figures)
    assert any(alt.startswith("F2 Husordenssager falder med 20 %") and "2018: 40" in alt for alt in figures)
    english = as_board.get(url("export_pdf", published), HTTP_ACCEPT_LANGUAGE="en")
    assert _structure(english.content)[0] == "en"


def test_word_has_headings_real_tables_sized_columns_and_charts_with_alt_text(published, as_board):
    document = docx(as_board.get(url("export_docx", published)))
    headings = [p.style.name for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert "Title" in headings and "Heading 1" in headings and "Heading 2" in headings
    criteria = next(t for t in document.tables if t.rows[0].cells[0].text == "Succeskriterium")
    assert criteria.style.name == "Table Grid"
    widths = [cell.width for cell in criteria.rows[0].cells]
    # The criterion's title gets the room, not five equal columns.
    assert widths[0] == max(widths) and len(set(widths)) > 1
    for row in criteria.rows:
        for cell in row.cells:
            longest = max((len(word) for word in cell.text.split()), default=0)
            assert cell.width.cm >= 0.2 * longest  # no word is wider than its column
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert len(descriptions) == 2 and all(descriptions)
    assert any(d.startswith("A1 Færre fogedudsættelser") for d in descriptions)


def test_a_resident_named_in_a_criterions_barriers_blocks_approval(world, seeded):
    from cases.models import Resident

    _plan, _initiative, department = seeded
    Resident.objects.create(
        plan=world.plan_a, name="Gudrun Fiktivsen", department=department, address="Mågevej 7, 2. th"
    )
    note = services.note_create(plan=world.plan_a, year=2018, created_by=world.leader_a)
    write_sections(note, world.worker_a)
    services.criterion_barrier_write(
        note=note,
        code="F2",
        barriers="Sagen med Gudrun Fiktivsen trak ud.",
        no_barrier=False,
        written_by=world.worker_a,
        may_sign_off=False,
    )
    services.note_summary_write(note=note, summary="Et år.")
    services.note_submit(note=note, by=world.worker_a)
    with pytest.raises(services.IdentityFound) as refused:
        services.note_approve(note=note, by=world.leader_a)
    assert refused.value.hits[0]["where"] == "F2"
