"""Metrics on the statistics reported from outside: F1, F2 (housing) and F3 (district)."""

from decimal import Decimal

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Concat, JSONArray
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.metrics import Drilldown, JSONList, Metric, Param, Rows, Warning, alone, catalogue
from helhedsplan.models import Department, HousingOrganisation

from ..models import District, DistrictMeasure, DistrictStatistic, HousingMeasure, HousingStatistic

THOUSAND = Decimal(1000)


def _organisations(plan):
    return HousingOrganisation.objects.filter(plan=plan).values_list("pk", "short_name")


def _districts(plan):
    return District.objects.filter(plan=plan).values_list("pk", "name")


def covered_homes():
    """The homes a figure covers: its department's, or all its organisation's in the neighbourhood.

    Departments with no (or 0) homes add nothing; a figure covering none is left out of a rate.
    """
    area_homes = (
        Department.objects.filter(
            housing_organisation=OuterRef("housing_organisation"), neighbourhood=OuterRef("neighbourhood")
        )
        .order_by()  # not the departments' ordering, whose joins the sum would carry along
        .values("housing_organisation")
        .annotate(total=Sum("homes"))
        .values("total")
    )
    return Case(
        When(department__isnull=False, then=F("department__homes")),
        default=Subquery(area_homes, output_field=IntegerField()),
        output_field=IntegerField(),
    )


@catalogue.register
class HousingStatisticMetric(Metric):
    key = "housing_statistic"
    label = _("Housing statistic summed over the plan")
    description = _(
        "A figure the housing organisations report (evictions, first reminders, house-rules cases), "
        "summed over the plan, as is or per 1,000 homes of the departments it covers."
    )
    accumulates = False
    params = [
        Param("measure", _("measure"), choices=lambda plan: HousingMeasure.choices),
        Param("per_1000_homes", _("per 1,000 homes"), kind="bool", required=False),
        Param(
            "housing_organisations",
            _("only these housing organisations"),
            kind="multichoice",
            choices=_organisations,
            required=False,
            help_text=_("None ticked: all of the plan's housing organisations."),
        ),
    ]

    def unit(self, params):
        measure = HousingMeasure(params.get("measure") or HousingMeasure.EVICTIONS)
        if params.get("per_1000_homes"):
            return gettext("%(measure)s per 1,000 homes") % {"measure": measure.label.lower()}
        return str(measure.label).lower()

    def decimals(self, params):
        return 1 if params.get("per_1000_homes") else 0

    def condition(self, window):
        condition = Q(measure=window.param("measure"))
        organisations = window.param("housing_organisations")
        if organisations:
            condition &= Q(housing_organisation_id__in=[int(pk) for pk in organisations])
        return condition

    def queryset(self, window):
        return HousingStatistic.objects.filter(plan=window.plan).filter(self.condition(window))

    def prepare(self, window, batch):
        years = window.started_years
        scope = HousingStatistic.objects.filter(plan=window.plan)
        if window.param("per_1000_homes"):
            return self.prepare_rate(window, batch, scope, years)
        by_year = {y: {"year": y} for y in years}
        totals_asked = Rows(scope, self.condition(window)).ask_alike(
            batch, lambda f: Sum("value", filter=f), by_year
        )

        def figures():
            totals = totals_asked()
            result = dict.fromkeys(window.years)
            for y in years:
                if totals[y] is not None:
                    result[y] = self.round(totals[y], window.params)
            return result

        return figures

    def prepare_rate(self, window, batch, scope, years):
        """Per 1,000 homes: the figures that cover homes, with the homes they cover (worked out
        once a figure), summed by year."""
        asked = batch.ask(
            scope,
            {
                "rows": JSONList(
                    JSONArray("year", "value", covered_homes()),
                    ordering=["year"],
                    filter=self.condition(window) & Q(year__in=years) & Q(GreaterThan(covered_homes(), 0)),
                )
            },
        )

        def figures():
            totals: dict[int, list] = {}
            for year, value, homes in asked()["rows"] or []:
                total = totals.setdefault(year, [Decimal(0), 0])
                total[0] += Decimal(value)
                total[1] += homes
            result = dict.fromkeys(window.years)
            for year, (total, homes) in totals.items():
                result[year] = self.round(total * THOUSAND / homes, window.params)
            return result

        return figures

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        in_plan = Q()
        organisations = window.param("housing_organisations")
        if organisations:
            in_plan = Q(housing_organisation_id__in=[int(pk) for pk in organisations])
        # Each area (organisation × neighbourhood) with departments, and whether it reported.
        reported = self.queryset(window).filter(
            year=year,
            housing_organisation=OuterRef("housing_organisation"),
            neighbourhood=OuterRef("neighbourhood"),
        )
        asked = batch.ask(
            Department.objects.filter(plan=window.plan),
            {
                "silent": JSONList(
                    Concat("housing_organisation__short_name", Value(" – "), "neighbourhood__name"),
                    ordering=["housing_organisation__short_name", "neighbourhood__name"],
                    filter=in_plan & ~Q(Exists(reported)),
                ),
                "unknown": Count("pk", filter=in_plan & (Q(homes__isnull=True) | Q(homes=0))),
            },
        )

        def warnings():
            row = asked()
            # An area is named once, however many of its departments.
            return self.area_warnings(window, year, list(dict.fromkeys(row["silent"] or [])), row["unknown"])

        return warnings

    def area_warnings(self, window, year, missing, unknown):
        warnings = []
        if missing and window.as_of.year > year:
            warnings.append(
                Warning(
                    gettext("No figures for %(areas)s in %(year)s.")
                    % {"areas": ", ".join(missing), "year": year},
                    year,
                )
            )
        if unknown and window.param("per_1000_homes"):
            warnings.append(
                Warning(
                    ngettext(
                        "%(count)s department has no number of homes; the rate leaves its figures out.",
                        "%(count)s departments have no number of homes; the rate leaves their figures out.",
                        unknown,
                    )
                    % {"count": unknown}
                )
            )
        return warnings

    def records(self, window, year, *, viewer=None):
        rows = (
            self.queryset(window)
            .filter(year=year)
            .annotate(homes=covered_homes())
            .select_related("housing_organisation", "neighbourhood", "department")
            .order_by("housing_organisation__short_name", "neighbourhood__name", "department__code")
        )
        table = []
        for stat in rows:
            table.append(
                [
                    stat.housing_organisation.short_name,
                    stat.neighbourhood.name,
                    stat.department.code if stat.department_id else gettext("all departments"),
                    stat.value.normalize(),
                    stat.homes if stat.homes else gettext("unknown"),
                ]
            )
        return Drilldown(
            columns=[
                gettext("Housing organisation"),
                gettext("Neighbourhood"),
                gettext("Department"),
                gettext("Value"),
                gettext("Homes"),
            ],
            rows=table,
            total=len(table),
            note=gettext(
                "Figures reported by the housing organisations; a rate per 1,000 homes divides by the homes."
            ),
        )


