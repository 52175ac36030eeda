"""Statistics reported from outside the app, once a year.

Housing organisations report evictions, first reminders and house-rules cases
per neighbourhood (sometimes per department); the municipality's safety survey
reports shares of residents who feel unsafe per district. Every change is kept
in history (django-simple-history), so a corrected figure never hides the old one.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplan.models import (
    FIRST_YEAR,
    LAST_YEAR,
    YEAR_VALIDATORS,
    Department,
    HousingOrganisation,
    Neighbourhood,
    Plan,
)


class HousingMeasure(models.TextChoices):
    EVICTIONS = "evictions", _("Evictions carried out")
    FIRST_REMINDERS = "first_reminders", _("First reminders sent")
    HOUSE_RULES_CASES = "house_rules_cases", _("House-rules cases")


class DistrictMeasure(models.TextChoices):
    UNSAFE_SHARE = "unsafe_share", _("Residents who feel unsafe (%)")
    UNSAFE_SHARE_EVENING = (
        "unsafe_share_evening",
        _("Residents who feel unsafe in the evening and at night (%)"),
    )
    EVICTIONS_PER_1000_HOMES = "evictions_per_1000_homes", _("Evictions per 1,000 homes")


class District(models.Model):
    """A district of the municipality's surveys, or the whole municipality as reference."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="districts", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200)
    is_municipality = models.BooleanField(
        _("whole municipality"),
        default=False,
        help_text=_("The figures for the whole municipality, used as reference values."),
    )

    class Meta:
        ordering = ["plan", "is_municipality", "name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_district_per_plan")]

    def __str__(self):
        return self.name


class HousingStatistic(models.Model):
    """One reported figure: organisation × neighbourhood (or one department) × year × measure."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="housing_statistics", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    housing_organisation = models.ForeignKey(
        HousingOrganisation,
        on_delete=models.PROTECT,
        related_name="statistics",
        verbose_name=_("housing organisation"),
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, related_name="statistics", verbose_name=_("neighbourhood")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statistics",
        verbose_name=_("department"),
        help_text=_("Empty: the figure covers the organisation's departments in the neighbourhood."),
    )
    measure = models.CharField(_("measure"), max_length=30, choices=HousingMeasure.choices)
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historical housing statistic"))

    class Meta:
        ordering = ["plan", "measure", "housing_organisation__short_name", "neighbourhood__name", "year"]
        verbose_name = _("housing statistic")
        verbose_name_plural = _("housing statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["housing_organisation", "neighbourhood", "year", "measure"],
                condition=models.Q(department__isnull=True),
                name="unique_housing_statistic_per_area",
            ),
            models.UniqueConstraint(
                fields=["department", "year", "measure"],
                condition=models.Q(department__isnull=False),
                name="unique_housing_statistic_per_department",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="housing_statistic_not_negative"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="housing_statistic_year_range",
            ),
        ]

    def __str__(self):
        unit = self.department.code if self.department_id else self.neighbourhood.name
        return f"{self.housing_organisation.short_name} {unit} {self.year}: {self.get_measure_display()}"

    def get_absolute_url(self):
        return (
            reverse("reporting:housing_grid", kwargs={"plan_id": self.plan_id}) + f"?measure={self.measure}"
        )


class DistrictStatistic(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="district_statistics", verbose_name=_("plan")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="statistics", verbose_name=_("district")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    measure = models.CharField(_("measure"), max_length=30, choices=DistrictMeasure.choices)
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(verbose_name=_("historical district statistic"))

    class Meta:
        ordering = ["plan", "measure", "district__name", "year"]
        verbose_name = _("district statistic")
        verbose_name_plural = _("district statistics")
        constraints = [
            models.UniqueConstraint(fields=["district", "year", "measure"], name="unique_district_statistic"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="district_statistic_not_negative"),
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="district_statistic_year_range",
            ),
        ]

    def __str__(self):
        return f"{self.district} {self.year}: {self.get_measure_display()}"

    def get_absolute_url(self):
        return (
            reverse("reporting:district_grid", kwargs={"plan_id": self.plan_id}) + f"?measure={self.measure}"
        )
