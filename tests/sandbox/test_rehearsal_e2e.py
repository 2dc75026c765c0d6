"""A mentor's week over loopback HTTP: the served sandbox, its webhooks, and ``cohort serve``.

A mentee opens a pull request with their seeded token; the sandbox delivers the signed
``pull_request`` webhook to cohort's App server, which labels the PR and asks for a review
through the sandbox's API; the clock moves a week; the weekly summary shows that week.
"""

from __future__ import annotations

import base64
import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from cohort.app.assemble import ServeOptions, build_server
from cohort.app.endpoints import required_permissions
from cohort.clock import SimulatedClock
from cohort.github.apply import apply_cohort
from cohort.github.client import Client
from cohort.github.read_activity import read_activity
from cohort.reconcile.safety import Allowances
from cohort.sandbox import SandboxTransport, webhooks
from cohort.sandbox.asgi import SandboxApp, bind
from cohort.sandbox.rehearsal import Prepared
from cohort.summary import parse_week, render_markdown, summarize
from tests.app.e2e import (
    APP_ID,
    DESIGN_WEEK,
    LABEL_RULES,
    ORG,
    SECRET,
    SLUG,
    Serialized,
    World,
    keys,
)
from tests.conftest import EXAMPLE
from tests.github.orgkit import make_org
from tests.reconcile.helpers import desired_for, example_cohort

REPO = f"{ORG}/2027-spring-aurora"


class Served:
    """An ASGI app on a loopback socket in a thread, stopped on exit."""

    def __init__(self, app: Any) -> None:
        self.sock, self.url = bind("127.0.0.1", 0)
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def eventually(check: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return check()


def applied_world() -> World:
    """The example cohort applied today (invitations fresh), its App and cohort-admin."""
    cohort = example_cohort()
    org = make_org(cohort, desired_for(cohort))
    apply_cohort(org.client, org.desired, allow=Allowances())
    public = keys()[1]
    installation = org.box.register_app(
        APP_ID, SLUG, public, permissions=required_permissions(), org=ORG
    )
    world = World(org, installation, Serialized(SandboxTransport(org.box)))
    org.client.rest("POST", f"/orgs/{ORG}/repos", {"name": "cohort-admin", "auto_init": True})
    world.put_file(f"{ORG}/cohort-admin", "cohort.yml", EXAMPLE.read_bytes())
    world.put_file(REPO, ".github/cohort-labels.yml", LABEL_RULES)
    return world


@pytest.fixture
def rehearsal(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The example cohort applied on a served sandbox whose App posts to ``cohort serve``."""
    world = applied_world()
    box = world.org.box
    box.app_times = False  # cohort serve signs its JWTs with the real time
    sandbox_app = SandboxApp(box)
    sandbox = Served(sandbox_app)
    cohort_app, store = build_server(
        ServeOptions(
            secret=SECRET,
            app_id=APP_ID,
            private_key=keys()[0],
            app_slug=SLUG,
            store=str(tmp_path / "app.db"),
            api_url=sandbox.url,
            workers=1,
        )
    )
    with Served(cohort_app) as cohort_url, sandbox as sandbox_url:
        app = box.state.apps[APP_ID]
        app.webhook_url, app.webhook_secret = f"{cohort_url}/webhook", SECRET
        app.events = list(webhooks.DEFAULT_EVENTS)
        sandbox_app.deliver_webhooks()
        announced = Prepared(box, []).announce(sandbox_url)
        yield {"world": world, "url": sandbox_url, "announced": announced}
    store.close()


def test_a_mentors_week_with_the_app_over_loopback(rehearsal: dict[str, Any]) -> None:
    with httpx.Client(base_url=rehearsal["url"], timeout=10) as http:
        run_the_week(http, rehearsal)


def run_the_week(http: httpx.Client, rehearsal: dict[str, Any]) -> None:
    url, world, announced = rehearsal["url"], rehearsal["world"], rehearsal["announced"]
    box, cohort = world.org.box, world.org.cohort
    team = next(t for t in cohort.teams if t.slug == "aurora")
    mentee = team.mentees[0]
    accepted = http.post("/_sandbox/invitations/accept", json={"login": mentee}).json()
    assert accepted["login"] == box.state.canonical(mentee)
    assert any(line.startswith("member of team") for line in accepted["accepted"])
    design_week = dt.datetime.fromtimestamp(DESIGN_WEEK, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert http.post("/_sandbox/clock", json={"set": design_week}).json() == {"now": design_week}
    token = announced["tokens"][box.state.canonical(mentee)]
    as_mentee = {"Authorization": f"token {token}"}

    base = f"/repos/{REPO}"
    head = http.get(f"{base}/git/ref/heads/main", headers=as_mentee).json()["object"]["sha"]
    http.post(f"{base}/git/refs", json={"ref": "refs/heads/week-2", "sha": head}, headers=as_mentee)
    content = base64.b64encode(b"# notes\n").decode()
    put = {"message": "Design notes", "content": content, "branch": "week-2"}
    assert (
        http.put(f"{base}/contents/docs/notes.md", json=put, headers=as_mentee).status_code == 201
    )
    opened = http.post(
        f"{base}/pulls",
        json={"title": "Design notes", "head": "week-2", "base": "main"},
        headers=as_mentee,
    ).json()

    def labelled() -> bool:
        return "needs-mentor-review" in world.labels(REPO, opened["number"])

    assert eventually(labelled), world.labels(REPO, opened["number"])
    assert world.requested(REPO, opened["number"])  # a mentor is asked to review
    sent = http.get("/_sandbox/deliveries").json()
    opened_events = [d for d in sent if (d["event"], d["action"]) == ("pull_request", "opened")]
    assert [d["status_code"] for d in opened_events] == [202]

    before = box.clock.wall()
    moved = http.post("/_sandbox/clock", json={"advance": "P7D"}).json()
    assert moved["now"] == dt.datetime.fromtimestamp(before + 7 * 86400, dt.UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    organizer = Client(announced["token"], api_url=url, clock=SimulatedClock(box.clock.wall()))
    now = dt.datetime.fromtimestamp(box.clock.wall(), dt.UTC)
    start = dt.datetime.fromtimestamp(before - 14 * 86400, dt.UTC)
    activity = read_activity(organizer, cohort, start, now=now)
    week = dt.datetime.fromtimestamp(before, dt.UTC).strftime("%G-W%V")
    summary = render_markdown(summarize(activity, cohort, parse_week(week), now))
    assert "Design notes" in summary or f"#{opened['number']}" in summary, summary
