"""The district coordinator opens the Nørrebro overview, sees the five plans side by side with the
contract's budgets and the network's overdue flag after a missed meeting, and downloads the overview."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.districts import demo as district_demo
from reporting.districts.models import District

from .journey import axe_violations, follow, log_in, t


@pytest.fixture
def norrebro(demo):
    district_demo.seed(today=datetime.date(2026, 11, 23))
    return District.objects.get(slug="norrebro")


def download(page, link) -> bytes:
    with page.expect_download() as info:
        link.click()
    return open(info.value.path(), "rb").read()


BUDGETS = {
    "Helhedsplanen for Lundtoftegade": "2.575.277",
    "Helhedsplan for Mimersgadekvarteret": "1.093.971",
    "Det gode Naboskab": t("no money under this focus area"),
    "Hothers Plads Helhedsplanen": t("no money under this focus area"),
    "Aldersrogade – vores kvarter": t("no money under this focus area"),
}


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_coordinator_reads_and_downloads_the_district_overview(norrebro, new_page, viewport):
    page = new_page(viewport=viewport)
    log_in(page, "koordinator")
    assert page.url.endswith(reverse("districts:overview", kwargs={"district_id": norrebro.pk}))
    assert page.get_by_role("heading", name="Nørrebro", exact=True).is_visible()

    budgets = page.locator("table[aria-labelledby=budgets] tbody tr")
    rows = {
        row.locator("th").inner_text().strip(): row.locator("td").last.inner_text().strip()
        for row in budgets.all()
    }
    for plan, budget in BUDGETS.items():
        assert rows[plan] == budget, (plan, rows.get(plan))
    assert page.locator("table[aria-labelledby=budgets] tfoot").inner_text().split()[-1] == "3.669.248"

    # The 8-week practice network missed a meeting (June 2015) and has not met since December 2018.
    practice = page.locator("main h3", has_text=district_demo.PRACTICE)
    flag = practice.locator("xpath=..").locator(".text-danger")
    assert flag.is_visible() and t("Overdue").split()[0] in flag.inner_text()
    follow(page, practice.get_by_role("link"))
    missed = page.locator(".list-group-item", has_text="28. juli 2015").locator(".badge.text-bg-warning")
    assert missed.is_visible()  # 16 weeks after the previous: the meeting of 2 June 2015 was missed
    assert axe_violations(page) == []
    page.go_back()
    assert axe_violations(page) == []

    pdf = download(page, page.get_by_role("link", name=t("Download PDF")))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Mimersgadekvarteret" in text and "2.575.277" in text and "1.093.971" in text

    xlsx = download(page, page.get_by_role("link", name=t("Download Excel")))
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    budgets = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert budgets["Helhedsplanen for Lundtoftegade"] == 2_575_277
    assert budgets["Helhedsplan for Mimersgadekvarteret"] == 1_093_971
    assert budgets["Det gode Naboskab"] == 0
    assert budgets[t("Total")] == 3_669_248
