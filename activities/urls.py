"""The logbook, under /plans/<plan_id>/logbook/."""

from django.urls import path

from .views import activities, children_boards, course, ideas, logbook, meetings

app_name = "activities"

urlpatterns = [
    path("", logbook.logbook, name="logbook"),
    path("month/", logbook.month, name="month"),
    path("export.csv", logbook.export_csv, name="export_csv"),
    path("export.xlsx", logbook.export_csv, {"fmt": "xlsx"}, name="export_xlsx"),
    path("entries/<str:entry_type>/<int:pk>/delete/", logbook.entry_delete, name="entry_delete"),
    # Activities and their kinds.
    path("activities/new/", activities.activity_create, name="activity_create"),
    path("activities/<int:pk>/", activities.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activities.activity_edit, name="activity_edit"),
    path("kinds/", activities.kind_list, name="kind_list"),
    path("kinds/new/", activities.kind_edit, name="kind_create"),
    path("kinds/<int:pk>/edit/", activities.kind_edit, name="kind_edit"),
    # The course.
    path("course/", course.cohort_list, name="cohort_list"),
    path("course/new/", course.cohort_edit, name="cohort_create"),
    path("course/<int:pk>/", course.cohort_detail, name="cohort_detail"),
    path("course/<int:pk>/edit/", course.cohort_edit, name="cohort_edit"),
    path("course/<int:pk>/certificates.pdf", course.cohort_certificates, name="cohort_certificates"),
    path("course/<int:cohort_pk>/sessions/new/", course.session_edit, name="session_create"),
    path("course/<int:cohort_pk>/sessions/<int:pk>/edit/", course.session_edit, name="session_edit"),
    path("course/<int:cohort_pk>/graduates/new/", course.graduate_edit, name="graduate_create"),
    path("course/<int:cohort_pk>/graduates/<int:pk>/edit/", course.graduate_edit, name="graduate_edit"),
    path(
        "course/<int:cohort_pk>/graduates/<int:pk>/certificate.pdf",
        course.graduate_certificate,
        name="graduate_certificate",
    ),
    # Ideas.
    path("ideas/", ideas.idea_list, name="idea_list"),
    path("ideas/new/", ideas.idea_edit, name="idea_create"),
    path("ideas/<int:pk>/edit/", ideas.idea_edit, name="idea_edit"),
    # Children's boards.
    path("children-boards/", children_boards.children_board_list, name="children_board_list"),
    path("children-boards/new/", children_boards.children_board_edit, name="children_board_create"),
    path("children-boards/<int:pk>/", children_boards.children_board_detail, name="children_board_detail"),
    path("children-boards/<int:pk>/edit/", children_boards.children_board_edit, name="children_board_edit"),
    path(
        "children-boards/<int:board_pk>/meetings/new/",
        children_boards.children_board_meeting_edit,
        name="children_board_meeting_create",
    ),
    path(
        "children-boards/<int:board_pk>/meetings/<int:pk>/edit/",
        children_boards.children_board_meeting_edit,
        name="children_board_meeting_edit",
    ),
    path(
        "children-boards/<int:board_pk>/years/new/",
        children_boards.children_board_year_edit,
        name="children_board_year_create",
    ),
    path(
        "children-boards/<int:board_pk>/years/<int:pk>/edit/",
        children_boards.children_board_year_edit,
        name="children_board_year_edit",
    ),
    path(
        "children-boards/<int:board_pk>/surveys/new/",
        children_boards.children_board_survey_edit,
        name="children_board_survey_create",
    ),
    path(
        "children-boards/<int:board_pk>/surveys/<int:pk>/edit/",
        children_boards.children_board_survey_edit,
        name="children_board_survey_edit",
    ),
    # Resident meetings.
    path("resident-meetings/", meetings.resident_meeting_list, name="resident_meeting_list"),
    path("resident-meetings/new/", meetings.resident_meeting_edit, name="resident_meeting_create"),
    path("resident-meetings/<int:pk>/edit/", meetings.resident_meeting_edit, name="resident_meeting_edit"),
    # Networks with partners.
    path("networks/", meetings.network_list, name="network_list"),
    path("networks/new/", meetings.network_edit, name="network_create"),
    path("networks/<int:pk>/", meetings.network_detail, name="network_detail"),
    path("networks/<int:pk>/edit/", meetings.network_edit, name="network_edit"),
    path(
        "networks/<int:network_pk>/meetings/new/",
        meetings.network_meeting_edit,
        name="network_meeting_create",
    ),
    path(
        "networks/<int:network_pk>/meetings/<int:pk>/",
        meetings.network_meeting_detail,
        name="network_meeting_detail",
    ),
    path(
        "networks/<int:network_pk>/meetings/<int:pk>/edit/",
        meetings.network_meeting_edit,
        name="network_meeting_edit",
    ),
]
