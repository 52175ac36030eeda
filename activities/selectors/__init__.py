"""Reads of the logbook, computed in the database, along its three concerns.

* `logbook`: the logbook's entries, one SQL union of every kind of entry.
* `figures`: the yearly figures, in total and per initiative.
* `overviews`: children's boards, networks and resident meetings.

Everything public is importable from `activities.selectors` as before.
"""

from .figures import (
    YEAR_TOTAL_FIELDS,
    InitiativeRow,
    YearTotals,
    activity_totals_by_initiative,
    board_department_ids,
    logbook_figures,
    plan_years,
    totals_by_year,
    yearly_totals,
)
from .logbook import (
    ENTRY_COLUMNS,
    EntryType,
    LogbookEntry,
    PlanNames,
    as_entries,
    attach_partners,
    logbook_entries,
    plan_names,
)
from .overviews import (
    active_children_by_board,
    children_boards_existing_on,
    children_boards_overview,
    network_meetings_with_gaps,
    networks_overview,
    resident_meeting_averages,
)

__all__ = [
    "ENTRY_COLUMNS",
    "YEAR_TOTAL_FIELDS",
    "EntryType",
    "InitiativeRow",
    "LogbookEntry",
    "PlanNames",
    "YearTotals",
    "active_children_by_board",
    "activity_totals_by_initiative",
    "as_entries",
    "attach_partners",
    "board_department_ids",
    "children_boards_existing_on",
    "children_boards_overview",
    "logbook_entries",
    "logbook_figures",
    "network_meetings_with_gaps",
    "plan_names",
    "networks_overview",
    "plan_years",
    "resident_meeting_averages",
    "totals_by_year",
    "yearly_totals",
]
