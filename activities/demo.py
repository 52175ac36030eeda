"""Demo logbook 2017–2019 for the seed plan, consistent with the agreement's world.

Everything is fictional. The figures are chosen so that some success criteria are met and
some are not (see `EXPECTED` below, which the tests check):

* residents taking part in activities initiated by residents: 112, 94, 131 (target ≥ 100);
* residents completing the course: 8, 6, 9 (target ≥ 7);
* ideas realised with the plan's support: 0, 2, 1 (target ≥ 2);
* two children's boards in 3B's departments 3301 and 3302 from early 2018, meeting monthly
  (not in July), with 12–16 active children (target 15 in each);
* resident meetings in 3B's departments with 25–35 attending (target 35 where there is a board);
* an 8-weekly practice network with one meeting missed in 2018, and a health cooperation
  meeting twice a year.

Safe to run again: every record is found by its natural key, and random choices come from
a fixed seed, so a second run leaves the same data.
"""

import datetime
import random

from django.db import transaction

from helhedsplan.demo import SECOND_PLAN_SLUG, SEED_PLAN_SLUG
from helhedsplan.models import Department, Initiative, PartnerOrganisation, Plan

from . import services
from .models import (
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardMeeting,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    CourseSession,
    Idea,
    IdeaOrigin,
    IdeaStatus,
    InitiatedBy,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)

K = ActivityKind.Standard
D = datetime.date

#: What the demo adds up to per year (checked by tests/activities/test_demo.py).
EXPECTED = {
    2017: {"resident_initiated_participants": 112, "graduates": 8, "ideas_realised": 0},
    2018: {"resident_initiated_participants": 94, "graduates": 6, "ideas_realised": 2},
    2019: {"resident_initiated_participants": 131, "graduates": 9, "ideas_realised": 1},
}

# Activities initiated by residents: (date, kind, title, department code or "", place,
# residents, of whom children, others, volunteers). Residents add up to EXPECTED per year.
RESIDENT_ACTIVITIES = [
    (D(2017, 3, 25), K.FLEA_MARKET, "Loppemarked i gården", "3301", "", 34, 9, 6, 4),
    (D(2017, 5, 20), K.PLANTING, "Plantedag i karréen", "1202", "", 18, 7, 0, 3),
    (
        D(2017, 6, 23),
        K.COMMUNAL_DINING,
        "Sankthans med fællesspisning",
        "",
        "Sjælørparkens fælleshus",
        41,
        15,
        8,
        6,
    ),
    (D(2017, 9, 16), K.TRIP, "Skovtur til Dyrehaven", "", "Dyrehaven", 19, 8, 2, 3),
    # 34 + 18 + 41 + 19 = 112
    (D(2018, 4, 14), K.FLEA_MARKET, "Forårsloppemarked", "3302", "", 27, 6, 5, 3),
    (D(2018, 6, 9), K.COMMUNAL_DINING, "Gårdfest med fællesspisning", "1101", "", 38, 14, 4, 5),
    (D(2018, 10, 27), K.WORKSHOP, "Græskarværksted", "", "Kvarterhuset", 29, 17, 0, 2),
    # 27 + 38 + 29 = 94
    (D(2019, 3, 30), K.FLEA_MARKET, "Loppemarked på Händelsvej", "3301", "", 36, 10, 9, 4),
    (D(2019, 5, 18), K.PLANTING, "Højbede i gården", "1201", "", 22, 9, 0, 4),
    (
        D(2019, 6, 22),
        K.COMMUNAL_DINING,
        "Sommerfest og fællesspisning",
        "",
        "Sjælørparkens fælleshus",
        47,
        18,
        11,
        7,
    ),
    (D(2019, 8, 24), K.SPORTS, "Fodboldturnering for alle", "", "Boldbanen ved Sydhavnstoften", 26, 19, 4, 3),
    # 36 + 22 + 47 + 26 = 131
]

