"""Access rules for the status notes: the board reaches only published notes and their exports."""

from reporting.notes import services
from tests.notes.factories import frozen_note
from tests.rules import EVERYONE, LEADER, TEAM, PlanRule, rule


def populate(w):
    from tests import factories

    for suffix, plan, leader in (("a", w.plan_a, w.leader_a), ("b", w.plan_b, w.leader_b)):
        focus_area = factories.make_focus_area(plan, name="Børn, unge og familie")
        factories.make_initiative(focus_area, number=9, name="Børnebestyrelser")
        published = frozen_note(plan, leader, year=2018)
        draft = services.note_create(plan=plan, year=2019, created_by=leader)
        setattr(w, f"note_{suffix}", published)
        setattr(w, f"draft_note_{suffix}", draft)
        setattr(w, f"draft_section_{suffix}", draft.sections.first())


def post_only(roles, thing: str) -> PlanRule:
    """A POST-only view: GET is 405 before the object is looked up, so the foreign check
    uses plan B's own URL (404 for plan A's people); test_access.py POSTs plan B's id
    inside plan A's URL."""
    return PlanRule(
        roles=frozenset(roles),
        status=405,
        kwargs=lambda w: {"plan_id": w.plan_a.pk, "pk": getattr(w, f"{thing}_a").pk},
        foreign=lambda w: {"plan_id": w.plan_b.pk, "pk": getattr(w, f"{thing}_b").pk},
    )


RULES = {
    "notes:list": rule(EVERYONE),
    "notes:create": rule([LEADER]),
    "notes:detail": rule(EVERYONE, pk="note"),
    "notes:summary_edit": rule([LEADER], pk="draft_note"),
    "notes:section_edit": rule(TEAM, pk="draft_note", section_pk="draft_section"),
    # A published note's barriers are closed: the team is sent back to the note.
    "notes:criterion_barrier": PlanRule(
        roles=frozenset(TEAM),
        status=302,
        kwargs=lambda w: {"plan_id": w.plan_a.pk, "pk": w.note_a.pk, "code": "F2"},
        foreign=lambda w: {"plan_id": w.plan_a.pk, "pk": w.note_b.pk, "code": "F2"},
    ),
    "notes:submit": post_only(TEAM, "draft_note"),
    "notes:reopen": post_only([LEADER], "note"),
    "notes:approve": post_only([LEADER], "note"),
    "notes:publish": post_only([LEADER], "note"),
    "notes:supersede": post_only([LEADER], "note"),
    "notes:export_pdf": rule(EVERYONE, pk="note"),
    "notes:export_docx": rule(EVERYONE, pk="note"),
    "notes:export_xlsx": rule(EVERYONE, pk="note"),
}
