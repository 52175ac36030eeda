"""Retention, erasure on request and the access request (indsigt) for residents' data.

Anonymising a case blanks its free text (summary, entry notes, reasons for
reports of concern), in the records and in their django-simple-history
tables, and unlinks its residents. Everything the success criteria and the
status notes count stays: the case, its type, dates, outcome, department and
every entry with its kind, category and minutes. A resident with no case left
is removed with their consents and their history.

Writes are bulk updates and deletes on purpose: a save() would write a new
history row holding the very text being removed.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from cases.models import Case, CaseParty, CaseStatus, Consent, Entry, Resident
from drafts.services import drafts_erase
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction, AuditEvent

#: Stands in for text the database requires (the reason of a report of concern).
ANONYMISED = "–"
REDACTED = "[…]"


@dataclass
class Outcome:
    case_ids: list[int] = field(default_factory=list)
    resident_ids: list[int] = field(default_factory=list)


def retention_cutoff(today: datetime.date, years: int) -> datetime.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _has_text(prefix: str = "") -> Q:
    """Cases that still hold free text or residents."""
    entries_with_text = Entry.objects.filter(case=OuterRef("pk")).filter(
        ~Q(note="")
        | Q(concern_report=False, concern_reason__gt="")
        | Q(concern_report=True) & ~Q(concern_reason=ANONYMISED)
    )
    return (
        ~Q(summary="")
        | Q(Exists(CaseParty.objects.filter(case=OuterRef("pk"))))
        | Q(Exists(entries_with_text))
        | Q(Exists(Case.history.filter(id=OuterRef("pk")).exclude(summary="")))
        | Q(Exists(CaseParty.history.filter(case_id=OuterRef("pk"))))
    )


def cases_due(*, today: datetime.date, years: int):
    """Closed cases past the retention period that still hold something personal."""
    cutoff = retention_cutoff(today, years)
    return Case.objects.filter(status=CaseStatus.CLOSED, closed_on__lt=cutoff).filter(_has_text())


def _blank_cases(case_ids: list[int]) -> list[int]:
    """Blank the free text of these cases and unlink their residents; returns the residents unlinked."""
    resident_ids = list(
        CaseParty.objects.filter(case_id__in=case_ids).values_list("resident_id", flat=True).distinct()
    )
    Case.objects.filter(pk__in=case_ids).update(summary="")
    entries = Entry.objects.filter(case_id__in=case_ids)
    entries.update(note="")
    entries.filter(concern_report=True).update(concern_reason=ANONYMISED)
    entries.filter(concern_report=False).update(concern_reason="")
    Case.history.filter(id__in=case_ids).update(summary="", history_change_reason=None)
    CaseParty.objects.filter(case_id__in=case_ids).delete()
    CaseParty.history.filter(case_id__in=case_ids).delete()  # after the delete: it writes history rows
    return resident_ids


def _residents_with_nothing_left(candidate_ids: Iterable[int], *, created_before=None):
    left = Resident.objects.filter(pk__in=list(candidate_ids))
    if created_before is not None:
        left = left | Resident.objects.filter(created_at__lt=created_before)
    return left.annotate(cases=Count("case_parties")).filter(cases=0)


def _remove_residents(resident_ids: list[int]) -> None:
    """Delete residents, their consents and every history row of both."""
    consent_ids = list(Consent.objects.filter(resident_id__in=resident_ids).values_list("pk", flat=True))
    Entry.objects.filter(consent_id__in=consent_ids).update(consent=None)
    Consent.objects.filter(pk__in=consent_ids).delete()
    Consent.history.filter(id__in=consent_ids).delete()
    CaseParty.history.filter(resident_id__in=resident_ids).delete()
    Resident.objects.filter(pk__in=resident_ids).delete()
    Resident.history.filter(id__in=resident_ids).delete()
    # The log keeps who looked whom up (ids only), but not the names typed into the search box.
    for resident_id in resident_ids:
        AuditEvent.objects.for_resident(resident_id).exclude(search_terms="")._redact_search_terms()


def retention_apply(
    *, today: datetime.date | None = None, years: int | None = None, dry_run=False
) -> Outcome:
    """Anonymise closed cases past the retention period; remove residents with nothing left."""
    today = today or timezone.localdate()
    years = settings.RETENTION_YEARS if years is None else years
    cutoff = retention_cutoff(today, years)
    created_before = timezone.make_aware(datetime.datetime.combine(cutoff, datetime.time.min))
    with transaction.atomic():
        case_ids = sorted(cases_due(today=today, years=years).values_list("pk", flat=True))
        linked = CaseParty.objects.filter(case_id__in=case_ids)
        candidates = set(linked.values_list("resident_id", flat=True))
        if dry_run:
            keep = CaseParty.objects.filter(resident_id__in=candidates).exclude(case_id__in=case_ids)
            gone = (candidates - set(keep.values_list("resident_id", flat=True))) | set(
                Resident.objects.filter(created_at__lt=created_before, case_parties__isnull=True).values_list(
                    "pk", flat=True
                )
            )
            return Outcome(case_ids=case_ids, resident_ids=sorted(gone))
        _blank_cases(case_ids)
        gone = list(
            _residents_with_nothing_left(candidates, created_before=created_before).values_list(
                "pk", flat=True
            )
        )
        _remove_residents(gone)
        if case_ids or gone:
            audit_log(
                action=AuditAction.RETENTION,
                object_type="case",
                object_ids=case_ids,
                resident_ids=gone,
                reason=f"closed before {cutoff.isoformat()}",
            )
    return Outcome(case_ids=case_ids, resident_ids=sorted(gone))


def _name_pattern(resident: Resident) -> re.Pattern | None:
    """The resident's name (whole and its parts), address and phone, as they may appear in notes."""
    words = [resident.name, resident.address, resident.phone]
    words += [part for part in re.split(r"\s+", resident.name) if len(part) >= 3]
    words = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(rf"\b{re.escape(w)}\b" for w in words), re.IGNORECASE)


