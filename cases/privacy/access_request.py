"""Everything the app holds about one resident, for their access request (indsigt).

Other residents of shared cases appear only by their role: their names,
addresses and phone numbers are cut out of the case texts as well.
"""

import datetime

from django.db import models
from django.db.models import Value
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import CaseParty, Entry, Resident
from helhedsplan.models import AuditAction, AuditEvent, Role

from .identity import Identity, IdentityMatcher

PURPOSES = {
    Role.WORKER: gettext_lazy("Case work by a caretaker"),
    Role.PROJECT_LEADER: gettext_lazy("Case work or management by the project leader"),
}


def _day(value) -> str:
    return value.isoformat() if value else ""


def _moment(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).isoformat(timespec="minutes") if value else ""


def _people(resident: Resident):
    """Every resident of the plan as they are and as they were, in one query: ({other resident's pk:
    their identities}, the resident's own identities, the resident's earlier records (oldest first))."""
    in_plan = Resident.objects.filter(plan_id=resident.plan_id)
    no_date = Value(None, output_field=models.DateTimeField())
    no_id = Value(None, output_field=models.IntegerField())
    current = (
        in_plan.annotate(recorded=no_date, record=no_id)
        .values_list("pk", "name", "address", "phone", "recorded", "record")
        .order_by()
    )
    earlier = (
        Resident.history.filter(id__in=in_plan.values("pk"))
        .values_list("id", "name", "address", "phone", "history_date", "history_id")
        .order_by()
    )
    found: dict[int, set[Identity]] = {}
    own_records = []
    for pk, name, address, phone, recorded, record in current.union(earlier, all=True):
        found.setdefault(pk, set()).add(Identity(name, address, phone))
        if pk == resident.pk and record is not None:
            own_records.append((recorded, record, name, address, phone))
    order = lambda i: (i.name, i.address, i.phone)  # noqa: E731
    identities = {pk: sorted(versions, key=order) for pk, versions in found.items()}
    own = identities.pop(resident.pk, [Identity.of(resident)])
    return identities, own, sorted(own_records)


def _redactor(others: dict, own: list, party_ids: set):
    """Cuts every other resident out of the texts: the other parties of the shared cases by every
    form of their name (the first name alone too), the plan's other residents by all but that."""
    matcher = IdentityMatcher(
        [i for pk, versions in others.items() if pk in party_ids for i in versions],
        also=[i for pk, versions in others.items() if pk not in party_ids for i in versions],
    )
    own = IdentityMatcher(own, first_name_alone=False)
    return lambda text: matcher.redact(text, keep=own) if text else text


def _purpose(event: AuditEvent) -> str:
    if event.action == AuditAction.ACCESS_REQUEST:
        return _("Your access request")
    if not event.allowed:
        return _("Refused attempt")
    return str(PURPOSES.get(event.role, _("Administration")))


def access_request(resident: Resident) -> dict:
    # The resident's parties and the other parties of the same cases, in one query.
    parties = []
    others_by_case: dict[int, list] = {}
    for party in (
        CaseParty.objects.filter(case__in=CaseParty.objects.filter(resident=resident).values("case_id"))
        .select_related("case__department__housing_organisation")
        .prefetch_related("case__responsible")
        .order_by("case__opened_on", "case_id", "role", "resident__name", "pk")
    ):
        if party.resident_id == resident.pk:
            parties.append(party)
        else:
            others_by_case.setdefault(party.case_id, []).append(party)
    case_ids = [p.case_id for p in parties]
    identities, own, own_records = _people(resident)
    redact = _redactor(identities, own, {o.resident_id for group in others_by_case.values() for o in group})
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

    # Each consent with its partners (in their usual order), in one query.
    consents: dict[int, dict] = {}
    for pk, given_on, expires_on, withdrawn_on, form_location, partner in resident.consents.order_by(
        "given_on", "pk", "partners"
    ).values_list("pk", "given_on", "expires_on", "withdrawn_on", "form_location", "partners__name"):
        consent = consents.get(pk)
        if consent is None:
            consent = consents[pk] = {
                "given_on": _day(given_on),
                "expires_on": _day(expires_on),
                "withdrawn_on": _day(withdrawn_on),
                "partners": [],
                "form_kept": redact(form_location),
            }
        if partner is not None:
            consent["partners"].append(partner)
    earlier = [
        {"recorded": _moment(recorded), "name": name, "address": address, "phone": phone}
        for recorded, _record, name, address, phone in own_records
        if (name, address, phone) != (resident.name, resident.address, resident.phone)
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
        "consents": list(consents.values()),
        "cases": cases,
        "lookups": lookups,
    }