# Activities the plan's team or a partner initiated (not initiated by residents).
OTHER_ACTIVITIES = [
    (
        D(2017, 2, 8),
        K.COMMUNAL_DINING,
        "Fællesspisning for nye beboere",
        InitiatedBy.STAFF,
        "1101",
        23,
        6,
        2,
        2,
    ),
    (
        D(2017, 10, 4),
        K.WORKSHOP,
        "Workshop: Hvad skal der ske i vores gård?",
        InitiatedBy.STAFF,
        "3302",
        16,
        0,
        0,
        0,
    ),
    (D(2017, 11, 1), K.HOMEWORK_HELP, "Lektiecafé, opstart", InitiatedBy.PARTNER, "", 14, 14, 0, 5),
    (D(2018, 2, 21), K.WORKSHOP, "Idéværksted om fællesarealer", InitiatedBy.STAFF, "1203", 12, 0, 0, 0),
    (D(2018, 8, 18), K.SPORTS, "Sommerleg i Sydhavnen", InitiatedBy.PARTNER, "", 31, 24, 3, 6),
    (D(2018, 12, 5), K.COMMUNAL_DINING, "Julefrokost for ensomme", InitiatedBy.STAFF, "2201", 28, 0, 4, 5),
    (D(2019, 2, 13), K.WORKSHOP, "Naboværksted: trygge opgange", InitiatedBy.STAFF, "1204", 15, 0, 1, 0),
    (D(2019, 9, 7), K.PLANTING, "Træplantning med Green Team", InitiatedBy.PARTNER, "58", 17, 5, 3, 2),
    (D(2019, 11, 20), K.OTHER, "Informationsmøde om helhedsplanen", InitiatedBy.STAFF, "", 21, 0, 2, 0),
]

PARTNERS_BY_TITLE = {
    "Lektiecafé, opstart": ["Red Barnet Ungdom"],
    "Sommerleg i Sydhavnen": ["KFUM-spejderne", "Kvarterhuset"],
    "Træplantning med Green Team": ["TMF Green Team"],
    "Græskarværksted": ["Kvarterhuset"],
}

# (year, start, end, graduates). Graduates: 8, 6, 9.
COHORTS = [
    (2017, D(2017, 2, 28), D(2017, 5, 9), 8),
    (2018, D(2018, 2, 27), D(2018, 5, 8), 6),
    (2019, D(2019, 2, 26), D(2019, 5, 7), 9),
]
SESSION_TOPICS = [
    "Velkommen: hvad er et godt naboskab?",
    "Konflikter og hvordan man taler om dem",
    "Fra idé til aktivitet",
    "Frivillighed og fællesskab",
    "Økonomi og ansøgninger til små projekter",
    "Præsentation af idéer og afslutning",
]
# Fictional names (surnames made up on purpose) with Æ, Ø and Å for the certificates.
FIRST_NAMES = [
    "Åse",
    "Søren",
    "Bjørk",
    "Mette",
    "Ørnulf",
    "Amira",
    "Jens",
    "Fatima",
    "Ærling",
    "Lærke",
    "Hamid",
    "Birgitte",
    "Yusuf",
    "Gitte",
    "Kåre",
    "Nadia",
    "Østen",
    "Sanne",
    "Tobias",
    "Zainab",
    "Henning",
    "Ida",
    "Mårten",
]
SURNAMES = [
    "Prøvesen",
    "Eksempelsen",
    "Fiktivsen",
    "Opdigtsen",
    "Påhitgård",
    "Mønstersen",
    "Testrup",
    "Demøller",
    "Lånegaard",
    "Skitsesen",
    "Udkastrup",
    "Forsøgsen",
]

