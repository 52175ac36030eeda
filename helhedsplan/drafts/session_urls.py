"""Outside any plan: the 'Stay logged in' button of every page."""

from django.urls import path

from . import views

urlpatterns = [path("keepalive/", views.session_keepalive, name="session_keepalive")]
