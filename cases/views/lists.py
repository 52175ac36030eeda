"""The caretaker's caseload, the project leader's plan-wide list, its CSV export and bulk reassignment.

Who sees what: a caretaker's start page lists the open cases they are
responsible for; they can switch to all open cases of the plan, because
caretakers cover for each other (holidays, sick days) and may open any case of
their plan. The project leader filters, sorts and exports every case.
"""

import datetime
import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.formats import date_format, get_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from helhedsplan import exports
from helhedsplan.access import LEADER, TEAM, has_role, plan_view
from helhedsplan.models import AuditAction
from helhedsplan.statements import Statements
from helhedsplan.views.paging import PAGE_SIZE

from ..filters import CaseFilter
from ..forms import BulkReassignForm
from ..models import Case, CaseStatus, CaseType, Outcome, PartyRole
from ..selectors import (
    URGENT_BAILIFF_DAYS,
    Urgency,
    case_count,
    case_list_page,
    case_people,
    caseload_for,
    caseload_head,
    cases_for_plan,
    export_rows,
    filter_choices,
    urgency_on,
)
from ..services import case_reassign
from ..tasks import due_tasks
from ..templatetags.case_list import urgency_badges
from .audit import audit_case_ids, audit_case_people, audit_cases
from .common import today
from .tasks import group_tasks

#: Tasks beside the caseload; the task list shows them all.
TASKS_SHOWN = 30


def _caseload_summary(cases: list, soon: datetime.date) -> dict:
    """The caseload's counts worked out from its cases (all of them), as the aggregate below counts them."""
    return {
        "total": len(cases),
        "bailiff_soon": sum(
            1 for c in cases if c.urgency == Urgency.BAILIFF and c.bailiff_date and c.bailiff_date <= soon
        ),
        "overdue": sum(1 for c in cases if c.follow_up_overdue),
        "stale": sum(1 for c in cases if c.is_stale),
    }


def _caseload_page(request, day: datetime.date, everyone: bool) -> tuple[Page, dict]:
    """The page of the caseload and its counts. A caseload that fits on its first page (the usual one)
    is read in one query (compiled once per caretaker and day) and counted here; a longer one is
    counted by the database."""
    user_id = None if everyone else request.user.pk
    soon = day + datetime.timedelta(days=URGENT_BAILIFF_DAYS)
    number = request.GET.get("page")
    first = None
    if number in (None, "", "1"):
        first = caseload_head(request.plan.pk, user_id, day, PAGE_SIZE + 1)  # one more: are there more pages?
        if len(first) <= PAGE_SIZE:
            return Paginator(first, PAGE_SIZE).page(1), _caseload_summary(first, soon)
    cases = caseload_for(user_id, request.plan.pk, day, everyone=everyone)
    paginator = Paginator(cases, PAGE_SIZE)
    summary = cases.order_by().aggregate(
        total=Count("pk"),
        bailiff_soon=Count("pk", filter=Q(urgency=Urgency.BAILIFF, bailiff_date__lte=soon)),
        overdue=Count("pk", filter=Q(follow_up_overdue=True)),  # not named like the annotation it counts
        stale=Count("pk", filter=Q(is_stale=True)),
    )
    paginator.count = summary["total"]
    page = paginator.get_page(number)
    page.object_list = first[:PAGE_SIZE] if first is not None else list(page.object_list)
    return page, summary


