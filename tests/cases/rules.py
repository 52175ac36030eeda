"""Access rules of the cases app.

Caretakers and the project leader reach every case page of their plan
(caretakers cover for each other); the plan-wide list, its export and
reassignment are the project leader's. Board members reach none of it.
"""

import datetime

from cases.models import EntryKind, Task
from tests import factories
from tests.rules import LEADER, TEAM, rule

from . import builders


def populate(w):
    for suffix, plan, worker in (("a", w.plan_a, w.worker_a), ("b", w.plan_b, w.worker_b)):
        resident = builders.make_resident(plan, worker, name=f"Rita Regel {suffix.upper()}")
        partner = factories.make_partner(plan)
        consent = builders.consent(resident, [partner], user=worker)
        case = builders.make_case(plan, worker, residents=[resident], today=datetime.date.today())
        other = builders.make_resident(plan, worker, name=f"Ole Regel {suffix.upper()}")
        party = case.parties.create(resident=other, role="complained_about")
        entry = builders.log(case, worker, kind=EntryKind.HOME_VISIT, today=datetime.date.today())
        task = Task.objects.create(case=case, text="Ring igen", due_on=datetime.date.today(), assignee=worker)
        for name, value in (
            ("resident", resident),
            ("consent", consent),
            ("case", case),
            ("party", party),
            ("entry", entry),
            ("task", task),
        ):
            setattr(w, f"{name}_{suffix}", value)


RULES = {
    "cases:caseload": rule(TEAM),
    "cases:case_list": rule([LEADER]),
    "cases:case_export": rule([LEADER]),
    "cases:case_export_xlsx": rule([LEADER]),
    "cases:case_bulk_reassign": rule([LEADER], status=405),
    "cases:case_open": rule(TEAM),
    "cases:bailiff_list": rule(TEAM),
    "cases:bailiff_list_act": rule(TEAM, status=405),
    "cases:case_detail": rule(TEAM, pk="case"),
    "cases:case_edit": rule(TEAM, pk="case"),
    "cases:case_close": rule(TEAM, pk="case"),
    "cases:case_reopen": rule(TEAM, pk="case"),
    "cases:case_reassign": rule([LEADER], pk="case"),
    "cases:case_history": rule(TEAM, pk="case"),
    "cases:party_add": rule(TEAM, pk="case"),
    "cases:party_remove": rule(TEAM, pk="case", party_pk="party"),
    "cases:entry_log": rule(TEAM, pk="case"),
    "cases:entry_correct": rule(TEAM, pk="case", entry_pk="entry"),
    "cases:task_list": rule(TEAM),
    "cases:task_create": rule(TEAM, pk="case"),
    # POST only in use; a GET leads back to the case's tasks.
    "cases:task_accept": rule(TEAM, status=302, pk="case"),
    "cases:task_toggle": rule(TEAM, status=302, pk="case", task_pk="task"),
    "cases:resident_list": rule(TEAM),
    "cases:resident_search": rule(TEAM, query="?q=Regel"),
    "cases:resident_create": rule(TEAM),
    "cases:resident_detail": rule(TEAM, pk="resident"),
    "cases:resident_edit": rule(TEAM, pk="resident"),
    "cases:resident_history": rule(TEAM, pk="resident"),
    "cases:consent_create": rule(TEAM, pk="resident"),
    "cases:consent_withdraw": rule(TEAM, pk="resident", consent_pk="consent"),
}
