"""A worker logs a neighbourhood activity on the phone right after it ended; the leader corrects it."""

import datetime

import pytest
from django.utils import timezone

from activities.models import Activity, ActivityKind, InitiatedBy
from tests import factories

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")


def minimal_post(kind, **extra):
    """What a worker fills in after a flea market: kind, who initiated it, how many came."""
    return {
        "kind": kind.pk,
        "initiated_by": InitiatedBy.RESIDENTS,
        "participants_residents": "34",
        "date": "2019-03-30",
        **extra,
    }


def test_the_form_offers_the_standard_kinds_and_today(as_worker, world):
    response = as_worker.get(url("activity_create", world.plan_a))
    assert response.status_code == 200
    page = response.content.decode()
    for label in (
        "Communal dining",
        "Flea market",
        "Planting",
        "Trip",
        "Workshop",
        "Sports",
        "Homework help",
        "Other",
    ):
        assert label in page
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page
    # Numbers come up on the phone's number pad.
    assert 'inputmode="numeric"' in page


def test_worker_logs_an_activity_with_three_fields_and_sees_it_in_the_logbook(as_worker, world, flea_market):
    response = as_worker.post(url("activity_create", world.plan_a), minimal_post(flea_market))
    assert response.status_code == 302
    assert response["Location"] == url("logbook", world.plan_a)
    activity = Activity.objects.get()
    # An empty title takes the kind's name; empty counts mean nobody.
    assert activity.title == "Flea market"
    assert (
        activity.participants_residents,
        activity.participants_children,
        activity.participants_others,
    ) == (34, 0, 0)
    assert activity.initiated_by_residents and activity.logged_by == world.worker_a
    assert activity.plan == world.plan_a
    logbook = as_worker.get(url("logbook", world.plan_a)).content.decode()
    assert "Flea market" in logbook and "34 residents" in logbook


def test_every_field_can_be_given(as_worker, world, flea_market, department_a):
    initiative = factories.make_initiative(factories.make_focus_area(world.plan_a), number=3, name="Naboskab")
    partner = factories.make_partner(world.plan_a, name="Kvarterhuset")
    data = minimal_post(
        flea_market,
        title="Loppemarked i gården",
        end_date="2019-03-31",
        department=department_a.pk,
        place="Gården",
        initiative=initiative.pk,
        participants_children="9",
        participants_others="6",
        volunteers="4",
        partners=[partner.pk],
        note="Godt vejr",
    )
    assert as_worker.post(url("activity_create", world.plan_a), data).status_code == 302
    activity = Activity.objects.get()
    assert activity.title == "Loppemarked i gården"
    assert activity.end_date == datetime.date(2019, 3, 31)
    assert activity.department == department_a and activity.initiative == initiative
    assert (activity.participants_children, activity.participants_others, activity.volunteers) == (9, 6, 4)
    assert list(activity.partners.all()) == [partner]
    assert activity.participants_total == 40


