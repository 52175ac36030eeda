"""Setting up a district: its plans, coordinators, contracts and shared networks.

Meetings are logged by the plans' staff in their logbook, not here.
"""

from django.contrib import admin

from helhedsplan.admin import ModelAdmin, TabularInline

from .models import (
    Contract,
    ContractParty,
    ContractPlan,
    ContractVersion,
    District,
    DistrictMembership,
    DistrictPlan,
    SharedNetwork,
)


class DistrictPlanInline(TabularInline):
    model = DistrictPlan
    extra = 0


class DistrictMembershipInline(TabularInline):
    model = DistrictMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(District)
class DistrictAdmin(ModelAdmin):
    list_display = ["name", "forum_name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [DistrictPlanInline, DistrictMembershipInline]


class ContractVersionInline(TabularInline):
    model = ContractVersion
    extra = 0
    show_change_link = True


class ContractPartyInline(TabularInline):
    model = ContractParty
    extra = 0


@admin.register(Contract)
class ContractAdmin(ModelAdmin):
    list_display = ["focus_area", "district", "title"]
    list_filter = ["district"]
    inlines = [ContractVersionInline, ContractPartyInline]


class ContractPlanInline(TabularInline):
    model = ContractPlan
    extra = 0


@admin.register(ContractVersion)
class ContractVersionAdmin(ModelAdmin):
    list_display = ["contract", "issued_on", "label"]
    inlines = [ContractPlanInline]


@admin.register(SharedNetwork)
class SharedNetworkAdmin(ModelAdmin):
    list_display = ["name", "district", "kind", "interval_weeks", "is_active"]
    list_filter = ["district", "kind"]
