"""Demo casework: three years (2017–2019) in the seed plan, and a Monday morning relative to `today`.

Everything goes through the services, so the demo data obeys the same rules as
real work (consent before bridge-building, dates in order, outcomes by type).
Every resident is fictional; names are drawn from common first names and
surnames, addresses from the departments' streets with made-up numbers.

The yearly figures are planned so the success criteria come out mixed:

====  ================================  =======================  ==========================
year  eviction cases with scheduled     bridge-buildings         neighbour conflicts
      eviction (target ≥ 20)            (target ≥ 40)            resolved (target ≥ 20)
====  ================================  =======================  ==========================
2017  22 of 25 (met)                    44 (met)                 23 of 58 (met)
2018  23 of 26 (met)                    37 (not met)             18 of 62 (not met)
2019  17 of 24 (not met)                41 (met)                 21 of 60 (met)
====  ================================  =======================  ==========================

Idempotent: if the seed plan already has cases, nothing is added.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from helhedsplan.demo import SECOND_PLAN_SLUG, SEED_PLAN_SLUG
from helhedsplan.models import Department, PartnerOrganisation, Plan

from . import services
from .models import (
    BridgeCategory,
    Case,
    CaseSource,
    CaseStatus,
    CaseType,
    EntryKind,
    Outcome,
    PartyRole,
    Resident,
    Task,
    TaskKind,
)

SEED = 2017


@dataclass(frozen=True)
class YearPlan:
    eviction_cases: int
    eviction_scheduled: int  # of them with a scheduled eviction
    conflict_cases: int
    conflicts_resolved: int  # of them resolved (RESOLVED_OUTCOMES)
    counselling_cases: int
    bridge_buildings: int  # current bridge-building entries with a category


YEARS = {
    2017: YearPlan(25, 22, 58, 23, 15, 44),
    2018: YearPlan(26, 23, 62, 18, 14, 37),
    2019: YearPlan(24, 17, 60, 21, 16, 41),
}

FIRST_NAMES = [
    "Anne",
    "Birgit",
    "Camilla",
    "Dorte",
    "Eva",
    "Fatima",
    "Gitte",
    "Hanne",
    "Inge",
    "Jytte",
    "Karin",
    "Lone",
    "Mette",
    "Nadia",
    "Pia",
    "Rikke",
    "Susanne",
    "Tina",
    "Ulla",
    "Vibeke",
    "Yasmin",
    "Aisha",
    "Allan",
    "Bent",
    "Claus",
    "Dennis",
    "Erik",
    "Flemming",
    "Gert",
    "Henrik",
    "Ib",
    "Jan",
    "Kim",
    "Lars",
    "Mads",
    "Niels",
    "Ole",
    "Poul",
    "René",
    "Søren",
    "Torben",
    "Ali",
    "Hassan",
    "Mohammed",
    "Omar",
]
SURNAMES = [
    "Andersen",
    "Bach",
    "Christensen",
    "Dahl",
    "Eriksen",
    "Frandsen",
    "Gade",
    "Holm",
    "Iversen",
    "Jensen",
    "Kjær",
    "Lund",
    "Madsen",
    "Nielsen",
    "Olsen",
    "Petersen",
    "Qvist",
    "Rasmussen",
    "Skov",
    "Thomsen",
    "Vestergaard",
    "Winther",
    "Østergaard",
    "Ahmed",
    "Demir",
    "Hussein",
    "Khan",
    "Yilmaz",
]
# Streets per department code; numbers, floors and doors are made up.
STREETS = {
    "1101": "Sjælør Boulevard",
    "1102": "Sjælørvej",
    "1103": "Rosenhøjvej",
    "58": "Sjælørgårdsvej",
    "59": "Valby Vænge",
    "60": "Toftegårds Allé",
    "2201": "Sjælør Boulevard",
    "2202": "Sjælør Boulevard",
    "1201": "Mozartsvej",
    "1202": "Wagnersvej",
    "1203": "Haydnsvej",
    "1204": "Glucksvej",
    "1205": "Weberstræde",
    "1206": "Borgbjergsvej",
    "1207": "Ellebjergvej",
    "1208": "Sydhavnsgade",
    "3301": "Händelsvej",
    "3302": "Händelsvej",
    "3303": "Schubertsvej",
    "3304": "Lyrskovgade",
    "3305": "Sydhavnstoften",
    "3306": "Mozartsvej",
}
FLOORS = ["st.", "1.", "2.", "3.", "4."]
DOORS = ["th.", "tv.", "mf."]

DEBT = "KAB Gældsrådgivning"
ADVISERS = "Boligrådgiverne, SOF"
PSYCHIATRY = "Distriktspsykiatrien"
BRIDGE_PARTNERS = [
    (DEBT, BridgeCategory.APPLICATION, 5),
    (ADVISERS, BridgeCategory.CONTACT_TO, 5),
    ("SOF Borgercenter Voksne", BridgeCategory.BENEFIT, 4),
    (PSYCHIATRY, BridgeCategory.CONTACT_TO, 3),
    ("Settlementet Vesterbro", BridgeCategory.APPLICATION, 2),
    ("BIF Jobcenter", BridgeCategory.BENEFIT, 2),
    ("Den Sociale Retshjælp", BridgeCategory.APPLICATION, 1),
]
FORM_PLACES = ["Aflåst skab på kontoret", "Sagsmappen i kontorets arkivskab", "Scannet til det sikre drev"]

NOTES = {
    EntryKind.PHONE_CALL: [
        "Ringede til beboeren, aftalte hjemmebesøg.",
        "Kort opkald; beboeren var rolig og ville gerne tale igen i næste uge.",
        "Talte med ejendomskontoret om situationen i opgangen.",
    ],
    EntryKind.HOME_VISIT: [
        "Hjemmebesøg. Gennemgik breve og regninger sammen med beboeren.",
        "Besøg i lejligheden; beboeren fortalte om søvnproblemer og støj.",
        "Hjemmebesøg sammen med kollega. Beboeren var presset men samarbejdsvillig.",
    ],
    EntryKind.MEETING: ["Møde på kontoret om økonomien.", "Møde med afdelingsbestyrelsen om sagen."],
    EntryKind.MEDIATION_1_1: ["Mægling 1:1 på neutral grund. Parterne aftalte faste stille-tider."],
    EntryKind.MEDIATION_2_2: ["Mægling 2:2 i beboerhuset. God dialog, ny aftale om vasketider."],
    EntryKind.SEPARATE_MEETING: ["Særskilt samtale med den ene part om hvordan konflikten opleves."],
    EntryKind.STAIRCASE_MEETING: ["Opgangsmøde om støj og fælles regler i opgangen."],
    EntryKind.INFORMATION_MEETING: [
        "Infomøde for opgangens øvrige beboere om situationen og hvem de kan kontakte."
    ],
    EntryKind.BRIDGE_BUILDING: [
        "Brobygning; beboeren fik hjælp til næste skridt.",
        "Sendt oplysninger videre efter aftale.",
    ],
    EntryKind.COMPANION: ["Bisidder ved møde i kommunen."],
    EntryKind.WITNESS_IN_COURT: ["Vidne i boligretten for boligselskabet."],
    EntryKind.LETTER: ["Brev til beboeren med tilbud om en samtale.", "Mail til juraafdelingen med status."],
    EntryKind.OTHER: ["Koordinering med kollegaer."],
}


@dataclass
class World:
    plan: Plan
    rng: random.Random
    today: datetime.date
    departments: list
    partners: dict
    caretakers: list  # the two social caretakers
    network_worker: object
    residents: list = field(default_factory=list)
    counter: int = 0


def seed(*, stdout=None, today: datetime.date) -> None:
    plan = Plan.objects.filter(slug=SEED_PLAN_SLUG).first()
    if plan is None:
        return
    if Case.objects.filter(plan=plan).exists():
        if stdout:
            stdout.write("Cases: the seed plan already has casework; nothing added.")
        return
    with transaction.atomic():
        world = _world(plan, today)
        for year, year_plan in YEARS.items():
            if datetime.date(year, 12, 31) < today:
                _seed_year(world, year, year_plan)
        _seed_monday_morning(world)
        _seed_tasks(world)
        _seed_second_plan(today)
    if stdout:
        stdout.write(f"Cases: {Case.objects.filter(plan=plan).count()} cases in {plan.name}.")


def _world(plan: Plan, today: datetime.date) -> World:
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["vicevaert", "vicevaert2", "medarbejder"])
    }
    return World(
        plan=plan,
        rng=random.Random(SEED),
        today=today,
        departments=list(
            Department.objects.filter(plan=plan).select_related("housing_organisation").order_by("pk")
        ),
        partners={p.name: p for p in PartnerOrganisation.objects.filter(plan=plan)},
        caretakers=[users["vicevaert"], users["vicevaert2"]],
        network_worker=users["medarbejder"],
    )


# Building blocks ---------------------------------------------------------------------------------


def _weekday(day: datetime.date) -> datetime.date:
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def _at(world: World, day: datetime.date) -> datetime.datetime:
    hour = world.rng.randint(8, 15)
    minute = world.rng.choice([0, 15, 30, 45])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _resident(world: World, department=None, *, reuse: float = 0.0, **flags) -> Resident:
    rng = world.rng
    if world.residents and rng.random() < reuse:
        return rng.choice(world.residents)
    department = department or rng.choice(world.departments)
    world.counter += 1
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    street = STREETS.get(department.code, department.name)
    address = f"{street} {rng.randint(1, 80)}, {rng.choice(FLOORS)} {rng.choice(DOORS)}"
    resident = services.resident_create(
        plan=world.plan,
        user=world.caretakers[0],
        name=name,
        address=address,
        department=department,
        target_group_economy=flags.get("economy", False),
        target_group_vulnerable=flags.get("vulnerable", False),
    )
    world.residents.append(resident)
    return resident


def _entry(world: World, case: Case, user, kind: str, day: datetime.date, **fields):
    minutes = {
        EntryKind.PHONE_CALL: (5, 30),
        EntryKind.HOME_VISIT: (30, 90),
        EntryKind.STAIRCASE_MEETING: (60, 120),
        EntryKind.INFORMATION_MEETING: (45, 90),
        EntryKind.WITNESS_IN_COURT: (90, 240),
        EntryKind.MEDIATION_2_2: (60, 120),
        EntryKind.COMPANION: (60, 150),
    }.get(kind, (15, 60))
    return services.entry_log(
        case=case,
        user=user,
        kind=kind,
        occurred_at=_at(world, day),
        minutes=world.rng.randrange(minutes[0], minutes[1] + 1, 5),
        note=world.rng.choice(NOTES[kind]),
        today=world.today,
        **fields,
    )


def _days_between(world: World, start: datetime.date, end: datetime.date, count: int) -> list[datetime.date]:
    span = max((end - start).days, 0)
    return sorted(start + datetime.timedelta(days=world.rng.randint(0, span)) for _ in range(count))


def _consent(world: World, resident: Resident, partner_names, given_on: datetime.date, *, withdraw=False):
    consent = services.consent_record(
        resident=resident,
        user=world.caretakers[0],
        partners=[world.partners[n] for n in partner_names],
        given_on=given_on,
        expires_on=given_on + datetime.timedelta(days=365),
        form_location=world.rng.choice(FORM_PLACES),
        today=world.today,
    )
    if withdraw:
        services.consent_withdraw(
            consent=consent,
            user=world.caretakers[0],
            withdrawn_on=min(given_on + datetime.timedelta(days=200), world.today),
            today=world.today,
        )
    return consent


def _bridge_slots(world: World, total: int, cases: list) -> dict:
    """Spread `total` bridge-buildings over the cases that need them (eviction cases most)."""
    weights = [
        4 if c["type"] == CaseType.EVICTION_PREVENTION else 3 if c["type"] == CaseType.COUNSELLING else 0.3
        for c in cases
    ]
    slots: dict[int, int] = {}
    for _ in range(total):
        index = world.rng.choices(range(len(cases)), weights=weights)[0]
        slots[index] = slots.get(index, 0) + 1
    return slots


# A year of casework ------------------------------------------------------------------------------


def _outcomes(rng: random.Random, count: int, fixed: dict, rest: list) -> list:
    outcomes = [code for code, n in fixed.items() for _ in range(n)]
    outcomes += [rng.choice(rest) for _ in range(count - len(outcomes))]
    rng.shuffle(outcomes)
    return outcomes


def _seed_year(world: World, year: int, plan: YearPlan) -> None:
    rng = world.rng
    specs = []
    scheduled = [True] * plan.eviction_scheduled + [False] * (plan.eviction_cases - plan.eviction_scheduled)
    rng.shuffle(scheduled)
    eviction_outcomes = [
        rng.choice(
            [
                Outcome.AVERTED_PAID,
                Outcome.AVERTED_BENEFIT,
                Outcome.AVERTED_REPAYMENT,
                Outcome.AVERTED_REPAYMENT,
                Outcome.EVICTION_CARRIED_OUT,
                Outcome.MOVED_OUT,
                Outcome.HANDED_TO_MUNICIPALITY,
                Outcome.WITHDRAWN,
            ]
            if s
            else [Outcome.AVERTED_REPAYMENT, Outcome.AVERTED_REPAYMENT, Outcome.WITHDRAWN]
        )
        for s in scheduled
    ]
    for is_scheduled, outcome in zip(scheduled, eviction_outcomes, strict=True):
        specs.append({"type": CaseType.EVICTION_PREVENTION, "scheduled": is_scheduled, "outcome": outcome})
    resolved = plan.conflicts_resolved
    conflict_outcomes = _outcomes(
        rng,
        plan.conflict_cases,
        {
            Outcome.RESOLVED_MEDIATION: resolved * 3 // 5,
            Outcome.RESOLVED_OTHERWISE: resolved - resolved * 3 // 5,
        },
        [
            Outcome.WITHDRAWN,
            Outcome.WITHDRAWN,
            Outcome.REFERRED,
            Outcome.HOUSE_RULES_CASE,
            Outcome.HOUSE_RULES_CASE,
            Outcome.TERMINATION,
        ],
    )
    specs += [{"type": CaseType.NEIGHBOUR_CONFLICT, "outcome": o} for o in conflict_outcomes]
    specs += [
        {
            "type": CaseType.COUNSELLING,
            "outcome": rng.choice(
                [Outcome.COMPLETED, Outcome.COMPLETED, Outcome.REFERRED, Outcome.WITHDRAWN]
            ),
        }
        for _ in range(plan.counselling_cases)
    ]
    rng.shuffle(specs)
    slots = _bridge_slots(world, plan.bridge_buildings, specs)
    for index, spec in enumerate(specs):
        opened = _weekday(datetime.date(year, 1, 2) + datetime.timedelta(days=rng.randint(0, 300)))
        closed = min(opened + datetime.timedelta(days=rng.randint(14, 75)), datetime.date(year, 12, 20))
        _historic_case(world, spec, opened, closed, slots.get(index, 0))


def _historic_case(
    world: World, spec: dict, opened: datetime.date, closed: datetime.date, bridges: int
) -> Case:
    rng = world.rng
    case_type = spec["type"]
    caretaker = rng.choice(world.caretakers)
    responsible = [caretaker] if rng.random() < 0.85 else list(world.caretakers)
    if case_type == CaseType.COUNSELLING and rng.random() < 0.4:
        caretaker = world.network_worker
        responsible = [caretaker]
    department = rng.choice(world.departments)
    details: dict = {}
    if case_type == CaseType.NEIGHBOUR_CONFLICT:
        complainant = _resident(world, department, reuse=0.05)
        complained = _resident(world, department, reuse=0.12, vulnerable=rng.random() < 0.5)
        parties = [(complainant, PartyRole.COMPLAINANT), (complained, PartyRole.COMPLAINED_ABOUT)]
        if rng.random() < 0.2:
            parties.append((_resident(world, department), PartyRole.OTHER_RESIDENT))
        parties = list({r.pk: (r, role) for r, role in parties}.values())
        source = rng.choice(
            [CaseSource.ESTATE_OFFICE] * 4
            + [CaseSource.RESIDENT, CaseSource.PARTNER, CaseSource.OWN_OUTREACH]
        )
        details = {
            "complaint_status": "filed" if rng.random() < 0.7 else "before_complaint",
            "legal_department_informed_on": opened + datetime.timedelta(days=rng.randint(0, 10))
            if rng.random() < 0.5
            else None,
            "volunteer_mediator": rng.random() < 0.1,
        }
        if details["legal_department_informed_on"] and details["legal_department_informed_on"] > closed:
            details["legal_department_informed_on"] = closed
    elif case_type == CaseType.EVICTION_PREVENTION:
        group = rng.choice([1, 2])
        resident = _resident(world, department, economy=group == 1, vulnerable=group == 2)
        parties = [(resident, PartyRole.RESIDENT)]
        source = rng.choice(
            [CaseSource.ARREARS_LIST] * 3 + [CaseSource.HOUSING_ADVISER, CaseSource.ESTATE_OFFICE]
        )
        first = opened - datetime.timedelta(days=rng.randint(45, 80))
        details = {
            "arrears_dkk": rng.randrange(4_000, 45_000, 250),
            "first_reminder_on": first,
            "second_reminder_on": first + datetime.timedelta(days=rng.randint(14, 21)),
        }
        if spec["scheduled"]:
            scheduled = opened - datetime.timedelta(days=rng.randint(0, 6))
            details |= {
                "eviction_scheduled_on": scheduled,
                "bailiff_date": scheduled + datetime.timedelta(days=rng.randint(24, 38)),
                "housing_advisers_notified_on": opened + datetime.timedelta(days=rng.randint(0, 2)),
            }
    else:
        parties = [
            (_resident(world, department, reuse=0.1, vulnerable=rng.random() < 0.4), PartyRole.RESIDENT)
        ]
        source = rng.choice([CaseSource.RESIDENT, CaseSource.PARTNER, CaseSource.OWN_OUTREACH])

    case = services.case_open(
        plan=world.plan,
        user=caretaker,
        case_type=case_type,
        source=source,
        parties=parties,
        responsible=responsible,
        opened_on=opened,
        department=department,
        details=details,
        first_entry={
            "kind": rng.choice([EntryKind.PHONE_CALL, EntryKind.HOME_VISIT, EntryKind.LETTER]),
            "occurred_at": _at(world, opened),
            "minutes": rng.randrange(10, 60, 5),
            "note": "Sagen oprettet.",
        },
        today=world.today,
    )
    _work(world, case, caretaker, parties, opened, closed, bridges, spec["outcome"])
    services.case_close(
        case=case, user=caretaker, outcome=spec["outcome"], closed_on=closed, today=world.today
    )
    return case


def _work(world, case, caretaker, parties, opened, closed, bridges, outcome=None):
    """The entries of a case between `opened` and `closed`, including `bridges` bridge-buildings."""
    rng = world.rng
    kinds = {
        CaseType.NEIGHBOUR_CONFLICT: [
            EntryKind.HOME_VISIT,
            EntryKind.PHONE_CALL,
            EntryKind.SEPARATE_MEETING,
            EntryKind.MEDIATION_1_1,
            EntryKind.MEDIATION_2_2,
            EntryKind.LETTER,
        ],
        CaseType.EVICTION_PREVENTION: [
            EntryKind.HOME_VISIT,
            EntryKind.PHONE_CALL,
            EntryKind.MEETING,
            EntryKind.COMPANION,
            EntryKind.LETTER,
        ],
        CaseType.COUNSELLING: [
            EntryKind.HOME_VISIT,
            EntryKind.PHONE_CALL,
            EntryKind.COMPANION,
            EntryKind.MEETING,
        ],
    }[case.case_type]
    for day in _days_between(world, opened, closed, rng.randint(1, 4)):
        kind = rng.choice(kinds)
        extra = {}
        if kind == EntryKind.COMPANION:
            extra["partner"] = world.partners["SOF Borgercenter Voksne"]
        _entry(world, case, caretaker, kind, day, **extra)
    if case.case_type == CaseType.NEIGHBOUR_CONFLICT:
        if rng.random() < 0.25:
            kind = rng.choice([EntryKind.STAIRCASE_MEETING, EntryKind.INFORMATION_MEETING])
            _entry(
                world,
                case,
                caretaker,
                kind,
                _days_between(world, opened, closed, 1)[0],
                residents_present=rng.randint(5, 22),
            )
        if outcome in (Outcome.HOUSE_RULES_CASE, Outcome.TERMINATION) and rng.random() < 0.6:
            _entry(world, case, caretaker, EntryKind.WITNESS_IN_COURT, closed)
    if not bridges:
        return
    resident = parties[-1][0] if case.case_type == CaseType.NEIGHBOUR_CONFLICT else parties[0][0]
    names = [n for n, _c, _w in BRIDGE_PARTNERS]
    weights = [w for _n, _c, w in BRIDGE_PARTNERS]
    chosen = [rng.choices(names, weights=weights)[0] for _ in range(bridges)]
    concern = case.case_type == CaseType.NEIGHBOUR_CONFLICT or (PSYCHIATRY in chosen and rng.random() < 0.3)
    consented = sorted({n for n in chosen if not (concern and n == PSYCHIATRY)})
    if consented:
        _consent(world, resident, consented, opened, withdraw=rng.random() < 0.05)
    categories = {n: c for n, c, _w in BRIDGE_PARTNERS}
    for day, name in zip(_days_between(world, opened, closed, bridges), chosen, strict=True):
        fields = {"partner": world.partners[name], "bridge_category": categories[name]}
        if rng.random() < 0.3:
            fields["bridge_category"] = rng.choice(BridgeCategory.values)
        if concern and name == PSYCHIATRY:
            fields |= {
                "concern_report": True,
                "concern_reason": "Bekymring for beboerens psykiske helbred; "
                "beboeren kunne ikke give samtykke.",
            }
        elif name not in consented or _withdrawn_before(resident, world.partners[name], day):
            fields |= {
                "concern_report": True,
                "concern_reason": "Akut bekymring; samtykke kunne ikke indhentes.",
            }
        entry = _entry(world, case, caretaker, EntryKind.BRIDGE_BUILDING, day, **fields)
        if rng.random() < 0.04:
            # A typo fixed: the category was wrong. The count stays the same; the original is kept.
            other = next(c for c in BridgeCategory.values if c != entry.bridge_category)
            services.entry_correct(entry=entry, user=caretaker, bridge_category=other, today=world.today)


def _withdrawn_before(resident: Resident, partner, day: datetime.date) -> bool:
    return services.consent_covering(residents=[resident], partner=partner, day=day) is None


# A Monday morning --------------------------------------------------------------------------------


def _seed_monday_morning(world: World) -> None:
    """Open cases relative to `today`: bailiff dates in the coming weeks, overdue follow-ups, a stale case."""
    today = world.today
    anna, bo = world.caretakers

    def ago(days):
        return today - datetime.timedelta(days=days)

    def ahead(days):
        return today + datetime.timedelta(days=days)

    evictions = [  # (caretaker, bailiff in days, opened days ago, arrears, with a bridge-building)
        (anna, 5, 20, 18_750, True),
        (anna, 12, 8, 9_400, True),
        (anna, 26, 3, 31_200, False),
        (anna, 33, 1, 6_850, False),
        (bo, 9, 14, 12_300, True),
        (bo, 19, 6, 22_500, False),
    ]
    for caretaker, bailiff_in, opened_ago, arrears, bridge in evictions:
        group = world.rng.choice([1, 2])
        resident = _resident(world, economy=group == 1, vulnerable=group == 2)
        scheduled = ago(opened_ago + world.rng.randint(0, 3))
        case = services.case_open(
            plan=world.plan,
            user=caretaker,
            case_type=CaseType.EVICTION_PREVENTION,
            source=CaseSource.ARREARS_LIST,
            parties=[(resident, PartyRole.RESIDENT)],
            responsible=[caretaker],
            opened_on=ago(opened_ago),
            department=resident.department,
            summary="Fogedudsættelse berammet",
            next_follow_up=ahead(world.rng.randint(1, 4)),
            details={
                "arrears_dkk": arrears,
                "first_reminder_on": scheduled - datetime.timedelta(days=60),
                "second_reminder_on": scheduled - datetime.timedelta(days=42),
                "eviction_scheduled_on": scheduled,
                "bailiff_date": ahead(bailiff_in),
                "housing_advisers_notified_on": ago(max(opened_ago - 1, 0)),
            },
            first_entry={
                "kind": EntryKind.PHONE_CALL,
                "occurred_at": _at(world, ago(opened_ago)),
                "minutes": 20,
                "note": "Navn og adresse sendt til boligrådgiverne. Ringede til beboeren.",
            },
            today=today,
        )
        if opened_ago > 2:
            _entry(world, case, caretaker, EntryKind.HOME_VISIT, ago(opened_ago - 1))
        if bridge:
            _consent(world, resident, [DEBT, ADVISERS], ago(opened_ago - 1))
            _entry(
                world,
                case,
                caretaker,
                EntryKind.BRIDGE_BUILDING,
                ago(max(opened_ago - 2, 1)),
                partner=world.partners[DEBT],
                bridge_category=BridgeCategory.APPLICATION,
            )

    conflicts = [  # (caretaker, opened days ago, last entry days ago, follow-up in days, summary)
        (anna, 25, 10, -3, "Støj fra lejligheden ovenover om natten"),
        (anna, 70, 41, None, "Uenighed om vaskeriet"),
        (anna, 12, 2, 6, "Konflikt om hund i opgangen"),
        (bo, 30, 5, -1, "Klager over røg fra altan"),
        (bo, 9, 3, 10, "Råben i opgangen, flere beboere berørt"),
    ]
    for caretaker, opened_ago, last_ago, follow_up_in, summary in conflicts:
        department = world.rng.choice(world.departments)
        complainant = _resident(world, department)
        complained = _resident(world, department, vulnerable=world.rng.random() < 0.5)
        case = services.case_open(
            plan=world.plan,
            user=caretaker,
            case_type=CaseType.NEIGHBOUR_CONFLICT,
            source=CaseSource.ESTATE_OFFICE,
            parties=[(complainant, PartyRole.COMPLAINANT), (complained, PartyRole.COMPLAINED_ABOUT)],
            responsible=[caretaker],
            opened_on=ago(opened_ago),
            department=department,
            summary=summary,
            next_follow_up=ahead(follow_up_in) if follow_up_in is not None else None,
            details={"complaint_status": "filed"},
            first_entry={
                "kind": EntryKind.LETTER,
                "occurred_at": _at(world, ago(opened_ago)),
                "minutes": 15,
                "note": "Brev til begge parter med tilbud om samtale.",
            },
            today=today,
        )
        _entry(world, case, caretaker, EntryKind.SEPARATE_MEETING, ago(last_ago))

    helper = world.network_worker
    resident = _resident(world, vulnerable=True)
    case = services.case_open(
        plan=world.plan,
        user=helper,
        case_type=CaseType.COUNSELLING,
        source=CaseSource.RESIDENT,
        parties=[(resident, PartyRole.RESIDENT)],
        responsible=[helper, anna],
        opened_on=ago(16),
        department=resident.department,
        summary="Hjælp til ansøgning om enkeltydelse",
        next_follow_up=ahead(7),
        first_entry={
            "kind": EntryKind.HOME_VISIT,
            "occurred_at": _at(world, ago(16)),
            "minutes": 60,
            "note": "Gennemgik post og ansøgningsskema.",
        },
        today=today,
    )
    _consent(world, resident, ["SOF Borgercenter Voksne"], ago(16))
    _entry(
        world,
        case,
        helper,
        EntryKind.BRIDGE_BUILDING,
        ago(9),
        partner=world.partners["SOF Borgercenter Voksne"],
        bridge_category=BridgeCategory.BENEFIT,
    )


def _seed_tasks(world: World) -> None:
    """A few follow-up tasks for the demo caretakers: one overdue, some today and this week, one done."""
    today = world.today
    texts = [  # (days from today, text); fictional, and no resident named, as in real use
        (-2, "Ring igen om budgettet"),
        (0, "Følg op på ansøgningen om enkeltydelse"),
        (1, "Send afdragsordningen til restancegruppen"),
        (4, "Hjemmebesøg sammen med boligrådgiveren"),
        (12, "Tjek om huslejen er betalt"),
    ]
    for caretaker in world.caretakers:
        mine = Case.objects.filter(plan=world.plan, status=CaseStatus.OPEN, responsible=caretaker)
        cases = list(mine.order_by("pk")[:5])
        for case, (offset, text) in zip(cases, texts, strict=False):
            Task.objects.create(
                case=case,
                text=text,
                due_on=today + datetime.timedelta(days=offset),
                assignee=caretaker,
                created_by=caretaker,
            )
        evictions = [c for c in cases if c.case_type == CaseType.EVICTION_PREVENTION and c.bailiff_date]
        if evictions:
            Task.objects.create(
                case=evictions[0],
                text="Opsøgende besøg",
                kind=TaskKind.OUTREACH_VISIT,
                due_on=today - datetime.timedelta(days=1),
                done_on=today - datetime.timedelta(days=1),
                assignee=caretaker,
                created_by=caretaker,
            )


def _seed_second_plan(today: datetime.date) -> None:
    """A few open cases on Nørrebro, so that plan's caretaker does not start on an empty page."""
    plan = Plan.objects.filter(slug=SECOND_PLAN_SLUG).first()
    user = get_user_model().objects.filter(username="norrebro-vicevaert").first()
    if plan is None or user is None:
        return
    world = World(
        plan=plan,
        rng=random.Random(SEED + 1),
        today=today,
        departments=list(Department.objects.filter(plan=plan).order_by("pk")),
        partners={},
        caretakers=[user, user],
        network_worker=user,
    )
    for opened_ago, case_type in ((4, CaseType.NEIGHBOUR_CONFLICT), (11, CaseType.COUNSELLING)):
        resident = _resident(world)
        role = PartyRole.COMPLAINANT if case_type == CaseType.NEIGHBOUR_CONFLICT else PartyRole.RESIDENT
        opened = today - datetime.timedelta(days=opened_ago)
        services.case_open(
            plan=plan,
            user=user,
            case_type=case_type,
            source=CaseSource.RESIDENT,
            parties=[(resident, role)],
            responsible=[user],
            opened_on=opened,
            department=resident.department,
            first_entry={"kind": EntryKind.PHONE_CALL, "occurred_at": _at(world, opened), "minutes": 20},
            today=today,
        )
