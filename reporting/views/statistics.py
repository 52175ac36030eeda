"""Statistics from outside: the year × unit grids, the file import and the history of changes."""

import base64

from django.contrib import messages
from django.db.models import Count, F, Window
from django.db.models.functions import Lag
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from helhedsplan.access import LEADER, plan_view
from helhedsplan.models import FIRST_YEAR, LAST_YEAR
from helhedsplan.tables import CSV, XLSX, TableUploadForm, write_table
from helhedsplan.views.editing import edit_page

from ..forms import DistrictForm
from ..imports import DANISH_HEADERS, DISTRICT, HEADERS, HOUSING, statistics_template
from ..models import DistrictMeasure, DistrictStatistic, HousingMeasure, HousingStatistic
from ..services import (
    cell_name,
    default_years,
    district_grid_units,
    housing_grid_units,
    statistics_grid_save,
    statistics_import,
)

SESSION_IMPORT_KEY = "reporting_import"


def _overview_url(request):
    return reverse("reporting:statistics", kwargs={"plan_id": request.plan.pk})


@plan_view(*LEADER)
def overview(request):
    """Which figures the app has, per measure and year (one aggregate query per kind)."""
    plan = request.plan
    housing = HousingStatistic.objects.filter(plan=plan).values("measure", "year").annotate(n=Count("pk"))
    district = DistrictStatistic.objects.filter(plan=plan).values("measure", "year").annotate(n=Count("pk"))
    counts = {(r["measure"], r["year"]): r["n"] for r in [*housing, *district]}
    years = default_years(plan, sorted({year for _m, year in counts}))
    rows = []
    for kind, measures in ((HOUSING, HousingMeasure), (DISTRICT, DistrictMeasure)):
        for measure in measures:
            grid = "reporting:housing_grid" if kind == HOUSING else "reporting:district_grid"
            rows.append(
                {
                    "label": measure.label,
                    "url": reverse(grid, kwargs={"plan_id": plan.pk}) + f"?measure={measure.value}",
                    "cells": [counts.get((measure.value, y), 0) for y in years],
                }
            )
    return render(request, "reporting/statistics.html", {"years": years, "rows": rows})


def _years_from_request(request, plan, stored_years):
    years = default_years(plan, stored_years)
    try:
        first = int(request.GET.get("from", years[0]))
        last = int(request.GET.get("to", years[-1]))
    except ValueError:
        return years
    if FIRST_YEAR <= first <= last <= LAST_YEAR and last - first < 30:
        return list(range(first, last + 1))
    return years


def _display(value):
    return "" if value is None else number_format(value.normalize(), use_l10n=True)


def _grid_page(request, *, kind, measure, measures, units, stored, years, template_extra):
    plan = request.plan
    errors = {}
    if request.method == "POST":
        result = statistics_grid_save(
            plan=plan,
            kind=kind,
            measure=measure,
            units=units,
            years=years,
            data=request.POST,
            user=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _("Saved: %(saved)s figures changed, %(deleted)s removed.")
                % {"saved": result.saved, "deleted": result.deleted},
            )
            return redirect(request.get_full_path())
        errors = result.errors
        messages.error(request, _("Nothing was saved: correct the marked cells."))
    rows = []
    for unit in units:
        cells = []
        for year in years:
            name = cell_name(unit.key, year)
            text = (
                request.POST.get(name, "")
                if request.method == "POST"
                else _display(stored.get((unit.key, year)))
            )
            cells.append({"name": name, "value": text, "error": errors.get(name, ""), "year": year})
        rows.append({"unit": unit, "cells": cells})
    context = {
        "measure": measure,
        "measure_label": dict(measures.choices)[measure],
        "measures": measures.choices,
        "years": years,
        "rows": rows,
        "has_errors": bool(errors),
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        **template_extra,
    }
    return render(request, "reporting/grid.html", context, status=400 if errors else 200)


