"""Managing the success criteria, their versions and the milestones (project leader)."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.forms.models import model_to_dict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from helhedsplan.access import LEADER, get_in_plan, plan_view
from helhedsplan.models import Plan
from helhedsplan.views.editing import edit_page

from ..agreements import agreement_from_plan, builtin_agreements, plan_agreement_copy
from ..forms import AgreementSourceForm, CriterionForm, CriterionVersionForm, MilestoneForm
from ..metrics import catalogue
from ..models import CriterionVersion, Milestone, SuccessCriterion
from ..selectors import criteria_with_versions, target_label, version_for, version_target


def _list_url(request):
    return reverse("reporting:criterion_list", kwargs={"plan_id": request.plan.pk})


def _describe(version, *, plan, today, memo):
    """The version's metric, unit and target in the words the dashboard and the notes use."""
    if version is None:
        return {}
    metric = catalogue.get(version.metric)
    decimals = metric.decimals(version.params) if metric else 0
    target = version_target(version, plan=plan, as_of=today, memo=memo)
    return {
        "metric": metric.label if metric else version.metric,
        "unit": metric.unit(version.params) if metric else "",
        "target": target_label(version, target, decimals),
    }


@plan_view(*LEADER)
def criterion_list(request):
    today = timezone.localdate()
    memo = {}  # one count of housing organisations for every "done by a date" target
    criteria = []
    for criterion, versions in criteria_with_versions(request.plan):
        current = version_for(versions, today.year, today) or (versions[-1] if versions else None)
        criteria.append(
            {
                "criterion": criterion,
                "version": current,
                "versions": len(versions),
                **_describe(current, plan=request.plan, today=today, memo=memo),
            }
        )
    return render(request, "reporting/criterion_list.html", {"criteria": criteria})


def _version_page(request, *, criterion, version_form, title, criterion_form=None):
    return render(
        request,
        "reporting/criterion_form.html",
        {
            "title": title,
            "criterion": criterion,
            "criterion_form": criterion_form,
            "form": version_form,
            "param_groups": _param_groups(version_form),
            "cancel_url": criterion.get_absolute_url() if criterion and criterion.pk else _list_url(request),
        },
        status=400 if request.method == "POST" else 200,
    )


def _param_groups(form):
    groups = {}
    for metric, _param, name in form.param_fields:
        groups.setdefault(metric.key, {"key": metric.key, "label": metric.label, "fields": []})[
            "fields"
        ].append(form[name])
    return list(groups.values())


@plan_view(*LEADER, methods=("GET", "POST"))
def criterion_create(request):
    plan = request.plan
    criterion_form = CriterionForm(request.POST or None, plan=plan)
    version_form = CriterionVersionForm(
        request.POST or None,
        plan=plan,
        prefix="version",
        initial={
            "valid_from": plan.start_date,
            "first_year": plan.start_date.year,
            "last_year": plan.end_date.year,
        },
    )
    if request.method == "POST" and criterion_form.is_valid():
        with transaction.atomic():
            criterion = criterion_form.save()
            version_form.criterion = criterion
            if version_form.is_valid():
                version_form.save()
                messages.success(request, _("Saved."))
                return redirect(criterion.get_absolute_url())
            transaction.set_rollback(True)
    elif request.method == "POST":
        version_form.is_valid()  # show its errors too
    return _version_page(
        request,
        criterion=None,
        version_form=version_form,
        criterion_form=criterion_form,
        title=_("New success criterion"),
    )


@plan_view(*LEADER)
def criterion_detail(request, pk):
    criterion = get_in_plan(
        request,
        SuccessCriterion.objects.select_related("focus_area", "initiative").prefetch_related(
            Prefetch(
                "versions",
                CriterionVersion.objects.select_related("reference_district").order_by("-valid_from"),
            )
        ),
        pk=pk,
    )
    today, memo = timezone.localdate(), {}
    versions = [
        {"version": v, **_describe(v, plan=request.plan, today=today, memo=memo)}
        for v in criterion.versions.all()
    ]
    return render(request, "reporting/criterion_detail.html", {"criterion": criterion, "versions": versions})


