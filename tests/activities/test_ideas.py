"""Ideas from the course and workshops, and whether the plan helped realise them (C3)."""

import datetime

import pytest

from activities.models import Idea, IdeaOrigin, IdeaStatus

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")


def post(**fields):
    return {
        "title": "Fælles højbede",
        "origin": IdeaOrigin.WORKSHOP,
        "proposed_on": "2018-02-21",
        "status": IdeaStatus.IDEA,
        **fields,
    }


def test_an_idea_from_a_cohort_is_noted_and_shown_on_the_cohort(as_worker, world):
    cohort = builders.cohort(world.plan_a)
    response = as_worker.post(
        url("idea_create", world.plan_a), post(origin=IdeaOrigin.COURSE, cohort=cohort.pk)
    )
    assert response.status_code == 302
    assert Idea.objects.get().cohort == cohort
    assert "Fælles højbede" in as_worker.get(cohort.get_absolute_url()).content.decode()


def test_a_realised_idea_needs_the_date_and_the_support_given(as_worker, world):
    response = as_worker.post(url("idea_create", world.plan_a), post(status=IdeaStatus.REALISED))
    errors = response.context["form"].errors
    assert errors["realised_on"] == ["Give the date the idea was realised."]
    assert errors["support_given"] == ["Describe the support the plan gave to realise the idea."]
    assert not Idea.objects.exists()
    response = as_worker.post(
        url("idea_create", world.plan_a),
        post(status=IdeaStatus.REALISED, realised_on="2018-05-12", support_given="Ansøgning og frivillige"),
    )
    assert response.status_code == 302
    assert Idea.objects.get().realised_on == datetime.date(2018, 5, 12)


def test_an_idea_is_not_realised_before_it_was_proposed(as_worker, world):
    response = as_worker.post(
        url("idea_create", world.plan_a),
        post(status=IdeaStatus.REALISED, realised_on="2018-01-01", support_given="Hjælp"),
    )
    assert response.context["form"].errors["realised_on"] == [
        "An idea cannot be realised before it was proposed."
    ]


def test_going_back_from_realised_forgets_the_date(as_worker, world):
    idea = builders.idea(world.plan_a, status=IdeaStatus.REALISED, realised_on=datetime.date(2018, 5, 1))
    response = as_worker.post(
        url("idea_edit", world.plan_a, pk=idea.pk),
        post(title=idea.title, status=IdeaStatus.PLANNING, realised_on="2018-05-01", support_given="Hjælp"),
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.PLANNING and idea.realised_on is None


def test_a_cohort_only_for_ideas_from_the_course(as_worker, world):
    cohort = builders.cohort(world.plan_a)
    response = as_worker.post(url("idea_create", world.plan_a), post(cohort=cohort.pk))
    assert response.context["form"].errors["cohort"] == [
        "Choose a cohort only for ideas from the neighbour course."
    ]


def test_the_list_filters_by_status_and_counts_each(as_worker, world):
    builders.idea(world.plan_a, title="Bytte-reol", status=IdeaStatus.DROPPED)
    builders.idea(
        world.plan_a, title="Gårdfest", status=IdeaStatus.REALISED, realised_on=datetime.date(2018, 6, 9)
    )
    response = as_worker.get(url("idea_list", world.plan_a) + "?status=realised")
    assert [i.title for i in response.context["ideas"]] == ["Gårdfest"]
    assert ("dropped", "Dropped", 1) in [(v, str(label), n) for v, label, n in response.context["statuses"]]


def test_the_leader_deletes_an_idea_noted_by_mistake(as_leader, as_worker, world):
    idea = builders.idea(world.plan_a)
    delete = url("entry_delete", world.plan_a, entry_type="idea", pk=idea.pk)
    assert as_worker.post(delete).status_code == 403
    assert as_leader.post(delete)["Location"] == url("idea_list", world.plan_a)
    assert not Idea.objects.exists()
