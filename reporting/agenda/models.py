"""Calendar subscriptions: a secret address per user (all their plans) or per user and plan (meetings).

The address is the only key: a calendar client cannot log in. It can be revoked (the old address then
answers 404) and a new one made. The feeds carry dates and links, never a resident's name, address,
phone or a note.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Plan


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("user"),
    )
    #: Empty: the user's own feed over all their plans. Set: that plan's meetings.
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("plan")
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self):
        return f"{self.user} ({self.plan or '-'})"

    def get_absolute_url(self):
        return reverse("calendar_feed") + "?" + urlencode({"key": self.token})
