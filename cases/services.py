"""The writes that matter on residents, consents, cases and entries.

Every function is keyword-only, checks the rules of the domain and raises
`django.core.exceptions.ValidationError` with field keys, so a form can show
the message at the field. Nothing is half-saved: each runs in a transaction.

Cases use optimistic locking: every change bumps `Case.version` with a
conditional UPDATE, so of two people saving the same version, the second is
refused with `CaseConflictError` instead of silently overwriting the first.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import ContactPerson, Department, Membership, PartnerOrganisation, Plan, Role

from .models import (
    GROUP_KINDS,
    OUTCOMES_BY_TYPE,
    PARTNER_KINDS,
    PARTY_ROLES_BY_TYPE,
    BridgeCategory,
    Case,
    CaseParty,
    CaseSource,
    CaseStatus,
    CaseType,
    ComplaintStatus,
    Consent,
    Entry,
    EntryKind,
    Resident,
)
from .selectors import store_urgency, urgency_of

EVICTION_FIELDS = (
    "arrears_dkk",
    "first_reminder_on",
    "second_reminder_on",
    "eviction_scheduled_on",
    "bailiff_date",
    "housing_advisers_notified_on",
)
CONFLICT_FIELDS = ("complaint_status", "legal_department_informed_on", "volunteer_mediator")
DETAIL_FIELDS_BY_TYPE = {
    CaseType.EVICTION_PREVENTION: EVICTION_FIELDS,
    CaseType.NEIGHBOUR_CONFLICT: CONFLICT_FIELDS,
    CaseType.COUNSELLING: (),
}
#: What `case_update` may change; type, status and outcome have their own services.
EDITABLE_CASE_FIELDS = (
    "department",
    "source",
    "summary",
    "opened_on",
    "next_follow_up",
    *EVICTION_FIELDS,
    *CONFLICT_FIELDS,
)
_EMPTY = {"volunteer_mediator": False, "complaint_status": ""}

ENTRY_FIELDS = (
    "kind",
    "occurred_at",
    "minutes",
    "residents_present",
    "note",
    "partner",
    "contact",
    "bridge_category",
    "concern_report",
    "concern_reason",
)
MAX_MINUTES = 24 * 60


class CaseConflictError(ValidationError):
    """Someone else saved the case after this user loaded it."""

    def __init__(self):
        super().__init__(
            _(
                "Someone else changed this case while you were working on it. Your changes have not "
                "been saved. Check the case as it is now, then save again if your changes still apply."
            ),
            code="conflict",
        )


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def _fmt(day: datetime.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def _raise(errors: dict[str, list]) -> None:
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _staff_of_plan(plan: Plan, users: Iterable) -> list:
    return list(
        Membership.objects.filter(
            plan=plan, user__in=[u.pk for u in users], role__in=(Role.WORKER, Role.PROJECT_LEADER)
        ).values_list("user_id", flat=True)
    )


# Residents and consent ---------------------------------------------------------------------------


def _validate_resident(resident: Resident) -> None:
    errors: dict[str, list] = {"name": [], "department": []}
    if not resident.name.strip():
        errors["name"].append(_("Enter the resident's name."))
    if resident.department_id and resident.department.plan_id != resident.plan_id:
        errors["department"].append(_("Choose a department of this plan."))
    _raise(errors)


@transaction.atomic
def resident_create(
    *,
    plan: Plan,
    user,
    name: str,
    address: str = "",
    department: Department | None = None,
    phone: str = "",
    target_group_economy: bool = False,
    target_group_vulnerable: bool = False,
) -> Resident:
    resident = Resident(
        plan=plan,
        name=name.strip(),
        address=address.strip(),
        department=department,
        phone=phone.strip(),
        target_group_economy=target_group_economy,
        target_group_vulnerable=target_group_vulnerable,
    )
    _validate_resident(resident)
    resident._history_user = user
    resident.save()
    return resident


@transaction.atomic
def resident_update(*, resident: Resident, user, **fields: Any) -> Resident:
    allowed = {"name", "address", "department", "phone", "target_group_economy", "target_group_vulnerable"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"resident_update() got unexpected fields {sorted(unknown)}")
    for field, value in fields.items():
        setattr(resident, field, value.strip() if isinstance(value, str) else value)
    _validate_resident(resident)
    resident._history_user = user
    resident.save()
    return resident


def _validate_consent_dates(consent: Consent, today: datetime.date) -> dict[str, list]:
    errors: dict[str, list] = {"given_on": [], "expires_on": [], "withdrawn_on": []}
    if consent.given_on and consent.given_on > today:
        errors["given_on"].append(_("The consent cannot be given in the future."))
    if consent.expires_on and consent.given_on and consent.expires_on < consent.given_on:
        errors["expires_on"].append(_("The consent cannot expire before it was given."))
    if consent.withdrawn_on:
        if consent.given_on and consent.withdrawn_on < consent.given_on:
            errors["withdrawn_on"].append(_("The consent cannot be withdrawn before it was given."))
        if consent.withdrawn_on > today:
            errors["withdrawn_on"].append(_("A withdrawal cannot be dated in the future."))
    return errors


@transaction.atomic
def consent_record(
    *,
    resident: Resident,
    user,
    partners: Sequence[PartnerOrganisation],
    given_on: datetime.date,
    form_location: str,
    expires_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> Consent:
    consent = Consent(
        resident=resident,
        given_on=given_on,
        expires_on=expires_on,
        form_location=form_location.strip(),
        recorded_by=user,
    )
    errors = _validate_consent_dates(consent, _today(today))
    errors["partners"] = []
    if not partners:
        errors["partners"].append(_("Choose at least one partner organisation the consent covers."))
    elif any(p.plan_id != resident.plan_id for p in partners):
        errors["partners"].append(_("Choose partner organisations of this plan."))
    errors["form_location"] = [] if consent.form_location else [_("Say where the signed form is kept.")]
    _raise(errors)
    consent._history_user = user
    consent.save()
    consent.partners.set(partners)
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, user, withdrawn_on: datetime.date, today: datetime.date | None = None
) -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on:
        _raise(
            {
                "withdrawn_on": [
                    _("This consent was already withdrawn on %(date)s.")
                    % {"date": _fmt(consent.withdrawn_on)}
                ]
            }
        )
    consent.withdrawn_on = withdrawn_on
    _raise(_validate_consent_dates(consent, _today(today)))
    consent._history_user = user
    consent.save(update_fields=["withdrawn_on"])
    return consent


def consent_covering(*, residents: Iterable[Resident], partner: PartnerOrganisation, day: datetime.date):
    """The consent (newest first) of one of `residents` that lets us share with `partner` on `day`."""
    return (
        Consent.objects.valid_on(day)
        .filter(resident__in=list(residents), partners=partner)
        .order_by("-given_on", "-pk")
        .first()
    )


# Cases -------------------------------------------------------------------------------------------


def _validate_case(case: Case, today: datetime.date) -> None:
    errors: dict[str, list] = {
        name: []
        for name in ("case_type", "source", "department", "opened_on", *EVICTION_FIELDS, *CONFLICT_FIELDS)
    }
    if case.case_type not in CaseType.values:
        errors["case_type"].append(_("Choose the type of case."))
    if case.source not in CaseSource.values:
        errors["source"].append(_("Choose where the case came from."))
    if case.department_id and case.department.plan_id != case.plan_id:
        errors["department"].append(_("Choose a department of this plan."))
    if case.opened_on is None:
        errors["opened_on"].append(_("Enter the date the case was opened."))
    elif case.opened_on > today:
        errors["opened_on"].append(_("A case cannot be opened in the future."))

    if case.arrears_dkk is not None and case.arrears_dkk < 0:
        errors["arrears_dkk"].append(_("The arrears cannot be negative."))
    first, second = case.first_reminder_on, case.second_reminder_on
    scheduled, bailiff = case.eviction_scheduled_on, case.bailiff_date
    if first and second and second < first:
        errors["second_reminder_on"].append(_("The 2nd reminder cannot be sent before the 1st."))
    last_reminder = second or first
    if scheduled and last_reminder and scheduled < last_reminder:
        errors["eviction_scheduled_on"].append(
            _("The eviction cannot be scheduled before the reminders were sent (%(date)s).")
            % {"date": _fmt(last_reminder)}
        )
    if scheduled and scheduled > today:
        errors["eviction_scheduled_on"].append(
            _("Enter the date the eviction was scheduled, not a future date.")
        )
    if bailiff and not scheduled:
        errors["eviction_scheduled_on"].append(
            _("Enter the date the eviction was scheduled when you enter the bailiff's date.")
        )
    if bailiff and scheduled and bailiff < scheduled:
        errors["bailiff_date"].append(
            _("The bailiff's date cannot be before the date the eviction was scheduled (%(date)s).")
            % {"date": _fmt(scheduled)}
        )
    for field in (
        "first_reminder_on",
        "second_reminder_on",
        "housing_advisers_notified_on",
        "legal_department_informed_on",
    ):
        value = getattr(case, field)
        if value and value > today:
            errors[field].append(_("This date cannot be in the future."))
    if case.complaint_status and case.complaint_status not in ComplaintStatus.values:
        errors["complaint_status"].append(_("Choose whether a complaint has been filed."))
    _raise(errors)


def _clear_other_types_fields(case: Case) -> None:
    keep = set(DETAIL_FIELDS_BY_TYPE.get(case.case_type, ()))
    for field in (*EVICTION_FIELDS, *CONFLICT_FIELDS):
        if field not in keep:
            setattr(case, field, _EMPTY.get(field))


def _claim_version(case: Case, version: int | None) -> None:
    """Bump the case's version if it is still `version`, else refuse: the optimistic lock.

    The conditional UPDATE also locks the row until the transaction ends, so on
    PostgreSQL a concurrent save waits, then finds the version moved on.
    """
    expected = case.version if version is None else int(version)
    if not Case.objects.filter(pk=case.pk, version=expected).update(version=expected + 1):
        raise CaseConflictError()
    case.version = expected + 1


def _validate_parties(case_type: str, plan: Plan, parties: Sequence[tuple[Resident, str]]) -> list:
    errors = []
    roles = PARTY_ROLES_BY_TYPE.get(case_type, ())
    if not parties:
        errors.append(_("Add at least one resident to the case."))
    seen = set()
    for resident, role in parties:
        if resident.plan_id != plan.pk:
            errors.append(_("Choose residents of this plan."))
        if role not in roles:
            errors.append(
                _("%(resident)s: choose a role that fits this type of case.") % {"resident": resident.name}
            )
        if resident.pk in seen:
            errors.append(_("%(resident)s is added twice.") % {"resident": resident.name})
        seen.add(resident.pk)
    return errors


@transaction.atomic
def case_open(
    *,
    plan: Plan,
    user,
    case_type: str,
    source: str,
    parties: Sequence[tuple[Resident, str]],
    responsible: Sequence,
    opened_on: datetime.date | None = None,
    department: Department | None = None,
    summary: str = "",
    next_follow_up: datetime.date | None = None,
    details: dict[str, Any] | None = None,
    first_entry: dict[str, Any] | None = None,
    today: datetime.date | None = None,
) -> Case:
    """Open a case with its residents, responsible caretakers and (optionally) its first entry."""
    today = _today(today)
    details = details or {}
    unknown = set(details) - set(EVICTION_FIELDS) - set(CONFLICT_FIELDS)
    if unknown:
        raise TypeError(f"case_open() got unexpected details {sorted(unknown)}")
    case = Case(
        plan=plan,
        case_type=case_type,
        source=source,
        opened_on=opened_on or today,
        department=department,
        summary=summary.strip(),
        next_follow_up=next_follow_up,
        created_by=user,
        **details,
    )
    _clear_other_types_fields(case)
    errors: dict[str, list] = {}
    try:
        _validate_case(case, today)
    except ValidationError as error:
        errors.update(error.message_dict)
    party_errors = _validate_parties(case_type, plan, parties)
    if party_errors:
        errors["parties"] = party_errors
    staff_ids = _staff_of_plan(plan, responsible)
    if not responsible:
        errors["responsible"] = [_("Choose at least one responsible caretaker.")]
    elif len(staff_ids) != len({u.pk for u in responsible}):
        errors["responsible"] = [_("Only staff of this plan can be responsible for a case.")]
    _raise(errors)

    case.urgency_tier = urgency_of(case, today)
    case._history_user = user
    case.save()
    case.responsible.set(staff_ids)
    for resident, role in parties:
        party = CaseParty(case=case, resident=resident, role=role)
        party._history_user = user
        party.save()
    if first_entry:
        try:
            entry_log(case=case, user=user, today=today, **first_entry)
        except ValidationError as error:
            # Keep the entry's field names apart from the case's in the form.
            raise ValidationError({f"entry_{k}": v for k, v in error.message_dict.items()}) from error
    return case


def _validate_update(case: Case, today: datetime.date) -> None:
    errors = {}
    try:
        _validate_case(case, today)
    except ValidationError as error:
        errors.update(error.message_dict)
    if case.closed_on and case.opened_on and case.closed_on < case.opened_on:
        errors.setdefault("opened_on", []).append(
            _("The case was closed on %(date)s; it cannot be opened after that.")
            % {"date": _fmt(case.closed_on)}
        )
    if case.opened_on and case.entries.current().filter(occurred_at__date__lt=case.opened_on).exists():
        errors.setdefault("opened_on", []).append(
            _("The case has entries from before this date; the case must be opened before its first entry.")
        )
    _raise(errors)


@transaction.atomic
def case_update(
    *, case: Case, user, version: int | None, today: datetime.date | None = None, **fields: Any
) -> Case:
    """Change a case's details; refused with `CaseConflictError` if `version` is not the saved one."""
    unknown = set(fields) - set(EDITABLE_CASE_FIELDS)
    if unknown:
        raise TypeError(f"case_update() got unexpected fields {sorted(unknown)}")
    # A refused update leaves the caller's instance as it was.
    before = {field: getattr(case, field) for field in (*EDITABLE_CASE_FIELDS, "version")}
    try:
        for field, value in fields.items():
            setattr(case, field, value.strip() if isinstance(value, str) else value)
        _clear_other_types_fields(case)
        _validate_update(case, _today(today))
        _claim_version(case, version)
    except ValidationError:
        for field, value in before.items():
            setattr(case, field, value)
        raise
    case.urgency_tier = urgency_of(case, _today(today))
    case._history_user = user
    case.save()
    return case


