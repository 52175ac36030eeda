"""The roles' journeys as a load: caretakers, project leaders and board members at once.

Run through tests/perf/run_load.py, which sets up the database, gunicorn and the users; see the
README's "Load test". Every user logs in through the login form (CSRF token and all) as one of
the generated users (`bench<plan>-worker<n>`, `bench<plan>-leader`, `bench<plan>-board`) and then
walks its role's pages with a short think time. A page that answers anything but what the role
should get (200, or 403 where the role is refused) counts as a failure.

The app runs with production settings behind what it takes for a TLS-terminating proxy: plain
HTTP on the loopback address with `X-Forwarded-Proto: https` (BEHIND_PROXY=True), so its secure
cookies are sent back over that HTTP connection by the cookie policy below.
"""

import os
import random
import re
from http.cookiejar import DefaultCookiePolicy

from locust import HttpUser, between, task

PASSWORD = os.environ["LOAD_PASSWORD"]
PLANS = int(os.environ.get("LOAD_PLANS", "10"))
WORKERS_PER_PLAN = int(os.environ.get("LOAD_WORKERS_PER_PLAN", "4"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PLAN_ID = re.compile(r"/plans/(\d+)/")
CASE_LINK = re.compile(r'href="/plans/\d+/cases/(\d+)/"')
KIND = re.compile(r'name="kind" value="(\d+)"')


def _secure_cookies_over_loopback(policy, cookie, request) -> bool:
    """Send Secure cookies over plain HTTP: here HTTP is the inside of a TLS-terminating proxy."""
    return True


# On the class, not one jar: requests copies the session's cookies into fresh jars per request.
DefaultCookiePolicy.return_ok_secure = _secure_cookies_over_loopback


class Role(HttpUser):
    abstract = True
    wait_time = between(0.5, 2.0)
    username = ""

    def on_start(self):
        origin = self.host.replace("http://", "https://")
        self.client.headers.update({"X-Forwarded-Proto": "https", "Referer": origin + "/"})
        self.plan = random.randint(1, PLANS)
        self.username = self.choose_username(self.plan)
        form = self.client.get("/login/", name="login form")
        with self.client.post(
            "/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token(form.text)},
            name="log in",
            catch_response=True,
        ) as response:
            if "/login/" in response.url or response.status_code != 200:
                response.failure(f"{self.username} could not log in ({response.status_code} {response.url})")
                self.stop()
                return
            response.success()
        match = PLAN_ID.search(response.url)
        self.plan_id = int(match.group(1)) if match else None
        self.start_url = response.url.split(self.host, 1)[-1]

    def choose_username(self, plan: int) -> str:
        raise NotImplementedError

    def get(self, url: str, name: str, expect: int = 200):
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != expect:
                response.failure(f"{url}: {response.status_code}, expected {expect}")
            else:
                response.success()
            return response

    def post_form(self, url: str, name: str, data: dict):
        """Open a form, then send it with its CSRF token; a redirect means it was saved."""
        form = self.get(url, f"{name} (form)")
        with self.client.post(
            url,
            data={**data, "csrfmiddlewaretoken": token(form.text)},
            name=name,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{url}: {response.status_code}, the form was not accepted")
            else:
                response.success()
            return response


class Caretaker(Role):
    """Opens the caseload, reads cases, logs phone calls, reads the logbook."""

    weight = 6

    def choose_username(self, plan):
        return f"bench{plan:02d}-worker{random.randint(1, WORKERS_PER_PLAN)}"

    @task(4)
    def caseload(self):
        response = self.get(f"/plans/{self.plan_id}/cases/", "caseload")
        self.case_ids = [int(pk) for pk in CASE_LINK.findall(response.text)] or getattr(self, "case_ids", [])

    @task(3)
    def case_page(self):
        if getattr(self, "case_ids", None):
            self.get(f"/plans/{self.plan_id}/cases/{random.choice(self.case_ids)}/", "case page")

    @task(1)
    def log_phone_call(self):
        if getattr(self, "case_ids", None):
            case = random.choice(self.case_ids)
            self.post_form(
                f"/plans/{self.plan_id}/cases/{case}/entries/new/",
                "log entry",
                {"kind": "phone_call", "occurred_at": now_local(), "minutes": "10", "note": "Opfølgning."},
            )

    @task(1)
    def logbook(self):
        self.get(f"/plans/{self.plan_id}/logbook/", "logbook")

    @task(1)
    def log_activity(self):
        url = f"/plans/{self.plan_id}/logbook/activities/new/"
        form = self.get(url, "log activity (form)")
        kinds = KIND.findall(form.text)
        if not kinds:
            return
        with self.client.post(
            url,
            data={
                "csrfmiddlewaretoken": token(form.text),
                "kind": random.choice(kinds),
                "initiated_by": "residents",
                "participants_residents": "35",
                "participants_children": "10",
                "participants_others": "0",
                "volunteers": "2",
                "date": now_local()[:10],
                "title": "Loppemarked",
            },
            name="log activity",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"{url}: {response.status_code}, the activity was not saved")
            else:
                response.success()


class ProjectLeader(Role):
    """Reads the plan-wide case list, filters it, pages deep, opens the dashboard."""

    weight = 2

    def choose_username(self, plan):
        return f"bench{plan:02d}-leader"

    @task(3)
    def case_list(self):
        self.get(f"/plans/{self.plan_id}/cases/all/", "case list")

    @task(2)
    def case_list_filtered(self):
        page = random.choice([1, 5, 20, 60])
        self.get(f"/plans/{self.plan_id}/cases/all/?status=closed&page={page}", "case list filtered")

    @task(2)
    def dashboard(self):
        self.get(f"/plans/{self.plan_id}/reporting/", "dashboard")


class BoardMember(Role):
    """Reads the board's start page; is refused the case list."""

    weight = 1

    def choose_username(self, plan):
        return f"bench{plan:02d}-board"

    @task(3)
    def board_page(self):
        self.get(self.start_url, "board start page")

    @task(1)
    def refused_case_list(self):
        self.get(f"/plans/{self.plan_id}/cases/all/", "case list refused to the board", expect=403)


def token(html: str) -> str:
    match = CSRF.search(html)
    return match.group(1) if match else ""


def now_local() -> str:
    import datetime

    return datetime.datetime.now().strftime("%Y-%m-%dT%H:%M")
