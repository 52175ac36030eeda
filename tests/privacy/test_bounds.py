"""Every date, number and text a user can send has a sane range, with a Danish message next to the field.

Hostile or mistyped values (year 1, year 9999, 99,999,999,999 people, a NUL byte, a megabyte of note) must
never answer 500, break a page for everyone afterwards, or hold a worker for a minute.
"""

import contextlib
import datetime
import importlib
import time

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from activities.models import Network, NetworkMeeting
from helhedsplan import bounds
from helhedsplan.models import Plan
from tests.activities import builders as logbook
from tests.cases.builders import log, make_case, make_resident
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

DATE_MESSAGE = "Datoen skal ligge mellem"
PROJECT_APPS = ("helhedsplan", "cases", "activities", "reporting")


def plan_url(name, plan, **kwargs):
    return reverse(name, kwargs={"plan_id": plan.pk, **kwargs})


def all_form_classes():
    for app in PROJECT_APPS:
        for module in ("forms", "filters", "views", "privacy.views", "notes.forms"):
            with contextlib.suppress(ModuleNotFoundError):
                importlib.import_module(f"{app}.{module}")
    for config in apps.get_app_configs():
        if config.name in PROJECT_APPS:
            importlib.import_module(config.module.__name__)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return [c for c in seen if c.__module__.split(".")[0] in PROJECT_APPS]


def test_every_form_of_the_project_gives_its_values_a_range():
    classes = all_form_classes()
    assert len(classes) > 40  # the walk found the project's forms
    unbounded = [f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, bounds.BoundedForm)]
    assert unbounded == []


# --- Dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["0001-01-01", "0201-01-01", "1989-12-31"])
def test_a_plan_period_in_year_1_or_0201_is_refused(world, as_leader, start):
    response = as_leader.post(
        plan_url("helhedsplan:plan_edit", world.plan_a),
        {"name": world.plan_a.name, "start_date": start, "end_date": "2020-12-31", "description": ""},
    )
    assert response.status_code == 200
    assert DATE_MESSAGE in response.content.decode()
    world.plan_a.refresh_from_db()
    assert world.plan_a.start_date == datetime.date(2017, 1, 1)


def test_date_pickers_offer_only_the_range(world, as_leader):
    page = as_leader.get(plan_url("helhedsplan:plan_edit", world.plan_a)).content.decode()
    assert 'min="1990-01-01"' in page and 'max="2100-12-31"' in page


def test_a_network_meeting_in_9999_is_refused_and_an_old_one_breaks_no_page(world, as_worker):
    network = logbook.network(world.plan_a)
    response = as_worker.post(
        plan_url("activities:network_meeting_create", world.plan_a, network_pk=network.pk),
        {"date": "9999-12-31", "agenda": "", "minutes": ""},
    )
    assert response.status_code == 200 and DATE_MESSAGE in response.content.decode()
    assert not NetworkMeeting.objects.filter(network=network).exists()
    # A row stored before the range existed must not take the network pages down for everyone.
    NetworkMeeting.objects.create(network=network, date=datetime.date(9999, 12, 31))
    assert as_worker.get(plan_url("activities:network_list", world.plan_a)).status_code == 200
    assert (
        as_worker.get(plan_url("activities:network_detail", world.plan_a, pk=network.pk)).status_code == 200
    )
    assert Network.objects.get(pk=network.pk).next_due(datetime.date(9999, 12, 31)) is None


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "1989-12", "2101-01", "2019-13", "x"])
def test_the_logbook_month_view_shows_this_month_for_a_month_out_of_range(world, as_worker, month):
    response = as_worker.get(plan_url("activities:month", world.plan_a), {"month": month})
    assert response.status_code == 200


def test_the_logbook_month_view_still_shows_a_month_in_range(world, as_worker):
    logbook.activity(world.plan_a, date=datetime.date(1990, 1, 15), title="Nytårskur")
    response = as_worker.get(plan_url("activities:month", world.plan_a), {"month": "1990-01"})
    assert "Nytårskur" in response.content.decode()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_case_list_date_filters_out_of_range_answer_a_page(world, as_leader, value):
    make_case(world.plan_a, world.worker_a)
    response = as_leader.get(plan_url("cases:case_list", world.plan_a), {"opened_min": value, "q": "x"})
    assert response.status_code == 200


# --- Numbers -------------------------------------------------------------------------------------------


