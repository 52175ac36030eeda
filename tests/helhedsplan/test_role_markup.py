"""Role-dependent markup asks the access layer's one value (`can`), never a role string."""

import re
from pathlib import Path

from helhedsplan.access import Abilities
from helhedsplan.models import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ROLE_LITERAL = re.compile(
    r"current_role|membership.role|is_leader|is_board|can_manage|[\"'](project_leader|worker|board)[\"']"
)


def test_no_template_tests_a_role_string():
    offenders = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if ROLE_LITERAL.search(line)
    ]
    assert offenders == []


def test_each_role_may_what_its_pages_offer():
    leader, worker, board, nobody = (
        Abilities(r) for r in (Role.PROJECT_LEADER, Role.WORKER, Role.BOARD, None)
    )
    assert (leader.manage, leader.work_with_residents, leader.only_read_reports) == (True, True, False)
    assert (worker.manage, worker.work_with_residents, worker.only_read_reports) == (False, True, False)
    assert (board.manage, board.work_with_residents, board.only_read_reports) == (False, False, True)
    assert (nobody.manage, nobody.work_with_residents, nobody.only_read_reports) == (False, False, False)
