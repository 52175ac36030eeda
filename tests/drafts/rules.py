"""Access rules of the drafts: both endpoints take a POST only, and so does staying logged in."""

from tests.rules import STAFF, SiteRule, rule


def populate(w):
    pass


RULES = {
    "drafts:save": rule(STAFF, status=405),
    "drafts:discard": rule(STAFF, status=405),
    "session_keepalive": SiteRule(
        expect=dict.fromkeys(("anonymous", "worker_a", "leader_a", "board_a", "worker_b", "admin"), 405)
    ),
}
