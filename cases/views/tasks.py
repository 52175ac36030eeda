"""Follow-up tasks: adding one to a case, accepting a suggestion, ticking it off, and the task list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from helhedsplan.access import LEADER, TEAM, get_in_plan, has_role, plan_view
from helhedsplan.models import AuditAction

from ..forms import TaskForm
from ..models import Task
from ..selectors import consents_for_case
from ..tasks import due_tasks, task_accept_suggestion, task_create, task_set_done
from .audit import audit_case_ids
from .common import add_service_errors, case_in_plan, today


def _tasks_anchor(case) -> str:
    return case.get_absolute_url() + "#tasks"


@plan_view(*TEAM, methods=("GET", "POST"))
def task_create_view(request, pk):
    case = case_in_plan(request, pk)
    form = TaskForm(request.POST or None, plan=request.plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            task_create(case=case, user=request.user, today=today(), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The task has been added."))
            return redirect(_tasks_anchor(case))
    return render(
        request,
        "helhedsplan/form.html",
        {
            "form": form,
            "title": _("New task on %(case)s") % {"case": case},
            "cancel_url": _tasks_anchor(case),
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def task_accept(request, pk):
    """POST: accept one of the case's suggestions (a GET only leads back to the case)."""
    case = case_in_plan(request, pk)
    if request.method == "POST":
        day = today()
        try:
            task_accept_suggestion(
                case=case,
                user=request.user,
                key=request.POST.get("suggestion", ""),
                consents=consents_for_case(case, day),
                today=day,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The task has been added."))
    return redirect(_tasks_anchor(case))


@plan_view(*TEAM, methods=("GET", "POST"))
def task_toggle(request, pk, task_pk):
    """POST: mark the task done or not done (a GET only leads back to the case)."""
    case = case_in_plan(request, pk)
    task = get_in_plan(request, Task, "case__plan", pk=task_pk, case=case)
    if request.method == "POST":
        task_set_done(task=task, user=request.user, done=request.POST.get("done") == "1", today=today())
    target = request.POST.get("back", "")
    if target == "tasks":
        return redirect("cases:task_list", plan_id=request.plan.pk)
    return redirect(_tasks_anchor(case))


@plan_view(*TEAM)
def task_list(request):
    """What is due: overdue, today and this week. The project leader sees the team's."""
    team = has_role(request, *LEADER)
    day = today()
    tasks = due_tasks(request.plan.pk, day, None if team else request.user.pk, None)
    audit_tasks(request, tasks)
    return render(
        request, "cases/task_list.html", {"groups": group_tasks(tasks, day), "team": team, "today": day}
    )


def audit_tasks(request, tasks) -> None:
    """Task texts may name a resident: the cases shown are logged like a list of cases."""
    case_ids = sorted({t.case_id for t in tasks})
    if case_ids:
        audit_case_ids(request, case_ids, action=AuditAction.LIST)


def group_tasks(tasks, day) -> list[tuple[str, list]]:
    """(heading, tasks) for overdue, today and the rest of the week, empty groups left out.

    Each task gets `case_url`, its case's address (the panel's links are written from it).
    """
    if tasks:
        cases_url = reverse("cases:caseload", kwargs={"plan_id": tasks[0].case.plan_id})
        for task in tasks:
            task.case_url = f"{cases_url}{task.case_id}/"
    overdue = [t for t in tasks if t.due_on < day]
    due_today = [t for t in tasks if t.due_on == day]
    later = [t for t in tasks if t.due_on > day]
    groups = [(_("Overdue"), overdue), (_("Today"), due_today), (_("This week"), later)]
    return [(heading, items) for heading, items in groups if items]
