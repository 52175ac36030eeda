"""Status notes for the board: a note per plan and period, with a section per initiative.

A draft shows the live figures; approval freezes them into `snapshot` (plain
JSON), and every later page and export of the note reads only the snapshot.
A published note is never edited: it is superseded by a new version.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Initiative, Plan


class NoteStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class NotePeriod(models.TextChoices):
    YEAR = "year", _("The whole year")
    FIRST_HALF = "first_half", _("First half-year")


#: Statuses whose figures are frozen.
FROZEN = (NoteStatus.APPROVED, NoteStatus.PUBLISHED, NoteStatus.SUPERSEDED)
#: Statuses the board may read.
VISIBLE_TO_BOARD = (NoteStatus.PUBLISHED, NoteStatus.SUPERSEDED)


class StatusNote(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="status_notes", verbose_name=_("plan")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=20, choices=NotePeriod.choices, default=NotePeriod.YEAR)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=NoteStatus.choices, default=NoteStatus.DRAFT
    )
    summary = models.TextField(_("summary"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    snapshot = models.JSONField(_("frozen figures"), default=dict, blank=True, editable=False)
    figures_as_of = models.DateTimeField(_("figures as of"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        ordering = ["plan", "-year", "period", "-version"]
        verbose_name = _("status note")
        verbose_name_plural = _("status notes")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "year", "period", "version"], name="one_note_version_per_period"
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self):
        return reverse("notes:detail", kwargs={"plan_id": self.plan_id, "pk": self.pk})

    @property
    def title(self) -> str:
        if self.period == NotePeriod.FIRST_HALF:
            return _("Status note, first half of %(year)s") % {"year": self.year}
        return _("Status note %(year)s") % {"year": self.year}

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN

    @property
    def is_editable(self) -> bool:
        return self.status == NoteStatus.DRAFT

    @property
    def is_visible_to_board(self) -> bool:
        return self.status in VISIBLE_TO_BOARD


class NoteSection(models.Model):
    """What the workers responsible for an initiative report: progress, barriers, next steps."""

    note = models.ForeignKey(
        StatusNote, on_delete=models.CASCADE, related_name="sections", verbose_name=_("note")
    )
    initiative = models.ForeignKey(
        Initiative, on_delete=models.PROTECT, related_name="note_sections", verbose_name=_("initiative")
    )
    progress = models.TextField(_("progress"), blank=True)
    no_barriers = models.BooleanField(
        _("no barriers"),
        default=False,
        help_text=_("Tick only if nothing may stand in the way of meeting the goals."),
    )
    barriers = models.TextField(
        _("barriers to meeting the goals"),
        blank=True,
        help_text=_("Any condition that may become a barrier to meeting the goals."),
    )
    next_steps = models.TextField(_("next steps"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["note", "initiative__focus_area__name", "initiative__number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["note", "initiative"], name="one_section_per_initiative"),
        ]

    def __str__(self):
        return str(self.initiative)

    def get_absolute_url(self):
        return reverse(
            "notes:section_edit",
            kwargs={"plan_id": self.note.plan_id, "pk": self.note_id, "section_pk": self.pk},
        )

    @property
    def barriers_stated(self) -> bool:
        """The agreement asks every note to say what may stand in the way; "none" must be said."""
        return self.no_barriers or bool(self.barriers.strip())

    @property
    def is_complete(self) -> bool:
        return bool(self.progress.strip()) and self.barriers_stated


#: Statuses of a criterion that oblige the note to say what stands in the way.
NEEDS_BARRIER = ("at_risk", "not_met")


class CriterionBarrier(models.Model):
    """What may stand in the way of a criterion that is at risk or not met, or a signed-off "none".

    Keyed by the criterion's code, as the note's figures (and their frozen
    snapshot) are; focus-area criteria have no initiative section to hold it.
    """

    note = models.ForeignKey(
        StatusNote, on_delete=models.CASCADE, related_name="criterion_barriers", verbose_name=_("note")
    )
    code = models.CharField(_("criterion"), max_length=20)
    barriers = models.TextField(
        _("barriers to meeting the goal"),
        blank=True,
        help_text=_("What stands in the way, or may, and what is done about it."),
    )
    no_barrier = models.BooleanField(
        _("no barrier"),
        default=False,
        help_text=_("Only the project leader signs off that nothing stands in the way."),
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["note", "code"]
        verbose_name = _("barrier of a criterion")
        verbose_name_plural = _("barriers of criteria")
        constraints = [
            models.UniqueConstraint(fields=["note", "code"], name="one_barrier_statement_per_criterion"),
        ]

    def __str__(self):
        return self.code

    @property
    def is_stated(self) -> bool:
        return self.no_barrier or bool(self.barriers.strip())
