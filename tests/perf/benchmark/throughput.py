"""Throughput mode: each page under gunicorn, driven by a load generator, beside Django's own floor.

    python manage.py benchmark --throughput --scale 0.1          # PostgreSQL (DATABASE_URL)

On the generated data set, gunicorn runs with production settings (tests/perf/benchmark/server.py);
every page is driven in turn for `--seconds` with `--connections` concurrent connections, logged in as
the user who opens it (through the login form). Printed per page: requests per second, p50 and p99, the
answers that were not 200, and the ratio to the anonymous login page measured in the same run — the
floor of Django with this project's middleware on this machine. Ratios, not absolute figures, compare
across machines; the goals are ratios too.

The load generator is `wrk` when the machine has it (Debian: `apt-get install wrk`), otherwise a small
asyncio client in this module (one connection per request, as gunicorn's sync workers close each).
"""

import asyncio
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from .measure import Page
from .server import PROXY_HEADERS, collect_static, get, gunicorn, login, production_env

#: The anonymous login page: Django and this project's middleware, no query. Every ratio is to it.
FLOOR = "login page (anonymous)"


@dataclass
class Load:
    name: str
    path: str
    status: int
    requests: int
    per_second: float
    p50_ms: float
    p99_ms: float
    not_ok: int
    goal: float | None = None
    ratio: float = 0.0

    @property
    def verdict(self) -> str:
        if self.status != 200 or self.not_ok:
            return "MISS: not every answer was 200"
        if self.goal is None:
            return ""
        return "ok" if self.ratio >= self.goal else f"MISS: below {self.goal:g}"


def database_url() -> str:
    """The URL of the database the command points at now (the benchmark's own), for gunicorn."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    user = config.get("USER") or ""
    password = f":{config['PASSWORD']}" if config.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    port = f":{config['PORT']}" if config.get("PORT") else ""
    return f"postgres://{credentials}{config.get('HOST') or '127.0.0.1'}{port}/{config['NAME']}"


def run(
    pages: list[Page],
    *,
    password: str,
    seconds: float,
    connections: int,
    workers: int,
    port: int,
    generator: str = "auto",
    stdout=None,
) -> list[Load]:
    """Drive the static floor, the login page and every page with a goal, in one run of one server."""
    with tempfile.TemporaryDirectory(prefix="helhedsplan-throughput-") as static_root:
        env = production_env(database_url(), static_root)
        collect_static(env)
        with gunicorn(env, port=port, workers=workers):
            cookies = {}
            for page in pages:
                username = page.user.get_username()
                if username not in cookies:
                    cookies[username] = login(port, username, password)
            css = static_path("vendor/bootstrap/bootstrap.min.css", static_root)
            targets = [("static file (WhiteNoise)", css, "", None), (FLOOR, "/login/", "", None)]
            targets += [(p.name, p.url, cookies[p.user.get_username()], p.goal) for p in pages]
            results = []
            for name, path, cookie, goal in targets:
                load = drive(
                    port, path, cookie, seconds=seconds, connections=connections, generator=generator
                )
                load.name, load.goal = name, goal
                results.append(load)
                if stdout:
                    stdout.write(f"  {name}: {load.per_second:.1f} req/s")
    floor = next(r for r in results if r.name == FLOOR).per_second
    for load in results:
        load.ratio = round(load.per_second / floor, 3) if floor else 0.0
    return results


def static_path(name: str, static_root: str) -> str:
    """The URL of a collected static file under its hashed name, as a page links it."""
    manifest = json.loads((Path(static_root) / "staticfiles.json").read_text(encoding="utf-8"))
    return settings.STATIC_URL + manifest["paths"][name]


def drive(
    port: int, path: str, cookie: str, *, seconds: float, connections: int, generator: str = "auto"
) -> Load:
    status = get(port, path, cookie)[0]
    if generator == "wrk" or (generator == "auto" and shutil.which("wrk")):
        load = _wrk(port, path, cookie, seconds=seconds, connections=connections)
    else:
        load = asyncio.run(_asyncio_load(port, path, cookie, seconds=seconds, connections=connections))
    load.status = status
    return load


def _wrk(port: int, path: str, cookie: str, *, seconds: float, connections: int) -> Load:
    headers = {**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
    command = ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency"]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    out = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, timeout=seconds + 120
    ).stdout

    def field(pattern: str, default: str = "0") -> str:
        found = re.search(pattern, out, re.MULTILINE)
        return found.group(1) if found else default

    # Connections refused or timed out count; gunicorn's sync workers close every connection, which wrk
    # may count as a read error without any answer being lost.
    errors = re.search(r"Socket errors: connect (\d+), read \d+, write (\d+), timeout (\d+)", out)
    not_ok = int(field(r"Non-2xx or 3xx responses:\s+(\d+)"))
    not_ok += sum(map(int, errors.groups())) if errors else 0
    return Load(
        name="",
        path=path,
        status=0,
        requests=int(field(r"(\d+) requests in")),
        per_second=float(field(r"Requests/sec:\s+([\d.]+)")),
        p50_ms=_wrk_ms(field(r"^\s+50%\s+(\S+)", "0ms")),
        p99_ms=_wrk_ms(field(r"^\s+99%\s+(\S+)", "0ms")),
        not_ok=not_ok,
    )


def _wrk_ms(text: str) -> float:
    """wrk's '12.83ms', '1.02s' or '950.00us' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit], 2)


async def _asyncio_load(port: int, path: str, cookie: str, *, seconds: float, connections: int) -> Load:
    headers = {"Host": f"127.0.0.1:{port}", **PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = (f"GET {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())).encode()
    request += b"Connection: close\r\n\r\n"
    times: list[float] = []
    not_ok = 0
    deadline = time.perf_counter() + seconds

    async def one_connection():
        nonlocal not_ok
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request)
            await writer.drain()
            answer = await reader.read()
            writer.close()
            times.append((time.perf_counter() - start) * 1000)
            if not answer.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
                not_ok += 1

    started = time.perf_counter()
    await asyncio.gather(*(one_connection() for _ in range(connections)))
    elapsed = time.perf_counter() - started
    ordered = sorted(times) or [0.0]
    return Load(
        name="",
        path=path,
        status=0,
        requests=len(times),
        per_second=round(len(times) / elapsed, 2),
        p50_ms=round(statistics.median(ordered), 2),
        p99_ms=round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 2),
        not_ok=not_ok,
    )


def table(results: list[Load]) -> str:
    header = ("page", "http", "req/s", "p50 ms", "p99 ms", "not 200", "vs. login", "goal", "verdict")
    rows = [
        (
            r.name,
            str(r.status),
            f"{r.per_second:,.1f}",
            f"{r.p50_ms:.1f}",
            f"{r.p99_ms:.1f}",
            str(r.not_ok),
            f"{r.ratio:.2f}",
            f"≥ {r.goal:g}" if r.goal is not None else "",
            r.verdict,
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
