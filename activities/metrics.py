"""The success-criterion metrics on the logbook; registered in `ActivitiesConfig.ready()`.

Each counts with the logbook's own rules (`activities.models`: `Span`,
`ActivityQuerySet.by_residents`, `IdeaQuerySet.realised_q`,
`ResidentMeetingQuerySet.in_children_board_department`), the same code the
logbook's yearly totals call.
"""

import datetime
from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.metrics import (
    PERIOD,
    YEAR,
    Drilldown,
    JSONList,
    Link,
    Metric,
    Param,
    PerYearMetric,
    Rows,
    Slot,
    Warning,
    alone,
    catalogue,
)
from helhedsplan.models import HousingOrganisation

from .models import (
    Activity,
    ActivityQuerySet,
    ChildrenBoard,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseGraduate,
    Idea,
    IdeaQuerySet,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)

HUNDRED = Decimal(100)


def _short(day):
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _link(obj, text=None):
    return Link(text or str(obj), obj.get_absolute_url())


def _started_years(window):
    return [y for y in window.started_years if y <= window.as_of.year]


@catalogue.register
class ActivityParticipantsMetric(PerYearMetric):
    key = "activity_participants"
    label = _("Residents taking part in activities in a year")
    description = _(
        "The residents taking part in the logbook's neighbourhood activities in the year, optionally only "
        "activities initiated by residents."
    )
    params = [
        Param(
            "only_resident_initiated",
            _("only activities initiated by residents"),
            kind="bool",
            required=False,
        )
    ]

    def unit(self, params):
        return gettext("residents taking part")

    date_field = "date"

    def scope(self, window):
        return Activity.objects.filter(plan=window.plan)

    def condition(self, window):
        return ActivityQuerySet.by_residents() if window.param("only_resident_initiated") else Q()

    def aggregate(self, condition):
        return Sum("participants_residents", filter=condition)

    def records(self, window, year, *, viewer=None):
        activities = self.in_year(window, year).select_related("kind", "department").order_by("date", "pk")
        rows = [
            [
                _short(a.date),
                _link(a, a.title),
                a.get_initiated_by_display(),
                str(a.department) if a.department_id else a.place,
                a.participants_residents,
            ]
            for a in activities
        ]
        return Drilldown(
            columns=[
                gettext("Date"),
                gettext("Activity"),
                gettext("Initiated by"),
                gettext("Where"),
                gettext("Residents"),
            ],
            rows=rows,
            total=len(rows),
        )


@catalogue.register
class CourseGraduatesMetric(PerYearMetric):
    key = "course_graduates"
    label = _("Residents completing the course in a year")
    description = _("Residents who completed a cohort of the neighbour course in the year.")

    def unit(self, params):
        return gettext("residents")

    date_field = "completed_on"

    def scope(self, window):
        return CourseGraduate.objects.filter(cohort__plan=window.plan)

    def aggregate(self, condition):
        return Count("pk", filter=condition)

    def records(self, window, year, *, viewer=None):
        # By cohort: the figure is a count, the graduates' names stay on their certificates.
        cohorts = (
            self.in_year(window, year)
            .values("cohort", "cohort__name")
            .annotate(graduates=Count("pk"), last=Max("completed_on"))
            .order_by("last")
        )
        rows = [
            [
                Link(
                    c["cohort__name"], reverse("activities:cohort_detail", args=[window.plan.pk, c["cohort"]])
                ),
                _short(c["last"]),
                c["graduates"],
            ]
            for c in cohorts
        ]
        return Drilldown(
            columns=[gettext("Cohort"), gettext("Completed"), gettext("Residents")],
            rows=rows,
            total=sum(r[2] for r in rows),
        )


@catalogue.register
class IdeasRealisedMetric(PerYearMetric):
    key = "ideas_realised"
    label = _("Ideas realised with the plan's support")
    description = _(
        "Ideas from the course or workshops realised with the plan's support: in the year, or in the "
        "criterion's period up to the year's end."
    )
    params = [
        Param(
            "since",
            _("count"),
            choices=lambda plan: [(YEAR, _("in the year")), (PERIOD, _("in the period so far"))],
            required=False,
        )
    ]

    def unit(self, params):
        return gettext("ideas")

    date_field = "realised_on"

    def scope(self, window):
        return Idea.objects.filter(plan=window.plan)

    def condition(self, window):
        return IdeaQuerySet.realised_q()

    def aggregate(self, condition):
        return Count("pk", filter=condition)

    def since(self, window):
        return window.param("since", YEAR)

    def records(self, window, year, *, viewer=None):
        ideas = self.in_year(window, year)
        rows = [
            [_short(i.realised_on), _link(i, i.title), i.get_origin_display()]
            for i in ideas.order_by("realised_on")
        ]
        return Drilldown(
            columns=[gettext("Realised"), gettext("Idea"), gettext("Came from")], rows=rows, total=len(rows)
        )


