"""Builders for casework in tests. They go through the services, like the app does.

Every resident here is fictional.
"""

import datetime
import itertools

from django.utils import timezone

from cases import services
from cases.models import CaseSource, CaseType, EntryKind, PartyRole
from helhedsplan.models import Role

_seq = itertools.count(1)

TODAY = datetime.date(2019, 6, 3)  # a Monday


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def staff_of(plan, role=Role.WORKER):
    return plan.memberships.filter(role=role).select_related("user").first().user


def make_resident(plan, user=None, name: str = "", address: str = "", department=None, **fields):
    n = next(_seq)
    return services.resident_create(
        plan=plan,
        user=user or staff_of(plan),
        name=name or f"Beboer Fiktiv {n}",
        address=address or f"Opdigtet Allé {n}, st. tv.",
        department=department,
        **fields,
    )


def make_case(
    plan,
    user=None,
    *,
    case_type=CaseType.NEIGHBOUR_CONFLICT,
    residents=None,
    roles=None,
    responsible=None,
    opened_on=datetime.date(2019, 5, 1),
    first_entry=True,
    today=TODAY,
    **fields,
):
    user = user or staff_of(plan)
    residents = residents if residents is not None else [make_resident(plan, user)]
    default_role = PartyRole.COMPLAINANT if case_type == CaseType.NEIGHBOUR_CONFLICT else PartyRole.RESIDENT
    roles = roles or [default_role] * len(residents)
    details = {
        k: fields.pop(k) for k in list(fields) if k in services.EVICTION_FIELDS + services.CONFLICT_FIELDS
    }
    return services.case_open(
        plan=plan,
        user=user,
        case_type=case_type,
        source=fields.pop("source", CaseSource.ESTATE_OFFICE),
        parties=list(zip(residents, roles, strict=True)),
        responsible=responsible or [user],
        opened_on=opened_on,
        details=details,
        first_entry=(
            {
                "kind": EntryKind.PHONE_CALL,
                "occurred_at": at(opened_on),
                "minutes": 15,
                "note": "Første kontakt.",
            }
            if first_entry
            else None
        ),
        today=today,
        **fields,
    )


def log(case, user=None, *, day=None, kind=EntryKind.PHONE_CALL, today=TODAY, **fields):
    return services.entry_log(
        case=case,
        user=user or staff_of(case.plan),
        kind=kind,
        occurred_at=at(day or case.opened_on),
        today=today,
        **fields,
    )


def consent(resident, partners, *, given_on=datetime.date(2019, 1, 1), user=None, today=TODAY, **fields):
    return services.consent_record(
        resident=resident,
        user=user or staff_of(resident.plan),
        partners=partners,
        given_on=given_on,
        form_location=fields.pop("form_location", "Skabet på kontoret"),
        today=today,
        **fields,
    )


def bulk_cases(plan, user, count: int, *, today=TODAY, entries_per_case: int = 2, colleague=None):
    """`count` open cases of every urgency for `user`, made in a few bulk queries (for query-count guards)."""
    from cases.models import Case, CaseParty, Entry, Resident, search_key
    from cases.selectors import store_urgency
    from tests import factories

    department = factories.make_department(plan)
    residents = Resident.objects.bulk_create(
        Resident(
            plan=plan,
            name=f"Bulk Beboer {i}",
            address=f"Bulkvej {i}",
            department=department,
            search_text=search_key(f"Bulk Beboer {i}", f"Bulkvej {i}"),
        )
        for i in range(count)
    )
    cases = []
    for i in range(count):
        kind = i % 4
        cases.append(
            Case(
                plan=plan,
                case_type=CaseType.EVICTION_PREVENTION if kind == 0 else CaseType.NEIGHBOUR_CONFLICT,
                source=CaseSource.ARREARS_LIST,
                department=department,
                opened_on=today - datetime.timedelta(days=40 + i % 30),
                eviction_scheduled_on=today - datetime.timedelta(days=40) if kind == 0 else None,
                bailiff_date=today + datetime.timedelta(days=i % 35) if kind == 0 else None,
                next_follow_up=today - datetime.timedelta(days=1 + i % 5) if kind == 1 else None,
                last_entry_at=at(today - datetime.timedelta(days=45 if kind == 2 else 2)),
                created_by=user,
            )
        )
    cases = Case.objects.bulk_create(cases)
    store_urgency(Case.objects.filter(pk__in=[c.pk for c in cases]), today)  # as the services do
    Through = Case.responsible.through
    Through.objects.bulk_create(Through(case=c, user=user) for c in cases)
    if colleague is not None:
        Through.objects.bulk_create(Through(case=c, user=colleague) for c in cases[::3])
    CaseParty.objects.bulk_create(
        CaseParty(
            case=c,
            resident=r,
            role=PartyRole.RESIDENT if c.case_type == CaseType.EVICTION_PREVENTION else PartyRole.COMPLAINANT,
        )
        for c, r in zip(cases, residents, strict=True)
    )
    Entry.objects.bulk_create(
        Entry(
            case=c,
            kind=EntryKind.PHONE_CALL,
            occurred_at=at(c.opened_on) + datetime.timedelta(hours=j),
            minutes=10,
            author=user,
            note="x",
        )
        for c in cases
        for j in range(entries_per_case)
    )
    return cases
