"""Reads for the caseload, the plan-wide case list, a case's page and the CSV export.

Urgency is computed in the database so the caseload can be ordered by it:

* tier 0 – an eviction-prevention case with a bailiff's date (closest first;
  a passed date comes first of all: the case needs an outcome);
* tier 1 – the next follow-up date has passed;
* tier 2 – stale: no entry for `STALE_AFTER_DAYS` days (no entry at all and
  opened that long ago counts too);
* tier 3 – the rest.

The tier is also stored on the case (`Case.urgency_tier`) so the plan-wide list
can be read in index order: the services store it when they change what it
depends on, and the nightly `refresh_urgency` command when a date has passed.
"""

import datetime
import functools

from django.contrib.auth import get_user_model
from django.db import connections
from django.db.models import (
    BooleanField,
    CharField,
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

from helhedsplan.models import Department, HousingOrganisation, Membership, Plan, Role
from helhedsplan.statements import statement

from .models import Case, CaseParty, CaseStatus, Consent, Entry, Resident, Urgency, search_key

STALE_AFTER_DAYS = 30
URGENT_BAILIFF_DAYS = 7


def _stale_cutoff(today: datetime.date) -> tuple[datetime.date, datetime.datetime]:
    cutoff_date = today - datetime.timedelta(days=STALE_AFTER_DAYS)
    return cutoff_date, timezone.make_aware(datetime.datetime.combine(cutoff_date, datetime.time.min))


def _stale_condition(today: datetime.date) -> Q:
    cutoff_date, cutoff = _stale_cutoff(today)
    return Q(last_entry_at__lt=cutoff) | Q(last_entry_at__isnull=True, opened_on__lt=cutoff_date)


def urgency_expression(today: datetime.date) -> When_:
    """The urgency tier of a case on `today`, in SQL: the one rule behind every urgency shown or stored."""
    is_open = Q(status=CaseStatus.OPEN)
    return When_(
        When(is_open & Q(bailiff_date__isnull=False), then=Value(Urgency.BAILIFF)),
        When(is_open & Q(next_follow_up__lt=today), then=Value(Urgency.FOLLOW_UP_OVERDUE)),
        When(is_open & _stale_condition(today), then=Value(Urgency.STALE)),
        default=Value(Urgency.NONE),
        output_field=IntegerField(),
    )


def urgency_on(
    today: datetime.date,
    *,
    status: str,
    bailiff_date: datetime.date | None,
    next_follow_up: datetime.date | None,
    last_entry_at: datetime.datetime | None,
    opened_on: datetime.date | None,
) -> tuple[int, bool, bool]:
    """`urgency_expression` in Python: (tier, follow-up overdue, stale) of a case's values on `today`."""
    if status != CaseStatus.OPEN:
        return Urgency.NONE, False, False
    overdue = next_follow_up is not None and next_follow_up < today
    cutoff_date, cutoff = _stale_cutoff(today)
    if last_entry_at is not None:
        stale = last_entry_at < cutoff
    else:
        stale = opened_on is not None and opened_on < cutoff_date
    if bailiff_date is not None:
        tier = Urgency.BAILIFF
    elif overdue:
        tier = Urgency.FOLLOW_UP_OVERDUE
    else:
        tier = Urgency.STALE if stale else Urgency.NONE
    return tier, overdue, stale


def urgency_of(case: Case, today: datetime.date) -> int:
    """The urgency tier of a case in memory (the services store it when they save the case)."""
    return urgency_on(
        today,
        status=case.status,
        bailiff_date=case.bailiff_date,
        next_follow_up=case.next_follow_up,
        last_entry_at=case.last_entry_at,
        opened_on=case.opened_on,
    )[0]


def store_urgency(cases: QuerySet, today: datetime.date) -> int:
    """Store the urgency tier of `cases` as the rule computes it on `today`; the number of cases changed.

    Only cases whose stored tier differs are written, so running it again changes nothing.
    """
    expression = urgency_expression(today)
    return cases.exclude(urgency_tier=expression).update(urgency_tier=expression)


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
        urgency=urgency_expression(today),
    )


URGENCY_ORDER = (
    "urgency",
    F("bailiff_date").asc(nulls_last=True),
    F("next_follow_up").asc(nulls_last=True),
    F("last_entry_at").asc(nulls_first=True),
    "opened_on",
    "pk",
)


