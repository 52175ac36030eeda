"""Demo data for reporting: the seed agreement's statistics, success criteria and milestones.

* Bailiff evictions and first reminders 2011–2015 are the seed's tables (DOMAIN.md), exactly;
  2016–2019 and the house-rules cases are fictional but plausible. With the seed plan's 3,900
  homes, 2015 gives 18 evictions = 4.6 per 1,000 homes against Copenhagen's 1.2.
* The 15 criteria F1–D4 with the seed's baselines. The plan ran 2017–2020; a second version
  from 2021 carries the criteria on to the current year, so the dashboard has a year in progress.
* Statistics go through the same import as a project leader's file, so a second run changes
  nothing; criteria, versions and milestones are looked up by their natural keys.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import FocusArea, HousingOrganisation, Initiative, PartnerOrganisation, Plan

from .models import CriterionVersion, District, Milestone, MilestoneTopic, SuccessCriterion, TargetKind
from .services import statistics_import

AREAS = [
    ("AKB", "Sjælør Boulevard"),
    ("AAB", "Sjælør Boulevard"),
    ("VIBO", "Sjælør Boulevard"),
    ("AKB", "Kgs. Enghave"),
    ("3B", "Kgs. Enghave"),
]
# Per area in the order of AREAS, per year. 2011–2015: the seed's tables.
EVICTIONS = {
    2011: [2, 0, 1, 30, 5],
    2012: [2, 4, 1, 13, 5],
    2013: [0, 3, 0, 9, 1],
    2014: [1, 0, 0, 5, 2],
    2015: [1, 1, 1, 13, 2],
    # Fictional: a rise with the benefit cap in 2016, then falling.
    2016: [1, 2, 1, 14, 3],
    2017: [1, 1, 0, 11, 3],
    2018: [0, 1, 1, 7, 2],
    2019: [1, 0, 0, 6, 2],
}
FIRST_REMINDERS = {
    2011: [43, 117, 89, 315, 234],
    2012: [23, 118, 71, 290, 249],
    2013: [28, 71, 54, 276, 244],
    2014: [22, 63, 45, 288, 205],
    2015: [22, 41, 42, 305, 175],
    2016: [20, 44, 40, 298, 180],
    2017: [19, 39, 37, 281, 171],
    2018: [17, 35, 36, 262, 160],
    2019: [18, 33, 31, 250, 152],
}
# Fictional; 44 in 2015 as in the agreement, where 3B's figures were missing (None).
HOUSE_RULES_CASES = {
    2015: [6, 9, 7, 22, None],
    2016: [7, 10, 7, 22, None],
    2017: [6, 9, 6, 20, 8],
    2018: [5, 8, 6, 18, 7],
    2019: [5, 7, 5, 17, 6],
}
MUNICIPALITY = "København"
# (district, measure) -> {year: value}. The seed's survey facts (2009, 2015, 2016) and fictional years.
DISTRICT_FIGURES = {
    ("Valby", "unsafe_share"): {2009: 9, 2016: 10, 2017: 11, 2018: 9, 2019: 8},
    ("Kgs. Enghave", "unsafe_share"): {2009: 12, 2016: 4, 2017: 5, 2018: 4, 2019: 4},
    (MUNICIPALITY, "unsafe_share"): {2016: 6, 2017: 6, 2018: 5, 2019: 5},
    ("Valby", "unsafe_share_evening"): {2009: 24, 2015: 18, 2016: 26, 2017: 25, 2018: 22, 2019: 21},
    ("Kgs. Enghave", "unsafe_share_evening"): {2016: 15, 2017: 14, 2018: 13, 2019: 12},
    (MUNICIPALITY, "unsafe_share_evening"): {2016: 19, 2017: 19, 2018: 18, 2019: 18},
    (MUNICIPALITY, "evictions_per_1000_homes"): {
        2015: "1.2",
        2016: "1.4",
        2017: "1.3",
        2018: "1.2",
        2019: "1.1",
    },
}

ARREARS_MILESTONES = {  # formalised cooperation on arrears; 3B came late
    "AKB": (datetime.date(2017, 2, 15), "KAB Restancegruppen"),
    "AAB": (datetime.date(2017, 5, 10), "AAB Restanceafdeling"),
    "VIBO": (datetime.date(2017, 9, 1), "VIBO Restanceafdeling"),
    "3B": (datetime.date(2018, 3, 1), "3B Restanceafdeling"),
}
LEGAL_MILESTONES = {  # cooperation with the legal departments, all within the first half of 2017
    "AKB": (datetime.date(2017, 3, 1), "KAB Juraafdeling"),
    "AAB": (datetime.date(2017, 4, 20), "AAB Juraafdeling"),
    "VIBO": (datetime.date(2017, 6, 15), "VIBO Juraafdeling"),
    "3B": (datetime.date(2017, 6, 28), "3B Juraafdeling"),
}

LOGBOOK = "Helhedsplanens logbog"


def housing_csv() -> str:
    lines = ["year,housing_organisation,neighbourhood,department,measure,value"]
    for measure, table in (
        ("evictions", EVICTIONS),
        ("first_reminders", FIRST_REMINDERS),
        ("house_rules_cases", HOUSE_RULES_CASES),
    ):
        for year, values in table.items():
            for (org, area), value in zip(AREAS, values, strict=True):
                if value is not None:
                    lines.append(f"{year},{org},{area},,{measure},{value}")
    return "\n".join(lines) + "\n"


def district_csv() -> str:
    # Semicolons and decimal commas, as a Danish spreadsheet saves them.
    lines = ["year;district;measure;value"]
    for (district, measure), figures in DISTRICT_FIGURES.items():
        for year, value in figures.items():
            lines.append(f"{year};{district};{measure};{str(value).replace('.', ',')}")
    return "\n".join(lines) + "\n"


@transaction.atomic
def seed(*, stdout=None, today: datetime.date) -> None:
    plan = Plan.objects.filter(slug=SEED_PLAN_SLUG).first()
    if plan is None:
        return
    copenhagen, _ = District.objects.get_or_create(
        plan=plan, name=MUNICIPALITY, defaults={"is_municipality": True}
    )
    for name, content in (("demo-boligstatistik.csv", housing_csv()), ("demo-tryghed.csv", district_csv())):
        report = statistics_import(plan=plan, content=content.encode(), filename=name)
        if not report.ok:  # the demo's own tables must fit the demo's plan
            raise ValueError(f"{name}: {report.errors[:3]}")
    seed_milestones(plan)
    created = seed_criteria(plan, copenhagen, today)
    if stdout:
        stdout.write(f"Reporting: {created} new success criteria in {plan.name}.")


def seed_milestones(plan: Plan) -> None:
    """The seed agreement's cooperation milestones for `plan`'s housing organisations (idempotent)."""
    organisations = {o.short_name: o for o in HousingOrganisation.objects.filter(plan=plan)}
    partners = {p.name: p for p in PartnerOrganisation.objects.filter(plan=plan)}
    for topic, table in (
        (MilestoneTopic.ARREARS_COOPERATION, ARREARS_MILESTONES),
        (MilestoneTopic.LEGAL_COOPERATION, LEGAL_MILESTONES),
    ):
        for short, (done_on, partner) in table.items():
            if short in organisations:
                Milestone.objects.get_or_create(
                    plan=plan,
                    topic=topic,
                    housing_organisation=organisations[short],
                    defaults={"done_on": done_on, "partner": partners.get(partner)},
                )


def criteria_definitions(plan: Plan, copenhagen: District) -> list[dict]:
    """The seed agreement's 15 criteria (DOMAIN.md) as data."""
    orgs = {o.short_name: str(o.pk) for o in HousingOrganisation.objects.filter(plan=plan)}
    districts = {d.name: str(d.pk) for d in District.objects.filter(plan=plan)}
    d = datetime.date
    return [
        {
            "code": "F1",
            "title": "Antallet af udsættelser pr. 1.000 boliger har i 2020 nærmet sig "
            "Københavns Kommunes gennemsnit",
            "initiative": None,
            "data_source": "Statistiske data fra boligorganisationernes udlejningsafdelinger",
            "metric": "housing_statistic",
            "params": {"measure": "evictions", "per_1000_homes": True, "housing_organisations": []},
            "baseline_value": Decimal("4.6"),
            "baseline_year": 2015,
            "baseline_note": "I hele København 1,2 udsættelser pr. 1.000 boliger",
            "reference_district": copenhagen,
            "reference_measure": "evictions_per_1000_homes",
            "reference_label": "Københavns Kommune",
            "target_kind": TargetKind.BELOW_BY_YEAR,
            "target_value": Decimal(2),
            "target_year": 2020,
        },
        {
            "code": "F2",
            "title": "Flere nabostridigheder stoppes, så husordenssagerne er faldet med 20 % "
            "ved helhedsplanens afslutning",
            "initiative": None,
            "data_source": "Statistiske data fra boligorganisationerne",
            "metric": "housing_statistic",
            "params": {
                "measure": "house_rules_cases",
                "per_1000_homes": False,
                "housing_organisations": sorted(orgs[s] for s in ("AKB", "AAB", "VIBO") if s in orgs),
            },
            "baseline_value": Decimal(44),
            "baseline_year": 2015,
            "baseline_note": "3B's tal var ikke tilgængelige; kriteriet tæller AKB, AAB og VIBO",
            "target_kind": TargetKind.REDUCTION_BY_YEAR,
            "target_value": Decimal(20),
            "target_year": 2020,
        },
        {
            "code": "F3",
            "title": "Andelen af beboere, der føler sig utrygge i Valby og Kgs. Enghave, "
            "er under 10 % i 2020",
            "initiative": None,
            "data_source": "Københavns Kommunes tryghedsundersøgelse, som gennemføres hvert år",
            "metric": "district_statistic",
            "params": {
                "measure": "unsafe_share",
                "districts": sorted(districts[n] for n in ("Valby", "Kgs. Enghave") if n in districts),
                "combine": "max",
            },
            "baseline_value": Decimal(10),
            "baseline_year": 2016,
            "baseline_note": "2016: Valby 10 %, Kgs. Enghave 4 %, hele København 6 %",
            "reference_district": copenhagen,
            "reference_measure": "unsafe_share",
            "reference_label": "Hele København",
            "target_kind": TargetKind.BELOW_BY_YEAR,
            "target_value": Decimal(10),
            "target_year": 2020,
        },
        {
            "code": "A1",
            "title": "Den sociale vicevært går ind i 20 huslejerestancesager om året, "
            "når udsættelsen er berammet",
            "initiative": 1,
            "data_source": "Database for sociale viceværter (kategori: fogedudsættelser)",
            "metric": "cases_taken_on",
            "params": {"case_type": "eviction_prevention", "only_eviction_scheduled": True},
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(20),
        },
        {
            "code": "A2",
            "title": "Den sociale vicevært brobygger til forvaltninger, læge, skat m.fl. 40 gange om året",
            "initiative": 1,
            "data_source": "Database for sociale viceværter (kategorier: Ansøgninger, Kontakt til, Ydelser)",
            "metric": "case_entries",
            "params": {
                "kinds": ["bridge_building"],
                "bridge_categories": ["application", "benefit", "contact_to"],
                "case_type": "",
            },
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(40),
        },
        {
            "code": "A3",
            "title": "Ultimo 2017 er der formaliseret samarbejde med alle boligselskaber om restancer",
            "initiative": 1,
            "data_source": "Projektlederen registrerer",
            "metric": "milestone",
            "params": {"topic": MilestoneTopic.ARREARS_COOPERATION, "per_housing_organisation": True},
            "target_kind": TargetKind.DONE_BY_DATE,
            "target_date": d(2017, 12, 31),
        },
        {
            "code": "B1",
            "title": "Den sociale vicevært løser mindst 20 konfliktmæglinger/naboklagesager om året, inkl. "
            "opgangsmøder og infomøder, så de ikke ender som husordenssager",
            "initiative": 2,
            "data_source": "Database for sociale viceværter (kategori: naboklager)",
            "metric": "cases_closed_with_outcome",
            "params": {
                "case_type": "neighbour_conflict",
                "outcomes": ["resolved_mediation", "resolved_otherwise"],
            },
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(20),
        },
        {
            "code": "B2",
            "title": "I løbet af første halvår 2017 er der etableret samarbejde med alle boligselskabers "
            "juraafdelinger",
            "initiative": 2,
            "data_source": "Helhedsplanen registrerer",
            "metric": "milestone",
            "params": {"topic": MilestoneTopic.LEGAL_COOPERATION, "per_housing_organisation": True},
            "target_kind": TargetKind.DONE_BY_DATE,
            "target_date": d(2017, 6, 30),
        },
        *logbook_criteria(plan),
    ]


