"""Send each user the daily e-mail of their tasks: overdue, due today, due in the coming week.

Counts and links only (agenda/digest.py). Run once a day from cron, after the nightly jobs; the links
point at SITE_URL.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reporting.agenda.digest import digests, send_digest


class Command(BaseCommand):
    help = "E-mail each user the counts of their overdue, today's and coming week's tasks."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the e-mails, send none.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        found = digests(timezone.localdate())
        if not dry_run:
            for digest in found:
                send_digest(digest, base_url=settings.SITE_URL.rstrip("/"))
        if verbosity:
            verb = "would send" if dry_run else "sent"
            self.stdout.write(self.style.SUCCESS(f"{verb} {len(found)} task digests"))
