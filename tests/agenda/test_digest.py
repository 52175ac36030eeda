"""The daily e-mail of what is due: counts and links, never a name, an address, a phone or a note."""

import datetime
import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command

from cases.models import Task
from tests import factories
from tests.cases.builders import make_case, make_resident

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def due(world):
    world.worker_a.email = "asta@example.org"
    world.worker_a.save()
    resident = make_resident(
        world.plan_a, world.worker_a, name="Gerda Gæld", address="Skjult Allé 9", phone="12345678"
    )
    case = make_case(world.plan_a, world.worker_a, residents=[resident], today=TODAY)
    for offset, text in (
        (-3, "Ring til Gerda Gæld"),
        (-1, "Brev"),
        (0, "Besøg Skjult Allé 9"),
        (4, "Tjek"),
        (20, "Senere"),
    ):
        Task.objects.create(case=case, text=text, due_on=days(offset), assignee=world.worker_a)
    Task.objects.create(case=case, text="Klaret", due_on=days(-5), done_on=days(-4), assignee=world.worker_a)
    # No e-mail address: no digest.
    nomail = factories.make_member(world.plan_a, "worker", "no_mail")
    Task.objects.create(case=case, text="x", due_on=TODAY, assignee=nomail)
    return case


def test_the_digest_counts_what_is_due_and_links_to_the_task_list(world, due, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://helhedsplan.example.org"
    call_command("send_task_digest", verbosity=0)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["asta@example.org"]
    assert message.subject == "helhedsplan: 3 opgaver med frist i dag eller overskredet"
    assert "- 2 overskredet" in message.body
    assert "- 1 med frist i dag" in message.body
    assert "- 1 med frist den kommende uge" in message.body
    assert f"https://helhedsplan.example.org/plans/{world.plan_a.pk}/cases/tasks/" in message.body
    for secret in ("Gerda", "Gæld", "Skjult", "12345678", "Ring til", "Besøg", "Brev"):
        assert secret not in message.subject + message.body


def test_dry_run_sends_nothing(world, due, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_task_digest", "--dry-run", verbosity=0)
    assert mail.outbox == []


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 Message accepted for delivery"


def test_the_digest_goes_through_a_real_smtp_server(world, due, settings):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        call_command("send_task_digest", verbosity=0)
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    recipients, raw = inbox.messages[0]
    assert recipients == ["asta@example.org"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "helhedsplan: 3 opgaver med frist i dag eller overskredet"
    body = message.get_body(("plain",)).get_content()
    assert "- 2 overskredet" in body and "Gerda" not in body
