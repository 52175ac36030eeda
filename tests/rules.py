"""The rule table of the access matrix.

Every named URL of the project needs a rule here (admin URLs are covered by
one rule for the admin index). Each app's `tests/<app>/rules.py` defines

* `populate(world)`: create one object of each kind in plan A and plan B and
  hang them on `world` (e.g. `world.case_a`, `world.case_b`);
* `RULES`: url name -> `PlanRule` or `SiteRule`.

A URL without a rule fails `test_every_url_has_a_rule`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from helhedsplan.models import Role

WORKER, LEADER, BOARD = Role.WORKER, Role.PROJECT_LEADER, Role.BOARD
TEAM = frozenset({WORKER, LEADER})
EVERYONE = frozenset({WORKER, LEADER, BOARD})

# The personas the matrix walks; attribute names on `world` (None = anonymous).
PERSONAS = {
    "anonymous": None,
    "worker_a": "worker_a",
    "leader_a": "leader_a",
    "board_a": "board_a",
    "worker_b": "worker_b",  # member of the other plan only
    "admin": "admin",  # administrator without a plan role
    "coordinator": "coordinator",  # district coordinator of plans A and B, without a plan role
}
# A site page's rule may leave out a later persona: it then expects what the stand-in gets.
STANDS_IN = {"coordinator": "worker_b"}
ROLE_OF = {"worker_a": WORKER, "leader_a": LEADER, "board_a": BOARD}


@dataclass
class PlanRule:
    """A page under /plans/<plan_id>/ that these roles may reach.

    `kwargs(world)` gives the URL's arguments for plan A's objects (plan_id
    included); `foreign(world)` the same with an object of plan B inside plan
    A's URL, which must be a 404. `status` is what an allowed role gets for a
    GET (405 for POST-only views, 302 for redirects).
    """

    roles: frozenset
    kwargs: Callable = field(default=lambda w: {"plan_id": w.plan_a.pk})
    foreign: Callable | None = None
    status: int = 200
    query: str = ""


@dataclass
class SiteRule:
    """A page outside a plan: expected status per persona."""

    expect: dict
    kwargs: Callable = field(default=lambda w: {})

    def status_for(self, persona: str) -> int:
        if persona not in self.expect and persona in STANDS_IN:
            return self.expect[STANDS_IN[persona]]
        return self.expect[persona]


def plan_kwargs(**objects: str) -> tuple[Callable, Callable]:
    """(kwargs, foreign) for a URL with object ids, e.g. plan_kwargs(pk="partner").

    Looks up `world.partner_a` for plan A and `world.partner_b` for the foreign id.
    """

    def own(w):
        return {"plan_id": w.plan_a.pk, **{k: getattr(w, f"{v}_a").pk for k, v in objects.items()}}

    def foreign(w):
        return {"plan_id": w.plan_a.pk, **{k: getattr(w, f"{v}_b").pk for k, v in objects.items()}}

    return own, foreign


def rule(roles, status: int = 200, query: str = "", **objects: str) -> PlanRule:
    if objects:
        own, foreign = plan_kwargs(**objects)
        return PlanRule(roles=frozenset(roles), kwargs=own, foreign=foreign, status=status, query=query)
    return PlanRule(roles=frozenset(roles), status=status, query=query)
