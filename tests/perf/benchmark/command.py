"""Measure the heavy pages on a national-scale data set, in a database of the benchmark's own.

    python manage.py benchmark                 # full scale: 100,000 cases, 1,000,000 entries ...
    python manage.py benchmark --scale 0.001   # a tiny run (what CI does, as a test)
    python manage.py benchmark --throughput --scale 0.1   # req/s under gunicorn, beside the login page's

Steps: create a throwaway database next to the configured one (PostgreSQL: a new database on the
same server; SQLite: a temporary file), migrate it, generate the data with bulk inserts
(tests/perf/benchmark/generate.py), then for each page (tests/perf/benchmark/pages.py) log in
as the user who opens it and time it through the Django test client: median and 95th percentile,
number of queries, and the floor, i.e. the page's own SQL run raw. Prints a table, writes JSON and
drops the database (unless --keep). It never reads or writes the configured database's data.

With --throughput the pages that have a goal are driven under gunicorn instead, with production
settings and a load generator (tests/perf/benchmark/throughput.py); it prints req/s, p50 and p99 per
page and the ratio to the anonymous login page measured in the same run.
"""

import datetime
import json
import logging
import os
import platform
import secrets
import time
from dataclasses import asdict
from pathlib import Path

import django
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings, setup_test_environment, teardown_test_environment
from django.utils import timezone

from . import throughput
from .database import drop as drop_database
from .database import throwaway_database
from .generate import Size, generate, load_world
from .measure import MAX_QUERIES, MAX_RATIO, TARGET_MS, measure, table
from .pages import pages