@plan_view(*LEADER, methods=("GET", "POST"))
def criterion_edit(request, pk):
    criterion = get_in_plan(request, SuccessCriterion, pk=pk)
    return edit_page(
        request,
        form_class=CriterionForm,
        instance=criterion,
        plan=request.plan,
        title=_("Edit success criterion %(code)s") % {"code": criterion.code},
        success_url=criterion.get_absolute_url(),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def version_create(request, pk):
    """A new version, filled in from the latest one: change what the revision changed."""
    criterion = get_in_plan(request, SuccessCriterion, pk=pk)
    latest = criterion.versions.order_by("-valid_from").first()
    initial = {"valid_from": timezone.localdate()}
    instance = CriterionVersion(criterion=criterion)
    if latest:
        initial = {**model_to_dict(latest, exclude=["id", "criterion"]), **initial, "note": ""}
        instance.metric, instance.params = latest.metric, latest.params
    form = CriterionVersionForm(
        request.POST or None, plan=request.plan, criterion=criterion, instance=instance, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(criterion.get_absolute_url())
    return _version_page(
        request,
        criterion=criterion,
        version_form=form,
        title=_("New version of %(code)s") % {"code": criterion.code},
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def version_edit(request, criterion_pk, pk):
    criterion = get_in_plan(request, SuccessCriterion, pk=criterion_pk)
    version = get_in_plan(request, CriterionVersion, "criterion__plan", pk=pk, criterion=criterion)
    form = CriterionVersionForm(
        request.POST or None, plan=request.plan, criterion=criterion, instance=version
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(criterion.get_absolute_url())
    return _version_page(
        request,
        criterion=criterion,
        version_form=form,
        title=_("Edit version of %(code)s valid from %(date)s")
        % {"code": criterion.code, "date": date_format(version.valid_from, "SHORT_DATE_FORMAT")},
    )


@plan_view(*LEADER)
def milestone_list(request):
    milestones = Milestone.objects.filter(plan=request.plan).select_related("housing_organisation", "partner")
    return render(request, "reporting/milestone_list.html", {"milestones": milestones})


@plan_view(*LEADER, methods=("GET", "POST"))
def milestone_edit(request, pk=None):
    milestone = get_in_plan(request, Milestone, pk=pk) if pk else None
    return edit_page(
        request,
        form_class=MilestoneForm,
        instance=milestone,
        plan=request.plan,
        title=_("Edit milestone") if milestone else _("New milestone"),
        success_url=reverse("reporting:milestone_list", kwargs={"plan_id": request.plan.pk}),
    )


def _agreement_sources(plan):
    """key -> (label, loader): the built-in agreements and the installation's other plans with criteria."""
    sources = {
        f"template:{key}": (
            _("Built-in: %(title)s (%(codes)s)")
            % {"title": agreement["title"], "codes": ", ".join(c["code"] for c in agreement["criteria"])},
            lambda agreement=agreement: agreement,
        )
        for key, agreement in builtin_agreements().items()
    }
    others = Plan.objects.exclude(pk=plan.pk).filter(criteria__isnull=False).distinct().order_by("name")
    for other in others:
        sources[f"plan:{other.pk}"] = (
            _("The plan %(plan)s (%(period)s)") % {"plan": other.name, "period": other.period_label},
            lambda other=other: agreement_from_plan(other),
        )
    return sources


@plan_view(*LEADER, methods=("GET", "POST"))
def agreement_copy(request):
    """Start the plan from an agreement: copy focus areas, initiatives and criteria, then adjust them."""
    plan = request.plan
    sources = _agreement_sources(plan)
    has_criteria = SuccessCriterion.objects.filter(plan=plan).exists()
    form = AgreementSourceForm(
        request.POST or None, sources=[(k, label) for k, (label, _l) in sources.items()]
    )
    if request.method == "POST" and not has_criteria and form.is_valid():
        agreement = sources[form.cleaned_data["source"]][1]()
        result = plan_agreement_copy(plan=plan, agreement=agreement, user=request.user)
        messages.success(
            request,
            _(
                "Copied %(criteria)s success criteria, %(areas)s focus areas and "
                "%(initiatives)s initiatives. Check each criterion's baseline, target and years."
            )
            % {"criteria": result.criteria, "areas": result.focus_areas, "initiatives": result.initiatives},
        )
        for note in result.notes:
            messages.warning(request, note)
        return redirect(_list_url(request))
    return render(
        request,
        "reporting/agreement_copy.html",
        {"form": form, "has_criteria": has_criteria},
        status=400 if request.method == "POST" else 200,
    )
