"""A second look at the same criteria reuses their compiled batch, and still counts the work recorded since.

`criteria_results` keeps the metrics' asks and the batch's compiled SELECT for a configuration (the
criteria as configured, the year, the day, the language); every look runs the SELECT again.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F, Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.models import (
    Activity,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseGraduate,
    Idea,
    NetworkMeeting,
    ResidentMeeting,
)
from cases.models import Entry
from helhedsplan.models import Department, Plan
from reporting import selectors
from reporting.models import (
    CriterionVersion,
    DistrictStatistic,
    HousingStatistic,
    Milestone,
    SuccessCriterion,
)
from tests.conftest import rows_for_module

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)
YEARS = range(2015, 2027)
#: Leaf records of every table a criterion counts; every other one is removed.
RECORDED_WORK = (
    Entry,
    Activity,
    CourseGraduate,
    Idea,
    ChildrenBoardYear,
    ChildrenBoardSurvey,
    ResidentMeeting,
    NetworkMeeting,
    Milestone,
    HousingStatistic,
    DistrictStatistic,
)


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker):
    yield from rows_for_module(
        django_db_blocker,
        lambda: call_command("seed_demo", verbosity=0, today=TODAY.isoformat(), force=True),
    )


@pytest.fixture(autouse=True)
def demo(_demo, db):
    """The demo data, seeded once for the module (each test writes in a savepoint of its own)."""


@pytest.fixture
def counted(monkeypatch):
    """Every preparation made, and room for all of the demo's plans and years."""
    made = []

    class Counted(selectors._Prepared):
        def __init__(self, *args):
            super().__init__(*args)
            made.append(args[:2])

    monkeypatch.setattr(selectors, "_Prepared", Counted)
    monkeypatch.setattr(selectors._prepared, "maxsize", 1000)
    selectors._prepared.clear()
    yield made
    selectors._prepared.clear()


def _plan_with_criteria() -> Plan:
    return SuccessCriterion.objects.order_by("plan__slug", "pk").first().plan


def _all_results():
    return {
        (plan.slug, year): selectors.criteria_results(plan, year, TODAY)
        for plan in Plan.objects.order_by("slug")
        for year in YEARS
    }


def _remove_every_other_record():
    for model in RECORDED_WORK:
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))[::2]
        records = model.objects.filter(pk__in=ids)
        if model is Entry:  # an entry that a correction points at stays
            records = records.filter(correction__isnull=True)
        records.delete()
    # and the departments' homes, which "per 1,000 homes" divides by
    for department in Department.objects.all():
        Department.objects.filter(pk=department.pk).update(homes=(department.homes or 0) + 250)


def test_a_second_look_counts_what_was_recorded_since(counted):
    counted.clear()  # the demo's status notes were computed while it was made
    with translation.override("en"):
        before = _all_results()
        prepared = len(counted)
        assert prepared == len(before)

        _remove_every_other_record()
        again = _all_results()
        assert len(counted) == prepared  # every look reused its preparation

        selectors._prepared.clear()
        fresh = _all_results()  # prepared anew
    assert len(counted) == 2 * prepared
    assert again == fresh
    # the removed records moved the figures of most criteria (which a stale reuse would have missed)
    moved = {
        (slug, result.code)
        for (slug, year), results in before.items()
        for result, later in zip(results, again[slug, year], strict=True)
        if (result.value, result.reference, result.warnings) != (later.value, later.reference, later.warnings)
    }
    criteria = {(slug, result.code) for (slug, _year), results in before.items() for result in results}
    assert len(moved) > len(criteria) // 2


def test_a_look_in_another_language_or_on_another_day_is_prepared_anew(counted):
    counted.clear()
    selectors._prepared.clear()
    plan = _plan_with_criteria()
    with translation.override("en"):
        english = selectors.criteria_results(plan, 2019, TODAY)
        assert selectors.criteria_results(plan, 2019, TODAY) == english
    with translation.override("da"):
        danish = selectors.criteria_results(plan, 2019, TODAY)
    assert len(counted) == 2 and danish != english
    assert [r.status_label for r in danish] != [r.status_label for r in english]
    selectors.criteria_results(plan, 2019, TODAY - datetime.timedelta(days=1))
    selectors.criteria_results(plan, 2020, TODAY)
    assert len(counted) == 4


def test_a_changed_criterion_is_prepared_anew(counted):
    counted.clear()
    selectors._prepared.clear()
    plan = _plan_with_criteria()
    first = {r.code: r for r in selectors.criteria_results(plan, 2019, TODAY)}
    version = CriterionVersion.objects.filter(criterion__plan=plan, baseline_value__isnull=False).first()
    version.baseline_value += 1
    version.save()
    second = {r.code: r for r in selectors.criteria_results(plan, 2019, TODAY)}
    assert len(counted) == 2
    code = version.criterion.code
    assert second[code].baseline == first[code].baseline + 1


def test_a_reused_preparation_takes_two_queries(counted, django_assert_num_queries):
    counted.clear()
    selectors._prepared.clear()
    plan = _plan_with_criteria()
    selectors.criteria_results(plan, 2019, TODAY)
    # the criteria with their versions, the figures
    with django_assert_num_queries(2):
        selectors.criteria_results(plan, 2019, TODAY)


def test_a_preparation_that_reads_the_database_is_not_kept(counted, monkeypatch):
    counted.clear()
    selectors._prepared.clear()
    plan = _plan_with_criteria()
    prepare = selectors._prepare_result

    def reading(criterion, *args):
        Plan.objects.count()  # as a metric that looked something up while asking would
        return prepare(criterion, *args)

    monkeypatch.setattr(selectors, "_prepare_result", reading)
    with CaptureQueriesContext(connection):
        first = selectors.criteria_results(plan, 2019, TODAY)
        second = selectors.criteria_results(plan, 2019, TODAY)
    assert len(counted) == 2 and first == second


def test_the_criteria_are_read_in_one_query_as_the_orm_reads_them(django_assert_num_queries):
    compared = 0
    for plan in Plan.objects.order_by("slug"):
        with django_assert_num_queries(1):
            fast = selectors.criteria_with_versions(plan)
        orm = list(_criteria_by_the_orm(plan))
        assert [c.pk for c, _versions in fast] == [c.pk for c in orm]
        for (criterion, versions), expected in zip(fast, orm, strict=True):
            assert _stored(criterion) == _stored(expected)
            assert _stored(criterion.focus_area) == _stored(expected.focus_area)
            assert _stored(criterion.initiative) == _stored(expected.initiative)
            expected_versions = sorted(expected.versions.all(), key=lambda v: v.valid_from)
            assert [_stored(v) for v in versions] == [_stored(v) for v in expected_versions]
            assert [_stored(v.reference_district) for v in versions] == [
                _stored(v.reference_district) for v in expected_versions
            ]
            assert all(v.criterion is criterion for v in versions)
            compared += 1
    assert compared >= 15


def _criteria_by_the_orm(plan):
    """The dashboard's criteria as the ORM reads them: by focus area, initiative (nulls first), position
    and code, with their versions by date."""
    return (
        SuccessCriterion.objects.filter(plan=plan)
        .select_related("plan", "focus_area", "initiative")
        .prefetch_related(
            Prefetch(
                "versions",
                CriterionVersion.objects.select_related("reference_district").order_by("valid_from"),
            )
        )
        .order_by("focus_area__name", F("initiative__number").asc(nulls_first=True), "position", "code")
    )


def _stored(obj):
    return None if obj is None else {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}
