"""The project leader's privacy tools on a resident: the access request export and erasure on request."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Resident
from helhedsplan.access import LEADER, get_in_plan, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.bounds import BoundedForm
from helhedsplan.models import AuditAction
from helhedsplan.pdf import render_pdf

from .access_request import access_request
from .services import KEEP_OPEN, resident_erase, sole_open_cases


def _audit_export(request, resident, fmt: str):
    audit_log(
        request,
        action=AuditAction.ACCESS_REQUEST,
        object_type="resident",
        object_ids=[resident.pk],
        resident_ids=[resident.pk],
        reason=fmt,
    )


def _filename(resident, ext: str) -> str:
    return f"indsigt-{resident.pk}-{timezone.localdate().isoformat()}.{ext}"


@plan_view(*LEADER)
def access_request_json(request, pk):
    resident = get_in_plan(
        request, Resident.objects.select_related("plan", "department__housing_organisation"), pk=pk
    )
    data = access_request(resident)
    _audit_export(request, resident, "json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(resident, "json")}"'
    return response


@plan_view(*LEADER)
def access_request_pdf(request, pk):
    resident = get_in_plan(
        request, Resident.objects.select_related("plan", "department__housing_organisation"), pk=pk
    )
    data = access_request(resident)
    _audit_export(request, resident, "pdf")
    pdf = render_pdf(
        "privacy/access_request_pdf.html",
        {"data": data},
        stylesheet_template="privacy/access_request_pdf.css",
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(resident, "pdf")}"'
    return response


class EraseForm(BoundedForm, forms.Form):
    """The confirmation, and for every open case only this resident is part of: close it or keep it."""

    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I have checked that the resident asked for erasure and that nothing obliges us to keep the data."
        ),
    )

    def __init__(self, *args, sole_open_cases=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sole_open_cases = list(sole_open_cases)
        for case in self.sole_open_cases:
            choices = [(KEEP_OPEN, _("Keep it open without a resident; it stays on the caseload, flagged"))]
            choices += [
                (code, _("Close it with the outcome: %(outcome)s") % {"outcome": label})
                for code, label in case.outcome_choices()
            ]
            self.fields[f"case_{case.pk}"] = forms.ChoiceField(
                label=_("What becomes of case %(number)s (%(type)s, opened %(opened)s)?")
                % {
                    "number": case.number,
                    "type": case.get_case_type_display().lower(),
                    "opened": date_format(case.opened_on, "j. F Y"),
                },
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose whether the case is closed or kept open without a resident.")
                },
            )

        self.fields["confirm"] = self.fields.pop("confirm")  # the questions first, the confirmation last

    def decisions(self) -> dict[int, str]:
        return {case.pk: self.cleaned_data[f"case_{case.pk}"] for case in self.sole_open_cases}


@plan_view(*LEADER, methods=("GET", "POST"))
def resident_erase_view(request, pk):
    resident = get_in_plan(request, Resident, pk=pk)
    form = EraseForm(request.POST or None, sole_open_cases=sole_open_cases(resident))
    if request.method == "POST" and form.is_valid():
        try:
            resident_erase(resident=resident, user=request.user, request=request, decisions=form.decisions())
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request, _("The resident's data has been erased. The erasure is recorded in the audit log.")
            )
            return redirect(reverse("cases:resident_list", kwargs={"plan_id": request.plan.pk}))
    audit_log(
        request,
        action=AuditAction.VIEW,
        object_type="resident",
        object_ids=[resident.pk],
        resident_ids=[resident.pk],
    )
    return render(request, "privacy/resident_erase.html", {"resident": resident, "form": form})
