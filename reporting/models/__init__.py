"""Reporting models, one module per sub-domain; everything is re-exported here.

Other modules of the app (and the status notes that build on them) import from
`reporting.models`, never from the sub-modules, so a model can move freely.
"""

from .criteria import CriterionVersion, SuccessCriterion, TargetKind
from .milestones import Milestone, MilestoneTopic
from .statistics import (
    District,
    DistrictMeasure,
    DistrictStatistic,
    HousingMeasure,
    HousingStatistic,
)

__all__ = [
    "CriterionVersion",
    "District",
    "DistrictMeasure",
    "DistrictStatistic",
    "HousingMeasure",
    "HousingStatistic",
    "Milestone",
    "MilestoneTopic",
    "SuccessCriterion",
    "TargetKind",
]