@transaction.atomic
def case_close(
    *,
    case: Case,
    user,
    outcome: str,
    closed_on: datetime.date | None = None,
    version: int | None = None,
    today: datetime.date | None = None,
) -> Case:
    today = _today(today)
    closed_on = closed_on or today
    if case.status != CaseStatus.OPEN:
        _raise({NON_FIELD_ERRORS: [_("The case is already closed.")]})
    errors: dict[str, list] = {"outcome": [], "closed_on": []}
    if not outcome:
        errors["outcome"].append(_("Choose the outcome of the case."))
    elif outcome not in OUTCOMES_BY_TYPE[case.case_type]:
        errors["outcome"].append(
            _("This outcome does not belong to a case of the type '%(type)s'.")
            % {"type": case.get_case_type_display()}
        )
    if closed_on < case.opened_on:
        errors["closed_on"].append(
            _("A case cannot be closed before it was opened (%(date)s).") % {"date": _fmt(case.opened_on)}
        )
    if closed_on > today:
        errors["closed_on"].append(_("A case cannot be closed in the future."))
    _raise(errors)
    _claim_version(case, version)
    case.status = CaseStatus.CLOSED
    case.outcome = outcome
    case.closed_on = closed_on
    case.urgency_tier = urgency_of(case, today)
    case._history_user = user
    case.save()
    return case


