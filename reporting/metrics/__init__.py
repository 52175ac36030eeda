"""Reporting's own metrics (statistics from outside, milestones) and the catalogue's names.

The protocol and the registry live in `helhedsplan.metrics`; every app registers
its metrics in its `AppConfig.ready()` (reporting's are in `statistics` and
`milestones` here). Import the names from here or from `helhedsplan.metrics`.
"""

from helhedsplan.metrics import (
    EVER,
    PERIOD,
    YEAR,
    Batch,
    Drilldown,
    Link,
    Metric,
    Param,
    PerYearMetric,
    Rows,
    Warning,
    Window,
    catalogue,
    per_year,
)

__all__ = [
    "EVER",
    "PERIOD",
    "YEAR",
    "Batch",
    "Drilldown",
    "Link",
    "Metric",
    "Param",
    "PerYearMetric",
    "Rows",
    "Warning",
    "Window",
    "catalogue",
    "per_year",
]
