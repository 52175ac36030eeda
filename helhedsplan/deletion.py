"""Deleting never silently changes what was signed or logged.

Foreign keys say PROTECT where the database can check it. What a foreign key cannot say (a partner named
on a signed consent through a many-to-many table, a user who is responsible for cases) is declared here by
the app that owns the records, in its `AppConfig.ready()`:

    deletion.protect(PartnerOrganisation, _("signed consents"), lambda partner: partner.consents.all())

Deleting such a row then raises `ProtectedError` (shell, code, admin alike), and the admin's delete page
lists what stands in the way, as counts only: no resident's or graduate's name reaches the administrator.
"""

from collections.abc import Callable
from itertools import chain

from django.db.models import Model, ProtectedError, QuerySet
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _

_GUARDS: dict[type[Model], list[tuple[str, Callable[[Model], QuerySet]]]] = {}


def protect(model: type[Model], label: str, related: Callable[[Model], QuerySet]) -> None:
    """Refuse to delete a `model` row while `related(row)` finds anything; `label` names what it finds."""
    _GUARDS.setdefault(model, []).append((label, related))
    pre_delete.connect(_refuse, sender=model, dispatch_uid=f"protect:{model._meta.label}", weak=False)


def is_guarded(model: type[Model]) -> bool:
    return model in _GUARDS


def blockers(obj: Model) -> list[tuple[str, QuerySet]]:
    """What stands in the way of deleting `obj`: (label, rows) for every guard that finds rows."""
    found = []
    for label, related in _GUARDS.get(type(obj), ()):
        rows = related(obj)
        if rows.exists():
            found.append((str(label), rows))
    return found


def _refuse(sender, instance, **kwargs):
    found = blockers(instance)
    if found:
        names = ", ".join(label for label, _rows in found)
        raise ProtectedError(
            _("%(object)s cannot be deleted while these point at it: %(what)s.")
            % {"object": instance._meta.verbose_name, "what": names},
            set(chain.from_iterable(rows for _label, rows in found)),
        )
