"""django-axes' lockout check, for logins that come through a web request."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Refuse locked-out username+address pairs before the password is checked.

    Authentication without a request (the test client's `login`, the shell)
    is not an attack over the network, so it is passed on to ModelBackend
    instead of being refused as axes does by default.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
