"""Reads for the caseload, the plan-wide case list, a case's page and the CSV export.

Urgency is computed in the database so the caseload can be ordered by it:

* tier 0 – an eviction-prevention case with a bailiff's date (closest first;
  a passed date comes first of all: the case needs an outcome);
* tier 1 – the next follow-up date has passed;
* tier 2 – stale: no entry for `STALE_AFTER_DAYS` days (no entry at all and
  opened that long ago counts too);
* tier 3 – the rest.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    BooleanField,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models import (
    Case as When_,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from helhedsplan.models import Membership, Plan, Role

from .models import Case, CaseParty, CaseStatus, Consent, Entry, Resident, search_key

STALE_AFTER_DAYS = 30
URGENT_BAILIFF_DAYS = 7


class Urgency:
    BAILIFF = 0
    FOLLOW_UP_OVERDUE = 1
    STALE = 2
    NONE = 3


def _stale_condition(today: datetime.date) -> Q:
    cutoff_date = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    cutoff = timezone.make_aware(datetime.datetime.combine(cutoff_date, datetime.time.min))
    return Q(last_entry_at__lt=cutoff) | Q(last_entry_at__isnull=True, opened_on__lt=cutoff_date)


def with_urgency(cases: QuerySet, today: datetime.date) -> QuerySet:
    """Annotate `urgency` (tier), `days_to_bailiff` (a timedelta), `follow_up_overdue` and `is_stale`.

    Urgency only applies to open cases; a closed case is never urgent.
    """
    is_open = Q(status=CaseStatus.OPEN)
    stale = _stale_condition(today)
    return cases.annotate(
        days_to_bailiff=ExpressionWrapper(
            F("bailiff_date") - Value(today, output_field=DateField()), output_field=DurationField()
        ),
        follow_up_overdue=When_(
            When(is_open & Q(next_follow_up__lt=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_stale=When_(
            When(is_open & stale, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        urgency=When_(
            When(is_open & Q(bailiff_date__isnull=False), then=Value(Urgency.BAILIFF)),
            When(is_open & Q(next_follow_up__lt=today), then=Value(Urgency.FOLLOW_UP_OVERDUE)),
            When(is_open & stale, then=Value(Urgency.STALE)),
            default=Value(Urgency.NONE),
            output_field=IntegerField(),
        ),
    )


URGENCY_ORDER = (
    "urgency",
    F("bailiff_date").asc(nulls_last=True),
    F("next_follow_up").asc(nulls_last=True),
    F("last_entry_at").asc(nulls_first=True),
    "opened_on",
    "pk",
)


def _list_prefetches() -> list:
    return [
        Prefetch(
            "parties",
            queryset=CaseParty.objects.select_related("resident").order_by("role", "resident__name"),
        ),
        Prefetch("responsible", queryset=get_user_model().objects.order_by("first_name", "last_name")),
    ]


def caseload_for(user, plan: Plan, today: datetime.date, *, everyone: bool = False) -> QuerySet:
    """Open cases of `plan` that `user` is responsible for, the most urgent first.

    With `everyone`, the plan's open cases of all caretakers (for covering a colleague).
    """
    cases = Case.objects.filter(plan=plan, status=CaseStatus.OPEN)
    if not everyone:
        cases = cases.filter(responsible=user)
    return (
        with_urgency(cases, today)
        .select_related("department__housing_organisation")
        .prefetch_related(*_list_prefetches())
        .order_by(*URGENCY_ORDER)
    )


def cases_for_plan(plan: Plan, today: datetime.date | None = None) -> QuerySet:
    """Every case of the plan, annotated with urgency, for the filtered list (the filter orders it)."""
    today = today or timezone.localdate()
    return (
        with_urgency(Case.objects.filter(plan=plan), today)
        .select_related("department__housing_organisation")
        .prefetch_related(*_list_prefetches())
    )


def case_detail(plan: Plan, pk: int, today: datetime.date | None = None) -> QuerySet:
    """A queryset of the one case with what its page shows (fetch it with get_in_plan)."""
    today = today or timezone.localdate()
    entries = Entry.objects.select_related("author", "partner", "contact", "consent", "corrects").order_by(
        "-occurred_at", "-pk"
    )
    return (
        with_urgency(Case.objects.filter(plan=plan, pk=pk), today)
        .select_related("department__housing_organisation", "created_by")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related("resident__department").order_by(
                    "role", "resident__name"
                ),
            ),
            Prefetch("responsible", queryset=get_user_model().objects.order_by("first_name", "last_name")),
            Prefetch("entries", queryset=entries),
        )
        .annotate(
            current_entries=Count("entries", filter=Entry.objects.current_q("entries__")),
            minutes_total=Sum("entries__minutes", filter=Entry.objects.current_q("entries__")),
        )
    )


def consents_for_case(case: Case, today: datetime.date) -> list[Consent]:
    """Consents of the case's residents that are valid today, with their partners."""
    return list(
        Consent.objects.valid_on(today)
        .filter(resident__case_parties__case=case)
        .select_related("resident")
        .prefetch_related("partners")
        .order_by("resident__name", "-given_on")
    )


