"""Success criteria as data: each plan has its own, revised in versions.

A criterion (code, title, focus area, initiative, data source) keeps what never
changes; a *version* holds what an agreement may revise: the metric and its
parameters, baseline, reference value, target and the years it applies to.
A year is judged by the version in force at the end of that year (or on the
day the figures are looked at, for the current year).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplan.metrics import catalogue
from helhedsplan.models import FocusArea, Initiative, Plan

from .statistics import YEAR_VALIDATORS, District, DistrictMeasure


class TargetKind(models.TextChoices):
    AT_LEAST_PER_YEAR = "at_least_per_year", _("At least a number per year")
    AT_MOST_PER_YEAR = "at_most_per_year", _("At most a number per year")
    REDUCTION_BY_YEAR = "reduction_by_year", _("A reduction of a percentage from the baseline by a year")
    BELOW_BY_YEAR = "below_by_year", _("Below a value by a year")
    ABOVE_BY_YEAR = "above_by_year", _("At least a value by a year")
    DONE_BY_DATE = "done_by_date", _("Done by a date")


#: Target kinds that need a target year, a target date, or a target value.
NEEDS_TARGET_YEAR = {TargetKind.REDUCTION_BY_YEAR, TargetKind.BELOW_BY_YEAR, TargetKind.ABOVE_BY_YEAR}
NEEDS_TARGET_VALUE = {
    TargetKind.AT_LEAST_PER_YEAR,
    TargetKind.AT_MOST_PER_YEAR,
    TargetKind.REDUCTION_BY_YEAR,
    TargetKind.BELOW_BY_YEAR,
    TargetKind.ABOVE_BY_YEAR,
}


class SuccessCriterion(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("plan"))
    code = models.CharField(_("code"), max_length=20, help_text=_("As in the agreement, e.g. A1."))
    title = models.CharField(_("title"), max_length=500)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("focus area")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("initiative"),
        help_text=_("Empty for a criterion of the focus area as a whole."),
    )
    data_source = models.CharField(_("data source"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order on the dashboard within the initiative.")
    )
    history = HistoricalRecords(verbose_name=_("historical success criterion"))

    class Meta:
        ordering = ["plan", "position", "code"]
        verbose_name = _("success criterion")
        verbose_name_plural = _("success criteria")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="unique_criterion_code_per_plan")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("reporting:criterion_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})


class CriterionVersion(models.Model):
    criterion = models.ForeignKey(
        SuccessCriterion,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("success criterion"),
    )
    valid_from = models.DateField(_("valid from"))
    # A key of the metric catalogue (helhedsplan.metrics); validated by the form and clean().
    metric = models.CharField(_("metric"), max_length=50)
    params = models.JSONField(_("metric parameters"), default=dict, blank=True)
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_note = models.CharField(_("note on the baseline"), max_length=500, blank=True)
    reference_value = models.DecimalField(
        _("reference value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A fixed comparison figure, e.g. the municipal average."),
    )
    reference_label = models.CharField(
        _("reference"),
        max_length=200,
        blank=True,
        help_text=_("What the reference value is, e.g. Copenhagen."),
    )
    reference_district = models.ForeignKey(
        District,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reference district"),
        help_text=_("Take the reference value of each year from this district's statistics."),
    )
    reference_measure = models.CharField(
        _("reference measure"), max_length=30, choices=DistrictMeasure.choices, blank=True
    )
    target_kind = models.CharField(_("kind of target"), max_length=30, choices=TargetKind.choices)
    target_value = models.DecimalField(
        _("target value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The number per year, the value, or the percentage of reduction."),
    )
    target_year = models.PositiveSmallIntegerField(
        _("target year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), validators=YEAR_VALIDATORS)
    last_year = models.PositiveSmallIntegerField(_("last year"), validators=YEAR_VALIDATORS)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    history = HistoricalRecords(verbose_name=_("historical criterion version"))

    class Meta:
        ordering = ["criterion", "valid_from"]
        verbose_name = _("criterion version")
        verbose_name_plural = _("criterion versions")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "valid_from"], name="one_version_per_day"),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")), name="criterion_years_in_order"
            ),
        ]

    def __str__(self):
        return f"{self.criterion.code} ({self.valid_from:%Y-%m-%d})"

    def get_absolute_url(self):
        return self.criterion.get_absolute_url()

    def clean(self):
        errors = {}
        if self.metric and self.metric not in catalogue:
            errors["metric"] = _("Choose a metric from the catalogue.")
        if self.first_year and self.last_year and self.last_year < self.first_year:
            errors["last_year"] = _("The last year cannot come before the first year.")
        if self.target_kind in NEEDS_TARGET_VALUE and self.target_value is None:
            errors["target_value"] = _("This kind of target needs a target value.")
        if self.target_kind in NEEDS_TARGET_YEAR and not self.target_year:
            errors["target_year"] = _("This kind of target needs a target year.")
        if self.target_kind == TargetKind.DONE_BY_DATE and not self.target_date:
            errors["target_date"] = _("This kind of target needs a target date.")
        if self.target_kind == TargetKind.REDUCTION_BY_YEAR:
            if self.baseline_value is None:
                errors["baseline_value"] = _("A reduction is measured from the baseline: enter it.")
            if self.target_value is not None and not (0 < self.target_value <= 100):
                errors["target_value"] = _("A reduction is a percentage between 0 and 100.")
        if bool(self.reference_district_id) != bool(self.reference_measure):
            errors["reference_measure"] = _("Choose both a reference district and its measure, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)