def _redact(text: str, pattern: re.Pattern | None) -> str:
    return pattern.sub(REDACTED, text) if pattern and text else text


def _redact_in_cases(case_ids: list[int], pattern: re.Pattern | None) -> None:
    """Take one resident's name out of the text of cases they shared with others."""
    if pattern is None:
        return
    for case in Case.objects.filter(pk__in=case_ids).only("pk", "summary"):
        Case.objects.filter(pk=case.pk).update(summary=_redact(case.summary, pattern))
    for record in Case.history.filter(id__in=case_ids).only("history_id", "summary"):
        Case.history.filter(history_id=record.history_id).update(summary=_redact(record.summary, pattern))
    for entry in Entry.objects.filter(case_id__in=case_ids).only("pk", "note", "concern_reason"):
        Entry.objects.filter(pk=entry.pk).update(
            note=_redact(entry.note, pattern), concern_reason=_redact(entry.concern_reason, pattern)
        )


def resident_erase(*, resident: Resident, user, request=None) -> Outcome:
    """Erasure on request: the resident's own cases are anonymised, their name leaves shared ones."""
    with transaction.atomic():
        case_ids = list(resident.case_parties.values_list("case_id", flat=True))
        shared = set(
            CaseParty.objects.filter(case_id__in=case_ids)
            .exclude(resident=resident)
            .values_list("case_id", flat=True)
        )
        own = [pk for pk in case_ids if pk not in shared]
        _redact_in_cases(sorted(shared), _name_pattern(resident))
        CaseParty.objects.filter(resident=resident).delete()
        _blank_cases(own)
        _remove_residents([resident.pk])
        drafts_erase(resident_id=resident.pk, case_ids=case_ids)  # unsaved text about them goes too
        audit_log(
            request,
            action=AuditAction.ERASE,
            user=user,
            plan=resident.plan_id,
            object_type="resident",
            object_ids=[resident.pk],
            resident_ids=[resident.pk],
        )
    return Outcome(case_ids=case_ids, resident_ids=[resident.pk])
