"""How every form of the app renders: labels start with a capital letter ("Fil", "Antal boliger").

Model fields name themselves in lower case, as Django wants (`verbose_name="number of homes"`), and
ModelForms capitalise them; plain forms and filters use the label as written. One renderer
(settings.FORM_RENDERER) capitalises every label, so no form can forget it.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.text import capfirst


class CapitalisedBoundField(BoundField):
    def __init__(self, form, field, name):
        super().__init__(form, field, name)
        self.label = capfirst(self.label)


class FormRenderer(DjangoTemplates):
    bound_field_class = CapitalisedBoundField
