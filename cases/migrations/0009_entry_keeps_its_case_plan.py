"""Entries keep their case's plan, so that a plan's entries are found by an index (the dashboard's
bridge-building count); existing entries get their case's plan."""

import django.db.models.deletion
from django.db import migrations, models


def fill_plans(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # The foreign key is checked now, not at the end: the column is altered next.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    Entry = apps.get_model("cases", "Entry")
    Case = apps.get_model("cases", "Case")
    plan = models.Subquery(Case.objects.filter(pk=models.OuterRef("case_id")).values("plan_id")[:1])
    Entry.objects.filter(plan__isnull=True).update(plan_id=plan)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_case_urgency_tier"),
        ("helhedsplan", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="helhedsplan.plan",
                verbose_name="plan",
            ),
        ),
        migrations.RunPython(fill_plans, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="entry",
            name="plan",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="helhedsplan.plan",
                verbose_name="plan",
            ),
        ),
        migrations.AddIndex(
            model_name="entry",
            index=models.Index(
                fields=["plan", "kind", "occurred_at"],
                include=("superseded", "bridge_category"),
                name="entry_plan_kind_occurred",
            ),
        ),
    ]
