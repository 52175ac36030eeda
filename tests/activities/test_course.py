"""The Naboskaber course: cohorts, sessions, who completed it, and the printable certificate."""

import datetime
import io

import pytest
from pypdf import PdfReader

from activities.models import CourseCohort, CourseGraduate, CourseSession

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")
D = datetime.date


def pdf_text(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_worker_creates_a_cohort_logs_sessions_and_graduates(as_worker, world):
    response = as_worker.post(
        url("cohort_create", world.plan_a),
        {"name": "Naboskaber 2019", "start_date": "2019-02-26", "end_date": "2019-05-07"},
    )
    cohort = CourseCohort.objects.get()
    assert response["Location"] == cohort.get_absolute_url()
    assert not cohort.board_members_module

    response = as_worker.post(
        url("session_create", world.plan_a, cohort_pk=cohort.pk),
        {"date": "2019-02-26", "topic": "Velkommen", "attendees": "11"},
    )
    assert response.status_code == 302
    assert CourseSession.objects.get().attendees == 11

    # The completion date is filled in with the cohort's end.
    form = as_worker.get(url("graduate_create", world.plan_a, cohort_pk=cohort.pk)).context["form"]
    assert form["completed_on"].value() == D(2019, 5, 7)
    response = as_worker.post(
        url("graduate_create", world.plan_a, cohort_pk=cohort.pk),
        {"name": "Åse Prøvesen", "completed_on": "2019-05-07"},
    )
    assert response.status_code == 302
    page = as_worker.get(cohort.get_absolute_url()).content.decode()
    assert "Åse Prøvesen" in page and "Velkommen" in page and "Completed the course (1)" in page


def test_the_board_members_module_is_marked(as_worker, world):
    as_worker.post(
        url("cohort_create", world.plan_a),
        {"name": "Bestyrelsesmodul", "start_date": "2019-09-01", "board_members_module": "on"},
    )
    cohort = CourseCohort.objects.get()
    assert cohort.board_members_module and cohort.end_date is None
    assert "board members" in as_worker.get(url("cohort_list", world.plan_a)).content.decode()


def test_a_course_cannot_end_before_it_starts(as_worker, world):
    response = as_worker.post(
        url("cohort_create", world.plan_a),
        {"name": "X", "start_date": "2019-05-01", "end_date": "2019-04-01"},
    )
    assert response.context["form"].errors["end_date"] == ["The course cannot end before it starts."]
    assert not CourseCohort.objects.exists()


def test_a_session_outside_the_course_dates_is_refused(as_worker, world):
    cohort = builders.cohort(world.plan_a, start=D(2018, 2, 1), end=D(2018, 5, 1))
    for day in ("2018-01-31", "2018-05-02"):
        response = as_worker.post(
            url("session_create", world.plan_a, cohort_pk=cohort.pk),
            {"date": day, "topic": "X", "attendees": "3"},
        )
        assert response.context["form"].errors["date"] == ["The session must lie within the course's dates."]
    response = as_worker.post(
        url("session_create", world.plan_a, cohort_pk=cohort.pk),
        {"date": "2018-03-01", "topic": "X", "attendees": "-3"},
    )
    assert response.context["form"].errors["attendees"] == ["A number of people cannot be negative."]
    assert not CourseSession.objects.exists()


def test_moving_a_cohort_away_from_its_sessions_is_refused(as_worker, world):
    cohort = builders.cohort(world.plan_a, start=D(2018, 2, 1), end=D(2018, 5, 1))
    builders.session(cohort, date=D(2018, 4, 20))
    response = as_worker.post(
        url("cohort_edit", world.plan_a, pk=cohort.pk),
        {"name": cohort.name, "start_date": "2018-02-01", "end_date": "2018-04-01"},
    )
    assert response.context["form"].errors["end_date"] == ["The cohort has a session after this date."]


def test_a_graduate_cannot_complete_before_the_start_nor_be_listed_twice(as_worker, world):
    cohort = builders.cohort(world.plan_a, start=D(2018, 2, 1), end=D(2018, 5, 1))
    builders.graduate(cohort, "Søren Fiktivsen")
    add = url("graduate_create", world.plan_a, cohort_pk=cohort.pk)
    response = as_worker.post(add, {"name": "Bjørk Testrup", "completed_on": "2018-01-01"})
    assert response.context["form"].errors["completed_on"] == [
        "The course cannot be completed before it starts."
    ]
    response = as_worker.post(add, {"name": "søren fiktivsen", "completed_on": "2018-05-01"})
    assert response.context["form"].errors["name"] == ["This name is already on the cohort's list."]
    assert CourseGraduate.objects.count() == 1


def test_the_certificate_is_a_pdf_with_the_graduates_name(as_worker, world):
    cohort = builders.cohort(world.plan_a, name="Naboskaber 2018")
    builders.session(cohort, topic="Konflikter og hvordan man taler om dem")
    graduate = builders.graduate(cohort, "Ærling Øster-Åbjørn")
    response = as_worker.get(url("graduate_certificate", world.plan_a, cohort_pk=cohort.pk, pk=graduate.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    (text,) = pdf_text(response)
    assert "Ærling Øster-Åbjørn" in text
    assert "Naboskaber 2018" in text and "Course certificate" in text
    assert "Konflikter og hvordan man taler om dem" in text
    assert world.plan_a.name.upper() in text


def test_all_the_cohorts_certificates_come_as_one_pdf_a_page_each(as_worker, world):
    cohort = builders.cohort(world.plan_a)
    names = ["Åse Prøvesen", "Søren Fiktivsen", "Kåre Lånegaard"]
    for name in names:
        builders.graduate(cohort, name)
    pages = pdf_text(as_worker.get(url("cohort_certificates", world.plan_a, pk=cohort.pk)))
    assert len(pages) == 3
    # Alphabetical, one name a page.
    assert [next(n for n in names if n in page) for page in pages] == sorted(names)


def test_another_plans_graduate_gets_no_certificate(as_worker, world):
    own = builders.cohort(world.plan_a)
    foreign = builders.graduate(builders.cohort(world.plan_b), "Mette Udkastrup")
    response = as_worker.get(url("graduate_certificate", world.plan_a, cohort_pk=own.pk, pk=foreign.pk))
    assert response.status_code == 404


def test_the_board_never_sees_a_graduates_name(as_board, world):
    cohort = builders.cohort(world.plan_a)
    graduate = builders.graduate(cohort, "Åse Prøvesen")
    for name, kwargs in [
        ("cohort_detail", {"pk": cohort.pk}),
        ("cohort_certificates", {"pk": cohort.pk}),
        ("graduate_certificate", {"cohort_pk": cohort.pk, "pk": graduate.pk}),
    ]:
        response = as_board.get(url(name, world.plan_a, **kwargs))
        assert response.status_code == 403
        assert "Prøvesen" not in response.content.decode()


class TestResidentRecord:
    """A graduate may be linked to the resident's record in the casework, if there is one."""

    def resident(self, plan, name):
        from cases.models import Resident

        return Resident.objects.create(plan=plan, name=name)

    def test_only_records_with_the_graduates_name_are_offered(self, as_worker, world):
        cohort = builders.cohort(world.plan_a)
        graduate = builders.graduate(cohort, "Åse Prøvesen")
        same_name = self.resident(world.plan_a, "åse prøvesen")
        self.resident(world.plan_a, "Bo Andersen")
        self.resident(world.plan_b, "Åse Prøvesen")
        # A new graduate: no resident list at all.
        form = as_worker.get(url("graduate_create", world.plan_a, cohort_pk=cohort.pk)).context["form"]
        assert "resident" not in form.fields
        form = as_worker.get(url("graduate_edit", world.plan_a, cohort_pk=cohort.pk, pk=graduate.pk)).context[
            "form"
        ]
        assert list(form.fields["resident"].queryset) == [same_name]

    def test_linking_and_the_lookup_is_audited(self, as_worker, world):
        from helhedsplan.models import AuditAction, AuditEvent

        cohort = builders.cohort(world.plan_a)
        graduate = builders.graduate(cohort, "Åse Prøvesen")
        record = self.resident(world.plan_a, "Åse Prøvesen")
        edit = url("graduate_edit", world.plan_a, cohort_pk=cohort.pk, pk=graduate.pk)
        as_worker.get(edit)
        event = AuditEvent.objects.for_resident(record.pk).get()
        # One event for the page: the graduate shown, and the resident records offered to link.
        assert (event.action, event.object_type, event.object_ids) == (
            AuditAction.VIEW,
            "course_graduate",
            [graduate.pk],
        )
        data = {"name": graduate.name, "completed_on": "2018-05-01", "resident": record.pk}
        assert as_worker.post(edit, data).status_code == 302
        graduate.refresh_from_db()
        assert graduate.resident == record
        assert "resident record" in as_worker.get(cohort.get_absolute_url()).content.decode()

    def test_another_plans_record_cannot_be_linked(self, as_worker, world):
        cohort = builders.cohort(world.plan_a)
        graduate = builders.graduate(cohort, "Åse Prøvesen")
        self.resident(world.plan_a, "Åse Prøvesen")
        foreign = self.resident(world.plan_b, "Åse Prøvesen")
        edit = url("graduate_edit", world.plan_a, cohort_pk=cohort.pk, pk=graduate.pk)
        response = as_worker.post(
            edit, {"name": graduate.name, "completed_on": "2018-05-01", "resident": foreign.pk}
        )
        assert "resident" in response.context["form"].errors
        graduate.refresh_from_db()
        assert graduate.resident is None

    def test_erasing_the_resident_keeps_the_course_completion(self, world):
        cohort = builders.cohort(world.plan_a)
        graduate = builders.graduate(cohort, "Åse Prøvesen")
        graduate.resident = self.resident(world.plan_a, "Åse Prøvesen")
        graduate.save()
        graduate.resident.delete()
        graduate.refresh_from_db()
        assert graduate.resident is None and graduate.name == "Åse Prøvesen"
