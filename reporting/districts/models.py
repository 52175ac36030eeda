"""The district (bydel): several master plans and the municipality working under one contract.

A level above the plans. The plan core (helhedsplan/) knows nothing of it: a district links
to its plans from here, and a coordinator's membership is of the district, never of a plan.

* **District** with its forum (e.g. *Boligsocialt Forum Nørrebro*) and its plans
  (`DistrictPlan`, the date each plan joined).
* **Contract** per focus area (*Udsatte grupper* …), revised in **versions** with dates as
  plans join; each version names the participating plans and each plan's budget under the
  focus area (`ContractPlan`). The contract's parties (`ContractParty`) are the housing
  organisations and municipal units with their contact person at management level.
* **Shared networks** (`SharedNetwork`): one series of meetings attended by several plans, not
  a copy per plan. A plan's own networks stay in the logbook (`activities.Network`); both follow
  the same cadence rule (`activities.models.Cadence`).

How a shared meeting counts per plan (the logbook figures must not double count it): each
meeting is one row in `SharedMeeting`; `SharedMeetingPlan` records per plan whether it was
invited and how many of its people came. A plan *attended* when that count is above 0. In a
plan's own figures a shared meeting counts once, as one meeting attended, with that plan's
own people only; the district's figures count each meeting once however many plans came
(never the sum over plans). Plans invited that did not come count as invited, not attended.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from activities.models import Cadence, count_field
from helhedsplan.models import Plan


class District(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    forum_name = models.CharField(
        _("district forum"),
        max_length=200,
        help_text=_("Where municipality and housing organisations coordinate, e.g. Boligsocialt Forum."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("districts:overview", kwargs={"district_id": self.pk})


class DistrictPlan(models.Model):
    """A plan of the district; a plan belongs to at most one district."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="district_plans", verbose_name=_("district")
    )
    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="district_link", verbose_name=_("plan")
    )
    joined_on = models.DateField(_("joined the district's cooperation"))

    class Meta:
        ordering = ["district", "plan__name"]
        verbose_name = _("plan of the district")
        verbose_name_plural = _("plans of the district")

    def __str__(self):
        return f"{self.district} – {self.plan}"


class CoordinatorKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal coordinator")
    FORUM = "forum", _("Forum coordinator")


class DistrictMembership(models.Model):
    """A district coordinator: sees the district's plans side by side, aggregates only."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="district_memberships",
        verbose_name=_("user"),
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("district")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CoordinatorKind.choices)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)

    class Meta:
        ordering = ["district", "user__first_name", "user__last_name"]
        verbose_name = _("district coordinator")
        verbose_name_plural = _("district coordinators")
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_coordinator_role_per_district")
        ]

    def __str__(self):
        return f"{self.user} – {self.district} ({self.get_kind_display()})"


class Contract(models.Model):
    """The district's contract for one focus area (kontrakt om boligsocialt samarbejde)."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="contracts", verbose_name=_("district")
    )
    focus_area = models.CharField(
        _("focus area"),
        max_length=200,
        help_text=_("The focus area's name as the plans' agreements call it, e.g. Udsatte grupper."),
    )
    title = models.CharField(_("title"), max_length=300)
    reference = models.CharField(_("case number"), max_length=100, blank=True)

    class Meta:
        ordering = ["district", "focus_area"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.UniqueConstraint(fields=["district", "focus_area"], name="one_contract_per_focus_area")
        ]

    def __str__(self):
        return f"{self.district}: {self.focus_area}"


