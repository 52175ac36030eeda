"""The metric catalogue: every kind of figure a success criterion can be measured by.

`catalogue` maps a metric key (stored on a criterion version) to its Metric.
Modules register their metrics on import; metrics on casework and the logbook
live next to the statistics ones and read those apps' models.
"""

from . import activities, cases, milestones, statistics  # noqa: F401  (register the metrics)
from .base import EVER, PERIOD, YEAR, Drilldown, Link, Metric, Param, Warning, Window, catalogue, per_year

__all__ = [
    "EVER",
    "PERIOD",
    "YEAR",
    "Drilldown",
    "Link",
    "Metric",
    "Param",
    "Warning",
    "Window",
    "catalogue",
    "per_year",
]
