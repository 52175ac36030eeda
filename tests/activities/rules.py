"""Access rules of the logbook.

Caretakers/workers and the project leader log and read the whole logbook of their plan (and
may correct entries); the activity kinds, the CSV export and deleting an entry are the project
leader's. Board members reach none of it: they get the figures through the status notes.
"""

from tests import factories
from tests.rules import LEADER, TEAM, PlanRule, rule

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
    "activities:logbook": rule(TEAM),
    "activities:month": rule(TEAM, query="?month=2018-05"),
    "activities:export_csv": rule([LEADER]),
    "activities:export_xlsx": rule([LEADER]),
    "activities:entry_delete": _delete_rule("activity", "activity"),
    "activities:activity_create": rule(TEAM),
    "activities:activity_detail": r(TEAM, pk="activity"),
    "activities:activity_edit": r(TEAM, pk="activity"),
    "activities:kind_list": rule([LEADER]),
    "activities:kind_create": rule([LEADER]),
    "activities:kind_edit": r([LEADER], pk="kind"),
    "activities:cohort_list": rule(TEAM),
    "activities:cohort_create": rule(TEAM),
    "activities:cohort_detail": r(TEAM, pk="cohort"),
    "activities:cohort_edit": r(TEAM, pk="cohort"),
    "activities:cohort_certificates": r(TEAM, pk="cohort"),
    "activities:session_create": r(TEAM, cohort_pk="cohort"),
    "activities:session_edit": r(TEAM, cohort_pk="cohort", pk="session"),
    "activities:graduate_create": r(TEAM, cohort_pk="cohort"),
    "activities:graduate_edit": r(TEAM, cohort_pk="cohort", pk="graduate"),
    "activities:graduate_certificate": r(TEAM, cohort_pk="cohort", pk="graduate"),
    "activities:idea_list": rule(TEAM),
    "activities:idea_create": rule(TEAM),
    "activities:idea_edit": r(TEAM, pk="idea"),
    "activities:children_board_list": rule(TEAM),
    "activities:children_board_create": rule(TEAM),
    "activities:children_board_detail": r(TEAM, pk="board"),
    "activities:children_board_edit": r(TEAM, pk="board"),
    "activities:children_board_meeting_create": r(TEAM, board_pk="board"),
    "activities:children_board_meeting_edit": r(TEAM, board_pk="board", pk="board_meeting"),
    "activities:children_board_year_create": r(TEAM, board_pk="board"),
    "activities:children_board_year_edit": r(TEAM, board_pk="board", pk="board_year"),
    "activities:children_board_survey_create": r(TEAM, board_pk="board"),
    "activities:children_board_survey_edit": r(TEAM, board_pk="board", pk="board_survey"),
    "activities:resident_meeting_list": rule(TEAM),
    "activities:resident_meeting_create": rule(TEAM),
    "activities:resident_meeting_edit": r(TEAM, pk="resident_meeting"),
    "activities:network_list": rule(TEAM),
    "activities:network_create": rule(TEAM),
    "activities:network_detail": r(TEAM, pk="network"),
    "activities:network_edit": r(TEAM, pk="network"),
    "activities:network_meeting_create": r(TEAM, network_pk="network"),
    "activities:network_meeting_detail": r(TEAM, network_pk="network", pk="network_meeting"),
    "activities:network_meeting_edit": r(TEAM, network_pk="network", pk="network_meeting"),
}
