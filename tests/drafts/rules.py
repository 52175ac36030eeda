"""Access rules of the drafts: both endpoints take a POST only, and so does staying logged in."""

from tests.rules import TEAM, SiteRule, rule


def populate(w):
    pass


RULES = {
    "drafts:save": rule(TEAM, status=405),
    "drafts:discard": rule(TEAM, status=405),
    "session_keepalive": SiteRule(
        expect=dict.fromkeys(("anonymous", "worker_a", "leader_a", "board_a", "worker_b", "admin"), 405)
    ),
}