def logbook_criteria(plan: Plan) -> list[dict]:
    """C1–D4 on the logbook; filled in by the activities metrics (see metrics/activities.py)."""
    from .metrics import catalogue

    definitions = [
        {
            "code": "C1",
            "title": "Mindst 100 beboere deltager årligt i aktiviteter initieret af andre beboere",
            "initiative": 3,
            "metric": "activity_participants",
            "params": {"only_resident_initiated": True},
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(100),
        },
        {
            "code": "C2",
            "title": "Mindst 7 beboere gennemfører årligt et kursusforløb i at planlægge "
            "og udføre en projektidé",
            "initiative": 3,
            "metric": "course_graduates",
            "params": {},
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(7),
        },
        {
            "code": "C3",
            "title": "Mindst 2 af idéerne fra Naboskaber-kurset og workshops gennemføres med støtte fra "
            "helhedsplanens medarbejdere",
            "initiative": 3,
            "metric": "ideas_realised",
            "params": {"since": "period"},
            "target_kind": TargetKind.DONE_BY_DATE,
            "target_value": Decimal(2),
            "target_date": datetime.date(2020, 12, 31),
        },
        {
            "code": "D1",
            "title": "Der er i 2018 etableret mindst 2 børnebestyrelser i forskellige afdelinger eller på "
            "bydelsniveau",
            "initiative": 4,
            "metric": "children_boards",
            "params": {},
            "target_kind": TargetKind.DONE_BY_DATE,
            "target_value": Decimal(2),
            "target_date": datetime.date(2018, 12, 31),
        },
        {
            "code": "D2",
            "title": "15 børn har været aktive i hver af de to børnebestyrelser",
            "initiative": 4,
            "metric": "children_board_active",
            "params": {"boards_required": 2},
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(15),
        },
        {
            "code": "D3",
            "title": "De involverede børn har oplevet at have indflydelse på aktiviteter i deres boligområde",
            "initiative": 4,
            "data_source": "Helhedsplanen undersøger årligt",
            "metric": "children_influence_share",
            "params": {},
            "target_kind": TargetKind.AT_LEAST_PER_YEAR,
            "target_value": Decimal(75),
        },
        {
            "code": "D4",
            "title": "35 beboere deltager på beboermøder i 3B's afdelinger med børnebestyrelser ved "
            "helhedsplanens udløb",
            "initiative": 4,
            "data_source": "3B's årlige opgørelser",
            "metric": "resident_meeting_attendance",
            "params": {
                "only_with_children_board": True,
                "housing_organisations": [
                    str(pk)
                    for pk in HousingOrganisation.objects.filter(plan=plan, short_name="3B").values_list(
                        "pk", flat=True
                    )
                ],
            },
            "baseline_value": Decimal("25.6"),
            "baseline_year": 2015,
            "baseline_note": "Gennemsnitligt 25,6 deltagere pr. beboermøde i 2015",
            "target_kind": TargetKind.ABOVE_BY_YEAR,
            "target_value": Decimal(35),
            "target_year": 2020,
        },
    ]
    for definition in definitions:
        definition.setdefault("data_source", LOGBOOK)
        if definition["metric"] not in catalogue:
            definition["missing_metric"] = True
    return definitions


