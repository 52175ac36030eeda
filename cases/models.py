"""Residents, their consent, and the caretakers' cases with their entries.

The counting rules are written once, here, and the case pages, the exports and
the success-criterion metrics (`cases.metrics`) all call them:

* `EntryQuerySet.current`: entries that count; a corrected entry is kept but
  superseded by its correction.
* `EntryQuerySet.bridge_buildings`: current bridge-building entries with a
  category (application, contact to, benefit), counted by `occurred_at`.
* `CaseQuerySet.closed_with` / `resolved`: cases closed with one of some
  outcomes, counted by `closed_on`; a neighbour conflict is resolved when it
  closed with an outcome in `RESOLVED_OUTCOMES`.

Writes go through `cases.services`; these models only hold the data and the
invariants the database can check itself.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from helhedsplan.models import ContactPerson, Department, PartnerOrganisation, Plan


def search_key(*parts: str) -> str:
    """Lower-case text to search in; SQLite's LIKE only folds ASCII, so Æ/Ø/Å are folded here."""
    return " ".join(p for p in parts if p).casefold()


class Resident(models.Model):
    """A resident the caretakers work with. No CPR number is stored, by design."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="residents", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("department"),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Street, number, floor and door.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    target_group_economy = models.BooleanField(
        _("target group 1: cannot manage their economy"),
        default=False,
        help_text=_("For example hit by the benefit cap."),
    )
    target_group_vulnerable = models.BooleanField(
        _("target group 2: mental illness, addiction, PTSD or similar"), default=False
    )
    search_text = models.CharField(max_length=420, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_key(self.name, self.address)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cases:resident_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Consents in force on `day`: given, not expired, not (yet) withdrawn."""
        return self.filter(
            Q(given_on__lte=day),
            Q(expires_on__isnull=True) | Q(expires_on__gte=day),
            Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day),
        )


class Consent(models.Model):
    """A signed consent form (samtykkeerklæring): which partners may receive information."""

    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="consents", verbose_name=_("resident")
    )
    partners = models.ManyToManyField(
        PartnerOrganisation,
        related_name="consents",
        verbose_name=_("partner organisations"),
        help_text=_("The organisations the resident allows us to share information with."),
    )
    given_on = models.DateField(_("given on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    form_location = models.CharField(
        _("where the signed form is kept"),
        max_length=200,
        help_text=_("For example the locked cabinet in the office, or the case folder."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[partners])

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("given_on")),
                name="consent_expires_after_given",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self):
        return _("Consent of %(resident)s given on %(date)s") % {
            "resident": self.resident,
            "date": self.given_on.isoformat(),
        }

    def get_absolute_url(self):
        return self.resident.get_absolute_url() + f"#consent-{self.pk}"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.given_on <= day
            and (self.expires_on is None or self.expires_on >= day)
            and (self.withdrawn_on is None or self.withdrawn_on > day)
        )


class CaseType(models.TextChoices):
    NEIGHBOUR_CONFLICT = "neighbour_conflict", _("Neighbour conflict")
    EVICTION_PREVENTION = "eviction_prevention", _("Eviction prevention")
    COUNSELLING = "counselling", _("Counselling and bridge-building")


class CaseSource(models.TextChoices):
    ESTATE_OFFICE = "estate_office", _("Estate office")
    RESIDENT = "resident", _("Resident")
    ARREARS_LIST = "arrears_list", _("Arrears list")
    HOUSING_ADVISER = "housing_adviser", _("Municipal housing adviser")
    PARTNER = "partner", _("Partner organisation")
    OWN_OUTREACH = "own_outreach", _("Own outreach")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    # Neighbour conflict
    RESOLVED_MEDIATION = "resolved_mediation", _("Resolved by mediation")
    RESOLVED_OTHERWISE = "resolved_otherwise", _("Resolved otherwise")
    HOUSE_RULES_CASE = "house_rules_case", _("Became a house-rules case")
    TERMINATION = "termination", _("Termination or eviction")
    # Eviction prevention
    AVERTED_PAID = "averted_paid", _("Eviction averted: arrears paid")
    AVERTED_BENEFIT = "averted_benefit", _("Eviction averted: benefit granted")
    # One outcome for a repayment agreement (there was also a bare "Repayment agreement"; merged into this
    # one by migration cases 0004): whether an eviction was scheduled is on the case itself.
    AVERTED_REPAYMENT = "averted_repayment", _("Eviction averted: repayment agreement")
    EVICTION_CARRIED_OUT = "eviction_carried_out", _("Eviction carried out")
    MOVED_OUT = "moved_out", _("Moved out")
    HANDED_TO_MUNICIPALITY = "handed_to_municipality", _("Handed to the municipality")
    # Counselling
    COMPLETED = "completed", _("Help completed")
    # Shared
    REFERRED = "referred", _("Referred to another service")
    WITHDRAWN = "withdrawn", _("Withdrawn or dropped")