class Command(BaseCommand):
    help = "Generate a national-scale data set in a throwaway database and time the heavy pages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1 = national scale (default); 0.001 = tiny."
        )
        parser.add_argument("--repeat", type=int, default=30, help="Timed requests per page (default 30).")
        parser.add_argument(
            "--json", dest="json_path", default="benchmark.json", help="Where to write the results."
        )
        parser.add_argument(
            "--warmup", type=int, default=3, help="Untimed requests per page first (default 3)."
        )
        parser.add_argument("--seed", type=int, default=2017, help="Random seed of the generated data.")
        parser.add_argument("--today", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")
        parser.add_argument("--reuse", default="", help="Measure again on a kept benchmark database.")
        parser.add_argument("--sql", action="store_true", help="Put each page's SQL in the JSON.")
        parser.add_argument("--name", default="", help="Name the new database (helhedsplan_benchmark_…).")
        parser.add_argument(
            "--no-measure",
            action="store_true",
            help="Only generate the data (with --keep: for the load test).",
        )
        parser.add_argument("--password", default="", help="Give the generated users this password.")
        parser.add_argument("--drop", default="", help="Only drop this kept benchmark database.")
        parser.add_argument("--only", default="", help="Measure only pages whose name contains this text.")
        load = parser.add_argument_group("throughput mode")
        load.add_argument(
            "--throughput",
            action="store_true",
            help="Drive each page under gunicorn (production settings); print req/s beside the login page's.",
        )
        load.add_argument("--seconds", type=float, default=15, help="Load per page, in seconds (default 15).")
        load.add_argument("--connections", type=int, default=8, help="Concurrent connections (default 8).")
        load.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3).")
        load.add_argument(
            "--port", type=int, default=8401, help="gunicorn's port on 127.0.0.1 (default 8401)."
        )
        load.add_argument(
            "--load-generator",
            choices=["auto", "wrk", "asyncio"],
            default="auto",
            help="wrk if installed (auto, the default), or the built-in asyncio client.",
        )

    def handle(self, *args, **options):
        scale, keep, reuse, only = options["scale"], options["keep"], options["reuse"], options["only"]
        today, drop = options["today"], options["drop"]
        throughput, password = options["throughput"], options["password"]
        if throughput and connection.vendor != "postgresql":
            raise CommandError(
                "The throughput mode measures the production database: point DATABASE_URL at PostgreSQL."
            )
        if throughput and options["reuse"] and not password:
            raise CommandError("--throughput on a reused data set needs the users' --password.")
        if throughput and not password:
            password = secrets.token_urlsafe(16)  # the generated users' password, to log in over HTTP
        if drop:
            dropped = drop_database(drop)
            self.stdout.write(f"Dropped {drop}." if dropped else f"There was no {drop}.")
            return
        today = datetime.date.fromisoformat(today) if today else timezone.localdate()
        verbose = options["verbosity"] > 0
        out = self.stdout if verbose else None
        report = {
            "scale": scale,
            "size": Size.at(scale).__dict__,
            "database": connection.vendor,
            "today": today.isoformat(),
            "python": platform.python_version(),
            "django": django.get_version(),
            "machine": f"{platform.machine()}, {_cpus()} CPUs",
            "targets": {"max_queries": MAX_QUERIES, "p95_ms": TARGET_MS, "max_ratio": MAX_RATIO},
        }
        # django-axes logs every (forced) login at INFO; the table is what matters here.
        logging.getLogger("axes").setLevel(logging.WARNING)
        with throwaway_database(keep=keep, reuse=reuse, name=options["name"], stdout=out) as (_name, fresh):
            if fresh:
                if out:
                    out.write(f"Generating at scale {scale} ...")
                start = time.perf_counter()
                world = generate(
                    scale=scale, seed=options["seed"], today=today, password=password, stdout=out
                )
                report["generation_seconds"] = round(time.perf_counter() - start, 1)
                report["generation_steps"] = world.seconds
                if out:
                    out.write(f"Generated in {report['generation_seconds']} s.")
            else:
                world = load_world(today=today)
                report["scale"] = "reused"
            report["counts"] = world.counts
            if options["no_measure"]:
                return
            if throughput:
                self._throughput(world, report, options, password, only=only, out=out)
                return

            # As in production: DEBUG off; the second factor is a session flag that the test
            # client's force_login cannot set, and its check is one dict lookup, so it is off here.
            setup_test_environment(debug=False)
            try:
                with override_settings(OTP_REQUIRED=False):
                    results = []
                    for page in pages(world):
                        if only and only not in page.name:
                            continue
                        result = measure(page, repeat=options["repeat"], warmup=options["warmup"])
                        results.append(result)
                        if out:
                            out.write(f"  {page.name}: {result.median_ms} ms, {result.queries} queries")
            finally:
                teardown_test_environment()

        report["pages"] = [r.as_dict(with_sql=options["sql"]) for r in results]
        report["misses"] = {r.name: r.misses for r in results if r.misses}
        Path(options["json_path"]).write_text(_json(report), encoding="utf-8")
        self.stdout.write(table(results))
        self.stdout.write(f"Written to {options['json_path']}.")
        if report["misses"]:
            self.stdout.write(self.style.WARNING(f"{len(report['misses'])} page(s) miss a target."))
        else:
            self.stdout.write(self.style.SUCCESS("Every page meets its targets."))

    def _throughput(self, world, report, options, password, *, only, out):
        chosen = [p for p in pages(world) if p.goal is not None and (not only or only in p.name)]
        results = throughput.run(
            chosen,
            password=password,
            seconds=options["seconds"],
            connections=options["connections"],
            workers=options["workers"],
            port=options["port"],
            generator=options["load_generator"],
            stdout=out,
        )
        report["throughput"] = {
            "seconds": options["seconds"],
            "connections": options["connections"],
            "workers": options["workers"],
            "load": os.getloadavg(),
            "pages": [asdict(r) for r in results],
        }
        Path(options["json_path"]).write_text(_json(report), encoding="utf-8")
        self.stdout.write(throughput.table(results))
        self.stdout.write(
            f"gunicorn workers={options['workers']}, connections={options['connections']}, "
            f"{options['seconds']:g} s per page, {report['machine']}, {connection.vendor}, "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}. "
            f"Written to {options['json_path']}."
        )
        misses = [r.name for r in results if r.verdict.startswith("MISS")]
        if misses:
            self.stdout.write(
                self.style.WARNING(f"{len(misses)} page(s) below their goal: {', '.join(misses)}.")
            )
        else:
            self.stdout.write(self.style.SUCCESS("Every page meets its throughput goal."))


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _cpus() -> int:
    return os.cpu_count() or 1