@catalogue.register
class ChildrenBoardsMetric(Metric):
    key = "children_boards"
    label = _("Children's boards established by a date")
    description = _(
        "Children's boards existing at each year's end (or on the target date): established by then, "
        "and their last day, if any, not before it."
    )
    accumulates = False

    def unit(self, params):
        return gettext("children's boards")

    def queryset(self, window):
        return ChildrenBoard.objects.filter(plan=window.plan)

    def prepare(self, window, batch):
        # The boards existing on each year's last counted day (ChildrenBoard.span, the logbook's rule).
        # One aggregate for all years: the day is a slot, each year's last counted day.
        day = Slot(0, ChildrenBoard._meta.get_field("established_on"))
        asked = batch.ask_alike(
            self.queryset(window),
            Count("pk", filter=ChildrenBoard.span.on(day)),
            {y: (window.cutoff(y),) for y in window.started_years},
        )

        def figures():
            row = asked()
            result = dict.fromkeys(window.years)
            for y in window.started_years:
                result[y] = self.round(row[y], window.params)
            return result

        return figures

    def records(self, window, year, *, viewer=None):
        boards = self.queryset(window).existing_on(window.cutoff(year))
        rows = [
            [_link(b), _short(b.established_on), _short(b.ended_on)]
            for b in boards.order_by("established_on")
        ]
        return Drilldown(
            columns=[gettext("Children's board"), gettext("Established"), gettext("Ended")],
            rows=rows,
            total=len(rows),
        )


@catalogue.register
class ChildrenBoardActiveMetric(Metric):
    key = "children_board_active"
    label = _("Active children in each children's board")
    description = _(
        "The active children of the smallest board in the year: 15 in each board means at least 15 here. "
        "With fewer boards counted than required, the figure is 0."
    )
    accumulates = False
    params = [Param("boards_required", _("boards required"), kind="int", required=False)]

    def unit(self, params):
        return gettext("children (smallest board)")

    def queryset(self, window):
        return ChildrenBoardYear.objects.filter(board__plan=window.plan)

    def prepare(self, window, batch):
        years = _started_years(window)
        required = int(window.param("boards_required", 1))
        rows, by_year = Rows(self.queryset(window)), {y: {"year": y} for y in years}
        smallest_asked = rows.ask_alike(batch, lambda f: Min("active_children", filter=f), by_year)
        boards_asked = rows.ask_alike(batch, lambda f: Count("board", distinct=True, filter=f), by_year)

        def figures():
            smallest, boards = smallest_asked(), boards_asked()
            result = dict.fromkeys(window.years)
            for y in years:
                if boards[y]:  # a year with counts
                    figure = smallest[y] if boards[y] >= required else 0
                    result[y] = self.round(figure, window.params)
            return result

        return figures

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        asked = batch.ask(self.queryset(window), {"counted": Count("pk", filter=Q(year=year))})
        return lambda: self.counted_warnings(window, year, asked()["counted"])

    def counted_warnings(self, window, year, counted):
        required = int(window.param("boards_required", 1))
        if counted < required and window.as_of.year >= year:
            return [
                Warning(
                    gettext(
                        "Only %(counted)s of %(required)s children's boards have a count of active "
                        "children in %(year)s."
                    )
                    % {"counted": counted, "required": required, "year": year},
                    year,
                )
            ]
        return []

    def records(self, window, year, *, viewer=None):
        rows = [
            [_link(y.board), y.active_children]
            for y in self.queryset(window).filter(year=year).select_related("board").order_by("board__name")
        ]
        return Drilldown(
            columns=[gettext("Children's board"), gettext("Active children")], rows=rows, total=len(rows)
        )


@catalogue.register
class ChildrenInfluenceShareMetric(Metric):
    key = "children_influence_share"
    label = _("Share of children who felt they had influence")
    description = _(
        "From the yearly survey in the children's boards: children who felt they had influence, in per cent "
        "of the children asked."
    )
    accumulates = False

    def unit(self, params):
        return "%"

    def decimals(self, params):
        return 0

    def queryset(self, window):
        return ChildrenBoardSurvey.objects.filter(board__plan=window.plan)

    def prepare(self, window, batch):
        years = _started_years(window)
        rows, by_year = Rows(self.queryset(window)), {y: {"year": y} for y in years}
        asked_asked = rows.ask_alike(batch, lambda f: Sum("children_asked", filter=f), by_year)
        felt_asked = rows.ask_alike(batch, lambda f: Sum("children_felt_influence", filter=f), by_year)

        def figures():
            asked, felt = asked_asked(), felt_asked()
            result = dict.fromkeys(window.years)
            for y in years:
                if asked[y]:
                    result[y] = self.round(Decimal(felt[y]) * HUNDRED / Decimal(asked[y]), window.params)
            return result

        return figures

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        # The boards existing in the year without a survey; in the boards' own order.
        surveyed = ChildrenBoardSurvey.objects.filter(board=OuterRef("pk"), year=year)
        boards = ChildrenBoard.objects.filter(plan=window.plan)
        asked = batch.ask(
            boards,
            {
                "missing": JSONList(
                    "name",
                    ordering=["established_on", "name"],
                    filter=ChildrenBoard.span.in_year(year) & ~Exists(surveyed),
                )
            },
        )
        return lambda: self.missing_warnings(window, year, asked()["missing"] or [])

    def missing_warnings(self, window, year, missing):
        if missing and window.as_of.year > year:
            return [
                Warning(
                    gettext("No survey in %(year)s for %(boards)s.")
                    % {"year": year, "boards": ", ".join(missing)},
                    year,
                )
            ]
        return []

    def records(self, window, year, *, viewer=None):
        rows = [
            [_link(s.board), s.children_asked, s.children_felt_influence]
            for s in self.queryset(window).filter(year=year).select_related("board").order_by("board__name")
        ]
        return Drilldown(
            columns=[gettext("Children's board"), gettext("Children asked"), gettext("Felt influence")],
            rows=rows,
            total=len(rows),
        )


