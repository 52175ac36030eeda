"""A national-scale data set, written with bulk inserts into the benchmark's own database.

At `scale=1`: 10 plans of 22 departments and 3,900 homes each, 100,000 cases with about
1,000,000 entries, 200,000 logbook entries and 10 years of outside statistics. Smaller scales
shrink the casework and the logbook but keep the 10 plans, so a tiny run exercises the same
pages and the same number of queries.

The data is fictional and deterministic (`random.Random(seed)`): the same scale and seed give
the same rows. Primary keys are assigned here (the database is new), so children can be
written without reading their parents back; the sequences are reset at the end.
"""

import contextlib
import datetime
import itertools
import random
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from helhedsplan.demo import SEED_DEPARTMENTS, SEED_HOUSING_ORGANISATIONS, SEED_PARTNERS
from helhedsplan.models import (
    Department,
    FocusArea,
    HousingOrganisation,
    Initiative,
    Membership,
    Neighbourhood,
    PartnerOrganisation,
    Plan,
    Role,
)

BATCH = 5_000
PLANS = 10
WORKERS_PER_PLAN = 4

FIRST_NAMES = [
    "Anna",
    "Bo",
    "Cecilie",
    "Dan",
    "Eva",
    "Frank",
    "Gitte",
    "Hans",
    "Ida",
    "Jens",
    "Karin",
    "Lars",
]
LAST_NAMES = ["Eksempel", "Fiktiv", "Prøve", "Demo", "Opdigtet", "Mønster", "Testesen", "Påhit"]
DISTRICTS = {"Sjælør Boulevard": "Valby", "Kgs. Enghave": "Kgs. Enghave"}  # as in the seed plan
STREETS = ["Sjælør Boulevard", "Mozartsvej", "Wagnersvej", "Händelsvej", "Borgbjergsvej", "Lyrskovgade"]


@dataclass(frozen=True)
class Size:
    plans: int
    cases: int
    entries: int
    logbook: int
    statistics_years: int

    @classmethod
    def at(cls, scale: float) -> "Size":
        return cls(
            plans=PLANS,
            cases=max(100, round(100_000 * scale)),
            entries=max(1_000, round(1_000_000 * scale)),
            logbook=max(200, round(200_000 * scale)),
            statistics_years=10,
        )


@dataclass
class PlanWorld:
    """What the measurements need to know about one generated plan."""

    plan: Plan
    workers: list = field(default_factory=list)
    leader: object = None
    board: object = None
    departments: list = field(default_factory=list)
    partners: list = field(default_factory=list)  # (id, kind)
    heaviest_case: int | None = None
    status_note: int | None = None


@dataclass
class World:
    size: Size
    today: datetime.date
    plans: list[PlanWorld] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    seconds: dict = field(default_factory=dict)


def _next_id(model) -> int:
    """The next primary key of a model in a database only this generator writes to."""
    return (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1


def _ids(model, n: int) -> range:
    start = _next_id(model)
    return range(start, start + n)


def _bulk(model, rows, counts):
    """Insert unsaved model instances: PostgreSQL's COPY, else bulk_create in batches."""
    label = model._meta.label
    if connection.vendor == "postgresql":
        counts[label] = counts.get(label, 0) + _copy(model, rows)
        return
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch, batch_size=BATCH)
            counts[label] = counts.get(label, 0) + len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch, batch_size=BATCH)
        counts[label] = counts.get(label, 0) + len(batch)


def _copy(model, rows) -> int:
    """COPY the instances' column values straight in: a tenth of bulk_create's time per row.

    The values are what the instances hold (field defaults included); timestamps set on save
    (auto_now, auto_now_add) get the current time. Without a primary key on the first row, the
    database's sequence numbers them.
    """
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return 0
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and first.pk is None)]
    stamped = {
        f.attname for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) FROM STDIN"
    n = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in itertools.chain([first], rows):
            copy.write_row([now if f.attname in stamped else getattr(obj, f.attname) for f in fields])
            n += 1
    return n


