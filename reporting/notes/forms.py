from django import forms
from django.utils.translation import gettext_lazy as _

from helhedsplan.bounds import BoundedForm

from .models import CriterionBarrier, NotePeriod, NoteSection


class NoteCreateForm(BoundedForm, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Period"), choices=NotePeriod.choices, initial=NotePeriod.YEAR)


class SectionForm(BoundedForm, forms.ModelForm):
    class Meta:
        model = NoteSection
        fields = ["progress", "no_barriers", "barriers", "next_steps"]
        widgets = {
            "progress": forms.Textarea(attrs={"rows": 5}),
            "barriers": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].required = True


class SummaryForm(BoundedForm, forms.Form):
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 8}), required=True)


class CriterionBarrierForm(BoundedForm, forms.ModelForm):
    class Meta:
        model = CriterionBarrier
        fields = ["barriers", "no_barrier"]
        widgets = {"barriers": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, may_sign_off: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_sign_off:
            del self.fields["no_barrier"]
