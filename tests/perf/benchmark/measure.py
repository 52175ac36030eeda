"""Time pages through the Django test client, and the same pages' SQL run raw (the floor)."""

import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Page:
    """A page to measure: who asks for it and what it may cost."""

    name: str
    url: str
    user: object
    kind: str  # "list", "case", "dashboard", "pdf": decides the time target
    note: str = ""
    #: Throughput mode: the least req/s as a share of the anonymous login page's (None: not driven).
    goal: float | None = None
    #: Measured the same way but not judged: a page whose work is Django's own, to read the others by.
    reference: bool = False


#: p95 targets in milliseconds, per kind of page (PostgreSQL, 2 cores).
TARGET_MS = {"list": 150, "case": 150, "dashboard": 400, "pdf": 3000}
MAX_QUERIES = 12
#: A page's time over its own SQL run raw (its floor): at most what the ORM, the template and the
#: middleware may add (the goal of the work on throughput).
MAX_RATIO = 3.0


@dataclass
class Result:
    name: str
    url: str
    kind: str
    status: int
    queries: int
    median_ms: float
    p95_ms: float
    floor_ms: float
    ratio: float
    bytes: int
    note: str = ""
    target_ms: int = 0
    reference: bool = False
    misses: list[str] = field(default_factory=list)
    sql: list[str] = field(default_factory=list)

    def as_dict(self, with_sql: bool = False) -> dict:
        data = asdict(self)
        if not with_sql:
            data.pop("sql")
        return data


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the value below which `fraction` of the samples lie."""
    ordered = sorted(samples)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _fetch(client: Client, url: str):
    response = client.get(url, secure=True)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _timed_get(client: Client, url: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    response, body = _fetch(client, url)
    return (time.perf_counter() - start) * 1000, response.status_code, len(body)


#: Transaction control is not a query: ATOMIC_REQUESTS brackets every request in BEGIN/COMMIT.
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def real_queries(statements: list[str]) -> list[str]:
    return [sql for sql in statements if not sql.lstrip().upper().startswith(TRANSACTION_CONTROL)]


def _select(sql: str) -> str | None:
    """The SELECT a statement runs: plain, a UNION in parentheses, or a server-side cursor's."""
    text = sql.lstrip()
    upper = text.upper()
    if upper.startswith("DECLARE") and " CURSOR FOR " in upper:
        return text[upper.index(" CURSOR FOR ") + len(" CURSOR FOR ") :]
    if upper.lstrip("(").startswith(("SELECT", "WITH")):
        return text
    return None  # a write (the audit log, the session): part of the page, not of its reading floor


def _floor(statements: list[str], repeat: int) -> float:
    """Median time of running the page's own SELECTs raw and fetching every row."""
    selects = [q for q in map(_select, statements) if q]
    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            start = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(page: Page, *, repeat: int, warmup: int = 3) -> Result:
    client = Client()
    client.force_login(page.user)
    for _ in range(warmup):
        _timed_get(client, page.url)

    # Counting queries forces Django's debug cursor; time the page in separate runs without it.
    with CaptureQueriesContext(connection) as captured:
        response, body = _fetch(client, page.url)
    statements = [q["sql"] for q in captured.captured_queries]
    queries = real_queries(statements)

    samples = []
    for _ in range(repeat):
        ms, status, _size = _timed_get(client, page.url)
        samples.append(ms)
    floor = _floor(statements, repeat)
    median = statistics.median(samples)
    result = Result(
        name=page.name,
        url=page.url,
        kind=page.kind,
        status=response.status_code,
        queries=len(queries),
        median_ms=round(median, 1),
        p95_ms=round(percentile(samples, 0.95), 1),
        floor_ms=round(floor, 2),
        ratio=round(median / floor, 1) if floor > 0 else 0.0,
        bytes=len(body),
        note=page.note,
        target_ms=TARGET_MS[page.kind],
        reference=page.reference,
        sql=statements,
    )
    result.misses = misses(result)
    return result


def misses(result: Result) -> list[str]:
    if result.reference:
        return []
    found = []
    if result.status != 200:
        found.append(f"status {result.status}")
    if result.queries > MAX_QUERIES:
        found.append(f"{result.queries} queries > {MAX_QUERIES}")
    if result.p95_ms > result.target_ms:
        found.append(f"p95 {result.p95_ms} ms > {result.target_ms} ms")
    if result.ratio > MAX_RATIO:
        found.append(f"{result.ratio}x its floor > {MAX_RATIO:g}x")
    return found


def table(results: list[Result]) -> str:
    header = ("page", "queries", "median ms", "p95 ms", "target", "floor ms", "page/floor", "verdict")
    rows = [
        (
            r.name,
            str(r.queries),
            f"{r.median_ms:.1f}",
            f"{r.p95_ms:.1f}",
            f"≤{r.target_ms}",
            f"{r.floor_ms:.2f}",
            f"{r.ratio:.1f}x",
            "reference" if r.reference else "ok" if not r.misses else "MISS: " + "; ".join(r.misses),
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in [header, *rows]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
