"""Template tags of the logbook's pages."""

import functools

from django import template
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from helhedsplan.formatting import whole_number
from helhedsplan.templatetags.form_fields import escaped

register = template.Library()

#: One entry of the logbook's list (templates/activities/includes/_entries.html). Written out here:
#: rendering fifty of them through template tags cost more than the rest of the page.
_ENTRY = """
  <li class="list-group-item">
    <div class="row g-1 align-items-start">
      <div class="col-12 col-md-2 small text-body-secondary">{when}</div>
      <div class="col-12 col-md">
        <span class="entry-type badge {badge_class}">{badge}</span>
        {by_residents}
        <a class="d-block fw-semibold" href="{url}">{heading}</a>
        {where}
      </div>
      <div class="col-12 col-md-auto text-md-end small">
        {figures}
      </div>
    </div>
  </li>
"""


@register.simple_tag
def logbook_entries(entries):
    """The entries as items of the logbook's list, or that there are none."""
    if not entries:
        return format_html('\n  <li class="list-group-item text-body-secondary">{}</li>\n', _("No entries."))
    by_residents = format_html('<span class="entry-type badge text-bg-success">{}</span>', _("By residents"))
    items = "".join(_ENTRY.format(**_entry_parts(e, by_residents)) for e in entries)
    return SafeString(items)  # every value in it is escaped (escaped)


def _entry_parts(e, by_residents) -> dict:
    if e.type == "activity":
        figures = f"<span>{escaped(e.residents_text)}</span>"
        if e.children:
            figures += f'<span class="text-body-secondary">, {escaped(e.children_text)}</span>'
        if e.others:
            figures += f'<span class="text-body-secondary"> + {escaped(e.others_text)}</span>'
    else:
        figures = escaped(e.residents_text)
    where = (
        f'<div class="small text-body-secondary text-truncate">{escaped(e.where)}</div>' if e.where else ""
    )
    return {
        "when": escaped(e.when),
        "badge_class": "text-bg-primary" if e.type == "activity" else "text-bg-secondary",
        "badge": escaped(e.badge),
        "by_residents": by_residents if e.initiated_by_residents else "",
        "url": escaped(e.url),
        "heading": escaped(e.heading),
        "where": where,
        "figures": f"\n          {figures}\n        ",
    }


#: The yearly totals' rows (templates/activities/includes/_totals.html): groups of (label, figure,
#: whether a success criterion is computed from it). A figure is a YearTotals field, or one of
#: `_SPECIAL_CELLS`.
TOTALS_ROWS = (
    (
        gettext_lazy("Neighbourhood activities"),
        (
            (gettext_lazy("Activities logged"), "activities", False),
            (gettext_lazy("Residents taking part (all activities)"), "participants_residents", False),
            (
                gettext_lazy("Residents taking part in activities initiated by residents"),
                "resident_initiated_participants",
                True,
            ),
        ),
    ),
    (
        gettext_lazy("The neighbour course and ideas"),
        (
            (gettext_lazy("Course cohorts started"), "cohorts_started", False),
            (gettext_lazy("Residents who completed the course"), "graduates", True),
            (gettext_lazy("Ideas proposed"), "ideas_proposed", False),
            (gettext_lazy("Ideas realised with the plan's support"), "ideas_realised", True),
        ),
    ),
    (
        gettext_lazy("Children's boards"),
        (
            (gettext_lazy("Children's boards at the end of the year"), "children_boards_at_year_end", True),
            (gettext_lazy("Board meetings held"), "children_board_meetings", False),
            (gettext_lazy("Active children (all boards)"), "active_children", True),
            (gettext_lazy("Children who felt they had influence"), "felt_influence", True),
        ),
    ),
    (
        gettext_lazy("Meetings"),
        (
            (gettext_lazy("Resident meetings"), "resident_meetings", False),
            (
                gettext_lazy("Average attendance at resident meetings"),
                "resident_meeting_attendance_avg",
                False,
            ),
            (
                gettext_lazy("Average attendance in departments with a children's board"),
                "board_department_attendance_avg",
                True,
            ),
            (gettext_lazy("Network meetings"), "network_meetings", False),
        ),
    ),
)

