"""Reporting URLs under /plans/<plan_id>/reporting/, grouped by sub-domain.

Each group is a list of its own so that later parts of the app (status notes)
add a group without touching the others.
"""

from django.urls import path

from .views import api, criteria, dashboard, statistics

app_name = "reporting"

dashboard_patterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("<int:year>/", dashboard.dashboard, name="dashboard_year"),
    path("<int:year>/criteria/<int:pk>/", dashboard.drilldown, name="drilldown"),
    path("api/<int:year>.json", api.criteria_json, name="api_criteria"),
]

statistics_patterns = [
    path("statistics/", statistics.overview, name="statistics"),
    path("statistics/housing/", statistics.housing_grid, name="housing_grid"),
    path("statistics/districts/", statistics.district_grid, name="district_grid"),
    path("statistics/districts/new/", statistics.district_create, name="district_create"),
    path("statistics/import/", statistics.import_upload, name="import"),
    path("statistics/import/confirm/", statistics.import_confirm, name="import_confirm"),
    path(
        "statistics/import/template/<str:kind>.<str:fmt>", statistics.import_template, name="import_template"
    ),
    path("statistics/history/", statistics.history, name="statistics_history"),
]

criteria_patterns = [
    path("criteria/", criteria.criterion_list, name="criterion_list"),
    path("criteria/new/", criteria.criterion_create, name="criterion_create"),
    path("criteria/from-agreement/", criteria.agreement_copy, name="agreement_copy"),
    path("criteria/<int:pk>/", criteria.criterion_detail, name="criterion_detail"),
    path("criteria/<int:pk>/edit/", criteria.criterion_edit, name="criterion_edit"),
    path("criteria/<int:pk>/versions/new/", criteria.version_create, name="version_create"),
    path("criteria/<int:criterion_pk>/versions/<int:pk>/edit/", criteria.version_edit, name="version_edit"),
    path("milestones/", criteria.milestone_list, name="milestone_list"),
    path("milestones/new/", criteria.milestone_edit, name="milestone_create"),
    path("milestones/<int:pk>/edit/", criteria.milestone_edit, name="milestone_edit"),
]

urlpatterns = [*dashboard_patterns, *statistics_patterns, *criteria_patterns]
