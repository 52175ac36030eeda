import datetime

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "plan", "role", "job_title"]
    list_filter = ["plan", "role"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user", "plan"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "valid_from"]
    list_filter = ["plan"]
    inlines = [BudgetLineInline]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "focus_area", "number"]
    list_filter = ["focus_area__plan"]


@admin.register(HousingOrganisation)
class HousingOrganisationAdmin(admin.ModelAdmin):
    list_display = ["short_name", "name", "plan"]
    list_filter = ["plan"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "plan"]
    list_filter = ["plan"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "housing_organisation", "neighbourhood", "homes"]
    list_filter = ["plan", "housing_organisation"]


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
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
class AuditEventAdmin(admin.ModelAdmin):
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
