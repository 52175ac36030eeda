"""The Nørrebro demo district reproduces the 2013 contract *Udsatte grupper* (with fictional people)."""

import datetime

import pytest
from django.db.models import Count

from helhedsplan import demo as plan_demo
from reporting.districts import demo
from reporting.districts.models import District, DistrictMembership, SharedMeeting
from reporting.districts.selectors import meetings_with_gaps

D = datetime.date
pytestmark = pytest.mark.django_db
TODAY = D(2026, 11, 23)


@pytest.fixture
def seeded():
    plan_demo.seed()
    demo.seed(today=TODAY)
    return District.objects.get(slug="norrebro")


def test_the_contracts_newest_version_names_the_five_plans_with_the_seeds_budgets(seeded):
    contract = seeded.contracts.get(focus_area="Udsatte grupper")
    versions = list(contract.versions.order_by("issued_on").values_list("issued_on", flat=True))
    assert versions == [D(2012, 5, 1), D(2012, 11, 1), D(2013, 12, 12)]
    newest = contract.versions.order_by("-issued_on").first()
    budgets = dict(newest.plan_terms.values_list("plan__name", "budget_dkk"))
    assert budgets == {
        "Helhedsplanen for Lundtoftegade": 2_575_277,
        "Helhedsplan for Mimersgadekvarteret": 1_093_971,
        "Det gode Naboskab": 0,
        "Hothers Plads Helhedsplanen": 0,
        "Aldersrogade – vores kvarter": 0,
    }
    first = contract.versions.order_by("issued_on").first()
    assert list(first.plan_terms.values_list("plan__name", flat=True)) == ["Helhedsplanen for Lundtoftegade"]
    # Titanparken is in the district's networks, not in the contract's budget.
    assert seeded.district_plans.count() == 6


def test_the_practice_network_meets_every_8_weeks_from_2013_and_missed_one(seeded):
    practice = seeded.networks.get(name=demo.PRACTICE)
    days = list(practice.meetings.order_by("date").values_list("date", flat=True))
    assert days[0] == D(2013, 2, 12)
    gaps = [(b - a).days // 7 for a, b in zip(days, days[1:], strict=False)]
    assert sorted(set(gaps)) == [8, 16]
    assert gaps.count(16) == 1
    assert demo.PRACTICE_MISSED not in days
    assert practice.is_overdue(days[-1], TODAY)


def test_two_health_meetings_a_year_and_a_yearly_theme_meeting_for_every_running_plan(seeded):
    health = seeded.networks.get(name=demo.HEALTH)
    per_year = health.meetings.values("date__year").annotate(n=Count("pk")).order_by("date__year")
    assert {row["date__year"]: row["n"] for row in per_year} == {
        2013: 1,
        2014: 2,
        2015: 2,
        2016: 2,
        2017: 2,
        2018: 2,
    }
    # Neither series missed a meeting by its own cadence.
    assert not [m.date for m in meetings_with_gaps(health) if m.late]
    theme = seeded.networks.get(name=demo.THEME)
    meeting_2015 = theme.meetings.get(date__year=2015)
    # Every plan of the district running in November 2015 was invited: all six.
    assert meeting_2015.plan_rows.filter(invited=True).count() == 6
    assert theme.meetings.count() == 6
    assert not [m.date for m in meetings_with_gaps(theme) if m.late]


def test_the_demo_coordinator_and_running_it_twice_changes_nothing(seeded):
    assert DistrictMembership.objects.filter(user__username="koordinator", district=seeded).exists()
    count = SharedMeeting.objects.count()
    demo.seed(today=TODAY)
    assert SharedMeeting.objects.count() == count
