"""Access rules of the calendar: the page is every member's; the feed is reached by its secret key only.

The feed's URL without a key (what the matrix asks for) is a 404 for everyone, logged in or not; with
a key it answers whoever holds it (tests/agenda/test_feed.py), and a revoked key is a 404.
"""

from tests.rules import EVERYONE, SiteRule, rule

PERSONAS = ("anonymous", "worker_a", "leader_a", "board_a", "worker_b", "admin")


def populate(w):
    pass


RULES = {
    "agenda:calendar": rule(EVERYONE),
    "calendar_feed": SiteRule(expect=dict.fromkeys(PERSONAS, 404)),
}