_NOTE = '<div class="small fw-normal text-body-secondary">{}</div>'


def _active_children(t) -> str:
    text = whole_number(t.active_children)
    if t.boards_reporting_children > 1:
        fewest = _("fewest in one board: %(n)s") % {"n": whole_number(t.fewest_active_children)}
        text += _NOTE.format(escaped(fewest))
    return text


def _felt_influence(t) -> str:
    if not t.survey_children_asked:
        return "–"
    share = round(t.survey_children_felt_influence / t.survey_children_asked * 100)  # as widthratio rounds
    text = f"{whole_number(t.survey_children_felt_influence)}/{whole_number(t.survey_children_asked)}"
    return text + _NOTE.format(f"{whole_number(share)} %")


_SPECIAL_CELLS = {"active_children": _active_children, "felt_influence": _felt_influence}


@register.simple_tag
def totals_rows(totals) -> str:
    """The yearly totals' rows, a column per year: whole numbers as `{{ n }}` shows them, averages
    localized ("31,8"), "–" where there is nothing to show. One string per row instead of a template
    variable per cell (two hundred cells were most of the leader's logbook's template time)."""
    span = len(totals) + 1
    html = []
    for group, rows in TOTALS_ROWS:
        heading = f'<th scope="rowgroup" colspan="{span}">{escaped(group)}</th>'
        html.append(f'\n          <tr class="table-light">{heading}</tr>')
        for label, figure, criterion in rows:
            css = ' class="criterion"' if criterion else ""
            cells = []
            for t in totals:
                if figure in _SPECIAL_CELLS:
                    text = _SPECIAL_CELLS[figure](t)
                elif figure.endswith("_avg"):
                    value = getattr(t, figure)
                    text = "–" if value is None else escaped(localize(value))
                else:
                    text = whole_number(getattr(t, figure))
                cells.append(f'<td class="text-end{" criterion" if criterion else ""}">{text}</td>')
            html.append(f'\n          <tr><th scope="row"{css}>{escaped(label)}</th>{"".join(cells)}</tr>')
    return SafeString("".join(html))  # every value in it is escaped, or a number


@register.simple_tag
def initiative_rows(by_initiative) -> str:
    """The activities per initiative: a row per initiative, a cell per year in words ("3 aktiviteter",
    "12 deltagere, 4 i aktiviteter igangsat af beboere"), "–" in a year without activities.

    A table of initiatives by years says the same few things many times: each wording is made once."""

    @functools.cache
    def activities(n: int) -> str:
        return escaped(ngettext("%(n)s activity", "%(n)s activities", n) % {"n": whole_number(n)})

    @functools.cache
    def taking_part(n: int) -> str:
        return escaped(ngettext("%(n)s taking part", "%(n)s taking part", n) % {"n": whole_number(n)})

    @functools.cache
    def by_residents(n: int) -> str:
        text = ngettext("%(n)s in activities by residents", "%(n)s in activities by residents", n)
        return escaped(text % {"n": whole_number(n)})

    html = []
    for row in by_initiative:
        name = escaped(row.initiative) if row.initiative else escaped(_("No initiative"))
        cells = []
        for cell in row.by_year.values():
            if not cell["activities"]:
                cells.append('<td class="text-end">–</td>')
                continue
            detail = taking_part(cell["participants"])
            if cell["resident_initiated_participants"]:
                detail = f"{detail}, {by_residents(cell['resident_initiated_participants'])}"
            cells.append(
                f'<td class="text-end"><span class="text-nowrap">{activities(cell["activities"])}</span>'
                f'<div class="small text-body-secondary">{detail}</div></td>'
            )
        html.append(f'\n          <tr><th scope="row">{name}</th>{"".join(cells)}</tr>')
    return SafeString("".join(html))  # every value in it is escaped, or a number