def _organisations(plan):
    return HousingOrganisation.objects.filter(plan=plan).values_list("pk", "short_name")


@catalogue.register
class ResidentMeetingAttendanceMetric(PerYearMetric):
    key = "resident_meeting_attendance"
    label = _("Average attendance at resident meetings")
    description = _(
        "Residents per resident meeting in the year, optionally only in departments with a children's "
        "board and of some housing organisations."
    )
    accumulates = False
    params = [
        Param(
            "only_with_children_board",
            _("only departments with a children's board"),
            kind="bool",
            required=False,
        ),
        Param(
            "housing_organisations",
            _("only these housing organisations"),
            kind="multichoice",
            choices=_organisations,
            required=False,
        ),
    ]

    def unit(self, params):
        return gettext("residents per meeting")

    def decimals(self, params):
        return 1

    def scope(self, window):
        return ResidentMeeting.objects.filter(plan=window.plan)

    def condition(self, window):
        condition = Q()
        if window.param("only_with_children_board"):
            condition &= ResidentMeeting.objects.in_children_board_department(window.plan)
        if window.param("housing_organisations"):
            organisations = [int(pk) for pk in window.param("housing_organisations")]
            condition &= Q(department__housing_organisation_id__in=organisations)
        return condition

    date_field = "date"
    empty = None

    def aggregate(self, condition):
        return Avg(Cast("attendance", FloatField()), filter=condition)

    def records(self, window, year, *, viewer=None):
        meetings = (
            self.in_year(window, year).select_related("department__housing_organisation").order_by("date")
        )
        rows = [[_short(m.date), _link(m, str(m.department)), m.attendance] for m in meetings]
        return Drilldown(
            columns=[gettext("Date"), gettext("Department"), gettext("Attendance")],
            rows=rows,
            total=len(rows),
        )


def _networks(plan):
    return Network.objects.filter(plan=plan).values_list("pk", "name")


@catalogue.register
class NetworkIntervalMetric(Metric):
    key = "network_interval"
    label = _("Longest time between network meetings")
    description = _(
        "The longest stretch in weeks without a meeting of a network (or of any of the plan's networks) in "
        "the year, up to its end or today; a target of at most N per year means a meeting at least every "
        "N weeks."
    )
    accumulates = False
    params = [
        Param(
            "network",
            _("network"),
            choices=_networks,
            required=False,
            help_text=_("Empty: the plan's active networks; the longest stretch of any of them counts."),
        )
    ]

    def unit(self, params):
        return gettext("weeks")

    def decimals(self, params):
        return 1

    def queryset(self, window):
        meetings = NetworkMeeting.objects.filter(network__plan=window.plan)
        if window.param("network"):
            return meetings.filter(network_id=int(window.param("network")))
        return meetings.filter(network__is_active=True)

    def values(self, window):
        result = dict.fromkeys(window.years)
        started = window.started_years
        if not started:
            return result
        previous = (
            NetworkMeeting.objects.filter(network=OuterRef("network"), date__lt=OuterRef("date"))
            .order_by("-date")
            .values("date")[:1]
        )
        gap = ExpressionWrapper(F("date") - F("previous"), output_field=DurationField())
        meetings = (
            self.queryset(window)
            .annotate(previous=Subquery(previous, output_field=DateField()))
            .annotate(gap=gap)
        )
        aggregates = {}
        for y in started:
            within = Q(date__gte=datetime.date(y, 1, 1), date__lte=window.cutoff(y))
            aggregates[f"gap{y}"] = Max("gap", filter=within)
            aggregates[f"last{y}"] = Max("date", filter=Q(date__lte=window.cutoff(y)))
        row = meetings.aggregate(**aggregates)
        for y in started:
            last = row[f"last{y}"]
            if last is None:
                continue  # no meeting yet: no figure
            # The stretch still open at the year's end (or today) counts as well.
            open_stretch = window.cutoff(y) - last
            longest = max(filter(None, [row[f"gap{y}"], open_stretch]))
            result[y] = self.round(Decimal(longest.days) / Decimal(7), window.params)
        return result

    def records(self, window, year, *, viewer=None):
        meetings = (
            self.queryset(window)
            .filter(date__gte=datetime.date(year, 1, 1), date__lte=window.cutoff(year))
            .select_related("network")
            .order_by("network__name", "date")
        )
        rows = [[_short(m.date), _link(m.network)] for m in meetings]
        return Drilldown(columns=[gettext("Date"), gettext("Network")], rows=rows, total=len(rows))
