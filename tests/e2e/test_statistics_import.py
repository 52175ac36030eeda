"""The project leader imports the housing organisations' eviction figures and sees F1 move.

F1 of the seed agreement: evictions per 1,000 homes. The 2017 figures below add up to
1 + 1 + 1 + 13 + 2 = 18 evictions in the plan's 3,900 homes: 18 / 3,900 × 1,000 = 4.615… ≈ 4.6.
"""

import pytest
from django.urls import reverse

from reporting.models import HousingStatistic

from .journey import follow, log_in, t

HEADER = "year;housing_organisation;neighbourhood;department;measure;value"
ROWS = [
    "2017;AKB;Sjælør Boulevard;;evictions;1",
    "2017;AAB;Sjælør Boulevard;;evictions;1",
    "2017;VIBO;Sjælør Boulevard;;evictions;1",
    "2017;AKB;Kgs. Enghave;;evictions;13",
    "2017;3B;Kgs. Enghave;;evictions;2",
]


def csv_file(lines: list[str]) -> dict:
    return {"name": "udsaettelser-2017.csv", "mimeType": "text/csv", "buffer": "\n".join(lines).encode()}


def f1_value(page) -> str:
    return page.locator("#criterion-F1 .criterion-value").inner_text().strip()


@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_leader_imports_evictions_fixes_the_file_and_sees_f1_change(f1, new_page, screen):
    page = new_page(viewport=screen)
    log_in(page, "projektleder")

    # The dashboard of 2017 has no F1 figure yet.
    page.goto(reverse("reporting:dashboard", kwargs={"plan_id": f1.pk}))
    page.locator("#year-select").select_option("2017")
    follow(page, page.locator("main").get_by_role("button", name=t("Show"), exact=True))
    assert page.url.endswith(reverse("reporting:dashboard_year", kwargs={"plan_id": f1.pk, "year": 2017}))
    before = f1_value(page)
    assert "4,6" not in before

    # The statistics are imported from a file; this one has a typo on line 5.
    follow(page, page.locator("#main").get_by_role("link", name=t("Statistics"), exact=True))
    follow(page, page.get_by_role("link", name=t("Import a file")))
    broken = [HEADER, *ROWS[:3], "2017;AKB;Kgs. Enghave;;evictions;13x", ROWS[4]]
    page.locator("input[type=file]").set_input_files(files=[csv_file(broken)])
    follow(page, page.get_by_role("button", name=t("Check the file")))

    alert = page.get_by_role("alert")
    assert t("Nothing was imported: %(counter)s problem in the file.") % {"counter": 1} in alert.inner_text()
    assert (
        t("Line %(line)s: %(message)s")
        % {
            "line": 5,
            "message": t("The value “%(value)s” is not a number.") % {"value": "13x"},
        }
        in alert.inner_text()
    )
    assert not HousingStatistic.objects.exists()

    # The corrected file is checked, previewed, and only then written.
    page.locator("input[type=file]").set_input_files(files=[csv_file([HEADER, *ROWS])])
    follow(page, page.get_by_role("button", name=t("Check the file")))
    assert page.get_by_text(t("The file is valid. Nothing has been written yet.")).is_visible()
    assert not HousingStatistic.objects.exists()
    follow(page, page.get_by_role("button", name=t("Import these figures")))
    assert HousingStatistic.objects.filter(plan=f1, year=2017).count() == 5

    # Back on the dashboard, F1 for 2017 is 18 evictions per 3,900 homes: 4.6 per 1,000.
    page.goto(reverse("reporting:dashboard_year", kwargs={"plan_id": f1.pk, "year": 2017}))
    after = f1_value(page)
    assert after != before
    assert after.startswith("4,6"), after
