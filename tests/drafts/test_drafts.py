"""Never lose a word: what a caretaker types is kept on the server for them, and for them only."""

import datetime
import json
import re
import time

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.models import Entry
from cases.privacy.services import KEEP_OPEN, resident_erase
from helhedsplan.drafts.models import Draft
from helhedsplan.drafts.services import TOKEN_FIELD, form_token
from helhedsplan.middleware import SESSION_LAST_SEEN
from helhedsplan.models import Role
from tests import factories
from tests.cases import builders
from tests.conftest import client_for

NOTE = "Fru Fiktiv vil have hjælp til ansøgning om enkeltydelse, ring igen torsdag."


@pytest.fixture
def case_a(world):
    resident = builders.make_resident(world.plan_a, world.worker_a, name="Tove Tekst")
    return builders.make_case(world.plan_a, world.worker_a, residents=[resident], today=timezone.localdate())


def entry_url(case):
    return reverse("cases:entry_log", kwargs={"plan_id": case.plan_id, "pk": case.pk})


def save_url(plan):
    return reverse("drafts:save", kwargs={"plan_id": plan.pk})


def token_on_page(client, url) -> str:
    page = client.get(url).content.decode()
    return re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', page).group(1)


def restored(client, url) -> list[str]:
    """The notes the page puts back into the form (static/js/drafts.js fills them in)."""
    page = client.get(url).content.decode()
    found = re.search(r'<script id="draft-data-\d+" type="application/json">(.*?)</script>', page, re.S)
    return json.loads(found.group(1)).get("note", []) if found else []


def typed(token, **fields):
    return {TOKEN_FIELD: token, "kind": "phone_call", "note": NOTE, **fields}


def test_typing_saves_a_draft_only_the_author_gets_back(world, case_a):
    worker = client_for(world.worker_a)
    token = token_on_page(worker, entry_url(case_a))
    assert worker.post(save_url(world.plan_a), typed(token)).status_code == 204

    draft = Draft.objects.get()
    assert (draft.author, draft.case, draft.data["note"]) == (world.worker_a, case_a, [NOTE])
    assert restored(worker, entry_url(case_a)) == [NOTE]
    # The same form on the case page shares the draft.
    assert restored(worker, case_a.get_absolute_url()) == [NOTE]
    # A colleague of the same plan opening the same form sees nothing of it.
    colleague = factories.make_member(world.plan_a, Role.WORKER, "colleague_a")
    assert restored(client_for(colleague), entry_url(case_a)) == []
    assert restored(client_for(world.leader_a), entry_url(case_a)) == []


def test_a_token_of_another_user_or_plan_writes_nothing(world, case_a):
    token = form_token(user=world.worker_a, plan=world.plan_a, form_key=entry_url(case_a))
    # Another user of the same plan replaying the token: 404, nothing saved.
    assert client_for(world.leader_a).post(save_url(world.plan_a), typed(token)).status_code == 404
    # A member of another plan: that plan's draft URL is 404 for them too.
    assert client_for(world.worker_b).post(save_url(world.plan_a), typed(token)).status_code == 404
    b_token = form_token(user=world.worker_b, plan=world.plan_b, form_key="/x/")
    assert client_for(world.worker_b).post(save_url(world.plan_b), typed(token)).status_code == 404
    assert client_for(world.worker_b).post(save_url(world.plan_b), typed(b_token + "x")).status_code == 404
    assert not Draft.objects.exists()


def test_saving_the_form_deletes_the_draft(world, case_a):
    worker = client_for(world.worker_a)
    token = token_on_page(worker, entry_url(case_a))
    worker.post(save_url(world.plan_a), typed(token))
    response = worker.post(
        entry_url(case_a),
        typed(token, occurred_at=timezone.localtime().strftime("%Y-%m-%d %H:%M"), minutes="10"),
    )
    assert response.status_code == 302
    assert Entry.objects.filter(note=NOTE).exists()
    assert not Draft.objects.exists()


def test_a_refused_form_keeps_what_was_typed(world, case_a):
    worker = client_for(world.worker_a)
    token = token_on_page(worker, entry_url(case_a))
    response = worker.post(entry_url(case_a), typed(token, occurred_at="not a date"))
    assert response.status_code == 200
    assert Draft.objects.get(author=world.worker_a).data["note"] == [NOTE]


def test_discarding_deletes_the_draft_and_returns_to_the_form(world, case_a):
    worker = client_for(world.worker_a)
    token = token_on_page(worker, entry_url(case_a))
    worker.post(save_url(world.plan_a), typed(token))
    response = worker.post(
        reverse("drafts:discard", kwargs={"plan_id": world.plan_a.pk}),
        typed(token, next=entry_url(case_a)),
    )
    assert response.status_code == 302 and response["Location"] == entry_url(case_a)
    assert not Draft.objects.exists()
    assert restored(worker, entry_url(case_a)) == []