def caseload_for(user, plan: Plan | int, today: datetime.date, *, everyone: bool = False) -> QuerySet:
    """Open cases of `plan` that `user` is responsible for, the most urgent first (`plan` and `user`
    may be given by their ids).

    With `everyone`, the plan's open cases of all caretakers (for covering a colleague).
    Their residents and caretakers come from `case_people`.
    """
    cases = Case.objects.filter(plan=plan, status=CaseStatus.OPEN)
    if not everyone:
        cases = cases.filter(responsible=user)
    return (
        with_urgency(cases, today).select_related("department__housing_organisation").order_by(*URGENCY_ORDER)
    )


@statement()
def caseload_head(plan_id: int, user_id: int | None, today: datetime.date, count: int) -> QuerySet:
    """The first `count` cases of `caseload_for` (everyone's with `user_id` None), compiled once per
    caretaker and day: the caseload reads them on every look."""
    return caseload_for(user_id, plan_id, today, everyone=user_id is None)[:count]


def cases_for_plan(plan: Plan) -> QuerySet:
    """Every case of the plan, for the filtered list and its export (the filter orders it and computes
    urgency where it filters by it)."""
    return Case.objects.filter(plan=plan)


#: What a row of the plan-wide list shows of the case itself.
LIST_FIELDS = (
    "pk",
    "case_type",
    "status",
    "outcome",
    "opened_on",
    "closed_on",
    "next_follow_up",
    "bailiff_date",
    "last_entry_at",
    "department_id",
    "department__code",
    "department__housing_organisation__short_name",
)


def _rows_of_kinds(*kinds: tuple[QuerySet, dict[str, str]]) -> QuerySet:
    """Several short lists in one query (a UNION ALL): each kind's rows as (kind, owner, key, a, b, c).

    `kinds` are (queryset, {column: field}) with fields for `key` and `a`, optionally `owner`, `b`, `c`
    (empty text otherwise); the rows come kind by kind, each kind ordered by a, b, c.
    """
    blank = Value("", output_field=CharField())
    columns = ("kind_", "owner_", "key_", "a_", "b_", "c_")
    parts = []
    for kind, (queryset, fields) in enumerate(kinds):
        values = {
            "kind_": Value(kind, output_field=IntegerField()),
            "owner_": F(fields["owner"]) if "owner" in fields else Value(0, output_field=IntegerField()),
            "key_": F(fields["key"]),
            **{f"{column}_": F(fields[column]) if column in fields else blank for column in ("a", "b", "c")},
        }
        parts.append(queryset.order_by().annotate(**values).values_list(*columns))
    first, *others = parts
    return first.union(*others, all=True).order_by("kind_", "a_", "b_", "c_")


#: An id no plan has: where it lands among a compiled statement's parameters, a plan's id goes.
_ANY_PLAN = -(2**31) + 7


@functools.cache
def _filter_choices_statement(alias: str) -> tuple[str, list, list[bool]]:
    """`filter_choices`' SELECT, compiled once per database from the querysets the filters validate
    with (`departments_of`, `organisations_of`, `staff_choices`) for a stand-in plan."""
    plan = Plan(pk=_ANY_PLAN)
    rows = _rows_of_kinds(
        (
            departments_of(plan),
            {"key": "pk", "a": "housing_organisation__short_name", "b": "code", "c": "name"},
        ),
        (organisations_of(plan), {"key": "pk", "a": "short_name"}),
        (staff_choices(plan), {"key": "pk", "a": "first_name", "b": "last_name", "c": "username"}),
    )
    sql, params = rows.query.get_compiler(alias).as_sql()
    plan_ids = [param == _ANY_PLAN for param in params]
    if sum(plan_ids) != 3:  # each list names the plan once; anything else would run the wrong query
        raise RuntimeError(f"The filter choices' statement names the plan {sum(plan_ids)} times, not 3.")
    return sql, list(params), plan_ids


def filter_choices(plan: Plan) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """The case list's filter options as values, in one query: departments `(id, organisation, code,
    name)`, housing organisations `(id, short name)` and staff `(id, first, last, username)`, each in
    the order of its model (departments by organisation and code, staff by name and username).

    The statement is compiled once (the case list shows the options on every look); only the plan's id
    changes between plans."""
    alias = Case.objects.db
    sql, params, plan_ids = _filter_choices_statement(alias)
    with connections[alias].cursor() as cursor:
        values = [plan.pk if is_plan else value for value, is_plan in zip(params, plan_ids, strict=True)]
        cursor.execute(sql, values)
        rows = cursor.fetchall()
    by_kind: tuple[list, list, list] = ([], [], [])
    for kind, _owner, key, a, b, c in rows:
        by_kind[kind].append((key, a, b, c))
    return by_kind[0], [(key, a) for key, a, _b, _c in by_kind[1]], by_kind[2]


