"""The Naboskaber course: cohorts, their sessions, the graduates and their certificates."""

from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from cases import selectors as resident_selectors
from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.exports import file_name
from helhedsplan.models import AuditAction
from helhedsplan.views.editing import edit_page

from ..certificates import certificates_pdf
from ..forms import CohortForm, GraduateForm, SessionForm
from ..models import CourseCohort, CourseGraduate, CourseSession
from .editing import FORM_TEMPLATE

CONTEXT = {"active": "course"}


@plan_view(*TEAM)
def cohort_list(request):
    cohorts = (
        CourseCohort.objects.filter(plan=request.plan)
        .select_related("initiative")
        .annotate(
            session_count=Count("sessions", distinct=True),
            graduate_count=Count("graduates", distinct=True),
            last_session=Max("sessions__date"),
        )
        .order_by("-start_date", "name")
    )
    return render(request, "activities/cohort_list.html", {"cohorts": cohorts, **CONTEXT})


def _audit_graduates(request, graduates, *, action: str, extra_residents=()) -> None:
    """Graduates are residents: every page, PDF or change that shows them names them in the log."""
    audit_log(
        request,
        action=action,
        object_type="course_graduate",
        object_ids=[g.pk for g in graduates],
        resident_ids={*(g.resident_id for g in graduates), *extra_residents} - {None},
    )


@plan_view(*TEAM)
def cohort_detail(request, pk):
    cohort = get_in_plan(request, CourseCohort.objects.select_related("initiative"), pk=pk)
    graduates = list(cohort.graduates.order_by("name"))
    _audit_graduates(request, graduates, action=AuditAction.LIST)
    return render(
        request,
        "activities/cohort_detail.html",
        {
            "cohort": cohort,
            "sessions": cohort.sessions.order_by("date"),
            "graduates": graduates,
            "ideas": cohort.ideas.order_by("title"),
            **CONTEXT,
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def cohort_edit(request, pk=None):
    cohort = get_in_plan(request, CourseCohort, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=CohortForm,
        instance=cohort,
        title=_("Edit course cohort") if cohort else _("New course cohort"),
        success_url=lambda obj: obj.get_absolute_url(),
        cancel_url=cohort.get_absolute_url()
        if cohort
        else reverse("activities:cohort_list", kwargs={"plan_id": request.plan.pk}),
        context=CONTEXT,
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def session_edit(request, cohort_pk, pk=None):
    cohort = get_in_plan(request, CourseCohort, pk=cohort_pk)
    session = (
        get_in_plan(request, CourseSession, "cohort__plan", pk=pk, cohort=cohort)
        if pk
        else CourseSession(cohort=cohort)
    )
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=SessionForm,
        instance=session,
        title=_("Edit session") if pk else _("New session"),
        success_url=cohort.get_absolute_url(),
        context={
            **CONTEXT,
            "parent": cohort,
            "delete_type": "course_session" if pk else None,
            "entry": session,
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def graduate_edit(request, cohort_pk, pk=None):
    cohort = get_in_plan(request, CourseCohort, pk=cohort_pk)
    graduate = (
        get_in_plan(request, CourseGraduate, "cohort__plan", pk=pk, cohort=cohort)
        if pk
        else CourseGraduate(cohort=cohort)
    )
    offered = set()
    if pk:
        # The form offers the resident records with the graduate's name: a look-up of residents.
        offered = {
            *resident_selectors.residents_named(request.plan, graduate.name).values_list("pk", flat=True)
        }
    response = edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=GraduateForm,
        instance=graduate,
        title=_("Edit graduate") if pk else _("Add a graduate"),
        success_url=cohort.get_absolute_url(),
        context={**CONTEXT, "parent": cohort, "delete_type": "graduate" if pk else None, "entry": graduate},
    )
    if request.method == "POST" and response.status_code in (301, 302, 303):
        _audit_graduates(request, [graduate], action=AuditAction.UPDATE if pk else AuditAction.CREATE)
    elif pk:
        _audit_graduates(request, [graduate], action=AuditAction.VIEW, extra_residents=offered)
    elif request.method == "POST":  # a refused new graduate: what was typed is shown again
        _audit_graduates(request, [], action=AuditAction.VIEW)
    return response


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    # Inline: the browser shows it, ready to print.
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@plan_view(*TEAM)
def graduate_certificate(request, cohort_pk, pk):
    cohort = get_in_plan(request, CourseCohort.objects.select_related("plan"), pk=cohort_pk)
    graduate = get_in_plan(request, CourseGraduate, "cohort__plan", pk=pk, cohort=cohort)
    pdf = certificates_pdf(cohort=cohort, graduates=[graduate])
    _audit_graduates(request, [graduate], action=AuditAction.EXPORT)
    return _pdf_response(pdf, file_name(_("certificate"), graduate.name, extension="pdf"))


@plan_view(*TEAM)
def cohort_certificates(request, pk):
    """All the cohort's certificates in one PDF, a page each, for printing at the last session."""
    cohort = get_in_plan(request, CourseCohort.objects.select_related("plan"), pk=pk)
    graduates = list(cohort.graduates.order_by("name"))
    pdf = certificates_pdf(cohort=cohort, graduates=graduates)
    _audit_graduates(request, graduates, action=AuditAction.EXPORT)
    return _pdf_response(pdf, file_name(_("certificates"), cohort.name, extension="pdf"))