def seed_criteria(plan: Plan, copenhagen: District, today: datetime.date) -> int:
    """The seed agreement's success criteria for `plan` (idempotent); the number created."""
    focus_area = FocusArea.objects.filter(plan=plan, name="Tryghed og trivsel").first()
    if focus_area is None:
        return 0
    initiatives = {i.number: i for i in Initiative.objects.filter(focus_area=focus_area)}
    created = 0
    for position, definition in enumerate(criteria_definitions(plan, copenhagen), start=1):
        definition = dict(definition)
        if definition.pop("missing_metric", False):
            continue
        code, title = definition.pop("code"), definition.pop("title")
        initiative = initiatives.get(definition.pop("initiative"))
        criterion, new = SuccessCriterion.objects.get_or_create(
            plan=plan,
            code=code,
            defaults={
                "title": title,
                "focus_area": focus_area,
                "initiative": initiative,
                "data_source": definition.pop("data_source", ""),
                "position": position,
            },
        )
        definition.pop("data_source", None)
        created += new
        version = {"first_year": 2017, "last_year": 2020, **definition}
        CriterionVersion.objects.get_or_create(
            criterion=criterion, valid_from=datetime.date(2017, 1, 1), defaults=version
        )
        if today.year > 2020:
            # The demo plan is carried on to this year, so the dashboard has a year in progress.
            CriterionVersion.objects.get_or_create(
                criterion=criterion,
                valid_from=datetime.date(2021, 1, 1),
                defaults={
                    **version,
                    "last_year": today.year,
                    "note": "Helhedsplanen er forlænget; kriteriet videreføres uændret",
                },
            )
    return created
