"""A new plan starts with the standard activity kinds, so logging works from its first day
(and no page has to write them on a GET)."""

from . import services


def give_new_plan_the_standard_kinds(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.activity_kinds_ensure_standard(plan=instance)
