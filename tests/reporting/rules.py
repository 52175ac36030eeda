"""Access rules of the reporting pages: staff read the dashboard, the project leader manages the rest."""

from reporting.models import MilestoneTopic
from tests.reporting import builders
from tests.rules import LEADER, TEAM, PlanRule, rule

YEAR = 2018


def populate(w):
    for suffix, plan in (("a", w.plan_a), ("b", w.plan_b)):
        criterion = builders.make_criterion(plan, "F1")
        setattr(w, f"criterion_{suffix}", criterion)
        setattr(w, f"criterion_version_{suffix}", criterion.versions.get())
        setattr(w, f"milestone_{suffix}", builders.milestone(plan, MilestoneTopic.OTHER))


def year_rule(roles, **objects):
    """A rule for a URL with a year (and maybe object ids)."""

    def own(w):
        ids = {k: getattr(w, f"{v}_a").pk for k, v in objects.items()}
        return {"plan_id": w.plan_a.pk, "year": YEAR, **ids}

    def foreign(w):
        # Plan B's object; without one, a year no plan reports on (also a 404).
        if not objects:
            return {"plan_id": w.plan_a.pk, "year": 1800}
        ids = {k: getattr(w, f"{v}_b").pk for k, v in objects.items()}
        return {"plan_id": w.plan_a.pk, "year": YEAR, **ids}

    return PlanRule(roles=frozenset(roles), kwargs=own, foreign=foreign)


RULES = {
    "reporting:dashboard": rule(TEAM),
    "reporting:dashboard_year": year_rule(TEAM),
    "reporting:drilldown": year_rule(TEAM, pk="criterion"),
    "reporting:api_criteria": year_rule(TEAM),
    "reporting:statistics": rule([LEADER]),
    "reporting:housing_grid": rule([LEADER]),
    "reporting:district_grid": rule([LEADER]),
    "reporting:district_create": rule([LEADER]),
    "reporting:import": rule([LEADER]),
    "reporting:import_confirm": rule([LEADER], status=405),
    "reporting:import_template": PlanRule(
        roles=frozenset([LEADER]),
        kwargs=lambda w: {"plan_id": w.plan_a.pk, "kind": "housing", "fmt": "xlsx"},
        # No object id: an unknown kind of template is the 404.
        foreign=lambda w: {"plan_id": w.plan_a.pk, "kind": "residents", "fmt": "xlsx"},
    ),
    "reporting:statistics_history": rule([LEADER]),
    "reporting:criterion_list": rule([LEADER]),
    "reporting:criterion_create": rule([LEADER]),
    "reporting:agreement_copy": rule([LEADER]),
    "reporting:criterion_detail": rule([LEADER], pk="criterion"),
    "reporting:criterion_edit": rule([LEADER], pk="criterion"),
    "reporting:version_create": rule([LEADER], pk="criterion"),
    "reporting:version_edit": rule([LEADER], criterion_pk="criterion", pk="criterion_version"),
    "reporting:milestone_list": rule([LEADER]),
    "reporting:milestone_create": rule([LEADER]),
    "reporting:milestone_edit": rule([LEADER], pk="milestone"),
}
