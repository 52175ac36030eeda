"""Remove form drafts not touched for DRAFT_RETENTION_DAYS (nightly, beside apply_retention).

Drafts hold what was typed about residents and never saved; they are not kept longer than this.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from helhedsplan.drafts.services import drafts_prune


class Command(BaseCommand):
    help = "Remove unsaved form drafts older than DRAFT_RETENTION_DAYS."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override DRAFT_RETENTION_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Count, but remove nothing.")

    def handle(self, *args, days=None, dry_run=False, verbosity=1, **options):
        days = settings.DRAFT_RETENTION_DAYS if days is None else days
        with transaction.atomic():
            count = drafts_prune(days=days, dry_run=dry_run)
        if verbosity:
            verb = "would remove" if dry_run else "removed"
            self.stdout.write(self.style.SUCCESS(f"{verb} {count} drafts older than {days} days"))
