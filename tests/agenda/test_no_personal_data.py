"""Nothing that leaves the app by e-mail or calendar names a resident: checked against every demo resident."""

import datetime
import re

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client

from activities import demo as activities_demo
from cases import demo as cases_demo
from cases.models import Resident, Task
from helhedsplan import demo as plan_demo
from helhedsplan.models import Plan
from reporting.agenda.services import calendar_feed_create

pytestmark = pytest.mark.django_db


def personal_words() -> set[str]:
    words = set()
    for name, address, phone in Resident.objects.values_list("name", "address", "phone"):
        words |= {w for w in (name, address, phone) if w}
        words |= {part for part in re.split(r"\s+", name) if len(part) >= 4}
    return words


def test_the_demo_caretakers_digest_and_feeds_name_no_demo_resident(settings):
    today = datetime.date.today()
    plan_demo.seed(today=today)
    cases_demo.seed(today=today)
    activities_demo.seed(today=today)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    caretakers = get_user_model().objects.filter(username__in=["vicevaert", "vicevaert2"])
    caretakers.update(email="demo@example.org")
    assert Task.objects.filter(assignee__in=caretakers, done_on__isnull=True).count() >= 8  # the demo's tasks
    words = personal_words()
    assert len(words) > 100

    call_command("send_task_digest", verbosity=0)
    assert len(mail.outbox) == 2
    texts = [m.subject + "\n" + m.body for m in mail.outbox]

    plan = Plan.objects.get(slug=plan_demo.SEED_PLAN_SLUG)
    for user in caretakers:
        for feed in (calendar_feed_create(user=user), calendar_feed_create(user=user, plan=plan)):
            response = Client().get(feed.get_absolute_url())
            assert response.status_code == 200
            calendar = icalendar.Calendar.from_ical(response.content)
            texts.append(
                "\n".join(str(e.get("summary")) + " " + str(e.get("url")) for e in calendar.walk("VEVENT"))
            )

    assert "Fogeddato – sag #" in "".join(texts)  # the demo's bailiff's dates are in the feeds
    for text in texts:
        found = sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE))
        assert not found, f"personal data in an e-mail or feed: {found}"
