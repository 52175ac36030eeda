"""One case: opening it, its page, editing, closing and reopening, reassigning, parties, history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from helhedsplan.access import LEADER, TEAM, get_in_plan, not_in_plan, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction

from .. import services
from ..forms import (
    CaseCloseForm,
    CaseEditForm,
    CaseOpenForm,
    CaseReassignForm,
    EntryForm,
    EntryLogForm,
    NewResidentForm,
    NewResidentFormSet,
    PartyAddForm,
    PartyFormSet,
    role_choices,
)
from ..models import PARTY_ROLES_BY_TYPE, Case, CaseParty, Resident
from ..tasks import task_suggestions
from . import case_page
from .common import add_service_errors, case_in_plan, today
from .history import history_page


def _new_resident_values(form) -> tuple[dict, str]:
    data = {k: v for k, v in form.cleaned_data.items() if k not in ("role", "DELETE")}
    return data, form.cleaned_data["role"]


@plan_view(*TEAM, methods=("GET", "POST"))
def case_open(request):
    """Open a case in one screen: type, department, residents and roles, source, caretakers, first entry."""
    plan = request.plan
    data = request.POST if request.method == "POST" else None
    initial_parties = []
    resident_id = request.GET.get("resident", "")
    if data is None and resident_id.isdigit():
        resident = get_in_plan(request, Resident, pk=resident_id)
        initial_parties = [{"resident": resident.pk}]
    form = CaseOpenForm(data, plan=plan, user=request.user, initial={"case_type": request.GET.get("type")})
    parties = PartyFormSet(data, prefix="party", plan=plan, initial=initial_parties)
    new_residents = NewResidentFormSet(data, prefix="new", plan=plan)
    entry_form = EntryForm(data, prefix="entry", plan=plan)
    party_errors: list = []

    if data is not None:
        valid = [form.is_valid(), parties.is_valid(), new_residents.is_valid(), entry_form.is_valid()]
        if all(valid):
            try:
                with transaction.atomic():
                    chosen = [
                        (f.cleaned_data["resident"], f.cleaned_data["role"]) for f in parties.filled_forms()
                    ]
                    for f in new_residents.filled_forms():
                        values, role = _new_resident_values(f)
                        chosen.append(
                            (services.resident_create(plan=plan, user=request.user, **values), role)
                        )
                    cleaned = form.cleaned_data
                    case = services.case_open(
                        plan=plan,
                        user=request.user,
                        case_type=cleaned["case_type"],
                        source=cleaned["source"],
                        parties=chosen,
                        responsible=list(cleaned["responsible"]),
                        opened_on=cleaned["opened_on"],
                        department=cleaned["department"],
                        summary=cleaned["summary"],
                        next_follow_up=cleaned["next_follow_up"],
                        details=form.details(),
                        first_entry=entry_form.values(),
                    )
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
                party_errors = errors.pop("parties", [])
                entry_errors = {k[len("entry_") :]: v for k, v in errors.items() if k.startswith("entry_")}
                case_errors = {k: v for k, v in errors.items() if not k.startswith("entry_")}
                if entry_errors:
                    party_errors += add_service_errors(entry_form, ValidationError(entry_errors))
                if case_errors:
                    party_errors += add_service_errors(form, ValidationError(case_errors))
            else:
                messages.success(request, _("The case has been opened."))
                return redirect(case)
        elif not parties.filled_forms() and not new_residents.filled_forms():
            party_errors.append(_("Add at least one resident to the case."))

    ids = [f["resident"].value() for f in parties.forms]
    known = Resident.objects.filter(plan=plan, pk__in=[i for i in ids if str(i).isdigit()]).select_related(
        "department__housing_organisation"
    )
    by_id = {str(r.pk): r for r in known}
    party_rows = [(f, by_id.get(str(f["resident"].value()))) for f in parties.forms]
    return render(
        request,
        "cases/case_open.html",
        {
            "form": form,
            "parties": parties,
            "party_rows": party_rows,
            "new_residents": new_residents,
            "entry_form": entry_form,
            "party_errors": party_errors,
            "roles_by_type": {k: list(v) for k, v in PARTY_ROLES_BY_TYPE.items()},
        },
    )


@plan_view(*TEAM)
def case_detail(request, pk):
    """The case, its residents, facts, tasks and consents, and its entries a page at a time (case_page)."""
    day = today()
    found = case_page.case_in_plan(request.plan.pk, pk, day)
    if not found:
        raise not_in_plan(request, Case, pk)
    case = found[0]
    parties, consents = case_page.parties_and_consents(case, day)
    entries = case_page.entry_page(request, case)
    tasks = case_page.case_tasks(case.pk)
    for task in tasks:
        task.case = case  # as `case.tasks` would have set it
    entry_form = None
    if case.is_open:
        partners = case_page.partner_rows(request.plan)
        entry_form = EntryLogForm(case=case, plan=request.plan, partner_rows=partners)
    # The page's one audit event, with the residents just read (the default event would look them up).
    audit_log(
        request,
        action=AuditAction.VIEW,
        object_type="case",
        object_ids=[case.pk],
        resident_ids=[party["resident_id"] for party in parties],
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "entries": entries,
            "parties": parties,
            "responsible": case_page.responsible_names(case),
            "consents": consents,
            "tasks": tasks,
            "suggestions": task_suggestions(case, tasks=tasks, consents=consents, today=day),
            "entry_form": entry_form,
            "today": day,
            "cases_url": reverse("cases:caseload", kwargs={"plan_id": case.plan_id}),
            "case_url": case.get_absolute_url(),
        },
    )


def _conflict_rows(form, fresh: Case) -> list:
    """What the other person saved, next to what this user typed, for the fields that differ."""
    rows = []
    for name, typed in form.cleaned_data.items():
        if name == "version":
            continue
        saved = fresh.department if name == "department" else getattr(fresh, name, None)
        if (saved.pk if hasattr(saved, "pk") else saved) != (typed.pk if hasattr(typed, "pk") else typed):
            rows.append(
                (form[name].label, _display(form.fields[name], saved), _display(form.fields[name], typed))
            )
    return rows


def _display(field, value) -> str:
    if value in (None, ""):
        return "–"
    if hasattr(field, "choices") and not hasattr(value, "pk"):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


@plan_view(*TEAM, methods=("GET", "POST"))
def case_edit(request, pk):
    case = case_in_plan(request, pk, Case.objects.select_related("department", "plan"))
    conflict = None
    form = CaseEditForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                case=case, user=request.user, version=form.cleaned_data["version"], **form.changes()
            )
        except services.CaseConflictError as error:
            fresh = case_in_plan(
                request, pk, Case.objects.select_related("department__housing_organisation", "plan")
            )
            conflict = _conflict_rows(form, fresh)
            # Keep what they typed; saving again now knowingly replaces the other person's version.
            data = request.POST.copy()
            data["version"] = fresh.version
            form = CaseEditForm(data, case=fresh)
            form.is_valid()
            form.add_error(None, error)
            case = fresh
        except ValidationError as error:
            add_service_errors(form, error)
            case = case_in_plan(request, pk)
        else:
            messages.success(request, _("The case has been saved."))
            return redirect(case)
    return render(request, "cases/case_edit.html", {"case": case, "form": form, "conflict": conflict})


@plan_view(*TEAM, methods=("GET", "POST"))
def case_close(request, pk):
    case = case_in_plan(request, pk)
    if not case.is_open:
        messages.info(request, _("The case is already closed."))
        return redirect(case)
    form = CaseCloseForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_close(case=case, user=request.user, **form.cleaned_data)
        except services.CaseConflictError as error:
            data = request.POST.copy()
            case = case_in_plan(request, pk)
            data["version"] = case.version
            form = CaseCloseForm(data, case=case)
            form.is_valid()
            form.add_error(None, error)
        except ValidationError as error:
            add_service_errors(form, error)
            case = case_in_plan(request, pk)
        else:
            messages.success(request, _("The case has been closed."))
            return redirect(case)
    return render(request, "cases/case_close.html", {"case": case, "form": form})


@plan_view(*TEAM, methods=("GET", "POST"))
def case_reopen(request, pk):
    """GET asks to confirm (the case page posts straight here); POST reopens."""
    case = case_in_plan(request, pk)
    if request.method == "GET":
        return _confirm(
            request,
            case,
            question=_("Reopen %(case)s? Its outcome is kept in the history.") % {"case": case},
            button=_("Reopen case"),
        )
    version = request.POST.get("version", "")
    try:
        services.case_reopen(
            case=case, user=request.user, version=int(version) if version.isdigit() else None
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The case has been reopened."))
    return redirect(case)


def _confirm(request, case, *, question: str, button: str):
    return render(
        request,
        "cases/confirm.html",
        {"case": case, "question": question, "button": button, "version": case.version},
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def case_reassign(request, pk):
    case = case_in_plan(request, pk)
    form = CaseReassignForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_reassign(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            if isinstance(error, services.CaseConflictError):
                form.data = form.data.copy()
                form.data["version"] = case_in_plan(request, pk).version
        else:
            messages.success(request, _("The responsible caretakers have been changed."))
            return redirect(case)
    return render(
        request,
        "helhedsplan/form.html",
        {
            "form": form,
            "title": _("Reassign %(case)s") % {"case": case},
            "cancel_url": case.get_absolute_url(),
        },
    )


@plan_view(*TEAM)
def case_history(request, pk):
    case = case_in_plan(request, pk)
    records = [
        *case.history.select_related("history_user"),
        *CaseParty.history.filter(case_id=case.pk).select_related("history_user"),
    ]
    return history_page(
        request,
        title=_("History of %(case)s") % {"case": case},
        back_url=case.get_absolute_url(),
        records=records,
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def party_add(request, pk):
    """Add a resident to a case: an existing one found by search, or a new one."""
    case = case_in_plan(request, pk)
    add_form = PartyAddForm(case=case)
    new_form = NewResidentForm(prefix="new", plan=request.plan)
    new_form.fields["role"].choices = role_choices(case.case_type)
    if request.method == "POST":
        if "new-name" in request.POST:
            new_form = NewResidentForm(request.POST, prefix="new", plan=request.plan)
            new_form.fields["role"].choices = role_choices(case.case_type)
            target = new_form
        else:
            add_form = PartyAddForm(request.POST, case=case)
            target = add_form
        if target.is_valid():
            try:
                with transaction.atomic():
                    if target is new_form:
                        values, role = _new_resident_values(new_form)
                        resident = services.resident_create(plan=request.plan, user=request.user, **values)
                    else:
                        resident, role = add_form.cleaned_data["resident"], add_form.cleaned_data["role"]
                    services.case_party_add(case=case, user=request.user, resident=resident, role=role)
            except ValidationError as error:
                for message in add_service_errors(target, error):
                    target.add_error(None, message)
                if "resident" in target.errors and target is add_form:
                    for message in target.errors.pop("resident"):
                        target.add_error(None, message)
            else:
                messages.success(request, _("%(name)s has been added to the case.") % {"name": resident.name})
                return redirect(case)
    return render(
        request,
        "cases/party_add.html",
        {"case": case, "add_form": add_form, "new_form": new_form},
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def party_remove(request, pk, party_pk):
    """GET asks to confirm; POST removes the resident from the case (the history keeps it)."""
    case = case_in_plan(request, pk)
    party = get_in_plan(
        request, CaseParty.objects.select_related("resident", "case"), "case__plan", pk=party_pk, case=case
    )
    if request.method == "GET":
        return _confirm(
            request,
            case,
            question=_("Remove %(name)s from %(case)s?") % {"name": party.resident.name, "case": case},
            button=_("Remove from the case"),
        )
    removed = party.resident_id
    try:
        services.case_party_remove(party=party, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s has been removed from the case.") % {"name": party.resident.name}
        )
        # The default event would look the case's residents up after the removal, without this one.
        residents = {removed, *case.parties.values_list("resident_id", flat=True)}
        audit_log(
            request,
            action=AuditAction.UPDATE,
            object_type="case",
            object_ids=[case.pk],
            resident_ids=residents,
            reason="resident removed",
        )
    return redirect(case)
