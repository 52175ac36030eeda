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
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, CaseParty, CaseStatus, Consent, Entry, Resident
from helhedsplan.audit import audit_log
from helhedsplan.drafts.services import drafts_erase
from helhedsplan.models import AuditAction, AuditEvent

from .identity import MARKERS, Identity, IdentityMatcher, Kind

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
        # A removed resident leaves no name behind in what others wrote (neighbours' cases, the logbook).
        identities = [i for versions in identities_by_resident(gone).values() for i in versions]
        _remove_residents(gone)
        if identities:
            _redact_everywhere(IdentityMatcher(identities))
        if case_ids or gone:
            audit_log(
                action=AuditAction.RETENTION,
                object_type="case",
                object_ids=case_ids,
                resident_ids=gone,
                reason=f"closed before {cutoff.isoformat()}",
            )
    return Outcome(case_ids=case_ids, resident_ids=sorted(gone))


#: Answer for an open case only the erased resident was part of: keep it open, without a resident.
KEEP_OPEN = "keep"


def identities_by_resident(residents) -> dict[int, list[Identity]]:
    """Each resident as they are and as they were (every earlier name, address and phone), in two
    queries whatever the number of residents."""
    found: dict[int, set[Identity]] = {}
    ids = list(residents)
    for row in Resident.objects.filter(pk__in=ids).values("pk", "name", "address", "phone"):
        found.setdefault(row["pk"], set()).add(Identity(row["name"], row["address"], row["phone"]))
    for row in Resident.history.filter(id__in=ids).values("id", "name", "address", "phone"):
        found.setdefault(row["id"], set()).add(Identity(row["name"], row["address"], row["phone"]))
    order = lambda i: (i.name, i.address, i.phone)  # noqa: E731
    return {pk: sorted(versions, key=order) for pk, versions in found.items()}


def identities_of(resident: Resident) -> list[Identity]:
    """The resident as they are and as they were."""
    return identities_by_resident([resident.pk]).get(resident.pk, [Identity.of(resident)])


def _project_models():
    """Every model of this project's own apps, their django-simple-history tables included."""
    base = str(settings.BASE_DIR)
    for config in apps.get_app_configs():
        path = str(config.path)
        if path.startswith(base) and "site-packages" not in path:
            yield from config.get_models()


#: Text fields that are not free text about people: the name of a thing (plan, department,
#: partner, cohort …), another person's own record (other residents, partners' contact persons),
#: codes and the append-only audit log (whose search terms are handled apart).
NOT_FREE_TEXT_FIELDS = {"name", "short_name", "code", "slug", "metric", "search_text"}
NOT_FREE_TEXT_MODELS = {
    "cases.Resident": "other residents' own records; the erased resident's are deleted",
    "cases.HistoricalResident": "the same, in the history",
    "helhedsplan.ContactPerson": "partners' staff, not residents",
    "helhedsplan.AuditEvent": "append-only; search terms are blanked apart",
}


def free_text_fields() -> dict:
    """{model: [field names]} of every text field that may hold what someone wrote about a person."""
    found = {}
    for model in _project_models():
        if model._meta.label in NOT_FREE_TEXT_MODELS:
            continue
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not f.choices
            and f.name not in NOT_FREE_TEXT_FIELDS
        ]
        if names:
            found[model] = names
    return found


def _redact_rows(model, fields: list[str], matcher: IdentityMatcher) -> int:
    """Run the matcher over these fields of every row; bulk updates, so no new history row is written."""
    changed = 0
    pk = model._meta.pk.attname
    holds_text = Q()
    for f in fields:
        holds_text |= Q(**{f"{f}__gt": ""})
    rows = model._base_manager.filter(holds_text)
    for row in rows.values(pk, *fields).iterator(chunk_size=2000):
        changes = {f: matcher.redact(row[f]) for f in fields if row[f]}
        changes = {f: value for f, value in changes.items() if value != row[f]}
        if changes:
            model._base_manager.filter(**{pk: row[pk]}).update(**changes)
            changed += 1
    return changed


def _redact_records_of_the_person(resident: Resident, matcher: IdentityMatcher) -> None:
    """Records that name a person in a field of their own (a course graduate): linked to the resident,
    or in the same plan under the same full name, they keep their place but lose the name."""
    for relation in Resident._meta.related_objects:
        model = relation.related_model
        if model._meta.label in NOT_FREE_TEXT_MODELS or not any(
            f.name == "name" for f in model._meta.concrete_fields
        ):
            continue
        for row in model._base_manager.values("pk", "name", relation.field.attname).iterator():
            if row[relation.field.attname] == resident.pk or matcher.is_name_of(row["name"]):
                marker = f"{MARKERS[Kind.NAME]} #{row['pk']}"  # unique where the name had to be
                model._base_manager.filter(pk=row["pk"]).update(name=marker)


def _redact_everywhere(matcher: IdentityMatcher) -> None:
    """Take a person out of every free-text field of every table, current rows and history rows."""
    for model, fields in free_text_fields().items():
        _redact_rows(model, fields, matcher)
    searched = [
        event["pk"]
        for event in AuditEvent.objects.exclude(search_terms="").values("pk", "search_terms").iterator()
        if matcher.find(event["search_terms"])
    ]
    if searched:
        AuditEvent.objects.filter(pk__in=searched)._redact_search_terms()


def sole_open_cases(resident: Resident):
    """Open cases the resident is the only party of: erasing them asks what becomes of the case."""
    others = CaseParty.objects.filter(case=OuterRef("pk")).exclude(resident=resident)
    return (
        Case.objects.filter(parties__resident=resident, status=CaseStatus.OPEN)
        .exclude(Exists(others))
        .order_by("opened_on", "pk")
    )


def _settle_sole_open_cases(resident: Resident, user, decisions: dict) -> None:
    from cases.services import case_close

    errors = {}
    for case in sole_open_cases(resident):
        decision = decisions.get(case.pk) or decisions.get(str(case.pk))
        if not decision:
            errors[f"case_{case.pk}"] = _(
                "Choose what becomes of case %(number)s: close it with an outcome, or keep it open "
                "without a resident."
            ) % {"number": case.number}
        elif decision != KEEP_OPEN:
            try:
                case_close(case=case, user=user, outcome=decision)
            except ValidationError as error:
                errors[f"case_{case.pk}"] = error.messages
    if errors:
        raise ValidationError(errors)


def resident_erase(*, resident: Resident, user, request=None, decisions: dict | None = None) -> Outcome:
    """Erasure on request: the resident's own cases are anonymised, they leave shared ones, and no
    spelling of their name, address, phone or e-mail is left in any free text of the database.

    `decisions` answers, for every open case the resident is the only party of, what becomes of it:
    an outcome to close it with, or KEEP_OPEN to keep it on the caseload without a resident.
    """
    with transaction.atomic():
        _settle_sole_open_cases(resident, user, decisions or {})
        matcher = IdentityMatcher(identities_of(resident))
        case_ids = list(resident.case_parties.values_list("case_id", flat=True))
        shared = set(
            CaseParty.objects.filter(case_id__in=case_ids)
            .exclude(resident=resident)
            .values_list("case_id", flat=True)
        )
        own = [pk for pk in case_ids if pk not in shared]
        CaseParty.objects.filter(resident=resident).delete()
        _blank_cases(own)
        _redact_records_of_the_person(resident, matcher)
        _remove_residents([resident.pk])
        drafts_erase(resident_id=resident.pk, case_ids=case_ids)  # unsaved text about them goes too
        _redact_everywhere(matcher)
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
