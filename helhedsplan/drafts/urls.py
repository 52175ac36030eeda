from django.urls import path

from . import views

app_name = "drafts"

urlpatterns = [
    path("save/", views.draft_save_view, name="save"),
    path("discard/", views.draft_discard_view, name="discard"),
]
