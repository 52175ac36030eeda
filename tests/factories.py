"""Small builders for test data. Every person here is fictional."""

import datetime
import itertools

from django.contrib.auth import get_user_model

from helhedsplan.models import (
    ContactPerson,
    Department,
    FocusArea,
    HousingOrganisation,
    Initiative,
    Membership,
    Neighbourhood,
    PartnerKind,
    PartnerOrganisation,
    Plan,
)
from reporting.districts.models import CoordinatorKind, District, DistrictMembership, DistrictPlan

PASSWORD = "test-password-1234"
_seq = itertools.count(1)


def make_user(username: str, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    return user


def make_plan(name: str = "", **fields) -> Plan:
    n = next(_seq)
    fields.setdefault("start_date", datetime.date(2017, 1, 1))
    fields.setdefault("end_date", datetime.date(2020, 12, 31))
    return Plan.objects.create(name=name or f"Testplan {n}", slug=f"plan-{n}", **fields)


def make_member(plan: Plan, role: str, username: str = "", **user_fields):
    user = make_user(username or f"user{next(_seq)}", **user_fields)
    Membership.objects.create(user=user, plan=plan, role=role)
    return user


def make_department(
    plan: Plan, homes: int | None = 100, org: str = "AKB", area: str = "Nord", code: str = ""
):
    organisation, _ = HousingOrganisation.objects.get_or_create(
        plan=plan, short_name=org, defaults={"name": org}
    )
    neighbourhood, _ = Neighbourhood.objects.get_or_create(plan=plan, name=area, defaults={"district": area})
    return Department.objects.create(
        plan=plan,
        housing_organisation=organisation,
        neighbourhood=neighbourhood,
        code=code or str(next(_seq)),
        name=f"Afdeling {next(_seq)}",
        homes=homes,
    )


def make_focus_area(plan: Plan, name: str = "Tryghed og trivsel") -> FocusArea:
    return FocusArea.objects.create(plan=plan, name=name, valid_from=datetime.date(2017, 1, 1))


def make_initiative(focus_area: FocusArea, number: int = 1, name: str = "Opsøgende indsats") -> Initiative:
    return Initiative.objects.create(focus_area=focus_area, number=number, name=name)


def make_partner(plan: Plan, name: str = "", kind: str = PartnerKind.DEBT_COUNSELLING) -> PartnerOrganisation:
    return PartnerOrganisation.objects.create(plan=plan, name=name or f"Partner {next(_seq)}", kind=kind)


def make_contact(partner: PartnerOrganisation, name: str = "Kontakt Fiktiv") -> ContactPerson:
    return ContactPerson.objects.create(partner=partner, name=name, email="kontakt@example.org")


def make_district(*plans: Plan, name: str = ""):
    """A district with these plans (joined 1 January 2013)."""
    n = next(_seq)
    district = District.objects.create(
        name=name or f"Bydel {n}", slug=f"district-{n}", forum_name="Boligsocialt Forum"
    )
    for plan in plans:
        DistrictPlan.objects.create(district=district, plan=plan, joined_on=datetime.date(2013, 1, 1))
    return district


def make_coordinator(district, username: str = "", **user_fields):
    """A district coordinator: a membership of the district, of no plan."""
    user = make_user(username or f"user{next(_seq)}", **user_fields)
    DistrictMembership.objects.create(user=user, district=district, kind=CoordinatorKind.MUNICIPAL)
    return user
