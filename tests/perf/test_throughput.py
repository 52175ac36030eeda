"""`manage.py benchmark --throughput` keeps working: gunicorn with production settings, every page with a
goal driven after a real login, each ratio to the anonymous login page of the same run.

A tiny run (one second per page, the built-in asyncio client, so it needs no wrk): the machinery and the
answers are checked here; the figures themselves are printed by the command, never asserted.
"""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.perf.benchmark.pages import GOALS
from tests.perf.benchmark.throughput import FLOOR, Load, _wrk_ms


@pytest.mark.postgres
def test_a_tiny_throughput_run_drives_every_hot_page_beside_the_login_page(tmp_path):
    out = tmp_path / "throughput.json"
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "benchmark",
            "--throughput",
            "--scale",
            "0.0005",
            "--seconds",
            "1",
            "--connections",
            "2",
            "--workers",
            "2",
            "--port",
            str(8600 + os.getpid() % 300),
            "--load-generator",
            "asyncio",
            "--json",
            str(out),
        ],
        cwd=settings.BASE_DIR,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    pages = {page["name"]: page for page in json.loads(out.read_text())["throughput"]["pages"]}
    assert {"static file (WhiteNoise)", FLOOR, "caseload", "case page (typical)", "case list, page 1"} <= set(
        pages
    )
    assert {"logbook", "logbook (project leader)"} <= set(pages)
    assert any(name.startswith("dashboard ") for name in pages)
    for page in pages.values():
        # Every page answered 200 to every request: logged in as the right user, allowed, no error.
        assert page["status"] == 200 and page["not_ok"] == 0 and page["requests"] > 0, page
    assert pages[FLOOR]["ratio"] == 1.0
    assert pages["caseload"]["goal"] == GOALS["caseload"] and pages["dashboard " + _year(pages)]["goal"]
    assert "vs. login" in done.stdout and "Dropped helhedsplan_benchmark_" in done.stdout


def _year(pages) -> str:
    return next(name for name in pages if name.startswith("dashboard ")).split()[1]


def test_wrk_latencies_read_in_milliseconds():
    assert _wrk_ms("950.00us") == 0.95
    assert _wrk_ms("12.83ms") == 12.83
    assert _wrk_ms("1.02s") == 1020.0


def test_a_page_with_an_answer_that_was_not_200_misses_its_goal_whatever_its_speed():
    fast_but_failing = Load("caseload", "/", 200, 100, 500.0, 1.0, 2.0, not_ok=3, goal=0.3, ratio=2.0)
    assert fast_but_failing.verdict.startswith("MISS")
    assert Load("caseload", "/", 200, 100, 500.0, 1.0, 2.0, not_ok=0, goal=0.3, ratio=0.31).verdict == "ok"
    assert Load("caseload", "/", 200, 100, 50.0, 1.0, 2.0, not_ok=0, goal=0.3, ratio=0.29).verdict.startswith(
        "MISS"
    )
