from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # Reporting's own metrics register themselves in the catalogue (helhedsplan.metrics).
        from .metrics import milestones, statistics  # noqa: F401
