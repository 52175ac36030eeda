"""The yearly figures the agreement's success criteria are computed from, against hand arithmetic."""

import datetime
import pathlib

import pytest

from activities import selectors
from activities.models import IdeaStatus, InitiatedBy
from tests import factories
from tests.markup import squeezed

from . import builders
from .conftest import url

D = datetime.date


@pytest.fixture
def logbook(world):
    """Two years of a small logbook in plan A, and noise in plan B that must never count."""
    plan = world.plan_a
    focus = factories.make_focus_area(plan)
    course_line = factories.make_initiative(focus, number=3, name="Naboskab")
    boards_line = factories.make_initiative(focus, number=4, name="Børnebestyrelser")
    d3301 = factories.make_department(plan, org="3B", code="3301")
    d3302 = factories.make_department(plan, org="3B", code="3302")
    d3303 = factories.make_department(plan, org="3B", code="3303")

    # Activities 2018: resident-initiated 30 + 25 (+ a 2-day one starting 31 Dec 2018: 12) = 67,
    # staff-initiated 40 (does not count), partner-initiated 9 (does not count).
    builders.activity(
        plan, date=D(2018, 3, 1), residents=30, children=10, others=5, volunteers=3, initiative=course_line
    )
    builders.activity(
        plan, date=D(2018, 6, 1), residents=25, children=5, others=0, volunteers=2, initiative=course_line
    )
    builders.activity(plan, date=D(2018, 12, 31), end_date=D(2019, 1, 1), residents=12, children=2, others=1)
    builders.activity(
        plan,
        date=D(2018, 8, 1),
        residents=40,
        children=20,
        others=10,
        initiated_by=InitiatedBy.STAFF,
        initiative=boards_line,
    )
    builders.activity(plan, date=D(2018, 9, 1), residents=9, initiated_by=InitiatedBy.PARTNER)
    # 2019: resident-initiated 101.
    builders.activity(plan, date=D(2019, 1, 1), residents=101, children=30, others=7, initiative=course_line)

    # Course: 2018 cohort with 3 graduates (one completed late, in 2019), 2019 cohort with 2.
    c18 = builders.cohort(plan, name="Naboskaber 2018", start=D(2018, 2, 1), end=D(2018, 5, 1))
    builders.session(c18, date=D(2018, 2, 1))
    builders.session(c18, date=D(2018, 3, 1), topic="Idéer")
    for name in ("Åse", "Bjørk"):
        builders.graduate(c18, name)
    builders.graduate(c18, "Kåre", completed_on=D(2019, 1, 15))
    c19 = builders.cohort(plan, name="Naboskaber 2019", start=D(2019, 2, 1), end=D(2019, 5, 1))
    for name in ("Søren", "Ærling"):
        builders.graduate(c19, name)

    # Ideas: realised 2018 ×2, realised 2019 ×1, one being planned, one dropped.
    builders.idea(
        plan, title="A", status=IdeaStatus.REALISED, realised_on=D(2018, 5, 12), proposed_on=D(2018, 4, 1)
    )
    builders.idea(
        plan, title="B", status=IdeaStatus.REALISED, realised_on=D(2018, 6, 9), proposed_on=D(2017, 10, 4)
    )
    builders.idea(
        plan, title="C", status=IdeaStatus.REALISED, realised_on=D(2019, 8, 24), proposed_on=D(2019, 4, 1)
    )
    builders.idea(plan, title="D", status=IdeaStatus.PLANNING, proposed_on=D(2018, 4, 1))
    builders.idea(plan, title="E", status=IdeaStatus.DROPPED, proposed_on=D(2018, 4, 1))

    # Children's boards: one in 3301 from Jan 2018, one in 3302 from Feb 2018, a district board that
    # ran only in 2017 (ended 30 Nov 2017).
    b1 = builders.board(plan, name="B1", established=D(2018, 1, 16), departments=[d3301])
    b2 = builders.board(plan, name="B2", established=D(2018, 2, 6), departments=[d3302])
    builders.board(plan, name="Old", established=D(2017, 3, 1), ended=D(2017, 11, 30))
    for month in (1, 2, 3):
        builders.board_meeting(b1, D(2018, month, 20), children=10)
    builders.board_meeting(b2, D(2018, 2, 20), children=8)
    builders.board_year(b1, 2018, 12)
    builders.board_year(b2, 2018, 16)
    builders.board_year(b1, 2019, 15)
    builders.survey(b1, 2018, asked=12, felt=9)
    builders.survey(b2, 2018, asked=16, felt=12)

    # Resident meetings 2018: 3301: 26 and 30, 3302: 31, 3303 (no board): 40.
    builders.resident_meeting(plan, d3301, date=D(2018, 3, 1), attendance=26)
    builders.resident_meeting(plan, d3301, date=D(2018, 9, 1), attendance=30)
    builders.resident_meeting(plan, d3302, date=D(2018, 9, 2), attendance=31)
    builders.resident_meeting(plan, d3303, date=D(2018, 9, 3), attendance=40)

    network = builders.network(plan)
    for day in (D(2018, 1, 9), D(2018, 3, 6), D(2019, 1, 8)):
        builders.network_meeting(network, day)

    # Plan B: the same kinds of records, which must not leak into plan A's figures.
    other = world.plan_b
    builders.activity(other, date=D(2018, 3, 1), residents=500)
    builders.graduate(builders.cohort(other), "Anden Plan")
    builders.idea(other, title="X", status=IdeaStatus.REALISED, realised_on=D(2018, 5, 1))
    ob = builders.board(other, departments=[factories.make_department(other)])
    builders.board_year(ob, 2018, 99)
    builders.resident_meeting(other, date=D(2018, 9, 1), attendance=500)
    return plan


