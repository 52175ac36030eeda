from tests.rules import SiteRule

PERSONAS = ["anonymous", "worker_a", "leader_a", "board_a", "worker_b", "admin"]


def populate(w):
    pass


RULES = {
    # With OTP_REQUIRED off (the test default) the second step is passed straight through.
    "two_factor": SiteRule(expect=dict.fromkeys(PERSONAS, 302)),
}