@transaction.atomic
def case_reopen(*, case: Case, user, version: int | None = None, today: datetime.date | None = None) -> Case:
    """Open a closed case again; the earlier outcome stays in the case's history."""
    if case.status != CaseStatus.CLOSED:
        _raise({NON_FIELD_ERRORS: [_("The case is already open.")]})
    _claim_version(case, version)
    case.status = CaseStatus.OPEN
    case.outcome = ""
    case.closed_on = None
    case.urgency_tier = urgency_of(case, _today(today))
    case._history_user = user
    case.save()
    return case


@transaction.atomic
def case_reassign(*, case: Case, user, responsible: Sequence, version: int | None = None) -> Case:
    """Make `responsible` the case's caretakers (replacing the ones it had)."""
    staff_ids = _staff_of_plan(case.plan, responsible)
    if not responsible:
        _raise({"responsible": [_("Choose at least one responsible caretaker.")]})
    if len(staff_ids) != len({u.pk for u in responsible}):
        _raise({"responsible": [_("Only staff of this plan can be responsible for a case.")]})
    _claim_version(case, version)
    case._history_user = user
    case.save(update_fields=["version"])
    case.responsible.set(staff_ids)
    return case


@transaction.atomic
def case_schedule_follow_up(
    *, case: Case, user, next_follow_up: datetime.date | None, today: datetime.date | None = None
) -> Case:
    """Set when to follow up next, typically right after logging an entry."""
    if next_follow_up is not None and next_follow_up < _today(today):
        _raise({"next_follow_up": [_("The next follow-up cannot be in the past.")]})
    _claim_version(case, None)
    case.next_follow_up = next_follow_up
    case._history_user = user
    case.save(update_fields=["next_follow_up", "version"])
    _store_urgency(case, _today(today))
    return case


