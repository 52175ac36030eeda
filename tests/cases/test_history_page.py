"""The history page of a case and of a resident: a fixed number of queries however many changes, and
the same rows as django-simple-history's own diff (`diff_against`) gives."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cases import services
from cases.models import CaseParty, Consent, PartyRole
from cases.views.history import ACTIONS, HIDDEN_FIELDS, history_rows
from tests import factories
from tests.cases.builders import TODAY, consent, make_case, make_resident
from tests.conftest import client_for
from tests.perf.benchmark.measure import real_queries

pytestmark = pytest.mark.django_db


# The page's rows as they were made with simple-history's diff, record by record (the reference).
def _show(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, get_user_model()):
        return value.get_full_name() or value.get_username()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "strftime") and not hasattr(value, "hour"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _show_field(model, name, value) -> str:
    model_field = model._meta.get_field(name)
    if isinstance(model_field, models.ManyToManyField):
        owner = model._meta.model_name
        items = [_show(v) for row in value or [] for k, v in row.items() if k != owner]
        return ", ".join(items) or "–"
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    return _show(value)


def reference_rows(records) -> list[tuple]:
    previous, rows = {}, []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        model = record.instance_type
        before = previous.get((model, record.id))
        previous[(model, record.id)] = record
        changes = []
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before, foreign_keys_are_objs=True)
            changes = [
                (
                    str(model._meta.get_field(c.field).verbose_name),
                    _show_field(model, c.field, c.old),
                    _show_field(model, c.field, c.new),
                )
                for c in delta.changes
                if c.field not in HIDDEN_FIELDS
            ]
            if not changes:
                continue
        what = str(model._meta.verbose_name).capitalize()
        what += f" {record.instance}" if model._meta.model_name != "case" else ""
        who = _show(record.history_user) if record.history_user_id else _("the system")
        rows.append((record.history_date, who, what, ACTIONS[record.history_type], changes))
    rows.reverse()
    return rows


def as_tuples(rows) -> list[tuple]:
    return [(r.when, r.who, r.what, r.action, r.changes) for r in rows]


def _case_records(case):
    return [*case.history.select_related("history_user"), *CaseParty.history.filter(case_id=case.pk)]


def _resident_records(resident):
    return [
        *resident.history.select_related("history_user"),
        *Consent.history.filter(resident_id=resident.pk),
    ]


def _change_case(world, case, n: int):
    """`n` changes of every kind: details, choices, dates, yes/no, department, caretakers, parties."""
    departments = [factories.make_department(world.plan_a), None]
    for i in range(n):
        user = (world.worker_a, world.leader_a)[i % 2]
        case.refresh_from_db()
        match i % 6:
            case 0:
                services.case_update(
                    case=case, user=user, version=case.version, summary=f"Støj {i}", today=TODAY
                )
            case 1:
                services.case_update(
                    case=case,
                    user=user,
                    version=case.version,
                    department=departments[i // 6 % 2],
                    complaint_status=("filed", "")[i // 6 % 2],
                    volunteer_mediator=bool(i // 6 % 2),
                    legal_department_informed_on=datetime.date(2019, 5, 1 + i % 20),
                    today=TODAY,
                )
            case 2:
                services.case_reassign(
                    case=case,
                    user=user,
                    responsible=[[world.worker_a, world.leader_a], [world.leader_a]][i // 6 % 2],
                    version=case.version,
                )
            case 3:
                services.case_party_add(
                    case=case,
                    user=user,
                    resident=make_resident(world.plan_a),
                    role=PartyRole.COMPLAINED_ABOUT,
                )
            case 4:
                party = case.parties.order_by("-pk").first()
                party._history_user = user
                party.role = PartyRole.OTHER_RESIDENT
                party.save()
            case 5:
                services.case_schedule_follow_up(
                    case=case, user=user, next_follow_up=TODAY + datetime.timedelta(days=i), today=TODAY
                )


def _change_resident(world, resident, n: int):
    partners = [factories.make_partner(world.plan_a, f"Partner {resident.pk}-{i}") for i in range(3)]
    given = consent(resident, partners[:1], given_on=datetime.date(2019, 1, 1))
    for i in range(n):
        user = (world.worker_a, world.leader_a)[i % 2]
        match i % 4:
            case 0:
                services.resident_update(resident=resident, user=user, address=f"Ny Vej {i}")
            case 1:
                services.resident_update(
                    resident=resident, user=user, phone=f"1234{i}", target_group_economy=bool(i % 3)
                )
            case 2:
                given._history_user = user
                given.partners.set(partners[: 1 + i % 3])
            case 3:
                given.refresh_from_db()
                given._history_user = user
                given.expires_on = datetime.date(2020, 1, 1 + i % 20)
                given.save()


def _page_queries(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return real_queries([q["sql"] for q in captured.captured_queries])


def test_the_case_history_takes_the_same_queries_with_3_and_with_30_changes(world):
    client = client_for(world.worker_a)
    counts = []
    for n in (3, 30):
        case = make_case(world.plan_a, world.worker_a)
        _change_case(world, case, n)
        url = reverse("cases:case_history", kwargs={"plan_id": world.plan_a.pk, "pk": case.pk})
        client.get(url)
        counts.append(len(_page_queries(client, url)))
    assert counts[0] == counts[1] and counts[1] <= 12, counts


def test_the_resident_history_takes_the_same_queries_with_3_and_with_30_changes(world):
    client = client_for(world.worker_a)
    counts = []
    for n in (3, 30):
        resident = make_resident(world.plan_a)
        _change_resident(world, resident, n)
        url = reverse("cases:resident_history", kwargs={"plan_id": world.plan_a.pk, "pk": resident.pk})
        client.get(url)
        counts.append(len(_page_queries(client, url)))
    assert counts[0] == counts[1] and counts[1] <= 12, counts


def test_the_case_history_shows_the_same_rows_as_simple_historys_diff(world):
    case = make_case(world.plan_a, world.worker_a)
    _change_case(world, case, 30)
    rows = as_tuples(history_rows(_case_records(case)))
    assert rows == reference_rows(_case_records(case))
    shown = {change for row in rows for change in row[4]}
    assert {label for label, _old, _new in shown} >= {
        "short description",
        "department",
        "complaint",
        "taken over by a volunteer mediator",
        "legal department informed on",
        "responsible caretakers",
        "role",
        "next follow-up",
    }
    assert ("responsible caretakers", "Asta Fiktiv, Leif Fiktiv", "Leif Fiktiv") in shown


def test_the_resident_history_shows_the_same_rows_as_simple_historys_diff(world):
    resident = make_resident(world.plan_a)
    _change_resident(world, resident, 30)
    rows = as_tuples(history_rows(_resident_records(resident)))
    assert rows == reference_rows(_resident_records(resident))
    labels = {label for row in rows for label, _old, _new in row[4]}
    assert labels >= {"address", "phone", "partner organisations", "expires on"}


def test_a_party_or_a_caretaker_that_is_gone_is_shown_as_simple_history_shows_it(world):
    case = make_case(world.plan_a, world.worker_a)
    helper = factories.make_member(world.plan_a, "worker", "helper_gone", first_name="Hans")
    services.case_reassign(case=case, user=world.worker_a, responsible=[world.worker_a, helper], version=1)
    case.refresh_from_db()
    services.case_reassign(case=case, user=world.worker_a, responsible=[world.worker_a], version=case.version)
    case.responsible.through.objects.filter(user=helper).delete()
    helper.memberships.all().delete()
    helper.delete()
    rows = as_tuples(history_rows(_case_records(case)))
    assert rows == reference_rows(_case_records(case))
    assert any("(pk=" in new for row in rows for _label, _old, new in row[4])