def test_save_and_log_another_comes_back_to_an_empty_form(as_worker, world, flea_market):
    response = as_worker.post(
        url("activity_create", world.plan_a), {**minimal_post(flea_market), "another": "1"}
    )
    assert response["Location"] == url("activity_create", world.plan_a)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("participants_residents", "-3", "A number of people cannot be negative."),
        ("participants_residents", "tolv", "Write a whole number, for example 12."),
        ("participants_residents", "2.5", "Write a whole number, for example 12."),
        ("participants_residents", "", "Write how many; 0 if nobody."),
        ("participants_others", "-1", "A number of people cannot be negative."),
        ("volunteers", "x", "Write a whole number, for example 12."),
        ("participants_residents", "1000000", "That is more than 100000; check the number."),
        ("date", "30-03-2019x", "Write a valid date."),
        ("initiated_by", "", "This field is required."),
    ],
)
def test_bad_counts_get_a_message_at_the_field_and_nothing_is_saved(
    as_worker, world, flea_market, field, value, message
):
    response = as_worker.post(
        url("activity_create", world.plan_a), minimal_post(flea_market, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0].replace("100,000", "100000")
    assert not Activity.objects.exists()


def test_more_children_than_residents_is_refused_at_the_children_field(as_worker, world, flea_market):
    response = as_worker.post(
        url("activity_create", world.plan_a), minimal_post(flea_market, participants_children="40")
    )
    assert response.status_code == 200
    assert (
        "there cannot be more children than residents"
        in response.context["form"].errors["participants_children"][0]
    )
    assert not Activity.objects.exists()


def test_the_last_day_cannot_be_before_the_first(as_worker, world, flea_market):
    response = as_worker.post(
        url("activity_create", world.plan_a), minimal_post(flea_market, end_date="2019-03-29")
    )
    assert response.context["form"].errors["end_date"] == ["The last day cannot be before the first."]
    assert not Activity.objects.exists()


def test_another_plans_kind_department_or_partner_cannot_be_chosen(as_worker, world, flea_market):
    foreign_kind = builders.kind(world.plan_b)
    foreign_department = factories.make_department(world.plan_b)
    foreign_partner = factories.make_partner(world.plan_b)
    response = as_worker.post(
        url("activity_create", world.plan_a),
        minimal_post(flea_market, department=foreign_department.pk, partners=[foreign_partner.pk]),
    )
    assert set(response.context["form"].errors) == {"department", "partners"}
    response = as_worker.post(url("activity_create", world.plan_a), minimal_post(foreign_kind))
    assert "kind" in response.context["form"].errors
    assert not Activity.objects.exists()


def test_a_kind_taken_out_of_use_is_not_offered_but_old_activities_keep_it(as_leader, world):
    activity = builders.activity(world.plan_a)
    ActivityKind.objects.filter(pk=activity.kind_id).update(is_active=False)
    new_form = as_leader.get(url("activity_create", world.plan_a)).context["form"]
    assert activity.kind not in new_form.fields["kind"].queryset
    edit_form = as_leader.get(url("activity_edit", world.plan_a, pk=activity.pk)).context["form"]
    assert activity.kind in edit_form.fields["kind"].queryset


def test_the_leader_corrects_an_activity(as_leader, world, flea_market):
    activity = builders.activity(world.plan_a, residents=30, title="Loppemarked")
    data = minimal_post(
        flea_market, title="Loppemarked i gården", participants_residents="31", date="2018-05-05"
    )
    response = as_leader.post(url("activity_edit", world.plan_a, pk=activity.pk), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.participants_residents) == ("Loppemarked i gården", 31)


def test_a_correction_with_bad_input_changes_nothing(as_leader, world, flea_market):
    activity = builders.activity(world.plan_a, residents=30)
    data = minimal_post(flea_market, participants_residents="20", participants_children="25")
    response = as_leader.post(url("activity_edit", world.plan_a, pk=activity.pk), data)
    assert response.status_code == 200
    activity.refresh_from_db()
    assert (activity.participants_residents, activity.participants_children) == (30, 0)


def test_the_detail_page_shows_the_counts_and_who_logged_it(as_worker, world, flea_market):
    as_worker.post(url("activity_create", world.plan_a), minimal_post(flea_market, participants_children="9"))
    activity = Activity.objects.get()
    page = as_worker.get(activity.get_absolute_url()).content.decode()
    assert "Asta Fiktiv" in page and "By residents" in page and ">34<" in page and ">9<" in page


def test_editing_another_plans_activity_is_a_404(as_leader, world, flea_market):
    foreign = builders.activity(world.plan_b)
    response = as_leader.post(url("activity_edit", world.plan_a, pk=foreign.pk), minimal_post(flea_market))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.participants_residents == 10


class TestActivityKinds:
    def test_the_leader_adds_a_kind_and_workers_can_choose_it(self, as_leader, as_worker, world):
        response = as_leader.post(
            url("kind_create", world.plan_a), {"name": "Cykelværksted", "is_active": "on"}
        )
        assert response.status_code == 302
        assert "Cykelværksted" in as_worker.get(url("activity_create", world.plan_a)).content.decode()

    def test_a_kind_name_is_unique_in_the_plan_also_against_standard_names(self, as_leader, world):
        builders.kind(world.plan_a)
        response = as_leader.post(
            url("kind_create", world.plan_a), {"name": "flea market", "is_active": "on"}
        )
        assert response.context["form"].errors["name"] == ["The plan already has a kind with this name."]

    def test_a_standard_kind_can_be_retired_but_not_renamed(self, as_leader, world, flea_market):
        form = as_leader.get(url("kind_edit", world.plan_a, pk=flea_market.pk)).context["form"]
        assert "name" not in form.fields
        as_leader.post(url("kind_edit", world.plan_a, pk=flea_market.pk), {})
        flea_market.refresh_from_db()
        assert not flea_market.is_active and flea_market.name == "Flea market"

    def test_a_new_plan_starts_with_the_standard_kinds_once(self, world):
        from activities.services import activity_kinds_ensure_standard

        plan = factories.make_plan("Ny plan")
        activity_kinds_ensure_standard(plan=plan)  # again: nothing changes
        kinds = ActivityKind.objects.filter(plan=plan).order_by("position")
        assert kinds.count() == len(ActivityKind.Standard)
        assert kinds.last().standard == "other"
        assert kinds.first().name == "Communal dining"  # the source name; pages show the translation
