"""Outside any plan: the calendar feeds, reached with their secret key only."""

from django.urls import path

from . import views

urlpatterns = [path("feed.ics", views.calendar_feed, name="calendar_feed")]
