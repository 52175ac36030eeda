"""Milestones done by a date (A3, B2): e.g. formalised cooperation with every housing organisation."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.metrics import (
    EVER,
    Drilldown,
    JSONList,
    Link,
    Metric,
    Param,
    Warning,
    alone,
    catalogue,
    per_year_asked,
)
from helhedsplan.models import HousingOrganisation, Role

from ..models import Milestone, MilestoneTopic


@catalogue.register
class MilestoneMetric(Metric):
    key = "milestone"
    label = _("Milestone done by a date")
    description = _(
        "Milestones the project leader registers, e.g. formalised cooperation with each housing "
        "organisation's arrears or legal department; counted as done up to each year's end."
    )
    params = [
        Param("topic", _("topic"), choices=lambda plan: MilestoneTopic.choices),
        Param(
            "per_housing_organisation",
            _("one for every housing organisation"),
            kind="bool",
            required=False,
            help_text=_("Done when every housing organisation of the plan has one."),
        ),
    ]

    def unit(self, params):
        if params.get("per_housing_organisation"):
            return gettext("housing organisations")
        return gettext("milestones")

    def condition(self, window):
        return Q(topic=window.param("topic"), done_on__isnull=False)

    def queryset(self, window):
        return Milestone.objects.filter(plan=window.plan).filter(self.condition(window))

    def prepare(self, window, batch):
        if window.param("per_housing_organisation"):

            def count(condition):
                return Count("housing_organisation", distinct=True, filter=condition)

            # What `required` needs, asked with the figures.
            key = ("housing_organisations", window.plan.pk)
            if key not in window.memo and ("asked",) + key not in window.memo:
                window.memo[("asked",) + key] = batch.ask(
                    HousingOrganisation.objects.filter(plan=window.plan), {"count": Count("pk")}
                )
        else:

            def count(condition):
                return Count("pk", filter=condition)

        scope = Milestone.objects.filter(plan=window.plan)
        figures = per_year_asked(batch, scope, self.condition(window), "done_on", window, count, since=EVER)
        return lambda: {year: self.round(value, window.params) for year, value in figures().items()}

    def required(self, window):
        if not window.param("per_housing_organisation"):
            return None
        key = ("housing_organisations", window.plan.pk)
        if key not in window.memo:
            asked = window.memo.get(("asked",) + key)
            window.memo[key] = (
                asked()["count"] if asked else HousingOrganisation.objects.filter(plan=window.plan).count()
            )
        return window.memo[key]

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        if not window.param("per_housing_organisation"):
            return list
        done = self.queryset(window).filter(
            housing_organisation=OuterRef("pk"), done_on__lte=window.cutoff(year)
        )
        asked = batch.ask(
            HousingOrganisation.objects.filter(plan=window.plan),
            {"missing": JSONList("short_name", ordering=["short_name"], filter=~Q(Exists(done)))},
        )
        return lambda: self.missing_warnings(asked()["missing"] or [])

    def missing_warnings(self, missing):
        if not missing:
            return []
        return [
            Warning(
                gettext("Not registered yet for %(organisations)s.") % {"organisations": ", ".join(missing)}
            )
        ]

    def records(self, window, year, *, viewer=None):
        rows = (
            self.queryset(window)
            .filter(done_on__lte=window.cutoff(year))
            .select_related("housing_organisation", "partner")
            .order_by("done_on")
        )
        may_edit = viewer is not None and viewer.role == Role.PROJECT_LEADER
        table = [
            [
                Link(
                    str(m),
                    reverse("reporting:milestone_edit", kwargs={"plan_id": window.plan.pk, "pk": m.pk}),
                )
                if may_edit
                else str(m),
                m.housing_organisation.short_name if m.housing_organisation_id else "",
                m.partner.name if m.partner_id else "",
                date_format(m.done_on, "SHORT_DATE_FORMAT"),
            ]
            for m in rows
        ]
        return Drilldown(
            columns=[
                gettext("Milestone"),
                gettext("Housing organisation"),
                gettext("Partner"),
                gettext("Done on"),
            ],
            rows=table,
            total=len(table),
        )
