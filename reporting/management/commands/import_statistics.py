"""Import housing or district statistics from a CSV or XLSX file into a plan.

    python manage.py import_statistics FILE --plan ID [--dry-run]

The header row decides the kind of file:
  year,housing_organisation,neighbourhood,department,measure,value
  year,district,measure,value
Every row is validated first; with any error nothing is written and every bad
row is listed with its line number. Importing the same figures again changes
nothing; corrected figures replace the stored ones and stay in history.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helhedsplan.models import Plan
from reporting.services import statistics_import


class Command(BaseCommand):
    help = "Import housing or district statistics (CSV or XLSX) into a plan; --dry-run only checks."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A .csv or .xlsx file with one of the two header rows.")
        parser.add_argument("--plan", type=int, required=True, help="The id of the plan.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, file, plan, dry_run=False, **options):
        try:
            plan_obj = Plan.objects.get(pk=plan)
        except Plan.DoesNotExist as error:
            raise CommandError(f"No plan with id {plan}.") from error
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        report = statistics_import(
            plan=plan_obj, content=path.read_bytes(), filename=path.name, dry_run=dry_run
        )
        if not report.ok:
            for line, message in report.errors:
                self.stderr.write(f"Line {line}: {message}")
            raise CommandError(f"{len(report.errors)} problem(s) in {path.name}; nothing was imported.")
        verbosity = options["verbosity"]
        if verbosity > 1:
            for change in report.changed:
                self.stdout.write(
                    f"  line {change.row.line}: {change.row.label()} {change.old} -> {change.row.value}"
                )
            for change in report.new:
                self.stdout.write(f"  line {change.row.line}: {change.row.label()} = {change.row.value}")
        summary = (
            f"{len(report.new)} new, {len(report.changed)} corrected, {report.unchanged} unchanged "
            f"({report.kind} statistics, {path.name})"
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing written: {summary}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported: {summary}"))