@plan_view(*LEADER, methods=("GET", "POST"))
def housing_grid(request):
    plan = request.plan
    measure = request.GET.get("measure") or HousingMeasure.EVICTIONS
    if measure not in HousingMeasure.values:
        raise Http404
    level = "department" if request.GET.get("level") == "department" else "area"
    units = housing_grid_units(plan, level)
    stats = HousingStatistic.objects.filter(plan=plan, measure=measure)
    stored = {}
    for stat in stats:
        key = (
            f"d{stat.department_id}"
            if stat.department_id
            else f"a{stat.housing_organisation_id}-{stat.neighbourhood_id}"
        )
        stored[(key, stat.year)] = stat.value
    years = _years_from_request(request, plan, sorted({year for _k, year in stored}))
    return _grid_page(
        request,
        kind=HOUSING,
        measure=measure,
        measures=HousingMeasure,
        units=units,
        stored=stored,
        years=years,
        template_extra={
            "title": _("Housing statistics"),
            "level": level,
            "grid_url": reverse("reporting:housing_grid", kwargs={"plan_id": plan.pk}),
            "show_homes": True,
        },
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def district_grid(request):
    plan = request.plan
    measure = request.GET.get("measure") or DistrictMeasure.UNSAFE_SHARE
    if measure not in DistrictMeasure.values:
        raise Http404
    units = district_grid_units(plan)
    by_district = {u.district.pk: u.key for u in units if u.district}
    stored = {
        (by_district[s.district_id], s.year): s.value
        for s in DistrictStatistic.objects.filter(plan=plan, measure=measure)
        if s.district_id in by_district
    }
    years = _years_from_request(request, plan, sorted({year for _k, year in stored}))
    return _grid_page(
        request,
        kind=DISTRICT,
        measure=measure,
        measures=DistrictMeasure,
        units=units,
        stored=stored,
        years=years,
        template_extra={
            "title": _("District statistics"),
            "grid_url": reverse("reporting:district_grid", kwargs={"plan_id": plan.pk}),
            "show_homes": False,
        },
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def district_create(request):
    return edit_page(
        request,
        form_class=DistrictForm,
        plan=request.plan,
        title=_("New district"),
        success_url=reverse("reporting:district_grid", kwargs={"plan_id": request.plan.pk}),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def import_upload(request):
    """Upload a file and see what it would change; nothing is written yet."""
    report = None
    form = TableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = form.content()
        report = statistics_import(plan=request.plan, content=content, filename=upload.name, dry_run=True)
        if report.ok and (report.new or report.changed):
            request.session[SESSION_IMPORT_KEY] = {
                "plan": request.plan.pk,
                "filename": upload.name,
                "content": base64.b64encode(content).decode("ascii"),
            }
    return render(
        request,
        "reporting/import.html",
        {"form": form, "report": report, **_format_help()},
        status=400 if report is not None and not report.ok else 200,
    )


def _format_help():
    return {
        "headers": {k: ";".join(v) for k, v in DANISH_HEADERS.items()},
        "english_headers": {k: ",".join(v) for k, v in HEADERS.items()},
    }


@plan_view(*LEADER)
def import_template(request, kind, fmt):
    """The file to fill in, with the plan's units and years; the leader only types the figures."""
    if kind not in (HOUSING, DISTRICT) or fmt not in (CSV, XLSX):
        raise Http404
    per_department = kind == HOUSING and request.GET.get("level") == "department"
    rows = statistics_template(request.plan, kind, per_department=per_department)
    content, content_type = write_table(rows, fmt, sheet_title=_("Statistics"))
    response = HttpResponse(content, content_type=content_type)
    name = f"statistik-{request.plan.slug}-{'boliger' if kind == HOUSING else 'bydele'}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@plan_view(*LEADER, methods=("POST",))
def import_confirm(request):
    """Write the previewed file; it is validated again, so nothing half-valid gets in."""
    pending = request.session.pop(SESSION_IMPORT_KEY, None)
    if not pending or pending.get("plan") != request.plan.pk:
        messages.error(request, _("There is no file waiting to be imported; upload it again."))
        return redirect("reporting:import", plan_id=request.plan.pk)
    report = statistics_import(
        plan=request.plan,
        content=base64.b64decode(pending["content"]),
        filename=pending["filename"],
        user=request.user,
    )
    if not report.ok:
        return render(
            request,
            "reporting/import.html",
            {
                "form": TableUploadForm(),
                "report": report,
                **_format_help(),
            },
            status=400,
        )
    messages.success(
        request,
        _("Imported %(file)s: %(new)s new and %(changed)s corrected figures, %(unchanged)s unchanged.")
        % {
            "file": pending["filename"],
            "new": len(report.new),
            "changed": len(report.changed),
            "unchanged": report.unchanged,
        },
    )
    return redirect(_overview_url(request))


@plan_view(*LEADER)
def history(request):
    """The latest changes of the statistics, with the value before each change."""
    plan = request.plan
    previous = Window(Lag("value"), partition_by=[F("id")], order_by=F("history_date").asc())
    housing = (
        HousingStatistic.history.filter(plan=plan)
        .annotate(previous=previous)
        .select_related("history_user", "housing_organisation", "neighbourhood", "department")
        .order_by("-history_date")[:100]
    )
    district = (
        DistrictStatistic.history.filter(plan=plan)
        .annotate(previous=previous)
        .select_related("history_user", "district")
        .order_by("-history_date")[:100]
    )
    return render(request, "reporting/history.html", {"housing": housing, "district": district})