@contextlib.contextmanager
def _stopwatch(world: World, name: str, stdout):
    start = time.perf_counter()
    yield
    world.seconds[name] = round(time.perf_counter() - start, 1)
    if stdout:
        stdout.write(f"  {name}: {world.seconds[name]} s")


def generate(
    *, scale: float, seed: int = 2017, today: datetime.date | None = None, password: str = "", stdout=None
) -> World:
    rng = random.Random(seed)
    world = World(size=Size.at(scale), today=today or timezone.localdate())
    with transaction.atomic():
        with _stopwatch(world, "plans", stdout):
            _plans(world, rng, password)
        if _has_model("cases", "Case"):
            with _stopwatch(world, "cases", stdout):
                _cases(world, rng)
        if _has_model("activities", "Activity"):
            with _stopwatch(world, "logbook", stdout):
                _logbook(world, rng)
        if _has_model("reporting", "HousingStatistic"):
            with _stopwatch(world, "statistics and criteria", stdout):
                _statistics(world, rng)
        if _has_model("notes", "StatusNote"):
            with _stopwatch(world, "status note", stdout):
                _status_note(world)
        _reset_sequences()
    with _stopwatch(world, "analyze", stdout), connection.cursor() as cursor:
        # Fresh tables have no planner statistics and (PostgreSQL) no visibility map yet: do what
        # autovacuum would have done long ago on a real installation, then measure.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return world


def _has_model(app_label: str, name: str) -> bool:
    try:
        apps.get_model(app_label, name)
    except LookupError:
        return False
    return True


def _reset_sequences():
    models = [m for label in ("helhedsplan", "cases", "activities", "reporting") for m in _models(label)]
    models.append(get_user_model())
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _models(app_label):
    try:
        return list(apps.get_app_config(app_label).get_models(include_auto_created=True))
    except LookupError:
        return []


# --- The plans: departments, partners, staff ------------------------------------------------------


def _plans(world: World, rng: random.Random, password: str):
    User = get_user_model()
    # Hashed once: the load test logs in as every generated user with the same password.
    encoded = make_password(password) if password else None
    for n in range(1, world.size.plans + 1):
        # One by one through the ORM: apps may set a new plan up in a post_save signal.
        plan = Plan.objects.create(
            name=f"Benchmarkplan {n:02d}",
            slug=f"benchmark-{n:02d}",
            start_date=datetime.date(world.today.year - 9, 1, 1),
            end_date=datetime.date(world.today.year + 1, 12, 31),
        )
        pw = PlanWorld(plan=plan)
        focus_area = FocusArea.objects.create(
            plan=plan, name="Tryghed og trivsel", valid_from=plan.start_date
        )
        for number in range(1, 5):
            Initiative.objects.create(focus_area=focus_area, number=number, name=f"Initiativ {number}")
        organisations = {
            short: HousingOrganisation.objects.create(plan=plan, short_name=short, name=name)
            for short, name in SEED_HOUSING_ORGANISATIONS
        }
        neighbourhoods = {
            name: Neighbourhood.objects.create(plan=plan, name=name, district=DISTRICTS[name])
            for name in DISTRICTS
        }
        pw.departments = Department.objects.bulk_create(
            [
                Department(
                    plan=plan,
                    housing_organisation=organisations[org],
                    neighbourhood=neighbourhoods[area],
                    code=code,
                    name=name,
                    homes=homes,
                )
                for org, area, code, name, homes in SEED_DEPARTMENTS
            ]
        )
        partners = PartnerOrganisation.objects.bulk_create(
            [
                PartnerOrganisation(
                    plan=plan,
                    name=name,
                    kind=kind,
                    housing_organisation=organisations.get(org) if org else None,
                )
                for name, kind, _parent, org in SEED_PARTNERS
            ]
        )
        pw.partners = [(p.pk, p.kind) for p in partners]
        users = []
        for k in range(1, WORKERS_PER_PLAN + 1):
            users.append((f"bench{n:02d}-worker{k}", Role.WORKER))
        users += [(f"bench{n:02d}-leader", Role.PROJECT_LEADER), (f"bench{n:02d}-board", Role.BOARD)]
        for username, role in users:
            user = User(
                username=username,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                email=f"{username}@example.org",
            )
            if encoded:
                user.password = encoded
            else:
                user.set_unusable_password()  # the benchmark logs in with force_login
            user.save()
            Membership.objects.create(user=user, plan=plan, role=role)
            if role == Role.WORKER:
                pw.workers.append(user)
            elif role == Role.PROJECT_LEADER:
                pw.leader = user
            else:
                pw.board = user
        world.plans.append(pw)
    world.counts["plans"] = len(world.plans)
    world.counts["departments"] = sum(len(pw.departments) for pw in world.plans)
    world.counts["homes"] = sum(d.homes for d in world.plans[0].departments)


