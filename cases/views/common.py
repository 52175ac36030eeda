"""Small helpers shared by the case views."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone

from helhedsplan.access import get_in_plan

from ..models import Case


def add_service_errors(form: forms.BaseForm, error: ValidationError, *, strip_prefix: str = "") -> list:
    """Put a service's ValidationError on the form's fields; return the messages that fit no field."""
    leftovers = []
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return leftovers
    for key, errors in error.error_dict.items():
        field = key[len(strip_prefix) :] if strip_prefix and key.startswith(strip_prefix) else key
        if field in form.fields:
            for item in errors:
                form.add_error(field, item)
        elif key == NON_FIELD_ERRORS:
            for item in errors:
                form.add_error(None, item)
        else:
            leftovers.extend(message for item in errors for message in item.messages)
    return leftovers


def case_in_plan(request, pk: int, queryset=None) -> Case:
    return get_in_plan(
        request, queryset if queryset is not None else Case.objects.select_related("plan"), pk=pk
    )


def today():
    return timezone.localdate()
