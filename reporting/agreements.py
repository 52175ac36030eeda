"""Start a plan from an agreement: copy its focus areas, initiatives and success criteria.

An *agreement* is plain data (a dict, or a JSON file in `agreement_templates/`): the focus areas with
their initiatives, and each criterion's metric, parameters, baseline, reference, kind of target and
years. Plan objects are named, not numbered (housing organisations by short name, districts by name), so
an agreement travels between plans. No figure is copied: statistics, cases and logbook stay with their
plan. Years move with the new plan's period (a baseline two years before the start stays two years before).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helhedsplan.models import FocusArea, HousingOrganisation, Initiative, Plan

from .metrics import catalogue
from .models import CriterionVersion, District, SuccessCriterion

TEMPLATES_DIR = Path(__file__).resolve().parent / "agreement_templates"
#: Parameters that name objects of a plan: key -> (model, the field that names them).
NAMED_PARAMS = {"housing_organisations": (HousingOrganisation, "short_name"), "districts": (District, "name")}
#: Parameters that point at one object only this plan has (e.g. a network): left out of a copy.
PLAN_ONLY_PARAMS = {"network"}
VERSION_FIELDS = [
    "metric",
    "baseline_value",
    "baseline_year",
    "baseline_note",
    "reference_value",
    "reference_label",
    "reference_measure",
    "target_kind",
    "target_value",
    "target_year",
    "target_date",
    "first_year",
    "last_year",
]


def builtin_agreements() -> dict[str, dict]:
    """The agreements shipped with the app, by key (the file's name)."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(TEMPLATES_DIR.glob("*.json"))
    }


def agreement_from_plan(plan: Plan) -> dict:
    """A plan's focus areas, initiatives and criteria (each with its latest version) as an agreement."""
    organisations = dict(HousingOrganisation.objects.filter(plan=plan).values_list("pk", "short_name"))
    districts = dict(District.objects.filter(plan=plan).values_list("pk", "name"))
    names = {"housing_organisations": organisations, "districts": districts}
    focus_areas = []
    for area in FocusArea.objects.filter(plan=plan).prefetch_related("initiatives").order_by("name"):
        focus_areas.append(
            {
                "name": area.name,
                "agreement_title": area.agreement_title,
                "initiatives": [
                    {
                        "number": i.number,
                        "name": i.name,
                        "purpose": i.purpose,
                        "target_groups": i.target_groups,
                    }
                    for i in area.initiatives.all()
                ],
            }
        )
    criteria = []
    used_districts = set()
    queryset = SuccessCriterion.objects.filter(plan=plan).select_related("focus_area", "initiative")
    for criterion in queryset.prefetch_related("versions__reference_district").order_by("position", "code"):
        versions = list(criterion.versions.all())
        if not versions:
            continue
        version = max(versions, key=lambda v: v.valid_from)
        params = {}
        for key, value in version.params.items():
            if key in PLAN_ONLY_PARAMS:
                continue
            if key in NAMED_PARAMS:
                value = sorted(names[key].get(int(pk), "") for pk in value if str(pk).isdigit())
                value = [v for v in value if v]
                if key == "districts":
                    used_districts.update(value)
            params[key] = value
        entry = {
            "code": criterion.code,
            "title": criterion.title,
            "focus_area": criterion.focus_area.name,
            "initiative": criterion.initiative.number if criterion.initiative else None,
            "data_source": criterion.data_source,
            "position": criterion.position,
            "params": params,
            "reference_district": version.reference_district.name if version.reference_district else None,
        }
        for name in VERSION_FIELDS:
            value = getattr(version, name)
            if isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            elif isinstance(value, datetime.date):
                value = value.isoformat()
            entry[name] = value
        if entry["reference_district"]:
            used_districts.add(entry["reference_district"])
        criteria.append(entry)
    municipality = set(
        District.objects.filter(plan=plan, is_municipality=True).values_list("name", flat=True)
    )
    return {
        "title": plan.name,
        "period": [plan.start_date.year, plan.end_date.year],
        "focus_areas": focus_areas,
        "districts": [{"name": n, "is_municipality": n in municipality} for n in sorted(used_districts)],
        "criteria": criteria,
    }


@dataclass
class CopyResult:
    focus_areas: int = 0
    initiatives: int = 0
    criteria: int = 0
    notes: list[str] = field(default_factory=list)


