"""Anonymise cases closed more than RETENTION_YEARS ago (default five) and remove residents with nothing left.

Idempotent and safe to run nightly: a case that has been anonymised holds
nothing more to remove, so a second run changes nothing. The figures of the
success criteria do not change (cases and entries stay; only their text and
the link to residents go).

    python manage.py apply_retention [--years N] [--dry-run]
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cases.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Anonymise closed cases past the retention period; remove residents with nothing left."

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, help="Retention period in years instead of RETENTION_YEARS.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be anonymised.")

    def handle(self, *args, years=None, dry_run=False, **options):
        years = settings.RETENTION_YEARS if years is None else years
        if years < 1:
            raise CommandError("The retention period must be at least one year.")
        outcome = retention_apply(years=years, dry_run=dry_run)
        cases, residents = len(outcome.case_ids), len(outcome.resident_ids)
        if dry_run:
            self.stdout.write(
                f"Would anonymise {cases} cases closed more than {years} years ago "
                f"and remove {residents} residents."
            )
        elif options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Anonymised {cases} cases closed more than {years} years ago; "
                    f"removed {residents} residents."
                )
            )
