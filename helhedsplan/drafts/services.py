"""Saving, discarding, pruning and erasing drafts, and the signed token a draft form carries.

The token names the author, the plan, the form and what the form is about
(case, resident), signed with the installation's secret key. The save view and
the rescue at a lapsed session trust only the token for these, never fields a
browser could change: a draft can only ever be written for the user the page
was rendered for, into that user's own drafts, for that one form.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from .models import Draft

TOKEN_FIELD = "_draft"
TOKEN_SALT = "drafts.form"
#: A draft is about one form of text; anything bigger is not typed by hand.
MAX_DRAFT_CHARS = 100_000
# Never kept: the CSRF token, the draft token itself, and anything secret.
_SKIPPED = {"csrfmiddlewaretoken", TOKEN_FIELD}


def form_token(*, user, plan, form_key: str, case=None, resident=None) -> str:
    payload = {
        "u": user.pk,
        "p": plan.pk,
        "k": form_key,
        "c": getattr(case, "pk", None),
        "r": getattr(resident, "pk", None),
    }
    return signing.dumps(payload, salt=TOKEN_SALT)


def read_token(token: str) -> dict | None:
    """The token's payload, or None if it is forged or older than a session can live."""
    try:
        payload = signing.loads(token or "", salt=TOKEN_SALT, max_age=settings.SESSION_ABSOLUTE_TIMEOUT)
    except signing.BadSignature:
        return None
    return payload if isinstance(payload, dict) and {"u", "p", "k"} <= payload.keys() else None


def typed_fields(data: QueryDict) -> dict[str, list[str]]:
    return {
        name: data.getlist(name)
        for name in data
        if name not in _SKIPPED and "password" not in name.lower() and not name.startswith("_")
    }


def draft_save(*, token: dict, data: QueryDict) -> Draft | None:
    """Keep what was typed for the token's author and form; None if it is empty or too big."""
    fields = typed_fields(data)
    if not any(v.strip() for values in fields.values() for v in values):
        return None
    if sum(len(v) for values in fields.values() for v in values) > MAX_DRAFT_CHARS:
        return None
    draft, _ = Draft.objects.update_or_create(
        author_id=token["u"],
        form_key=token["k"],
        defaults={
            "plan_id": token["p"],
            "data": fields,
            "case_id": token.get("c"),
            "resident_id": token.get("r"),
        },
    )
    return draft


def draft_discard(*, token: dict) -> int:
    deleted, _ = Draft.objects.filter(author_id=token["u"], form_key=token["k"]).delete()
    return deleted


def draft_for(*, user, plan, form_key: str) -> Draft | None:
    """The user's own draft of this form in this plan; nobody else's, ever."""
    return Draft.objects.filter(author=user, plan=plan, form_key=form_key).first()


def drafts_prune(*, now: datetime.datetime | None = None, days: int | None = None, dry_run=False) -> int:
    """Remove drafts not touched for `days` (DRAFT_RETENTION_DAYS)."""
    now = now or timezone.now()
    days = settings.DRAFT_RETENTION_DAYS if days is None else days
    old = Draft.objects.filter(updated_at__lt=now - datetime.timedelta(days=days))
    if dry_run:
        return old.count()
    deleted, _ = old.delete()
    return deleted


def drafts_erase(*, resident_id: int, case_ids: Iterable[int] = ()) -> int:
    """Erasure: every draft about the resident or one of their cases (its text may name them)."""
    deleted, _ = Draft.objects.filter(Q(resident_id=resident_id) | Q(case_id__in=list(case_ids))).delete()
    return deleted
