"""Store today's urgency tier on every case whose tier a passing date has changed.

A case's urgency tier (cases.selectors) is stored on the case so the plan-wide case list can be read
in index order. The services store it whenever they change what it depends on; what they cannot see
is the calendar: a follow-up date passing, or 30 days going by without an entry. Run this command
every night just after midnight (local time, TIME_ZONE), before the day's work starts:

    5 0 * * *  cd /srv/helhedsplan && .venv/bin/python manage.py refresh_urgency

It is idempotent: it writes only the cases whose stored tier differs from the rule's tier today, so
running it twice, or again later in the day, changes nothing more. It does not touch the cases'
history or versions. What a page shows about urgency is always computed on the day; until the
command has run, only the order of the plan-wide list can lag behind.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from cases.models import Case
from cases.selectors import store_urgency


class Command(BaseCommand):
    help = (
        "Store today's urgency tier on every case whose tier a passing date has changed (follow-up "
        "overdue, no entry for 30 days). Run it nightly just after midnight; it is idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="Compute the tiers as on this day (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, date=None, **options):
        day = date or timezone.localdate()
        changed = store_urgency(Case.objects.all(), day)
        if options["verbosity"] > 0:
            self.stdout.write(self.style.SUCCESS(f"Urgency as on {day:%Y-%m-%d}: {changed} cases changed."))
