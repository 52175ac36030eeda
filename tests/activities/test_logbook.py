"""The logbook: every kind of entry in one list, filters, the month view, the CSV export, deleting."""

import datetime

import pytest

from activities import selectors
from activities.models import Activity, ActivityKind, ChildrenBoardMeeting, InitiatedBy
from tests import factories
from tests.export_readers import read_csv

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")
D = datetime.date


@pytest.fixture
def entries(world):
    """One entry of each kind in plan A (and one in plan B that must never show)."""
    plan = world.plan_a
    focus = factories.make_focus_area(plan)
    w = type("Entries", (), {})()
    w.course_line = factories.make_initiative(focus, number=3, name="Naboskab")
    w.boards_line = factories.make_initiative(focus, number=4, name="Børnebestyrelser")
    w.d3301 = factories.make_department(plan, org="3B", code="3301")
    w.d1201 = factories.make_department(plan, org="AKB", code="1201")
    w.kvarterhuset = factories.make_partner(plan, name="Kvarterhuset")
    w.sof = factories.make_partner(plan, name="SOF")
    w.flea = builders.activity(
        plan,
        title="Loppemarked",
        date=D(2018, 5, 5),
        residents=34,
        children=9,
        others=6,
        department=w.d3301,
        initiative=w.course_line,
    )
    w.flea.partners.set([w.kvarterhuset])
    w.dining = builders.activity(
        plan,
        title="Fællesspisning",
        date=D(2018, 5, 20),
        residents=23,
        initiated_by=InitiatedBy.STAFF,
        kind=builders.kind(plan, ActivityKind.Standard.COMMUNAL_DINING),
        department=w.d1201,
        place="Fælleshuset",
    )
    w.trip = builders.activity(
        plan,
        title="Sommerlejr",
        date=D(2018, 5, 30),
        end_date=D(2018, 6, 2),
        residents=15,
        kind=builders.kind(plan, ActivityKind.Standard.TRIP),
        place="Bornholm",
    )
    w.meeting = builders.resident_meeting(plan, w.d3301, date=D(2018, 5, 10), attendance=29)
    w.board = builders.board(
        plan, name="Børnebestyrelsen Händelsvej", departments=[w.d3301], established=D(2018, 1, 16)
    )
    w.board.initiative = w.boards_line
    w.board.save()
    w.board_meeting = builders.board_meeting(w.board, D(2018, 5, 15), children=11)
    w.network = builders.network(plan, name="Praksisnetværk")
    w.network_meeting = builders.network_meeting(w.network, D(2018, 5, 8), partners=[w.sof])
    w.cohort = builders.cohort(plan, name="Naboskaber 2018", start=D(2018, 2, 1), end=D(2018, 6, 1))
    w.cohort.initiative = w.course_line
    w.cohort.save()
    w.session = builders.session(w.cohort, date=D(2018, 5, 1), topic="Fra idé til aktivitet", attendees=9)
    builders.activity(world.plan_b, title="Fremmed aktivitet", date=D(2018, 5, 5))
    return w


def shown(client, plan, query=""):
    response = client.get(url("logbook", plan) + query)
    assert response.status_code == 200
    return [(e.type, e.title) for e in response.context["entries"]]


def test_the_logbook_lists_every_kind_of_entry_newest_first(as_worker, world, entries):
    assert shown(as_worker, world.plan_a) == [
        ("activity", "Sommerlejr"),
        ("activity", "Fællesspisning"),
        ("board_meeting", "Børnebestyrelsen Händelsvej"),
        ("resident_meeting", entries.d3301.name),
        ("network_meeting", "Praksisnetværk"),
        ("activity", "Loppemarked"),
        ("course_session", "Naboskaber 2018: Fra idé til aktivitet"),
    ]
    page = as_worker.get(url("logbook", world.plan_a)).content.decode()
    assert "Fremmed aktivitet" not in page
    assert "7 entries" in page


def test_each_entry_links_to_its_own_page(as_worker, world, entries):
    for entry in as_worker.get(url("logbook", world.plan_a)).context["entries"]:
        assert as_worker.get(entry.url).status_code == 200, entry


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?resident_initiated=yes", ["Sommerlejr", "Loppemarked"]),
        ("?resident_initiated=no", ["Fællesspisning"]),
        ("?kind={trip}", ["Sommerlejr"]),
        ("?initiative={course_line}", ["Loppemarked", "Naboskaber 2018: Fra idé til aktivitet"]),
        ("?initiative={boards_line}", ["Børnebestyrelsen Händelsvej"]),
        ("?department={d3301}", ["Børnebestyrelsen Händelsvej", "Händelsvej", "Loppemarked"]),
        ("?entry_type=resident_meeting", ["Händelsvej"]),
        ("?entry_type=network_meeting", ["Praksisnetværk"]),
        # A trip from 30 May to 2 June belongs to June too.
        ("?date_from=2018-05-21&date_to=2018-06-30", ["Sommerlejr"]),
        ("?date_from=2018-05-09&date_to=2018-05-15", ["Børnebestyrelsen Händelsvej", "Händelsvej"]),
        ("?date_to=2018-05-01", ["Naboskaber 2018: Fra idé til aktivitet"]),
        ("?entry_type=activity&department={d1201}&resident_initiated=no", ["Fællesspisning"]),
    ],
)
def test_the_filters(as_leader, world, entries, query, expected):
    entries.d3301.name = "Händelsvej"
    entries.d3301.save()
    ids = {
        "trip": entries.trip.kind_id,
        "course_line": entries.course_line.pk,
        "boards_line": entries.boards_line.pk,
        "d3301": entries.d3301.pk,
        "d1201": entries.d1201.pk,
    }
    assert [title for _type, title in shown(as_leader, world.plan_a, query.format(**ids))] == expected


