"""The board reads only the published notes of its plan; another plan's note is a 404 everywhere."""

import pytest
from django.urls import reverse

from reporting.notes.models import NoteStatus
from tests.conftest import client_for
from tests.notes.factories import frozen_note
from tests.notes.rules import populate


@pytest.fixture
def notes(world):
    populate(world)
    return world


@pytest.mark.parametrize("name", ["submit", "reopen", "approve", "publish", "supersede"])
def test_posting_another_plans_note_inside_my_plan_is_a_404(notes, name):
    w = notes
    user = w.worker_a if name == "submit" else w.leader_a
    response = client_for(user).post(
        reverse(f"notes:{name}", kwargs={"plan_id": w.plan_a.pk, "pk": w.note_b.pk})
    )
    assert response.status_code == 404
    w.note_b.refresh_from_db()
    assert w.note_b.status == NoteStatus.PUBLISHED


@pytest.mark.parametrize("name", ["detail", "export_pdf", "export_docx", "export_xlsx"])
def test_the_board_cannot_reach_a_draft(notes, as_board, name):
    response = as_board.get(
        reverse(f"notes:{name}", kwargs={"plan_id": notes.plan_a.pk, "pk": notes.draft_note_a.pk})
    )
    assert response.status_code == 404


def test_the_board_list_shows_only_published_notes(notes, as_board, as_leader, django_assert_num_queries):
    url = reverse("notes:list", kwargs={"plan_id": notes.plan_a.pk})
    # Queries: session, user, savepoint, memberships+plans, the membership's last use, the notes with
    # their section counts, release; savepoint, session
    # update, release.
    with django_assert_num_queries(10):
        response = as_board.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2018" in page and "2019" not in page
    for year in (2017, 2020):
        frozen_note(notes.plan_a, notes.leader_a, year=year)
    as_board.get(url)  # the session's current plan is stored now: no session update below
    with django_assert_num_queries(6):  # the same, without the session update: not growing with the notes
        response = as_board.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2017" in page and "2020" in page
    leader_page = as_leader.get(url).content.decode()
    assert "2018" in leader_page and "2019" in leader_page


def test_the_board_lands_on_the_published_notes(notes):
    response = client_for(notes.board_a).get("/", follow=True)
    assert response.request["PATH_INFO"] == reverse("notes:list", kwargs={"plan_id": notes.plan_a.pk})
