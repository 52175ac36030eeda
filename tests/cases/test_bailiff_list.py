"""A caretaker imports a housing organisation's bailiff list and triages it: new (open a case in one
click), already a case (update its bailiff's date, kept in history), not ours. Nothing is created
without a click, nothing of the file is kept on the server, and the page is audited."""

import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.models import Case, CaseSource, CaseType, Resident
from helhedsplan.models import AuditEvent
from tests import factories
from tests.cases import builders

pytestmark = pytest.mark.django_db

HEADER = "Afdeling;Lejemål;Adresse;Navn;Restance;Berammet;Fogeddato\r\n"


@pytest.fixture
def plan_world(world):
    department = factories.make_department(world.plan_a, org="AKB", area="Nord", code="1101")
    known = builders.make_resident(
        world.plan_a, name="Karla Opdigtet", address="Testvej 1, 2. tv.", department=department
    )
    other = builders.make_resident(
        world.plan_a, name="Mads Fiktiv", address="Testvej 3, st. th.", department=department
    )
    cases = [
        builders.make_case(
            world.plan_a,
            world.worker_a,
            case_type=CaseType.EVICTION_PREVENTION,
            residents=[resident],
            opened_on=datetime.date(2026, 10, 1),
            today=datetime.date(2026, 11, 1),
            arrears_dkk=9000,
            eviction_scheduled_on=datetime.date(2026, 10, 20),
            bailiff_date=datetime.date(2026, 12, 1),
        )
        for resident in (known, other)
    ]
    return world, department, cases


def list_file(*rows):
    return (HEADER + "".join(";".join(row) + "\r\n" for row in rows)).encode("cp1252")


FIVE = list_file(
    ["1101", "1101-0203", "Testvej 1, 2. tv.", "Karla Opdigtet", "12.500,00", "20.10.2026", "15.12.2026"],
    ["1101", "1101-0305", "Testvej 3, st. th.", "Mads Fiktiv", "8.000", "20.10.2026", "01.12.2026"],
    ["1101", "1101-0101", "Testvej 5, 1. th.", "Olga Påhit", "23.400,50", "02.11.2026", "07.01.2027"],
    ["", "1101-0102", "Testvej 7, 3. mf.", "Per Eksempel", "4500", "03.11.2026", "2027-01-14"],
    ["9999", "9999-0001", "Andenvej 1", "Rita Udenfor", "1000", "01.11.2026", "20.12.2026"],
)


def upload(client, plan, content, name="fogedliste.csv"):
    url = reverse("cases:bailiff_list", kwargs={"plan_id": plan.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="da")


def act(client, plan, response, line, action):
    """Press the button of the file's `line` on the triage page."""
    html = response.content.decode()
    token = re.search(r'name="list" value="([^"]+)"', html).group(1)
    item = next(i for _k, _t, items in response.context["groups"] for i in items if i.row.line == line)
    url = reverse("cases:bailiff_list_act", kwargs={"plan_id": plan.pk})
    return client.post(url, {"list": token, "row": item.index, "action": action}, HTTP_ACCEPT_LANGUAGE="da")


def groups(response):
    return {key: [i.row.line for i in items] for key, _t, items in response.context["groups"]}


def test_the_list_is_triaged_and_nothing_is_written(plan_world, as_worker):
    world, _department, _cases = plan_world
    residents, cases = Resident.objects.count(), Case.objects.count()
    response = upload(as_worker, world.plan_a, FIVE)
    assert response.status_code == 200
    assert groups(response) == {"case": [2, 3], "new": [4, 5], "outside": [6]}
    assert (Resident.objects.count(), Case.objects.count()) == (residents, cases)
    html = response.content.decode()
    assert "Rita Udenfor" in html and "Læst som: CSV i Windows-1252" in html


def test_nothing_of_the_list_is_kept_in_the_session(plan_world, as_worker):
    world, *_ = plan_world
    upload(as_worker, world.plan_a, FIVE)
    for session in Session.objects.all():
        assert "Olga" not in str(session.get_decoded())


def test_opening_a_new_case_in_one_click_prefilled(plan_world, as_worker):
    world, department, _cases = plan_world
    triaged = upload(as_worker, world.plan_a, FIVE)
    response = act(as_worker, world.plan_a, triaged, 4, "open")
    assert response.status_code == 200
    case = Case.objects.get(parties__resident__name="Olga Påhit")
    assert case.case_type == CaseType.EVICTION_PREVENTION and case.source == CaseSource.ARREARS_LIST
    assert (case.arrears_dkk, case.eviction_scheduled_on, case.bailiff_date) == (
        23401,
        datetime.date(2026, 11, 2),
        datetime.date(2027, 1, 7),
    )
    assert case.department == department and list(case.responsible.all()) == [world.worker_a]
    # The list is shown again: line 4 is now a case.
    assert 4 in groups(response)["case"]
    # A second click does not open a second case.
    act(as_worker, world.plan_a, triaged, 4, "open")
    assert Case.objects.filter(parties__resident__name="Olga Påhit").count() == 1


def test_updating_a_known_cases_bailiff_date_keeps_the_old_in_history(plan_world, as_worker):
    world, _department, (karla_case, _mads_case) = plan_world
    triaged = upload(as_worker, world.plan_a, FIVE)
    act(as_worker, world.plan_a, triaged, 2, "update")
    karla_case.refresh_from_db()
    assert karla_case.bailiff_date == datetime.date(2026, 12, 15)
    dates = list(
        karla_case.history.order_by("history_date").values_list("bailiff_date", "history_change_reason")
    )
    assert dates[0][0] == datetime.date(2026, 12, 1)
    assert dates[-1] == (datetime.date(2026, 12, 15), "Fra fogedlisten fogedliste.csv, linje 2")


def test_the_triage_page_is_audited_with_the_residents_it_names(plan_world, as_worker):
    world, _department, cases = plan_world
    upload(as_worker, world.plan_a, FIVE)
    event = AuditEvent.objects.filter(object_type="bailiff_list").get()
    assert sorted(event.object_ids) == sorted(c.pk for c in cases)
    assert event.resident_ids


def test_a_forged_or_other_plans_list_is_refused(plan_world, as_worker, world):
    world_, *_ = plan_world
    url = reverse("cases:bailiff_list_act", kwargs={"plan_id": world_.plan_a.pk})
    response = as_worker.post(url, {"list": "forged", "row": 0, "action": "open"})
    assert response.status_code == 302
    assert not Case.objects.filter(source=CaseSource.ARREARS_LIST).exists()


def test_bad_rows_are_listed_with_their_lines(plan_world, as_worker):
    world, *_ = plan_world
    content = list_file(
        ["1101", "", "Testvej 1", "", "100", "20.10.2026", "15.12.2026"],
        ["1101", "", "Testvej 1", "Ny Beboer", "mange", "20.10.2026", "31.02.2026"],
    )
    response = upload(as_worker, world.plan_a, content)
    assert response.status_code == 400
    lines = [line for line, _m in response.context["reading"].errors]
    assert lines == [2, 3, 3]


def test_the_board_is_refused(world, as_board):
    assert upload(as_board, world.plan_a, FIVE).status_code == 403