def staff_choices(plan: Plan) -> QuerySet:
    """Users who can be responsible for a case: the plan's caretakers/workers and project leaders."""
    return (
        get_user_model()
        .objects.filter(
            memberships__plan=plan,
            memberships__role__in=(Role.WORKER, Role.PROJECT_LEADER),
            is_active=True,
        )
        .order_by("first_name", "last_name", "username")
    )


def resident_search(plan: Plan, query: str, limit: int = 20) -> QuerySet:
    """Residents of the plan whose name or address contains every word of `query`."""
    residents = Resident.objects.filter(plan=plan).select_related("department__housing_organisation")
    words = query.casefold().split()
    if not words:
        return residents.none()
    for word in words:
        residents = residents.filter(search_text__contains=word)
    return residents.annotate(
        open_cases=Count("case_parties", filter=Q(case_parties__case__status=CaseStatus.OPEN))
    ).order_by("name", "pk")[:limit]


def residents_named(plan: Plan, name: str, *, including: int | None = None) -> QuerySet:
    """The plan's residents with exactly this name (folded as every resident search is), and `including`.

    Published for the logbook: a course graduate may be linked to the resident of the same name.
    """
    key = search_key(name.strip())
    named = Q(search_text=key) | Q(search_text__startswith=f"{key} ") if key else Q(pk__in=[])
    if including:
        named |= Q(pk=including)
    return Resident.objects.filter(plan=plan).filter(named).select_related("department__housing_organisation")


def resident_has_text(query: str) -> Q:
    """A condition on cases: one of the residents' name or address contains every word of `query`."""
    condition = Q()
    for word in query.casefold().split():
        condition &= Q(
            Exists(CaseParty.objects.filter(case=OuterRef("pk"), resident__search_text__contains=word))
        )
    return condition


def export_rows(cases: QuerySet) -> QuerySet:
    """The figures of the cases for the CSV export: ids, dates, codes and counts, no names or notes."""
    current = Entry.objects.current().filter(case=OuterRef("pk")).order_by().values("case")
    return (
        cases.select_related(None)
        .prefetch_related(None)
        .prefetch_related(
            Prefetch(
                "parties", queryset=CaseParty.objects.only("case_id", "resident_id", "role").order_by("pk")
            ),
            Prefetch("responsible", queryset=get_user_model().objects.only("pk").order_by("pk")),
        )
        .select_related("department__housing_organisation")
        .annotate(
            entry_count=Coalesce(Subquery(current.annotate(n=Count("pk")).values("n")), 0),
            minutes_total=Coalesce(Subquery(current.annotate(m=Sum("minutes")).values("m")), 0),
            bridge_buildings=Coalesce(
                Subquery(
                    Entry.objects.bridge_buildings()
                    .filter(case=OuterRef("pk"))
                    .order_by()
                    .values("case")
                    .annotate(n=Count("pk"))
                    .values("n")
                ),
                0,
            ),
        )
    )


def plan_staff_memberships(plan: Plan) -> QuerySet:
    return Membership.objects.filter(plan=plan, role__in=(Role.WORKER, Role.PROJECT_LEADER)).select_related(
        "user"
    )