@transaction.atomic
def case_party_add(*, case: Case, user, resident: Resident, role: str) -> CaseParty:
    errors = _validate_parties(case.case_type, case.plan, [(resident, role)])
    if case.parties.filter(resident=resident).exists():
        errors.append(_("%(resident)s is already on the case.") % {"resident": resident.name})
    _raise({"resident": errors})
    party = CaseParty(case=case, resident=resident, role=role)
    party._history_user = user
    party.save()
    return party


@transaction.atomic
def case_party_remove(*, party: CaseParty, user) -> None:
    if party.case.parties.count() <= 1:
        _raise(
            {
                NON_FIELD_ERRORS: [
                    _("A case needs at least one resident; add another before removing this one.")
                ]
            }
        )
    if Entry.objects.filter(case=party.case, consent__resident=party.resident).exists():
        _raise(
            {
                NON_FIELD_ERRORS: [
                    _(
                        "%(resident)s's consent was relied on in this case's entries; "
                        "the resident stays on the case."
                    )
                    % {"resident": party.resident.name}
                ]
            }
        )
    party._history_user = user
    party.delete()


# Entries -----------------------------------------------------------------------------------------


def _store_urgency(case: Case, today: datetime.date) -> None:
    """Store the case's urgency tier from its row as saved (its inputs may have been set by an UPDATE)."""
    store_urgency(Case.objects.filter(pk=case.pk), today)
    case.urgency_tier = urgency_of(case, today)