def _case_cards(cases: list, cases_url: str, residents: dict, caretakers: dict) -> None:
    """What each case's card shows beyond the case itself, worked out once per case."""
    roles = {value: str(label).lower() for value, label in PartyRole.choices}
    short_date = get_format("SHORT_DATE_FORMAT")
    for case in cases:
        case.url = f"{cases_url}{case.pk}/"
        case.urgency_badges = urgency_badges(  # what cases/includes/_urgency.html shows of an open case
            days_to_bailiff=case.days_to_bailiff.days if case.bailiff_date else None,
            follow_up_overdue=case.follow_up_overdue,
            follow_up=dateformat.format(case.next_follow_up, short_date) if case.next_follow_up else "",
            stale=case.is_stale,
        )
        case.party_names = [(name, roles.get(role, role)) for _id, name, role in residents[case.pk]]
        case.bailiff_on = date_format(case.bailiff_date, "D j. b") if case.bailiff_date else ""
        case.follow_up_on = date_format(case.next_follow_up, "D j. b") if case.next_follow_up else ""
        case.last_entry_on = date_format(localtime(case.last_entry_at), "j. b") if case.last_entry_at else ""
        case.responsible_names = [_full_name(*names) for names in caretakers[case.pk]]


@plan_view(*TEAM)
def caseload(request):
    everyone = request.GET.get("show") == "all"
    day = today()
    page, summary = _caseload_page(request, day, everyone)
    # Beside the caseload: what is due this week, the caretaker's own or, for the project leader, the team's.
    # Task texts may name a resident: their cases go into the page's one audit event.
    team = has_role(request, *LEADER)
    tasks = due_tasks(request.plan.pk, day, None if team else request.user.pk, TASKS_SHOWN)
    # The cases' and the tasks' residents in one query; caretakers are shown only on everyone's cases.
    shown = [case.pk for case in page.object_list]
    residents, caretakers = case_people([*{*shown, *(t.case_id for t in tasks)}], caretakers=everyone)
    audit_case_people(request, residents)
    _case_cards(
        page.object_list,
        reverse("cases:caseload", kwargs={"plan_id": request.plan.pk}),
        residents,
        caretakers,
    )
    return render(
        request,
        "cases/caseload.html",
        {
            "page": page,
            "everyone": everyone,
            "summary": summary,
            "today": day,
            "task_groups": group_tasks(tasks, day),
            "team": team,
        },
    )


def _filtered(request, day=None):
    day = day or today()
    return CaseFilter(request.GET, queryset=cases_for_plan(request.plan), plan=request.plan, today=day)


def _choose_from_values(field, choices) -> None:
    """Offer a model choice filter's options from plain values (it still validates by its queryset)."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = [*empty, *choices]


def _full_name(first: str, last: str, username: str) -> str:
    """`user.get_full_name|default:user.username`"""
    return f"{first} {last}".strip() or username


def _offer_filter_choices(form, plan) -> list[tuple[int, str]]:
    """The filters' departments, housing organisations and caretakers, read as values in one query
    (the options of the querysets the filters validate with); the caretakers, `(id, name)`, are the
    ones the reassignment offers too."""
    fields = form.fields
    departments, organisations, staff = filter_choices(plan)
    _choose_from_values(
        fields["department"], [(pk, f"{org} {code} {name}") for pk, org, code, name in departments]
    )
    _choose_from_values(fields["housing_organisation"], organisations)
    staff = [(pk, _full_name(first, last, username)) for pk, first, last, username in staff]
    _choose_from_values(fields["responsible"], staff)
    return staff


@functools.lru_cache(maxsize=4096)
def _short_date(value: datetime.date, date_format: str, language: str) -> str:
    """`value|date:"SHORT_DATE_FORMAT"`, formatted once per date (and language)."""
    return dateformat.format(value, date_format)


class Row(dict):
    """What one row of the plan-wide list shows, as text (the template escapes it).

    A dict, so the template finds each value at its first try; Python reads them as attributes.
    """

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _list_rows(plan_id: int, day, cases, residents, caretakers) -> list[Row]:
    """The page's rows with every text formatted once: URLs from one reverse(), dates with one format."""
    date_format = get_format("SHORT_DATE_FORMAT")
    language = get_language()

    def short_date(value) -> str:
        return _short_date(value, date_format, language) if value else ""

    url = reverse("cases:case_detail", kwargs={"plan_id": plan_id, "pk": 1})
    url_start, url_end = url[: url.rindex("/1/") + 1], url[url.rindex("/1/") + 2 :]
    select_case = _("Select case %(number)s")
    case_types = {value: str(label) for value, label in CaseType.choices}
    outcomes = {value: str(label) for value, label in Outcome.choices}
    rows = []
    for case in cases:
        pk = case["pk"]
        number = f"#{pk}"
        row = Row(
            pk=pk,
            url=f"{url_start}{pk}{url_end}",
            number=number,
            select_label=select_case % {"number": number},
            type=case_types.get(case["case_type"], case["case_type"]),
            residents=", ".join(name for _id, name, _role in residents[pk]),
            department=(
                f"{case['department__housing_organisation__short_name']} {case['department__code']}"
                if case["department_id"]
                else ""
            ),
            caretakers=", ".join(_full_name(*names) for names in caretakers[pk]),
            opened=short_date(case["opened_on"]),
            next_follow_up=short_date(case["next_follow_up"]),
            is_open=case["status"] == CaseStatus.OPEN,
        )
        if row["is_open"]:
            _tier, overdue, stale = urgency_on(
                day,
                status=case["status"],
                bailiff_date=case["bailiff_date"],
                next_follow_up=case["next_follow_up"],
                last_entry_at=case["last_entry_at"],
                opened_on=case["opened_on"],
            )
            bailiff = case["bailiff_date"]
            row["urgency"] = urgency_badges(
                days_to_bailiff=(bailiff - day).days if bailiff else None,
                follow_up_overdue=overdue,
                follow_up=row["next_follow_up"],
                stale=stale,
            )
        else:
            row["outcome"] = outcomes.get(case["outcome"], case["outcome"])
            row["closed"] = short_date(case["closed_on"])
        rows.append(row)
    return rows


