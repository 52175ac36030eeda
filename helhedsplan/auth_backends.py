"""Authentication backends: django-axes' lockout check, and Django's accounts with a cheaper look-up."""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from . import hotpath


class LockoutBackend(AxesStandaloneBackend):
    """Refuse locked-out username+address pairs before the password is checked.

    Authentication without a request (the test client's `login`, the shell)
    is not an attack over the network, so it is passed on to AccountBackend
    instead of being refused as axes does by default.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class AccountBackend(ModelBackend):
    """Django's username and password accounts; the signed-in user of every request is loaded
    in one prepared SELECT (see hotpath) instead of a query the ORM builds each time."""

    def get_user(self, user_id):
        user = hotpath.get_by_pk(get_user_model(), user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
