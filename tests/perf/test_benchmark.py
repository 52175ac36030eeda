"""`manage.py benchmark` keeps working: a tiny run generates, measures every page and cleans up.

It runs in a subprocess because the command points Django's connection at a database of its
own (a temporary SQLite file, or a new PostgreSQL database when DATABASE_URL is PostgreSQL);
the test database of this run is not involved. The timing targets are for the full scale on
PostgreSQL (README, "Performance"); here only the machinery and the answers are checked.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection

PAGES = {
    "caseload",
    "case list, page 1",
    "case list filtered, page 1",
    "case page (typical)",
    "case page (longest)",
    "status note PDF",
}


def test_a_tiny_benchmark_measures_every_page_and_drops_its_database(tmp_path):
    out = tmp_path / "benchmark.json"
    env = {**os.environ, "SQLITE_PATH": str(tmp_path / "configured.sqlite3")}
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "benchmark",
            "--scale",
            "0.0005",
            "--repeat",
            "2",
            "--warmup",
            "0",
            "--json",
            str(out),
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]

    report = json.loads(out.read_text())
    pages = {page["name"]: page for page in report["pages"]}
    expected = PAGES | ({"logbook"} if _has_logbook() else set())
    assert set(pages) >= expected, sorted(pages)
    assert any(name.startswith("dashboard ") for name in pages)
    for page in report["pages"]:
        redirect = page["name"] == "signed-in redirect (reference)"
        assert page["status"] == (302 if redirect else 200), page
        assert page["queries"] > 0 and page["median_ms"] > 0 and page["floor_ms"] > 0, page
    # Django's own pages are measured beside them and not judged.
    references = {page["name"] for page in report["pages"] if page["reference"]}
    assert references == {"signed-in redirect (reference)", "Django's password change (reference)"}
    assert not references & set(report["misses"])
    assert re.search(r"^Django's password change \(reference\) .*\| reference\s*$", done.stdout, re.MULTILINE)
    assert report["counts"]["cases.Case"] == 100  # 100,000 × 0.0005 = 50, at least 100
    assert "page/floor" in done.stdout  # the table
    # The throwaway database is gone, and the configured one was never created.
    dropped = re.search(r"^Dropped (\S*helhedsplan_benchmark_\S+)\.$", done.stdout, re.MULTILINE)
    assert dropped, done.stdout
    if connection.vendor == "sqlite":
        assert not Path(dropped.group(1)).exists()
    assert not Path(env["SQLITE_PATH"]).exists() or Path(env["SQLITE_PATH"]).stat().st_size == 0


def _has_logbook() -> bool:
    try:
        apps.get_model("activities", "Activity")
    except LookupError:
        return False
    return True


def test_a_reference_page_is_measured_but_not_judged():
    from tests.perf.benchmark.measure import Result, misses, table

    slow = {"name": "x", "url": "/", "kind": "list", "status": 200, "queries": 20, "median_ms": 500.0}
    slow |= {"p95_ms": 900.0, "floor_ms": 1.0, "ratio": 500.0, "bytes": 1, "target_ms": 150}
    judged = Result(**slow)
    assert misses(judged) == ["20 queries > 12", "p95 900.0 ms > 150 ms", "500.0x its floor > 3x"]
    reference = Result(**slow, reference=True)
    assert misses(reference) == []
    judged.misses = misses(judged)
    rows = table([judged, reference]).splitlines()
    assert rows[2].endswith("MISS: 20 queries > 12; p95 900.0 ms > 150 ms; 500.0x its floor > 3x")
    assert rows[3].rstrip().endswith("| reference")
