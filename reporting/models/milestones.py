"""Milestones the project leader registers, e.g. formalised cooperation with an arrears department."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplan.models import HousingOrganisation, PartnerOrganisation, Plan


class MilestoneTopic(models.TextChoices):
    ARREARS_COOPERATION = "arrears_cooperation", _("Formalised cooperation with the arrears department")
    LEGAL_COOPERATION = "legal_cooperation", _("Formalised cooperation with the legal department")
    OTHER = "other", _("Other milestone")


class Milestone(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("plan")
    )
    topic = models.CharField(_("topic"), max_length=30, choices=MilestoneTopic.choices)
    housing_organisation = models.ForeignKey(
        HousingOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("housing organisation"),
        help_text=_("For a cooperation with one housing organisation's department."),
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("partner organisation"),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True, help_text=_("Empty while not done yet."))
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(verbose_name=_("historical milestone"))

    class Meta:
        ordering = ["plan", "topic", "housing_organisation__short_name", "done_on"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "housing_organisation"],
                condition=models.Q(housing_organisation__isnull=False),
                name="one_milestone_per_topic_and_housing_organisation",
            )
        ]

    def __str__(self):
        label = self.title or self.get_topic_display()
        if self.housing_organisation_id:
            return f"{label} – {self.housing_organisation.short_name}"
        return label

    def get_absolute_url(self):
        return reverse("reporting:milestone_edit", kwargs={"plan_id": self.plan_id, "pk": self.pk})