def case_list_page(cases: QuerySet, start: int, size: int) -> QuerySet:
    """The `LIST_FIELDS` of the ordered, filtered `cases` from `start` to `size` further, in their order,
    as plain values (no model instances); their residents and caretakers come from `case_people`."""
    page = cases.values("pk")[start : start + size]
    return Case.objects.filter(pk__in=page).order_by(*page.query.order_by).values(*LIST_FIELDS)


def case_count(cases: QuerySet) -> QuerySet:
    """How many of a plan's `cases` there are, as a one-row read (none when there are none): what
    `cases.count()` counts, as a queryset a statement can keep."""
    return cases.order_by().values("plan").annotate(n=Count("pk")).values_list("n", flat=True)


@functools.cache
def _people_statement(alias: str, caretakers: bool) -> str:
    """`case_people`'s SELECT, written once per database from the models' metadata: the residents'
    rows (kind 0: resident, role, name) and the caretakers' (kind 1: user, first name, last name,
    username), in the order of kind, then those columns, for the cases `IN (%(ids)s)`."""
    quote = connections[alias].ops.quote_name
    party, resident, through, user = CaseParty, Resident, Case.responsible.through, get_user_model()

    def table(model, name):
        return f"{quote(model._meta.db_table)} {name}"

    def columns(model, name, *fields):
        return ", ".join(f"{name}.{quote(model._meta.get_field(field).column)}" for field in fields)

    residents = (
        f"SELECT 0, {columns(party, 'p', 'case', 'resident', 'role')}, {columns(resident, 'r', 'name')}, ''"  # noqa: S608
        f" FROM {table(party, 'p')} INNER JOIN {table(resident, 'r')}"
        f" ON {columns(resident, 'r', 'id')} = {columns(party, 'p', 'resident')}"
        f" WHERE {columns(party, 'p', 'case')} IN (%(ids)s)"
    )
    staff = (
        f"SELECT 1, {columns(through, 't', 'case', 'user')},"  # noqa: S608
        f" {columns(user, 'u', 'first_name', 'last_name', 'username')}"
        f" FROM {table(through, 't')} INNER JOIN {table(user, 'u')}"
        f" ON {columns(user, 'u', 'id')} = {columns(through, 't', 'user')}"
        f" WHERE {columns(through, 't', 'case')} IN (%(ids)s)"
    )
    # only names from the models' metadata go into the SQL; the ids are parameters
    return f"{residents}{f' UNION ALL {staff}' if caretakers else ''} ORDER BY 1, 4, 5, 6"  # noqa: S608


def case_people(ids: list[int], *, caretakers: bool = True) -> tuple[dict[int, list], dict[int, list]]:
    """The residents `(resident id, name, role)` (by role, then name) and the caretakers `(first name,
    last name, username)` (by name) of the cases `ids`, by case: one query, no model instances.

    Both lists show on every page of cases (the caseload, the plan-wide list), so the SELECT is written
    once (`_people_statement`); `tests/cases/test_case_people.py` compares it with the ORM's."""
    residents: dict[int, list[tuple]] = {pk: [] for pk in ids}
    staff: dict[int, list[tuple]] = {pk: [] for pk in ids}
    if not ids:
        return residents, staff
    alias = CaseParty.objects.db
    connection = connections[alias]
    in_ids = f"IN ({', '.join(['%s'] * len(ids))})"
    sql = _people_statement(alias, caretakers).replace("IN (%(ids)s)", in_ids)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*ids, *ids] if caretakers else ids)
        rows = cursor.fetchall()
    for kind, case_id, key, a, b, c in rows:
        if kind == 0:
            residents[case_id].append((key, b, a))
        else:
            staff[case_id].append((a, b, c))
    return residents, staff


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


def departments_of(plan: Plan) -> QuerySet:
    return Department.objects.filter(plan=plan).select_related("housing_organisation")


def organisations_of(plan: Plan) -> QuerySet:
    return HousingOrganisation.objects.filter(plan=plan)


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