def _refresh_last_entry_at(case: Case) -> None:
    latest = (
        Entry.objects.current()
        .filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(latest=Max("occurred_at"))
        .values("latest")
    )
    Case.objects.filter(pk=case.pk).update(last_entry_at=Subquery(latest))
    case.last_entry_at = Case.objects.values_list("last_entry_at", flat=True).get(pk=case.pk)


def _build_entry(*, case: Case, user, today: datetime.date, values: dict[str, Any]) -> Entry:
    """An unsaved entry with `values`, checked against every rule, including consent."""
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"unexpected entry fields {sorted(unknown)}")
    entry = Entry(case=case, plan_id=case.plan_id, author=user, **values)
    entry.note = (entry.note or "").strip()
    entry.concern_reason = (entry.concern_reason or "").strip()
    # Fields that do not belong to the kind are dropped: the form hides them.
    if entry.kind not in GROUP_KINDS:
        entry.residents_present = None
    if entry.kind not in PARTNER_KINDS:
        entry.partner = entry.contact = None
    if entry.kind != EntryKind.BRIDGE_BUILDING:
        entry.bridge_category = ""
    if entry.partner is None:
        entry.contact = None
        entry.concern_report = False
    if not entry.concern_report:
        entry.concern_reason = ""

    errors: dict[str, list] = {
        name: []
        for name in (
            "kind",
            "occurred_at",
            "minutes",
            "residents_present",
            "partner",
            "contact",
            "bridge_category",
            "concern_reason",
        )
    }
    if entry.kind not in EntryKind.values:
        errors["kind"].append(_("Choose what kind of contact it was."))
    day = None
    if entry.occurred_at is None:
        errors["occurred_at"].append(_("Enter when it happened."))
    else:
        if timezone.is_naive(entry.occurred_at):
            entry.occurred_at = timezone.make_aware(entry.occurred_at)
        day = timezone.localtime(entry.occurred_at).date()
        if day > today:
            errors["occurred_at"].append(_("An entry cannot be dated in the future."))
        if day < case.opened_on:
            errors["occurred_at"].append(
                _("The case was opened on %(date)s; an entry cannot be dated before that.")
                % {"date": _fmt(case.opened_on)}
            )
    if entry.minutes is not None and not 0 <= entry.minutes <= MAX_MINUTES:
        errors["minutes"].append(_("Enter the minutes spent, at most %(max)s.") % {"max": MAX_MINUTES})
    if entry.residents_present is not None and entry.residents_present < 0:
        errors["residents_present"].append(_("The number of residents cannot be negative."))
    if entry.partner is not None and entry.partner.plan_id != case.plan_id:
        errors["partner"].append(_("Choose a partner organisation of this plan."))
    if entry.contact is not None and entry.contact.partner_id != entry.partner_id:
        errors["contact"].append(_("This contact person does not belong to the chosen partner organisation."))
    if entry.kind == EntryKind.BRIDGE_BUILDING:
        if entry.partner is None:
            errors["partner"].append(_("Name the partner organisation the resident was bridged to."))
        if entry.bridge_category not in BridgeCategory.values:
            errors["bridge_category"].append(_("Choose the category: application, contact to or benefit."))
    if entry.concern_report and not entry.concern_reason:
        errors["concern_reason"].append(_("Give the reason for the report of concern."))
    _raise(errors)

    if entry.kind == EntryKind.BRIDGE_BUILDING:
        residents = [p.resident for p in case.parties.select_related("resident")]
        entry.consent = consent_covering(residents=residents, partner=entry.partner, day=day)
        if entry.consent is None and not entry.concern_report:
            _raise(
                {
                    "partner": [
                        _(
                            "No valid consent from the case's residents covers %(partner)s on %(date)s. "
                            "Record the resident's consent first, or mark the entry as a report of concern "
                            "and give the reason."
                        )
                        % {"partner": entry.partner.name, "date": _fmt(day)}
                    ]
                }
            )
    return entry


