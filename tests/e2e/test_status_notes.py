"""The project leader approves and publishes the year's status note; the board reads and downloads it."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from pypdf import PdfReader

from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import Plan
from reporting.notes import demo as notes_demo
from reporting.notes import services
from reporting.notes.models import StatusNote

from .journey import follow, log_in, t


@pytest.fixture
def submitted_note(demo):
    """The demo notes (2018 published), and the 2019 note written and submitted by a caretaker."""
    notes_demo.seed(today=None)
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    User = get_user_model()
    leader, caretaker = User.objects.get(username="projektleder"), User.objects.get(username="vicevaert")
    note = StatusNote.objects.get(plan=plan, year=2019)
    notes_demo.write_sections(note, caretaker, notes_demo.SECTIONS_2018)
    notes_demo.write_barriers(note, caretaker, notes_demo.BARRIERS_2018)
    services.note_summary_write(note=note, summary="Året er gået som planlagt, og ingen barrierer er nye.")
    services.note_submit(note=note, by=caretaker)
    assert leader.memberships.filter(plan=plan).exists()
    return note


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()


def pdf_text(content: bytes) -> str:
    assert content.startswith(b"%PDF"), content[:20]
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)


def test_leader_approves_the_note_downloads_its_pdf_and_publishes_it(submitted_note, new_page):
    note = submitted_note
    page = new_page()
    log_in(page, "projektleder")
    page.goto(reverse("notes:list", kwargs={"plan_id": note.plan_id}))
    follow(page, page.locator(f"a[href='{note.get_absolute_url()}']"))

    # Freezing asks for a confirmation first.
    page.locator("#confirm-approve").check()
    follow(page, page.get_by_role("button", name=t("Approve and freeze the figures")))
    note.refresh_from_db()
    assert note.status == "approved"
    # The figures are frozen now: the draft's "live figures" warning is gone.
    assert page.locator("main .alert-info").first.is_visible()
    assert page.locator("main .alert-warning").count() == 0

    text = pdf_text(download(page, page.get_by_role("link", name="PDF")))
    assert note.title.split()[0] in text
    assert "Året er gået som planlagt" in text

    follow(page, page.get_by_role("button", name=t("Publish to the board")))
    note.refresh_from_db()
    assert note.status == "published"


def test_board_member_reads_and_downloads_the_published_note(submitted_note, new_page):
    published = StatusNote.objects.get(plan=submitted_note.plan, year=2018)
    page = new_page(viewport="phone")
    log_in(page, "bestyrelse")

    # The board's start page lists the published notes only, not the draft of 2019.
    assert page.url.endswith(reverse("notes:list", kwargs={"plan_id": published.plan_id}))
    assert page.locator(f"a[href='{published.get_absolute_url()}']").is_visible()
    assert page.locator(f"a[href='{submitted_note.get_absolute_url()}']").count() == 0

    follow(page, page.locator(f"a[href='{published.get_absolute_url()}']"))
    assert page.get_by_role("heading", name=published.title).is_visible()
    assert page.get_by_text("2018 var året, hvor samarbejdet med boligselskaberne").is_visible()
    # Only the reading is for the board: no workflow buttons.
    assert page.get_by_role("button", name=t("Make a new version")).count() == 0

    text = pdf_text(download(page, page.get_by_role("link", name="PDF")))
    assert "2018 var året" in text

    # The board sees aggregates only: the leader's pages are refused.
    assert page.goto(reverse("helhedsplan:staff_list", kwargs={"plan_id": published.plan_id})).status == 403