def _shift_date(text: str | None, offset: int, last: datetime.date) -> datetime.date | None:
    if not text:
        return None
    day = datetime.date.fromisoformat(text)
    try:
        day = day.replace(year=day.year + offset)
    except ValueError:  # 29 February
        day = day.replace(year=day.year + offset, day=28)
    return min(day, last)


@transaction.atomic
def plan_agreement_copy(*, plan: Plan, agreement: dict, user=None) -> CopyResult:
    """Copy an agreement into `plan`, which has no success criteria yet; years follow the plan's period."""
    if SuccessCriterion.objects.filter(plan=plan).exists():
        raise ValidationError(
            _("The plan already has success criteria; an agreement is copied into a new plan.")
        )
    result = CopyResult()
    first, last = plan.start_date.year, plan.end_date.year
    offset = first - agreement["period"][0]

    def year(value):
        return None if value is None else min(value + offset, last)

    areas, initiatives = {}, {}
    for area in agreement["focus_areas"]:
        obj, created = FocusArea.objects.get_or_create(
            plan=plan,
            name=area["name"],
            defaults={"agreement_title": area.get("agreement_title", ""), "valid_from": plan.start_date},
        )
        areas[area["name"]] = obj
        result.focus_areas += created
        for item in area["initiatives"]:
            initiative, created = Initiative.objects.get_or_create(
                focus_area=obj,
                number=item["number"],
                defaults={k: item.get(k, "") for k in ("name", "purpose", "target_groups")},
            )
            initiatives[(area["name"], item["number"])] = initiative
            result.initiatives += created
    for district in agreement.get("districts", []):
        District.objects.get_or_create(
            plan=plan,
            name=district["name"],
            defaults={"is_municipality": district.get("is_municipality", False)},
        )
    lookups = {
        key: {
            name.casefold(): str(pk) for pk, name in model.objects.filter(plan=plan).values_list("pk", attr)
        }
        for key, (model, attr) in NAMED_PARAMS.items()
    }
    districts = {d.name.casefold(): d for d in District.objects.filter(plan=plan)}
    for entry in agreement["criteria"]:
        if entry["metric"] not in catalogue:
            result.notes.append(
                _("%(code)s was left out: its metric is not in this app.") % {"code": entry["code"]}
            )
            continue
        params = dict(entry.get("params", {}))
        for key in NAMED_PARAMS:
            if key not in params:
                continue
            wanted = params[key]
            found = [lookups[key][n.casefold()] for n in wanted if n.casefold() in lookups[key]]
            missing = [n for n in wanted if n.casefold() not in lookups[key]]
            if missing:
                result.notes.append(
                    _("%(code)s counts %(names)s, which this plan does not have yet; check its parameters.")
                    % {"code": entry["code"], "names": ", ".join(missing)}
                )
            params[key] = sorted(found)
        criterion = SuccessCriterion(
            plan=plan,
            code=entry["code"],
            title=entry["title"],
            focus_area=areas[entry["focus_area"]],
            initiative=initiatives.get((entry["focus_area"], entry["initiative"])),
            data_source=entry.get("data_source", ""),
            position=entry.get("position", 0),
        )
        criterion._history_user = user
        criterion.save()
        reference = (entry.get("reference_district") or "").casefold()
        version = CriterionVersion(
            criterion=criterion,
            valid_from=plan.start_date,
            metric=entry["metric"],
            params=params,
            baseline_value=entry.get("baseline_value"),
            baseline_year=year(entry.get("baseline_year")),
            baseline_note=entry.get("baseline_note", ""),
            reference_value=entry.get("reference_value"),
            reference_label=entry.get("reference_label", ""),
            reference_district=districts.get(reference) if reference else None,
            reference_measure=entry.get("reference_measure", "") if reference in districts else "",
            target_kind=entry["target_kind"],
            target_value=entry.get("target_value"),
            target_year=year(entry.get("target_year")),
            target_date=_shift_date(entry.get("target_date"), offset, plan.end_date),
            first_year=first,
            last_year=last,
            note=_("Copied from %(agreement)s") % {"agreement": agreement["title"]},
        )
        version._history_user = user
        try:
            version.full_clean(exclude=["criterion"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            # Copied as the source has it; the leader completes it on the criterion's page.
            result.notes.append(
                _("%(code)s needs to be completed: %(problems)s")
                % {
                    "code": entry["code"],
                    "problems": " ".join(m for ms in error.message_dict.values() for m in ms),
                }
            )
        version.save()
        result.criteria += 1
    return result
