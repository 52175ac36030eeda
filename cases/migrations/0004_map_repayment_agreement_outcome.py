"""Cases closed as "Repayment agreement" become "Eviction averted: repayment agreement", history included.

The two outcomes meant the same; whether an eviction was scheduled is on the case. No figure changes:
no success criterion counts one without the other (criteria that list the old value are mapped by
reporting 0003).
"""

from django.db import migrations

OLD, NEW = "repayment_agreement", "averted_repayment"


def forwards(apps, schema_editor):
    for name in ("Case", "HistoricalCase"):
        apps.get_model("cases", name).objects.filter(outcome=OLD).update(outcome=NEW)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_one_repayment_outcome")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
