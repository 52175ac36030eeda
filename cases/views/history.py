"""The history page of a case or a resident, from django-simple-history's records.

What changed between two records of an object is worked out here rather than with simple-history's
`diff_against(..., foreign_keys_are_objs=True)`, which reads the many-to-many history of both records
and every related object once per record. Here the many-to-many history of all records is read in one
query per field, and the objects the rows name (residents, departments, users, partners …) in one query
per model, so the page takes the same number of queries however long the history is. The rows are the
same as `diff_against` gives: the fields in name order, a related object that is gone shown as
simple-history's `DeletedObject`.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.models import DeletedObject
from simple_history.utils import get_m2m_reverse_field_name

from helhedsplan.models import Department

# Fields nobody needs to see change.
HIDDEN_FIELDS = {"version", "search_text", "created_at", "created_by", "recorded_by"}
ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
# The relations a model's str() follows (e.g. a party is "<resident> (<role>)"), read in bulk for the
# headings, and what the str() of a related object follows in turn.
STR_RELATIONS = {"caseparty": ("resident",), "consent": ("resident",)}
RELATED_SELECT = {Department: ("housing_organisation",)}


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


def _show_value(model_field, value) -> str:
    if model_field is not None and model_field.choices and value not in (None, ""):
        return str(dict(model_field.flatchoices).get(value, value))
    return _show(value)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001
        return name


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - an unknown field is shown as it is
        return None


class _Related:
    """The related objects the rows name, asked for as (model, pk) and read in one query per model."""

    def __init__(self):
        self.wanted: dict[type, set] = defaultdict(set)
        self.found: dict[type, dict] = {}

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def load(self):
        for model, pks in self.wanted.items():
            queryset = model._base_manager.select_related(*RELATED_SELECT.get(model, ()))
            self.found[model] = queryset.in_bulk(pks)

    def get(self, model, pk):
        """The object, or simple-history's stand-in for one that is gone (or a key that is empty)."""
        obj = self.found.get(model, {}).get(pk) if pk is not None else None
        return obj if obj is not None else DeletedObject(model, pk)


def _m2m_history(model_records: dict) -> dict:
    """{(model, field name): {history_id: rows}}: each record's many-to-many rows as simple-history
    compares them (the through fields' keys, ordered by the related object), one query per field."""
    found = {}
    for model, records in model_records.items():
        sample = records[0]
        ids = [r.history_id for r in records]
        for m2m_field in sample._history_m2m_fields:
            through = getattr(sample, m2m_field.name).model
            names = [
                f.name
                for f in through._meta.fields
                if f.editable and f.name not in ("id", "m2m_history_id", "history")
            ]
            attnames = [through._meta.get_field(n).attname for n in names]
            rows: dict[int, list] = {}
            for values in (
                through.objects.filter(history_id__in=ids)
                .order_by("history_id", get_m2m_reverse_field_name(m2m_field))
                .values_list("history_id", *attnames)
            ):
                rows.setdefault(values[0], []).append(values[1:])
            found[(model, m2m_field.name)] = (through, names, rows)
    return found


def history_rows(records) -> list[HistoryRow]:
    """The records of one or more objects, newest first, each with what changed since the one before."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    model_records: dict[type, list] = defaultdict(list)
    for record in records:
        model_records[record.instance_type].append(record)
    m2m = _m2m_history(model_records)
    related = _Related()

    # First the raw differences (keys, not objects), noting the objects they name.
    previous = {}
    steps = []
    for record in records:
        model = record.instance_type
        key = (model, record.id)
        before = previous.get(key)
        previous[key] = record
        for name in STR_RELATIONS.get(model._meta.model_name, ()):
            model_field = model._meta.get_field(name)
            related.want(model_field.related_model, getattr(record, model_field.attname))
        changes = []
        if before is not None and record.history_type == "~":
            changes = _changes(record, before, m2m, related)
            if not changes:
                continue
        steps.append((record, changes))

    related.load()
    rows = []
    for record, changes in steps:
        model = record.instance_type
        row = HistoryRow(
            when=record.history_date,
            who=_show(record.history_user) if record.history_user_id else _("the system"),
            what=str(model._meta.verbose_name).capitalize()
            + (f" {_instance(record, related)}" if model._meta.model_name != "case" else ""),
            action=ACTIONS.get(record.history_type, "changed"),
        )
        for name, kind, old, new in changes:
            row.changes.append(
                (
                    _label(model, name),
                    _render(model, name, kind, old, related),
                    _render(model, name, kind, new, related),
                )
            )
        rows.append(row)
    rows.reverse()
    return rows


def _instance(record, related):
    """The object as the record saw it, for its str(): simple-history's `record.instance` without the
    query for the fields history leaves out (a resident's search text), and with the relations its
    str() follows read in bulk."""
    model = record.instance_type
    instance = model(**{f.attname: getattr(record, f.attname) for f in record.tracked_fields})
    for name in STR_RELATIONS.get(model._meta.model_name, ()):
        model_field = model._meta.get_field(name)
        obj = related.get(model_field.related_model, getattr(record, model_field.attname))
        if not isinstance(obj, DeletedObject):
            model_field.set_cached_value(instance, obj)
    return instance


def _changes(record, before, m2m, related) -> list[tuple]:
    """What differs between two records of one object, as simple-history's diff_against sees it,
    sorted by field name: (name, kind, old, new) with keys where the field is a relation."""
    model = record.instance_type
    m2m_names = {f.name for f in before._history_m2m_fields}
    changes = []
    for history_field in before.tracked_fields:
        name = history_field.name
        if not history_field.editable or name in m2m_names or name in HIDDEN_FIELDS:
            continue
        model_field = record._meta.get_field(name)
        old, new = model_field.value_from_object(before), model_field.value_from_object(record)
        if old == new:
            continue
        if isinstance(model_field, models.ForeignKey):
            related.want(model_field.related_model, old)
            related.want(model_field.related_model, new)
            changes.append((name, "fk", old, new))
        else:
            changes.append((name, "value", old, new))
    for name in m2m_names:
        if name in HIDDEN_FIELDS:
            continue
        through, names, rows = m2m[(model, name)]
        old, new = rows.get(before.history_id, []), rows.get(record.history_id, [])
        if old == new:
            continue
        owner = model._meta.model_name
        shown = [(n, through._meta.get_field(n).related_model) for n in names if n != owner]
        index = {n: i for i, n in enumerate(names)}
        for values in (*old, *new):
            for n, target in shown:
                related.want(target, values[index[n]])
        changes.append((name, ("m2m", shown, index), old, new))
    changes.sort(key=lambda change: change[0])
    return changes


def _render(model, name, kind, value, related) -> str:
    if kind == "fk":
        return _show(related.get(model._meta.get_field(name).related_model, value))
    if kind == "value":
        return _show_value(_model_field(model, name), value)
    _, shown, index = kind
    items = [_show(related.get(target, values[index[n]])) for values in value for n, target in shown]
    return ", ".join(items) or "–"


def history_page(request, *, title: str, back_url: str, records):
    return render(
        request,
        "cases/history.html",
        {"title": title, "back_url": back_url, "rows": history_rows(records)},
    )
