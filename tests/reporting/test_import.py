"""Importing statistics files: formats, validation with line numbers, all-or-nothing, re-import."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from reporting.imports import parse_number
from reporting.models import District, DistrictStatistic, HousingStatistic
from reporting.services import statistics_import
from tests.reporting import builders

pytestmark = pytest.mark.django_db

HOUSING_HEADER = "year,housing_organisation,neighbourhood,department,measure,value"
SEED_2015 = f"""{HOUSING_HEADER}
2015,AKB,Sjælør Boulevard,,evictions,1
2015,AAB,Sjælør Boulevard,,evictions,1
2015,VIBO,Sjælør Boulevard,,evictions,1
2015,AKB,Kgs. Enghave,,evictions,13
2015,3B,Kgs. Enghave,,evictions,2
"""


def run(plan, text, filename="stats.csv", **kwargs):
    content = text if isinstance(text, bytes) else text.encode("utf-8")
    return statistics_import(plan=plan, content=content, filename=filename, **kwargs)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("4", "4"),
        ("4,0", "4.0"),
        ("4.6", "4.6"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        (" 12 ", "12"),
    ],
)
def test_numbers_with_decimal_comma_or_point(text, expected):
    assert parse_number(text) == Decimal(expected)


def test_a_comma_separated_file_with_bom(seed_plan):
    report = run(seed_plan.plan, "\ufeff".encode() + SEED_2015.encode())
    assert report.ok and report.written and report.kind == "housing"
    assert len(report.new) == 5
    assert HousingStatistic.objects.filter(plan=seed_plan.plan, year=2015).count() == 5
    total = sum(HousingStatistic.objects.filter(plan=seed_plan.plan).values_list("value", flat=True))
    assert total == 18


def test_a_semicolon_file_with_decimal_comma_and_any_case(seed_plan):
    builders.district(seed_plan.plan, "København", is_municipality=True)
    text = (
        "year;district;measure;value\n"
        "2016;Valby;unsafe_share;10\n"
        "2016;kgs. enghave;unsafe_share;4,0\n"
        "2016;KØBENHAVN;unsafe_share;6\n"
    )
    report = run(seed_plan.plan, text)
    assert report.ok, report.errors
    assert report.kind == "district" and len(report.new) == 3
    # Valby and Kgs. Enghave are the neighbourhoods' districts: created on import.
    assert set(District.objects.filter(plan=seed_plan.plan).values_list("name", flat=True)) == {
        "Valby",
        "Kgs. Enghave",
        "København",
    }
    assert DistrictStatistic.objects.get(district__name="Kgs. Enghave").value == Decimal(4)


def test_an_excel_file(seed_plan):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HOUSING_HEADER.split(","))
    sheet.append([2015, "akb", "Kgs. Enghave", None, "first_reminders", 305])
    sheet.append([2015, "3B", "Kgs. Enghave", 3301, "house_rules_cases", 2.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(seed_plan.plan, buffer.getvalue(), filename="tal.xlsx")
    assert report.ok, report.errors
    assert HousingStatistic.objects.get(measure="first_reminders").value == 305
    assert HousingStatistic.objects.get(department__code="3301").value == Decimal("2.5")


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(seed_plan):
    text = f"""{HOUSING_HEADER}
2015,AKB,Kgs. Enghave,,evictions,13
2015,KAB,Kgs. Enghave,,evictions,1
2015,AKB,Amager,,evictions,1
2015,AKB,Kgs. Enghave,9999,evictions,1
2015,AKB,Kgs. Enghave,,fraflytninger,1
1989,AKB,Sjælør Boulevard,,evictions,1
2015,AAB,Sjælør Boulevard,,evictions,-1
2015,VIBO,Sjælør Boulevard,,evictions,mange
2015,AKB,Kgs. Enghave,,evictions,14
2015,AKB,Kgs. Enghave,1201,evictions,1

