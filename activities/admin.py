from django.contrib import admin

from .models import (
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardMeeting,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseSession,
    Idea,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "date",
        "plan",
        "kind",
        "initiated_by",
        "participants_residents",
        "participants_others",
    ]
    list_filter = ["plan", "initiated_by", "kind"]
    date_hierarchy = "date"
    search_fields = ["title"]
    autocomplete_fields = ["partners"]
    raw_id_fields = ["department", "initiative", "logged_by"]


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "standard", "is_active"]
    list_filter = ["plan", "is_active"]


class CourseSessionInline(admin.TabularInline):
    model = CourseSession
    extra = 0


@admin.register(CourseCohort)
class CourseCohortAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "start_date", "end_date", "board_members_module"]
    list_filter = ["plan"]
    # Graduates are residents: their names stay out of the admin, like cases (administrators
    # manage configuration, not personal data).
    inlines = [CourseSessionInline]


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "status", "realised_on"]
    list_filter = ["plan", "status"]


class ChildrenBoardMeetingInline(admin.TabularInline):
    model = ChildrenBoardMeeting
    extra = 0


class ChildrenBoardYearInline(admin.TabularInline):
    model = ChildrenBoardYear
    extra = 0


class ChildrenBoardSurveyInline(admin.TabularInline):
    model = ChildrenBoardSurvey
    extra = 0


@admin.register(ChildrenBoard)
class ChildrenBoardAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "established_on", "ended_on", "district_level"]
    list_filter = ["plan"]
    inlines = [ChildrenBoardMeetingInline, ChildrenBoardYearInline, ChildrenBoardSurveyInline]


@admin.register(ResidentMeeting)
class ResidentMeetingAdmin(admin.ModelAdmin):
    list_display = ["department", "date", "attendance", "plan"]
    list_filter = ["plan"]
    date_hierarchy = "date"


class NetworkMeetingInline(admin.TabularInline):
    model = NetworkMeeting
    extra = 0
    fields = ["date", "agenda"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "interval_weeks", "is_active"]
    list_filter = ["plan", "is_active"]
    inlines = [NetworkMeetingInline]
