from helhedsplan.models import BudgetLine
from tests import factories
from tests.rules import EVERYONE, LEADER, TEAM, SiteRule, rule


def populate(w):
    for suffix, plan in (("a", w.plan_a), ("b", w.plan_b)):
        focus_area = factories.make_focus_area(plan)
        setattr(w, f"focus_area_{suffix}", focus_area)
        setattr(
            w,
            f"budget_line_{suffix}",
            BudgetLine.objects.create(focus_area=focus_area, source="LBF", amount_dkk=100),
        )
        setattr(w, f"initiative_{suffix}", factories.make_initiative(focus_area))
        department = factories.make_department(plan)
        setattr(w, f"department_{suffix}", department)
        setattr(w, f"housing_organisation_{suffix}", department.housing_organisation)
        setattr(w, f"neighbourhood_{suffix}", department.neighbourhood)
        partner = factories.make_partner(plan)
        setattr(w, f"partner_{suffix}", partner)
        setattr(w, f"contact_{suffix}", factories.make_contact(partner))
    w.membership_a = w.leader_a.memberships.get()
    w.membership_b = w.leader_b.memberships.get()


ANYONE_LOGGED_IN = {
    "anonymous": 302,
    "worker_a": 302,
    "leader_a": 302,
    "board_a": 302,
    "worker_b": 302,
    "admin": 302,
}

INSTALLATION_ONLY = {p: {"anonymous": 302, "admin": 200}.get(p, 403) for p in ANYONE_LOGGED_IN}

RULES = {
    "home": SiteRule(expect=ANYONE_LOGGED_IN),
    "login": SiteRule(expect={p: (200 if p == "anonymous" else 302) for p in ANYONE_LOGGED_IN}),
    "logout": SiteRule(expect=dict.fromkeys(ANYONE_LOGGED_IN, 405)),
    "password_change": SiteRule(expect={p: (302 if p == "anonymous" else 200) for p in ANYONE_LOGGED_IN}),
    "password_change_done": SiteRule(
        expect={p: (302 if p == "anonymous" else 200) for p in ANYONE_LOGGED_IN}
    ),
    "set_language": SiteRule(expect=dict.fromkeys(ANYONE_LOGGED_IN, 302)),
    # The installation administrator's pages: the administrator only; the anonymous to the login page.
    "installation:plan_list": SiteRule(expect=INSTALLATION_ONLY),
    "installation:plan_new": SiteRule(expect=INSTALLATION_ONLY),
    "installation:plan_leaders": SiteRule(expect=INSTALLATION_ONLY, kwargs=lambda w: {"pk": w.plan_a.pk}),
    "admin:index": SiteRule(expect={p: (200 if p == "admin" else 302) for p in ANYONE_LOGGED_IN}),
    "helhedsplan:plan_detail": rule([LEADER]),
    "helhedsplan:plan_start": rule(EVERYONE, status=302),
    "helhedsplan:plan_edit": rule([LEADER]),
    "helhedsplan:department_import": rule([LEADER]),
    "helhedsplan:department_import_confirm": rule([LEADER], status=405),
    "helhedsplan:focus_area_create": rule([LEADER]),
    "helhedsplan:focus_area_edit": rule([LEADER], pk="focus_area"),
    "helhedsplan:budget_line_create": rule([LEADER], focus_area_pk="focus_area"),
    "helhedsplan:budget_line_edit": rule([LEADER], focus_area_pk="focus_area", pk="budget_line"),
    "helhedsplan:initiative_create": rule([LEADER]),
    "helhedsplan:initiative_edit": rule([LEADER], pk="initiative"),
    "helhedsplan:housing": rule([LEADER]),
    "helhedsplan:housing_organisation_create": rule([LEADER]),
    "helhedsplan:housing_organisation_edit": rule([LEADER], pk="housing_organisation"),
    "helhedsplan:neighbourhood_create": rule([LEADER]),
    "helhedsplan:neighbourhood_edit": rule([LEADER], pk="neighbourhood"),
    "helhedsplan:department_create": rule([LEADER]),
    "helhedsplan:department_edit": rule([LEADER], pk="department"),
    "helhedsplan:partner_list": rule(TEAM),
    "helhedsplan:partner_create": rule([LEADER]),
    "helhedsplan:partner_detail": rule(TEAM, pk="partner"),
    "helhedsplan:partner_edit": rule([LEADER], pk="partner"),
    "helhedsplan:contact_create": rule([LEADER], partner_pk="partner"),
    "helhedsplan:contact_edit": rule([LEADER], partner_pk="partner", pk="contact"),
    "helhedsplan:staff_list": rule([LEADER]),
    "helhedsplan:staff_create": rule([LEADER]),
    "helhedsplan:staff_add_existing": rule([LEADER]),
    "helhedsplan:staff_edit": rule([LEADER], pk="membership"),
    "helhedsplan:staff_end": rule([LEADER], pk="membership"),
}
