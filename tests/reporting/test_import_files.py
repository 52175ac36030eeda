"""The files the offices really send: a Danish Excel's CSV, Danish headers and measure names, the template
to fill in; and hostile files answered with a Danish message, never a 500."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from helhedsplan.tables import read_table
from reporting.models import DistrictStatistic, HousingStatistic
from reporting.services import statistics_import

pytestmark = pytest.mark.django_db


def upload(client, plan, name, content):
    url = reverse("reporting:import", kwargs={"plan_id": plan.pk})
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, HTTP_ACCEPT_LANGUAGE="da")


def confirm(client, plan):
    return client.post(
        reverse("reporting:import_confirm", kwargs={"plan_id": plan.pk}), HTTP_ACCEPT_LANGUAGE="da"
    )


def test_a_danish_excel_csv_with_danish_headers_and_measure_names_is_imported(seed_plan, as_leader):
    # Excel's "CSV (semikolonsepareret)": Windows-1252, CRLF, semicolons, decimal comma;
    # the columns in another order.
    text = (
        "Måling;År;Boligselskab;Boligområde;Afdeling;Værdi\r\n"
        "Udsættelser;2018;AKB;Kgs. Enghave;;7\r\n"
        "første rykkere;2018;AKB;Sjælør Boulevard;;17\r\n"
        "Husordenssager;2018;3B;Kgs. Enghave;3301;2,5\r\n"
    )
    response = upload(as_leader, seed_plan.plan, "statistik.csv", text.encode("cp1252"))
    html = response.content.decode()
    assert response.status_code == 200, html
    assert "Læst som: CSV i Windows-1252" in html
    assert confirm(as_leader, seed_plan.plan).status_code == 302
    stats = {
        (s.housing_organisation.short_name, s.neighbourhood.name, s.measure): s.value
        for s in HousingStatistic.objects.select_related("housing_organisation", "neighbourhood")
    }
    assert stats == {
        ("AKB", "Kgs. Enghave", "evictions"): 7,
        ("AKB", "Sjælør Boulevard", "first_reminders"): 17,
        ("3B", "Kgs. Enghave", "house_rules_cases"): Decimal("2.5"),
    }


def test_the_district_form_in_danish(seed_plan):
    text = "år;bydel;måling;værdi\r\n2019;Valby;andel utrygge;8,5\r\n2019;Valby;Utrygge aften og nat;21\r\n"
    report = statistics_import(plan=seed_plan.plan, content=text.encode("cp1252"), filename="tryghed.csv")
    assert report.ok, report.errors
    assert dict(DistrictStatistic.objects.values_list("measure", "value")) == {
        "unsafe_share": Decimal("8.5"),
        "unsafe_share_evening": 21,
    }


def test_an_unknown_danish_measure_names_the_danish_choices(seed_plan, as_leader):
    text = "år;boligselskab;boligområde;afdeling;måling;værdi\r\n2018;AKB;Kgs. Enghave;;fraflytninger;3\r\n"
    html = upload(as_leader, seed_plan.plan, "s.csv", text.encode("utf-8")).content.decode()
    assert "Linje 2: Ukendt mål “fraflytninger”" in html and "første rykkere" in html


def test_the_error_names_the_line_with_the_bad_letter_not_line_1(seed_plan, as_leader):
    good = "år;boligselskab;boligområde;afdeling;måling;værdi\r\n2018;AKB;Kgs. Enghave;;udsættelser;3\r\n"
    content = good.encode("utf-8") + "2019;AKB;Sjælør Boulevard;;udsættelser;1\r\n".encode("cp1252")
    response = upload(as_leader, seed_plan.plan, "blandet.csv", content)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Linje 3: Filen blander to tegnsæt" in html
    assert not HousingStatistic.objects.exists()


class TestTemplate:
    def download(self, client, plan, kind, fmt, query=""):
        url = reverse("reporting:import_template", kwargs={"plan_id": plan.pk, "kind": kind, "fmt": fmt})
        response = client.get(url + query)
        assert response.status_code == 200
        return response.content

    def test_the_housing_template_lists_every_area_year_and_measure(self, seed_plan, as_leader):
        plan = seed_plan.plan  # 5 areas (organisation × neighbourhood), 3 measures
        years = plan.end_date.year - plan.start_date.year + 1
        table = read_table(self.download(as_leader, plan, "housing", "xlsx"), "t.xlsx", max_rows=10_000)
        assert table.rows[0] == ["år", "boligselskab", "boligområde", "afdeling", "måling", "værdi"]
        assert len(table.rows) == 1 + years * 3 * 5
        assert table.rows[1][:5] == [str(plan.start_date.year), "3B", "Kgs. Enghave", "", "udsættelser"]
        per_department = read_table(
            self.download(as_leader, plan, "housing", "csv", "?level=department"), "t.csv", max_rows=10_000
        )
        assert len(per_department.rows) == 1 + years * 3 * 22

    def test_round_trip_fill_save_as_windows_1252_and_import(self, seed_plan, as_leader):
        """Download the template, fill in two figures in Excel, save as "CSV (semikolonsepareret)", import."""
        plan = seed_plan.plan
        workbook = load_workbook(io.BytesIO(self.download(as_leader, plan, "housing", "xlsx")))
        sheet = workbook.active
        year = str(plan.start_date.year)
        filled = 0
        for row in sheet.iter_rows(min_row=2):
            key = (str(row[0].value), row[1].value, row[2].value, row[4].value)
            if key == (year, "AKB", "Kgs. Enghave", "udsættelser"):
                row[5].value, filled = 13, filled + 1
            if key == (year, "VIBO", "Sjælør Boulevard", "første rykkere"):
                row[5].value, filled = 41.5, filled + 1
        assert filled == 2
        # What a Danish Excel writes for "CSV (semikolonsepareret)".
        lines = [
            ";".join(
                "" if c is None else str(c).replace(".", ",") if isinstance(c, float) else str(c) for c in row
            )
            for row in sheet.iter_rows(values_only=True)
        ]
        content = ("\r\n".join(lines) + "\r\n").encode("cp1252")
        response = upload(as_leader, plan, "statistik.csv", content)
        assert response.status_code == 200, response.context["report"].errors
        assert response.context["report"].skipped == len(lines) - 3
        assert confirm(as_leader, plan).status_code == 302
        assert sorted(HousingStatistic.objects.values_list("measure", "value")) == [
            ("evictions", 13),
            ("first_reminders", Decimal("41.5")),
        ]

    def test_the_district_template_has_the_neighbourhoods_districts(self, seed_plan, as_leader):
        content = self.download(as_leader, seed_plan.plan, "district", "csv").decode("utf-8-sig")
        assert content.startswith("år;bydel;måling;værdi\r\n")
        assert ";Valby;andel utrygge;" in content and ";Kgs. Enghave;andel utrygge;" in content

    def test_an_unknown_kind_or_format_is_404(self, seed_plan, as_leader):
        for kind, fmt in (("people", "csv"), ("housing", "pdf")):
            url = reverse(
                "reporting:import_template", kwargs={"plan_id": seed_plan.plan.pk, "kind": kind, "fmt": fmt}
            )
            assert as_leader.get(url).status_code == 404


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_sheet(content, xml):
    source, buffer = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(
                item.filename, xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item)
            )
    return buffer.getvalue()


SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HOSTILE = {
    "bomb.xlsx": _with_sheet(
        _xlsx([["x"]]),
        SHEET + b'<dimension ref="A1:XFD1048576"/><sheetData><row r="1048576"><c r="XFD1048576"><v>1</v></c>'
        b"</row></sheetData></worksheet>",
    ),
    "entity.xlsx": _with_sheet(
        _xlsx([["x"]]),
        b'<!DOCTYPE w [<!ENTITY a "aaaa">]>'
        + SHEET
        + b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;'
        b"</t></is></c></row></sheetData></worksheet>",
    ),
    "truncated.xlsx": _xlsx([["år", "bydel", "måling", "værdi"]])[:900],
    "junk.csv": bytes(range(256)) * 8,
    "junk.xlsx": b"PK\x03\x04" + bytes(range(256)) * 8,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_gets_a_danish_message_and_a_400(seed_plan, as_leader, name):
    response = upload(as_leader, seed_plan.plan, name, HOSTILE[name])
    assert response.status_code == 400
    html = response.content.decode()
    assert "Intet blev importeret" in html and "Linje " in html
    assert "reporting_import" not in as_leader.session


def test_a_file_over_5_mb_is_refused_at_the_field(seed_plan, as_leader):
    response = upload(as_leader, seed_plan.plan, "stor.csv", b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Filen er større end 5 MB."]
