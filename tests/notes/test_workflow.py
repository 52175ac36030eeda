"""The status note's life: drafted from the live figures, written, submitted, approved (frozen), published."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import Resident
from reporting.notes import services
from reporting.notes.models import NoteStatus, StatusNote
from reporting.notes.selectors import board_figures, note_figures
from tests.notes.factories import make_note, plan_with_figures, statistic, write_barriers, write_sections


def url(name, note, **kwargs):
    return reverse(f"notes:{name}", kwargs={"plan_id": note.plan_id, "pk": note.pk, **kwargs})


def criterion(figures, code):
    return next(c for c in figures["criteria"] if c["code"] == code)


@pytest.fixture
def seeded(world):
    return plan_with_figures(world)


def test_the_full_cycle_in_the_browser(world, seeded, as_leader, as_worker, as_board):
    response = as_leader.post(
        reverse("notes:create", kwargs={"plan_id": world.plan_a.pk}), {"year": 2018, "period": "year"}
    )
    note = StatusNote.objects.get(plan=world.plan_a)
    assert response.status_code == 302 and response["Location"] == note.get_absolute_url()
    section = note.sections.get()

    # The worker writes the initiative's section; "no barriers" must be said explicitly.
    edit = url("section_edit", note, section_pk=section.pk)
    response = as_worker.post(edit, {"progress": "Godt år.", "barriers": "", "next_steps": ""})
    assert response.status_code == 200
    assert (
        "no barriers" in response.content.decode() or "ingen barrierer" in response.content.decode().lower()
    )
    section.refresh_from_db()
    assert section.progress == ""  # nothing half-saved
    response = as_worker.post(
        edit, {"progress": "Godt år.", "no_barriers": "on", "barriers": "", "next_steps": "Mere."}
    )
    assert response.status_code == 302
    # F2 is at risk: the note cannot be submitted until its barriers are stated.
    as_worker.post(url("submit", note))
    note.refresh_from_db()
    assert note.status == NoteStatus.DRAFT
    page = as_worker.get(note.get_absolute_url()).content.decode()
    assert "Ikke beskrevet endnu" in page and url("criterion_barrier", note, code="F2") in page
    barrier = url("criterion_barrier", note, code="F2")
    # A worker describes the barrier; only the project leader may sign off that there is none.
    assert "no_barrier" not in as_worker.get(barrier).content.decode()
    response = as_worker.post(barrier, {"barriers": "Boligselskabets tal kommer sent.", "no_barrier": "on"})
    assert response.status_code == 302
    assert as_worker.post(url("submit", note)).status_code == 302
    note.refresh_from_db()
    assert note.status == NoteStatus.SUBMITTED

    # The leader writes the summary, approves (figures frozen) and publishes.
    as_leader.post(url("summary_edit", note), {"summary": "Et år med fremgang i Kgs. Enghave."})
    as_leader.post(url("approve", note), {"confirm": "yes"})
    note.refresh_from_db()
    assert note.status == NoteStatus.APPROVED and note.figures_as_of is not None
    assert as_board.get(note.get_absolute_url()).status_code == 404  # not published yet
    as_leader.post(url("publish", note))
    note.refresh_from_db()
    assert note.status == NoteStatus.PUBLISHED

    page = as_board.get(reverse("notes:list", kwargs={"plan_id": world.plan_a.pk}))
    assert note.title in page.content.decode()
    for kind in ("pdf", "docx", "xlsx"):
        response = as_board.get(url(f"export_{kind}", note))
        assert response.status_code == 200
        assert f'filename="statusnotat-2018-{world.plan_a.slug}.{kind}"' in response["Content-Disposition"]


def test_approval_freezes_the_figures(world, seeded):
    plan, _initiative, department = seeded
    note = make_note(plan, world.leader_a, stage="submitted")
    # Live while submitted: 40 house-rules cases in 2018.
    assert criterion(note_figures(note), "F2")["value"] == 40
    note = services.note_approve(note=note, by=world.leader_a)
    # A correction of the statistic after approval...
    statistic(department, 2018, "house_rules_cases", 30)
    note.refresh_from_db()
    # ...does not change the approved note (40), but a new draft sees 30.
    assert criterion(note_figures(note), "F2")["value"] == 40
    assert {"year": 2018, "value": 40} in criterion(note_figures(note), "F2")["series"]
    published = services.note_publish(note=note, by=world.leader_a)
    assert criterion(note_figures(published), "F2")["value"] == 40
    new = services.note_supersede(note=published, by=world.leader_a)
    assert criterion(note_figures(new), "F2")["value"] == 30


def test_a_published_note_is_superseded_never_edited(world, seeded):
    plan, _initiative, _department = seeded
    note = make_note(plan, world.leader_a, stage="published")
    with pytest.raises(ValidationError):
        services.note_summary_write(note=note, summary="Ændret i smug.")
    with pytest.raises(ValidationError):
        services.note_section_write(
            section=note.sections.get(),
            progress="x",
            no_barriers=True,
            barriers="",
            next_steps="",
            written_by=world.leader_a,
        )
    new = services.note_supersede(note=note, by=world.leader_a)
    assert (new.version, new.supersedes, new.status) == (2, note, NoteStatus.DRAFT)
    assert new.summary == note.summary
    with pytest.raises(ValidationError):
        services.note_supersede(note=note, by=world.leader_a)  # one new version at a time
    write_sections(new, world.leader_a, no_barriers=True, barriers="")
    services.note_submit(note=new, by=world.leader_a)
    services.note_approve(note=new, by=world.leader_a)
    services.note_publish(note=new, by=world.leader_a)
    note.refresh_from_db()
    assert note.status == NoteStatus.SUPERSEDED


@pytest.mark.parametrize(
    ("stage", "service"),
    [
        ("draft", services.note_approve),
        ("draft", services.note_publish),
        ("draft", services.note_supersede),
        ("submitted", services.note_submit),
        ("submitted", services.note_publish),
        ("approved", services.note_submit),
        ("approved", services.note_approve),
        ("published", services.note_reopen),
        ("published", services.note_approve),
    ],
)
def test_refused_transitions(world, seeded, stage, service):
    note = make_note(world.plan_a, world.leader_a, stage=stage)
    with pytest.raises(ValidationError):
        service(note=note, by=world.leader_a)
    assert StatusNote.objects.get(pk=note.pk).status == stage


def test_submit_needs_every_section_to_state_its_barriers(world, seeded):
    note = make_note(world.plan_a, world.leader_a, stage="draft")
    with pytest.raises(ValidationError) as refused:
        services.note_submit(note=note, by=world.worker_a)
    assert refused.value.code == "incomplete"
    with pytest.raises(ValidationError) as refused:
        services.note_section_write(
            section=note.sections.get(),
            progress="x",
            no_barriers=True,
            barriers="Lang ventetid",
            next_steps="",
            written_by=world.worker_a,
        )
    assert "no_barriers" in refused.value.error_dict


def test_approval_needs_a_summary(world, seeded):
    note = make_note(world.plan_a, world.leader_a, stage="submitted", summary="")
    with pytest.raises(ValidationError) as refused:
        services.note_approve(note=note, by=world.leader_a)
    assert refused.value.code == "summary"


def test_one_note_per_period(world, seeded):
    make_note(world.plan_a, world.leader_a)
    with pytest.raises(ValidationError):
        services.note_create(plan=world.plan_a, year=2018, created_by=world.leader_a)
    with pytest.raises(ValidationError):
        services.note_create(plan=world.plan_a, year=2031, created_by=world.leader_a)  # outside the plan


# --- The identity scan --------------------------------------------------------------------------


@pytest.fixture
def resident(world, seeded):
    _plan, _initiative, department = seeded
    return Resident.objects.create(
        plan=world.plan_a,
        name="Åse Fiktivsen",
        department=department,
        address="Mågevej 7, 2. th",
        phone="+45 20 30 40 50",
    )


@pytest.mark.parametrize(
    "prose",
    [
        "Vi hjalp åse fiktivsen med en afdragsordning.",
        "Konflikten på  Mågevej 7, 2. th  er løst.",
        "Ring på 20 30 40 50 for mere.",
        "Ring på 20304050.",
    ],
)
def test_approval_is_blocked_when_the_prose_names_a_resident(world, resident, prose, as_leader):
    note = make_note(world.plan_a, world.leader_a, stage="draft")
    write_sections(note, world.worker_a, progress=prose)
    write_barriers(note, world.worker_a)
    services.note_summary_write(note=note, summary="Et roligt år.")
    services.note_submit(note=note, by=world.worker_a)
    with pytest.raises(services.IdentityFound) as refused:
        services.note_approve(note=note, by=world.leader_a)
    assert len(refused.value.hits) == 1
    assert refused.value.hits[0]["where"] == str(note.sections.get().initiative)
    # On the page: the approval is refused and the hit listed.
    page = as_leader.post(url("approve", note), {"confirm": "yes"}, follow=True).content.decode()
    assert refused.value.hits[0]["found"] in page
    assert StatusNote.objects.get(pk=note.pk).status == NoteStatus.SUBMITTED


def test_the_scan_does_not_flag_words_that_merely_contain_a_name(world, resident):
    note = make_note(
        world.plan_a, world.leader_a, stage="submitted", summary="Mågevej 70 fik nye bænke; tlf. 2030 4051."
    )
    assert services.identity_scan(note) == []


def test_residents_of_another_plan_are_not_scanned_for(world, seeded):
    other = Resident.objects.create(plan=world.plan_b, name="Åse Fiktivsen", address="x", phone="")
    note = make_note(world.plan_a, world.leader_a, stage="submitted", summary="Åse Fiktivsen")
    assert other and services.identity_scan(note) == []


# --- Small numbers --------------------------------------------------------------------------------


def test_counts_of_people_below_five_are_shown_as_less_than_five(world, seeded, as_board, settings):
    note = make_note(world.plan_a, world.leader_a, stage="published")
    figures = board_figures(note_figures(note))
    # 3 evictions in 2018 count people: "<5"; 12 in 2017 is shown; 40 house-rules cases too.
    assert criterion(figures, "A1")["value"] == "<5"
    assert {p["year"]: p["value"] for p in criterion(figures, "A1")["series"]}.items() >= {
        2017: 12,
        2018: "<5",
    }.items()
    assert criterion(figures, "F2")["value"] == 40
    page = as_board.get(note.get_absolute_url()).content.decode()
    assert "&lt;5" in page
    settings.STATUS_NOTE_SMALL_NUMBER_THRESHOLD = 3
    assert criterion(board_figures(note_figures(note)), "A1")["value"] == 3


def test_zero_is_not_suppressed(world, seeded):
    from reporting.notes.selectors import suppress

    assert [suppress(v, True) for v in (0, 1, 4, 5, None)] == [0, "<5", "<5", 5, None]
    assert suppress(3, False) == 3