# (title, origin, cohort year or None, origin note, proposed, status, realised, support)
IDEAS = [
    ("Bytte-reol i opgangen", IdeaOrigin.COURSE, 2017, "", D(2017, 4, 25), IdeaStatus.DROPPED, None, ""),
    (
        "Fælles højbede i gården",
        IdeaOrigin.COURSE,
        2017,
        "",
        D(2017, 4, 25),
        IdeaStatus.REALISED,
        D(2018, 5, 12),
        "Helhedsplanen søgte afdelingen om 15.000 kr. til træ og jord og hjalp med at samle frivillige.",
    ),
    (
        "Gårdfest hvert år",
        IdeaOrigin.WORKSHOP,
        None,
        "Workshop: Hvad skal der ske i vores gård?",
        D(2017, 10, 4),
        IdeaStatus.REALISED,
        D(2018, 6, 9),
        "Hjælp til ansøgning, lån af telte og borde, og en medarbejder på dagen.",
    ),
    (
        "Lektiecafé drevet af beboere",
        IdeaOrigin.COURSE,
        2018,
        "",
        D(2018, 4, 24),
        IdeaStatus.PLANNING,
        None,
        "",
    ),
    (
        "Velkomstmakkere til nye beboere",
        IdeaOrigin.COURSE,
        2018,
        "",
        D(2018, 4, 24),
        IdeaStatus.IDEA,
        None,
        "",
    ),
    (
        "Fodboldturnering for alle aldre",
        IdeaOrigin.COURSE,
        2019,
        "",
        D(2019, 4, 23),
        IdeaStatus.REALISED,
        D(2019, 8, 24),
        "Kontakt til boldklubben, præmier og annoncering i opgangene.",
    ),
    (
        "Strikkeklub i fælleshuset",
        IdeaOrigin.WORKSHOP,
        None,
        "Naboværksted: trygge opgange",
        D(2019, 2, 13),
        IdeaStatus.IDEA,
        None,
        "",
    ),
]

# Children's boards: (name, department code, established). Active children per year and the
# survey (asked, felt influence) per year.
BOARDS = [
    (
        "Børnebestyrelsen Händelsvej I",
        "3301",
        D(2018, 1, 16),
        {2018: 12, 2019: 16},
        {2018: (12, 9), 2019: (15, 13)},
    ),
    (
        "Børnebestyrelsen Händelsvej II",
        "3302",
        D(2018, 2, 6),
        {2018: 13, 2019: 14},
        {2018: (11, 8), 2019: (14, 11)},
    ),
]

# Resident meetings (afdelingsmøder) per 3B department: attendance 2017, 2018, 2019.
RESIDENT_MEETINGS = {
    "3301": (26, 29, 33),
    "3302": (27, 31, 34),
    "3303": (25, 28, 27),
    "3304": (31, 30, 35),
    "3305": (28, 26, 29),
    "3306": (25, 27, 30),
}
# A couple of AKB meetings too, so the average is not only 3B's.
OTHER_RESIDENT_MEETINGS = [
    ("1201", D(2017, 9, 19), 44),
    ("1201", D(2018, 9, 18), 39),
    ("1101", D(2019, 9, 24), 52),
]

PRACTICE_NETWORK = "Praksisnetværk med SOF Borgercenter Voksne"
HEALTH_NETWORK = "Sundhedssamarbejde med distriktspsykiatrien"
PRACTICE_PARTNERS = [
    "SOF Borgercenter Voksne",
    "Boligrådgiverne, SOF",
    "Psykiatrienheden, SOF",
    "Lokalpolitiet",
]
HEALTH_PARTNERS = ["Distriktspsykiatrien", "Opsøgende psykoseteam", "Café Rose"]
# The 8-weekly series starts here; the 11th meeting (in the summer of 2018) was missed.
PRACTICE_START = D(2017, 1, 17)
PRACTICE_MISSED = PRACTICE_START + datetime.timedelta(weeks=8 * 10)


