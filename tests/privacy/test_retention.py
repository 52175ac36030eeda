"""Retention, erasure on request and the access request leave what they promise, and nothing else."""

import datetime
import io
import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cases.models import Case, CaseParty, CaseStatus, Consent, Entry, EntryKind, Outcome, Resident
from cases.privacy.services import ANONYMISED, resident_erase, retention_apply
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction, AuditEvent
from tests import factories
from tests.cases import builders
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
LONG_AGO = datetime.date(2019, 3, 1)  # closed more than five years before TODAY
RECENT = datetime.date(2024, 3, 1)


def every_value_in_the_database() -> str:
    """All rows of all tables as one text, to look for a trace of someone."""
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts.extend(str(value) for row in cursor.fetchall() for value in row)
    return "\n".join(parts)


def closed_case(plan, user, residents, *, opened_on, closed_on, note, summary="", roles=None):
    case = builders.make_case(
        plan, user, residents=residents, roles=roles, opened_on=opened_on, today=closed_on, summary=summary
    )
    builders.log(case, user, day=opened_on, kind=EntryKind.HOME_VISIT, note=note, today=closed_on)
    from cases import services

    services.case_close(
        case=Case.objects.get(pk=case.pk),
        user=user,
        outcome=Outcome.RESOLVED_MEDIATION,
        closed_on=closed_on,
        version=Case.objects.get(pk=case.pk).version,
        today=closed_on,
    )
    return Case.objects.get(pk=case.pk)


@pytest.fixture
def casework(world):
    """Karen: one old closed case (her data must go). Jens: an old case and a recent one (he stays)."""
    plan, worker = world.plan_a, world.worker_a
    partner = factories.make_partner(plan)
    karen = builders.make_resident(
        plan, worker, name="Karen Glemmesen", address="Slettevej 7, 2. th", phone="12345678"
    )
    builders.consent(karen, [partner], user=worker, form_location="Skab K", today=LONG_AGO)
    karen.name = "Karen Glemmesen-Olsen"  # an earlier name stays in the history table until retention
    karen.save()
    jens = builders.make_resident(plan, worker, name="Jens Bliversen", address="Bliv Allé 1")
    old = closed_case(
        plan,
        worker,
        [karen, jens],
        opened_on=datetime.date(2018, 5, 1),
        closed_on=LONG_AGO,
        note="Karen fortæller om gæld og angst",
        summary="Støj fra Karen på 2. sal",
    )
    recent = closed_case(
        plan,
        worker,
        [jens],
        opened_on=datetime.date(2024, 1, 10),
        closed_on=RECENT,
        note="Jens har fået hjælp",
    )
    # A look-up of Karen by name, as the search page would log it.
    audit_log(
        action=AuditAction.SEARCH,
        user=worker,
        object_type="resident",
        resident_ids=[karen.pk],
        search_terms="Glemmesen",
    )
    return {"karen": karen, "jens": jens, "old": old, "recent": recent, "plan": plan}


def test_retention_leaves_no_trace_of_a_resident_whose_cases_are_all_old(casework):
    karen = casework["karen"]
    outcome = retention_apply(today=TODAY, years=5)
    assert outcome.case_ids == [casework["old"].pk]
    assert outcome.resident_ids == [karen.pk]
    everything = every_value_in_the_database()
    for trace in ["Glemmesen", "Slettevej", "12345678", "gæld og angst", "Støj fra Karen", "Skab K"]:
        assert trace not in everything, trace
    assert not Resident.objects.filter(pk=karen.pk).exists()
    assert not Consent.objects.filter(resident_id=karen.pk).exists()


