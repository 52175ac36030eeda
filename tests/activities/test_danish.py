"""The logbook in Danish, the default language: messages at the field, translated kinds, the certificate."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from activities.models import Activity, InitiatedBy

from . import builders
from .conftest import url


def test_bad_counts_get_a_danish_message(as_worker, world, flea_market):
    data = {"kind": flea_market.pk, "initiated_by": InitiatedBy.RESIDENTS, "date": "2019-03-30"}
    response = as_worker.post(
        url("activity_create", world.plan_a),
        {**data, "participants_residents": "-2", "participants_others": "tolv", "end_date": "2019-03-01"},
    )
    errors = response.context["form"].errors
    assert errors["participants_residents"] == ["Et antal personer kan ikke være negativt."]
    assert errors["participants_others"] == ["Skriv et helt tal, fx 12."]
    response = as_worker.post(
        url("activity_create", world.plan_a),
        {**data, "participants_residents": "5", "participants_children": "6", "end_date": "2019-03-01"},
    )
    errors = response.context["form"].errors
    assert errors["participants_children"] == [
        "Børnene tælles med blandt beboerne, så der kan ikke være flere børn end deltagende beboere."
    ]
    assert errors["end_date"] == ["Sidste dag kan ikke ligge før første dag."]
    assert not Activity.objects.exists()


def test_the_survey_message_in_danish(as_worker, world):
    board = builders.board(world.plan_a)
    response = as_worker.post(
        url("children_board_survey_create", world.plan_a, board_pk=board.pk),
        {"year": "2018", "children_asked": "10", "children_felt_influence": "11"},
    )
    assert response.context["form"].errors["children_felt_influence"] == [
        "Der kan ikke være flere børn, der oplevede indflydelse, end der blev spurgt."
    ]


def test_the_standard_kinds_follow_the_language(world, flea_market):
    with translation.override("da"):
        assert str(flea_market) == "Loppemarked"
    with translation.override("en"):
        assert str(flea_market) == "Flea market"


def test_the_logbook_page_is_danish(as_leader, world, flea_market):
    builders.activity(world.plan_a, residents=34)
    page = as_leader.get(url("logbook", world.plan_a)).content.decode()
    for text in (
        "Logbog",
        "Registrér en aktivitet",
        "Loppemarked",
        "34 beboere",
        "Årets tal",
        "Eksportér som CSV",
    ):
        assert text in page


def test_the_certificate_is_danish(as_worker, world):
    cohort = builders.cohort(world.plan_a, name="Naboskaber 2018")
    graduate = builders.graduate(cohort, "Søren Ægidius Åberg")
    response = as_worker.get(url("graduate_certificate", world.plan_a, cohort_pk=cohort.pk, pk=graduate.pk))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Kursusbevis" in text and "Søren Ægidius Åberg" in text
    assert "har gennemført naboskabsuddannelsen" in text
    assert "1. maj 2018" in text
    assert response["Content-Disposition"] == 'inline; filename="kursusbevis-soeren-aegidius-aaberg.pdf"'


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_logbook_page_renders_in_both_languages(language, world, settings):
    from tests.conftest import client_for

    settings.LANGUAGE_CODE = language
    client = client_for(world.leader_a)
    cohort = builders.cohort(world.plan_a)
    board = builders.board(world.plan_a)
    network = builders.network(world.plan_a)
    builders.network_meeting(network)
    activity = builders.activity(world.plan_a)
    for name, kwargs in [
        ("logbook", {}),
        ("month", {}),
        ("activity_create", {}),
        ("activity_detail", {"pk": activity.pk}),
        ("kind_list", {}),
        ("cohort_list", {}),
        ("cohort_detail", {"pk": cohort.pk}),
        ("idea_list", {}),
        ("idea_create", {}),
        ("children_board_list", {}),
        ("children_board_detail", {"pk": board.pk}),
        ("resident_meeting_list", {}),
        ("resident_meeting_create", {}),
        ("network_list", {}),
        ("network_detail", {"pk": network.pk}),
    ]:
        response = client.get(url(name, world.plan_a, **kwargs))
        assert response.status_code == 200, name
        assert f'lang="{language}"' in response.content.decode()
