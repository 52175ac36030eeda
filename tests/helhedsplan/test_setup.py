"""A real plan starts on its own: the installation administrator creates it and appoints its project
leader; the leader imports the departments; a member lands in the plan they used last."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helhedsplan.models import Department, Membership, Plan, Role
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
User = get_user_model()


def new_plan_data(**overrides):
    data = {
        "plan-name": "Helhedsplanen for Tingbjerg Øst",
        "plan-start_date": "2027-01-01",
        "plan-end_date": "2030-12-31",
        "plan-description": "",
        "leader-existing": "",
        "leader-username": "tove",
        "leader-first_name": "Tove",
        "leader-last_name": "Opdigtet",
        "leader-email": "tove@example.org",
        "leader-password": "en-lang-og-sikker-adgangskode-42",
    }
    data.update(overrides)
    return data


class TestInstallationAdministrator:
    def test_creates_a_plan_with_a_new_leader_who_can_then_log_in_to_it(self, world):
        admin = client_for(world.admin)
        response = admin.post(reverse("installation:plan_new"), new_plan_data())
        plan = Plan.objects.get(name="Helhedsplanen for Tingbjerg Øst")
        assert response.status_code == 302
        assert response["Location"] == reverse("installation:plan_leaders", kwargs={"pk": plan.pk})
        assert plan.slug == "helhedsplanen-for-tingbjerg-oest"
        leader = User.objects.get(username="tove")
        assert Membership.objects.get(user=leader).role == Role.PROJECT_LEADER
        assert client_for(None).login(username="tove", password="en-lang-og-sikker-adgangskode-42")
        home = client_for(leader).get("/")
        assert home.status_code == 302 and f"/plans/{plan.pk}/" in home["Location"]

    def test_appoints_an_existing_user_by_e_mail(self, world):
        world.leader_b.email = "leder.b@example.org"
        world.leader_b.save()
        response = client_for(world.admin).post(
            reverse("installation:plan_new"),
            new_plan_data(
                **{
                    "leader-existing": "LEDER.B@example.org",
                    "leader-username": "",
                    "leader-first_name": "",
                    "leader-last_name": "",
                    "leader-password": "",
                }
            ),
        )
        assert response.status_code == 302
        plan = Plan.objects.get(name="Helhedsplanen for Tingbjerg Øst")
        assert set(plan.memberships.values_list("user__username", "role")) == {
            ("leader_b", Role.PROJECT_LEADER)
        }

    def test_a_second_leader_is_appointed_on_the_plans_page(self, world):
        url = reverse("installation:plan_leaders", kwargs={"pk": world.plan_a.pk})
        response = client_for(world.admin).post(url, {"leader-existing": "caretaker_b"})
        assert response.status_code == 302
        assert world.plan_a.memberships.get(user=world.worker_b).role == Role.PROJECT_LEADER
        page = client_for(world.admin).get(url).content.decode()
        assert "Bent Fiktiv" in page and "Leif Fiktiv" in page

    @pytest.mark.parametrize(
        "overrides, field",
        [
            ({"plan-end_date": "2026-12-31"}, "end_date"),
            ({"plan-start_date": "0201-01-01"}, "start_date"),
            ({"plan-end_date": "2099-12-31"}, "end_date"),
            ({"leader-username": "leader_a"}, "username"),
            ({"leader-password": "123"}, "password"),
            (
                {
                    "leader-existing": "nobody",
                    "leader-username": "",
                    "leader-first_name": "",
                    "leader-last_name": "",
                    "leader-password": "",
                },
                "existing",
            ),
        ],
    )
    def test_bad_input_gets_a_danish_message_at_the_field_and_creates_nothing(self, world, overrides, field):
        response = client_for(world.admin).post(
            reverse("installation:plan_new"), new_plan_data(**overrides), HTTP_ACCEPT_LANGUAGE="da"
        )
        assert response.status_code == 400
        form = response.context["plan_form"] if field.endswith("date") else response.context["leader_form"]
        assert form.errors[field]
        assert not Plan.objects.filter(name="Helhedsplanen for Tingbjerg Øst").exists()
        assert not User.objects.filter(username="tove").exists()

    def test_the_same_plan_name_twice_is_refused(self, world):
        response = client_for(world.admin).post(
            reverse("installation:plan_new"), new_plan_data(**{"plan-name": world.plan_a.name})
        )
        assert response.status_code == 400 and response.context["plan_form"].errors["name"]

    def test_the_list_shows_every_plan_with_its_leaders_and_no_resident(self, world):
        page = client_for(world.admin).get(reverse("installation:plan_list"), HTTP_ACCEPT_LANGUAGE="da")
        html = page.content.decode()
        assert page.status_code == 200
        assert world.plan_a.name in html and world.plan_b.name in html and "Leif Fiktiv" in html

    def test_a_project_leader_is_refused(self, world):
        response = client_for(world.leader_a).post(reverse("installation:plan_new"), new_plan_data())
        assert response.status_code == 403
        assert not Plan.objects.filter(name="Helhedsplanen for Tingbjerg Øst").exists()


class TestLastUsedPlan:
    def test_the_leader_lands_on_the_plan_they_used_last_at_the_next_login(self, world):
        Membership.objects.create(user=world.leader_a, plan=world.plan_b, role=Role.PROJECT_LEADER)
        first = client_for(world.leader_a)
        # "Helhedsplan A" comes first by name; the leader works in plan B.
        assert (
            first.get(reverse("helhedsplan:plan_start", kwargs={"plan_id": world.plan_b.pk})).status_code
            == 302
        )
        later = client_for(world.leader_a)  # a new session
        response = later.get("/")
        assert f"/plans/{world.plan_b.pk}/" in response["Location"]
        later.get(reverse("helhedsplan:plan_start", kwargs={"plan_id": world.plan_a.pk}))
        assert f"/plans/{world.plan_a.pk}/" in client_for(world.leader_a).get("/")["Location"]


HEADER = "boligselskab;afdeling;navn;boligområde;boliger\r\n"


class TestDepartmentImport:
    def url(self, plan, name="helhedsplan:department_import"):
        return reverse(name, kwargs={"plan_id": plan.pk})

    def post(self, client, plan, content, name="afdelinger.csv", organisation=""):
        return client.post(
            self.url(plan),
            {"file": SimpleUploadedFile(name, content), "organisation": organisation},
            HTTP_ACCEPT_LANGUAGE="da",
        )

    def test_a_danish_excel_csv_is_previewed_then_imported(self, world, as_leader):
        existing = factories.make_department(world.plan_a, org="AKB", area="Nord", code="1101")
        factories.make_department(world.plan_a, org="3B", area="Syd", code="3301")
        content = (
            HEADER
            + "AKB;1101;Sjælørparken;Nord;210\r\n"  # the existing department, renamed
            + "AKB;1102;Sjælør Have;Nord;1.185\r\n"
            + "3B;3302;Händelsvej II;Syd;\r\n"
        ).encode("cp1252")
        preview = self.post(as_leader, world.plan_a, content)
        assert preview.status_code == 200
        report = preview.context["report"]
        assert (len(report.new), len(report.changed), report.unchanged) == (2, 1, 1 - 1)
        assert Department.objects.filter(plan=world.plan_a).count() == 2  # nothing written yet
        done = as_leader.post(self.url(world.plan_a, "helhedsplan:department_import_confirm"))
        assert done.status_code == 302
        rows = set(Department.objects.filter(plan=world.plan_a).values_list("code", "name", "homes"))
        assert {
            ("1101", "Sjælørparken", 210),
            ("1102", "Sjælør Have", 1185),
            ("3302", "Händelsvej II", None),
        } <= rows
        existing.refresh_from_db()
        assert existing.name == "Sjælørparken"

    def test_the_organisation_chosen_on_the_page_when_the_file_has_no_column(self, world, as_leader):
        department = factories.make_department(world.plan_a, org="AAB", area="Nord", code="58")
        content = "afdeling;navn;boligområde;boliger\r\n59;Valby Vænge;Nord;240\r\n".encode()
        response = self.post(
            as_leader, world.plan_a, content, organisation=department.housing_organisation_id
        )
        assert response.status_code == 200 and len(response.context["report"].new) == 1

    def test_one_bad_row_and_nothing_is_written(self, world, as_leader):
        factories.make_department(world.plan_a, org="AKB", area="Nord", code="1")
        content = (
            HEADER
            + "AKB;2;Ny;Nord;100\r\n"
            + "KAB;3;Forkert selskab;Nord;100\r\n"
            + "AKB;4;Forkert område;Amager;100\r\n"
            + "AKB;5;Mange boliger;Nord;-4\r\n"
            + "AKB;2;Igen;Nord;100\r\n"
            + "AKB;;Uden nummer;Nord;100\r\n"
        ).encode()
        response = self.post(as_leader, world.plan_a, content)
        assert response.status_code == 400
        lines = [line for line, _m in response.context["report"].errors]
        assert lines == [3, 4, 5, 6, 7]
        html = response.content.decode()
        assert "Linje 3: Ukendt boligselskab “KAB”." in html
        assert "Linje 6: Linjen gentager linje 2." in html
        assert "departments_import" not in as_leader.session
        assert Department.objects.filter(plan=world.plan_a).count() == 1

    def test_another_plans_organisation_is_unknown(self, world, as_leader):
        other = factories.make_department(world.plan_b, org="VIBO", area="Nord", code="9")
        factories.make_department(world.plan_a, org="AKB", area="Nord", code="1")
        response = self.post(
            as_leader,
            world.plan_a,
            (HEADER + "VIBO;10;X;Nord;5\r\n").encode(),
            organisation=other.housing_organisation_id,
        )
        assert response.status_code == 400
        assert not Department.objects.filter(code="10").exists()
