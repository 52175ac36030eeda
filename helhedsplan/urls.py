"""Root URLconf. Every plan page lives under /plans/<plan_id>/."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .views import account, home, housing, installation, partners, plan, staff

plan_patterns = [
    path("", plan.plan_detail, name="plan_detail"),
    path("start/", home.plan_start, name="plan_start"),
    path("edit/", plan.plan_edit, name="plan_edit"),
    path("focus-areas/new/", plan.focus_area_edit, name="focus_area_create"),
    path("focus-areas/<int:pk>/edit/", plan.focus_area_edit, name="focus_area_edit"),
    path("focus-areas/<int:focus_area_pk>/budget/new/", plan.budget_line_edit, name="budget_line_create"),
    path(
        "focus-areas/<int:focus_area_pk>/budget/<int:pk>/edit/",
        plan.budget_line_edit,
        name="budget_line_edit",
    ),
    path("initiatives/new/", plan.initiative_edit, name="initiative_create"),
    path("initiatives/<int:pk>/edit/", plan.initiative_edit, name="initiative_edit"),
    path("housing/", housing.housing, name="housing"),
    path("housing/organisations/new/", housing.housing_organisation_edit, name="housing_organisation_create"),
    path(
        "housing/organisations/<int:pk>/edit/",
        housing.housing_organisation_edit,
        name="housing_organisation_edit",
    ),
    path("housing/neighbourhoods/new/", housing.neighbourhood_edit, name="neighbourhood_create"),
    path("housing/neighbourhoods/<int:pk>/edit/", housing.neighbourhood_edit, name="neighbourhood_edit"),
    path("housing/departments/new/", housing.department_edit, name="department_create"),
    path("housing/departments/import/", housing.department_import, name="department_import"),
    path(
        "housing/departments/import/confirm/",
        housing.department_import_confirm,
        name="department_import_confirm",
    ),
    path("housing/departments/<int:pk>/edit/", housing.department_edit, name="department_edit"),
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/new/", partners.partner_edit, name="partner_create"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:partner_pk>/contacts/new/", partners.contact_edit, name="contact_create"),
    path("partners/<int:partner_pk>/contacts/<int:pk>/edit/", partners.contact_edit, name="contact_edit"),
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/new/", staff.staff_create, name="staff_create"),
    path("staff/add-existing/", staff.staff_add_existing, name="staff_add_existing"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff_edit"),
    path("staff/<int:pk>/end/", staff.staff_end, name="staff_end"),
]

installation_patterns = [
    path("plans/", installation.plan_list, name="plan_list"),
    path("plans/new/", installation.plan_new, name="plan_new"),
    path("plans/<int:pk>/leaders/", installation.plan_leaders, name="plan_leaders"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("login/two-factor/", account.two_factor_view, name="two_factor"),
    path("login/backup-codes/", account.backup_codes_view, name="backup_codes"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("session/", include("helhedsplan.drafts.session_urls")),
    path("calendar/", include("reporting.agenda.feed_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("installation/", include((installation_patterns, "installation"))),
    path("plans/<int:plan_id>/", include((plan_patterns, "helhedsplan"))),
    path("plans/<int:plan_id>/cases/", include("cases.urls")),
    path("plans/<int:plan_id>/logbook/", include("activities.urls")),
    path("plans/<int:plan_id>/reporting/", include("reporting.urls")),
    path("plans/<int:plan_id>/notes/", include("reporting.notes.urls")),
    path("plans/<int:plan_id>/privacy/", include("cases.privacy.urls")),
    path("plans/<int:plan_id>/district/", include("reporting.districts.plan_urls")),
    path("districts/<int:district_id>/", include("reporting.districts.urls")),
    path("plans/<int:plan_id>/drafts/", include("helhedsplan.drafts.urls")),
    path("plans/<int:plan_id>/calendar/", include("reporting.agenda.urls")),
]