def test_2018_figures_worked_out_by_hand(logbook):
    t = selectors.yearly_totals(logbook, 2018)
    assert t.activities == 5
    assert t.participants_residents == 30 + 25 + 12 + 40 + 9  # 116
    assert t.participants_children == 10 + 5 + 2 + 20 + 0  # 37
    assert t.participants_others == 5 + 0 + 1 + 10 + 0  # 16
    assert t.volunteers == 3 + 2  # 5
    assert t.resident_initiated_activities == 3
    # C1: residents in resident-initiated activities, by first day: 30 + 25 + 12.
    assert t.resident_initiated_participants == 67
    assert t.cohorts_started == 1 and t.course_sessions == 2
    # C2: Åse and Bjørk completed 1 May 2018; Kåre completed in January 2019.
    assert t.graduates == 2
    # C3: ideas A and B.
    assert t.ideas_realised == 2
    assert t.ideas_proposed == 3  # A, D and E (B was proposed in 2017, C in 2019)
    # D1: B1 and B2 at the end of 2018; the old board ended in 2017.
    assert t.children_boards_at_year_end == 2 and t.children_boards_active == 2
    assert t.children_board_meetings == 4
    # D2: 12 + 16, the smaller board has 12.
    assert (t.active_children, t.boards_reporting_children, t.fewest_active_children) == (28, 2, 12)
    # D3: (9 + 12) / (12 + 16) = 21 / 28 = 0.75.
    assert (t.survey_children_felt_influence, t.survey_children_asked) == (21, 28)
    assert t.felt_influence_share == 0.75
    # All resident meetings: (26 + 30 + 31 + 40) / 4 = 31.75 → 31.8.
    assert t.resident_meetings == 4 and t.resident_meeting_attendance_avg == 31.8
    # D4: only departments with a children's board: (26 + 30 + 31) / 3 = 29.0.
    assert t.board_department_meetings == 3 and t.board_department_attendance_avg == 29.0
    assert t.network_meetings == 2


def test_2019_and_2017_figures(logbook):
    totals = selectors.totals_by_year(logbook, [2017, 2019])
    t19 = totals[2019]
    assert t19.resident_initiated_participants == 101  # C1 met (≥ 100)
    assert t19.graduates == 1 + 2  # Kåre (late) + Søren and Ærling
    assert t19.ideas_realised == 1
    assert (t19.active_children, t19.fewest_active_children) == (15, 15)  # B2 reported nothing for 2019
    assert t19.felt_influence_share is None  # no survey
    assert t19.resident_meeting_attendance_avg is None and t19.board_department_attendance_avg is None
    assert t19.children_boards_at_year_end == 2
    t17 = totals[2017]
    # The old board existed during 2017 but had ended by 31 December.
    assert (t17.children_boards_active, t17.children_boards_at_year_end) == (1, 0)
    assert t17.activities == 0 and t17.resident_initiated_participants == 0


def test_boards_established_by_a_date(logbook):
    names = lambda day: sorted(b.name for b in selectors.children_boards_existing_on(logbook, day))  # noqa: E731
    assert names(D(2017, 6, 1)) == ["Old"]
    assert names(D(2018, 1, 31)) == ["B1"]
    assert names(D(2018, 12, 31)) == ["B1", "B2"]