#: The plan-wide list's counts and pages, compiled once per plan, day, filters and page.
_LIST_STATEMENTS = Statements(maxsize=512)


def _key_value(value):
    """A filter's cleaned value as part of a key: a model instance by its model and id, a date range
    by its ends (the SQL depends on nothing else of them)."""
    if isinstance(value, models.Model):
        return (value._meta.label, value.pk)
    if isinstance(value, slice):
        return ("range", value.start, value.stop, value.step)
    if isinstance(value, list | tuple):
        return tuple(_key_value(item) for item in value)
    hash(value)  # anything else must be a value in its own right
    return value


def _list_page(request, case_filter: CaseFilter, day: datetime.date) -> tuple[Page, list[dict]]:
    """The page the query string asks for (the nearest one if it is out of range) and its cases' values.

    The filtered cases' count and page are read by statements kept per plan, day and filter values:
    the filter set builds its queryset only the first time."""
    case_filter.is_valid()  # the filters' values (an invalid one is left out, as `qs` leaves it out)
    filters = tuple(
        sorted((name, _key_value(value)) for name, value in case_filter.form.cleaned_data.items())
    )
    key = (request.plan.pk, day, filters)
    counted = _LIST_STATEMENTS.run(("count", key), lambda: case_count(case_filter.qs))
    page = Paginator(range(counted[0] if counted else 0), PAGE_SIZE).get_page(request.GET.get("page"))
    start = (page.number - 1) * PAGE_SIZE
    cases = _LIST_STATEMENTS.run(
        ("page", key, start), lambda: case_list_page(case_filter.qs, start, PAGE_SIZE)
    )
    return page, cases


@plan_view(*LEADER)
def case_list(request):
    day = today()
    case_filter = _filtered(request, day)
    staff = _offer_filter_choices(case_filter.form, request.plan)
    page, cases = _list_page(request, case_filter, day)
    residents, caretakers = case_people([case["pk"] for case in cases])
    terms = request.GET.get("q", "")
    audit_case_people(
        request, residents, action=AuditAction.SEARCH if terms else AuditAction.LIST, search_terms=terms
    )
    page.object_list = _list_rows(request.plan.pk, day, cases, residents, caretakers)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "querystring": query.urlencode(),
            "staff": staff,
            "today": day,
        },
    )


