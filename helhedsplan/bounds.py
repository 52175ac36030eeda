"""The sane range of every date, number and text a user can send: one place, used by every form.

A date far outside the plan's world (year 1, 0201 or 9999) is accepted by Python and the database alike and
then breaks arithmetic on it (a network meeting on 31.12.9999 has no "next meeting"), or grows a statistics
grid to 2,000 columns; a number beyond the database's integer answers 500 on PostgreSQL; a NUL byte is
refused by PostgreSQL. `bound_fields(form)` gives every field of a form its range with a Danish message
next to the field; `BoundedForm` does it for every form of the project (tests/privacy/test_bounds.py
checks that every form is one).
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import FIRST_YEAR, LAST_YEAR

FIRST_DAY = datetime.date(FIRST_YEAR, 1, 1)
LAST_DAY = datetime.date(LAST_YEAR, 12, 31)
#: Any whole number a form takes: amounts in kroner, counts, minutes (well inside a database integer).
MAX_INTEGER = 1_000_000_000
#: Any decimal a form takes (rates, shares, targets).
MAX_DECIMAL = Decimal(MAX_INTEGER)
#: Free text (notes, descriptions, agendas): about ten pages; every PDF of it renders in seconds.
MAX_TEXT = 20_000


class DateRangeValidator:
    """A date (or the date of a date and time) between 1.1.FIRST_YEAR and 31.12.LAST_YEAR."""

    code = "date_range"

    def __call__(self, value):
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                _("The date must lie between %(first)s and %(last)s."),
                code=self.code,
                params={
                    "first": date_format(FIRST_DAY, "SHORT_DATE_FORMAT"),
                    "last": date_format(LAST_DAY, "SHORT_DATE_FORMAT"),
                },
            )

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


def in_date_range(day: datetime.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def _has(field, kind) -> bool:
    return any(isinstance(v, kind) for v in field.validators)


def bound_field(field: forms.Field) -> None:
    """Give one form field its range (idempotent)."""
    if getattr(field, "_bounded", False):
        return
    field._bounded = True
    if isinstance(field, forms.MultiValueField):  # e.g. a date range: bound each part
        for part in field.fields:
            bound_field(part)
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(DateRangeValidator())
        input_type = getattr(field.widget, "input_type", "")
        if input_type == "date":
            field.widget.attrs.setdefault("min", FIRST_DAY.isoformat())
            field.widget.attrs.setdefault("max", LAST_DAY.isoformat())
        elif input_type == "datetime-local":
            field.widget.attrs.setdefault("min", f"{FIRST_DAY.isoformat()}T00:00")
            field.widget.attrs.setdefault("max", f"{LAST_DAY.isoformat()}T23:59")
    elif isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        limit = MAX_DECIMAL if isinstance(field, forms.DecimalField) else MAX_INTEGER
        if field.max_value is None or field.max_value > limit:
            field.max_value = limit
            field.validators.append(
                MaxValueValidator(limit, message=_("The number must be at most %(limit_value)s."))
            )
            if getattr(field.widget, "input_type", "") == "number":  # min/max are valid HTML there only
                field.widget.attrs["max"] = str(limit)
        if field.min_value is None or field.min_value < -limit:
            field.min_value = -limit
            field.validators.append(
                MinValueValidator(-limit, message=_("The number must be at least %(limit_value)s."))
            )
            if getattr(field.widget, "input_type", "") == "number":
                field.widget.attrs.setdefault("min", str(-limit))
    elif isinstance(field, forms.CharField) and (field.max_length is None or field.max_length > MAX_TEXT):
        field.max_length = MAX_TEXT
        field.validators.append(
            MaxLengthValidator(
                MAX_TEXT,
                message=_("The text may be at most %(limit_value)d characters long (it is %(show_value)d)."),
            )
        )
        field.widget.attrs["maxlength"] = str(MAX_TEXT)
        if isinstance(field.widget, forms.Textarea):
            field.widget.attrs["data-counter"] = ""  # static/js/text-counter.js shows "123 / 20.000"


def bound_fields(form) -> None:
    for field in form.fields.values():
        bound_field(field)


class BoundedForm:
    """Mixin for every form: each date, number and text gets its sane range.

    Applied when the form is used (validated or rendered), so that fields a subclass adds or replaces in its
    own `__init__` are bounded too.
    """

    def full_clean(self):
        bound_fields(self)
        return super().full_clean()

    def __getitem__(self, name):
        bound_field(self.fields[name])
        return super().__getitem__(name)

    def __iter__(self):
        bound_fields(self)
        return super().__iter__()