@transaction.atomic
def entry_log(
    *,
    case: Case,
    user,
    kind: str,
    occurred_at: datetime.datetime,
    minutes: int | None = None,
    residents_present: int | None = None,
    note: str = "",
    partner: PartnerOrganisation | None = None,
    contact: ContactPerson | None = None,
    bridge_category: str = "",
    concern_report: bool = False,
    concern_reason: str = "",
    today: datetime.date | None = None,
) -> Entry:
    """Log a contact on an open case. A bridge-building needs a valid consent (or a report of concern)."""
    if case.status != CaseStatus.OPEN:
        _raise({NON_FIELD_ERRORS: [_("The case is closed. Reopen it to log an entry.")]})
    today = _today(today)
    entry = _build_entry(
        case=case,
        user=user,
        today=today,
        values={
            "kind": kind,
            "occurred_at": occurred_at,
            "minutes": minutes,
            "residents_present": residents_present,
            "note": note,
            "partner": partner,
            "contact": contact,
            "bridge_category": bridge_category,
            "concern_report": concern_report,
            "concern_reason": concern_reason,
        },
    )
    entry.save()
    # A new entry can only move the last entry later: one UPDATE, no aggregate.
    Case.objects.filter(pk=case.pk).filter(
        Q(last_entry_at__isnull=True) | Q(last_entry_at__lt=entry.occurred_at)
    ).update(last_entry_at=entry.occurred_at)
    if case.last_entry_at is None or case.last_entry_at < entry.occurred_at:
        case.last_entry_at = entry.occurred_at
    _store_urgency(case, today)
    return entry


@transaction.atomic
def entry_correct(*, entry: Entry, user, today: datetime.date | None = None, **values: Any) -> Entry:
    """Correct an entry: a new entry replaces it; the old one is kept, marked superseded.

    Missing values are taken from the entry being corrected. Allowed on closed
    cases too, since a mistake in the record must be fixable.
    """
    original = Entry.objects.select_for_update().select_related("case").get(pk=entry.pk)
    if original.superseded:
        _raise(
            {
                NON_FIELD_ERRORS: [
                    _("This entry has already been corrected. Correct the newest version instead.")
                ]
            }
        )
    merged = {field: values.get(field, getattr(original, field)) for field in ENTRY_FIELDS}
    correction = _build_entry(case=original.case, user=user, today=_today(today), values=merged)
    correction.corrects = original
    Entry.objects.filter(pk=original.pk).update(superseded=True)
    original.superseded = True
    correction.save()
    _refresh_last_entry_at(original.case)
    _store_urgency(original.case, _today(today))
    return correction
