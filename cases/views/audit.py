"""The audit trail of the cases pages: every request that shows or changes residents' data.

`AuditMiddleware` calls `default_event` after any cases view that recorded no
event itself: the object comes from the URL (a case or a resident), the action
from the request (a POST answered by a redirect changed something; anything
else showed the object). Lists, searches and exports call `audit_cases` /
`audit_residents` themselves with the ids they showed and the search terms.
"""

from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction

from ..models import CaseParty

#: URL names whose `pk` is a resident (the others' `pk` is a case).
RESIDENT_PAGES = ("cases:resident_", "cases:consent_")


def audit_cases(
    request, cases, *, action: str = AuditAction.LIST, search_terms: str = "", also_case_ids=()
) -> None:
    """A list of cases shown (or exported): their ids and their residents' ids (parties prefetched).

    `also_case_ids`: further cases the same page shows something of (tasks beside the caseload); their
    residents are looked up in one query, so the page still writes one event.
    """
    cases = list(cases)
    shown = {c.pk for c in cases}
    extra = sorted(set(also_case_ids) - shown)
    residents = [p.resident_id for c in cases for p in c.parties.all()]
    if extra:
        residents += list(CaseParty.objects.filter(case_id__in=extra).values_list("resident_id", flat=True))
    audit_log(
        request,
        action=action,
        object_type="case",
        object_ids=[*shown, *extra],
        resident_ids=residents,
        search_terms=search_terms,
    )


def audit_case_people(
    request, residents: dict[int, list[tuple]], *, action: str = AuditAction.LIST, search_terms: str = ""
) -> None:
    """Cases shown with the residents `selectors.case_people` read for them ({case id: [(resident id,
    name, role)]}): no look-up of its own."""
    audit_log(
        request,
        action=action,
        object_type="case",
        object_ids=list(residents),
        resident_ids=[resident for people in residents.values() for resident, _name, _role in people],
        search_terms=search_terms,
    )


def audit_case_ids(request, case_ids: list[int], *, action: str) -> None:
    """Cases changed together (bulk reassignment): their residents are looked up in one query."""
    residents = CaseParty.objects.filter(case_id__in=case_ids).values_list("resident_id", flat=True)
    audit_log(request, action=action, object_type="case", object_ids=case_ids, resident_ids=residents)


def audit_residents(request, residents, *, action: str = AuditAction.LIST, search_terms: str = "") -> None:
    ids = [r.pk for r in residents]
    audit_log(
        request,
        action=action,
        object_type="resident",
        object_ids=ids,
        resident_ids=ids,
        search_terms=search_terms,
    )


def _created(response) -> tuple[str, int] | None:
    """(object type, id) of what a successful POST redirected to, e.g. the new case or entry."""
    location = urlsplit(response.get("Location", ""))
    if location.fragment.startswith("entry-") and location.fragment[6:].isdigit():
        return "entry", int(location.fragment[6:])
    try:
        match = resolve(location.path)
    except Resolver404:
        return None
    if match.view_name in ("cases:case_detail", "cases:resident_detail"):
        return match.view_name.split(":")[1].split("_")[0], match.kwargs["pk"]
    return None


def default_event(request, response, kwargs: dict) -> None:
    """One event naming the records of the page: the entry on an entry's page, the new record after a
    successful POST, the resident of `?resident=` on the form opening a case for them."""
    view_name = request.resolver_match.view_name
    pk, entry_pk = kwargs.get("pk"), kwargs.get("entry_pk")
    object_type = "resident" if view_name.startswith(RESIDENT_PAGES) else "case"
    case_id = pk if object_type == "case" else None
    changed = request.method == "POST" and response.status_code in (301, 302, 303)
    created = _created(response) if changed else None
    if entry_pk:
        object_type, ids = "entry", [entry_pk]
        action = AuditAction.UPDATE if changed else AuditAction.VIEW
        if created and created[0] == "entry" and created[1] != entry_pk:
            ids.append(created[1])  # the correction
    elif created and (not pk or created[0] == "entry"):
        action, (object_type, created_id) = AuditAction.CREATE, created
        ids = [created_id]
    else:
        action = AuditAction.UPDATE if changed and pk else AuditAction.VIEW
        ids = [pk] if pk else []
        resident = request.GET.get("resident", "")
        if view_name == "cases:case_open" and not changed and resident.isdigit():
            object_type, ids = "resident", [int(resident)]
    if object_type == "resident":
        residents = ids
    elif case_id or (object_type == "case" and ids):
        cases = [case_id] if case_id else ids
        residents = CaseParty.objects.filter(case_id__in=cases).values_list("resident_id", flat=True)
    else:
        residents = []
    audit_log(request, action=action, object_type=object_type, object_ids=ids, resident_ids=residents)
