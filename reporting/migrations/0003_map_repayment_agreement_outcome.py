"""Criteria that count the merged outcome "repayment_agreement" count "averted_repayment" instead.

A criterion listing both counts the same cases as before; one listing only the old value counts the
cases mapped by cases 0004.
"""

from django.db import migrations

OLD, NEW = "repayment_agreement", "averted_repayment"


def forwards(apps, schema_editor):
    CriterionVersion = apps.get_model("reporting", "CriterionVersion")
    for version in CriterionVersion.objects.filter(metric="cases_closed_with_outcome"):
        outcomes = version.params.get("outcomes") or []
        if OLD in outcomes:
            version.params["outcomes"] = sorted({NEW if o == OLD else o for o in outcomes})
            version.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_protect_milestone_partner"),
        ("cases", "0004_map_repayment_agreement_outcome"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