def test_a_bad_filter_is_explained_not_a_crash(as_leader, world, entries):
    response = as_leader.get(
        url("logbook", world.plan_a) + "?date_from=2018-06-01&date_to=2018-05-01&kind=999999"
    )
    errors = response.context["filterset"].form.errors
    assert errors["date_to"] == ["The period cannot end before it starts."]
    assert "kind" in errors
    another_plans_kind = builders.kind(world.plan_b)
    response = as_leader.get(url("logbook", world.plan_a) + f"?kind={another_plans_kind.pk}")
    assert "kind" in response.context["filterset"].form.errors


def test_the_month_view(as_worker, world, entries):
    response = as_worker.get(url("month", world.plan_a) + "?month=2018-06")
    days = {
        day["date"]: [e.title for e in day["entries"]] for week in response.context["weeks"] for day in week
    }
    assert days[D(2018, 6, 1)] == ["Sommerlejr"] and days[D(2018, 6, 2)] == ["Sommerlejr"]
    assert days[D(2018, 6, 3)] == []
    assert response.context["weeks"][0][0]["date"].weekday() == 0  # weeks start on Monday
    may = as_worker.get(url("month", world.plan_a) + "?month=2018-05&resident_initiated=yes")
    assert may.context["entry_count"] == 2
    assert (may.context["previous"], may.context["following"]) == (D(2018, 4, 1), D(2018, 6, 1))
    # A broken month falls back to this month rather than failing.
    assert as_worker.get(url("month", world.plan_a) + "?month=2018-13").status_code == 200


def test_the_leader_exports_the_filtered_logbook_as_csv(as_leader, world, entries):
    rows = read_csv(
        as_leader.get(url("export_csv", world.plan_a) + "?entry_type=activity&resident_initiated=yes")
    )
    assert rows[0][:4] == ["Type", "Date", "Last day", "Title"]
    header = rows[0]
    flea = dict(zip(header, rows[2], strict=True))
    assert flea["Title"] == "Loppemarked" and flea["Date"] == "05-05-2018"
    assert (
        flea["Residents taking part"] == "34"
        and flea["Of whom children"] == "9"
        and flea["Others taking part"] == "6"
    )
    assert flea["Initiated by"] == "Residents" and flea["Kind"] == "Flea market"
    assert flea["Partner organisations"] == "Kvarterhuset"
    assert flea["Department or place"].startswith("3B 3301")
    assert [r[3] for r in rows[1:]] == ["Sommerlejr", "Loppemarked"]


def test_the_export_holds_every_kind_of_entry(as_leader, world, entries):
    rows = read_csv(as_leader.get(url("export_csv", world.plan_a)))
    assert len(rows) == 1 + 7
    network = next(r for r in rows if r[3] == "Praksisnetværk")
    assert network[0] == "Network meeting" and network[12] == "SOF"


def test_workers_cannot_export(as_worker, world):
    assert as_worker.get(url("export_csv", world.plan_a)).status_code == 403


def test_the_leader_deletes_an_entry_logged_twice(as_leader, as_worker, world, entries):
    delete = url("entry_delete", world.plan_a, entry_type="activity", pk=entries.flea.pk)
    assert as_worker.get(delete).status_code == 403
    assert as_worker.post(delete).status_code == 403
    assert "Loppemarked" in as_leader.get(delete).content.decode()  # asks first
    assert as_leader.post(delete)["Location"] == url("logbook", world.plan_a)
    assert not Activity.objects.filter(pk=entries.flea.pk).exists()
    delete = url("entry_delete", world.plan_a, entry_type="board_meeting", pk=entries.board_meeting.pk)
    assert as_leader.post(delete)["Location"] == entries.board.get_absolute_url()
    assert not ChildrenBoardMeeting.objects.exists()


def test_deleting_another_plans_entry_or_an_unknown_kind_is_a_404(as_leader, world, entries):
    foreign = Activity.objects.get(plan=world.plan_b)
    assert (
        as_leader.post(url("entry_delete", world.plan_a, entry_type="activity", pk=foreign.pk)).status_code
        == 404
    )
    assert Activity.objects.filter(pk=foreign.pk).exists()
    assert (
        as_leader.post(url("entry_delete", world.plan_a, entry_type="plan", pk=world.plan_a.pk)).status_code
        == 404
    )


