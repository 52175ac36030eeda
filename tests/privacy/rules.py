from tests.rules import LEADER, SiteRule, rule

PERSONAS = ["anonymous", "worker_a", "leader_a", "board_a", "worker_b", "admin"]


def populate(w):
    pass  # the residents (world.resident_a / resident_b) come from tests/cases/rules.py


RULES = {
    # With OTP_REQUIRED off (the test default) the second step is passed straight through.
    "two_factor": SiteRule(expect=dict.fromkeys(PERSONAS, 302)),
    "backup_codes": SiteRule(expect={p: (302 if p == "anonymous" else 200) for p in PERSONAS}),
    "privacy:access_request_json": rule([LEADER], pk="resident"),
    "privacy:access_request_pdf": rule([LEADER], pk="resident"),
    "privacy:resident_erase": rule([LEADER], pk="resident"),
}
