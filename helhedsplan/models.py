"""The plan itself: what every other app hangs its records on."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The years a figure, a target or a report may be about (statistics go back to 1990).
FIRST_YEAR, LAST_YEAR = 1990, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def is_report_year(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


class Role(models.TextChoices):
    WORKER = "worker", _("Caretaker / worker")
    PROJECT_LEADER = "project_leader", _("Project leader")
    BOARD = "board", _("Board member")


class Plan(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    start_date = models.DateField(_("period starts"))
    end_date = models.DateField(_("period ends"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("master plan")
        verbose_name_plural = _("master plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="plan_period_in_order",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("helhedsplan:plan_detail", kwargs={"plan_id": self.pk})

    @property
    def period_label(self) -> str:
        return f"{self.start_date.year}–{self.end_date.year}"


class Membership(models.Model):
    """A user's role in one plan; it decides what the user may see there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("plan")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    job_title = models.CharField(
        _("job title"),
        max_length=100,
        blank=True,
        help_text=_("For example social caretaker or children and youth worker."),
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["plan", "user__first_name", "user__last_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "plan"], name="one_role_per_user_and_plan")]

    def __str__(self):
        return f"{self.user} – {self.plan} ({self.get_role_display()})"


class FocusArea(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="focus_areas", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    agreement_title = models.CharField(
        _("sub-agreement"), max_length=300, blank=True, help_text=_("Title of the sub-agreement or contract.")
    )
    valid_from = models.DateField(_("agreement valid from"))

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_focus_area_name_per_plan")
        ]

    def __str__(self):
        return self.name


class BudgetLine(models.Model):
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("focus area")
    )
    source = models.CharField(_("source of funding"), max_length=200)
    amount_dkk = models.PositiveBigIntegerField(_("amount (DKK)"))

    class Meta:
        ordering = ["focus_area", "-amount_dkk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return f"{self.source}: {self.amount_dkk} kr."


class Initiative(models.Model):
    """A programme line of the agreement (not a logbook entry)."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="initiatives", verbose_name=_("focus area")
    )
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    name = models.CharField(_("name"), max_length=300)
    purpose = models.TextField(_("purpose"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)

    class Meta:
        ordering = ["focus_area", "number", "name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return f"{self.number}. {self.name}"


class HousingOrganisation(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="housing_organisations", verbose_name=_("plan")
    )
    short_name = models.CharField(
        _("short name"), max_length=20, help_text=_("The name the organisation reports under, e.g. AKB.")
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["plan", "short_name"]
        verbose_name = _("housing organisation")
        verbose_name_plural = _("housing organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "short_name"], name="unique_housing_org_short_name_per_plan"
            )
        ]

    def __str__(self):
        return self.short_name


class Neighbourhood(models.Model):
    """An area of the plan, e.g. Sjælør Boulevard, lying in a district such as Valby."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="neighbourhoods", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    district = models.CharField(
        _("district"), max_length=200, help_text=_("The district of the municipality's safety survey.")
    )

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_neighbourhood_per_plan")]

    def __str__(self):
        return self.name


class Department(models.Model):
    """A housing estate (afdeling); its homes are the denominator of rates per 1,000 homes."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="departments", verbose_name=_("plan")
    )
    housing_organisation = models.ForeignKey(
        HousingOrganisation,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("housing organisation"),
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("neighbourhood"),
    )
    code = models.CharField(_("number/code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    homes = models.PositiveIntegerField(
        _("number of homes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty if not known; rates per 1,000 homes then warn about it."),
    )

    class Meta:
        ordering = ["plan", "housing_organisation__short_name", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(
                fields=["housing_organisation", "code"], name="unique_department_code_per_org"
            )
        ]

    def __str__(self):
        return f"{self.housing_organisation.short_name} {self.code} {self.name}"


class PartnerKind(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal administration or unit")
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health / psychiatry")
    DROP_IN = "drop_in", _("Drop-in centre")
    EMPLOYMENT = "employment", _("Employment project")
    DEBT_COUNSELLING = "debt_counselling", _("Debt counselling")
    VOLUNTEER = "volunteer", _("Volunteer organisation")
    HOUSING_UNIT = "housing_unit", _("Housing organisation unit")
    OTHER = "other", _("Other")


class PartnerOrganisation(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="partners", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PartnerKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("part of"),
    )
    housing_organisation = models.ForeignKey(
        HousingOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="units",
        verbose_name=_("housing organisation"),
        help_text=_("For a legal, arrears or letting department of a housing organisation."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_partner_name_per_plan")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("helhedsplan:partner_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})


class ContactPerson(models.Model):
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("partner organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["partner", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


# --- The audit log -------------------------------------------------------------------------------
# Every use of residents' personal data (reads included) and every denied attempt is recorded here.
# The log is append-only through the app: see AuditEventQuerySet and AuditEvent.save/delete.


class AuditAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    DENIED = "denied", _("Access denied")
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    OTP_ENROLLED = "otp_enrolled", _("Two-factor login set up")
    OTP_FAILED = "otp_failed", _("Wrong two-factor code")
    OTP_BACKUP_CODES = "otp_backup_codes", _("Backup codes made")
    OTP_BACKUP_USED = "otp_backup_used", _("Logged in with a backup code")
    ACCESS_REQUEST = "access_request", _("Access request exported")
    ERASE = "erase", _("Erased on request")
    RETENTION = "retention", _("Anonymised after the retention period")
    PRUNE = "prune", _("Old audit events pruned")


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete audit events through the app."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted; prune_audit removes old ones.")

    def for_resident(self, resident_id: int):
        return self.filter(resident_ids__contains=f",{int(resident_id)},")

    def _prune(self) -> int:
        """Delete these events (the prune_audit command's privilege only)."""
        return self._raw_delete(self.db)

    def _redact_search_terms(self) -> int:
        """Blank the search terms of these events (erasure of a resident's name only)."""
        return models.QuerySet.update(self, search_terms="")


# The kinds of record an audit event names (AuditEvent.object_type), as a person reads them.
RECORD_TYPE_LABELS = {
    "case": _("case"),
    "resident": _("resident"),
    "entry": _("case entry"),
    "consent": _("consent"),
    "auditevent": _("audit log"),
    "activity": _("activity"),
    "note": _("status note"),
}


class AuditEvent(models.Model):
    """Who did what with whose data, when, and whether it was allowed."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    # No database constraint and DO_NOTHING: deleting a user or a plan must not change the log.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    plan = models.ForeignKey(
        Plan,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plan"),
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    allowed = models.BooleanField(_("allowed"), default=True)
    reason = models.CharField(_("reason"), max_length=100, blank=True)
    object_type = models.CharField(_("type of record"), max_length=50, blank=True)
    object_ids = models.JSONField(_("record ids"), default=list, blank=True)
    # ",3,17," so that one resident is found with a plain LIKE on every database.
    resident_ids = models.TextField(_("resident ids"), blank=True)
    search_terms = models.CharField(_("search terms"), max_length=200, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    method = models.CharField(_("method"), max_length=10, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["plan", "at"], name="audit_plan_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditLogIsAppendOnly("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("Audit events cannot be deleted; prune_audit removes old ones.")

    @property
    def object_type_label(self) -> str:
        """The kind of record in words ("sag", "beboer"); the stored code is for searching only."""
        return str(RECORD_TYPE_LABELS.get(self.object_type, ""))

    @property
    def resident_id_list(self) -> list[int]:
        return [int(part) for part in self.resident_ids.split(",") if part]
