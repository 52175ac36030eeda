"""The district's shared networks in a participating plan's logbook, under /plans/<plan_id>/district/."""

from django.urls import path

from .views import shared

app_name = "shared"

urlpatterns = [
    path("networks/", shared.network_list, name="network_list"),
    path("networks/<int:pk>/", shared.network_detail, name="network_detail"),
    path("networks/<int:network_pk>/meetings/new/", shared.meeting_edit, name="meeting_create"),
    path("networks/<int:network_pk>/meetings/<int:pk>/", shared.meeting_detail, name="meeting_detail"),
    path("networks/<int:network_pk>/meetings/<int:pk>/edit/", shared.meeting_edit, name="meeting_edit"),
]