def test_passwords_are_never_kept(world, case_a):
    worker = client_for(world.worker_a)
    token = token_on_page(worker, entry_url(case_a))
    worker.post(save_url(world.plan_a), typed(token, old_password="hemmelig", new_password1="hemmelig"))
    assert "hemmelig" not in str(Draft.objects.get().data)


def test_an_ended_session_keeps_the_text_and_says_why_after_login(world, case_a, settings):
    worker = Client()
    worker.login(username="caretaker_a", password=factories.PASSWORD)
    token = token_on_page(worker, entry_url(case_a))
    session = worker.session
    session[SESSION_LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()

    response = worker.post(entry_url(case_a), typed(token))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Draft.objects.get(author=world.worker_a).data["note"] == [NOTE]

    response = worker.post(
        response["Location"], {"username": "caretaker_a", "password": factories.PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == entry_url(case_a)
    assert json.dumps(NOTE) in page
    # Danish is the default language; the minutes are the idle limit's.
    assert "Du blev logget ud efter 30 minutter uden aktivitet. Din tekst er gemt." in page
    # The reason is told once; the draft stays until the form is saved or discarded.
    assert "Du blev logget ud" not in worker.get(entry_url(case_a)).content.decode()
    assert restored(worker, entry_url(case_a)) == [NOTE]


def test_the_message_names_the_idle_limit_of_the_installation(world, case_a, settings):
    settings.SESSION_IDLE_TIMEOUT = 45 * 60
    worker = Client()
    worker.login(username="caretaker_a", password=factories.PASSWORD)
    token = token_on_page(worker, entry_url(case_a))
    session = worker.session
    session[SESSION_LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT - 5
    session.save()
    login = worker.post(entry_url(case_a), typed(token))["Location"]
    page = worker.post(
        login, {"username": "caretaker_a", "password": factories.PASSWORD}, follow=True
    ).content.decode()
    assert "Du blev logget ud efter 45 minutter uden aktivitet." in page


def test_a_forged_token_at_an_ended_session_keeps_nothing(world, case_a):
    anonymous = Client()
    response = anonymous.post(entry_url(case_a), typed("forged"))
    assert response.status_code == 302
    assert not Draft.objects.exists()


def test_the_nightly_job_removes_drafts_older_than_seven_days(world, case_a):
    fresh = Draft.objects.create(plan=world.plan_a, author=world.worker_a, form_key="/fresh/", data={})
    old = Draft.objects.create(plan=world.plan_a, author=world.worker_a, form_key="/old/", data={})
    Draft.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=7, hours=1))
    Draft.objects.filter(pk=fresh.pk).update(updated_at=timezone.now() - datetime.timedelta(days=6))

    call_command("prune_drafts", "--dry-run", verbosity=0)
    assert Draft.objects.count() == 2
    call_command("prune_drafts", verbosity=0)
    assert list(Draft.objects.values_list("form_key", flat=True)) == ["/fresh/"]


def test_erasing_a_resident_erases_the_drafts_about_them_and_their_cases(world, case_a):
    resident = case_a.parties.get().resident
    other_case = builders.make_case(world.plan_a, world.worker_a, today=timezone.localdate())
    about_case = Draft.objects.create(
        plan=world.plan_a, author=world.worker_a, form_key="/case/", case=case_a, data={"note": [NOTE]}
    )
    about_resident = Draft.objects.create(
        plan=world.plan_a, author=world.worker_a, form_key="/res/", resident=resident, data={}
    )
    unrelated = Draft.objects.create(
        plan=world.plan_a, author=world.worker_a, form_key="/other/", case=other_case, data={}
    )
    resident_erase(resident=resident, user=world.leader_a, decisions={case_a.pk: KEEP_OPEN})
    remaining = set(Draft.objects.values_list("pk", flat=True))
    assert remaining == {unrelated.pk}
    assert about_case.pk not in remaining and about_resident.pk not in remaining


def test_staying_logged_in_restarts_the_idle_clock(world, settings):
    worker = Client()
    worker.login(username="caretaker_a", password=factories.PASSWORD)
    session = worker.session
    session[SESSION_LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT + 60
    session.save()
    assert worker.post(reverse("session_keepalive")).status_code == 204
    assert time.time() - worker.session[SESSION_LAST_SEEN] < 5
    page = worker.get(reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})).content.decode()
    assert f'data-idle-seconds="{settings.SESSION_IDLE_TIMEOUT}"' in page
