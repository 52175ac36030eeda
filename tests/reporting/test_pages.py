"""The project leader's pages: the statistics grids, their history, criteria and milestones."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from reporting.models import (
    CriterionVersion,
    District,
    DistrictStatistic,
    HousingStatistic,
    Milestone,
    MilestoneTopic,
    SuccessCriterion,
)
from reporting.services import cell_name
from reporting.templatetags.reporting_tags import num
from tests.reporting import builders

pytestmark = pytest.mark.django_db


def url(plan, name, **kwargs):
    return reverse(f"reporting:{name}", kwargs={"plan_id": plan.pk, **kwargs})


def area_key(seed, org, area):
    o, a = seed.area(org, area)
    return f"a{o.pk}-{a.pk}"


def test_figures_are_rounded_half_up_in_the_active_language():
    with translation.override("da"):
        assert num(Decimal("38.72"), 0) == "39"
        assert num(Decimal("4.615"), 1) == "4,6"
        assert num(Decimal("4.60")) == "4,6"
        assert num(Decimal("44.00")) == "44"
        assert num(None) == "–"
    with translation.override("en"):
        assert num(Decimal("2.25"), 1) == "2.3"


class TestHousingGrid:
    def test_the_grid_has_a_row_per_area_and_a_column_per_year(self, seed_plan, as_leader):
        builders.housing_stat(seed_plan.area("AKB", "Kgs. Enghave"), 2015, "evictions", 13)
        response = as_leader.get(url(seed_plan.plan, "housing_grid") + "?measure=evictions")
        assert response.status_code == 200
        rows = response.context["rows"]
        assert [r["unit"].label for r in rows] == [
            "3B – Kgs. Enghave",
            "AAB – Sjælør Boulevard",
            "AKB – Kgs. Enghave",
            "AKB – Sjælør Boulevard",
            "VIBO – Sjælør Boulevard",
        ]
        assert response.context["years"][0] == 2011 and response.context["years"][-1] == 2020
        akb = rows[2]
        assert akb["unit"].homes == 1400  # 230 + 210 + 190 + 180 + 170 + 160 + 140 + 120
        assert next(c for c in akb["cells"] if c["year"] == 2015)["value"] == "13"

    def test_homes_are_written_with_a_thousands_separator_in_danish(self, seed_plan, as_leader):
        response = as_leader.get(
            url(seed_plan.plan, "housing_grid") + "?measure=evictions", HTTP_ACCEPT_LANGUAGE="da"
        )
        assert response.status_code == 200
        assert "1.400 boliger" in response.content.decode()  # AKB – Kgs. Enghave: 230 + 210 + ... + 120

    def test_saving_entering_correcting_and_removing(self, seed_plan, as_leader, world):
        akb = area_key(seed_plan, "AKB", "Kgs. Enghave")
        target = url(seed_plan.plan, "housing_grid") + "?measure=evictions&from=2015&to=2016"
        response = as_leader.post(target, {cell_name(akb, 2015): "13", cell_name(akb, 2016): "14"})
        assert response.status_code == 302
        assert HousingStatistic.objects.count() == 2
        as_leader.post(target, {cell_name(akb, 2015): "12", cell_name(akb, 2016): ""})
        stat = HousingStatistic.objects.get()
        assert (stat.year, stat.value) == (2015, 12)
        history = list(HousingStatistic.history.order_by("history_date").values_list("history_type", "value"))
        assert history == [("+", 13), ("+", 14), ("~", 12), ("-", 14)]
        assert HousingStatistic.history.filter(history_user=world.leader_a).count() == 4

    def test_a_bad_cell_saves_nothing_and_is_marked(self, seed_plan, as_leader):
        akb = area_key(seed_plan, "AKB", "Kgs. Enghave")
        aab = area_key(seed_plan, "AAB", "Sjælør Boulevard")
        target = url(seed_plan.plan, "housing_grid") + "?measure=evictions&from=2015&to=2015"
        response = as_leader.post(target, {cell_name(akb, 2015): "13", cell_name(aab, 2015): "-1"})
        assert response.status_code == 400
        assert not HousingStatistic.objects.exists()
        cell = next(
            c for r in response.context["rows"] for c in r["cells"] if c["name"] == cell_name(aab, 2015)
        )
        assert cell["error"] and cell["value"] == "-1"

    def test_a_department_figure_next_to_its_area_figure_is_refused(self, seed_plan, as_leader):
        builders.housing_stat(seed_plan.area("3B", "Kgs. Enghave"), 2015, "evictions", 2)
        department = seed_plan.departments["3301"]
        target = url(seed_plan.plan, "housing_grid") + "?measure=evictions&level=department&from=2015&to=2015"
        response = as_leader.post(target, {cell_name(f"d{department.pk}", 2015): "1"})
        assert response.status_code == 400
        assert HousingStatistic.objects.count() == 1

    def test_an_unknown_measure_is_404(self, seed_plan, as_leader):
        assert as_leader.get(url(seed_plan.plan, "housing_grid") + "?measure=nope").status_code == 404


def test_the_district_grid_offers_the_neighbourhoods_districts(seed_plan, as_leader):
    target = url(seed_plan.plan, "district_grid") + "?measure=unsafe_share&from=2016&to=2016"
    rows = as_leader.get(target).context["rows"]
    assert [r["unit"].label for r in rows] == ["Kgs. Enghave", "Valby"]
    keys = {r["unit"].label: r["unit"].key for r in rows}
    response = as_leader.post(
        target, {cell_name(keys["Valby"], 2016): "10,0", cell_name(keys["Kgs. Enghave"], 2016): ""}
    )
    assert response.status_code == 302
    assert District.objects.filter(plan=seed_plan.plan).count() == 1
    assert DistrictStatistic.objects.get().value == Decimal(10)
    response = as_leader.post(
        url(seed_plan.plan, "district_create"), {"name": "København", "is_municipality": "on"}
    )
    assert response.status_code == 302 and District.objects.get(name="København").is_municipality


def test_the_history_page_shows_who_changed_what(seed_plan, as_leader):
    from reporting.services import statistics_import

    content = b"year,district,measure,value\n2016,Valby,unsafe_share,10\n"
    statistics_import(plan=seed_plan.plan, content=content, filename="tryghed.csv")  # no user: a command
    statistics_import(plan=seed_plan.plan, content=content.replace(b",10", b",11"), filename="rettet.csv")
    response = as_leader.get(url(seed_plan.plan, "statistics_history"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert "rettet.csv" in html and "changed" in html


def test_the_statistics_overview_counts_figures_per_measure_and_year(seed_plan, as_leader):
    builders.housing_stat(seed_plan.area("AKB", "Kgs. Enghave"), 2015, "evictions", 13)
    builders.housing_stat(seed_plan.area("3B", "Kgs. Enghave"), 2015, "evictions", 2)
    response = as_leader.get(url(seed_plan.plan, "statistics"))
    years = response.context["years"]
    evictions = response.context["rows"][0]
    assert evictions["cells"][years.index(2015)] == 2


class TestCriterionPages:
    def form_data(self, seed, **overrides):
        data = {
            "code": "F1",
            "title": "Udsættelser pr. 1.000 boliger",
            "focus_area": seed.focus_area.pk,
            "position": 1,
            "version-valid_from": "2017-01-01",
            "version-metric": "housing_statistic",
            "version-param__housing_statistic__measure": "evictions",
            "version-param__housing_statistic__per_1000_homes": "on",
            "version-first_year": 2017,
            "version-last_year": 2020,
            "version-baseline_value": "4,6",
            "version-baseline_year": 2015,
            "version-target_kind": "below_by_year",
            "version-target_value": "2",
            "version-target_year": 2020,
        }
        data.update(overrides)
        return data

    def test_a_new_criterion_with_its_metric_parameters(self, seed_plan, as_leader):
        # A Danish page takes a Danish decimal (4,6).
        data = self.form_data(seed_plan)
        response = as_leader.post(url(seed_plan.plan, "criterion_create"), data, HTTP_ACCEPT_LANGUAGE="da")
        assert response.status_code == 302, response.context and response.context["form"].errors
        version = CriterionVersion.objects.get()
        assert version.params == {"measure": "evictions", "per_1000_homes": True, "housing_organisations": []}
        assert version.baseline_value == Decimal("4.6")
        assert response["Location"] == version.criterion.get_absolute_url()

    def test_a_missing_parameter_is_shown_at_its_field_and_nothing_is_saved(self, seed_plan, as_leader):
        data = self.form_data(seed_plan, **{"version-param__housing_statistic__measure": ""})
        response = as_leader.post(url(seed_plan.plan, "criterion_create"), data)
        assert response.status_code == 400
        assert "param__housing_statistic__measure" in response.context["form"].errors
        assert not SuccessCriterion.objects.exists()

    def test_a_target_kind_needs_its_fields(self, seed_plan, as_leader):
        data = self.form_data(seed_plan, **{"version-target_year": ""})
        response = as_leader.post(url(seed_plan.plan, "criterion_create"), data)
        assert "target_year" in response.context["form"].errors
        assert not SuccessCriterion.objects.exists()

    def test_a_revision_is_a_new_version_filled_in_from_the_last(self, seed_plan, as_leader):
        criterion = builders.make_criterion(
            seed_plan.plan,
            "F2",
            target_kind="reduction_by_year",
            target_value=20,
            target_year=2020,
            baseline_value=44,
            baseline_year=2015,
            params={"measure": "house_rules_cases"},
        )
        page = as_leader.get(url(seed_plan.plan, "version_create", pk=criterion.pk))
        form = page.context["form"]
        assert form["target_value"].value() == Decimal(20)
        assert form["param__housing_statistic__measure"].value() == "house_rules_cases"
        data = {
            "valid_from": "2018-07-01",
            "metric": "housing_statistic",
            "param__housing_statistic__measure": "house_rules_cases",
            "first_year": 2017,
            "last_year": 2020,
            "baseline_value": "44",
            "baseline_year": 2015,
            "target_kind": "reduction_by_year",
            "target_value": "10",
            "target_year": 2020,
            "note": "Revideret ved midtvejsevalueringen",
        }
        assert as_leader.post(url(seed_plan.plan, "version_create", pk=criterion.pk), data).status_code == 302
        assert criterion.versions.count() == 2
        # The same day twice is refused at the field.
        again = as_leader.post(url(seed_plan.plan, "version_create", pk=criterion.pk), data)
        assert "valid_from" in again.context["form"].errors
        detail = as_leader.get(url(seed_plan.plan, "criterion_detail", pk=criterion.pk))
        assert "Revideret ved midtvejsevalueringen" in detail.content.decode()


def test_a_milestone_per_topic_and_organisation(seed_plan, as_leader):
    data = {
        "topic": MilestoneTopic.ARREARS_COOPERATION,
        "housing_organisation": seed_plan.orgs["AKB"].pk,
        "done_on": "2017-02-15",
    }
    assert as_leader.post(url(seed_plan.plan, "milestone_create"), data).status_code == 302
    assert Milestone.objects.get().done_on == datetime.date(2017, 2, 15)
    again = as_leader.post(url(seed_plan.plan, "milestone_create"), data)
    assert "housing_organisation" in again.context["form"].errors
    assert as_leader.get(url(seed_plan.plan, "milestone_list")).status_code == 200
