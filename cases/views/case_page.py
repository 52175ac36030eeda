"""The reads of a case's page, few and light: it is the page a caretaker opens most.

The case comes with its urgency; its entries come a page at a time with the case's entry counts,
the newest first (`?page=`), and `?entry=<id>` opens the page that holds that entry (the
entry's permalink, see `Entry.get_absolute_url`). Entries, consents, caretakers and the quick entry
form's partners are read as values (the page only shows them); the residents come with their
consents valid today in one query.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, FilteredRelation, Q, QuerySet, Subquery, Sum, Window
from django.db.models.functions import DenseRank
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import get_format
from django.utils.timezone import get_current_timezone
from django.utils.translation import ngettext

from helhedsplan.models import PartnerOrganisation, Plan
from helhedsplan.statements import statement

from ..models import BridgeCategory, Case, CaseParty, Entry, EntryKind, PartyRole, Task
from ..selectors import with_urgency

#: Entries per page of a case's page; the newest page comes first.
ENTRIES_PER_PAGE = 25

KIND_LABELS = dict(EntryKind.choices)
BRIDGE_CATEGORY_LABELS = dict(BridgeCategory.choices)
ROLE_LABELS = dict(PartyRole.choices)


def case_for_page(today: datetime.date) -> QuerySet:
    """Cases with their urgency and department; `entry_page` counts its entries."""
    return with_urgency(Case.objects.all(), today).select_related("department__housing_organisation")


@statement()
def case_in_plan(plan_id: int, pk: int, today: datetime.date) -> QuerySet:
    """The page's case if it is the plan's (an empty list otherwise)."""
    return case_for_page(today).filter(plan=plan_id, pk=pk)


@statement()
def case_tasks(case_id: int) -> QuerySet:
    """The case's tasks with their assignees, in the tasks' order."""
    return Task.objects.filter(case=case_id).select_related("assignee")


@statement()
def _responsible(case_id: int) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(responsible_cases=case_id)
        .order_by("first_name", "last_name")
        .values_list("first_name", "last_name", "username")
    )


def responsible_names(case: Case) -> list[str]:
    """The case's caretakers by name."""
    return [f"{first} {last}".strip() or username for first, last, username in _responsible(case.pk)]


def _newer_than(case: Case, entry_id: int) -> int:
    """How many of the case's entries come before `entry_id` on its pages (0 when it is not the case's)."""
    occurred = Entry.objects.filter(case=case, pk=entry_id).values("occurred_at")
    return (
        Entry.objects.filter(case=case)
        .filter(Q(occurred_at__gt=Subquery(occurred)) | Q(occurred_at=Subquery(occurred), pk__gt=entry_id))
        .count()
    )


ENTRY_VALUES = (
    "pk",
    "occurred_at",
    "kind",
    "minutes",
    "residents_present",
    "note",
    "bridge_category",
    "concern_report",
    "concern_reason",
    "corrects_id",
    "superseded",
    "created_at",
    "author__first_name",
    "author__last_name",
    "author__username",
    "partner__name",
    "contact__name",
    "consent__given_on",
)


def _counts(entries: QuerySet) -> dict:
    current = Q(superseded=False)
    return {
        "entries_total": Count("pk"),
        "current_entries": Count("pk", filter=current),
        "minutes_total": Sum("minutes", filter=current),
    }


@statement()
def _entry_rows(case_id: int, start: int) -> QuerySet:
    """The case's entries from `start` to a page further, each with the case's counts."""
    entries = Entry.objects.filter(case=case_id).order_by("-occurred_at", "-pk")
    rows = entries.values(*ENTRY_VALUES, correction_id=F("correction__pk")).annotate(
        **{name: Window(aggregate) for name, aggregate in _counts(entries).items()}
    )
    return rows[start : start + ENTRIES_PER_PAGE]


def entry_page(request, case: Case) -> Page:
    """The page of the case's entries that `?page=` asks for, or the one holding `?entry=`.

    The rows carry the case's counts (window aggregates over all its entries, so no query of their
    own): they are set on the case as `current_entries` and `minutes_total`. Each entry is a dict of
    what the page shows of it (see `_prepare`).
    """
    entries = Entry.objects.filter(case=case).order_by("-occurred_at", "-pk")
    number = request.GET.get("page")
    wanted = request.GET.get("entry", "")
    if number is None and wanted.isdigit():
        number = _newer_than(case, int(wanted)) // ENTRIES_PER_PAGE + 1
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    shown = _entry_rows(case.pk, (number - 1) * ENTRIES_PER_PAGE)
    if shown:
        counts = {name: shown[0][name] for name in ("entries_total", "current_entries", "minutes_total")}
    else:
        counts = entries.aggregate(**_counts(entries))  # no entries, or a page past the last one
    case.current_entries, case.minutes_total = counts["current_entries"], counts["minutes_total"]
    paginator = Paginator(entries, ENTRIES_PER_PAGE)
    paginator.count = counts["entries_total"]
    if not shown and number > paginator.num_pages:
        number = paginator.num_pages
        shown = _entry_rows(case.pk, (number - 1) * ENTRIES_PER_PAGE)
    page = paginator.page(number)
    page.object_list = shown
    _prepare(shown, case)
    return page


