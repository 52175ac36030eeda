"""The pages the benchmark measures, each as the user who really opens it."""

import math

from django.db.models import Count, F
from django.db.models.functions import Abs
from django.urls import NoReverseMatch, reverse

from helhedsplan.views.paging import PAGE_SIZE

from .generate import World
from .measure import Page

DEEP_PAGE = 200

#: Throughput goals, as a share of the anonymous login page's requests per second in the same run:
#: the pages a caretaker opens all day at a third of Django's floor, the long lists at a fifth, the
#: dashboard (15 criteria over ten years) at a tenth.
GOALS = {"caseload": 0.3, "case": 0.3, "list": 0.2, "dashboard": 0.1}


def _url(name: str, **kwargs) -> str | None:
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None  # the app has not got that page (yet)


def pages(world: World) -> list[Page]:
    """Every measured page of the first generated plan (all plans are alike)."""
    pw = world.plans[0]
    plan_id = pw.plan.pk
    found: list[Page] = []

    def add(name, url, user, kind, note="", goal=None, reference=False):
        if url:
            found.append(
                Page(name=name, url=url, user=user, kind=kind, note=note, goal=goal, reference=reference)
            )

    caseload = _url("cases:caseload", plan_id=plan_id)
    if caseload:
        from cases.models import Case

        # The busiest caretaker's caseload: the most open cases.
        busiest = max(
            pw.workers,
            key=lambda u: Case.objects.filter(plan_id=plan_id, status="open", responsible=u).count(),
        )
        open_cases = Case.objects.filter(plan_id=plan_id, status="open", responsible=busiest).count()
        add("caseload", caseload, busiest, "list", f"{open_cases} open cases", GOALS["caseload"])

        all_cases = Case.objects.filter(plan_id=plan_id).count()
        closed = Case.objects.filter(plan_id=plan_id, status="closed").count()
        case_list = _url("cases:case_list", plan_id=plan_id)
        last = max(1, math.ceil(all_cases / PAGE_SIZE))
        last_closed = max(1, math.ceil(closed / PAGE_SIZE))
        deep, deep_closed = min(DEEP_PAGE, last), min(DEEP_PAGE, last_closed)
        add("case list, page 1", case_list, pw.leader, "list", f"{all_cases} cases", GOALS["list"])
        if deep > 1:
            add(
                f"case list, page {deep}",
                f"{case_list}?page={deep}",
                pw.leader,
                "list",
                f"of {last}",
                GOALS["list"],
            )
        add("case list filtered, page 1", f"{case_list}?status=closed", pw.leader, "list", f"{closed} closed")
        add(
            f"case list filtered, page {deep_closed}",
            f"{case_list}?status=closed&page={deep_closed}",
            pw.leader,
            "list",
            f"of {last_closed}",
        )

        # A typical case: the one whose number of entries is nearest the average (ten at every scale).
        typical = (
            Case.objects.filter(plan_id=plan_id)
            .exclude(pk=pw.heaviest_case)
            .annotate(n=Count("entries"))
            .order_by(Abs(F("n") - 10), "pk")
            .values_list("pk", "n")
            .first()
        )
        owner = pw.workers[0]
        if typical:
            add(
                "case page (typical)",
                _url("cases:case_detail", plan_id=plan_id, pk=typical[0]),
                owner,
                "case",
                f"{typical[1]} entries",
                GOALS["case"],
            )
        heaviest = (
            Case.objects.filter(pk=pw.heaviest_case).annotate(n=Count("entries")).values_list("n", flat=True)
        )
        add(
            "case page (longest)",
            _url("cases:case_detail", plan_id=plan_id, pk=pw.heaviest_case),
            owner,
            "case",
            f"{heaviest[0]} entries",
        )

    logbook = _url("activities:logbook", plan_id=plan_id)
    if logbook:
        from activities.models import Activity

        activities = Activity.objects.filter(plan_id=plan_id).count()
        in_plan = f"{activities} activities in the plan"
        add("logbook", logbook, pw.workers[0], "list", in_plan, GOALS["list"])
        # The project leader's logbook also shows the plan's yearly figures.
        add("logbook (project leader)", logbook, pw.leader, "list", in_plan, GOALS["list"])

    year = world.today.year - 1
    add(
        f"dashboard {year}",
        _url("reporting:dashboard_year", plan_id=plan_id, year=year),
        pw.leader,
        "dashboard",
        goal=GOALS["dashboard"],
    )

    # Not judged: pages whose work is Django's own, measured the same way. Their page/floor is what
    # Django's request handling, the middleware and the layout alone come to over a few cheap reads.
    add(
        "signed-in redirect (reference)",
        _url("home"),
        pw.workers[0],
        "list",
        "home to the plan: the session, the user and the memberships, no page",
        reference=True,
    )
    add(
        "Django's password change (reference)",
        _url("password_change"),
        pw.workers[0],
        "list",
        "Django's own view and form in this project's layout",
        reference=True,
    )

    note = getattr(pw, "status_note", None)
    if note:
        add("status note PDF", _url("notes:export_pdf", plan_id=plan_id, pk=note), pw.leader, "pdf")
    return found
