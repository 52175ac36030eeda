from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("residents/<int:pk>/access-request.json", views.access_request_json, name="access_request_json"),
    path("residents/<int:pk>/access-request.pdf", views.access_request_pdf, name="access_request_pdf"),
    path("residents/<int:pk>/erase/", views.resident_erase_view, name="resident_erase"),
]
