"""The history page of a case or a resident, from django-simple-history's records."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# Fields nobody needs to see change.
HIDDEN_FIELDS = {"version", "search_text", "created_at", "created_by", "recorded_by"}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass
class HistoryRow:
    when: object
    who: str
    what: str
    action: str
    changes: list = field(default_factory=list)


def _show(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, get_user_model()):
        return value.get_full_name() or value.get_username()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "strftime") and not hasattr(value, "hour"):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _show_field(model, name: str, value) -> str:
    try:
        model_field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - an unknown field is shown as it is
        return _show(value)
    if isinstance(model_field, models.ManyToManyField):
        owner = model._meta.model_name
        items = [_show(v) for row in value or [] for k, v in row.items() if k != owner]
        return ", ".join(items) or "–"
    if model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    return _show(value)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001
        return name


def history_rows(records) -> list[HistoryRow]:
    """The records of one or more objects, newest first, each with what changed since the one before."""
    previous = {}
    rows = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        model = record.instance_type
        key = (model, record.id)
        before = previous.get(key)
        row = HistoryRow(
            when=record.history_date,
            who=_show(record.history_user) if record.history_user_id else _("the system"),
            what=str(model._meta.verbose_name).capitalize()
            + (f" {record.instance}" if model._meta.model_name != "case" else ""),
            action=ACTIONS.get(record.history_type, "changed"),
        )
        if before is not None and record.history_type == "~":
            delta = record.diff_against(before, foreign_keys_are_objs=True)
            for change in delta.changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                row.changes.append(
                    (
                        _label(model, change.field),
                        _show_field(model, change.field, change.old),
                        _show_field(model, change.field, change.new),
                    )
                )
            if not row.changes:
                previous[key] = record
                continue
        previous[key] = record
        rows.append(row)
    rows.reverse()
    return rows


def history_page(request, *, title: str, back_url: str, records):
    return render(
        request,
        "cases/history.html",
        {"title": title, "back_url": back_url, "rows": history_rows(records)},
    )
