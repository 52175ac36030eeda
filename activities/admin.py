"""Only the logbook's configuration is in the admin: activities, ideas, boards, meetings, networks and the
course (with its graduates) hold free text about residents and are kept in the app's own pages."""

from django.contrib import admin

from helhedsplan.admin import ModelAdmin

from .models import ActivityKind


@admin.register(ActivityKind)
class ActivityKindAdmin(ModelAdmin):
    list_display = ["__str__", "plan", "standard", "is_active"]
    list_filter = ["plan", "is_active"]
