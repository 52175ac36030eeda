"""Builders for district test data: contracts, shared networks and their meetings. People are fictional."""

import datetime

from reporting.districts.models import (
    Contract,
    ContractParty,
    ContractPlan,
    ContractVersion,
    PartyKind,
    SharedMeeting,
    SharedMeetingPartner,
    SharedMeetingPlan,
    SharedNetwork,
)

D = datetime.date
DEC_12_2013 = D(2013, 12, 12)
MAR_6_2018 = D(2018, 3, 6)


def contract(district, budgets: dict, focus_area: str = "Udsatte grupper", issued_on=DEC_12_2013):
    """A contract with one version naming each plan of `budgets` (plan -> DKK)."""
    c, _ = Contract.objects.get_or_create(
        district=district, focus_area=focus_area, defaults={"title": f"Kontrakt, {focus_area}"}
    )
    version = ContractVersion.objects.create(contract=c, issued_on=issued_on, label=f"Version {issued_on}")
    for plan, budget in budgets.items():
        ContractPlan.objects.create(version=version, plan=plan, budget_dkk=budget, period_label="2013-16")
    return c


def party(c, organisation: str = "Socialforvaltningen", unit: str = "SCK", kind=PartyKind.MUNICIPAL):
    return ContractParty.objects.create(
        contract=c, kind=kind, organisation=organisation, unit=unit, contact_role="Områdechef"
    )


def network(district, name: str = "Praksisnetværk", interval_weeks: int = 8, **fields):
    return SharedNetwork.objects.create(
        district=district, name=name, interval_weeks=interval_weeks, convener="SCK", **fields
    )


def meeting(network, day=MAR_6_2018, plans: dict | None = None, partners: dict | None = None, **fields):
    """A shared meeting; `plans` maps plan -> people present (0 = invited, did not come)."""
    m = SharedMeeting.objects.create(network=network, date=day, **fields)
    for plan, attendees in (plans or {}).items():
        SharedMeetingPlan.objects.create(meeting=m, plan=plan, invited=True, attendees=attendees)
    for p, attendees in (partners or {}).items():
        SharedMeetingPartner.objects.create(meeting=m, party=p, attendees=attendees)
    return m