def test_residents_present_of_99_999_999_999_is_refused_next_to_the_field(world, as_worker):
    case = make_case(world.plan_a, world.worker_a)
    response = as_worker.post(
        plan_url("cases:entry_log", world.plan_a, pk=case.pk),
        {
            "kind": "staircase_meeting",
            "occurred_at": "2019-05-02T10:00",
            "minutes": "30",
            "residents_present": "99999999999",
        },
    )
    assert response.status_code == 200
    assert "Tallet må højst være 1000000000." in response.content.decode()


def test_rent_arrears_of_99_999_999_999_are_refused(world):
    from cases.forms import CaseOpenForm

    form = CaseOpenForm({"arrears_dkk": "99999999999"}, plan=world.plan_a, user=world.worker_a)
    assert not form.is_valid()
    assert form.errors["arrears_dkk"] == ["Tallet må højst være 1000000000."]


# --- NUL bytes -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["cases:resident_list", "cases:resident_search", "cases:case_list", "activities:logbook"]
)
def test_a_nul_byte_in_an_audited_search_is_a_400_not_a_500(world, as_worker, name):
    response = as_worker.get(plan_url(name, world.plan_a), {"q": "a\x00"})
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke forstås." in response.content.decode()


def test_a_nul_byte_in_a_form_is_a_400(world, as_leader):
    response = as_leader.post(
        plan_url("helhedsplan:plan_edit", world.plan_a),
        {"name": "A\x00", "start_date": "2017-01-01", "end_date": "2020-12-31"},
    )
    assert response.status_code == 400
    assert Plan.objects.get(pk=world.plan_a.pk).name == "Helhedsplan A"


# --- Text ----------------------------------------------------------------------------------------------


def test_a_note_longer_than_twenty_thousand_characters_is_refused_with_a_counter(world, as_worker):
    case = make_case(world.plan_a, world.worker_a)
    url = plan_url("cases:entry_log", world.plan_a, pk=case.pk)
    page = as_worker.get(url).content.decode()
    assert 'maxlength="20000"' in page and "data-counter" in page
    response = as_worker.post(
        url, {"kind": "home_visit", "occurred_at": "2019-05-02T10:00", "note": "x" * 20_001}
    )
    assert "Teksten må højst være 20000 tegn lang (den er 20001)." in response.content.decode()


def test_the_access_request_pdf_of_a_resident_with_maximal_notes_finishes_in_seconds(world):
    resident = make_resident(world.plan_a, name="Maja Maksimal")
    case = make_case(world.plan_a, world.worker_a, residents=[resident])
    words = ("Beboeren fortalte om støj fra nabolejligheden og om sin økonomi. " * 400)[: bounds.MAX_TEXT]
    for day in range(3):
        log(case, world.worker_a, day=datetime.date(2019, 5, 2 + day), note=words)
    client = client_for(world.leader_a)
    # CPU time of this process (WeasyPrint renders in it): the machine's load does not count.
    started = time.process_time()
    response = client.get(plan_url("privacy:access_request_pdf", world.plan_a, pk=resident.pk))
    elapsed = time.process_time() - started
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert elapsed < 10, f"{elapsed:.1f} s of CPU"


# --- Ids and years in query strings and paths ----------------------------------------------------------

HUGE = "9" * 25


@pytest.mark.parametrize(
    "name, query",
    [
        ("cases:case_open", {"resident": HUGE}),
        ("cases:resident_search", {"q": "a", "case": HUGE}),
        ("cases:resident_create", {"case": HUGE}),
        ("reporting:statistics", {"from": HUGE, "to": "0"}),
        ("reporting:dashboard", {"year": HUGE}),
        ("reporting:dashboard", {"year": "0201"}),
    ],
)
def test_huge_ids_and_years_in_query_strings_answer_a_page(world, name, query):
    client = client_for(world.leader_a)
    response = client.get(plan_url(name, world.plan_a), query)
    assert response.status_code in (200, 302, 404)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code in (200, 404)


def test_a_huge_id_in_a_path_is_a_404(world, as_worker):
    url = plan_url("cases:resident_detail", world.plan_a, pk=1).replace("/1/", f"/{HUGE}/")
    assert as_worker.get(url).status_code == 404


def test_the_admin_refuses_a_plan_period_in_year_1_too(world):
    admin_client = client_for(world.admin)
    url = reverse("admin:helhedsplan_plan_change", args=[world.plan_a.pk])
    response = admin_client.post(
        url,
        {
            "name": world.plan_a.name,
            "slug": world.plan_a.slug,
            "start_date": "0001-01-01",
            "end_date": "2020-12-31",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and DATE_MESSAGE in response.content.decode()
    world.plan_a.refresh_from_db()
    assert world.plan_a.start_date == datetime.date(2017, 1, 1)
