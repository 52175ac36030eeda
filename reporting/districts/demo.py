"""Demo data: the Nørrebro district of the 2013 contract *Udsatte grupper* (fictional people only).

The plans and budgets are the contract's (shared/seeds: Kontrakt om boligsocialt samarbejde på
Nørrebro, Udsatte grupper, 12 December 2013); every person is made up. Runs after the plan core
and the logbook (INSTALLED_APPS order), so the Lundtoftegade plan exists.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction

from activities import services as activity_services
from helhedsplan.demo import DEMO_PASSWORD, SECOND_PLAN_SLUG
from helhedsplan.models import FocusArea, Plan

from .models import (
    Contract,
    ContractParty,
    ContractPlan,
    ContractVersion,
    CoordinatorKind,
    District,
    DistrictMembership,
    DistrictPlan,
    PartyKind,
    SharedMeeting,
    SharedMeetingPartner,
    SharedMeetingPlan,
    SharedNetwork,
    SharedNetworkKind,
)

D = datetime.date
FOCUS_AREA = "Udsatte grupper"
CONTRACT_TITLE = "Kontrakt om boligsocialt samarbejde på Nørrebro, Udsatte grupper"

LUNDTOFTEGADE = SECOND_PLAN_SLUG
NABOSKAB = "det-gode-naboskab"
HOTHERS = "hothers-plads"
ALDERSRO = "aldersrogade"
MIMERSGADE = "mimersgadekvarteret"
TITANPARKEN = "titanparken"

# slug: (name, start, end, housing organisations, period in the contract, budget under Udsatte grupper)
PLANS = {
    NABOSKAB: ("Det gode Naboskab", D(2013, 1, 1), D(2016, 12, 31), "fsb og HAB", "2013-16", 0),
    HOTHERS: ("Hothers Plads Helhedsplanen", D(2013, 1, 1), D(2016, 12, 31), "Lejerbo og AAB", "2013-16", 0),
    ALDERSRO: (
        "Aldersrogade – vores kvarter",
        D(2014, 1, 1),
        D(2018, 12, 31),
        "Lejerbo og Vibo",
        "2014-18",
        0,
    ),
    MIMERSGADE: (
        "Helhedsplan for Mimersgadekvarteret",
        D(2014, 1, 1),
        D(2017, 12, 31),
        "Vibo og 3B",
        "2014-17",
        1_093_971,
    ),
    TITANPARKEN: (
        "Den boligsociale helhedsplan i Titanparken",
        D(2013, 1, 1),
        D(2016, 12, 31),
        "AKB",
        "",
        None,  # integrated where relevant: in the networks, not in the contract's budget
    ),
}
LUNDTOFTEGADE_TERMS = ("AKB", "2012-16", 2_575_277)

# The contract's versions: (issued, label, what changed, plans in it)
VERSIONS = [
    (
        D(2012, 5, 1),
        "Første udgave, maj 2012",
        "Udarbejdet ved fornyelsen af den boligsociale helhedsplan for Lundtoftegade.",
        [LUNDTOFTEGADE],
    ),
    (
        D(2012, 11, 1),
        "Revideret november 2012",
        "Det gode Naboskab (fsb og HAB) og Hothers Plads Helhedsplanen (Lejerbo) omfattes.",
        [LUNDTOFTEGADE, NABOSKAB, HOTHERS],
    ),
    (
        D(2013, 12, 12),
        "Revideret 12. december 2013",
        "Aldersrogade – vores kvarter (Lejerbo og Vibo) og Mimersgadekvarteret (Vibo og 3B) omfattes; "
        "AKB's helhedsplan i Titanparken er integreret, hvor det er relevant.",
        [LUNDTOFTEGADE, NABOSKAB, HOTHERS, ALDERSRO, MIMERSGADE],
    ),
]
JOINED = {
    LUNDTOFTEGADE: D(2012, 5, 1),
    NABOSKAB: D(2012, 11, 1),
    HOTHERS: D(2012, 11, 1),
    ALDERSRO: D(2013, 12, 12),
    MIMERSGADE: D(2013, 12, 12),
    TITANPARKEN: D(2013, 12, 12),
}

# (kind, organisation, unit, contact's position, fictional contact, plans)
PARTIES = [
    (
        PartyKind.HOUSING,
        "Boligselskabet AKB, København",
        "",
        "Boligsocial koordinator",
        "Hanne Fiktiv",
        [LUNDTOFTEGADE, TITANPARKEN],
    ),
    (PartyKind.HOUSING, "fsb og HAB", "", "Boligsocial koordinator i fsb", "Rasmus Opdigtet", [NABOSKAB]),
    (PartyKind.HOUSING, "Vibo og 3B", "", "Boligsocial chef i Vibo", "Tine Eksempel", [MIMERSGADE]),
    (PartyKind.HOUSING, "Lejerbo og Vibo", "", "Boligsocial konsulent", "Mads Demo", [ALDERSRO]),
    (PartyKind.HOUSING, "Lejerbo og AAB", "", "Boligsocial konsulent", "Mads Demo", [HOTHERS]),
    (
        PartyKind.MUNICIPAL,
        "Socialforvaltningen",
        "Social Center København (SCK) Nørrebro",
        "Områdechef",
        "Eva Påhit",
        [],
    ),
    (
        PartyKind.MUNICIPAL,
        "Sundheds- og Omsorgsforvaltningen",
        "Forebyggelsescenter Nørrebro",
        "Leder",
        "Birte Testesen",
        [],
    ),
    (
        PartyKind.MUNICIPAL,
        "Sundheds- og Omsorgsforvaltningen",
        "Myndighedsteamet for Bispebjerg/Nørrebro",
        "Leder",
        "Birgit Mønster",
        [],
    ),
    (PartyKind.OTHER, "Aktivitetscentret Kalejdoskop", "", "", "", []),
    (PartyKind.OTHER, "Foreningen Sind", "", "", "", []),
]
SCK = "Social Center København (SCK) Nørrebro"
FOREBYGGELSE = "Forebyggelsescenter Nørrebro"
MYNDIGHED = "Myndighedsteamet for Bispebjerg/Nørrebro"

PRACTICE = "Lokalt praksisnetværk om de mest udsatte beboere"
HEALTH = "Sundhedsnetværk med Forebyggelsescenter Nørrebro"
THEME = "Årligt temamøde om Socialforvaltningens arbejde"
PRACTICE_PLANS = [LUNDTOFTEGADE, TITANPARKEN, MIMERSGADE, ALDERSRO, HOTHERS]
PRACTICE_START = D(2013, 2, 12)
PRACTICE_END = D(2018, 12, 31)
#: The meeting that was not held: the series shows a gap of 16 weeks there.
PRACTICE_MISSED = D(2015, 6, 2)
POINTS = [
    "Fogedsager i kalenderen: koordinering med boligrådgiverne",
    "Unge 18-25 år i egen bolig: kontakt til de sociale mentorer",
    "Brobygning til boligydelse og støttekontaktperson",
    "Renoveringen i Vognvænget: beboere der skal genhuses",
    "Kontaktpersonordningen: hvem kontakter hvem",
]
PRACTICE_AGENDA = "1. Nyt fra parterne\n2. Punkter fra helhedsplanerne\n3. Metoder der virker\n4. Eventuelt"

COORDINATOR = ("koordinator", "Karla", "Koordinator", "Koordinator, Boligsocialt Forum Nørrebro")


def _plan(slug: str) -> Plan | None:
    if slug == LUNDTOFTEGADE:
        return Plan.objects.filter(slug=slug).first()
    name, start, end, _orgs, _period, _budget = PLANS[slug]
    plan, _ = Plan.objects.update_or_create(
        slug=slug,
        defaults={
            "name": name,
            "start_date": start,
            "end_date": end,
            "description": "Boligsocial helhedsplan på Nørrebro (demo).",
        },
    )
    activity_services.activity_kinds_ensure_standard(plan=plan)
    FocusArea.objects.update_or_create(
        plan=plan,
        name=FOCUS_AREA,
        defaults={"agreement_title": CONTRACT_TITLE, "valid_from": D(2013, 12, 12)},
    )
    return plan


@transaction.atomic
def seed(*, stdout=None, today: datetime.date) -> None:
    lundtoftegade = Plan.objects.filter(slug=LUNDTOFTEGADE).first()
    if lundtoftegade is None:
        return
    rng = random.Random(16)  # noqa: S311 - demo data only
    plans = {slug: _plan(slug) for slug in [LUNDTOFTEGADE, *PLANS]}
    district, _ = District.objects.update_or_create(
        slug="norrebro",
        defaults={
            "name": "Nørrebro",
            "forum_name": "Boligsocialt Forum Nørrebro",
            "description": "Københavns Kommune og de almene boligorganisationer samarbejder om de "
            "boligsociale helhedsplaner på Nørrebro. Kontrakter om indsatsområderne Udsatte "
            "grupper; Uddannelse, beskæftigelse og erhverv; Børn, unge og familie; Kultur og fritid.",
        },
    )
    for slug, plan in plans.items():
        DistrictPlan.objects.update_or_create(
            plan=plan, defaults={"district": district, "joined_on": JOINED[slug]}
        )

    contract, _ = Contract.objects.update_or_create(
        district=district,
        focus_area=FOCUS_AREA,
        defaults={"title": CONTRACT_TITLE, "reference": "2013-0226017"},
    )
    for issued, label, note, slugs in VERSIONS:
        version, _ = ContractVersion.objects.update_or_create(
            contract=contract, issued_on=issued, defaults={"label": label, "note": note}
        )
        for slug in slugs:
            orgs, period, budget = LUNDTOFTEGADE_TERMS if slug == LUNDTOFTEGADE else PLANS[slug][3:6]
            ContractPlan.objects.update_or_create(
                version=version,
                plan=plans[slug],
                defaults={"housing_organisations": orgs, "period_label": period, "budget_dkk": budget or 0},
            )
    parties = {}
    for kind, organisation, unit, role, person, slugs in PARTIES:
        party, _ = ContractParty.objects.update_or_create(
            contract=contract,
            organisation=organisation,
            unit=unit,
            defaults={"kind": kind, "contact_role": role, "contact_name": person},
        )
        party.plans.set([plans[s] for s in slugs])
        parties[unit or organisation] = party

    practice, _ = SharedNetwork.objects.update_or_create(
        district=district,
        name=PRACTICE,
        defaults={
            "contract": contract,
            "kind": SharedNetworkKind.NETWORK,
            "interval_weeks": 8,
            "convener": "Socialforvaltningen, SCK Nørrebro: specialiseret sagsbehandler",
            "description": "Tilpasser det daglige samarbejde om udsatte borgere: forebyggelse af "
            "udsættelser, unge 18-25 år i egen bolig, brobygning til Socialforvaltningen og "
            "beboere ved større renoveringer.",
        },
    )
    day = PRACTICE_START
    while day <= min(PRACTICE_END, today):
        if day != PRACTICE_MISSED:
            invited = [s for s in PRACTICE_PLANS if _running(plans[s], s, day)]
            rows = {s: (True, 1 if rng.random() < 0.85 else 0, "") for s in invited}
            raiser = rng.choice(invited)
            rows[raiser] = (True, max(rows[raiser][1], 1), rng.choice(POINTS))
            partners = {SCK: rng.choice((1, 2))}
            if day.month in (3, 9) and day.day <= 28:  # SUF's team joins about twice a year
                partners[MYNDIGHED] = 1
            _meeting(
                practice, day, plans, rows, {parties[k]: n for k, n in partners.items()}, PRACTICE_AGENDA
            )
        day += datetime.timedelta(weeks=8)

    health, _ = SharedNetwork.objects.update_or_create(
        district=district,
        name=HEALTH,
        defaults={
            "contract": contract,
            "kind": SharedNetworkKind.NETWORK,
            "interval_weeks": 26,
            "convener": "Forebyggelsescenter Nørrebro",
            "description": "Orientering om forebyggelsescentrets tilbud, planlægning af bolignære "
            "aktiviteter, metodeudvikling og videndeling. To gange årligt.",
        },
    )
    # The introductory meeting in September 2013, then every 26 weeks (twice a year) until 2018.
    health_days = [D(2013, 9, 17) + datetime.timedelta(weeks=26 * n) for n in range(11)]
    for day in health_days:
        if day <= today:
            rows = {
                s: (True, 1 if rng.random() < 0.8 else 0, "") for s in plans if _running(plans[s], s, day)
            }
            _meeting(health, day, plans, rows, {parties[FOREBYGGELSE]: 2}, "Nyt fra forebyggelsescentret")

    theme, _ = SharedNetwork.objects.update_or_create(
        district=district,
        name=THEME,
        defaults={
            "contract": contract,
            "kind": SharedNetworkKind.THEME,
            "interval_weeks": 52,
            "convener": "Socialforvaltningen, SCK Nørrebro: specialiseret sagsbehandler",
            "description": "Alle helhedsplaner på Nørrebro inviteres for at øge kendskabet til "
            "Socialforvaltningens arbejde, fx kontaktpersonordningen. Ejendomsmestre kan inviteres med.",
        },
    )
    for year in range(6):  # every 52 weeks from 19 November 2013, the yearly cadence
        day = D(2013, 11, 19) + datetime.timedelta(weeks=52 * year)
        if day <= today:
            rows = {s: (True, rng.choice((0, 1, 2, 3)), "") for s in plans if _running(plans[s], s, day)}
            _meeting(theme, day, plans, rows, {parties[SCK]: 3}, "Tema: kontaktpersonordningen")

    _seed_coordinator(district)
    if stdout:
        stdout.write(
            f"District: {district.name}, {len(plans)} plans, {SharedMeeting.objects.count()} shared meetings"
        )


def _running(plan, slug, day) -> bool:
    """A plan is invited from the day it joined the district until its period ends."""
    return JOINED[slug] <= day <= plan.end_date


def _meeting(network, day, plans, rows, partners, agenda):
    meeting, _ = SharedMeeting.objects.update_or_create(
        network=network, date=day, defaults={"convener": network.convener, "agenda": agenda}
    )
    meeting.plan_rows.all().delete()
    SharedMeetingPlan.objects.bulk_create(
        SharedMeetingPlan(
            meeting=meeting, plan=plans[slug], invited=invited, attendees=n, agenda_points=points
        )
        for slug, (invited, n, points) in rows.items()
    )
    meeting.partner_rows.all().delete()
    SharedMeetingPartner.objects.bulk_create(
        SharedMeetingPartner(meeting=meeting, party=party, attendees=n) for party, n in partners.items()
    )


def _seed_coordinator(district):
    username, first, last, title = COORDINATOR
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    DistrictMembership.objects.update_or_create(
        user=user, district=district, defaults={"kind": CoordinatorKind.MUNICIPAL, "job_title": title}
    )


def demo_logins() -> list[tuple[str, str]]:
    """The district coordinator's login, for the seed command to print."""
    return [(COORDINATOR[0], f"{COORDINATOR[3]} – bydelen Nørrebro")]
