"""The demo casework: three years with mixed success criteria, and a Monday morning for `vicevaert`."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from cases import demo as cases_demo
from cases.models import RESOLVED_OUTCOMES, Case, CaseParty, Consent, Entry, Resident
from cases.selectors import Urgency, caseload_for
from helhedsplan import demo as plan_demo
from helhedsplan.models import Plan

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2020, 6, 1)


@pytest.fixture
def seeded(db):
    plan_demo.seed(today=MONDAY)
    cases_demo.seed(today=MONDAY)
    return Plan.objects.get(slug=plan_demo.SEED_PLAN_SLUG)


def yearly(plan) -> dict:
    figures = {}
    for year in (2017, 2018, 2019):
        evictions = Case.objects.filter(plan=plan, case_type="eviction_prevention", opened_on__year=year)
        figures[year] = {
            "A1": evictions.filter(eviction_scheduled_on__isnull=False).count(),
            "A2": Entry.objects.bridge_buildings().filter(case__plan=plan, occurred_at__year=year).count(),
            "B1": Case.objects.filter(
                plan=plan, case_type="neighbour_conflict", closed_on__year=year, outcome__in=RESOLVED_OUTCOMES
            ).count(),
            "eviction_cases": evictions.count(),
            "conflict_cases": Case.objects.filter(
                plan=plan, case_type="neighbour_conflict", opened_on__year=year
            ).count(),
        }
    return figures


def fingerprint(plan) -> list:
    return list(
        Case.objects.filter(plan=plan)
        .order_by("pk")
        .values_list("case_type", "opened_on", "closed_on", "outcome", "bailiff_date", "arrears_dkk")
        .annotate(entries=Count("entries"))
    ) + list(Resident.objects.filter(plan=plan).order_by("pk").values_list("name", "address"))


def test_the_demo_casework(seeded):
    """One seeding for all checks: seeding takes a while."""
    figures = yearly(seeded)
    # A1 target 20: met, met, missed. A2 target 40: met, missed, met. B1 target 20: met, missed, met.
    assert {y: (f["A1"], f["A2"], f["B1"]) for y, f in figures.items()} == {
        2017: (22, 44, 23),
        2018: (23, 37, 18),
        2019: (17, 41, 21),
    }
    assert [f["eviction_cases"] for f in figures.values()] == [25, 26, 24]
    assert [f["conflict_cases"] for f in figures.values()] == [58, 62, 60]

    # The demo obeys the rules: every bridge-building rests on a consent valid that day that covers
    # the partner, or is a report of concern with a reason.
    bridges = Entry.objects.bridge_buildings().filter(case__plan=seeded)
    for entry in bridges.select_related("consent"):
        if entry.concern_report:
            assert entry.concern_reason
        else:
            assert entry.consent.is_valid_on(entry.occurred_at.date())
            assert entry.consent.partners.filter(pk=entry.partner_id).exists()
    assert Entry.objects.filter(superseded=True).exists()  # some corrections, kept
    assert not Case.objects.filter(plan=seeded, status="closed", outcome="").exists()
    assert len(set(Resident.objects.values_list("name", flat=True))) > 100  # varied, fictional names
    partners = set(bridges.values_list("partner__name", flat=True))
    assert {"KAB Gældsrådgivning", "Boligrådgiverne, SOF", "Distriktspsykiatrien"} <= partners

    # Monday morning for the demo caretaker: bailiff's dates in the coming 1–5 weeks, closest first.
    anna = get_user_model().objects.get(username="vicevaert")
    caseload = list(caseload_for(anna, seeded, MONDAY))
    assert [c.days_to_bailiff.days for c in caseload if c.urgency == Urgency.BAILIFF] == [5, 12, 26, 33]
    assert any(c.follow_up_overdue for c in caseload) and any(c.is_stale for c in caseload)
    assert len(caseload) == 8

    # Seeding again adds nothing.
    before = fingerprint(seeded)
    cases_demo.seed(today=MONDAY)
    assert fingerprint(seeded) == before

    # From nothing, the same random seed gives the same casework.
    Entry.objects.update(corrects=None, consent=None)
    for model in (Entry, CaseParty, Case, Consent, Resident):
        model.objects.all().delete()
    cases_demo.seed(today=MONDAY)
    assert fingerprint(seeded) == before  # the ids differ, the content does not
