"""Everything the app holds about one resident, for their access request (indsigt).

Other residents of shared cases appear only by their role: their names,
addresses and phone numbers are cut out of the case texts as well.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import CaseParty, Entry, Resident
from helhedsplan.models import AuditAction, AuditEvent, Role

from .identity import IdentityMatcher
from .services import identities_by_resident, identities_of

PURPOSES = {
    Role.WORKER: gettext_lazy("Case work by a caretaker"),
    Role.PROJECT_LEADER: gettext_lazy("Case work or management by the project leader"),
}


def _day(value) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


def _redactor(resident: Resident, parties):
    """Cuts every other resident out of the texts: the other parties of the shared cases by every
    form of their name (the first name alone too), the plan's other residents by all but that."""
    others = identities_by_resident(
        Resident.objects.filter(plan_id=resident.plan_id).exclude(pk=resident.pk).values_list("pk", flat=True)
    )
    party_ids = {p.pk for p in parties}
    matcher = IdentityMatcher(
        [i for pk, versions in others.items() if pk in party_ids for i in versions],
        also=[i for pk, versions in others.items() if pk not in party_ids for i in versions],
    )
    own = IdentityMatcher(identities_of(resident), first_name_alone=False)
    return lambda text: matcher.redact(text, keep=own) if text else text


def _purpose(event: AuditEvent) -> str:
    if event.action == AuditAction.ACCESS_REQUEST:
        return _("Your access request")
    if not event.allowed:
        return _("Refused attempt")
    return str(PURPOSES.get(event.role, _("Administration")))


def access_request(resident: Resident) -> dict:
    parties = list(
        CaseParty.objects.filter(resident=resident)
        .select_related("case__department__housing_organisation")
        .prefetch_related("case__responsible")
        .order_by("case__opened_on", "case_id")
    )
    case_ids = [p.case_id for p in parties]
    others_by_case: dict[int, list] = {}
    for other in (
        CaseParty.objects.filter(case_id__in=case_ids).exclude(resident=resident).select_related("resident")
    ):
        others_by_case.setdefault(other.case_id, []).append(other)
    redact = _redactor(resident, {o.resident for group in others_by_case.values() for o in group})
    entries_by_case: dict[int, list] = {}
    for entry in (
        Entry.objects.filter(case_id__in=case_ids).select_related("partner").order_by("occurred_at", "pk")
    ):
        entries_by_case.setdefault(entry.case_id, []).append(entry)

    cases = []
    for party in parties:
        case = party.case
        cases.append(
            {
                "case": case.number,
                "type": case.get_case_type_display(),
                "your_role": party.get_role_display(),
                "status": case.get_status_display(),
                "opened_on": _day(case.opened_on),
                "closed_on": _day(case.closed_on),
                "outcome": case.get_outcome_display(),
                "summary": redact(case.summary),
                "department": str(case.department) if case.department_id else "",
                "caretakers": [u.get_full_name() or u.get_username() for u in case.responsible.all()],
                "other_residents": [
                    {"role": o.get_role_display(), "name": _("(withheld: another resident)")}
                    for o in others_by_case.get(case.pk, [])
                ],
                "entries": [
                    {
                        "when": _moment(e.occurred_at),
                        "kind": e.get_kind_display(),
                        "minutes": e.minutes,
                        "partner": e.partner.name if e.partner_id else "",
                        "bridge_building_category": e.get_bridge_category_display(),
                        "report_of_concern": e.concern_report,
                        "reason_for_report_of_concern": redact(e.concern_reason),
                        "note": redact(e.note),
                        "corrected_later": e.superseded,
                    }
                    for e in entries_by_case.get(case.pk, [])
                ],
            }
        )

    consents = [
        {
            "given_on": _day(c.given_on),
            "expires_on": _day(c.expires_on),
            "withdrawn_on": _day(c.withdrawn_on),
            "partners": [p.name for p in c.partners.all()],
            "form_kept": redact(c.form_location),
        }
        for c in resident.consents.prefetch_related("partners").order_by("given_on", "pk")
    ]
    earlier = [
        {
            "recorded": _moment(record.history_date),
            "name": record.name,
            "address": record.address,
            "phone": record.phone,
        }
        for record in resident.history.order_by("history_date", "history_id")
        if (record.name, record.address, record.phone) != (resident.name, resident.address, resident.phone)
    ]
    lookups = [
        {"when": _moment(e.at), "what": e.get_action_display(), "purpose": _purpose(e)}
        for e in AuditEvent.objects.for_resident(resident.pk).order_by("at", "pk")
    ]
    department = resident.department
    return {
        "generated": _moment(timezone.now()),
        "plan": resident.plan.name,
        "resident": {
            "name": resident.name,
            "address": resident.address,
            "phone": resident.phone,
            "department": str(department) if department else "",
            "target_group_economy": resident.target_group_economy,
            "target_group_vulnerable": resident.target_group_vulnerable,
            "registered": _moment(resident.created_at),
        },
        "earlier_versions": earlier,
        "consents": consents,
        "cases": cases,
        "lookups": lookups,
    }
