"""Load the demo data: the seed agreement's plan, a second plan and demo users.

Each app that has demo data contributes a `demo.seed()` function; they run in
the order of INSTALLED_APPS, so casework comes after the plan it belongs to.
Running the command again leaves the same data.
"""

import datetime
import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from helhedsplan.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Load fictional demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")

    def handle(self, *args, force=False, today=None, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo users have a known password; use --force to load them with DEBUG off.")
        today = datetime.date.fromisoformat(today) if today else timezone.localdate()
        other_logins = []
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.seed(stdout=self.stdout if options["verbosity"] > 1 else None, today=today)
                if app_config.name != "helhedsplan" and hasattr(module, "demo_logins"):
                    other_logins += module.demo_logins()  # e.g. the district coordinator
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        if options["verbosity"] > 0:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for username, description in demo_logins() + other_logins:
                self.stdout.write(f"  {username:<22} {description}")
