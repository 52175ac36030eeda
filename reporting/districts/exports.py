"""The district overview as PDF (WeasyPrint) and Excel (openpyxl): the same figures as the page.

Board material: aggregates only, small counts of people already suppressed by the selector.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from reporting.notes.exports import XLSX_TYPE

__all__ = ["XLSX_TYPE", "overview_pdf", "overview_xlsx"]


def overview_pdf(content: dict, request=None) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("districts/pdf/overview.html", content, request=request)
    css = render_to_string("districts/pdf/overview.css", {"page_label": _("Page")})
    return HTML(string=html, base_url=".").write_pdf(stylesheets=[CSS(string=css)])


def _headers(content: dict) -> list[str]:
    years = content["years"]
    headers = [_("Plan"), _("Period"), _("Housing organisations"), _("Budget under the focus area (DKK)")]
    headers += [f"{label}" for _value, label in content["statuses"]]
    headers += [_("Eviction cases %(year)s") % {"year": y} for y in years]
    headers += [_("Bridge-buildings %(year)s") % {"year": y} for y in years]
    for network in content["networks"]:
        headers.append(_("%(network)s: meetings attended") % {"network": network.name})
        headers.append(_("%(network)s: invited") % {"network": network.name})
    return headers


def overview_xlsx(content: dict) -> bytes:
    """One row per plan, the same columns as the page; a second sheet with the shared networks."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Plans")[:31]
    sheet.append(_headers(content))
    for column in content["plans"]:
        row = [
            column.plan.name,
            column.period_label,
            column.housing_organisations,
            column.budget_dkk if column.in_contract else None,
        ]
        row += column.criteria or [None] * len(content["statuses"])
        row += column.evictions + column.bridges
        for attendance in column.attendance:
            row += [attendance["attended"], attendance["invited"]]
        sheet.append(row)
    sheet.append([_("Total"), "", "", content["budget_total"]])
    networks = workbook.create_sheet(_("Shared networks")[:31])
    networks.append(
        [
            _("Network"),
            _("Meets every (weeks)"),
            _("Convened by"),
            _("Last meeting"),
            _("Next due"),
            _("Overdue"),
        ]
    )
    for network in content["networks"]:
        networks.append(
            [
                network.name,
                network.interval_weeks,
                network.convener,
                network.last_meeting,
                network.due,
                _("Yes") if network.overdue else _("No"),
            ]
        )
    parties = workbook.create_sheet(_("Contract")[:31])
    parties.append([_("Organisation"), _("Unit"), _("Contact person"), _("Position"), _("Plans")])
    for party in content["parties"]:
        parties.append(
            [
                party.organisation,
                party.unit,
                party.contact_name,
                party.contact_role,
                ", ".join(plan.name for plan in party.plans.all()),
            ]
        )
    for ws in (sheet, networks, parties):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        ws.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