COMBINE = {"max": Max, "min": Min, "avg": Avg}


@catalogue.register
class DistrictStatisticMetric(Metric):
    key = "district_statistic"
    label = _("District statistic")
    description = _(
        "A figure of the municipality's surveys for one or more districts; with several districts "
        "the highest, lowest or average of them."
    )
    accumulates = False
    params = [
        Param("measure", _("measure"), choices=lambda plan: DistrictMeasure.choices),
        Param("districts", _("districts"), kind="multichoice", choices=_districts),
        Param(
            "combine",
            _("with several districts"),
            choices=lambda plan: [
                ("max", _("the highest")),
                ("min", _("the lowest")),
                ("avg", _("the average")),
            ],
            required=False,
        ),
    ]

    def unit(self, params):
        measure = params.get("measure")
        if measure in (DistrictMeasure.UNSAFE_SHARE, DistrictMeasure.UNSAFE_SHARE_EVENING):
            return "%"
        return gettext("per 1,000 homes")

    def decimals(self, params):
        return 1

    def condition(self, window):
        return Q(
            measure=window.param("measure"),
            district_id__in=[int(pk) for pk in window.param("districts", [])],
        )

    def queryset(self, window):
        return DistrictStatistic.objects.filter(plan=window.plan).filter(self.condition(window))

    def prepare(self, window, batch):
        years = window.started_years
        wanted = len(window.param("districts", []))
        if not years or not wanted:
            return lambda: dict.fromkeys(window.years)
        combine = COMBINE[window.param("combine", "max")]
        scope = DistrictStatistic.objects.filter(plan=window.plan)
        rows, by_year = Rows(scope, self.condition(window)), {y: {"year": y} for y in years}
        figure_asked = rows.ask_alike(
            batch, lambda f: combine("value", output_field=DecimalField(), filter=f), by_year
        )
        districts_asked = rows.ask_alike(batch, lambda f: Count("district", filter=f), by_year)

        def figures():
            figure, districts = figure_asked(), districts_asked()
            result = dict.fromkeys(window.years)
            for y in years:
                # A figure over some of the districts only would hide the missing ones.
                if districts[y] == wanted:
                    result[y] = self.round(figure[y], window.params)
            return result

        return figures

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        ids = [int(pk) for pk in window.param("districts", [])]
        statistics = DistrictStatistic.objects.filter(district=OuterRef("pk"))
        # Without a figure of the measure and year: the rule of `exclude(statistics__year=...,
        # statistics__measure=...)`, which asks for a figure of the year and one of the measure.
        has_figures = Exists(statistics.filter(measure=window.param("measure"))) & Exists(
            statistics.filter(year=year)
        )
        asked = batch.ask(
            District.objects.filter(plan=window.plan),
            {
                "missing": JSONList(
                    "name", ordering=["is_municipality", "name"], filter=Q(pk__in=ids) & ~has_figures
                )
            },
        )
        return lambda: self.missing_warnings(window, year, asked()["missing"] or [])

    def missing_warnings(self, window, year, missing):
        if missing and window.as_of.year > year:
            return [
                Warning(
                    gettext("No figures for %(areas)s in %(year)s.")
                    % {"areas": ", ".join(missing), "year": year},
                    year,
                )
            ]
        return []

    def records(self, window, year, *, viewer=None):
        rows = self.queryset(window).filter(year=year).select_related("district").order_by("district__name")
        table = [[stat.district.name, stat.value.normalize()] for stat in rows]
        return Drilldown(columns=[gettext("District"), gettext("Value")], rows=table, total=len(table))