# --- Cases and their entries ----------------------------------------------------------------------


def _cases(world: World, rng: random.Random):
    from cases.models import (
        OUTCOMES_BY_TYPE,
        BridgeCategory,
        Case,
        CaseParty,
        CaseSource,
        CaseStatus,
        CaseType,
        ComplaintStatus,
        Entry,
        EntryKind,
        PartyRole,
        Resident,
        search_key,
    )
    from cases.selectors import urgency_of

    today = world.today
    first_day = datetime.date(today.year - 9, 1, 1)
    span = (today - first_day).days
    tz = timezone.get_current_timezone()
    per_plan = world.size.cases // world.size.plans
    entries_per_case = world.size.entries / world.size.cases
    case_ids = itertools.count(_next_id(Case))
    resident_ids = itertools.count(_next_id(Resident))
    entry_ids = itertools.count(_next_id(Entry))
    counts = world.counts
    types = (
        [CaseType.NEIGHBOUR_CONFLICT] * 45 + [CaseType.EVICTION_PREVENTION] * 30 + [CaseType.COUNSELLING] * 25
    )
    kinds_by_type = {
        CaseType.NEIGHBOUR_CONFLICT: [
            EntryKind.PHONE_CALL,
            EntryKind.PHONE_CALL,
            EntryKind.HOME_VISIT,
            EntryKind.MEDIATION_1_1,
            EntryKind.MEDIATION_2_2,
            EntryKind.SEPARATE_MEETING,
            EntryKind.STAIRCASE_MEETING,
            EntryKind.LETTER,
        ],
        CaseType.EVICTION_PREVENTION: [
            EntryKind.PHONE_CALL,
            EntryKind.PHONE_CALL,
            EntryKind.HOME_VISIT,
            EntryKind.BRIDGE_BUILDING,
            EntryKind.BRIDGE_BUILDING,
            EntryKind.COMPANION,
            EntryKind.LETTER,
            EntryKind.MEETING,
        ],
        CaseType.COUNSELLING: [
            EntryKind.PHONE_CALL,
            EntryKind.MEETING,
            EntryKind.BRIDGE_BUILDING,
            EntryKind.BRIDGE_BUILDING,
            EntryKind.COMPANION,
            EntryKind.HOME_VISIT,
        ],
    }
    categories = list(BridgeCategory.values)
    through = Case.responsible.through

    for pw in world.plans:
        residents, cases, parties, responsible, entries = [], [], [], [], []
        heaviest = None
        for i in range(per_plan):
            case_id = next(case_ids)
            case_type = rng.choice(types)
            department = rng.choice(pw.departments)
            opened = first_day + datetime.timedelta(days=int(span * rng.random() ** 0.8))
            age = (today - opened).days
            # About 4 % of all cases are open: recent ones mostly, a few long-running ones.
            is_open = (age < 120 and rng.random() < 0.45) or rng.random() < 0.01
            closed = None if is_open else min(today, opened + datetime.timedelta(days=rng.randint(3, 200)))
            case = Case(
                id=case_id,
                plan_id=pw.plan.pk,
                case_type=case_type,
                department_id=department.pk,
                source=rng.choice(CaseSource.values),
                summary=rng.choice(["Støj fra 3. sal", "Restance", "Affald i opgangen", "Ansøgning", "Hund"]),
                opened_on=opened,
                closed_on=closed,
                status=CaseStatus.OPEN if is_open else CaseStatus.CLOSED,
                outcome="" if is_open else rng.choice(OUTCOMES_BY_TYPE[case_type]),
                next_follow_up=today + datetime.timedelta(days=rng.randint(-10, 30)) if is_open else None,
                created_by_id=pw.workers[0].pk,
            )
            if case_type == CaseType.EVICTION_PREVENTION:
                case.arrears_dkk = rng.randint(3_000, 60_000)
                case.eviction_scheduled_on = opened
                bailiff = opened + datetime.timedelta(days=rng.randint(21, 35))
                case.bailiff_date = bailiff
            elif case_type == CaseType.NEIGHBOUR_CONFLICT:
                case.complaint_status = rng.choice(ComplaintStatus.values)
            owners = rng.sample(pw.workers, 1 if rng.random() < 0.85 else 2)
            responsible += [through(case_id=case_id, user_id=u.pk) for u in owners]

            for role in (
                [PartyRole.COMPLAINANT, PartyRole.COMPLAINED_ABOUT]
                if case_type == CaseType.NEIGHBOUR_CONFLICT
                else [PartyRole.RESIDENT]
            ):
                rid = next(resident_ids)
                name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                address = f"{rng.choice(STREETS)} {rng.randint(1, 120)}, {rng.randint(0, 6)}. th."
                residents.append(
                    Resident(
                        id=rid,
                        plan_id=pw.plan.pk,
                        name=name,
                        department_id=department.pk,
                        address=address,
                        search_text=search_key(name, address),
                    )
                )
                parties.append(CaseParty(case_id=case_id, resident_id=rid, role=role))

            # Entries: ten on average, a long tail; the first case of each plan is a long one.
            n_entries = 300 if i == 0 else max(1, min(150, round(rng.expovariate(1 / entries_per_case))))
            last_day = closed or today
            last_at = None
            for _ in range(n_entries):
                day = opened + datetime.timedelta(days=rng.randint(0, max(0, (last_day - opened).days)))
                at = datetime.datetime.combine(
                    day, datetime.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45]))
                )
                at = at.replace(tzinfo=tz)
                kind = rng.choice(kinds_by_type[case_type])
                entry = Entry(
                    id=next(entry_ids),
                    case_id=case_id,
                    plan_id=pw.plan.pk,
                    occurred_at=at,
                    kind=kind,
                    minutes=rng.choice([5, 10, 15, 30, 45, 60, 90]),
                    author_id=owners[0].pk,
                    note="Talt med beboeren; aftalt opfølgning." if rng.random() < 0.7 else "",
                )
                if kind == EntryKind.BRIDGE_BUILDING:
                    entry.partner_id = rng.choice(pw.partners)[0]
                    entry.bridge_category = rng.choice(categories)
                elif kind in (EntryKind.STAIRCASE_MEETING, EntryKind.INFORMATION_MEETING):
                    entry.residents_present = rng.randint(3, 25)
                entries.append(entry)
                last_at = at if last_at is None or at > last_at else last_at
            case.last_entry_at = last_at
            case.urgency_tier = urgency_of(case, today)  # as the services store it
            cases.append(case)
            if i == 0:
                heaviest = case_id

            if len(entries) >= 4 * BATCH:
                _flush_cases(residents, cases, parties, responsible, entries, counts)
                residents, cases, parties, responsible, entries = [], [], [], [], []
        _flush_cases(residents, cases, parties, responsible, entries, counts)
        pw.heaviest_case = heaviest


