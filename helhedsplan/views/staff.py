"""The plan's staff: memberships managed by the project leader; accounts only where the plan's alone."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import services
from ..access import LEADER, get_in_plan, plan_view
from ..forms import ExistingColleagueForm, NewStaffForm, StaffForm
from ..models import Membership


def _staff_list_url(request) -> str:
    return reverse("helhedsplan:staff_list", kwargs={"plan_id": request.plan.pk})


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors next to the fields they name (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request, form, title, **extra):
    context = {"form": form, "title": title, "cancel_url": _staff_list_url(request), **extra}
    return render(request, "helhedsplan/staff_form.html", context)


@plan_view(*LEADER)
def staff_list(request):
    # One query: the memberships with their users and whether each account is in other plans too.
    memberships = (
        Membership.objects.filter(plan=request.plan)
        .select_related("user")
        .annotate(other_plans=Count("user__memberships", filter=~Q(user__memberships__plan=request.plan)))
        .order_by("role", "user__first_name", "user__last_name")
    )
    return render(request, "helhedsplan/staff_list.html", {"memberships": memberships})


@plan_view(*LEADER, methods=("GET", "POST"))
def staff_create(request):
    form = NewStaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create_with_account(plan=request.plan, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_staff_list_url(request))
    return _form_page(request, form, _("New staff member"))


@plan_view(*LEADER, methods=("GET", "POST"))
def staff_add_existing(request):
    form = ExistingColleagueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add_existing(
                plan=request.plan, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now on the plan's staff.")
                % {"name": membership.user.get_full_name() or membership.user.get_username()},
            )
            return redirect(_staff_list_url(request))
    return _form_page(request, form, _("Add an existing colleague"))


@plan_view(*LEADER, methods=("GET", "POST"))
def staff_edit(request, pk):
    membership = get_in_plan(request, Membership.objects.select_related("user", "plan"), pk=pk)
    editable = services.account_editable_from_plan(user=membership.user, plan=request.plan)
    form = StaffForm(request.POST or None, membership=membership, account_editable=editable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # both or neither
                services.membership_update(
                    membership=membership, by=request.user, role=data["role"], job_title=data["job_title"]
                )
                if editable:
                    services.account_update(
                        membership=membership,
                        by=request.user,
                        first_name=data["first_name"],
                        last_name=data["last_name"],
                        email=data["email"],
                        is_active=data["is_active"],
                        new_password=data["new_password"],
                    )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(_staff_list_url(request))
    return _form_page(
        request,
        form,
        _("Edit staff member"),
        membership=membership,
        account_editable=editable,
        end_url=reverse("helhedsplan:staff_end", kwargs={"plan_id": request.plan.pk, "pk": membership.pk}),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def staff_end(request, pk):
    membership = get_in_plan(request, Membership.objects.select_related("user", "plan"), pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.membership_end(membership=membership, by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("The membership has ended. Everything the colleague logged is kept."))
            return redirect(_staff_list_url(request))
    return render(
        request,
        "helhedsplan/staff_end.html",
        {"membership": membership, "error": error, "cancel_url": _staff_list_url(request)},
    )
