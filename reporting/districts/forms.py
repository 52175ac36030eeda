"""Logging a shared meeting from a plan's logbook, and the overview's choice of year."""

from django import forms
from django.utils.translation import gettext_lazy as _

from activities.forms import CountField, LogbookForm
from helhedsplan.bounds import BoundedForm
from helhedsplan.models import FIRST_YEAR, LAST_YEAR, Plan

from .models import ContractParty, SharedMeeting


class SharedMeetingForm(LogbookForm):
    """The meeting, then one row per plan of the district and one per partner of the contract.

    Per plan: invited, how many of its people came (0 = the plan did not come), the points it
    raised. Per partner: how many came (0 or empty = not present).
    """

    class Meta:
        model = SharedMeeting
        fields = ["date", "convener", "agenda", "minutes"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 3}), "minutes": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, plans: list[Plan], parties: list[ContractParty], **kwargs):
        super().__init__(*args, **kwargs)
        network = self.instance.network
        self.district_plans = plans
        self.parties = parties
        if not self.instance.pk:
            self.initial["convener"] = network.convener
        rows = {row.plan_id: row for row in self.instance.plan_rows.all()} if self.instance.pk else {}
        partner_rows = (
            {row.party_id: row for row in self.instance.partner_rows.all()} if self.instance.pk else {}
        )
        for plan in plans:
            row = rows.get(plan.pk)
            self.fields[f"plan_{plan.pk}_invited"] = forms.BooleanField(
                label=_("Invited"),
                required=False,
                initial=row.invited if row else True,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )
            self.fields[f"plan_{plan.pk}_attendees"] = CountField(
                label=_("People present"),
                required=False,
                initial=row.attendees if row else (None if plan.pk != self.plan.pk else 1),
            )
            self.fields[f"plan_{plan.pk}_points"] = forms.CharField(
                label=_("Points the plan raised"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                initial=row.agenda_points if row else "",
            )
        for party in parties:
            row = partner_rows.get(party.pk)
            self.fields[f"party_{party.pk}"] = CountField(
                label=str(party), required=False, initial=row.attendees if row else None
            )

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and (
            SharedMeeting.objects.filter(network=self.instance.network, date=date)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("date", _("This network already has a meeting on that day."))
        if not any(cleaned.get(f"plan_{p.pk}_attendees") for p in self.district_plans):
            self.add_error(None, _("Write how many came from at least one plan."))
        return cleaned

    def plan_rows(self) -> list[dict]:
        """For the template: each plan with its three fields."""
        return [
            {
                "plan": plan,
                "invited": self[f"plan_{plan.pk}_invited"],
                "attendees": self[f"plan_{plan.pk}_attendees"],
                "points": self[f"plan_{plan.pk}_points"],
            }
            for plan in self.district_plans
        ]

    def party_fields(self) -> list:
        return [self[f"party_{party.pk}"] for party in self.parties]

    def attendance(self) -> tuple[dict, dict]:
        """(plan id -> (invited, attendees, points), party id -> attendees) from the cleaned data."""
        data = self.cleaned_data
        plans = {
            p.pk: (
                data.get(f"plan_{p.pk}_invited", False),
                data.get(f"plan_{p.pk}_attendees") or 0,
                data.get(f"plan_{p.pk}_points", ""),
            )
            for p in self.district_plans
        }
        parties = {party.pk: data.get(f"party_{party.pk}") or 0 for party in self.parties}
        return plans, parties


class OverviewForm(BoundedForm, forms.Form):
    """The overview's year and focus area, from the query string; bad values fall back to the defaults."""

    year = forms.IntegerField(
        label=_("Year"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        required=False,
        error_messages={
            "invalid": _("Write a year, for example 2016."),
            "min_value": _("Choose a year from 1990 to 2100."),
            "max_value": _("Choose a year from 1990 to 2100."),
        },
    )
    contract = forms.TypedChoiceField(label=_("Focus area"), coerce=int, required=False, choices=())

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].choices = [(c.pk, c.focus_area) for c in contracts]
