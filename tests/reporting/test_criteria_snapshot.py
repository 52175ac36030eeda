"""Every figure of the demo dashboard, for every plan and year, stays what it was.

The snapshot was taken with `report_criteria` before the metrics moved to the
apps whose data they count. Refresh it only for a deliberate change of a rule:

    SNAPSHOT_UPDATE=1 .venv/bin/python -m pytest tests/reporting/test_criteria_snapshot.py -n 0

The one deliberate difference since the snapshot was taken is the 31 December
boundary of a children's board: a board whose last day is 31 December existed
on 31 December. The dashboard counted it so already; the logbook totals now
agree (tests/activities/test_span_rules.py). No demo board ends on 31 December,
so no figure below changed.
"""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from helhedsplan.models import Plan

pytestmark = pytest.mark.django_db

SNAPSHOT = Path(__file__).parent / "snapshots" / "report_criteria.json"
TODAY = "2026-11-21"
YEARS = range(2010, 2027)


def report(plan, year):
    out = io.StringIO()
    call_command("report_criteria", plan=plan.pk, year=year, as_of=TODAY, stdout=out)
    payload = json.loads(out.getvalue())
    return {
        record["code"]: {k: v for k, v in record.items() if k not in ("title", "series")}
        for record in payload["criteria"]
    }


def test_every_demo_figure_of_every_year_is_unchanged():
    call_command("seed_demo", verbosity=0, today=TODAY, force=True)
    with translation.override("en"):
        figures = {
            plan.slug: {str(year): report(plan, year) for year in YEARS}
            for plan in Plan.objects.order_by("slug")
        }
    if os.environ.get("SNAPSHOT_UPDATE"):
        SNAPSHOT.write_text(json.dumps(figures, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    expected = json.loads(SNAPSHOT.read_text())
    # Demo plans added since the snapshot (e.g. the district's) are not in it; every plan in it still is.
    assert expected.keys() <= figures.keys()
    for slug, years in expected.items():
        for year, criteria in years.items():
            assert figures[slug][year] == criteria, (slug, year)
