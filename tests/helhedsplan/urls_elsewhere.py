"""Another URL configuration, for tests/helhedsplan/test_kept_urls.py: the same name, another path."""

from django.http import HttpResponse
from django.urls import path


def _view(request):
    return HttpResponse()


urlpatterns = [path("anderswo/login/", _view, name="login")]