def test_active_children_per_board(logbook):
    rows = selectors.active_children_by_board(logbook, 2018)
    assert [(r.board.name, r.active_children) for r in rows] == [("B1", 12), ("B2", 16)]


def test_activities_per_initiative(logbook):
    rows = {
        str(r.initiative) if r.initiative else None: r.by_year
        for r in selectors.activity_totals_by_initiative(logbook, [2018, 2019])
    }
    naboskab = rows["3. Naboskab"]
    assert (
        naboskab[2018]["activities"],
        naboskab[2018]["participants"],
        naboskab[2018]["resident_initiated_participants"],
    ) == (2, 30 + 5 + 25, 30 + 25)
    assert naboskab[2019]["activities"] == 1 and naboskab[2019]["participants"] == 101 + 7
    boards = rows["4. Børnebestyrelser"]
    assert (
        boards[2018]["activities"],
        boards[2018]["participants"],
        boards[2018]["resident_initiated_participants"],
    ) == (1, 50, 0)
    # Activities without an initiative get their own row: the 31 Dec one and the partner's.
    assert rows[None][2018]["activities"] == 2 and rows[None][2018]["participants"] == 12 + 1 + 9
    # The cells follow the table's columns: the years in order, whichever have activities.
    assert all(list(by_year) == [2018, 2019] for by_year in rows.values())


def test_the_leader_sees_the_totals_on_the_logbook_page(as_leader, as_worker, logbook, settings):
    settings.LANGUAGE_CODE = "en"
    response = as_leader.get(url("logbook", logbook))
    totals = {t.year: t for t in response.context["totals"]}
    assert list(totals) == [2017, 2018, 2019, 2020]  # the plan's years (2017–2020)
    assert totals[2018].resident_initiated_participants == 67
    assert "Residents taking part in activities initiated by residents" in response.content.decode()
    # Workers log and read the logbook; the totals are the leader's.
    worker_page = as_worker.get(url("logbook", logbook))
    assert "totals" not in worker_page.context
    assert "Yearly totals" not in worker_page.content.decode()