@transaction.atomic
def seed(*, stdout=None, today: datetime.date) -> None:
    plan = Plan.objects.filter(slug=SEED_PLAN_SLUG).first()
    if plan is None:
        return
    rng = random.Random(4)  # noqa: S311 - demo data only
    for other in Plan.objects.filter(slug=SECOND_PLAN_SLUG):
        services.activity_kinds_ensure_standard(plan=other)
    services.activity_kinds_ensure_standard(plan=plan)
    kinds = {k.standard: k for k in ActivityKind.objects.filter(plan=plan).exclude(standard="")}
    departments = {d.code: d for d in Department.objects.filter(plan=plan)}
    partners = {p.name: p for p in PartnerOrganisation.objects.filter(plan=plan)}
    initiatives = {i.number: i for i in Initiative.objects.filter(focus_area__plan=plan)}
    course_initiative, boards_initiative = initiatives.get(3), initiatives.get(4)

    def until_today(day):
        return day <= today

    # Activities.
    for day, kind, title, code, place, residents, children, others, volunteers in RESIDENT_ACTIVITIES:
        if until_today(day):
            _activity(
                plan,
                day,
                kinds[kind],
                title,
                InitiatedBy.RESIDENTS,
                departments.get(code),
                place,
                residents,
                children,
                others,
                volunteers,
                course_initiative,
                partners,
            )
    for day, kind, title, initiated_by, code, residents, children, others, volunteers in OTHER_ACTIVITIES:
        if until_today(day):
            initiative = initiatives.get(4) if kind == K.HOMEWORK_HELP else course_initiative
            _activity(
                plan,
                day,
                kinds[kind],
                title,
                initiated_by,
                departments.get(code),
                "",
                residents,
                children,
                others,
                volunteers,
                initiative,
                partners,
            )

    # The course: one cohort a year.
    names = [f"{first} {rng.choice(SURNAMES)}" for first in FIRST_NAMES]
    name_iter = iter(names)
    cohorts = {}
    for year, start, end, graduate_count in COHORTS:
        if not until_today(start):
            continue
        cohort, _ = CourseCohort.objects.update_or_create(
            plan=plan,
            name=f"Naboskaber {year}",
            defaults={"start_date": start, "end_date": end, "initiative": course_initiative},
        )
        cohorts[year] = cohort
        for number, topic in enumerate(SESSION_TOPICS):
            day = start + datetime.timedelta(weeks=2 * number)
            if until_today(day):
                CourseSession.objects.update_or_create(
                    cohort=cohort,
                    date=day,
                    defaults={"topic": topic, "attendees": graduate_count + rng.randint(0, 4)},
                )
        for _n in range(graduate_count):
            name = next(name_iter)
            if until_today(end):
                CourseGraduate.objects.update_or_create(
                    cohort=cohort, name=name, defaults={"completed_on": end}
                )

    # Ideas.
    for title, origin, cohort_year, note, proposed, status, realised, support in IDEAS:
        if not until_today(proposed):
            continue
        if realised and not until_today(realised):
            status, realised, support = IdeaStatus.PLANNING, None, ""
        Idea.objects.update_or_create(
            plan=plan,
            title=title,
            defaults={
                "origin": origin,
                "cohort": cohorts.get(cohort_year),
                "origin_note": note,
                "proposed_on": proposed,
                "status": status,
                "realised_on": realised,
                "support_given": support,
            },
        )

    # Children's boards, meeting monthly except in July, until the end of 2019.
    for name, code, established, active, surveys in BOARDS:
        if not until_today(established):
            continue
        board, _ = ChildrenBoard.objects.update_or_create(
            plan=plan, name=name, defaults={"established_on": established, "initiative": boards_initiative}
        )
        board.departments.set([departments[code]])
        day = established
        while day <= min(D(2019, 12, 31), today):
            if day.month != 7:
                ChildrenBoardMeeting.objects.update_or_create(
                    board=board,
                    date=day,
                    defaults={"children_present": rng.randint(8, min(14, active.get(day.year, 14)))},
                )
            day = _next_month(day)
        for year, count in active.items():
            if until_today(D(year, 12, 31)):
                ChildrenBoardYear.objects.update_or_create(
                    board=board, year=year, defaults={"active_children": count}
                )
        for year, (asked, felt) in surveys.items():
            if until_today(D(year, 11, 30)):
                ChildrenBoardSurvey.objects.update_or_create(
                    board=board,
                    year=year,
                    defaults={"children_asked": asked, "children_felt_influence": felt},
                )

    # Resident meetings: each 3B department's yearly meeting in September.
    for code, attendance in RESIDENT_MEETINGS.items():
        for year, count in zip((2017, 2018, 2019), attendance, strict=True):
            day = D(year, 9, 5 + int(code[-1]))
            if until_today(day) and code in departments:
                ResidentMeeting.objects.update_or_create(
                    plan=plan, department=departments[code], date=day, defaults={"attendance": count}
                )
    for code, day, count in OTHER_RESIDENT_MEETINGS:
        if until_today(day) and code in departments:
            ResidentMeeting.objects.update_or_create(
                plan=plan, department=departments[code], date=day, defaults={"attendance": count}
            )

    # Networks.
    practice, _ = Network.objects.update_or_create(
        plan=plan,
        name=PRACTICE_NETWORK,
        defaults={
            "interval_weeks": 8,
            "initiative": initiatives.get(1),
            "description": "Koordinering af indsatsen for udsættelsestruede og psykisk sårbare beboere.",
        },
    )
    practice.partners.set([partners[n] for n in PRACTICE_PARTNERS if n in partners])
    day = PRACTICE_START
    while day <= min(D(2019, 12, 31), today):
        if day != PRACTICE_MISSED:
            present = [partners[n] for n in PRACTICE_PARTNERS if n in partners and rng.random() < 0.8]
            _network_meeting(practice, day, present, rng)
        day += datetime.timedelta(weeks=8)
    health, _ = Network.objects.update_or_create(
        plan=plan,
        name=HEALTH_NETWORK,
        defaults={
            "interval_weeks": 26,
            "initiative": initiatives.get(1),
            "description": "Sundhedssamarbejde to gange om året om beboere med psykisk sygdom.",
        },
    )
    health.partners.set([partners[n] for n in HEALTH_PARTNERS if n in partners])
    for year in (2017, 2018, 2019):
        for day in (D(year, 3, 14), D(year, 10, 10)):
            if until_today(day):
                _network_meeting(health, day, [partners[n] for n in HEALTH_PARTNERS if n in partners], rng)

    if stdout:
        stdout.write(
            f"Logbook: {Activity.objects.filter(plan=plan).count()} activities, "
            f"{CourseGraduate.objects.filter(cohort__plan=plan).count()} course graduates, "
            f"{ChildrenBoardMeeting.objects.filter(board__plan=plan).count()} children's board meetings."
        )


