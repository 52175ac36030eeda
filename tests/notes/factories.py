"""Status notes for the tests: a plan with two criteria on housing statistics and a note at any stage."""

import datetime
from decimal import Decimal

from reporting.models import CriterionVersion, HousingStatistic, SuccessCriterion, TargetKind
from reporting.notes import services
from reporting.notes.models import StatusNote
from tests import factories


def make_criteria(plan, initiative, department):
    """F2: house-rules cases ≤ 80 % of 44; A1-like: evictions, at most 10 a year (a count of people)."""
    focus_area = initiative.focus_area
    house_rules = SuccessCriterion.objects.create(
        plan=plan, code="F2", title="Husordenssager falder med 20 %", focus_area=focus_area
    )
    CriterionVersion.objects.create(
        criterion=house_rules,
        valid_from=datetime.date(2017, 1, 1),
        metric="housing_statistic",
        params={"measure": "house_rules_cases"},
        baseline_value=Decimal(44),
        baseline_year=2015,
        target_kind=TargetKind.REDUCTION_BY_YEAR,
        target_value=Decimal(20),
        target_year=2020,
        first_year=2017,
        last_year=2020,
    )
    evictions = SuccessCriterion.objects.create(
        plan=plan, code="A1", title="Færre fogedudsættelser", focus_area=focus_area, initiative=initiative
    )
    CriterionVersion.objects.create(
        criterion=evictions,
        valid_from=datetime.date(2017, 1, 1),
        metric="housing_statistic",
        params={"measure": "evictions"},
        target_kind=TargetKind.AT_MOST_PER_YEAR,
        target_value=Decimal(10),
        first_year=2017,
        last_year=2020,
    )
    return house_rules, evictions


def statistic(department, year, measure, value):
    HousingStatistic.objects.update_or_create(
        plan=department.plan,
        year=year,
        housing_organisation=department.housing_organisation,
        neighbourhood=department.neighbourhood,
        department=None,
        measure=measure,
        defaults={"value": Decimal(value)},
    )


def write_sections(note, user, **fields):
    fields.setdefault("progress", "Vi har holdt 12 mægtige møder i år.")
    fields.setdefault("no_barriers", False)
    fields.setdefault("barriers", "Ventetid på kommunens boligrådgivere.")
    fields.setdefault("next_steps", "Flere opgangsmøder.")
    for section in note.sections.all():
        services.note_section_write(section=section, written_by=user, **fields)


def write_barriers(note, user, text="Kommunens statistik kommer først i marts."):
    """State the barriers of every criterion at risk or not met, as the note requires before submission."""
    from reporting.notes.selectors import note_figures
    from reporting.notes.services import unstated_barriers

    for code in unstated_barriers(note, note_figures(note)):
        services.criterion_barrier_write(
            note=note, code=code, barriers=text, no_barrier=False, written_by=user, may_sign_off=False
        )


def frozen_note(plan, leader, *, year=2018, status="published") -> StatusNote:
    """A published note made directly, with a small frozen snapshot (no live figures needed)."""
    from django.utils import timezone

    from helhedsplan.models import Initiative
    from reporting.notes.models import NoteSection

    now = timezone.now()
    note = StatusNote.objects.create(
        plan=plan,
        year=year,
        status=status,
        summary="Et år med fremgang.",
        created_by=leader,
        approved_by=leader,
        approved_at=now,
        published_at=now,
        figures_as_of=now,
        snapshot={
            "as_of": f"{year}-12-31",
            "taken_at": now.isoformat(),
            "criteria": [
                {
                    "code": "F2",
                    "title": "Husordenssager",
                    "focus_area": "Tryghed og trivsel",
                    "initiative": None,
                    "initiative_id": None,
                    "unit": "husordenssager",
                    "decimals": 0,
                    "counts_people": True,
                    "value": 40,
                    "baseline": 44,
                    "baseline_year": 2015,
                    "target": 35.2,
                    "target_label": "højst 35,2 i 2020",
                    "status": "on_track",
                    "series": [{"year": 2017, "value": 42}, {"year": year, "value": 40}],
                }
            ],
            "logbook": [{"key": "activities", "value": 7, "counts_people": False}],
            "milestones": [],
        },
    )
    for initiative in Initiative.objects.filter(focus_area__plan=plan):
        NoteSection.objects.create(note=note, initiative=initiative, progress="Godt.", no_barriers=True)
    return note


def make_note(
    plan, leader, *, year=2018, stage="draft", summary="Året gik godt på Sjælør Boulevard."
) -> StatusNote:
    """A note taken to `stage` (draft, submitted, approved or published) through the services."""
    note = services.note_create(plan=plan, year=year, created_by=leader)
    if stage == "draft":
        return note
    write_sections(note, leader)
    write_barriers(note, leader)
    services.note_summary_write(note=note, summary=summary)
    note = services.note_submit(note=note, by=leader)
    if stage == "submitted":
        return note
    note = services.note_approve(note=note, by=leader)
    if stage == "approved":
        return note
    return services.note_publish(note=note, by=leader)


def plan_with_figures(world, plan=None, leader=None):
    """Plan A with a focus area, an initiative, a department and 2018 statistics.

    2018: 40 house-rules cases, 3 evictions (a count of people below 5).
    """
    plan = plan or world.plan_a
    focus_area = factories.make_focus_area(plan)
    initiative = factories.make_initiative(focus_area)
    department = factories.make_department(plan)
    make_criteria(plan, initiative, department)
    statistic(department, 2018, "house_rules_cases", 40)
    statistic(department, 2018, "evictions", 3)
    statistic(department, 2017, "house_rules_cases", 42)
    statistic(department, 2017, "evictions", 12)
    return plan, initiative, department
