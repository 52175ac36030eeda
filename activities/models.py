"""The plan's logbook (helhedsplanens logbog): what happened, when, and how many took part.

The logbook is count-first: it records how many took part, not who. The only
names stored are the course graduates', because a certificate needs one.

The counting rules are written once, here, and everything that counts calls
them: the models' own checks, the logbook's yearly totals, the metrics of the
success criteria (`activities.metrics`), their drill-downs and the status notes.

* `Span`: when a children's board or a course cohort exists. From its first day
  to its last, both included; without a last day it runs on. A board whose last
  day is 31 December existed on 31 December.
* `ActivityQuerySet.by_residents`: an activity initiated by residents.
* `IdeaQuerySet.realised_q`: an idea realised with the plan's support, counted by
  the day it was realised.
* `ResidentMeetingQuerySet.in_children_board_department`: a meeting in a
  department that has one of the plan's children's boards.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Department, Initiative, PartnerOrganisation, Plan

#: Counts of people above this are typing mistakes, not events.
MAX_COUNT = 100_000


def count_field(verbose_name, *, help_text="", **options):
    """A number of people: never negative, never absurd."""
    return models.PositiveIntegerField(
        verbose_name, validators=[MaxValueValidator(MAX_COUNT)], help_text=help_text, **options
    )


# --- Activities -----------------------------------------------------------------------------------


class ActivityKind(models.Model):
    """A kind of neighbourhood activity; the standard kinds are translated, the project leader adds more."""

    class Standard(models.TextChoices):
        COMMUNAL_DINING = "communal_dining", _("Communal dining")
        FLEA_MARKET = "flea_market", _("Flea market")
        PLANTING = "planting", _("Planting")
        TRIP = "trip", _("Trip")
        WORKSHOP = "workshop", _("Workshop")
        SPORTS = "sports", _("Sports")
        HOMEWORK_HELP = "homework_help", _("Homework help")
        OTHER = "other", _("Other")

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activity_kinds", verbose_name=_("plan")
    )
    standard = models.CharField(
        _("standard kind"),
        max_length=30,
        choices=Standard.choices,
        blank=True,
        editable=False,
        help_text=_("Set for the kinds every plan starts with; their names follow the language."),
    )
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("A kind not in use is no longer offered when logging.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=500, editable=False)

    class Meta:
        ordering = ["plan", "position", "name"]
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_activity_kind_name_per_plan"),
            models.UniqueConstraint(
                fields=["plan", "standard"],
                condition=~Q(standard=""),
                name="unique_standard_activity_kind_per_plan",
            ),
        ]

    def __str__(self):
        return self.label(self.standard, self.name)

    @staticmethod
    def label(standard: str, name: str) -> str:
        """The kind's name in the current language (standard kinds are translated)."""
        if standard in ActivityKind.Standard.values:
            return str(ActivityKind.Standard(standard).label)
        return name