def _activity(
    plan,
    day,
    kind,
    title,
    initiated_by,
    department,
    place,
    residents,
    children,
    others,
    volunteers,
    initiative,
    partners,
):
    activity, _ = Activity.objects.update_or_create(
        plan=plan,
        title=title,
        date=day,
        defaults={
            "kind": kind,
            "initiated_by": initiated_by,
            "department": department,
            "place": place,
            "participants_residents": residents,
            "participants_children": children,
            "participants_others": others,
            "volunteers": volunteers,
            "initiative": initiative,
        },
    )
    activity.partners.set([partners[n] for n in PARTNERS_BY_TITLE.get(title, []) if n in partners])


AGENDA = "1. Nyt siden sidst\n2. Aktuelle sager (anonymiseret)\n3. Udsættelser i kalenderen\n4. Eventuelt"
MINUTES = [
    "Gennemgang af sager uden navne. Aftalt at boligrådgiverne tager kontakt til to husstande.",
    "Drøftet samarbejdet om fogedudsættelser; kontaktlisten opdateres.",
    "Kort møde. Psykiatrienheden orienterede om nye åbningstider.",
    "Drøftet erfaringer med opgangsmøder; næste møde holdes i Kvarterhuset.",
]


def _network_meeting(network, day, present, rng):
    meeting, _ = NetworkMeeting.objects.update_or_create(
        network=network, date=day, defaults={"agenda": AGENDA, "minutes": rng.choice(MINUTES)}
    )
    meeting.partners_present.set(present)


def _next_month(day: datetime.date) -> datetime.date:
    """The same weekday position a month on (first Tuesday → first Tuesday), as boards plan it."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    first = D(year, month, 1)
    offset = (day.weekday() - first.weekday()) % 7
    return first + datetime.timedelta(days=offset + 7 * ((day.day - 1) // 7))
