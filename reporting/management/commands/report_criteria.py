"""Print a plan's success criteria for a year as JSON or CSV.

    python manage.py report_criteria --plan ID --year YEAR [--format json|csv] [--as-of YYYY-MM-DD]

One record per criterion with code, title, value, baseline, target and status
(the same figures as the dashboard and its JSON endpoint). The CSV is for
scripts (field names and decimal points as in the JSON); people get the
spreadsheets of helhedsplan.exports. Its text cells are still neutralised
against formula injection.
"""

import datetime
import json

import defusedcsv.csv as csv
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from helhedsplan.models import FIRST_YEAR, LAST_YEAR, Plan, is_report_year
from reporting.selectors import REPORT_FIELDS, criteria_report

CSV_FIELDS = REPORT_FIELDS


class Command(BaseCommand):
    help = "Print a plan's success criteria for a year as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--plan", type=int, required=True, help="The id of the plan.")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("--as-of", help="Judge as on this day (YYYY-MM-DD); default today.")

    def handle(self, *args, plan, year, format="json", as_of=None, **options):
        try:
            plan_obj = Plan.objects.get(pk=plan)
        except Plan.DoesNotExist as error:
            raise CommandError(f"No plan with id {plan}.") from error
        if not is_report_year(year):
            raise CommandError(f"The year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else timezone.localdate()
        except ValueError as error:
            raise CommandError("--as-of must be a date like 2018-12-31.") from error
        payload = criteria_report(plan_obj, year, day)
        if format == "json":
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        writer = csv.DictWriter(
            self.stdout, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for record in payload["criteria"]:
            writer.writerow({**record, "warnings": " | ".join(record["warnings"])})
