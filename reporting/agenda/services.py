"""Making and revoking calendar addresses."""

from django.db import transaction
from django.utils import timezone

from .models import CalendarFeed


def calendar_feed_revoke(*, user, plan=None) -> int:
    """The user's current address (of this plan, or their own) stops working: it answers 404."""
    return CalendarFeed.objects.filter(user=user, plan=plan, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def calendar_feed_create(*, user, plan=None) -> CalendarFeed:
    """A new secret address; the previous one of the same kind is revoked."""
    with transaction.atomic():
        calendar_feed_revoke(user=user, plan=plan)
        return CalendarFeed.objects.create(user=user, plan=plan)


def active_feed(*, user, plan=None) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, plan=plan, revoked_at__isnull=True).first()
