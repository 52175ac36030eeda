"""The urgency tier stored on the case is always the tier the rule computes (cases.selectors).

The plan-wide list is read in the order of the stored tier; what it and every other page shows is
computed on the day. The services store the tier whenever they change what it depends on, and the
nightly `refresh_urgency` command stores it when a date has passed.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from cases import services
from cases.models import Case, CaseType, EntryKind, Outcome
from cases.selectors import Urgency, store_urgency, urgency_of, with_urgency
from tests.cases.builders import TODAY, at, bulk_cases, log, make_case

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def tiers(day: datetime.date) -> dict[int, tuple[int, int]]:
    """Every case: (stored tier, the rule's tier on `day`)."""
    return {
        pk: (stored, computed)
        for pk, stored, computed in with_urgency(Case.objects.all(), day).values_list(
            "pk", "urgency_tier", "urgency"
        )
    }


def assert_stored_is_computed(day: datetime.date = TODAY) -> None:
    differing = {pk: pair for pk, pair in tiers(day).items() if pair[0] != pair[1]}
    assert not differing, f"stored != computed on {day}: {differing}"


def stored(case) -> int:
    return Case.objects.values_list("urgency_tier", flat=True).get(pk=case.pk)


def test_every_service_stores_the_tier_the_rule_computes(world):
    user = world.worker_a
    # Opened: with its first entry today, without an entry and long ago, with a follow-up that passed.
    fresh = make_case(world.plan_a, user, opened_on=days(-3), today=TODAY)
    silent = make_case(world.plan_a, user, opened_on=days(-60), first_entry=False, today=TODAY)
    overdue = make_case(world.plan_a, user, opened_on=days(-5), next_follow_up=days(-1), today=TODAY)
    eviction = make_case(
        world.plan_a,
        user,
        case_type=CaseType.EVICTION_PREVENTION,
        opened_on=days(-10),
        eviction_scheduled_on=days(-12),
        bailiff_date=days(3),
        today=TODAY,
    )
    assert [stored(c) for c in (fresh, silent, overdue, eviction)] == [
        Urgency.NONE,
        Urgency.STALE,
        Urgency.FOLLOW_UP_OVERDUE,
        Urgency.BAILIFF,
    ]
    assert_stored_is_computed()

    # An entry on the silent case: no longer stale.
    log(silent, user, day=days(-1), today=TODAY)
    assert stored(silent) == Urgency.NONE
    assert_stored_is_computed()

    # Correcting that entry back to 40 days ago: stale again.
    entry = silent.entries.get()
    services.entry_correct(entry=entry, user=user, occurred_at=at(days(-40)), today=TODAY)
    assert stored(silent) == Urgency.STALE
    assert_stored_is_computed()

    # A follow-up set ahead on the overdue case: no longer overdue.
    overdue.refresh_from_db()
    services.case_schedule_follow_up(case=overdue, user=user, next_follow_up=days(7), today=TODAY)
    assert stored(overdue) == Urgency.NONE
    assert_stored_is_computed()

    # Editing: the bailiff's date cleared, then a follow-up in the past kept from before.
    eviction.refresh_from_db()
    services.case_update(case=eviction, user=user, version=eviction.version, bailiff_date=None, today=TODAY)
    assert stored(eviction) == Urgency.NONE
    eviction.refresh_from_db()
    services.case_update(
        case=eviction, user=user, version=eviction.version, bailiff_date=days(-2), today=TODAY
    )
    assert stored(eviction) == Urgency.BAILIFF
    assert_stored_is_computed()

    # Reassigning changes nothing the tier depends on.
    services.case_reassign(case=eviction, user=user, responsible=[world.leader_a])
    assert stored(eviction) == Urgency.BAILIFF

    # Closing: never urgent; reopening: urgent again.
    eviction.refresh_from_db()
    services.case_close(case=eviction, user=user, outcome=Outcome.AVERTED_PAID, today=TODAY)
    assert stored(eviction) == Urgency.NONE
    assert_stored_is_computed()
    eviction.refresh_from_db()
    services.case_reopen(case=eviction, user=user, today=TODAY)
    assert stored(eviction) == Urgency.BAILIFF
    assert_stored_is_computed()
    # The instance the services hold agrees with the row.
    assert eviction.urgency_tier == urgency_of(eviction, TODAY) == Urgency.BAILIFF


def test_the_nightly_refresh_catches_up_with_passing_dates_and_is_idempotent(world):
    user = world.worker_a
    follow_up = make_case(world.plan_a, user, opened_on=days(-3), next_follow_up=days(2), today=TODAY)
    quiet = make_case(world.plan_a, user, opened_on=days(-20), today=TODAY)  # its entry is 20 days old
    closed = make_case(world.plan_a, user, opened_on=days(-100), today=TODAY)
    services.case_close(case=closed, user=user, outcome=Outcome.RESOLVED_MEDIATION, today=TODAY)
    bulk_cases(world.plan_a, user, 12, today=TODAY)
    assert_stored_is_computed(TODAY)
    history = {c.pk: c.history.count() for c in Case.objects.all()}
    versions = dict(Case.objects.values_list("pk", "version"))

    # Three days on, the follow-up has passed; twelve days on, the quiet case has had no entry for 32 days.
    for later, case, tier in (
        (days(3), follow_up, Urgency.FOLLOW_UP_OVERDUE),
        (days(12), quiet, Urgency.STALE),
    ):
        assert stored(case) != tier
        assert any(s != c for s, c in tiers(later).values())  # a date has passed: the tiers lag
        out = StringIO()
        call_command("refresh_urgency", "--date", later.isoformat(), stdout=out)
        assert_stored_is_computed(later)
        assert "cases changed" in out.getvalue() and " 0 cases changed" not in out.getvalue()
        again = StringIO()
        call_command("refresh_urgency", "--date", later.isoformat(), stdout=again)
        assert " 0 cases changed" in again.getvalue()  # idempotent
        assert_stored_is_computed(later)
        assert stored(case) == tier
    assert stored(follow_up) == Urgency.FOLLOW_UP_OVERDUE
    assert stored(quiet) == Urgency.STALE
    assert stored(closed) == Urgency.NONE
    # Neither the cases' history nor their versions record the refresh.
    assert {c.pk: c.history.count() for c in Case.objects.all()} == history
    assert dict(Case.objects.values_list("pk", "version")) == versions


def test_the_refresh_defaults_to_today_and_mends_any_drift(world):
    case = make_case(world.plan_a, world.worker_a, opened_on=days(-3), next_follow_up=days(-1), today=TODAY)
    Case.objects.filter(pk=case.pk).update(urgency_tier=Urgency.NONE)  # e.g. a row written by hand
    call_command("refresh_urgency", stdout=StringIO())
    today = datetime.date.today()
    assert_stored_is_computed(today)
    assert store_urgency(Case.objects.all(), today) == 0


def test_an_entry_backdated_into_a_stale_case_keeps_it_stale(world):
    case = make_case(world.plan_a, world.worker_a, opened_on=days(-90), today=TODAY)  # entry 90 days old
    assert stored(case) == Urgency.STALE
    log(case, world.worker_a, day=days(-45), kind=EntryKind.LETTER, today=TODAY)
    assert stored(case) == Urgency.STALE
    log(case, world.worker_a, day=days(-29), today=TODAY)
    assert stored(case) == Urgency.NONE
    assert_stored_is_computed()
