"""`manage.py benchmark`: the entry point of the measuring tool in tests/perf/benchmark/.

The command lives with reporting, the one app that may read every other app, so
that no import points up from the plan's foundation (helhedsplan/) or from one
app into another; the tool itself stays with the tests (tests/perf/). It needs a
checkout with the tests, not an installed production copy.
"""

from tests.perf.benchmark.command import Command

__all__ = ["Command"]
