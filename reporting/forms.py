from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helhedsplan.bounds import BoundedForm
from helhedsplan.forms import DateInput, PlanScopedForm
from helhedsplan.models import FocusArea, HousingOrganisation, Initiative, PartnerOrganisation

from .metrics import catalogue
from .models import CriterionVersion, District, Milestone, SuccessCriterion


class DistrictForm(BoundedForm, forms.ModelForm):
    class Meta:
        model = District
        fields = ["name", "is_municipality"]

    def __init__(self, *args, plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = District.objects.filter(plan=self.plan, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The plan already has a district with this name."))
        return name

    def save(self, commit=True):
        self.instance.plan = self.plan
        return super().save(commit=commit)


class CriterionForm(PlanScopedForm):
    class Meta:
        model = SuccessCriterion
        fields = ["code", "title", "focus_area", "initiative", "data_source", "position"]

    def scope_fields(self):
        self.fields["focus_area"].queryset = FocusArea.objects.filter(plan=self.plan)
        self.fields["initiative"].queryset = Initiative.objects.filter(
            focus_area__plan=self.plan
        ).select_related("focus_area")

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        clash = SuccessCriterion.objects.filter(plan=self.plan, code__iexact=code).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(_("The plan already has a criterion with this code."))
        return code

    def clean(self):
        cleaned = super().clean()
        area, initiative = cleaned.get("focus_area"), cleaned.get("initiative")
        if area and initiative and initiative.focus_area_id != area.pk:
            self.add_error("initiative", _("The initiative belongs to another focus area."))
        return cleaned


def param_field_name(metric_key: str, param_name: str) -> str:
    return f"param__{metric_key}__{param_name}"


class CriterionVersionForm(BoundedForm, forms.ModelForm):
    """A version of a criterion; the metric's parameters appear as fields of their own.

    Every metric's parameter fields are in the form (marked with the metric in
    `data-metric`); a small script shows those of the chosen metric.
    """

    metric = forms.ChoiceField(label=capfirst(_("metric")))

    class Meta:
        model = CriterionVersion
        fields = [
            "valid_from",
            "metric",
            "first_year",
            "last_year",
            "baseline_value",
            "baseline_year",
            "baseline_note",
            "target_kind",
            "target_value",
            "target_year",
            "target_date",
            "reference_value",
            "reference_label",
            "reference_district",
            "reference_measure",
            "note",
        ]
        widgets = {"valid_from": DateInput(), "target_date": DateInput()}
        localized_fields = ["baseline_value", "target_value", "reference_value"]

    def __init__(self, *args, plan, criterion=None, **kwargs):
        self.plan = plan
        self.criterion = criterion
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "---------"), *catalogue.choices()]
        self.fields["reference_district"].queryset = District.objects.filter(plan=plan)
        self.param_fields = []
        for metric in catalogue.values():
            for param in metric.params:
                name = param_field_name(metric.key, param.name)
                field = param.form_field(plan)
                field.widget.attrs["data-metric"] = metric.key
                if self.instance.metric == metric.key and param.name in (self.instance.params or {}):
                    field.initial = self.instance.params[param.name]
                self.fields[name] = field
                self.param_fields.append((metric, param, name))
        # Parameters right after the metric they belong to.
        order = list(self.Meta.fields)
        at = order.index("metric") + 1
        order[at:at] = [name for _m, _p, name in self.param_fields]
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("metric")
        if key in catalogue:
            metric = catalogue[key]
            params = {
                param.name: param.to_json(cleaned.get(name))
                for m, param, name in self.param_fields
                if m.key == key
            }
            for param_name, message in metric.clean_params(params).items():
                self.add_error(param_field_name(key, param_name), message)
            self.instance.params = params
        valid_from = cleaned.get("valid_from")
        if valid_from and self.criterion is not None:
            clash = CriterionVersion.objects.filter(criterion=self.criterion, valid_from=valid_from)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error("valid_from", _("The criterion already has a version valid from this day."))
        return cleaned

    def _post_clean(self):
        if self.criterion is not None:
            self.instance.criterion = self.criterion
        super()._post_clean()


class MilestoneForm(PlanScopedForm):
    class Meta:
        model = Milestone
        fields = ["topic", "housing_organisation", "partner", "title", "done_on", "note"]
        widgets = {"done_on": DateInput()}

    def scope_fields(self):
        self.fields["housing_organisation"].queryset = HousingOrganisation.objects.filter(plan=self.plan)
        self.fields["partner"].queryset = PartnerOrganisation.objects.filter(plan=self.plan)

    def clean(self):
        cleaned = super().clean()
        topic, org = cleaned.get("topic"), cleaned.get("housing_organisation")
        if topic and org:
            clash = Milestone.objects.filter(plan=self.plan, topic=topic, housing_organisation=org)
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "housing_organisation",
                    _("This housing organisation already has a milestone on this topic; edit that one."),
                )
        return cleaned


class AgreementSourceForm(BoundedForm, forms.Form):
    source = forms.ChoiceField(label=_("Copy from"), widget=forms.RadioSelect)

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = sources