2015,3B,Kgs. Enghave,,evictions
"""
    report = run(seed_plan.plan, text)
    assert not report.ok and not report.written
    lines = dict(report.errors)
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9, 10, 11, 13]
    assert "KAB" in lines[3]  # unknown organisation
    assert "Amager" in lines[4]  # unknown neighbourhood
    assert "9999" in lines[5]  # unknown department
    assert "fraflytninger" in lines[6]  # unknown measure
    assert "1989" in lines[7]  # year outside 1990-2100
    assert "negative" in lines[8]
    assert "mange" in lines[9]  # not a number
    assert "line 2" in lines[10]  # repeats line 2
    assert "counted twice" in lines[11]  # a department next to its whole area
    assert "columns" in lines[13]
    assert not HousingStatistic.objects.exists()


def test_a_wrong_header_is_line_1(seed_plan):
    report = run(seed_plan.plan, "aar,omraade,vaerdi\n2015,x,1\n")
    assert [line for line, _m in report.errors] == [1]
    assert "år;boligselskab;boligområde;afdeling;måling;værdi" in report.errors[0][1]


def test_an_unknown_district_and_a_share_over_100(seed_plan):
    text = "year,district,measure,value\n2016,Amager,unsafe_share,5\n2016,Valby,unsafe_share,101\n"
    report = run(seed_plan.plan, text)
    assert [line for line, _m in report.errors] == [2, 3]
    assert not District.objects.exists()


def test_importing_the_same_file_again_changes_nothing(seed_plan):
    run(seed_plan.plan, SEED_2015)
    history = HousingStatistic.history.count()
    again = run(seed_plan.plan, SEED_2015)
    assert again.ok and not again.written
    assert (len(again.new), len(again.changed), again.unchanged) == (0, 0, 5)
    assert HousingStatistic.history.count() == history


def test_a_corrected_file_replaces_the_value_and_keeps_the_old_in_history(seed_plan, world):
    run(seed_plan.plan, SEED_2015)
    corrected = SEED_2015.replace("Kgs. Enghave,,evictions,13", "Kgs. Enghave,,evictions,12")
    report = run(seed_plan.plan, corrected, filename="rettet.csv", user=world.leader_a)
    assert [(c.old, c.row.value) for c in report.changed] == [(Decimal(13), Decimal(12))]
    stat = HousingStatistic.objects.get(
        housing_organisation__short_name="AKB", neighbourhood__name="Kgs. Enghave"
    )
    assert stat.value == 12
    values = list(
        stat.history.order_by("history_date").values_list("value", "history_change_reason", "history_user")
    )
    assert values[0][0] == 13 and values[1][0] == 12
    assert "rettet.csv" in values[1][1] and values[1][2] == world.leader_a.pk


def test_a_department_figure_next_to_an_area_figure_in_the_database_is_refused(seed_plan):
    run(seed_plan.plan, SEED_2015)
    report = run(seed_plan.plan, f"{HOUSING_HEADER}\n2015,AKB,Kgs. Enghave,1201,evictions,1\n")
    assert [line for line, _m in report.errors] == [2]


def test_the_command_dry_run_writes_nothing(seed_plan, tmp_path):
    path = tmp_path / "stats.csv"
    path.write_text(SEED_2015, encoding="utf-8")
    out = io.StringIO()
    call_command("import_statistics", str(path), plan=seed_plan.plan.pk, dry_run=True, stdout=out)
    assert "Dry run" in out.getvalue() and "5 new" in out.getvalue()
    assert not HousingStatistic.objects.exists()
    call_command("import_statistics", str(path), plan=seed_plan.plan.pk, stdout=out)
    assert HousingStatistic.objects.count() == 5


def test_the_command_lists_the_bad_lines(seed_plan, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(f"{HOUSING_HEADER}\n2015,KAB,Kgs. Enghave,,evictions,1\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_statistics", str(path), plan=seed_plan.plan.pk, stderr=err)
    assert "Line 2" in err.getvalue()


class TestUploadPage:
    def url(self, plan, name="reporting:import"):
        return reverse(name, kwargs={"plan_id": plan.pk})

    def test_preview_then_confirm(self, seed_plan, as_leader):
        upload = SimpleUploadedFile("stats.csv", SEED_2015.encode(), content_type="text/csv")
        preview = as_leader.post(self.url(seed_plan.plan), {"file": upload})
        assert preview.status_code == 200
        assert preview.context["report"].ok and len(preview.context["report"].new) == 5
        assert not HousingStatistic.objects.exists()  # a preview writes nothing
        done = as_leader.post(self.url(seed_plan.plan, "reporting:import_confirm"))
        assert done.status_code == 302
        assert HousingStatistic.objects.count() == 5
        # The pending file is used once.
        again = as_leader.post(self.url(seed_plan.plan, "reporting:import_confirm"))
        assert again.status_code == 302 and HousingStatistic.objects.count() == 5

    def test_errors_are_listed_with_line_numbers(self, seed_plan, as_leader):
        upload = SimpleUploadedFile("bad.csv", f"{HOUSING_HEADER}\n2015,KAB,Nord,,evictions,x\n".encode())
        response = as_leader.post(self.url(seed_plan.plan), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400
        assert b"Line 2" in response.content
        assert "reporting_import" not in as_leader.session

    def test_a_file_of_another_kind_is_refused_at_the_field(self, seed_plan, as_leader):
        upload = SimpleUploadedFile("stats.pdf", b"%PDF-1.4")
        response = as_leader.post(self.url(seed_plan.plan), {"file": upload})
        assert response.status_code == 200 and response.context["form"].errors["file"]


def test_the_errors_are_in_danish_in_the_app(seed_plan, as_leader):
    upload = SimpleUploadedFile(
        "fejl.csv", f"{HOUSING_HEADER}\n2015,KAB,Kgs. Enghave,,evictions,1\n".encode()
    )
    url = reverse("reporting:import", kwargs={"plan_id": seed_plan.plan.pk})
    response = as_leader.post(url, {"file": upload}, HTTP_ACCEPT_LANGUAGE="da")
    html = response.content.decode()
    assert "Intet blev importeret: 1 fejl i filen." in html
    assert "Linje 2: Ukendt boligselskab “KAB”." in html
