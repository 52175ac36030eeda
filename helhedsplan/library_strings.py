"""Danish for the libraries that ship without it (django-axes, django-otp), as the admin shows them.

Django looks a message up in the project's own catalogue (LOCALE_PATHS) before the library's, so
listing the library's English strings here puts them in locale/da and the admin reads Danish.
django-otp names its TOTP model without gettext at all; `translate_library_models` gives it names.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

LIBRARY_STRINGS = [
    # django-axes: models, fields and filters
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("Expires At"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Path"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
]


def translate_library_models() -> None:
    """Give django-otp's devices translatable names and a Danish search hint in the admin."""
    from django.apps import apps
    from django.contrib import admin

    names = {
        "otp_totp.TOTPDevice": (_("TOTP device"), _("TOTP devices")),
        "otp_static.StaticDevice": (_("set of backup codes"), _("sets of backup codes")),
    }
    for label, (singular, plural) in names.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue  # that django-otp plugin is not installed
        model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:
            model_admin.search_help_text = _("Search by the user's username or e-mail address")