def test_the_board_sees_no_logbook_page(as_board, world, entries):
    for name in (
        "logbook",
        "month",
        "activity_create",
        "cohort_list",
        "idea_list",
        "children_board_list",
        "resident_meeting_list",
        "network_list",
        "export_csv",
    ):
        assert as_board.get(url(name, world.plan_a)).status_code == 403, name


def grow(world, entries, n):
    """n more of each kind of entry."""
    plan = world.plan_a
    for i in range(n):
        day = D(2018, 1 + i % 12, 1 + i % 28)
        a = builders.activity(
            plan,
            title=f"Aktivitet {i}",
            date=day,
            residents=i,
            department=entries.d3301,
            initiative=entries.course_line,
        )
        a.partners.set([entries.kvarterhuset, entries.sof])
        builders.resident_meeting(
            plan, entries.d1201, date=D(2017, 1 + i % 12, 1 + i % 28) + datetime.timedelta(days=i // 336)
        )
        builders.network_meeting(
            entries.network, D(2019, 1, 1) + datetime.timedelta(days=i), partners=[entries.sof]
        )
        builders.session(
            entries.cohort, date=D(2018, 2, 1) + datetime.timedelta(days=i % 100), topic=f"Emne {i}"
        )


@pytest.mark.parametrize("extra", [0, 30])
def test_the_logbook_page_takes_the_same_queries_however_long_it_is(
    as_leader, world, entries, extra, django_assert_num_queries
):
    grow(world, entries, extra)
    as_leader.get(url("logbook", world.plan_a))  # the first visit stores the plan in the session
    # session, user, savepoint, membership (access layer); the page of the union with its total;
    # the filter form's kinds, initiatives and departments (one query); the yearly figures (one
    # query); the initiatives of the figures per initiative (the plan switcher's memberships are the
    # access layer's); release savepoint
    with django_assert_num_queries(9):
        response = as_leader.get(url("logbook", world.plan_a) + "?entry_type=&resident_initiated=")
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_the_worker_list_and_the_month_view_take_the_same_queries(
    as_worker, world, entries, extra, django_assert_num_queries
):
    grow(world, entries, extra)
    as_worker.get(url("logbook", world.plan_a))  # the first visit stores the plan in the session
    # session, user, savepoint, memberships (access layer and plan switcher); the page with its total;
    # kinds, initiatives and departments (one query); release
    with django_assert_num_queries(7):
        response = as_worker.get(url("logbook", world.plan_a))
    assert response.status_code == 200
    # session, user, savepoint, memberships (access layer and plan switcher); the month's entries;
    # kinds, initiatives and departments (one query); release
    with django_assert_num_queries(7):
        response = as_worker.get(url("month", world.plan_a) + "?month=2018-05")
    assert response.status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_the_export_takes_the_same_queries_however_long_it_is(
    as_leader, world, entries, extra, django_assert_num_queries
):
    grow(world, entries, extra)
    as_leader.get(url("logbook", world.plan_a))  # the first visit stores the plan in the session
    # session, user, savepoint, membership; the whole union; the plan's kinds, initiatives and
    # departments (named once, not joined per entry); partners of activities; partners of
    # network meetings; release savepoint
    with django_assert_num_queries(9):
        response = as_leader.get(url("export_csv", world.plan_a))
    assert response.status_code == 200
    rows = read_csv(response)
    assert len(rows) == 1 + 7 + 4 * extra


def test_the_union_is_one_query(world, entries, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(selectors.logbook_entries(plan=world.plan_a))
    assert len(rows) == 7


def test_filters_that_exclude_every_kind_of_entry_give_an_empty_logbook(as_leader, world, entries):
    for query in (
        "?entry_type=resident_meeting&resident_initiated=yes",
        "?entry_type=network_meeting&kind={}",
    ):
        query = query.format(entries.trip.kind_id)
        assert shown(as_leader, world.plan_a, query) == []
        assert as_leader.get(url("month", world.plan_a) + query + "&month=2018-05").status_code == 200
        assert len(read_csv(as_leader.get(url("export_csv", world.plan_a) + query))) == 1


@pytest.mark.parametrize("language", ["en", "da"])
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"entry_type": "activity", "date_from": "2018-01-01", "resident_initiated": "yes"},
        {"date_to": "31.02"},
    ],
)
def test_the_filters_are_marked_up_as_crispy_would(world, data, language):
    """The logbook's filters (helhedsplan/templatetags/form_fields.py) as crispy-forms writes them,
    blank, filled and with an error next to a field."""
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
    from django.http import QueryDict
    from django.utils import translation

    from activities.filters import LogbookFilter
    from helhedsplan.templatetags.form_fields import as_bootstrap_field

    ActivityKind.objects.create(plan=world.plan_a, name="Lektiecafé <&>")

    def normalised(html) -> str:
        return " ".join(str(html).replace(">", "> ").replace("<", " <").split())

    query = QueryDict(mutable=True)
    query.update(data)
    with translation.override(language):
        ours, theirs = (LogbookFilter(query, plan=world.plan_a).form for _ in range(2))
        for mine, crispy in zip(ours, theirs, strict=True):
            assert normalised(as_bootstrap_field(mine)) == normalised(as_crispy_field(crispy)), mine.name
        assert ours.errors == theirs.errors
