from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelhedsplanConfig(AppConfig):
    name = "helhedsplan"
    verbose_name = _("Master plans")

    def ready(self):
        from . import lookups, signals  # noqa: F401 - integer __in lookup; the login receivers
        from .library_strings import translate_library_models

        translate_library_models()
