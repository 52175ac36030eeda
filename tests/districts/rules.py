"""Access rules of the district.

The district pages (/districts/<id>/) are the district coordinator's only: every plan member,
the administrator and a coordinator of another district get a 404. The coordinator holds no plan
role, so every plan page is a 404 for them (the matrix's "coordinator" persona).

The shared networks are reached from a participating plan's logbook by its caretakers/workers
and project leader; a network of another district is a 404; the board reaches none of it.
"""

from tests import factories
from tests.rules import PERSONAS, TEAM, SiteRule, rule

from . import builders


def populate(w):
    # Plans A and B share the world's district; plan C is alone in another district.
    w.plan_c = factories.make_plan("Helhedsplan C")
    w.other_district = factories.make_district(w.plan_c)
    w.shared_network_a = builders.network(w.district)
    w.shared_network_b = builders.network(w.other_district)
    w.shared_meeting_a = builders.meeting(w.shared_network_a, plans={w.plan_a: 2, w.plan_b: 1})
    w.shared_meeting_b = builders.meeting(w.shared_network_b, plans={w.plan_c: 1})


COORDINATOR_ONLY = dict.fromkeys(PERSONAS, 404) | {"anonymous": 302, "coordinator": 200}


def district_kwargs(w):
    return {"district_id": w.district.pk}


RULES = {
    "districts:overview": SiteRule(expect=COORDINATOR_ONLY, kwargs=district_kwargs),
    "districts:overview_pdf": SiteRule(expect=COORDINATOR_ONLY, kwargs=district_kwargs),
    "districts:overview_xlsx": SiteRule(expect=COORDINATOR_ONLY, kwargs=district_kwargs),
    "districts:network_detail": SiteRule(
        expect=COORDINATOR_ONLY, kwargs=lambda w: {"district_id": w.district.pk, "pk": w.shared_network_a.pk}
    ),
    "shared:network_list": rule(TEAM),
    "shared:network_detail": rule(TEAM, pk="shared_network"),
    "shared:meeting_create": rule(TEAM, network_pk="shared_network"),
    "shared:meeting_detail": rule(TEAM, network_pk="shared_network", pk="shared_meeting"),
    "shared:meeting_edit": rule(TEAM, network_pk="shared_network", pk="shared_meeting"),
}
