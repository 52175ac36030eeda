"""The caretaker's caseload, the project leader's plan-wide list, its CSV export and bulk reassignment.

Who sees what: a caretaker's start page lists the open cases they are
responsible for; they can switch to all open cases of the plan, because
caretakers cover for each other (holidays, sick days) and may open any case of
their plan. The project leader filters, sorts and exports every case.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db import models, transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from helhedsplan import exports
from helhedsplan.access import LEADER, TEAM, has_role, plan_view
from helhedsplan.models import AuditAction
from helhedsplan.views.paging import PAGE_SIZE, page_of

from ..filters import CaseFilter
from ..forms import BulkReassignForm
from ..models import Case, CaseParty
from ..selectors import URGENT_BAILIFF_DAYS, Urgency, caseload_for, cases_for_plan, export_rows
from ..services import case_reassign
from ..tasks import tasks_due
from .audit import audit_case_ids, audit_cases
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


def _caseload_page(request, cases, soon: datetime.date) -> tuple[Page, dict]:
    """The page of the caseload and its counts. A caseload that fits on its first page (the usual one)
    is read in one query and counted here; a longer one is counted by the database."""
    number = request.GET.get("page")
    paginator = Paginator(cases, PAGE_SIZE)
    first = None
    if number in (None, "", "1"):
        first = list(cases[: PAGE_SIZE + 1])  # one more than fits: are there more pages?
        if len(first) <= PAGE_SIZE:
            paginator.count = len(first)
            page = paginator.page(1)
            page.object_list = first
            return page, _caseload_summary(first, soon)
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


def _case_cards(cases: list, cases_url: str, everyone: bool) -> None:
    """What each case's card shows beyond the case itself, worked out once per case."""
    for case in cases:
        case.url = f"{cases_url}{case.pk}/"
        case.party_names = [(p.resident.name, p.get_role_display().lower()) for p in case.parties.all()]
        case.bailiff_on = date_format(case.bailiff_date, "D j. b") if case.bailiff_date else ""
        case.follow_up_on = date_format(case.next_follow_up, "D j. b") if case.next_follow_up else ""
        case.last_entry_on = date_format(localtime(case.last_entry_at), "j. b") if case.last_entry_at else ""
        if everyone:
            case.responsible_names = [u.get_full_name() or u.username for u in case.responsible.all()]


@plan_view(*TEAM)
def caseload(request):
    everyone = request.GET.get("show") == "all"
    day = today()
    cases = caseload_for(request.user, request.plan, day, everyone=everyone)
    if not everyone:  # the caretakers are shown only on everyone's cases
        cases = cases.prefetch_related(None).prefetch_related(
            Prefetch(
                "parties",
                queryset=CaseParty.objects.select_related("resident").order_by("role", "resident__name"),
            )
        )
    page, summary = _caseload_page(request, cases, day + datetime.timedelta(days=URGENT_BAILIFF_DAYS))
    # Beside the caseload: what is due this week, the caretaker's own or, for the project leader, the team's.
    # Task texts may name a resident: their cases go into the page's one audit event.
    team = has_role(request, *LEADER)
    tasks = list(tasks_due(request.plan, day, user=None if team else request.user)[:TASKS_SHOWN])
    audit_cases(request, page, also_case_ids=[t.case_id for t in tasks])
    _case_cards(page.object_list, reverse("cases:caseload", kwargs={"plan_id": request.plan.pk}), everyone)
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


def _filtered(request):
    return CaseFilter(
        request.GET, queryset=cases_for_plan(request.plan, today()), plan=request.plan, today=today()
    )


@plan_view(*LEADER)
def case_list(request):
    case_filter = _filtered(request)
    page = page_of(request, case_filter.qs)
    terms = request.GET.get("q", "")
    audit_cases(request, page, action=AuditAction.SEARCH if terms else AuditAction.LIST, search_terms=terms)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "filter": case_filter,
            "page": page,
            "querystring": query.urlencode(),
            "reassign_form": BulkReassignForm(plan=request.plan),
            "today": today(),
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