OUTCOMES_BY_TYPE: dict[str, tuple[str, ...]] = {
    CaseType.NEIGHBOUR_CONFLICT: (
        Outcome.RESOLVED_MEDIATION,
        Outcome.RESOLVED_OTHERWISE,
        Outcome.HOUSE_RULES_CASE,
        Outcome.TERMINATION,
        Outcome.REFERRED,
        Outcome.WITHDRAWN,
    ),
    CaseType.EVICTION_PREVENTION: (
        Outcome.AVERTED_PAID,
        Outcome.AVERTED_BENEFIT,
        Outcome.AVERTED_REPAYMENT,
        Outcome.EVICTION_CARRIED_OUT,
        Outcome.MOVED_OUT,
        Outcome.HANDED_TO_MUNICIPALITY,
        Outcome.WITHDRAWN,
    ),
    CaseType.COUNSELLING: (Outcome.COMPLETED, Outcome.REFERRED, Outcome.WITHDRAWN),
}

#: The outcomes of a neighbour conflict that count as resolved.
RESOLVED_OUTCOMES = (Outcome.RESOLVED_MEDIATION, Outcome.RESOLVED_OTHERWISE)
#: Eviction-prevention outcomes where the resident kept the home.
AVERTED_OUTCOMES = (Outcome.AVERTED_PAID, Outcome.AVERTED_BENEFIT, Outcome.AVERTED_REPAYMENT)


def outcome_choices_for(case_type: str) -> list[tuple[str, str]]:
    labels = dict(Outcome.choices)
    return [(code, labels[code]) for code in OUTCOMES_BY_TYPE.get(case_type, ())]


class ComplaintStatus(models.TextChoices):
    FILED = "filed", _("Complaint filed with the estate office")
    BEFORE_COMPLAINT = "before_complaint", _("Contacted before a complaint was filed")


class Urgency:
    """The urgency tiers of an open case, most urgent first (the rule: cases.selectors.with_urgency)."""

    BAILIFF = 0
    FOLLOW_UP_OVERDUE = 1
    STALE = 2
    NONE = 3


class CaseQuerySet(models.QuerySet):
    @staticmethod
    def closed_with_q(outcomes, prefix: str = "") -> Q:
        """Closed with one of `outcomes` (counted by `closed_on`)."""
        return Q(**{f"{prefix}status": CaseStatus.CLOSED, f"{prefix}outcome__in": list(outcomes)})

    def closed_with(self, outcomes):
        return self.filter(self.closed_with_q(outcomes))

    def resolved(self):
        """Neighbour conflicts resolved: closed with a resolving outcome."""
        return self.filter(case_type=CaseType.NEIGHBOUR_CONFLICT).closed_with(RESOLVED_OUTCOMES)

    @staticmethod
    def eviction_scheduled_q(prefix: str = "") -> Q:
        """Taken on when the bailiff's eviction was scheduled (A1 counts these by `opened_on`)."""
        return Q(**{f"{prefix}eviction_scheduled_on__isnull": False})

    def taken_on_with_eviction_scheduled(self):
        """A1: eviction-prevention cases taken on when the eviction was scheduled (by `opened_on`)."""
        return self.filter(Q(case_type=CaseType.EVICTION_PREVENTION) & self.eviction_scheduled_q())


