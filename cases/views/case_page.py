"""The reads of a case's page, few and light: it is the page a caretaker opens most.

The case comes with its urgency; its entries come a page at a time with the case's entry counts,
the newest first (`?page=`), and `?entry=<id>` opens the page that holds that entry (the
entry's permalink, see `Entry.get_absolute_url`). Entries, consents, caretakers and the quick entry
form's partners are read as values (the page only shows them), each in one query.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Subquery, Sum, Window
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import ngettext

from helhedsplan.models import PartnerOrganisation, Plan

from ..models import BridgeCategory, Case, CaseParty, Consent, Entry, EntryKind
from ..selectors import with_urgency

#: Entries per page of a case's page; the newest page comes first.
ENTRIES_PER_PAGE = 25

KIND_LABELS = dict(EntryKind.choices)
BRIDGE_CATEGORY_LABELS = dict(BridgeCategory.choices)


def case_for_page(today: datetime.date) -> QuerySet:
    """Cases with their urgency, to fetch the page's one with get_in_plan (which narrows to the plan and
    the pk); `entry_page` counts its entries."""
    return with_urgency(Case.objects.all(), today).select_related("department__housing_organisation")


def responsible_names(case: Case) -> list[str]:
    """The case's caretakers by name."""
    users = (
        get_user_model()
        .objects.filter(responsible_cases=case)
        .order_by("first_name", "last_name")
        .values_list("first_name", "last_name", "username")
    )
    return [f"{first} {last}".strip() or username for first, last, username in users]


def parties_of(case: Case) -> list[CaseParty]:
    parties = CaseParty.objects.filter(case=case).select_related("resident")
    return list(parties.order_by("role", "resident__name"))


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


def entry_page(request, case: Case) -> Page:
    """The page of the case's entries that `?page=` asks for, or the one holding `?entry=`.

    The rows carry the case's counts (window aggregates over all its entries, so no query of their
    own): they are set on the case as `current_entries` and `minutes_total`. Each entry is a dict of
    what the page shows of it (see `_prepare`).
    """
    entries = Entry.objects.filter(case=case).order_by("-occurred_at", "-pk")
    rows = entries.values(*ENTRY_VALUES, correction_id=F("correction__pk")).annotate(
        **{name: Window(aggregate) for name, aggregate in _counts(entries).items()}
    )
    number = request.GET.get("page")
    wanted = request.GET.get("entry", "")
    if number is None and wanted.isdigit():
        number = _newer_than(case, int(wanted)) // ENTRIES_PER_PAGE + 1
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * ENTRIES_PER_PAGE
    shown = list(rows[start : start + ENTRIES_PER_PAGE])
    if shown:
        counts = {name: shown[0][name] for name in ("entries_total", "current_entries", "minutes_total")}
    else:
        counts = entries.aggregate(**_counts(entries))  # no entries, or a page past the last one
    case.current_entries, case.minutes_total = counts["current_entries"], counts["minutes_total"]
    paginator = Paginator(entries, ENTRIES_PER_PAGE)
    paginator.count = counts["entries_total"]
    if not shown and number > paginator.num_pages:
        number = paginator.num_pages
        start = (number - 1) * ENTRIES_PER_PAGE
        shown = list(rows[start : start + ENTRIES_PER_PAGE])
    page = paginator.page(number)
    page.object_list = shown
    _prepare(shown, case)
    return page


def _prepare(entries: list[dict], case: Case) -> None:
    """What the page shows of each entry, worked out once: labels, times (with the minutes spent and the
    residents present, in the words of the template's translations), author and links.

    An entry links to its correction and to its original; on another page, through its permalink.
    """
    shown = {entry["pk"] for entry in entries}
    correct = reverse("cases:entry_correct", kwargs={"plan_id": case.plan_id, "pk": case.pk, "entry_pk": 0})
    correct_prefix = correct[: -len("0/correct/")]

    def href(pk: int) -> str:
        return f"#entry-{pk}" if pk in shown else f"?entry={pk}#entry-{pk}"

    for entry in entries:
        pk = entry["pk"]
        entry["kind_label"] = str(KIND_LABELS.get(entry["kind"], entry["kind"]))
        entry["bridge_label"] = BRIDGE_CATEGORY_LABELS.get(entry["bridge_category"], entry["bridge_category"])
        entry["when"] = when = date_format(localtime(entry["occurred_at"]), "SHORT_DATETIME_FORMAT")
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
            entry["corrected_when"] = date_format(localtime(entry["created_at"]), "SHORT_DATETIME_FORMAT")
        entry["correct_url"] = f"{correct_prefix}{pk}/correct/"


@dataclass
class ValidConsent:
    pk: int
    resident_name: str
    expires_on: datetime.date | None
    withdrawn_on: datetime.date | None
    partner_names: list[str] = field(default_factory=list)


def valid_consents(parties: list[CaseParty], today: datetime.date) -> list[ValidConsent]:
    """The case's residents' consents valid today, with their partners' names (see consents_for_case)."""
    rows = (
        Consent.objects.valid_on(today)
        .filter(resident_id__in=[party.resident_id for party in parties])
        .order_by("resident__name", "-given_on", "-pk", "partners__name", "partners__pk")
        .values_list("pk", "resident__name", "expires_on", "withdrawn_on", "partners__name")
    )
    consents: dict[int, ValidConsent] = {}
    for pk, resident_name, expires_on, withdrawn_on, partner_name in rows:
        consent = consents.get(pk)
        if consent is None:
            consent = consents[pk] = ValidConsent(pk, resident_name, expires_on, withdrawn_on)
        if partner_name is not None:
            consent.partner_names.append(partner_name)
    return list(consents.values())


def partner_rows(plan: Plan) -> list[tuple]:
    """The plan's partners by name, each with its contact persons by name (or one row of None's)."""
    return list(
        PartnerOrganisation.objects.filter(plan=plan)
        .order_by("name", "pk", "contacts__name", "contacts__pk")
        .values_list("pk", "name", "contacts__pk", "contacts__name", "contacts__role")
    )
