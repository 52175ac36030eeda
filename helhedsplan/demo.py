"""Demo data for the plan itself: the seed agreement's world.

Organisations are real (as named in the sub-agreement); every person is
fictional. Safe to run again: everything is looked up by its natural key.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import (
    BudgetLine,
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
    Role,
)

#: Development-only password of every demo user; printed by `seed_demo`.
DEMO_PASSWORD = "helhedsplan-demo"

SEED_PLAN_SLUG = "sjaelor-og-kgs-enghave"
SECOND_PLAN_SLUG = "lundtoftegade"

# (organisation, neighbourhood, code, name, homes). 3,900 homes in all, so that
# the 18 evictions of 2015 come out at 4.6 per 1,000 homes as in the agreement.
SEED_DEPARTMENTS = [
    ("AKB", "Sjælør Boulevard", "1101", "Sjælørparken", 210),
    ("AKB", "Sjælør Boulevard", "1102", "Sjælør Have", 185),
    ("AKB", "Sjælør Boulevard", "1103", "Rosenhøj", 150),
    ("AAB", "Sjælør Boulevard", "58", "Sjælørgården", 320),
    ("AAB", "Sjælør Boulevard", "59", "Valby Vænge", 240),
    ("AAB", "Sjælør Boulevard", "60", "Toftegården", 180),
    ("VIBO", "Sjælør Boulevard", "2201", "Sjælør Boulevard Nord", 260),
    ("VIBO", "Sjælør Boulevard", "2202", "Sjælør Boulevard Syd", 145),
    ("AKB", "Kgs. Enghave", "1201", "Karré Mozartsvej", 230),
    ("AKB", "Kgs. Enghave", "1202", "Karré Wagnersvej", 210),
    ("AKB", "Kgs. Enghave", "1203", "Karré Haydnsvej", 190),
    ("AKB", "Kgs. Enghave", "1204", "Karré Glucksvej", 180),
    ("AKB", "Kgs. Enghave", "1205", "Karré Weberstræde", 170),
    ("AKB", "Kgs. Enghave", "1206", "Karré Borgbjergsvej", 160),
    ("AKB", "Kgs. Enghave", "1207", "Karré Ellebjergvej", 140),
    ("AKB", "Kgs. Enghave", "1208", "Karré Sydhavnsgade", 120),
    ("3B", "Kgs. Enghave", "3301", "Händelsvej I", 200),
    ("3B", "Kgs. Enghave", "3302", "Händelsvej II", 170),
    ("3B", "Kgs. Enghave", "3303", "Schubertsvej", 150),
    ("3B", "Kgs. Enghave", "3304", "Lyrskovgade", 120),
    ("3B", "Kgs. Enghave", "3305", "Sydhavnstoften", 100),
    ("3B", "Kgs. Enghave", "3306", "Mozartshusene", 70),
]

SEED_HOUSING_ORGANISATIONS = [
    ("AKB", "AKB, København (administreret af KAB)"),
    ("AAB", "Arbejdernes Andelsboligforening (AAB)"),
    ("VIBO", "VIBO"),
    ("3B", "Boligforeningen 3B"),
]

SEED_INITIATIVES = [
    (
        1,
        "Opsøgende indsats med henblik på at forhindre udsættelser",
        "At forebygge og forhindre fogedudsættelser via udredning af økonomi og økonomisk "
        "rådgivning til udsætningstruede, og at brobygge til kommunal eller privat gældsrådgivning.",
        "Målgruppe 1: beboere og familier, der ikke kan overskue deres økonomi. "
        "Målgruppe 2: psykisk syge, misbrugere, beboere med PTSD m.fl. i restance.",
    ),
    (
        2,
        "Involvering i naboklagesager via konflikthåndtering, mægling, opgangsmøder og infomøder",
        "At løse konflikter for at forbedre naboskabet og trygheden og forebygge naboklager.",
        "Beboere i naboklagesager, der ikke selv kan håndtere dem, og udsatte beboere, "
        "der har svært ved at overholde husordenen.",
    ),
    (
        3,
        "Naboskabsuddannelse og naboskabsaktiviteter",
        "At styrke naboskabet gennem beboerdrevne aktiviteter og naboskabsuddannelsen Naboskaber.",
        "Alle beboere i området, der kan bidrage med engagement og ressourcer.",
    ),
    (
        4,
        "Børnebestyrelser",
        "At børn på 8–12 år oplever sig som del af et fællesskab med indflydelse og får lyst "
        "til at deltage i det lokale demokrati.",
        "Børn på 8–12 år i 3B's afdelinger og deres forældre.",
    ),
]

# (name, kind, parent name or None, housing org short name or None)
SEED_PARTNERS = [
    ("SOF Borgercenter Voksne", PartnerKind.MUNICIPAL, None, None),
    ("Boligrådgiverne, SOF", PartnerKind.MUNICIPAL, "SOF Borgercenter Voksne", None),
    ("Psykiatrienheden, SOF", PartnerKind.MUNICIPAL, "SOF Borgercenter Voksne", None),
    ("Borgercenter Børn og Unge", PartnerKind.MUNICIPAL, None, None),
    ("TMF Områdefornyelse Sydhavnen", PartnerKind.MUNICIPAL, None, None),
    ("ØKF Sikker By", PartnerKind.MUNICIPAL, None, None),
    ("BIF Jobcenter", PartnerKind.MUNICIPAL, None, None),
    ("TMF Green Team", PartnerKind.MUNICIPAL, None, None),
    ("Lokalpolitiet", PartnerKind.POLICE, None, None),
    ("Distriktspsykiatrien", PartnerKind.HEALTH, None, None),
    ("Opsøgende psykoseteam", PartnerKind.HEALTH, "Distriktspsykiatrien", None),
    ("Café Rose", PartnerKind.DROP_IN, None, None),
    ("Værestedet Amadeus og Pegasus", PartnerKind.DROP_IN, None, None),
    ("Lokal Værdi", PartnerKind.EMPLOYMENT, None, None),
    ("Opzoomerne", PartnerKind.EMPLOYMENT, None, None),
    ("KAB Gældsrådgivning", PartnerKind.DEBT_COUNSELLING, None, "AKB"),
    ("Settlementet Vesterbro", PartnerKind.DEBT_COUNSELLING, None, None),
    ("Gældsrådgivningen Stormgade", PartnerKind.DEBT_COUNSELLING, None, None),
    ("Den Sociale Retshjælp", PartnerKind.DEBT_COUNSELLING, None, None),
    ("Kvarterhuset", PartnerKind.OTHER, None, None),
    ("Ungdommens Røde Kors", PartnerKind.VOLUNTEER, None, None),
    ("Red Barnet Ungdom", PartnerKind.VOLUNTEER, None, None),
    ("KFUM-spejderne", PartnerKind.VOLUNTEER, None, None),
    ("KAB Restancegruppen", PartnerKind.HOUSING_UNIT, None, "AKB"),
    ("KAB Juraafdeling", PartnerKind.HOUSING_UNIT, None, "AKB"),
    ("AAB Restanceafdeling", PartnerKind.HOUSING_UNIT, None, "AAB"),
    ("AAB Juraafdeling", PartnerKind.HOUSING_UNIT, None, "AAB"),
    ("VIBO Restanceafdeling", PartnerKind.HOUSING_UNIT, None, "VIBO"),
    ("VIBO Juraafdeling", PartnerKind.HOUSING_UNIT, None, "VIBO"),
    ("3B Restanceafdeling", PartnerKind.HOUSING_UNIT, None, "3B"),
    ("3B Juraafdeling", PartnerKind.HOUSING_UNIT, None, "3B"),
]

# Fictional contact persons: (partner, name, role). E-mail and phone are made up
# on reserved example domains and numbers.
SEED_CONTACTS = [
    ("Boligrådgiverne, SOF", "Birthe Eksempel", "Boligrådgiver"),
    ("Boligrådgiverne, SOF", "Kasper Prøve", "Boligrådgiver"),
    ("Distriktspsykiatrien", "Nanna Fiktiv", "Sygeplejerske"),
    ("Lokalpolitiet", "Torben Opdigtet", "Nærpolitibetjent"),
    ("KAB Restancegruppen", "Lene Demo", "Restancemedarbejder"),
    ("KAB Juraafdeling", "Henrik Testesen", "Jurist"),
    ("KAB Gældsrådgivning", "Maja Mønster", "Gældsrådgiver"),
    ("Café Rose", "Ole Påhit", "Leder"),
]

# (username, first name, last name, plan slug, role, job title)
DEMO_USERS = [
    ("vicevaert", "Anna", "Vicevært", SEED_PLAN_SLUG, Role.WORKER, "Social vicevært"),
    ("vicevaert2", "Bo", "Vicevært", SEED_PLAN_SLUG, Role.WORKER, "Social vicevært"),
    ("medarbejder", "Cecilie", "Netværk", SEED_PLAN_SLUG, Role.WORKER, "Familie- og netværksmedarbejder"),
    ("projektleder", "Dorthe", "Projektleder", SEED_PLAN_SLUG, Role.PROJECT_LEADER, "Projektleder"),
    ("projektleder", "Dorthe", "Projektleder", SECOND_PLAN_SLUG, Role.PROJECT_LEADER, "Projektleder"),
    ("bestyrelse", "Erik", "Bestyrelse", SEED_PLAN_SLUG, Role.BOARD, "Formand for bestyrelsen"),
    ("norrebro-vicevaert", "Frida", "Nørrebro", SECOND_PLAN_SLUG, Role.WORKER, "Social vicevært"),
    ("norrebro-bestyrelse", "Gert", "Nørrebro", SECOND_PLAN_SLUG, Role.BOARD, "Styregruppemedlem"),
]


def _plan(slug, **fields):
    plan, _ = Plan.objects.update_or_create(slug=slug, defaults=fields)
    return plan


@transaction.atomic
def seed(*, stdout=None, today=None) -> dict:
    seed_plan = _plan(
        SEED_PLAN_SLUG,
        name="Helhedsplanen for Sjælør og Kgs. Enghave",
        start_date=datetime.date(2017, 1, 1),
        end_date=datetime.date(2020, 12, 31),
        description="Boligsocial helhedsplan for Sjælør Boulevard (Valby) og Kgs. Enghave, "
        "finansieret af Landsbyggefonden og lokal medfinansiering.",
    )
    focus_area, _ = FocusArea.objects.update_or_create(
        plan=seed_plan,
        name="Tryghed og trivsel",
        defaults={
            "agreement_title": "Delaftale for indsatsområdet Tryghed og trivsel",
            "valid_from": datetime.date(2017, 1, 1),
        },
    )
    for source, amount in [("Landsbyggefonden", 3_871_000), ("Lokal medfinansiering", 900_000)]:
        BudgetLine.objects.update_or_create(
            focus_area=focus_area, source=source, defaults={"amount_dkk": amount}
        )
    for number, name, purpose, target_groups in SEED_INITIATIVES:
        Initiative.objects.update_or_create(
            focus_area=focus_area,
            number=number,
            defaults={"name": name, "purpose": purpose, "target_groups": target_groups},
        )

    organisations = {
        short: HousingOrganisation.objects.update_or_create(
            plan=seed_plan, short_name=short, defaults={"name": name}
        )[0]
        for short, name in SEED_HOUSING_ORGANISATIONS
    }
    neighbourhoods = {
        name: Neighbourhood.objects.update_or_create(
            plan=seed_plan, name=name, defaults={"district": district}
        )[0]
        for name, district in [("Sjælør Boulevard", "Valby"), ("Kgs. Enghave", "Kgs. Enghave")]
    }
    for org, area, code, name, homes in SEED_DEPARTMENTS:
        Department.objects.update_or_create(
            housing_organisation=organisations[org],
            code=code,
            defaults={"plan": seed_plan, "neighbourhood": neighbourhoods[area], "name": name, "homes": homes},
        )
    _seed_partners(seed_plan, SEED_PARTNERS, organisations)
    for partner_name, person, role in SEED_CONTACTS:
        partner = PartnerOrganisation.objects.get(plan=seed_plan, name=partner_name)
        local = person.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        ContactPerson.objects.update_or_create(
            partner=partner,
            name=person,
            defaults={"role": role, "email": f"{local}@example.org", "phone": "+45 00 00 00 00"},
        )

    second_plan = _seed_second_plan()
    _seed_users({SEED_PLAN_SLUG: seed_plan, SECOND_PLAN_SLUG: second_plan})
    if stdout:
        stdout.write(f"Plans: {seed_plan.name}; {second_plan.name}")
    return {"seed_plan": seed_plan, "second_plan": second_plan}


def _seed_partners(plan, partners, organisations):
    for name, kind, parent, org in partners:
        PartnerOrganisation.objects.update_or_create(
            plan=plan,
            name=name,
            defaults={
                "kind": kind,
                "parent": PartnerOrganisation.objects.get(plan=plan, name=parent) if parent else None,
                "housing_organisation": organisations[org] if org else None,
            },
        )


def _seed_second_plan():
    plan = _plan(
        SECOND_PLAN_SLUG,
        name="Helhedsplanen for Lundtoftegade",
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        description="Boligsocial helhedsplan på Nørrebro, del af samarbejdet om udsatte grupper.",
    )
    focus_area, _ = FocusArea.objects.update_or_create(
        plan=plan,
        name="Udsatte grupper",
        defaults={
            "agreement_title": "Kontrakt om boligsocialt samarbejde på Nørrebro, Udsatte grupper",
            "valid_from": datetime.date(2013, 12, 12),
        },
    )
    Initiative.objects.update_or_create(
        focus_area=focus_area,
        number=1,
        defaults={
            "name": "Praksisnetværk med Socialforvaltningen",
            "purpose": "Koordinering af indsatsen for udsatte beboere med kommunen.",
        },
    )
    aab, _ = HousingOrganisation.objects.update_or_create(
        plan=plan, short_name="AAB", defaults={"name": "Arbejdernes Andelsboligforening (AAB)"}
    )
    area, _ = Neighbourhood.objects.update_or_create(
        plan=plan, name="Lundtoftegade", defaults={"district": "Nørrebro"}
    )
    for code, name, homes in [("4", "Lundtoftegade", 640), ("5", "Lundtofteparken", 310)]:
        Department.objects.update_or_create(
            housing_organisation=aab,
            code=code,
            defaults={"plan": plan, "neighbourhood": area, "name": name, "homes": homes},
        )
    _seed_partners(
        plan,
        [
            ("SOF Borgercenter Voksne, Nørrebro", PartnerKind.MUNICIPAL, None, None),
            ("Lokalpolitiet Nørrebro", PartnerKind.POLICE, None, None),
            ("AAB Restanceafdeling", PartnerKind.HOUSING_UNIT, None, "AAB"),
        ],
        {"AAB": aab},
    )
    return plan


def _seed_users(plans):
    User = get_user_model()
    for username, first, last, slug, role, title in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user, plan=plans[slug], defaults={"role": role, "job_title": title}
        )
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"first_name": "Ida", "last_name": "Administrator", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()


def demo_logins() -> list[tuple[str, str]]:
    """(username, description) of every demo login, for the run command to print."""
    plan_names = dict(Plan.objects.values_list("slug", "name"))
    rows = [("admin", "Administrator (Django admin)")]
    for username, _first, _last, slug, _role, title in DEMO_USERS:
        rows.append((username, f"{title} – {plan_names.get(slug, slug)}"))
    return rows