def test_the_old_case_keeps_what_the_figures_count(casework):
    old = casework["old"]
    before = Entry.objects.filter(case=old).values_list("kind", "occurred_at", "minutes", "bridge_category")
    before = list(before)
    retention_apply(today=TODAY, years=5)
    case = Case.objects.get(pk=old.pk)
    assert (case.case_type, case.status, case.opened_on, case.closed_on, case.outcome) == (
        old.case_type,
        CaseStatus.CLOSED,
        old.opened_on,
        old.closed_on,
        Outcome.RESOLVED_MEDIATION,
    )
    assert case.summary == "" and not CaseParty.objects.filter(case=case).exists()
    after = list(
        Entry.objects.filter(case=old).values_list("kind", "occurred_at", "minutes", "bridge_category")
    )
    assert after == before
    assert set(Entry.objects.filter(case=old).values_list("note", flat=True)) == {""}


def test_a_resident_with_a_recent_case_stays_with_it(casework):
    jens, recent = casework["jens"], casework["recent"]
    retention_apply(today=TODAY, years=5)
    assert Resident.objects.filter(pk=jens.pk).exists()
    assert list(CaseParty.objects.filter(resident=jens).values_list("case_id", flat=True)) == [recent.pk]
    assert Entry.objects.filter(case=recent, note="Jens har fået hjælp").exists()


def test_dry_run_changes_nothing_and_a_second_run_changes_nothing(casework):
    before = every_value_in_the_database()
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)  # today: 1 case, 1 resident are due
    assert "1 cases" in out.getvalue() and "1 residents" in out.getvalue()
    assert every_value_in_the_database() == before

    call_command("apply_retention", stdout=StringIO())
    after_first = every_value_in_the_database()
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Anonymised 0 cases" in out.getvalue()
    assert every_value_in_the_database() == after_first


def test_the_retention_period_is_configurable(casework, settings):
    settings.RETENTION_YEARS = 10
    assert retention_apply(today=TODAY).case_ids == []
    assert retention_apply(today=TODAY, years=2).case_ids == sorted(
        [casework["old"].pk, casework["recent"].pk]
    )


def test_a_report_of_concern_keeps_its_flag_but_not_its_reason(world):
    plan, worker = world.plan_a, world.worker_a
    resident = builders.make_resident(plan, worker, name="Bo Bekymring")
    case = closed_case(
        plan, worker, [resident], opened_on=datetime.date(2018, 1, 5), closed_on=LONG_AGO, note="x"
    )
    Entry.objects.filter(case=case).update(concern_report=True, concern_reason="Bo truede naboen")
    retention_apply(today=TODAY, years=5)
    assert set(Entry.objects.filter(case=case).values_list("concern_report", "concern_reason")) == {
        (True, ANONYMISED)
    }


class TestErasure:
    def test_erasure_removes_the_resident_and_cuts_their_name_from_shared_cases(self, casework, world):
        karen, jens, old = casework["karen"], casework["jens"], casework["old"]
        resident_erase(resident=karen, user=world.leader_a)
        everything = every_value_in_the_database()
        for trace in ["Glemmesen", "Slettevej", "12345678", "Skab K"]:
            assert trace not in everything, trace
        assert Resident.objects.filter(pk=jens.pk).exists()
        assert list(CaseParty.objects.filter(case=old).values_list("resident_id", flat=True)) == [jens.pk]
        note = Entry.objects.get(case=old, kind=EntryKind.HOME_VISIT).note
        assert "Karen" not in note and "gæld og angst" in note  # the shared case keeps its work, not her name
        event = AuditEvent.objects.get(action=AuditAction.ERASE)
        assert event.object_ids == [karen.pk] and event.user_id == world.leader_a.pk
        assert not AuditEvent.objects.exclude(search_terms="").filter(search_terms__icontains="Glemmesen")

    def test_the_project_leader_erases_from_the_resident_page_and_it_is_audited(self, casework, world):
        karen = casework["karen"]
        url = reverse("privacy:resident_erase", kwargs={"plan_id": world.plan_a.pk, "pk": karen.pk})
        leader = client_for(world.leader_a)
        assert leader.get(url).status_code == 200
        assert leader.post(url, {}).status_code == 200  # the confirmation box is required
        assert Resident.objects.filter(pk=karen.pk).exists()
        response = leader.post(url, {"confirm": "on"})
        assert response.status_code == 302
        assert not Resident.objects.filter(pk=karen.pk).exists()
        assert AuditEvent.objects.filter(action=AuditAction.ERASE, user=world.leader_a).count() == 1
        assert client_for(world.worker_a).post(url, {"confirm": "on"}).status_code == 403