def _prepare(entries: list[dict], case: Case) -> None:
    """What the page shows of each entry, worked out once per page rather than per template tag: labels,
    times (with the minutes spent and the residents present, in the words of the template
    translations) and links.

    An entry links to its correction and to its original; on another page, through its permalink.
    """
    shown = {entry["pk"] for entry in entries}
    correct = reverse("cases:entry_correct", kwargs={"plan_id": case.plan_id, "pk": case.pk, "entry_pk": 0})
    correct_prefix = correct[: -len("0/correct/")]
    zone = get_current_timezone()
    datetime_format = get_format("SHORT_DATETIME_FORMAT")

    def href(pk: int) -> str:
        return f"#entry-{pk}" if pk in shown else f"?entry={pk}#entry-{pk}"

    for entry in entries:
        pk = entry["pk"]
        entry["kind_label"] = str(KIND_LABELS.get(entry["kind"], entry["kind"]))
        entry["bridge_label"] = BRIDGE_CATEGORY_LABELS.get(entry["bridge_category"], entry["bridge_category"])
        entry["when"] = when = format_date(entry["occurred_at"].astimezone(zone), datetime_format)
        minutes, present = entry["minutes"], entry["residents_present"]
        if minutes:
            spent = ngettext("%(minutes)s minute", "%(minutes)s minutes", minutes)
            when += " · " + spent % {"minutes": minutes}
        if present is not None:
            when += " · " + ngettext("%(n)s resident present", "%(n)s residents present", present) % {
                "n": present
            }
        entry["when_and_how_long"] = when
        entry["author_name"] = (
            f"{entry['author__first_name']} {entry['author__last_name']}".strip() or entry["author__username"]
        )
        entry["correction_href"] = href(entry["correction_id"]) if entry["correction_id"] else ""
        entry["original_href"] = href(entry["corrects_id"]) if entry["corrects_id"] else ""
        if entry["corrects_id"]:
            entry["corrected_when"] = format_date(entry["created_at"].astimezone(zone), datetime_format)
        entry["correct_url"] = f"{correct_prefix}{pk}/correct/"


@dataclass
class ValidConsent:
    pk: int
    resident_name: str
    given_on: datetime.date
    expires_on: datetime.date | None
    withdrawn_on: datetime.date | None
    partner_names: list[str] = field(default_factory=list)
    name_rank: int = 0


def _valid(day: datetime.date, prefix: str) -> Q:
    """Consent.objects.valid_on as a condition on a relation (the join's condition)."""
    return Q(**{f"{prefix}given_on__lte": day}) & (
        (Q(**{f"{prefix}expires_on__isnull": True}) | Q(**{f"{prefix}expires_on__gte": day}))
        & (Q(**{f"{prefix}withdrawn_on__isnull": True}) | Q(**{f"{prefix}withdrawn_on__gt": day}))
    )


RESIDENT_FIELDS = ("name", "address", "phone", "target_group_economy", "target_group_vulnerable")
PARTY_VALUES = (
    "pk",
    "role",
    "resident_id",
    *(f"resident__{name}" for name in RESIDENT_FIELDS),
    "consent__pk",
    "consent__given_on",
    "consent__expires_on",
    "consent__withdrawn_on",
    "consent__partners__name",
)


@statement()
def _party_rows(case_id: int, today: datetime.date) -> QuerySet:
    return (
        CaseParty.objects.filter(case=case_id)
        .annotate(
            consent=FilteredRelation("resident__consents", condition=_valid(today, "resident__consents__")),
            name_rank=Window(DenseRank(), order_by=F("resident__name").asc()),
        )
        .order_by(
            "role",
            "resident__name",
            "pk",
            "-consent__given_on",
            "-consent__pk",
            "consent__partners__name",
            "consent__partners__pk",
        )
        .values(*PARTY_VALUES, "name_rank")
    )


def parties_and_consents(case: Case, today: datetime.date) -> tuple[list[dict], list[ValidConsent]]:
    """The case's residents by role and name, and their consents valid today with their partners'
    names (ordered as selectors.consents_for_case orders them: by resident name, newest first), in one
    query. Each party is a dict: pk, role, role_label, resident_id and resident (name, address, phone,
    target groups)."""
    rows = _party_rows(case.pk, today)
    parties: dict[int, dict] = {}
    consents: dict[int, ValidConsent] = {}
    for row in rows:
        if row["pk"] not in parties:
            parties[row["pk"]] = {
                "pk": row["pk"],
                "role": row["role"],
                "role_label": ROLE_LABELS.get(row["role"], row["role"]),
                "resident_id": row["resident_id"],
                "resident": {
                    name: row[f"resident__{name}"]
                    for name in (
                        "name",
                        "address",
                        "phone",
                        "target_group_economy",
                        "target_group_vulnerable",
                    )
                },
            }
        if row["consent__pk"] is None:
            continue
        consent = consents.get(row["consent__pk"])
        if consent is None:
            consent = consents[row["consent__pk"]] = ValidConsent(
                row["consent__pk"],
                row["resident__name"],
                row["consent__given_on"],
                row["consent__expires_on"],
                row["consent__withdrawn_on"],
                name_rank=row["name_rank"],
            )
            consent.partner_names = []
        if row["consent__partners__name"] is not None:
            consent.partner_names.append(row["consent__partners__name"])
    ordered = sorted(consents.values(), key=lambda c: (c.name_rank, -c.given_on.toordinal(), -c.pk))
    return list(parties.values()), ordered


def partner_rows(plan: Plan) -> list[tuple]:
    """The plan's partners by name, each with its contact persons by name (or one row of None's)."""
    return _partner_rows(plan.pk)


@statement()
def _partner_rows(plan_id: int) -> QuerySet:
    return (
        PartnerOrganisation.objects.filter(plan=plan_id)
        .order_by("name", "pk", "contacts__name", "contacts__pk")
        .values_list("pk", "name", "contacts__pk", "contacts__name", "contacts__role")
    )