class InitiatedBy(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    STAFF = "staff", _("The plan's staff")
    PARTNER = "partner", _("A partner organisation")


class Span:
    """When a record exists: from its first day to its last day, both included; no last day runs on.

    The one rule for children's boards and course cohorts, in Python (`holds`) and
    in the database (`on`, `during`).
    """

    def __init__(self, first: str, last: str):
        self.first, self.last = first, last

    def during(self, start: datetime.date, end: datetime.date, prefix: str = "") -> Q:
        """Existing on at least one day from `start` to `end` (both included)."""
        return Q(**{f"{prefix}{self.first}__lte": end}) & (
            Q(**{f"{prefix}{self.last}__isnull": True}) | Q(**{f"{prefix}{self.last}__gte": start})
        )

    def on(self, day: datetime.date, prefix: str = "") -> Q:
        """Existing on `day`: established by then, and its last day not before it."""
        return self.during(day, day, prefix)

    def in_year(self, year: int, prefix: str = "") -> Q:
        return self.during(datetime.date(year, 1, 1), datetime.date(year, 12, 31), prefix)

    def holds(self, obj, start: datetime.date, end: datetime.date | None = None) -> bool:
        """The same rule for one object in memory (its form's checks)."""
        first, last = getattr(obj, self.first), getattr(obj, self.last)
        return first <= (end or start) and (last is None or last >= start)


class SpanQuerySet(models.QuerySet):
    """Records with a span (`model.span`): those existing on a day or at some time in a year."""

    def existing_on(self, day: datetime.date):
        return self.filter(self.model.span.on(day))

    def existing_in(self, year: int):
        return self.filter(self.model.span.in_year(year))


class ActivityQuerySet(models.QuerySet):
    @staticmethod
    def by_residents(prefix: str = "") -> Q:
        """Initiated by residents (not by the plan's team or a partner)."""
        return Q(**{f"{prefix}initiated_by": InitiatedBy.RESIDENTS})

    def initiated_by_residents(self):
        return self.filter(self.by_residents())


class Activity(models.Model):
    """A neighbourhood activity that took place (a logbook entry, not an initiative)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="activities", verbose_name=_("plan")
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only for an activity over several days.")
    )
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, related_name="activities", verbose_name=_("kind")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("department"),
    )
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Where, if not in one department.")
    )
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("initiative"),
    )
    initiated_by = models.CharField(
        _("initiated by"),
        max_length=20,
        choices=InitiatedBy.choices,
        help_text=_("Activities initiated by residents count towards the residents' own activities."),
    )
    participants_residents = count_field(_("residents taking part"), default=0)
    participants_children = count_field(_("of whom children"), default=0)
    participants_others = count_field(
        _("others taking part"), default=0, help_text=_("Guests who do not live here.")
    )
    volunteers = count_field(_("volunteers"), default=0)
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="activities", verbose_name=_("partner organisations")
    )
    note = models.TextField(_("note"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["plan", "date"], name="activity_plan_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants_children__lte=F("participants_residents")),
                name="activity_children_among_residents",
                violation_error_message=_("There cannot be more children than residents taking part."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("activities:activity_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    def clean(self):
        errors = {}
        counts = (self.participants_children, self.participants_residents)
        if None not in counts and counts[0] > counts[1]:
            errors["participants_children"] = _(
                "The children are counted among the residents, so there cannot be more children "
                "than residents taking part."
            )
        if self.end_date and self.date and self.end_date < self.date:
            errors["end_date"] = _("The last day cannot be before the first.")
        if errors:
            raise ValidationError(errors)

    @property
    def initiated_by_residents(self) -> bool:
        return self.initiated_by == InitiatedBy.RESIDENTS  # ActivityQuerySet.by_residents, in memory

    @property
    def participants_total(self) -> int:
        return self.participants_residents + self.participants_others


# --- The Naboskaber course ------------------------------------------------------------------------


class CourseCohort(models.Model):
    """One run (hold) of the neighbour course."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="course_cohorts", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("For example Naboskaber spring 2018."))
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="course_cohorts",
        verbose_name=_("initiative"),
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"), null=True, blank=True)
    board_members_module = models.BooleanField(
        _("module for department board members"),
        default=False,
        help_text=_("The special module for members of the departments' boards."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = SpanQuerySet.as_manager()
    span = Span("start_date", "end_date")

    class Meta:
        ordering = ["plan", "-start_date", "name"]
        verbose_name = _("course cohort")
        verbose_name_plural = _("course cohorts")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_cohort_name_per_plan"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="cohort_ends_after_it_starts",
                violation_error_message=_("The course cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:cohort_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The course cannot end before it starts.")})

    def existed_on(self, day: datetime.date) -> bool:
        return self.span.holds(self, day)


class CourseSession(models.Model):
    cohort = models.ForeignKey(
        CourseCohort, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("cohort")
    )
    date = models.DateField(_("date"), db_index=True)
    topic = models.CharField(_("topic"), max_length=200)
    attendees = count_field(_("attendees"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["cohort", "date", "pk"]
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")

    def __str__(self):
        return f"{self.topic} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self):
        return self.cohort.get_absolute_url()

    def clean(self):
        if self.date and self.cohort_id and not self.cohort.existed_on(self.date):
            raise ValidationError({"date": _("The session must lie within the course's dates.")})


class CourseGraduate(models.Model):
    """A resident who completed a cohort; the name is kept because the certificate carries it."""

    cohort = models.ForeignKey(
        CourseCohort, on_delete=models.PROTECT, related_name="graduates", verbose_name=_("cohort")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("As it should stand on the certificate."))
    completed_on = models.DateField(_("completed on"), db_index=True)
    # Optional: most graduates have no case. SET_NULL so erasing a resident never touches the course.
    resident = models.ForeignKey(
        "cases.Resident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_completions",
        verbose_name=_("resident record"),
        help_text=_("The resident's record in the casework, if there is one with this name."),
    )

    class Meta:
        ordering = ["cohort", "name"]
        verbose_name = _("course graduate")
        verbose_name_plural = _("course graduates")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "name"], name="unique_graduate_name_per_cohort"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.cohort.get_absolute_url()

    def clean(self):
        errors = {}
        if self.completed_on and self.cohort_id and self.completed_on < self.cohort.start_date:
            errors["completed_on"] = _("The course cannot be completed before it starts.")
        if self.resident_id and self.cohort_id and self.resident.plan_id != self.cohort.plan_id:
            errors["resident"] = _("Choose a resident of this plan.")
        if errors:
            raise ValidationError(errors)


# --- Ideas ----------------------------------------------------------------------------------------


class IdeaOrigin(models.TextChoices):
    COURSE = "course", _("The neighbour course")
    WORKSHOP = "workshop", _("A workshop")
    OTHER = "other", _("Elsewhere")


class IdeaStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNING = "planning", _("Being planned")
    REALISED = "realised", _("Realised with the plan's support")
    DROPPED = "dropped", _("Dropped")


class IdeaQuerySet(models.QuerySet):
    @staticmethod
    def realised_q() -> Q:
        """Realised with the plan's support (counted by `realised_on`)."""
        return Q(status=IdeaStatus.REALISED)

    def realised(self):
        return self.filter(self.realised_q())


class Idea(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(
        _("came from"), max_length=20, choices=IdeaOrigin.choices, default=IdeaOrigin.COURSE
    )
    cohort = models.ForeignKey(
        CourseCohort,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("course cohort"),
    )
    origin_note = models.CharField(
        _("where exactly"), max_length=200, blank=True, help_text=_("For example the workshop's name.")
    )
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.IDEA)
    realised_on = models.DateField(_("realised on"), null=True, blank=True, db_index=True)
    support_given = models.TextField(
        _("support given"), blank=True, help_text=_("What the plan did to help realise the idea.")
    )

    objects = IdeaQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-proposed_on", "title"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=IdeaStatus.REALISED) | Q(realised_on__isnull=False),
                name="realised_idea_has_date",
                violation_error_message=_("Give the date the idea was realised."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:idea_edit", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    def clean(self):
        errors = {}
        if self.status == IdeaStatus.REALISED:
            if not self.realised_on:
                errors["realised_on"] = _("Give the date the idea was realised.")
            if not self.support_given.strip():
                errors["support_given"] = _("Describe the support the plan gave to realise the idea.")
        if self.realised_on and self.proposed_on and self.realised_on < self.proposed_on:
            errors["realised_on"] = _("An idea cannot be realised before it was proposed.")
        if self.cohort_id and self.origin != IdeaOrigin.COURSE:
            errors["cohort"] = _("Choose a cohort only for ideas from the neighbour course.")
        if errors:
            raise ValidationError(errors)


# --- Children's boards ----------------------------------------------------------------------------


class ChildrenBoard(models.Model):
    """A children's board (børnebestyrelse) of children aged 8–12."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="children_boards", verbose_name=_("plan")
    )
    name = models.CharField(_("name"), max_length=200)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children_boards",
        verbose_name=_("initiative"),
    )
    departments = models.ManyToManyField(
        Department, blank=True, related_name="children_boards", verbose_name=_("departments")
    )
    district_level = models.BooleanField(
        _("district level"),
        default=False,
        help_text=_("The board covers the whole district, not departments."),
    )
    established_on = models.DateField(_("established on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = SpanQuerySet.as_manager()
    span = Span("established_on", "ended_on")

    class Meta:
        ordering = ["plan", "established_on", "name"]
        verbose_name = _("children's board")
        verbose_name_plural = _("children's boards")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="unique_children_board_name_per_plan"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("established_on")),
                name="children_board_ends_after_it_starts",
                violation_error_message=_("A board cannot end before it was established."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:children_board_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    def clean(self):
        if self.ended_on and self.established_on and self.ended_on < self.established_on:
            raise ValidationError({"ended_on": _("A board cannot end before it was established.")})

    def existed_on(self, day: datetime.date) -> bool:
        return self.span.holds(self, day)

    def existed_in(self, year: int) -> bool:
        return self.span.holds(self, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


class ChildrenBoardMeeting(models.Model):
    board = models.ForeignKey(
        ChildrenBoard, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("board")
    )
    date = models.DateField(_("date"), db_index=True)
    children_present = count_field(_("children present"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["board", "-date"]
        verbose_name = _("children's board meeting")
        verbose_name_plural = _("children's board meetings")
        constraints = [models.UniqueConstraint(fields=["board", "date"], name="one_board_meeting_a_day")]

    def __str__(self):
        return f"{self.board} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return self.board.get_absolute_url()

    def clean(self):
        if self.date and self.board_id and not self.board.existed_on(self.date):
            raise ValidationError({"date": _("The board did not exist on this date.")})


class ChildrenBoardYear(models.Model):
    """How many children were active in a board in a year."""

    board = models.ForeignKey(
        ChildrenBoard, on_delete=models.PROTECT, related_name="years", verbose_name=_("board")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    active_children = count_field(_("active children"))

    class Meta:
        ordering = ["board", "year"]
        verbose_name = _("active children in a year")
        verbose_name_plural = _("active children per year")
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_children_count_per_board_year")
        ]

    def __str__(self):
        return f"{self.board} {self.year}: {self.active_children}"

    def get_absolute_url(self):
        return self.board.get_absolute_url()

    def clean(self):
        if self.year and self.board_id and not self.board.existed_in(self.year):
            raise ValidationError({"year": _("The board did not exist in this year.")})


class ChildrenBoardSurvey(models.Model):
    """The yearly survey: did the children feel they had influence?"""

    board = models.ForeignKey(
        ChildrenBoard, on_delete=models.PROTECT, related_name="surveys", verbose_name=_("board")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    children_asked = count_field(_("children asked"))
    children_felt_influence = count_field(_("children who felt they had influence"))

    class Meta:
        ordering = ["board", "year"]
        verbose_name = _("children's survey")
        verbose_name_plural = _("children's surveys")
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_survey_per_board_year"),
            models.CheckConstraint(
                condition=Q(children_felt_influence__lte=F("children_asked")),
                name="survey_influence_among_asked",
                violation_error_message=_("More children cannot have felt influence than were asked."),
            ),
        ]

    def __str__(self):
        return f"{self.board} {self.year}: {self.children_felt_influence}/{self.children_asked}"

    def get_absolute_url(self):
        return self.board.get_absolute_url()

    def clean(self):
        errors = {}
        counts = (self.children_felt_influence, self.children_asked)
        if None not in counts and counts[0] > counts[1]:
            errors["children_felt_influence"] = _("More children cannot have felt influence than were asked.")
        if self.year and self.board_id and not self.board.existed_in(self.year):
            errors["year"] = _("The board did not exist in this year.")
        if errors:
            raise ValidationError(errors)

    @property
    def share_felt_influence(self) -> float | None:
        return self.children_felt_influence / self.children_asked if self.children_asked else None


# --- Meetings -------------------------------------------------------------------------------------


class ResidentMeetingQuerySet(models.QuerySet):
    @staticmethod
    def children_board_departments(plan: Plan) -> models.QuerySet:
        """The departments that have one of the plan's children's boards (a subquery of ids)."""
        links = ChildrenBoard.departments.through.objects.filter(childrenboard__plan=plan)
        return links.values("department_id")

    @staticmethod
    def in_children_board_department(plan: Plan) -> Q:
        """Held in a department that has one of the plan's children's boards."""
        return Q(department_id__in=ResidentMeetingQuerySet.children_board_departments(plan))


class ResidentMeeting(models.Model):
    """A resident meeting (beboermøde) in a department and how many came."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="resident_meetings", verbose_name=_("plan")
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="resident_meetings", verbose_name=_("department")
    )
    date = models.DateField(_("date"), db_index=True)
    attendance = count_field(_("attendance"), help_text=_("How many residents came."))
    note = models.TextField(_("note"), blank=True)

    objects = ResidentMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-date"]
        verbose_name = _("resident meeting")
        verbose_name_plural = _("resident meetings")
        constraints = [
            models.UniqueConstraint(fields=["department", "date"], name="one_resident_meeting_a_day")
        ]

    def __str__(self):
        return f"{self.department} {self.date:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("activities:resident_meeting_edit", kwargs={"plan_id": self.plan_id, "pk": self.pk})


class Cadence:
    """When a standing network's next meeting is due, and whether it is overdue.

    Shared by a plan's own networks and a district's shared networks (districts app), so the
    overdue flag follows one rule: the next meeting is due one interval after the last.
    The model needs `interval_weeks` and `is_active`.
    """

    @property
    def interval(self) -> datetime.timedelta:
        return datetime.timedelta(weeks=self.interval_weeks)

    def next_due(self, last_meeting: datetime.date | None) -> datetime.date | None:
        """The next meeting is due one interval after the last; None before the first meeting."""
        if not last_meeting:
            return None
        try:
            return last_meeting + self.interval
        except OverflowError:  # a meeting dated near 31.12.9999 (forms refuse it; old rows may have it)
            return None

    def is_overdue(self, last_meeting: datetime.date | None, today: datetime.date) -> bool:
        due = self.next_due(last_meeting)
        return bool(self.is_active and due and today > due)

    def missed_before(self, previous: datetime.date | None, day: datetime.date) -> bool:
        """A meeting more than one interval after the previous: one was missed in between."""
        return bool(previous and day - previous > self.interval)


class Network(Cadence, models.Model):
    """A standing network with partners that should meet at a regular interval."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="networks", verbose_name=_("plan"))
    name = models.CharField(_("name"), max_length=200)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("initiative"),
    )
    interval_weeks = models.PositiveSmallIntegerField(
        _("meets every (weeks)"),
        validators=[MinValueValidator(1), MaxValueValidator(104)],
        help_text=_("For example 8 for every eight weeks, 26 for twice a year."),
    )
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="networks", verbose_name=_("partner organisations")
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive network is no longer expected to meet.")
    )

    class Meta:
        ordering = ["plan", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="unique_network_name_per_plan")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:network_detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})


class NetworkMeeting(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("network")
    )
    date = models.DateField(_("date"), db_index=True)
    partners_present = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="network_meetings", verbose_name=_("partners present")
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        ordering = ["network", "-date"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        constraints = [models.UniqueConstraint(fields=["network", "date"], name="one_network_meeting_a_day")]

    def __str__(self):
        return gettext("%(network)s on %(date)s") % {"network": self.network, "date": f"{self.date:%d.%m.%Y}"}

    def get_absolute_url(self):
        return reverse(
            "activities:network_meeting_detail",
            kwargs={"plan_id": self.network.plan_id, "network_pk": self.network_id, "pk": self.pk},
        )
