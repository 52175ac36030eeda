"""The status note's workflow: draft → submitted → approved (frozen) → published → superseded.

Every transition checks the note's current status and refuses anything else
with a ValidationError, so a published note can never be edited in place.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cases.models import Resident
from cases.privacy.identity import IdentityMatcher
from cases.privacy.services import identities_by_resident
from helhedsplan.models import Initiative, Plan

from .models import NEEDS_BARRIER, CriterionBarrier, NotePeriod, NoteSection, NoteStatus, StatusNote
from .selectors import live_figures, note_figures


class IdentityFound(ValidationError):
    """Approval refused: the prose names residents of the plan. `hits` lists what was found where."""

    def __init__(self, hits: list[dict]):
        self.hits = hits
        super().__init__(
            _("The note mentions residents (%(count)s hits). Remove them before approval.")
            % {"count": len(hits)},
            code="identity",
        )


def _refuse_unless(note: StatusNote, *statuses: str) -> None:
    if note.status not in statuses:
        raise ValidationError(
            _("This cannot be done to a note that is %(status)s.")
            % {"status": note.get_status_display().lower()},
            code="status",
        )


@transaction.atomic
def note_create(*, plan: Plan, year: int, period: str = NotePeriod.YEAR, created_by) -> StatusNote:
    """Draft a note for a period, with an empty section for each initiative of the plan."""
    if not (plan.start_date.year <= year <= plan.end_date.year):
        raise ValidationError({"year": _("The year must lie within the plan's period.")})
    if StatusNote.objects.filter(plan=plan, year=year, period=period).exists():
        raise ValidationError(
            {
                "year": _(
                    "There is already a note for this period. "
                    "Supersede the published one to make a new version."
                )
            }
        )
    note = StatusNote.objects.create(plan=plan, year=year, period=period, created_by=created_by)
    NoteSection.objects.bulk_create(
        NoteSection(note=note, initiative=initiative)
        for initiative in Initiative.objects.filter(focus_area__plan=plan).order_by(
            "focus_area__name", "number"
        )
    )
    return note


def _clean_section(*, progress: str, no_barriers: bool, barriers: str) -> None:
    errors = {}
    if not no_barriers and not barriers.strip():
        errors["barriers"] = _(
            'Describe the barriers, or tick "no barriers" to say explicitly that there are none.'
        )
    if no_barriers and barriers.strip():
        errors["no_barriers"] = _('You ticked "no barriers" but also described barriers. Choose one.')
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def note_section_write(
    *, section: NoteSection, progress: str, no_barriers: bool, barriers: str, next_steps: str, written_by
) -> NoteSection:
    """A worker writes an initiative's section; only while the note is a draft."""
    note = StatusNote.objects.select_for_update().get(pk=section.note_id)
    _refuse_unless(note, NoteStatus.DRAFT)
    _clean_section(progress=progress, no_barriers=no_barriers, barriers=barriers)
    section.progress = progress.strip()
    section.no_barriers = no_barriers
    section.barriers = barriers.strip()
    section.next_steps = next_steps.strip()
    section.written_by = written_by
    section.save()
    return section


@transaction.atomic
def note_summary_write(*, note: StatusNote, summary: str) -> StatusNote:
    """The project leader writes the summary; while a draft or submitted."""
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.DRAFT, NoteStatus.SUBMITTED)
    note.summary = summary.strip()
    note.save(update_fields=["summary"])
    return note


@transaction.atomic
def note_submit(*, note: StatusNote, by) -> StatusNote:
    """Hand the draft to the project leader; every section must be written and state its barriers."""
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.DRAFT)
    missing = [str(s.initiative) for s in note.sections.select_related("initiative") if not s.is_complete]
    if missing:
        raise ValidationError(
            _("These sections lack progress or a statement on barriers: %(sections)s")
            % {"sections": ", ".join(missing)},
            code="incomplete",
        )
    _refuse_unstated_barriers(note, note_figures(note))
    note.status = NoteStatus.SUBMITTED
    note.submitted_at = timezone.now()
    note.submitted_by = by
    note.save(update_fields=["status", "submitted_at", "submitted_by"])
    return note


def unstated_barriers(note: StatusNote, figures: dict) -> list[str]:
    """Codes of the criteria at risk or not met whose barriers are not stated (nor signed off as none)."""
    stated = {b.code for b in note.criterion_barriers.all() if b.is_stated}
    return [
        c["code"] for c in figures["criteria"] if c["status"] in NEEDS_BARRIER and c["code"] not in stated
    ]


def _refuse_unstated_barriers(note: StatusNote, figures: dict) -> None:
    missing = unstated_barriers(note, figures)
    if missing:
        raise ValidationError(
            _(
                "These criteria are at risk or not met and say nothing of what stands in the way: "
                "%(codes)s. Describe the barriers, or let the project leader sign off that there are none."
            )
            % {"codes": ", ".join(missing)},
            code="barriers",
        )


@transaction.atomic
def criterion_barrier_write(
    *, note: StatusNote, code: str, barriers: str, no_barrier: bool, written_by, may_sign_off: bool
) -> CriterionBarrier:
    """State what stands in the way of one criterion; "no barrier" only by the project leader."""
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.DRAFT, NoteStatus.SUBMITTED)
    errors = {}
    if no_barrier and not may_sign_off:
        errors["no_barrier"] = _("Only the project leader can sign off that nothing stands in the way.")
    elif no_barrier and barriers.strip():
        errors["no_barrier"] = _('You ticked "no barrier" but also described barriers. Choose one.')
    elif not no_barrier and not barriers.strip():
        errors["barriers"] = _('Describe the barriers, or (project leader) tick "no barrier".')
    if errors:
        raise ValidationError(errors)
    statement, _created = CriterionBarrier.objects.update_or_create(
        note=note,
        code=code,
        defaults={"barriers": barriers.strip(), "no_barrier": no_barrier, "written_by": written_by},
    )
    return statement


