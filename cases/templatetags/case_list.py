"""The plan-wide case list's rows and urgency badges, written out once per page.

(Its filter form's fields: helhedsplan/templatetags/form_fields.py.)
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from helhedsplan.formatting import whole_number
from helhedsplan.templatetags.form_fields import escaped as _text

register = template.Library()


def _badge(kind: str, text: str) -> str:
    return f'<span class="badge text-bg-{kind}">{text}</span>'


def urgency_badges(
    *, days_to_bailiff: int | None, follow_up_overdue: bool, follow_up: str, stale: bool
) -> str:
    """What templates/cases/includes/_urgency.html (with _bailiff_countdown.html) shows of an open case.

    `days_to_bailiff` is None without a bailiff's date; `follow_up` is the follow-up date as shown.
    """
    html = ""
    if days_to_bailiff is not None:
        days = days_to_bailiff
        if days < 0:
            passed = abs(days)
            text = ngettext(
                "Bailiff's date passed %(days)s day ago", "Bailiff's date passed %(days)s days ago", passed
            ) % {"days": _text(whole_number(passed))}
            badge = _badge("danger", text) + "\n  "
        elif days == 0:
            badge = _badge("danger", gettext("Bailiff's date is today")) + "\n  "
        else:
            text = ngettext(
                "%(days)s day to the bailiff's date", "%(days)s days to the bailiff's date", days
            ) % {"days": _text(whole_number(days))}
            badge = _badge("danger", text) + "\n  " if days < 7 else _badge("warning", text)
        html += f"\n  {badge}\n"
    html += "\n"
    if follow_up_overdue:
        html += _badge("warning", gettext("Follow-up overdue (%(date)s)") % {"date": _text(follow_up)})
    html += "\n"
    if stale:
        html += _badge("secondary", gettext("No entry for 30 days"))
    return mark_safe(html + "\n\n")  # noqa: S308 -- the values in it are escaped, the texts are ours


#: One row of the case list (templates/cases/case_list.html); every value is escaped before it goes in.
ROW = """
    <tr>
      <td><input class="form-check-input" type="checkbox" name="cases" value="{pk}" form="reassign-form" \
id="select-{pk}" aria-label="{select_label}"></td>
      <td class="stack-key"><a href="{url}">{number}</a> <span class="small">{type}</span></td>
      <td data-label="{residents_label}">{residents}</td>
      <td class="small" data-label="{department_label}">{department}</td>
      <td class="small" data-label="{caretakers_label}">{caretakers}</td>
      <td class="text-nowrap" data-label="{opened_label}">{opened}</td>
      <td class="stack-key" data-label="{status_label}">{status}</td>
      <td class="text-nowrap stack-key" data-label="{follow_up_label}">{next_follow_up}</td>
    </tr>
  """

_ROW_TEXTS = (
    "pk",
    "select_label",
    "url",
    "number",
    "type",
    "residents",
    "department",
    "caretakers",
    "opened",
    "next_follow_up",
)


@register.simple_tag
def case_rows(rows) -> str:
    """The list's rows (cases.views.lists.Row) in ROW's markup: one string format per row, no template
    variable lookups (fifty rows of a dozen values each were most of the page's template time)."""
    labels = {
        "residents_label": _text(gettext("Residents")),
        "department_label": _text(gettext("Department")),
        "caretakers_label": _text(gettext("Caretakers")),
        "opened_label": _text(gettext("Opened")),
        "status_label": _text(gettext("Status")),
        "follow_up_label": _text(gettext("Next follow-up")),
    }
    html = []
    for row in rows:
        texts = {name: _text(row[name]) for name in _ROW_TEXTS}
        if row["is_open"]:
            status = _text(row["urgency"])  # safe: the badges
        else:
            status = f'<span class="small">{_text(row["outcome"])} ({_text(row["closed"])})</span>'
        html.append(ROW.format(**texts, **labels, status=status))
    return mark_safe("".join(html))  # noqa: S308 -- every value in it is escaped


#: One card of the caseload (templates/cases/caseload.html); every value is escaped before it goes in.
CARD = """
<li class="list-group-item case-card">
  <div class="d-flex flex-wrap justify-content-between align-items-start gap-1">
    <a class="fw-semibold" href="{url}">{type} {number}</a>
    <div class="d-flex flex-wrap gap-1">{urgency}</div>
  </div>
  <div>{residents}</div>
  <div class="small text-body-secondary">
    {department}{summary}
  </div>
  <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mt-1">
    <div class="small">
      {dates}
    </div>
    <a class="btn btn-sm btn-outline-primary" href="{url}entries/new/">{log_entry}\
<span class="visually-hidden"> {number}</span></a>
  </div>
</li>
"""


@register.simple_tag
def case_cards(cases, everyone: bool) -> str:
    """The caseload's cards in CARD's markup, from what cases.views.lists._case_cards worked out: one
    string format per case instead of a dozen template tags (most of the page's template time)."""
    bailiff, follow_up, last_entry = gettext("Bailiff"), gettext("Follow-up"), gettext("Last entry")
    none, log_entry = gettext("none"), _text(gettext("Log entry"))
    erased = _badge("warning", _text(gettext("No resident on the case (erased on request)")))
    html = []
    for case in cases:
        residents = ", ".join(
            f'{_text(name)} <span class="text-body-secondary small">({_text(role)})</span>'
            for name, role in case.party_names
        )
        department = ""
        if case.department:
            department = _text(f"{case.department.housing_organisation.short_name} {case.department.name}")
        dates = ""
        if case.bailiff_date:
            dates += f"{_text(bailiff)}: {_text(case.bailiff_on)} · "
        if case.next_follow_up:
            dates += f"{_text(follow_up)}: {_text(case.follow_up_on)} · "
        dates += f"{_text(last_entry)}: {_text(case.last_entry_on if case.last_entry_at else none)}"
        if everyone:
            dates += f" · {_text(', '.join(case.responsible_names))}"
        html.append(
            CARD.format(
                url=_text(case.url),
                type=_text(case.get_case_type_display()),
                number=_text(case.number),
                urgency=case.urgency_badges,  # safe: the badges
                residents=residents or erased,
                department=department,
                summary=f" · {_text(case.summary)}" if case.summary else "",
                dates=dates,
                log_entry=log_entry,
            )
        )
    return mark_safe("".join(html))  # noqa: S308 -- every value in it is escaped
