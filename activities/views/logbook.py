"""The logbook itself: the list of entries with filters, the month view, the CSV export,
the yearly totals and removing an entry logged by mistake."""

import calendar
import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplan import bounds, exports
from helhedsplan.access import LEADER, TEAM, get_in_plan, has_role, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction
from helhedsplan.views.paging import PAGE_SIZE

from .. import selectors, services
from ..filters import LogbookFilter
from ..models import CourseGraduate, Idea


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@plan_view(*TEAM)
def logbook(request):
    """Every entry of the logbook, newest first; the project leader also sees the yearly totals."""
    plan = request.plan
    filterset = LogbookFilter(request.GET, plan=plan)
    page = filterset.qs.page(request.GET.get("page"), PAGE_SIZE)
    context = {
        "filterset": filterset,
        "page": page,
        "entries": selectors.as_entries(page.object_list, plan, filterset.names),
        "query": _query_without(request, "page"),
        "active": "logbook",
    }
    if has_role(request, *LEADER):
        years = selectors.plan_years(plan, timezone.localdate())
        context["years"] = years
        context["totals"], context["by_initiative"] = selectors.logbook_figures(plan, years)
    return render(request, "activities/logbook.html", context)


def _month(value: str | None, today: datetime.date) -> datetime.date:
    """The first day of `?month=YYYY-MM`; this month if it is missing, malformed or out of range."""
    try:
        first = datetime.date.fromisoformat(f"{value}-01") if value else None
    except ValueError:
        first = None
    return first if first and bounds.in_date_range(first) else today.replace(day=1)


@plan_view(*TEAM)
def month(request):
    """The entries of one month as a calendar (a list by day on a phone)."""
    plan = request.plan
    today = timezone.localdate()
    first = _month(request.GET.get("month"), today)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    filterset = LogbookFilter(request.GET, plan=plan)
    criteria = {**filterset.criteria(), "date_from": first, "date_to": last}
    entries = selectors.as_entries(selectors.logbook_entries(plan=plan, **criteria), plan, filterset.names)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append(
            [
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "entries": [e for e in entries if e.covers(day)] if day.month == first.month else [],
                }
                for day in week
            ]
        )
    days = [day for week in weeks for day in week if day["in_month"] and day["entries"]]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return render(
        request,
        "activities/month.html",
        {
            "filterset": filterset,
            "first": first,
            "weeks": weeks,
            "days": days,
            "entry_count": len(entries),
            "today": today,
            "previous": previous,
            "following": following,
            "query": _query_without(request, "month", "page", "date_from", "date_to"),
            "weekdays": [datetime.date(2018, 1, d) for d in range(1, 8)],  # 1 January 2018 was a Monday
            "active": "month",
        },
    )


def export_table(entries) -> exports.Table:
    columns = [
        exports.Column(_("Type")),
        exports.Column(_("Date"), exports.DATE),
        exports.Column(_("Last day"), exports.DATE),
        exports.Column(_("Title")),
        exports.Column(_("Kind")),
        exports.Column(_("Department or place")),
        exports.Column(_("Initiative of the agreement")),
        exports.Column(_("Initiated by")),
        exports.Column(_("Residents taking part"), exports.INTEGER),
        exports.Column(_("Of whom children"), exports.INTEGER),
        exports.Column(_("Others taking part"), exports.INTEGER),
        exports.Column(_("Volunteers"), exports.INTEGER),
        exports.Column(_("Partner organisations")),
        exports.Column(_("Note")),
    ]
    rows = (
        [
            e.type_label,
            e.date,
            e.end,
            e.title,
            e.kind,
            e.place,
            e.initiative,
            e.initiated_by_label,
            e.residents,
            e.children,
            e.others,
            e.volunteers,
            ", ".join(e.partners),
            e.note,
        ]
        for e in entries
    )
    return exports.Table(_("Logbook"), columns, rows)


@plan_view(*LEADER)
def export_csv(request, fmt: str = "csv"):
    """The filtered logbook as CSV or XLSX (see helhedsplan.exports)."""
    plan = request.plan
    filterset = LogbookFilter(request.GET, plan=plan)
    entries = selectors.attach_partners(selectors.as_entries(filterset.qs, plan, filterset.names))
    return exports.table_response(
        export_table(entries), fmt, _("logbook"), plan.slug, f"{timezone.localdate():%Y-%m-%d}"
    )


#: What may be removed from the logbook by its URL name, and where to go afterwards.
_DELETABLE = {
    **services.DELETABLE_ENTRIES,
    "graduate": (CourseGraduate, "cohort__plan"),
    "idea": (Idea, "plan"),
}


@plan_view(*LEADER, methods=("GET", "POST"))
def entry_delete(request, entry_type, pk):
    """Ask, then remove an entry logged by mistake (e.g. twice), a graduate or an idea."""
    if entry_type not in _DELETABLE:
        raise Http404
    model, plan_path = _DELETABLE[entry_type]
    entry = get_in_plan(request, model, plan_path, pk=pk)
    back = _after_delete(request, entry_type, entry)
    if entry_type == "graduate":  # a resident: asking shows the name, deleting removes the record
        audit_log(
            request,
            action=AuditAction.DELETE if request.method == "POST" else AuditAction.VIEW,
            object_type="course_graduate",
            object_ids=[entry.pk],
            resident_ids=[entry.resident_id] if entry.resident_id else [],
        )
    if request.method == "POST":
        if entry_type in services.DELETABLE_ENTRIES:
            services.entry_delete(entry=entry)
        else:
            entry.delete()
        messages.success(request, _("Deleted."))
        return redirect(back)
    return render(
        request,
        "activities/confirm_delete.html",
        {"entry": entry, "what": model._meta.verbose_name, "cancel_url": back, "active": "logbook"},
    )


def _after_delete(request, entry_type, entry) -> str:
    if entry_type in ("graduate", "course_session"):
        return entry.cohort.get_absolute_url()
    if entry_type == "board_meeting":
        return entry.board.get_absolute_url()
    if entry_type == "network_meeting":
        return entry.network.get_absolute_url()
    if entry_type == "idea":
        return reverse("activities:idea_list", kwargs={"plan_id": request.plan.pk})
    if entry_type == "resident_meeting":
        return reverse("activities:resident_meeting_list", kwargs={"plan_id": request.plan.pk})
    return reverse("activities:logbook", kwargs={"plan_id": request.plan.pk})
