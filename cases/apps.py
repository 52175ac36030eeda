from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self):
        # The casework metrics register themselves in the catalogue (helhedsplan.metrics).
        from django.contrib.auth import get_user_model

        from helhedsplan import deletion
        from helhedsplan.models import PartnerOrganisation

        from . import metrics  # noqa: F401

        # A signed consent names its partners; removing one would change what the resident signed.
        deletion.protect(PartnerOrganisation, _("signed consents"), lambda partner: partner.consents.all())
        # Deleting a user would silently unassign their cases: deactivate the account instead.
        deletion.protect(
            get_user_model(),
            _("cases the user is responsible for (deactivate the account instead)"),
            lambda user: user.responsible_cases.all(),
        )
