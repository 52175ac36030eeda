"""Logging an entry on a case, and correcting one (the original is kept, superseded)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, get_in_plan, plan_view

from .. import services
from ..forms import EntryForm, EntryLogForm, initial_from_entry
from ..models import Entry, TaskKind
from ..tasks import task_create
from .common import add_service_errors, case_in_plan, today


def _entry_page(request, case, form, *, title, entry=None):
    consent_needed = "partner" in form.errors and form.data.get(form.add_prefix("kind")) == "bridge_building"
    partner = form.data.get(form.add_prefix("partner"), "") if consent_needed else ""
    return render(
        request,
        "cases/entry_form.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "entry": entry,
            "parties": case.parties.select_related("resident").order_by("role", "resident__name"),
            "consent_needed": consent_needed,
            "consent_partner": partner if partner.isdigit() else "",
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def entry_log(request, pk):
    case = case_in_plan(request, pk)
    if not case.is_open:
        messages.info(request, _("The case is closed. Reopen it to log an entry."))
        return redirect(case)
    form = EntryLogForm(request.POST or None, case=case, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        follow_up = form.cleaned_data["next_follow_up"]
        try:
            with transaction.atomic():  # the entry, the follow-up and its task, or none of them
                entry = services.entry_log(case=case, user=request.user, **form.values())
                if follow_up != case.next_follow_up:
                    services.case_schedule_follow_up(case=case, user=request.user, next_follow_up=follow_up)
                if form.cleaned_data["task"]:
                    task_create(
                        case=case,
                        user=request.user,
                        text=form.cleaned_data["task"],
                        due_on=follow_up,
                        kind=TaskKind.FROM_ENTRY,
                        today=today(),
                    )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The entry has been logged."))
            return redirect(entry)
    return _entry_page(request, case, form, title=_("Log an entry"))


@plan_view(*TEAM, methods=("GET", "POST"))
def entry_correct(request, pk, entry_pk):
    case = case_in_plan(request, pk)
    entry = get_in_plan(
        request, Entry.objects.select_related("partner", "contact"), "case__plan", pk=entry_pk, case=case
    )
    if entry.superseded:
        messages.info(
            request, _("This entry has already been corrected. Correct the newest version instead.")
        )
        return redirect(case)
    form = EntryForm(request.POST or None, plan=request.plan, initial=initial_from_entry(entry))
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.entry_correct(entry=entry, user=request.user, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The entry has been corrected; the original is kept in the case's record.")
            )
            return redirect(correction)
    return _entry_page(request, case, form, title=_("Correct an entry"), entry=entry)
