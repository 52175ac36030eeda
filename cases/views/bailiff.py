"""Bailiff lists: upload, triage, and the caretaker's one-click actions (see cases/bailiff_lists.py)."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from helhedsplan.access import TEAM, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction
from helhedsplan.tables import TableUploadForm

from ..bailiff_lists import (
    CASE,
    DANISH_HEADER,
    NEW,
    OUTSIDE,
    read_bailiff_list,
    rows_sign,
    rows_unsign,
    triage,
)
from ..models import CaseSource, CaseType, PartyRole
from ..services import case_open, case_update, resident_create


def _triage_page(request, *, form, filename, rows, reading=None, status=200):
    items = triage(request.plan, rows) if rows else []
    # The page shows residents' names and arrears: audited like every personal-data page.
    if items:
        audit_log(
            request,
            action=AuditAction.LIST,
            object_type="bailiff_list",
            object_ids=[item.case.pk for item in items if item.case],
            resident_ids=[item.resident.pk for item in items if item.resident],
        )
    groups = [
        (CASE, _("Already a case"), [i for i in items if i.status == CASE]),
        (NEW, _("New: no open case"), [i for i in items if i.status == NEW]),
        (OUTSIDE, _("Not ours: outside the plan's departments"), [i for i in items if i.status == OUTSIDE]),
    ]
    return render(
        request,
        "cases/bailiff_list.html",
        {
            "form": form,
            "reading": reading,
            "filename": filename,
            "groups": groups,
            "token": rows_sign(plan=request.plan, filename=filename, rows=rows) if rows else "",
            "header": ";".join(DANISH_HEADER),
        },
        status=status,
    )


@never_cache
@plan_view(*TEAM, methods=("GET", "POST"))
def bailiff_list(request):
    """Upload a list and see it triaged; nothing is written and the file is not kept."""
    form = TableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        filename = form.cleaned_data["file"].name
        reading = read_bailiff_list(form.content(), filename)
        if not reading.ok:
            return _triage_page(request, form=form, filename=filename, rows=[], reading=reading, status=400)
        return _triage_page(
            request, form=TableUploadForm(), filename=filename, rows=reading.rows, reading=reading
        )
    return _triage_page(request, form=form, filename="", rows=[])


@never_cache
@plan_view(*TEAM, methods=("POST",))
def bailiff_list_act(request):
    """A caretaker's click on one row: open a case, or update the open case's bailiff's date."""
    try:
        filename, rows = rows_unsign(request.POST.get("list", ""), plan=request.plan)
        index = int(request.POST.get("row", ""))
        item = triage(request.plan, [rows[index]])[0]
    except (signing.BadSignature, ValueError, IndexError, TypeError):
        messages.error(request, _("The list has expired or is not this plan's; upload it again."))
        return redirect("cases:bailiff_list", plan_id=request.plan.pk)
    row = item.row
    action = request.POST.get("action")
    reason = _("From the bailiff list %(file)s, line %(line)s") % {"file": filename, "line": row.line}
    try:
        if action == "open" and item.status == NEW:
            resident = item.resident or resident_create(
                plan=request.plan,
                user=request.user,
                name=row.name,
                address=row.address,
                department=item.department,
            )
            case = case_open(
                plan=request.plan,
                user=request.user,
                case_type=CaseType.EVICTION_PREVENTION,
                source=CaseSource.ARREARS_LIST,
                parties=[(resident, PartyRole.RESIDENT)],
                responsible=[request.user],
                department=item.department or resident.department,
                summary=_("Bailiff's date %(date)s") % {"date": row.bailiff_on.strftime("%d.%m.%Y")},
                details={
                    "arrears_dkk": row.arrears,
                    "eviction_scheduled_on": row.scheduled_on,
                    "bailiff_date": row.bailiff_on,
                },
            )
            audit_log(
                request,
                action=AuditAction.CREATE,
                object_type="case",
                object_ids=[case.pk],
                resident_ids=[resident.pk],
            )
            messages.success(request, _("Case %(number)s is opened.") % {"number": case.number})
        elif action == "update" and item.status == CASE and item.bailiff_changed:
            case = item.case
            case._change_reason = reason
            case_update(
                case=case,
                user=request.user,
                version=case.version,
                bailiff_date=row.bailiff_on,
                eviction_scheduled_on=case.eviction_scheduled_on or row.scheduled_on,
            )
            audit_log(
                request,
                action=AuditAction.UPDATE,
                object_type="case",
                object_ids=[case.pk],
                resident_ids=[item.resident.pk],
            )
            messages.success(
                request,
                _("The bailiff's date of case %(number)s is now %(date)s.")
                % {"number": case.number, "date": row.bailiff_on.strftime("%d.%m.%Y")},
            )
        else:
            messages.info(request, _("Nothing to do for line %(line)s any more.") % {"line": row.line})
    except ValidationError as error:
        problems = " ".join(m for ms in error.message_dict.values() for m in ms)
        messages.error(request, _("Line %(line)s: %(problems)s") % {"line": row.line, "problems": problems})
    return _triage_page(request, form=TableUploadForm(), filename=filename, rows=rows)
