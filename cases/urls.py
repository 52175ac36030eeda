from django.urls import path

from .views import bailiff, cases, entries, lists, residents, tasks

app_name = "cases"

urlpatterns = [
    path("", lists.caseload, name="caseload"),
    path("all/", lists.case_list, name="case_list"),
    path("all/export.csv", lists.case_export, name="case_export"),
    path("all/export.xlsx", lists.case_export, {"fmt": "xlsx"}, name="case_export_xlsx"),
    path("all/reassign/", lists.case_bulk_reassign, name="case_bulk_reassign"),
    path("new/", cases.case_open, name="case_open"),
    path("bailiff-list/", bailiff.bailiff_list, name="bailiff_list"),
    path("bailiff-list/act/", bailiff.bailiff_list_act, name="bailiff_list_act"),
    path("<int:pk>/", cases.case_detail, name="case_detail"),
    path("<int:pk>/edit/", cases.case_edit, name="case_edit"),
    path("<int:pk>/close/", cases.case_close, name="case_close"),
    path("<int:pk>/reopen/", cases.case_reopen, name="case_reopen"),
    path("<int:pk>/reassign/", cases.case_reassign, name="case_reassign"),
    path("<int:pk>/history/", cases.case_history, name="case_history"),
    path("<int:pk>/residents/add/", cases.party_add, name="party_add"),
    path("<int:pk>/residents/<int:party_pk>/remove/", cases.party_remove, name="party_remove"),
    path("<int:pk>/entries/new/", entries.entry_log, name="entry_log"),
    path("<int:pk>/entries/<int:entry_pk>/correct/", entries.entry_correct, name="entry_correct"),
    path("<int:pk>/tasks/new/", tasks.task_create_view, name="task_create"),
    path("<int:pk>/tasks/accept/", tasks.task_accept, name="task_accept"),
    path("<int:pk>/tasks/<int:task_pk>/done/", tasks.task_toggle, name="task_toggle"),
    path("tasks/", tasks.task_list, name="task_list"),
    path("residents/", residents.resident_list, name="resident_list"),
    path("residents/search/", residents.resident_search, name="resident_search"),
    path("residents/new/", residents.resident_create, name="resident_create"),
    path("residents/<int:pk>/", residents.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/edit/", residents.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/history/", residents.resident_history, name="resident_history"),
    path("residents/<int:pk>/consents/new/", residents.consent_create, name="consent_create"),
    path(
        "residents/<int:pk>/consents/<int:consent_pk>/withdraw/",
        residents.consent_withdraw,
        name="consent_withdraw",
    ),
]