class TestAccessRequest:
    def test_json_holds_everything_about_the_resident_and_no_other_residents_name(self, casework, world):
        karen = casework["karen"]
        url = reverse("privacy:access_request_json", kwargs={"plan_id": world.plan_a.pk, "pk": karen.pk})
        response = client_for(world.leader_a).get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        data = json.loads(response.content)
        assert data["resident"]["name"] == "Karen Glemmesen-Olsen"
        assert data["earlier_versions"][0]["name"] == "Karen Glemmesen"
        assert data["consents"][0]["form_kept"] == "Skab K"
        [case] = data["cases"]
        assert case["entries"][-1]["note"] == "Karen fortæller om gæld og angst"
        assert len(case["other_residents"]) == 1
        assert "Jens" not in response.content.decode() and "Bliversen" not in response.content.decode()
        assert data["lookups"] and data["lookups"][0]["what"]
        event = AuditEvent.objects.filter(action=AuditAction.ACCESS_REQUEST).get()
        assert event.object_ids == [karen.pk] and event.reason == "json"

    def test_the_other_residents_name_is_cut_from_shared_notes(self, casework, world):
        jens = casework["jens"]
        url = reverse("privacy:access_request_json", kwargs={"plan_id": world.plan_a.pk, "pk": jens.pk})
        text = client_for(world.leader_a).get(url).content.decode()
        assert "Karen" not in text and "Glemmesen" not in text
        assert "gæld og angst" in text  # Jens's own case notes stay, with Karen's name cut out

    def test_pdf(self, casework, world):
        from pypdf import PdfReader

        karen = casework["karen"]
        url = reverse("privacy:access_request_pdf", kwargs={"plan_id": world.plan_a.pk, "pk": karen.pk})
        response = client_for(world.leader_a).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
        assert "Glemmesen-Olsen" in text and "Slettevej" in text
        assert "Bliversen" not in text
        # Written for a citizen: dates in words ("3. marts 2026 kl. 14.05"), no ISO timestamps.
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text
        assert re.search(r"\d{1,2}\. [a-zæøå]+ \d{4} kl\. \d{2}\.\d{2}", text), text

    def test_only_the_project_leader_sees_who_looked_the_resident_up(self, casework, world):
        karen = casework["karen"]
        url = reverse("cases:resident_detail", kwargs={"plan_id": world.plan_a.pk, "pk": karen.pk})
        client_for(world.worker_a).get(url)  # the caretaker looks Karen up
        page = client_for(world.leader_a).get(url).content.decode()
        assert 'id="resident-lookups"' in page and "Asta Fiktiv" in page  # by name, not username
        assert 'id="resident-lookups"' not in client_for(world.worker_a).get(url).content.decode()


def test_the_dashboard_figures_are_the_same_before_and_after_retention(db):
    """On the demo data, anonymising every case changes no figure of any criterion in any year."""
    from helhedsplan.demo import SEED_PLAN_SLUG
    from helhedsplan.models import Plan
    from reporting.selectors import criteria_results

    call_command("seed_demo", "--force", "--today", "2019-06-03", stdout=StringIO())
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    as_of = datetime.date(2019, 6, 3)
    years = range(plan.start_date.year - 1, plan.end_date.year + 1)

    def figures():
        return {
            (r.code, year): (r.value, r.status, [tuple(vars(p).values()) for p in r.series])
            for year in years
            for r in criteria_results(plan, year, as_of)
        }

    before = figures()
    assert any(value is not None for value, _, _ in before.values())
    outcome = retention_apply(today=datetime.date(2040, 1, 1), years=5)  # every closed case is due
    assert outcome.case_ids and outcome.resident_ids
    assert figures() == before
