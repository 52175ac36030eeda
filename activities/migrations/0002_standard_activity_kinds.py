"""Give every existing plan the standard activity kinds (new plans get them when created).

The list is repeated here on purpose: a data migration never imports app code.
"""

from django.db import migrations

STANDARD_KINDS = [
    ("communal_dining", "Communal dining", 10),
    ("flea_market", "Flea market", 20),
    ("planting", "Planting", 30),
    ("trip", "Trip", 40),
    ("workshop", "Workshop", 50),
    ("sports", "Sports", 60),
    ("homework_help", "Homework help", 70),
    ("other", "Other", 990),
]


def add_standard_kinds(apps, schema_editor):
    Plan = apps.get_model("helhedsplan", "Plan")
    ActivityKind = apps.get_model("activities", "ActivityKind")
    for plan in Plan.objects.all():
        present = set(ActivityKind.objects.filter(plan=plan).values_list("standard", flat=True))
        ActivityKind.objects.bulk_create(
            [
                ActivityKind(plan=plan, standard=standard, name=name, position=position)
                for standard, name, position in STANDARD_KINDS
                if standard not in present
            ],
            ignore_conflicts=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_standard_kinds, migrations.RunPython.noop),
    ]