#: The case's own fields in the export, in order: their headers and values come from the model.
EXPORT_FIELDS = [
    "case_type",
    "status",
    "source",
    "opened_on",
    "closed_on",
    "outcome",
    "next_follow_up",
    "arrears_dkk",
    "first_reminder_on",
    "second_reminder_on",
    "eviction_scheduled_on",
    "bailiff_date",
    "housing_advisers_notified_on",
    "complaint_status",
    "legal_department_informed_on",
    "volunteer_mediator",
]


def _field_column(name: str) -> exports.Column:
    field = Case._meta.get_field(name)
    if isinstance(field, models.DateField):
        kind = exports.DATE
    elif isinstance(field, models.IntegerField) and not field.choices:
        kind = exports.INTEGER
    else:
        kind = exports.TEXT
    return exports.Column(capfirst(field.verbose_name), kind)


def _field_value(case, name: str):
    field = Case._meta.get_field(name)
    value = getattr(case, field.attname)
    if field.choices and value not in (None, ""):
        return case._get_FIELD_display(field)
    return value


def export_table(cases) -> exports.Table:
    """The cases' figures, dates and words, plus ids of residents and caretakers; no names or notes."""
    columns = [
        exports.Column(_("Case number"), exports.INTEGER),
        exports.Column(_("Housing organisation")),
        exports.Column(_("Department")),
        *[_field_column(name) for name in EXPORT_FIELDS],
        exports.Column(_("Residents (ids)")),
        exports.Column(_("Residents' roles")),
        exports.Column(_("Responsible caretakers (ids)")),
        exports.Column(_("Entries"), exports.INTEGER),
        exports.Column(_("Minutes"), exports.INTEGER),
        exports.Column(_("Bridge-buildings"), exports.INTEGER),
        exports.Column(_("Last entry"), exports.DATE),
    ]
    return exports.Table(_("Cases"), columns, (_export_row(case) for case in cases))


def _export_row(case) -> list:
    parties = list(case.parties.all())
    department = case.department
    return [
        case.pk,
        department.housing_organisation.short_name if department else "",
        department.code if department else "",
        *[_field_value(case, name) for name in EXPORT_FIELDS],
        ", ".join(str(p.resident_id) for p in parties),
        ", ".join(p.get_role_display() for p in parties),
        ", ".join(str(u.pk) for u in case.responsible.all()),
        case.entry_count,
        case.minutes_total,
        case.bridge_buildings,
        timezone.localtime(case.last_entry_at).date() if case.last_entry_at else None,
    ]


@plan_view(*LEADER)
def case_export(request, fmt: str = "csv"):
    """The filtered cases as CSV or XLSX (see helhedsplan.exports)."""
    rows = list(export_rows(_filtered(request).qs))
    audit_cases(request, rows, action=AuditAction.EXPORT, search_terms=request.GET.get("q", ""))
    return exports.table_response(export_table(rows), fmt, _("cases"), request.plan.slug, today().isoformat())


@plan_view(*LEADER, methods=("POST",))
def case_bulk_reassign(request):
    form = BulkReassignForm(request.POST, plan=request.plan)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = reverse("cases:case_list", kwargs={"plan_id": request.plan.pk})
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    to = form.cleaned_data["to"]
    cases = form.cleaned_data["cases"]
    try:
        with transaction.atomic():  # all or none
            for case in cases:
                case_reassign(case=case, user=request.user, responsible=[to])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(back)
    audit_case_ids(request, [case.pk for case in cases], action=AuditAction.UPDATE)
    messages.success(
        request,
        ngettext(
            "%(count)d case is now with %(name)s.",
            "%(count)d cases are now with %(name)s.",
            len(cases),
        )
        % {"count": len(cases), "name": to.get_full_name() or to.username},
    )
    return redirect(back)
