"""How a criterion's figure for a year is judged against its target.

Pure functions of the figure, the target and the day the figures are looked at
(`as_of`); no database. The rules:

* A year that has not begun has no data.
* In a finished year a target is *met* or *not met*.
* In the current year a count that grows over the year ("accumulates") is
  compared with the target pro-rated by the part of the year gone: ahead of
  it is *on track*, behind it *at risk*. A ceiling already exceeded is *not met*.
* A target for a later year (a reduction, a value to get below or above) is
  judged against the straight path from the baseline to the target.
* A target with a date is judged by the share of the time to the date gone.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import TargetKind


class Status(models.TextChoices):
    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    NOT_MET = "not_met", _("Not met")
    NO_DATA = "no_data", _("No data")
    NOT_JUDGED = "not_judged", _("Not judged this year")


#: Bootstrap colour of each status; the word is always shown next to it.
STATUS_COLOURS = {
    Status.MET: "success",
    Status.ON_TRACK: "info",
    Status.AT_RISK: "warning",
    Status.NOT_MET: "danger",
    Status.NO_DATA: "secondary",
    Status.NOT_JUDGED: "light",
}

#: A symbol for each status, so that status never rests on colour alone.
STATUS_SYMBOLS = {
    Status.MET: "✓",
    Status.ON_TRACK: "→",
    Status.AT_RISK: "!",
    Status.NOT_MET: "✗",
    Status.NO_DATA: "–",
    Status.NOT_JUDGED: "·",
}

LOWER_IS_BETTER = {TargetKind.AT_MOST_PER_YEAR, TargetKind.REDUCTION_BY_YEAR, TargetKind.BELOW_BY_YEAR}
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Judgement:
    status: Status
    #: The target the figure is finally judged against (None when it cannot be worked out).
    target: Decimal | None = None
    #: What the figure should be by now: the pro-rated target or the point on the straight path.
    expected: Decimal | None = None


def year_progress(year: int, as_of: datetime.date) -> Decimal:
    """The part of `year` gone by `as_of`: 0 before it begins, 1 once it is over."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if as_of < start:
        return Decimal(0)
    if as_of >= end:
        return Decimal(1)
    days = (end - start).days + 1
    return Decimal((as_of - start).days + 1) / Decimal(days)


def reduction_target(baseline: Decimal | None, percent: Decimal | None) -> Decimal | None:
    """The value a reduction of `percent` % from `baseline` comes to (44 less 20 % = 35.2)."""
    if baseline is None or percent is None:
        return None
    return (baseline * (HUNDRED - percent) / HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def straight_path(
    baseline: Decimal | None, baseline_year: int | None, target: Decimal, target_year: int, year: int
) -> Decimal | None:
    """The point for `year` on the straight line from the baseline to the target."""
    if baseline is None or baseline_year is None or baseline_year >= target_year:
        return None
    if year <= baseline_year:
        return baseline
    share = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return (baseline + (target - baseline) * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def judge(
    *,
    kind: str,
    value: Decimal | None,
    year: int,
    as_of: datetime.date,
    target_value: Decimal | None = None,
    target_year: int | None = None,
    target_date: datetime.date | None = None,
    baseline_value: Decimal | None = None,
    baseline_year: int | None = None,
    accumulates: bool = True,
    required: Decimal | None = None,
    period_start: datetime.date | None = None,
) -> Judgement:
    """Judge `value` for `year` as of `as_of`. See the module docstring for the rules."""
    kind = TargetKind(kind)
    target = _final_target(kind, target_value, baseline_value, required)
    if as_of < datetime.date(year, 1, 1) or value is None:
        return Judgement(Status.NO_DATA, target)
    if target is None:
        return Judgement(Status.NO_DATA, None)
    progress = year_progress(year, as_of)
    complete = progress == 1

    if kind == TargetKind.AT_LEAST_PER_YEAR:
        expected = target * progress if accumulates else target
        if value >= target:
            return Judgement(Status.MET, target, expected)
        if complete:
            return Judgement(Status.NOT_MET, target, expected)
        return Judgement(Status.ON_TRACK if value >= expected else Status.AT_RISK, target, expected)

    if kind == TargetKind.AT_MOST_PER_YEAR:
        expected = target * progress if accumulates else target
        if value > target:
            return Judgement(Status.NOT_MET if complete or accumulates else Status.AT_RISK, target, expected)
        if complete:
            return Judgement(Status.MET, target, expected)
        return Judgement(Status.ON_TRACK if value <= expected else Status.AT_RISK, target, expected)

    if kind == TargetKind.DONE_BY_DATE:
        return _judge_by_date(value, target, year, as_of, target_date, period_start)

    return _judge_path(
        kind, value, target, year, target_year, baseline_value, baseline_year, progress, accumulates
    )


def _final_target(kind, target_value, baseline_value, required) -> Decimal | None:
    if kind == TargetKind.REDUCTION_BY_YEAR:
        return reduction_target(baseline_value, target_value)
    if kind == TargetKind.DONE_BY_DATE:
        return target_value if target_value is not None else required
    return target_value


def _meets(kind, value, target) -> bool:
    if kind == TargetKind.BELOW_BY_YEAR:
        return value < target
    if kind == TargetKind.ABOVE_BY_YEAR:
        return value >= target
    return value <= target  # a reduction: at most the reduced value


def _judge_path(kind, value, target, year, target_year, baseline, baseline_year, progress, accumulates):
    complete = progress == 1
    lower = kind in LOWER_IS_BETTER
    # A count that grows over an unfinished year is compared with the pro-rated figure.
    factor = progress if (accumulates and not complete) else Decimal(1)
    if year >= target_year:
        expected = target * factor
        if complete or not accumulates:
            if _meets(kind, value, target):
                return Judgement(Status.MET if complete or not lower else Status.ON_TRACK, target, expected)
            return Judgement(Status.NOT_MET if complete else Status.AT_RISK, target, expected)
        if lower:
            if not _meets(kind, value, target):
                return Judgement(Status.NOT_MET, target, expected)  # a ceiling already passed
            return Judgement(Status.ON_TRACK if value <= expected else Status.AT_RISK, target, expected)
        if _meets(kind, value, target):
            return Judgement(Status.MET, target, expected)
        return Judgement(Status.ON_TRACK if value >= expected else Status.AT_RISK, target, expected)

    # Before the target year: on the straight path from the baseline?
    if _meets(kind, value, target) and (complete or not accumulates or not lower):
        return Judgement(Status.MET, target, target)
    path = straight_path(baseline, baseline_year, target, target_year, year)
    if path is None:
        return Judgement(Status.AT_RISK, target, None)
    expected = path * factor
    on_path = value <= expected if lower else value >= expected
    return Judgement(Status.ON_TRACK if on_path else Status.AT_RISK, target, expected)


def _judge_by_date(value, required, year, as_of, target_date, period_start):
    if target_date is None:
        return Judgement(Status.NO_DATA, required)
    if value >= required:
        return Judgement(Status.MET, required, required)
    evaluated = min(as_of, datetime.date(year, 12, 31))
    if evaluated >= target_date:
        return Judgement(Status.NOT_MET, required, required)
    start = period_start or datetime.date(year, 1, 1)
    if start >= target_date:
        share = Decimal(1)
    else:
        share = max(
            Decimal(0), Decimal((evaluated - start).days + 1) / Decimal((target_date - start).days + 1)
        )
    expected = required * share
    return Judgement(Status.ON_TRACK if value >= expected else Status.AT_RISK, required, expected)