def _flush_cases(residents, cases, parties, responsible, entries, counts):
    from cases.models import Case, CaseParty, Entry, Resident

    _bulk(Resident, residents, counts)
    _bulk(Case, cases, counts)
    _bulk(CaseParty, parties, counts)
    _bulk(Case.responsible.through, responsible, counts)
    _bulk(Entry, entries, counts)


# --- The logbook ----------------------------------------------------------------------------------


def _logbook(world: World, rng: random.Random):
    from activities import services as activity_services
    from activities.models import (
        Activity,
        ActivityKind,
        ChildrenBoard,
        ChildrenBoardMeeting,
        Network,
        NetworkMeeting,
        ResidentMeeting,
    )

    today = world.today
    first_day = datetime.date(today.year - 9, 1, 1)
    span = (today - first_day).days
    per_plan = world.size.logbook // world.size.plans
    counts = world.counts
    for pw in world.plans:
        activity_services.activity_kinds_ensure_standard(plan=pw.plan)
        kinds = list(ActivityKind.objects.filter(plan=pw.plan).values_list("pk", flat=True))
        initiatives = list(Initiative.objects.filter(focus_area__plan=pw.plan).values_list("pk", flat=True))
        # Resident meetings: one a year per department (22 a year: 220 over ten years).
        meetings = [
            ResidentMeeting(
                plan_id=pw.plan.pk,
                department_id=d.pk,
                date=datetime.date(year, 3, 1) + datetime.timedelta(days=i),
                attendance=rng.randint(10, 45),
            )
            for year in range(first_day.year, today.year + 1)
            for i, d in enumerate(pw.departments)
            if datetime.date(year, 3, 1) + datetime.timedelta(days=i) <= today
        ]
        _bulk(ResidentMeeting, meetings, counts)
        # Two children's boards meeting monthly; one network meeting every 8 weeks.
        boards = [
            ChildrenBoard.objects.create(
                plan=pw.plan,
                name=f"Børnebestyrelse {k}",
                established_on=first_day,
                initiative_id=initiatives[-1],
            )
            for k in (1, 2)
        ]
        board_meetings = [
            ChildrenBoardMeeting(
                board=b, date=first_day + datetime.timedelta(days=30 * m), children_present=rng.randint(5, 15)
            )
            for b in boards
            for m in range(span // 30)
        ]
        _bulk(ChildrenBoardMeeting, board_meetings, counts)
        network = Network.objects.create(plan=pw.plan, name="Netværksmøde med kommunen", interval_weeks=8)
        _bulk(
            NetworkMeeting,
            (
                NetworkMeeting(network=network, date=first_day + datetime.timedelta(weeks=8 * m))
                for m in range(span // 56)
            ),
            counts,
        )
        n_activities = max(1, per_plan - len(meetings) - len(board_meetings) - span // 56)
        activity_ids = _ids(Activity, n_activities)

        _bulk(Activity, _activities(rng, pw, activity_ids, kinds, initiatives, first_day, span), counts)
        through = Activity.partners.through
        _bulk(
            through,
            (
                through(activity_id=pk, partnerorganisation_id=rng.choice(pw.partners)[0])
                for pk in activity_ids
                if rng.random() < 0.3
            ),
            counts,
        )
    world.counts["logbook entries"] = sum(
        counts.get(m._meta.label, 0)
        for m in (Activity, ResidentMeeting, ChildrenBoardMeeting, NetworkMeeting)
    )


def _activities(rng, pw, ids, kinds, initiatives, first_day, span):
    from activities.models import Activity, InitiatedBy

    for pk in ids:
        residents = rng.randint(3, 80)
        yield Activity(
            id=pk,
            plan_id=pw.plan.pk,
            title=rng.choice(["Loppemarked", "Fællesspisning", "Træplantning", "Udflugt", "Lektiecafé"]),
            date=first_day + datetime.timedelta(days=rng.randint(0, span)),
            kind_id=rng.choice(kinds),
            department_id=rng.choice(pw.departments).pk if rng.random() < 0.8 else None,
            initiative_id=rng.choice(initiatives),
            initiated_by=rng.choice(InitiatedBy.values),
            participants_residents=residents,
            participants_children=rng.randint(0, residents // 2),
            participants_others=rng.randint(0, 10),
            volunteers=rng.randint(0, 6),
            logged_by_id=rng.choice(pw.workers).pk,
        )


# --- Outside statistics, success criteria and a status note ---------------------------------------


def _statistics(world: World, rng: random.Random):
    """Ten years of the housing organisations' and the municipality's figures, and the seed's criteria."""
    from reporting import demo as reporting_demo
    from reporting.models import (
        District,
        DistrictMeasure,
        DistrictStatistic,
        HousingMeasure,
        HousingStatistic,
    )

    years = range(world.today.year - world.size.statistics_years + 1, world.today.year + 1)
    for pw in world.plans:
        plan = pw.plan
        districts = {
            name: District.objects.create(plan=plan, name=name, is_municipality=name == "København")
            for name in ("Valby", "Kgs. Enghave", "København")
        }
        areas = {(d.housing_organisation_id, d.neighbourhood_id) for d in pw.departments}
        _bulk(
            HousingStatistic,
            (
                HousingStatistic(
                    plan=plan,
                    year=year,
                    housing_organisation_id=org,
                    neighbourhood_id=area,
                    measure=measure,
                    value=rng.randint(
                        *{"evictions": (0, 14), "first_reminders": (15, 300)}.get(measure, (4, 25))
                    ),
                )
                for year in years
                for org, area in sorted(areas)
                for measure in HousingMeasure.values
            ),
            world.counts,
        )
        _bulk(
            DistrictStatistic,
            (
                DistrictStatistic(
                    plan=plan,
                    district=district,
                    year=year,
                    measure=measure,
                    value=rng.randint(1, 6)
                    if measure == DistrictMeasure.EVICTIONS_PER_1000_HOMES
                    else rng.randint(3, 26),
                )
                for year in years
                for district in districts.values()
                for measure in DistrictMeasure.values
            ),
            world.counts,
        )
        # The seed agreement's criteria F1-D4, as the reporting demo defines them for a plan.
        reporting_demo.seed_milestones(plan)
        reporting_demo.seed_criteria(plan, districts["København"], world.today)


def _status_note(world: World):
    """Last year's status note of the first plan, written, approved and so frozen: its PDF is measured."""
    from reporting.notes import services as notes
    from reporting.notes.demo import (
        BARRIERS_2018,
        SECTIONS_2018,
        SUMMARY_2018,
        write_barriers,
        write_sections,
    )

    pw = world.plans[0]
    note = notes.note_create(plan=pw.plan, year=world.today.year - 1, created_by=pw.leader)
    write_sections(note, pw.workers[0], SECTIONS_2018)
    write_barriers(note, pw.workers[0], BARRIERS_2018)
    notes.note_summary_write(note=note, summary=SUMMARY_2018)
    notes.note_submit(note=note, by=pw.workers[0])
    notes.note_approve(note=note, by=pw.leader)
    pw.status_note = note.pk


def load_world(*, today: datetime.date) -> World:
    """The World of a kept benchmark database, to measure it again without generating."""
    world = World(size=Size.at(1), today=today)
    for plan in Plan.objects.filter(slug__startswith="benchmark-").order_by("slug"):
        pw = PlanWorld(plan=plan, departments=list(Department.objects.filter(plan=plan)))
        for membership in (
            Membership.objects.filter(plan=plan).select_related("user").order_by("user__username")
        ):
            if membership.role == Role.WORKER:
                pw.workers.append(membership.user)
            elif membership.role == Role.PROJECT_LEADER:
                pw.leader = membership.user
            else:
                pw.board = membership.user
        if _has_model("cases", "Case"):
            from cases.models import Case

            pw.heaviest_case = (
                Case.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True).first()
            )
        if _has_model("notes", "StatusNote"):
            from reporting.notes.models import StatusNote

            pw.status_note = StatusNote.objects.filter(plan=plan).values_list("pk", flat=True).first()
        world.plans.append(pw)
    world.counts = {"plans": len(world.plans)}
    return world