@transaction.atomic
def note_reopen(*, note: StatusNote, by) -> StatusNote:
    """Send a submitted note back to draft for corrections."""
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.SUBMITTED)
    note.status = NoteStatus.DRAFT
    note.submitted_at = None
    note.submitted_by = None
    note.save(update_fields=["status", "submitted_at", "submitted_by"])
    return note


# --- The identity scan ----------------------------------------------------------------------------


def _text_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices
    ]


def _note_texts(note: StatusNote) -> list[tuple[str, str]]:
    """(where, text) for every text that reaches the board: the note's own text fields and those of
    every record that belongs to the note (its sections, its comments on criteria, …)."""
    texts = [(capfirst(f.verbose_name), getattr(note, f.attname)) for f in _text_fields(StatusNote)]
    for relation in StatusNote._meta.related_objects:
        model = relation.related_model
        fields = _text_fields(model)
        if model is StatusNote or not relation.one_to_many or not fields:
            continue
        related = [f.name for f in model._meta.concrete_fields if f.many_to_one and f != relation.field]
        for record in model._base_manager.filter(**{relation.field.name: note}).select_related(*related):
            texts += [(str(record), getattr(record, f.attname)) for f in fields]
    return [(str(where), text) for where, text in texts if text and text.strip()]


def identity_scan(note: StatusNote) -> list[dict]:
    """Names, addresses, phone numbers and e-mails of the plan's residents found in the note's prose.

    Uses the one identity matcher (cases.privacy.identity), so the genitive, the ASCII spelling, the
    street without its floor and the phone written with dots are found as erasure finds them; every
    earlier name and address of a resident counts. A first name alone is not flagged (see the matcher).
    Returns [{"where": the field or the section, "kind": "name"/"address"/"phone"/"email", "found": text}].
    """
    texts = _note_texts(note)
    if not texts:
        return []
    residents = Resident.objects.filter(plan_id=note.plan_id).values_list("pk", flat=True)
    identities = [i for versions in identities_by_resident(residents).values() for i in versions]
    matcher = IdentityMatcher(identities, first_name_alone=False)
    hits, seen = [], set()
    for where, text in texts:
        for match in matcher.find(text):
            key = (where, match.kind, " ".join(match.text.casefold().split()))
            if key not in seen:
                seen.add(key)
                hits.append({"where": where, "kind": match.kind, "found": match.text.strip()})
    return hits


@transaction.atomic
def note_approve(*, note: StatusNote, by) -> StatusNote:
    """Approve a submitted note and freeze its figures as they are at this moment.

    Refused while the summary is empty or the prose names a resident of the plan.
    """
    note = StatusNote.objects.select_for_update().select_related("plan").get(pk=note.pk)
    _refuse_unless(note, NoteStatus.SUBMITTED)
    if not note.summary.strip():
        raise ValidationError(_("Write the summary before approving the note."), code="summary")
    hits = identity_scan(note)
    if hits:
        raise IdentityFound(hits)
    now = timezone.now()
    snapshot = live_figures(note.plan, note.year, note.period, now=now)
    _refuse_unstated_barriers(note, snapshot)  # a status may have turned since submission
    note.snapshot = snapshot
    note.figures_as_of = now
    note.status = NoteStatus.APPROVED
    note.approved_by = by
    note.approved_at = now
    note.save(update_fields=["snapshot", "figures_as_of", "status", "approved_by", "approved_at"])
    return note


@transaction.atomic
def note_publish(*, note: StatusNote, by) -> StatusNote:
    """Publish an approved note to the board; the version it replaces becomes superseded."""
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.APPROVED)
    note.status = NoteStatus.PUBLISHED
    note.published_at = timezone.now()
    note.published_by = by
    note.save(update_fields=["status", "published_at", "published_by"])
    if note.supersedes_id:
        StatusNote.objects.filter(pk=note.supersedes_id).update(status=NoteStatus.SUPERSEDED)
    return note


@transaction.atomic
def note_supersede(*, note: StatusNote, by) -> StatusNote:
    """Start a new version of a published note: a draft with the same prose and live figures.

    The published note stays as it is, for the board to read, until the new
    version is published.
    """
    note = StatusNote.objects.select_for_update().get(pk=note.pk)
    _refuse_unless(note, NoteStatus.PUBLISHED)
    if StatusNote.objects.filter(supersedes=note).exists():
        raise ValidationError(_("A new version of this note is already being drafted."), code="exists")
    new = StatusNote.objects.create(
        plan_id=note.plan_id,
        year=note.year,
        period=note.period,
        version=note.version + 1,
        summary=note.summary,
        supersedes=note,
        created_by=by,
    )
    NoteSection.objects.bulk_create(
        NoteSection(
            note=new,
            initiative_id=s.initiative_id,
            progress=s.progress,
            no_barriers=s.no_barriers,
            barriers=s.barriers,
            next_steps=s.next_steps,
            written_by=s.written_by,
        )
        for s in note.sections.all()
    )
    CriterionBarrier.objects.bulk_create(
        CriterionBarrier(
            note=new, code=b.code, barriers=b.barriers, no_barrier=b.no_barrier, written_by=b.written_by
        )
        for b in note.criterion_barriers.all()
    )
    return new
