"""Load test: the roles' journeys with 50 concurrent users for 2 minutes against gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python tests/perf/run_load.py

1. generates a data set (`manage.py benchmark --scale 0.1 --no-measure --keep`: 10 plans, 10,000
   cases, 100,000 entries, 20,000 logbook entries) in a database of its own,
   `helhedsplan_benchmark_load`, on the PostgreSQL server DATABASE_URL names (never its database);
2. collects the static files and starts gunicorn on 127.0.0.1 with production settings
   (DEBUG=False, a random SECRET_KEY, secure cookies, SSL redirect on, as behind a TLS proxy);
   the second factor is off for the load users (OTP_REQUIRED=False): it is covered by the tests;
3. runs tests/perf/locustfile.py headless and prints requests/s and p95 per page;
4. stops gunicorn and drops the database, also when interrupted.

Loopback only: it refuses a database host or a bind address that is not 127.0.0.1.
"""

import argparse
import csv
import json
import math
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the project's packages, for the server below

from tests.perf.benchmark.server import BIN, collect_static, gunicorn, production_env  # noqa: E402

DATABASE = "helhedsplan_benchmark_load"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", default="2m", help="locust's run time, e.g. 2m or 30s")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--spawn-rate", type=float, default=2, help="users started per second")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--out", default="test-results/loadtest", help="prefix of the CSV/JSON results")
    args = parser.parse_args()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)

    url = os.environ.get("DATABASE_URL", "")
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql") or parts.hostname not in ("127.0.0.1", "localhost"):
        sys.exit("Set DATABASE_URL to a PostgreSQL server on 127.0.0.1 (its own database is not touched).")
    load_url = urlunsplit(parts._replace(path=f"/{DATABASE}"))
    password = secrets.token_urlsafe(12)
    static_root = tempfile.mkdtemp(prefix="helhedsplan-load-static-")
    production = production_env(load_url, static_root)
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    try:
        step(f"Generating the data set (scale {args.scale}) in {DATABASE}")
        run(
            [
                *manage,
                "benchmark",
                "--scale",
                str(args.scale),
                "--no-measure",
                "--keep",
                "--name",
                DATABASE,
                "--password",
                password,
                "-v",
                "0",
            ],
            env=os.environ,
        )
        step("Collecting static files")
        collect_static(production)
        step(f"Starting gunicorn on 127.0.0.1:{args.port} with {args.workers} workers")
        with gunicorn(production, port=args.port, workers=args.workers):
            ramp = math.ceil(args.users / args.spawn_rate)
            step(f"Starting {args.users} users in {ramp} s, then measuring for {args.duration}")
            locust = subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "tests/perf/locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    # All users log in while they are started (the password hash is slow by design);
                    # the figures are reset once all are in, and then run for the full duration.
                    "--reset-stats",
                    "--run-time",
                    f"{ramp + seconds(args.duration)}s",
                    "--host",
                    f"http://127.0.0.1:{args.port}",
                    "--csv",
                    args.out,
                    "--only-summary",
                    "--stop-timeout",
                    "10",
                ],
                cwd=ROOT,
                env={**os.environ, "LOAD_PASSWORD": password},
                timeout=3600,
            )
        summary = summarise(Path(f"{args.out}_stats.csv"), args)
        Path(f"{args.out}.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        print(markdown(summary))
        return locust.returncode
    finally:
        step(f"Dropping {DATABASE}")
        run([*manage, "benchmark", "--drop", DATABASE, "-v", "0"], env=os.environ, check=False)


def seconds(duration: str) -> int:
    """'2m', '90s' or '1h' in seconds."""
    unit = {"s": 1, "m": 60, "h": 3600}.get(duration[-1], 1)
    return int(float(duration.rstrip("smh")) * unit)


def step(text: str) -> None:
    print(f"== {text}", flush=True)


def run(command, *, env, check=True):
    return subprocess.run(command, cwd=ROOT, env=env, check=check, timeout=1800)


def number(text: str) -> float:
    return float(text) if text not in ("", "N/A") else 0.0


def summarise(stats_csv: Path, args) -> dict:
    rows = list(csv.DictReader(stats_csv.open(encoding="utf-8")))
    pages = [
        {
            "page": row["Name"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "requests_per_s": round(number(row["Requests/s"]), 1),
            "median_ms": number(row["Median Response Time"]),
            "p95_ms": number(row["95%"]),
            "max_ms": round(number(row["Max Response Time"])),
        }
        for row in rows
    ]
    return {
        "users": args.users,
        "duration": args.duration,
        "scale": args.scale,
        "workers": args.workers,
        "pages": pages,
    }


def markdown(summary: dict) -> str:
    lines = [
        "| Page | Requests | Failures | Requests/s | Median ms | p95 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for p in summary["pages"]:
        name = "**All**" if p["page"] == "Aggregated" else p["page"]
        lines.append(
            f"| {name} | {p['requests']} | {p['failures']} | {p['requests_per_s']} | "
            f"{p['median_ms']:.0f} | {p['p95_ms']:.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
