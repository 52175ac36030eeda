"""The Django admin: configuration and accounts, never personal data.

Administrators hold no plan role. Residents, cases, consents, the logbook and course graduates are not
registered here, and every delete page lists what it would delete or what stands in the way as counts per
kind of record (`CountsOnlyDeleteMixin`), never the records' names.
"""

import datetime
from collections import Counter

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import deletion
from .bounds import BoundedForm
from .models import (
    AuditEvent,
    BudgetLine,
    ContactPerson,
    Department,
    FocusArea,
    HousingOrganisation,
    Initiative,
    Membership,
    Neighbourhood,
    PartnerOrganisation,
    Plan,
)


class CountsOnlyDeleteMixin:
    """Delete pages say "course graduates: 12", not the graduates' names (nor residents', nor parties')."""

    def get_deleted_objects(self, objs, request):
        _to_delete, model_count, perms_needed, _protected = super().get_deleted_objects(objs, request)
        collector = NestedObjects(using=router.db_for_write(self.model))
        collector.collect(objs)
        protected = Counter(type(obj)._meta.verbose_name_plural for obj in collector.protected)
        # The guards the database cannot check, on the rows themselves and on what would cascade with them.
        for model, rows in collector.data.items():
            if deletion.is_guarded(model):
                for row in rows:
                    for label, blocking in deletion.blockers(row):
                        protected[label] += blocking.count()
        to_delete = [f"{name}: {count}" for name, count in model_count.items()]
        return to_delete, model_count, perms_needed, [f"{name}: {count}" for name, count in protected.items()]


class AdminForm(BoundedForm, forms.ModelForm):
    """The admin's forms get the same ranges as the app's (a plan period in year 1 is refused here too)."""


class ModelAdmin(CountsOnlyDeleteMixin, admin.ModelAdmin):
    """The base of every admin page of the project."""

    form = AdminForm


class TabularInline(admin.TabularInline):
    form = AdminForm


admin.site.unregister(get_user_model())
admin.site.unregister(Group)


@admin.register(get_user_model())
class UserAdmin(CountsOnlyDeleteMixin, DjangoUserAdmin):
    """Accounts: an account shared by several plans is changed here, not from a plan's staff page."""


@admin.register(Group)
class GroupAdmin(CountsOnlyDeleteMixin, DjangoGroupAdmin):
    pass


class MembershipInline(TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Plan)
class PlanAdmin(ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ModelAdmin):
    list_display = ["user", "plan", "role", "job_title"]
    list_filter = ["plan", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "plan"]


class BudgetLineInline(TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(FocusArea)
class FocusAreaAdmin(ModelAdmin):
    list_display = ["name", "plan", "valid_from"]
    list_filter = ["plan"]
    inlines = [BudgetLineInline]


@admin.register(Initiative)
class InitiativeAdmin(ModelAdmin):
    list_display = ["name", "focus_area", "number"]
    list_filter = ["focus_area__plan"]


@admin.register(HousingOrganisation)
class HousingOrganisationAdmin(ModelAdmin):
    list_display = ["short_name", "name", "plan"]
    list_filter = ["plan"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(ModelAdmin):
    list_display = ["name", "district", "plan"]
    list_filter = ["plan"]


@admin.register(Department)
class DepartmentAdmin(ModelAdmin):
    list_display = ["code", "name", "housing_organisation", "neighbourhood", "homes"]
    list_filter = ["plan", "housing_organisation"]


class ContactPersonInline(TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(ModelAdmin):
    list_display = ["name", "kind", "plan"]
    list_filter = ["plan", "kind"]
    search_fields = ["name"]
    inlines = [ContactPersonInline]


class PeriodFilter(admin.SimpleListFilter):
    """Quick periods; the date hierarchy above the list narrows to a year, month or day."""

    title = _("period")
    parameter_name = "period"
    DAYS = {"1": 1, "7": 7, "30": 30, "365": 365}

    def lookups(self, request, model_admin):
        return [
            ("1", _("Last 24 hours")),
            ("7", _("Last 7 days")),
            ("30", _("Last 30 days")),
            ("365", _("Last year")),
        ]

    def queryset(self, request, queryset):
        days = self.DAYS.get(self.value() or "")
        if days is None:
            return queryset
        return queryset.filter(at__gte=timezone.now() - datetime.timedelta(days=days))


@admin.register(AuditEvent)
class AuditEventAdmin(ModelAdmin):
    """The audit log, read-only: search by username or by resident id ("resident:17" or "17")."""

    list_display = ["at", "username", "role", "plan", "action", "allowed", "record_type", "short_ids", "path"]
    list_filter = [PeriodFilter, "action", "allowed", "plan"]
    date_hierarchy = "at"
    search_fields = ["username"]
    search_help_text = _("Username, or a resident's id (e.g. 17).")
    list_select_related = ["plan"]
    show_full_result_count = False
    readonly_fields = [field.name for field in AuditEvent._meta.fields]

    @admin.display(description=_("type of record"), ordering="object_type")
    def record_type(self, event):
        return event.object_type_label

    @admin.display(description=_("record ids"))
    def short_ids(self, event):
        ids = event.object_ids or []
        shown = ", ".join(map(str, ids[:10]))
        return f"{shown} …" if len(ids) > 10 else shown

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip().lower().removeprefix("resident:").strip()
        if term.isdigit():
            return queryset.for_resident(int(term)), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
