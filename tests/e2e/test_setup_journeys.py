"""A real plan starts on its own, in the browser, without the Django admin.

1. The installation administrator creates a third plan and appoints a new project leader; the leader
   starts it from the seed agreement's template, imports the departments from a file, adds a caretaker
   of another plan, downloads the
   statistics template, fills it in, saves it as Excel's "CSV (semikolonsepareret)" (Windows-1252,
   Danish headers, decimal comma), imports it and sees the dashboard judge F1.
2. A caretaker imports a bailiff list of 5 rows (2 residents with open cases, 2 new, 1 outside the plan),
   opens a case for one new row and updates the two known cases' bailiff's dates.
"""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import Case, CaseType
from helhedsplan.models import Plan
from reporting.models import SuccessCriterion

from .journey import follow, log_in, t

LEADER_PASSWORD = "tingbjerg-er-et-godt-sted-2027"


def fill(page, values: dict):
    for name, value in values.items():
        page.locator(f"[name='{name}']").fill(value)


def test_an_administrator_creates_a_plan_and_its_leader_sets_it_up_from_files(demo, new_page):
    admin = new_page()
    log_in(admin, "admin")
    assert admin.url.endswith(reverse("installation:plan_list"))
    follow(admin, admin.get_by_role("link", name=t("New plan")))
    fill(
        admin,
        {
            "plan-name": "Helhedsplanen for Tingbjerg Øst",
            "plan-start_date": "2025-01-01",
            "plan-end_date": "2028-12-31",
            "leader-username": "tingbjerg-leder",
            "leader-first_name": "Tilde",
            "leader-last_name": "Opdigtet",
            "leader-email": "tilde@example.org",
            "leader-password": LEADER_PASSWORD,
        },
    )
    follow(admin, admin.get_by_role("button", name=t("Create the plan")))
    plan = Plan.objects.get(name="Helhedsplanen for Tingbjerg Øst")
    assert "Tilde Opdigtet" in admin.locator("main").inner_text()

    page = new_page()
    log_in(page, "tingbjerg-leder", LEADER_PASSWORD)
    assert f"/plans/{plan.pk}/" in page.url

    # Start from the seed agreement's template.
    follow(page, page.get_by_role("link", name=t("Start from an agreement")))
    page.get_by_label("Tryghed og trivsel", exact=False).check()
    follow(page, page.get_by_role("button", name=t("Copy"), exact=True))
    assert SuccessCriterion.objects.filter(plan=plan).count() == 15

    # An organisation and a neighbourhood by hand, the departments from a file.
    page.goto(reverse("helhedsplan:housing_organisation_create", kwargs={"plan_id": plan.pk}))
    fill(page, {"short_name": "AKB", "name": "AKB, København"})
    follow(page, page.get_by_role("button", name=t("Save")))
    page.goto(reverse("helhedsplan:neighbourhood_create", kwargs={"plan_id": plan.pk}))
    fill(page, {"name": "Tingbjerg Øst", "district": "Brønshøj-Husum"})
    follow(page, page.get_by_role("button", name=t("Save")))
    follow(page, page.get_by_role("link", name=t("Import departments")))
    departments = (
        "boligselskab;afdeling;navn;boligområde;boliger\r\n"
        "AKB;4101;Tingbjerg Øst I;Tingbjerg Øst;400\r\n"
        "AKB;4102;Tingbjerg Øst II;Tingbjerg Øst;350\r\n"
        "AKB;4103;Gården ved Åen;Tingbjerg Øst;250\r\n"
    ).encode("cp1252")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "afdelinger.csv", "mimeType": "text/csv", "buffer": departments}]
    )
    follow(page, page.get_by_role("button", name=t("Check the file")))
    follow(page, page.get_by_role("button", name=t("Import these departments")))
    assert "Gården ved Åen" in page.locator("main").inner_text()

    # A caretaker who works in another plan joins this one too.
    page.goto(reverse("helhedsplan:staff_add_existing", kwargs={"plan_id": plan.pk}))
    fill(page, {"identifier": "norrebro-vicevaert"})
    page.locator("[name='role']").select_option("worker")
    follow(page, page.locator("main form button[type=submit]"))
    assert plan.memberships.filter(user__username="norrebro-vicevaert", role="worker").exists()

    # The statistics template: download, fill in, save as a Danish Excel's CSV, import.
    page.goto(reverse("reporting:import", kwargs={"plan_id": plan.pk}))
    with page.expect_download() as download:
        page.locator("a[href$='housing.xlsx']").click()
    with open(download.value.path(), "rb") as downloaded:  # saved without the file's extension
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    sheet = workbook.active
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == 2025 and row[4].value == "udsættelser":
            row[5].value = 2  # 2 evictions in 1,000 homes: 2.0 per 1,000
    lines = [";".join("" if c is None else str(c) for c in row) for row in sheet.iter_rows(values_only=True)]
    content = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "statistik.csv", "mimeType": "text/csv", "buffer": content}]
    )
    follow(page, page.get_by_role("button", name=t("Check the file")))
    assert "Windows-1252" in page.locator("main").inner_text()
    follow(page, page.get_by_role("button", name=t("Import these figures")))

    page.goto(reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": 2025}))
    f1 = page.locator("#criterion-F1")
    assert f1.locator(".criterion-value").inner_text().strip().startswith("2,0")
    assert t("No data") not in f1.inner_text()


@pytest.fixture
def bailiff_world(demo):
    from helhedsplan.demo import SEED_PLAN_SLUG
    from helhedsplan.models import Department
    from tests.cases import builders

    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    caretaker = plan.memberships.get(user__username="vicevaert").user
    department = Department.objects.get(plan=plan, code="1101")
    today = datetime.date.today()
    cases = []
    for name, address in (("Karla Opdigtet", "Sjælørvej 1, 2. tv."), ("Mads Fiktiv", "Sjælørvej 3, st. th.")):
        resident = builders.make_resident(plan, caretaker, name=name, address=address, department=department)
        cases.append(
            builders.make_case(
                plan,
                caretaker,
                case_type=CaseType.EVICTION_PREVENTION,
                residents=[resident],
                opened_on=today - datetime.timedelta(days=20),
                today=today,
                arrears_dkk=9000,
                eviction_scheduled_on=today - datetime.timedelta(days=10),
                bailiff_date=today + datetime.timedelta(days=30),
            )
        )
    return plan, cases, today


def test_a_caretaker_triages_a_bailiff_list(bailiff_world, new_page):
    plan, (karla, mads), today = bailiff_world
    scheduled = (today - datetime.timedelta(days=5)).strftime("%d.%m.%Y")
    karla_date, mads_date = today + datetime.timedelta(days=14), today + datetime.timedelta(days=21)
    rows = [
        [
            "1101",
            "Sjælørvej 1, 2. tv.",
            "Karla Opdigtet",
            "12.500,00",
            scheduled,
            karla_date.strftime("%d.%m.%Y"),
        ],
        ["1101", "Sjælørvej 3, st. th.", "Mads Fiktiv", "8.000", scheduled, mads_date.strftime("%d.%m.%Y")],
        ["1102", "Sjælørvej 5, 1. th.", "Olga Påhit", "23.400,50", scheduled, "15.01.2030"],
        ["58", "Sjælørvej 7, 3. mf.", "Per Eksempel", "4.500", scheduled, "20.01.2030"],
        ["9999", "Andenvej 1", "Rita Udenfor", "1.000", scheduled, "20.12.2029"],
    ]
    content = "afdeling;adresse;navn;restance;berammet;fogeddato\r\n" + "".join(
        ";".join(r) + "\r\n" for r in rows
    )
    page = new_page()
    log_in(page, "vicevaert")
    follow(page, page.get_by_role("link", name=t("Bailiff list")))
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "fogedliste.csv", "mimeType": "text/csv", "buffer": content.encode("cp1252")}]
    )
    follow(page, page.get_by_role("button", name=t("Read the list")))
    for group, count in (("case", 2), ("new", 2), ("outside", 1)):
        assert page.locator(f"#group-{group} .badge").inner_text() == str(count)

    follow(page, page.locator("#line-4").get_by_role("button", name=t("Open an eviction-prevention case")))
    olga = Case.objects.get(plan=plan, parties__resident__name="Olga Påhit")
    assert olga.bailiff_date == datetime.date(2030, 1, 15) and olga.arrears_dkk == 23401
    for line in (2, 3):
        follow(page, page.locator(f"#line-{line}").get_by_role("button", name=t("Update the bailiff's date")))
    karla.refresh_from_db()
    mads.refresh_from_db()
    assert (karla.bailiff_date, mads.bailiff_date) == (karla_date, mads_date)
    assert page.locator("#group-case .badge").inner_text() == "3"
    # The list, shown again, has the known cases with the list's dates now.
    for line in (2, 3):
        assert t("the case has this bailiff's date") in page.locator(f"#line-{line}").inner_text()
