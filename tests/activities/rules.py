"""Access rules of the logbook.

Caretakers/workers and the project leader log and read the whole logbook of their plan (and
may correct entries); the activity kinds, the CSV export and deleting an entry are the project
leader's. Board members reach none of it: they get the figures through the status notes.
"""

from tests import factories
from tests.rules import LEADER, STAFF, PlanRule, rule

from . import builders


def populate(w):
    for suffix, plan in (("a", w.plan_a), ("b", w.plan_b)):
        department = factories.make_department(plan)
        cohort = builders.cohort(plan)
        board = builders.board(plan, departments=[department])
        network = builders.network(plan)
        objects = {
            "activity": builders.activity(plan, department=department),
            "kind": builders.kind(plan),
            "cohort": cohort,
            "session": builders.session(cohort),
            "graduate": builders.graduate(cohort),
            "idea": builders.idea(plan),
            "board": board,
            "board_meeting": builders.board_meeting(board),
            "board_year": builders.board_year(board),
            "board_survey": builders.survey(board),
            "resident_meeting": builders.resident_meeting(plan, department),
            "network": network,
            "network_meeting": builders.network_meeting(network),
        }
        for name, value in objects.items():
            setattr(w, f"logbook_{name}_{suffix}", value)


def _delete_rule(entry_type: str, thing: str) -> PlanRule:
    """The delete page (GET asks, POST deletes) for one kind of entry."""
    return PlanRule(
        roles=frozenset([LEADER]),
        kwargs=lambda w: {
            "plan_id": w.plan_a.pk,
            "entry_type": entry_type,
            "pk": getattr(w, f"logbook_{thing}_a").pk,
        },
        foreign=lambda w: {
            "plan_id": w.plan_a.pk,
            "entry_type": entry_type,
            "pk": getattr(w, f"logbook_{thing}_b").pk,
        },
    )


def r(roles, **objects):
    return rule(roles, **{key: f"logbook_{value}" for key, value in objects.items()})


RULES = {
    "activities:logbook": rule(STAFF),
    "activities:month": rule(STAFF, query="?month=2018-05"),
    "activities:export_csv": rule([LEADER]),
    "activities:export_xlsx": rule([LEADER]),
    "activities:entry_delete": _delete_rule("activity", "activity"),
    "activities:activity_create": rule(STAFF),
    "activities:activity_detail": r(STAFF, pk="activity"),
    "activities:activity_edit": r(STAFF, pk="activity"),
    "activities:kind_list": rule([LEADER]),
    "activities:kind_create": rule([LEADER]),
    "activities:kind_edit": r([LEADER], pk="kind"),
    "activities:cohort_list": rule(STAFF),
    "activities:cohort_create": rule(STAFF),
    "activities:cohort_detail": r(STAFF, pk="cohort"),
    "activities:cohort_edit": r(STAFF, pk="cohort"),
    "activities:cohort_certificates": r(STAFF, pk="cohort"),
    "activities:session_create": r(STAFF, cohort_pk="cohort"),
    "activities:session_edit": r(STAFF, cohort_pk="cohort", pk="session"),
    "activities:graduate_create": r(STAFF, cohort_pk="cohort"),
    "activities:graduate_edit": r(STAFF, cohort_pk="cohort", pk="graduate"),
    "activities:graduate_certificate": r(STAFF, cohort_pk="cohort", pk="graduate"),
    "activities:idea_list": rule(STAFF),
    "activities:idea_create": rule(STAFF),
    "activities:idea_edit": r(STAFF, pk="idea"),
    "activities:board_list": rule(STAFF),
    "activities:board_create": rule(STAFF),
    "activities:board_detail": r(STAFF, pk="board"),
    "activities:board_edit": r(STAFF, pk="board"),
    "activities:board_meeting_create": r(STAFF, board_pk="board"),
    "activities:board_meeting_edit": r(STAFF, board_pk="board", pk="board_meeting"),
    "activities:board_year_create": r(STAFF, board_pk="board"),
    "activities:board_year_edit": r(STAFF, board_pk="board", pk="board_year"),
    "activities:board_survey_create": r(STAFF, board_pk="board"),
    "activities:board_survey_edit": r(STAFF, board_pk="board", pk="board_survey"),
    "activities:resident_meeting_list": rule(STAFF),
    "activities:resident_meeting_create": rule(STAFF),
    "activities:resident_meeting_edit": r(STAFF, pk="resident_meeting"),
    "activities:network_list": rule(STAFF),
    "activities:network_create": rule(STAFF),
    "activities:network_detail": r(STAFF, pk="network"),
    "activities:network_edit": r(STAFF, pk="network"),
    "activities:network_meeting_create": r(STAFF, network_pk="network"),
    "activities:network_meeting_detail": r(STAFF, network_pk="network", pk="network_meeting"),
    "activities:network_meeting_edit": r(STAFF, network_pk="network", pk="network_meeting"),
}
