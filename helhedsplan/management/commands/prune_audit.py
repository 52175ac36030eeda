"""Remove audit events older than the retention period (AUDIT_RETENTION_DAYS, default five years).

Safe to run nightly. The pruning itself is recorded as an audit event.

    python manage.py prune_audit [--days N] [--dry-run]
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction, AuditEvent


class Command(BaseCommand):
    help = "Remove audit events older than AUDIT_RETENTION_DAYS (or --days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, help="Keep this many days instead of AUDIT_RETENTION_DAYS.")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be removed.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        if days < 1:
            raise CommandError("The retention period must be at least one day.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = AuditEvent.objects.filter(at__lt=cutoff)
        if dry_run:
            self.stdout.write(f"Would remove {old.count()} audit events from before {cutoff:%Y-%m-%d %H:%M}.")
            return
        with transaction.atomic():
            removed = old._prune()
            audit_log(action=AuditAction.PRUNE, object_type="auditevent", reason=f"{removed} removed")
        if options["verbosity"] > 0:
            self.stdout.write(
                self.style.SUCCESS(f"Removed {removed} audit events from before {cutoff:%Y-%m-%d %H:%M}.")
            )
