from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Logbook")

    def ready(self):
        from helhedsplan import deletion
        from helhedsplan.models import PartnerOrganisation, Plan

        from . import metrics  # noqa: F401  (the logbook metrics register themselves)
        from .signals import give_new_plan_the_standard_kinds

        deletion.protect(
            PartnerOrganisation, _("logged activities"), lambda partner: partner.activities.all()
        )
        deletion.protect(PartnerOrganisation, _("networks"), lambda partner: partner.networks.all())
        post_save.connect(
            give_new_plan_the_standard_kinds, sender=Plan, dispatch_uid="activities_standard_kinds"
        )