def test_the_activities_per_initiative_read_in_words_in_both_languages(as_leader, logbook, settings):
    import re

    def cells(html, initiative):
        row = re.search(rf"<th scope=\"row\">{re.escape(initiative)}</th>(.*?)</tr>", html, re.S).group(1)
        return [
            " ".join(re.sub(r"<[^>]+>", " ", td).split())
            for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]

    settings.LANGUAGE_CODE = "en"
    html = as_leader.get(url("logbook", logbook)).content.decode()
    # 2017–2020: none, two activities, one, none
    assert cells(html, "3. Naboskab") == [
        "–",
        "2 activities 60 taking part, 55 in activities by residents",
        "1 activity 108 taking part, 101 in activities by residents",
        "–",
    ]
    assert cells(html, "4. Børnebestyrelser")[1] == "1 activity 50 taking part"
    html = as_leader.get(url("logbook", logbook), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert cells(html, "3. Naboskab")[1:3] == [
        "2 aktiviteter 60 deltagere, 55 i aktiviteter igangsat af beboere",
        "1 aktivitet 108 deltagere, 101 i aktiviteter igangsat af beboere",
    ]


def test_the_yearly_totals_table_reads_as_localized_numbers(as_leader, logbook, settings):
    """Whole numbers as they are (or with the thousand separator, if one is set), averages with the
    language's decimal mark."""
    import re

    def row(html, label):
        cells = re.search(rf"<th scope=\"row\"[^>]*>{re.escape(label)}</th>(.*?)</tr>", html, re.S).group(1)
        return [
            " ".join(re.sub(r"<[^>]+>", " ", td).split())
            for td in re.findall(r"<td[^>]*>(.*?)</td>", cells, re.S)
        ]

    da = as_leader.get(url("logbook", logbook), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert row(da, "Gennemsnitligt fremmøde til beboermøder")[1] == "31,8"  # 2018: 31.75
    assert row(da, "Gennemsnitligt fremmøde i afdelinger med børnebestyrelse")[1:3] == ["29,0", "–"]
    assert row(da, "Aktive børn (alle bestyrelser)")[1] == "28 færrest i én bestyrelse: 12"
    assert row(da, "Beboere, der deltog i aktiviteter, som beboere tog initiativ til")[1:3] == ["67", "101"]
    settings.USE_THOUSAND_SEPARATOR = True
    builders.activity(
        logbook, date=datetime.date(2018, 6, 1), residents=1234, initiated_by=InitiatedBy.RESIDENTS
    )
    da = as_leader.get(url("logbook", logbook), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert row(da, "Beboere, der deltog i aktiviteter, som beboere tog initiativ til")[1] == "1.301"
    cells = [
        row.by_year[2018]["resident_initiated_participants"]
        for row in selectors.activity_totals_by_initiative(logbook, [2018])
    ]
    big = max(cells)
    assert big > 1234
    assert f"{big:,}".replace(",", ".") + " i aktiviteter igangsat af beboere" in da


#: The yearly totals' rows as the template wrote them before `totals_rows` wrote them in Python.
TOTALS_AS_TEMPLATE = pathlib.Path(__file__).parent / "reference" / "totals_rows.html"


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("separator", [False, True])
def test_the_totals_rows_read_as_the_template_wrote_them(logbook, language, separator, settings):

    from django.template import Context, Template
    from django.utils import translation

    from activities.templatetags.logbook_tags import totals_rows

    settings.USE_THOUSAND_SEPARATOR = separator
    builders.activity(
        logbook, date=datetime.date(2019, 6, 1), residents=4321, initiated_by=InitiatedBy.RESIDENTS
    )
    totals = selectors.logbook_figures(logbook, [2016, 2017, 2018, 2019, 2020])[0]
    with translation.override(language):
        written = totals_rows(totals)
        expected = Template(TOTALS_AS_TEMPLATE.read_text()).render(Context({"totals": totals}))
    # the same text: the tag escapes an apostrophe in a label, {% translate %} leaves it as it is
    assert squeezed(written) == squeezed(expected)
    shown = {False: "4422", True: {"da": "4.422", "en": "4,422"}[language]}[separator]
    assert f'<td class="text-end">{shown}</td>' in written  # residents taking part in 2019: 4,321 + 101


#: The activities per initiative as the template wrote them before `initiative_rows` wrote them in Python.
INITIATIVE_ROWS_AS_TEMPLATE = pathlib.Path(__file__).parent / "reference" / "initiative_rows.html"


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize("separator", [False, True])
def test_the_initiative_rows_read_as_the_template_wrote_them(logbook, language, separator, settings):

    from django.template import Context, Template
    from django.utils import translation

    from activities.templatetags.logbook_tags import initiative_rows

    settings.USE_THOUSAND_SEPARATOR = separator
    awkward = factories.make_initiative(
        factories.make_focus_area(logbook, "Børn & unge"), number=7, name="Leg & læring <i> \"ude\" og 'inde'"
    )
    builders.activity(logbook, date=D(2019, 6, 1), residents=4321, initiative=awkward)
    builders.activity(
        logbook, date=D(2019, 7, 1), residents=1, initiated_by=InitiatedBy.STAFF, initiative=awkward
    )
    builders.activity(
        logbook, date=D(2020, 2, 1), residents=1, initiated_by=InitiatedBy.STAFF, initiative=awkward
    )
    rows = selectors.logbook_figures(logbook, [2016, 2017, 2018, 2019, 2020])[1]
    assert rows[-1].initiative is None  # activities with no initiative get a row of their own
    with translation.override(language):
        written = initiative_rows(rows)
        expected = Template(INITIATIVE_ROWS_AS_TEMPLATE.read_text()).render(Context({"by_initiative": rows}))
    assert squeezed(written) == squeezed(expected)
    assert "&lt;i&gt;" in written and "<i>" not in written
    shown = {False: "4322", True: {"da": "4.322", "en": "4,322"}[language]}[separator]
    assert f">{shown} " in written  # 2019 under the awkward initiative: 4,321 + 1 taking part


@pytest.mark.parametrize("scale", [1, 6])
def test_totals_take_one_query_however_many_entries(logbook, world, scale, django_assert_num_queries):
    for n in range(scale * 5):
        builders.activity(world.plan_a, date=D(2018, 1 + n % 12, 1 + n % 28), residents=n)
        builders.resident_meeting(world.plan_a, date=D(2019, 1 + n % 12, 1 + n % 28), attendance=n)
    # activities, cohorts, sessions, graduates, ideas, boards, active children, surveys,
    # resident meetings (with the board departments as a subquery), network meetings: one UNION
    with django_assert_num_queries(1):
        selectors.totals_by_year(world.plan_a, [2017, 2018, 2019, 2020])