class Case(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cases", verbose_name=_("plan"))
    case_type = models.CharField(_("type"), max_length=30, choices=CaseType.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("department"),
    )
    source = models.CharField(_("source"), max_length=30, choices=CaseSource.choices)
    summary = models.CharField(
        _("short description"),
        max_length=200,
        blank=True,
        help_text=_("A few words that let colleagues recognise the case, e.g. 'noise from 3rd floor'."),
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    responsible = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="responsible_cases", verbose_name=_("responsible caretakers")
    )
    next_follow_up = models.DateField(_("next follow-up"), null=True, blank=True)

    # Eviction prevention
    arrears_dkk = models.PositiveIntegerField(
        _("rent arrears (DKK)"),
        null=True,
        blank=True,
        error_messages={"min_value": _("The arrears cannot be negative.")},
    )
    first_reminder_on = models.DateField(_("1st reminder sent on"), null=True, blank=True)
    second_reminder_on = models.DateField(_("2nd reminder sent on"), null=True, blank=True)
    eviction_scheduled_on = models.DateField(
        _("eviction scheduled on"),
        null=True,
        blank=True,
        help_text=_("The date the bailiff's eviction was scheduled (berammet)."),
    )
    bailiff_date = models.DateField(
        _("bailiff's date"), null=True, blank=True, help_text=_("The day the eviction is to be carried out.")
    )
    housing_advisers_notified_on = models.DateField(
        _("municipal housing advisers notified on"), null=True, blank=True
    )

    # Neighbour conflict
    complaint_status = models.CharField(
        _("complaint"), max_length=20, choices=ComplaintStatus.choices, blank=True
    )
    legal_department_informed_on = models.DateField(
        _("legal department informed on"),
        null=True,
        blank=True,
        help_text=_("When the housing organisation's legal department was informed."),
    )
    volunteer_mediator = models.BooleanField(_("taken over by a volunteer mediator"), default=False)

    # Kept by the entry services so the caseload never aggregates all entries.
    last_entry_at = models.DateTimeField(_("last entry"), null=True, blank=True, editable=False)
    # The urgency tier as of the last change or nightly refresh, so the plan-wide list can page through
    # an index instead of sorting every case on the computed rule. Kept by the services and by the
    # `refresh_urgency` command (tiers that a passing date changes); what a page shows is computed.
    urgency_tier = models.PositiveSmallIntegerField(default=Urgency.NONE, editable=False)
    # Optimistic locking: every change through the services bumps it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["last_entry_at", "urgency_tier"], m2m_fields=[responsible])

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            models.Index(fields=["plan", "status", "case_type"], name="case_plan_status_type"),
            models.Index(fields=["plan", "opened_on"], name="case_plan_opened"),
            # The list's "most urgent first" (cases.filters.SORT_ORDER), read in index order.
            models.Index(
                fields=["plan", "urgency_tier", "bailiff_date", "next_follow_up", "-opened_on", "-id"],
                name="case_plan_urgency",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="open", closed_on__isnull=True, outcome="")
                    | (Q(status="closed", closed_on__isnull=False) & ~Q(outcome=""))
                ),
                name="case_closed_has_date_and_outcome",
            ),
            models.CheckConstraint(
                condition=Q(bailiff_date__isnull=True)
                | Q(eviction_scheduled_on__isnull=True)
                | Q(bailiff_date__gte=models.F("eviction_scheduled_on")),
                name="case_bailiff_after_scheduling",
            ),
        ]

    def __str__(self):
        return _("Case %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("cases:case_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    @property
    def number(self) -> str:
        return f"#{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @property
    def is_eviction_prevention(self) -> bool:
        return self.case_type == CaseType.EVICTION_PREVENTION

    @property
    def is_neighbour_conflict(self) -> bool:
        return self.case_type == CaseType.NEIGHBOUR_CONFLICT

    def outcome_choices(self) -> list[tuple[str, str]]:
        return outcome_choices_for(self.case_type)


class PartyRole(models.TextChoices):
    COMPLAINANT = "complainant", _("Complainant")
    COMPLAINED_ABOUT = "complained_about", _("Complained about")
    OTHER_RESIDENT = "other_resident", _("Other resident")
    RESIDENT = "resident", _("Resident")


PARTY_ROLES_BY_TYPE: dict[str, tuple[str, ...]] = {
    CaseType.NEIGHBOUR_CONFLICT: (
        PartyRole.COMPLAINANT,
        PartyRole.COMPLAINED_ABOUT,
        PartyRole.OTHER_RESIDENT,
    ),
    CaseType.EVICTION_PREVENTION: (PartyRole.RESIDENT, PartyRole.OTHER_RESIDENT),
    CaseType.COUNSELLING: (PartyRole.RESIDENT, PartyRole.OTHER_RESIDENT),
}


class CaseParty(models.Model):
    """A resident involved in a case, in a role."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties", verbose_name=_("case"))
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="case_parties", verbose_name=_("resident")
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "role", "resident__name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(fields=["case", "resident"], name="one_role_per_resident_and_case")
        ]

    def __str__(self):
        return f"{self.resident} ({self.get_role_display()})"


class EntryKind(models.TextChoices):
    PHONE_CALL = "phone_call", _("Phone call")
    HOME_VISIT = "home_visit", _("Home visit")
    MEETING = "meeting", _("Meeting")
    MEDIATION_1_1 = "mediation_1_1", _("Mediation 1:1")
    MEDIATION_2_2 = "mediation_2_2", _("Mediation 2:2")
    SEPARATE_MEETING = "separate_meeting", _("Separate meeting with one party")
    STAIRCASE_MEETING = "staircase_meeting", _("Staircase meeting")
    INFORMATION_MEETING = "information_meeting", _("Information meeting")
    BRIDGE_BUILDING = "bridge_building", _("Bridge-building")
    COMPANION = "companion", _("Companion at a meeting")
    WITNESS_IN_COURT = "witness_in_court", _("Witness in court")
    LETTER = "letter", _("Letter or e-mail")
    OTHER = "other", _("Other")


#: Kinds where the number of residents present is asked for.
GROUP_KINDS = (EntryKind.STAIRCASE_MEETING, EntryKind.INFORMATION_MEETING)
#: Kinds where a partner organisation may be named.
PARTNER_KINDS = (
    EntryKind.BRIDGE_BUILDING,
    EntryKind.COMPANION,
    EntryKind.MEETING,
    EntryKind.PHONE_CALL,
    EntryKind.LETTER,
    EntryKind.OTHER,
)


class BridgeCategory(models.TextChoices):
    """The categories a bridge-building entry is counted by."""

    APPLICATION = "application", _("Application")
    CONTACT_TO = "contact_to", _("Contact to")
    BENEFIT = "benefit", _("Benefit")


class EntryQuerySet(models.QuerySet):
    @staticmethod
    def current_q(prefix: str = "") -> Q:
        """Entries that count: a corrected entry is kept but superseded by its correction."""
        return Q(**{f"{prefix}superseded": False})

    @staticmethod
    def bridge_building_q(prefix: str = "") -> Q:
        """A current bridge-building entry with its category (application, contact to, benefit)."""
        return (
            EntryQuerySet.current_q(prefix)
            & Q(**{f"{prefix}kind": EntryKind.BRIDGE_BUILDING})
            & ~Q(**{f"{prefix}bridge_category": ""})
        )

    def current(self):
        return self.filter(self.current_q())

    def bridge_buildings(self):
        return self.filter(self.bridge_building_q())

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        fill_plans(objs)
        return super().bulk_create(objs, *args, **kwargs)


def fill_plans(entries) -> None:
    """Give entries without a plan their case's (one query for those whose case is not at hand)."""
    missing = [e for e in entries if e.plan_id is None]
    unknown = {e.case_id for e in missing if not Entry.case.is_cached(e)}
    plans = dict(Case.objects.filter(pk__in=unknown).values_list("pk", "plan_id")) if unknown else {}
    for entry in missing:
        entry.plan_id = entry.case.plan_id if Entry.case.is_cached(entry) else plans.get(entry.case_id)


class Entry(models.Model):
    """One contact or piece of work on a case. Never deleted: a correction supersedes it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries", verbose_name=_("case"))
    #: The case's plan, kept with the entry so that the plan's entries are found by an index.
    plan = models.ForeignKey(
        Plan,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
        db_index=False,  # entry_plan_kind_occurred starts with it
        verbose_name=_("plan"),
    )
    occurred_at = models.DateTimeField(_("date and time"))
    kind = models.CharField(_("kind"), max_length=30, choices=EntryKind.choices)
    minutes = models.PositiveIntegerField(_("minutes spent"), null=True, blank=True)
    residents_present = models.PositiveIntegerField(
        _("residents present"),
        null=True,
        blank=True,
        help_text=_("For staircase and information meetings."),
    )
    note = models.TextField(_("note"), blank=True)
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("partner organisation"),
    )
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("contact person"),
    )
    bridge_category = models.CharField(
        _("bridge-building category"), max_length=20, choices=BridgeCategory.choices, blank=True
    )
    concern_report = models.BooleanField(
        _("report of concern"),
        default=False,
        help_text=_("Information passed on without consent because of concern for the resident or others."),
    )
    concern_reason = models.TextField(_("reason for the report of concern"), blank=True)
    consent = models.ForeignKey(
        Consent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("consent relied on"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_entries",
        verbose_name=_("author"),
    )
    corrects = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correction",
        verbose_name=_("corrects"),
    )
    superseded = models.BooleanField(_("superseded by a correction"), default=False)
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        indexes = [
            models.Index(fields=["case", "superseded", "occurred_at"], name="entry_case_current"),
            models.Index(fields=["kind", "occurred_at"], name="entry_kind_occurred"),
            models.Index(
                fields=["plan", "kind", "occurred_at"],
                name="entry_plan_kind_occurred",
                include=["superseded", "bridge_category"],
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(concern_report=False) | ~Q(concern_reason=""), name="entry_concern_has_reason"
            ),
            models.CheckConstraint(
                condition=~Q(kind="bridge_building") | (Q(partner__isnull=False) & ~Q(bridge_category="")),
                name="entry_bridge_building_has_partner_and_category",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.plan_id is None:
            fill_plans([self])
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The entry on its case's page: `?entry=` opens the page of entries that holds it."""
        return self.case.get_absolute_url() + f"?entry={self.pk}#entry-{self.pk}"


class TaskKind(models.TextChoices):
    """Where a task came from: by hand, from an entry, or a suggestion the caretaker accepted."""

    MANUAL = "manual", _("By hand")
    FROM_ENTRY = "from_entry", _("From an entry")
    NOTIFY_HOUSING_ADVISERS = "notify_housing_advisers", _("Notify the municipal housing advisers")
    OUTREACH_VISIT = "outreach_visit", _("Outreach visit")
    CHECK_OUTCOME = "check_outcome", _("Check the outcome of the bailiff's date")
    RENEW_CONSENT = "renew_consent", _("Renew the consent")


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_on__isnull=True)

    def due_by(self, day: datetime.date):
        """Not done and due on or before `day` (overdue ones included)."""
        return self.open().filter(due_on__lte=day)


class Task(models.Model):
    """A follow-up on a case: what, by when, by whom; done or not."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("case"))
    text = models.CharField(_("task"), max_length=200)
    due_on = models.DateField(_("due on"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="case_tasks",
        verbose_name=_("assigned to"),
    )
    kind = models.CharField(_("origin"), max_length=30, choices=TaskKind.choices, default=TaskKind.MANUAL)
    # The consent a renewal task is about (so it is proposed once per consent).
    consent = models.ForeignKey(
        Consent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("consent"),
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["done_on", "due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["assignee", "done_on", "due_on"], name="task_assignee_due")]

    def __str__(self):
        return _("Task on %(case)s due %(date)s") % {"case": self.case, "date": self.due_on.isoformat()}

    def get_absolute_url(self):
        return self.case.get_absolute_url() + f"#task-{self.pk}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
