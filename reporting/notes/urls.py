from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("", views.note_list, name="list"),
    path("new/", views.note_create, name="create"),
    path("<int:pk>/", views.note_detail, name="detail"),
    path("<int:pk>/summary/", views.note_summary_edit, name="summary_edit"),
    path("<int:pk>/sections/<int:section_pk>/", views.section_edit, name="section_edit"),
    path("<int:pk>/criteria/<str:code>/barriers/", views.criterion_barrier_edit, name="criterion_barrier"),
    path("<int:pk>/submit/", views.note_submit, name="submit"),
    path("<int:pk>/reopen/", views.note_reopen, name="reopen"),
    path("<int:pk>/approve/", views.note_approve, name="approve"),
    path("<int:pk>/publish/", views.note_publish, name="publish"),
    path("<int:pk>/new-version/", views.note_supersede, name="supersede"),
    path("<int:pk>/pdf/", views.export_pdf, name="export_pdf"),
    path("<int:pk>/docx/", views.export_docx, name="export_docx"),
    path("<int:pk>/xlsx/", views.export_xlsx, name="export_xlsx"),
]