class ContractVersion(models.Model):
    """A revision of the contract, e.g. when more plans join; the newest is in force."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="versions", verbose_name=_("contract")
    )
    issued_on = models.DateField(_("issued"))
    label = models.CharField(_("label"), max_length=200, help_text=_("E.g. Revised November 2012."))
    note = models.TextField(_("what changed"), blank=True)

    class Meta:
        ordering = ["contract", "-issued_on"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "issued_on"], name="one_contract_version_a_day")
        ]

    def __str__(self):
        return f"{self.contract} ({self.issued_on:%d.%m.%Y})"


class ContractPlan(models.Model):
    """A participating plan in one version of the contract, with its budget under the focus area."""

    version = models.ForeignKey(
        ContractVersion, on_delete=models.CASCADE, related_name="plan_terms", verbose_name=_("version")
    )
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+", verbose_name=_("plan"))
    period_label = models.CharField(_("period"), max_length=40, blank=True, help_text=_("E.g. 2013-16."))
    housing_organisations = models.CharField(
        _("housing organisations"), max_length=200, blank=True, help_text=_("E.g. fsb og HAB.")
    )
    budget_dkk = models.PositiveBigIntegerField(
        _("budget under the focus area (DKK)"),
        default=0,
        help_text=_("0 when the plan has no money under this focus area."),
    )

    class Meta:
        ordering = ["version", "plan__name"]
        verbose_name = _("participating plan")
        verbose_name_plural = _("participating plans")
        constraints = [
            models.UniqueConstraint(fields=["version", "plan"], name="one_term_per_plan_and_version")
        ]

    def __str__(self):
        return f"{self.plan}: {self.budget_dkk} kr."


class PartyKind(models.TextChoices):
    HOUSING = "housing", _("Housing organisation")
    MUNICIPAL = "municipal", _("Municipal administration or unit")
    OTHER = "other", _("Other partner")


class ContractParty(models.Model):
    """A housing organisation or municipal unit of the contract and its contact at management level."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="parties", verbose_name=_("contract")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    organisation = models.CharField(
        _("organisation"), max_length=200, help_text=_("E.g. Socialforvaltningen.")
    )
    unit = models.CharField(_("unit"), max_length=200, blank=True, help_text=_("E.g. SCK Nørrebro."))
    contact_role = models.CharField(
        _("contact person's position"), max_length=200, blank=True, help_text=_("At management level.")
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    plans = models.ManyToManyField(Plan, blank=True, related_name="+", verbose_name=_("plans"))

    class Meta:
        ordering = ["contract", "kind", "organisation", "unit"]
        verbose_name = _("party to the contract")
        verbose_name_plural = _("parties to the contract")

    def __str__(self):
        return f"{self.organisation}, {self.unit}" if self.unit else self.organisation


class SharedNetworkKind(models.TextChoices):
    NETWORK = "network", _("Network meetings")
    THEME = "theme", _("Theme meeting (every plan invited)")


class SharedNetwork(Cadence, models.Model):
    """A network several plans of the district share: one series of meetings, not a copy per plan."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="networks", verbose_name=_("district")
    )
    contract = models.ForeignKey(
        Contract,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("contract"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SharedNetworkKind.choices, default=SharedNetworkKind.NETWORK
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("meets every (weeks)"),
        help_text=_(
            "For example 8 for every eight weeks, 26 for twice a year, 52 for a yearly theme meeting."
        ),
    )
    convener = models.CharField(
        _("convened by"), max_length=200, help_text=_("E.g. Socialforvaltningen's specialised caseworker.")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive network is no longer expected to meet.")
    )

    class Meta:
        ordering = ["district", "name"]
        verbose_name = _("shared network")
        verbose_name_plural = _("shared networks")
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="unique_shared_network_per_district"),
            models.CheckConstraint(
                condition=Q(interval_weeks__gte=1, interval_weeks__lte=104),
                name="shared_network_interval_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    def url_in_plan(self, plan_id: int) -> str:
        return reverse("shared:network_detail", kwargs={"plan_id": plan_id, "pk": self.pk})


class SharedMeeting(models.Model):
    network = models.ForeignKey(
        SharedNetwork, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("network")
    )
    date = models.DateField(_("date"), db_index=True)
    convener = models.CharField(_("convened by"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("No residents' names: the minutes are shared by every plan.")
    )

    class Meta:
        ordering = ["network", "-date"]
        verbose_name = _("shared meeting")
        verbose_name_plural = _("shared meetings")
        constraints = [models.UniqueConstraint(fields=["network", "date"], name="one_shared_meeting_a_day")]

    def __str__(self):
        return f"{self.network} {self.date:%d.%m.%Y}"

    def url_in_plan(self, plan_id: int) -> str:
        return reverse(
            "shared:meeting_detail", kwargs={"plan_id": plan_id, "network_pk": self.network_id, "pk": self.pk}
        )


class SharedMeetingPlan(models.Model):
    """One plan at one shared meeting: invited, how many of its people came, the points it raised."""

    meeting = models.ForeignKey(
        SharedMeeting, on_delete=models.CASCADE, related_name="plan_rows", verbose_name=_("meeting")
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="shared_meeting_rows", verbose_name=_("plan")
    )
    invited = models.BooleanField(_("invited"), default=True)
    attendees = count_field(_("people present"), default=0, help_text=_("0 when the plan did not come."))
    agenda_points = models.TextField(_("points the plan raised"), blank=True)

    class Meta:
        ordering = ["meeting", "plan__name"]
        verbose_name = _("plan at a shared meeting")
        verbose_name_plural = _("plans at shared meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "plan"], name="one_row_per_plan_and_meeting")
        ]

    def __str__(self):
        return f"{self.plan} – {self.meeting}"

    @property
    def attended(self) -> bool:
        return self.attendees > 0


class SharedMeetingPartner(models.Model):
    """A party of the contract (a municipal unit, a housing organisation) at a shared meeting."""

    meeting = models.ForeignKey(
        SharedMeeting, on_delete=models.CASCADE, related_name="partner_rows", verbose_name=_("meeting")
    )
    party = models.ForeignKey(
        ContractParty, on_delete=models.CASCADE, related_name="meeting_rows", verbose_name=_("partner")
    )
    attendees = count_field(_("people present"), default=1)

    class Meta:
        ordering = ["meeting", "party__organisation"]
        verbose_name = _("partner at a shared meeting")
        verbose_name_plural = _("partners at shared meetings")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "party"], name="one_row_per_party_and_meeting")
        ]

    def __str__(self):
        return f"{self.party} – {self.meeting}"
