"""A case's target group moves to its residents, where the resident form already keeps it.

The case and the resident each had a "target group" that could disagree; the resident's flags become
the one source of truth. A case's group is added to the flags of every resident on the case (a flag
already set is never cleared).
"""

from django.db import migrations

ECONOMY, VULNERABLE = 1, 2


def forwards(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Resident = apps.get_model("cases", "Resident")
    for group, flag in ((ECONOMY, "target_group_economy"), (VULNERABLE, "target_group_vulnerable")):
        residents = Resident.objects.filter(
            case_parties__case__in=Case.objects.filter(target_group=group), **{flag: False}
        ).distinct()
        Resident.objects.filter(pk__in=list(residents.values_list("pk", flat=True))).update(**{flag: True})


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_follow_up_tasks")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
