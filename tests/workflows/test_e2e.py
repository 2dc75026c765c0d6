"""End to end: the organizer workflows' steps, with GitHub's environment, against the sandbox."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cohort.clock import SystemClock
from cohort.github.app_auth import APPLY_PERMISSIONS
from cohort.github.connect import seed_sandbox
from cohort.loading import load_cohort
from cohort.sandbox import Sandbox, SandboxTransport
from tests.workflows.harness import (
    ROOT,
    Runner,
    local_steps,
    pull_request_event,
    push_event,
    serve,
    workflow_run_event,
    write_event,
)

REPO = "omp-cohorts/cohort-admin"
COHORT = "examples/cohort.yml"
APP_ID = 77
BOT = "github-actions[bot]"


def key_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@dataclass
class World:
    """The sandbox, its URL, the organizer's REST client and the secrets a repo would hold."""

    box: Sandbox
    url: str
    http: httpx.Client
    private_key: str
    bot_token: str
    checkout: Path

    def runner(self, name: str, event: dict[str, Any], event_name: str, sha: str) -> Runner:
        work = self.checkout.parent / name
        work.mkdir()
        github_env = {
            "GITHUB_ACTIONS": "true",
            "CI": "true",
            "GITHUB_EVENT_NAME": event_name,
            "GITHUB_EVENT_PATH": write_event(work / "event.json", event),
            "GITHUB_REPOSITORY": REPO,
            "GITHUB_SHA": sha,
            "GITHUB_API_URL": self.url,
            "GITHUB_STEP_SUMMARY": str(work / "summary.md"),
            "GITHUB_WORKSPACE": str(self.checkout),
        }
        expressions = {
            "${{ secrets.COHORT_APP_ID }}": str(APP_ID),
            "${{ secrets.COHORT_APP_PRIVATE_KEY }}": self.private_key,
            "${{ github.token }}": self.bot_token,
            "${{ (github.event_name == 'schedule' || inputs.post) && '--post' || '' }}": (
                "--post" if event_name == "schedule" else ""
            ),
        }
        return Runner(work, github_env, expressions)

    def comments(self, number: int) -> list[dict[str, Any]]:
        answer = self.http.get(f"/repos/{REPO}/issues/{number}/comments")
        comments: list[dict[str, Any]] = answer.json()
        return comments

    def put_file(self, branch: str, text: str, message: str) -> str:
        path = f"/repos/{REPO}/contents/{COHORT}"
        have = self.http.get(path, params={"ref": branch})
        body = {
            "message": message,
            "branch": branch,
            "content": base64.b64encode(text.encode()).decode(),
        }
        if have.status_code == 200:
            body["sha"] = have.json()["sha"]
        answer = self.http.put(path, json=body)
        assert answer.status_code in (200, 201), answer.text
        return str(answer.json()["commit"]["sha"])

    def head(self, branch: str) -> str:
        return str(self.http.get(f"/repos/{REPO}/git/ref/heads/{branch}").json()["object"]["sha"])


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    # Pacing against the sandbox: no 1 s gaps between writes, so the test stays fast.
    monkeypatch.setenv("COHORT_WRITE_INTERVAL", "0")
    text = (ROOT / COHORT).read_text(encoding="utf-8")
    checkout = tmp_path / "checkout"
    (checkout / "examples").mkdir(parents=True)
    (checkout / COHORT).write_text(text, encoding="utf-8")
    monkeypatch.chdir(checkout)
    box = Sandbox(clock=SystemClock())
    seed_sandbox(box, load_cohort(checkout / COHORT).cohort)
    box.add_user(BOT, type="Bot")
    private, public = key_pair()
    box.register_app(
        APP_ID, "cohort-omp", public, org="omp-cohorts", permissions=dict(APPLY_PERMISSIONS)
    )
    owner = box.issue_token("ada-organizes")
    with (
        serve(box) as url,
        httpx.Client(
            transport=SandboxTransport(box),
            base_url=url,
            headers={"Authorization": f"token {owner}"},
        ) as http,
    ):
        created = http.post(
            "/orgs/omp-cohorts/repos", json={"name": "cohort-admin", "auto_init": True}
        )
        assert created.status_code == 201, created.text
        # GITHUB_TOKEN acts as github-actions[bot] with write access to its own repository.
        http.put(f"/repos/{REPO}/collaborators/{BOT}", json={"permission": "push"})
        box.accept_invitations(BOT)
        yield World(box, url, http, private, box.issue_token(BOT), checkout)


def open_pull_request(world: World, text: str, branch: str = "edit-cohort") -> tuple[int, str]:
    base = world.head("main")
    world.http.post(f"/repos/{REPO}/git/refs", json={"ref": f"refs/heads/{branch}", "sha": base})
    head = world.put_file(branch, text, "Edit the cohort")
    pr_files = world.checkout / "pull-request" / COHORT  # the plan job's data-only checkout
    pr_files.parent.mkdir(parents=True, exist_ok=True)
    pr_files.write_text(text, encoding="utf-8")
    pr = world.http.post(
        f"/repos/{REPO}/pulls", json={"title": "Update the cohort", "head": branch, "base": "main"}
    )
    assert pr.status_code == 201, pr.text
    return int(pr.json()["number"]), head


def run_pr_workflow(
    world: World, monkeypatch: pytest.MonkeyPatch, number: int, head: str, name: str
) -> Runner:
    event = pull_request_event(REPO, number, head, world.head("main"))
    validate = world.runner(name + "-validate", event, "pull_request", head)
    for step in local_steps("cohort-pr.yml", "validate"):
        assert validate.run_step(monkeypatch, step) == 0, step["name"]
    # GitHub then runs cohort-plan.yml from the default branch (workflow_run).
    after = workflow_run_event(REPO, number, head, "edit-cohort")
    runner = world.runner(name, after, "workflow_run", world.head("main"))
    for step in local_steps("cohort-plan.yml", "plan"):
        assert runner.run_step(monkeypatch, step) == 0, step["name"]
    return runner


def run_apply_workflow(
    world: World, monkeypatch: pytest.MonkeyPatch, before: str, name: str
) -> tuple[Runner, list[int]]:
    after = world.head("main")
    runner = world.runner(name, push_event(REPO, before, after), "push", after)
    codes = [
        runner.run_step(monkeypatch, step) for step in local_steps("cohort-apply.yml", "apply")
    ]
    return runner, codes


def test_pr_comment_is_created_once_then_updated_and_apply_converges(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / COHORT).read_text(encoding="utf-8")
    number, head = open_pull_request(world, text)
    first = run_pr_workflow(world, monkeypatch, number, head, "pr-1")
    assert first.outputs[0]["has-changes"] == "true"
    digest = first.outputs[0]["plan-digest"]
    comments = world.comments(number)
    assert len(comments) == 1
    assert comments[0]["user"]["login"] == BOT
    assert f"<!-- cohort:plan digest={digest} -->" in comments[0]["body"]
    assert "cohort plan for" in (first.workdir / "summary.md").read_text(encoding="utf-8")

    # The organization changes before the next run (the sandbox's PR head does not follow
    # later pushes, so the second run is a re-run at the same head): the plan changes.
    made = world.http.post(
        "/orgs/omp-cohorts/repos", json={"name": "2027-spring-aurora", "auto_init": True}
    )
    assert made.status_code == 201, made.text
    second = run_pr_workflow(world, monkeypatch, number, head, "pr-2")
    digest = second.outputs[0]["plan-digest"]
    again = world.comments(number)
    assert [c["id"] for c in again] == [comments[0]["id"]]
    assert f"<!-- cohort:plan digest={digest} -->" in again[0]["body"]
    assert again[0]["body"] != comments[0]["body"]

    before = world.head("main")
    assert world.http.put(f"/repos/{REPO}/pulls/{number}/merge").status_code == 200
    capsys.readouterr()
    _, codes = run_apply_workflow(world, monkeypatch, before, "apply-1")
    assert codes == [0]
    assert f"plan reviewed on #{number} (digest {digest[:12]}, signed)" in capsys.readouterr().out
    replan = world.runner("replan", {}, "workflow_dispatch", world.head("main"))
    drift = local_steps("cohort-weekly.yml", "drift")[0]
    assert replan.run_step(monkeypatch, drift) == 0
    assert replan.outputs[0]["has-changes"] == "false"


def test_broken_cohort_gets_annotations_on_the_right_lines_and_no_plan(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    broken = text.replace("    mentors: [alicia-dev]\n", "    mentors: [alicia-devv]\n", 1)
    (world.checkout / COHORT).write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("    mentors: [alicia-devv]") + 1
    column = "    mentors: [alicia-devv]".index("alicia-devv") + 1
    runner = world.runner(
        "pr", pull_request_event(REPO, 1, "a" * 40, "b" * 40), "pull_request", "a" * 40
    )
    validate = local_steps("cohort-pr.yml", "validate")[0]
    requests = world.box.counters()["requests"]
    assert runner.run_step(monkeypatch, validate) == 3
    out = capsys.readouterr().out
    assert f"::error file={COHORT},line={line},col={column}," in out
    assert "unknown mentor 'alicia-devv'" in out
    assert "alicia-devv" in (runner.workdir / "summary.md").read_text(encoding="utf-8")
    assert world.box.counters()["requests"] == requests


def apply_all(world: World, monkeypatch: pytest.MonkeyPatch, text: str, branch: str) -> None:
    """Open a PR with ``text``, comment its plan, merge it and apply (the whole happy path)."""
    number, head = open_pull_request(world, text, branch)
    run_pr_workflow(world, monkeypatch, number, head, f"pr-{branch}")
    before = world.head("main")
    assert world.http.put(f"/repos/{REPO}/pulls/{number}/merge").status_code == 200
    _, codes = run_apply_workflow(world, monkeypatch, before, f"apply-{branch}")
    assert codes == [0]


def test_destructive_change_not_shown_in_the_reviewed_comment_is_refused(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    apply_all(world, monkeypatch, text, "first")
    number, head = open_pull_request(world, text + "# a reviewed, harmless edit\n", "second")
    run_pr_workflow(world, monkeypatch, number, head, "pr-second")
    body = world.comments(number)[0]["body"]
    assert '"destructive": []' in body
    # After the review, someone adds a person to a cohort team by hand: apply would remove them.
    team = "/orgs/omp-cohorts/teams/2027-spring-aurora/memberships/bkumar"
    assert world.http.put(team, json={"role": "member"}).status_code == 200
    before = world.head("main")
    assert world.http.put(f"/repos/{REPO}/pulls/{number}/merge").status_code == 200
    capsys.readouterr()
    writes = world.box.counters()["writes"]
    runner, codes = run_apply_workflow(world, monkeypatch, before, "apply-second")
    assert codes == [4]
    assert "cohort apply (exit 4)" in (runner.workdir / "summary.md").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "not in it" in err
    assert "bkumar" in err
    assert world.box.counters()["writes"] == writes
    assert world.http.get(team).json()["state"] == "active"


def test_weekly_run_posts_one_summary_issue_per_week_and_detects_drift(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    apply_all(world, monkeypatch, text, "first")
    urls = []
    for run in ("weekly-1", "weekly-2"):
        runner = world.runner(run, {"schedule": "17 6 * * 1"}, "schedule", world.head("main"))
        step = local_steps("cohort-weekly.yml", "summary")[0]
        assert runner.run_step(monkeypatch, step) == 0
        urls.append(runner.outputs[0]["summary-url"])
    assert urls[0]
    assert urls[0] == urls[1]
    issues = world.http.get(f"/repos/{REPO}/issues", params={"state": "all"}).json()
    assert [i["title"] for i in issues if "weekly summary" in i["title"]] == [
        next(i["title"] for i in issues if "weekly summary" in i["title"])
    ]
    team = "/orgs/omp-cohorts/teams/2027-spring-aurora/memberships/bkumar"
    assert world.http.put(team, json={"role": "member"}).status_code == 200
    drift = world.runner("drift", {"schedule": "17 6 * * 1"}, "schedule", world.head("main"))
    assert drift.run_step(monkeypatch, local_steps("cohort-weekly.yml", "drift")[0]) == 2
    assert drift.outputs[0]["has-changes"] == "true"


def test_a_plan_comment_edited_after_review_reviews_nothing(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    apply_all(world, monkeypatch, text, "first")
    number, head = open_pull_request(world, text + "# a reviewed, harmless edit\n", "second")
    run_pr_workflow(world, monkeypatch, number, head, "pr-second")
    team = "/orgs/omp-cohorts/teams/2027-spring-aurora/memberships/bkumar"
    assert world.http.put(team, json={"role": "member"}).status_code == 200
    # Someone with write access edits the bot's comment so it "shows" the removal (hole 3).
    comment = world.comments(number)[0]
    key = "team-member:remove::2027-spring-aurora/bkumar"  # Change.key() of that removal
    body = comment["body"].replace('"destructive": []', f'"destructive": ["{key}"]')
    assert body != comment["body"]
    edited = world.http.patch(f"/repos/{REPO}/issues/comments/{comment['id']}", json={"body": body})
    assert edited.status_code == 200
    # ... and a branch workflow posts a newer look-alike as github-actions[bot].
    forged = world.http.post(
        f"/repos/{REPO}/issues/{number}/comments",
        json={"body": body},
        headers={"Authorization": f"token {world.bot_token}"},
    )
    assert forged.status_code == 201
    before = world.head("main")
    assert world.http.put(f"/repos/{REPO}/pulls/{number}/merge").status_code == 200
    capsys.readouterr()
    writes = world.box.counters()["writes"]
    _, codes = run_apply_workflow(world, monkeypatch, before, "apply-second")
    assert codes == [4]
    out, err = capsys.readouterr()
    assert f"no plan comment on #{number} carries a valid signature" in out
    assert "remove team-member 2027-spring-aurora/bkumar" in err  # exactly the forged key
    assert world.box.counters()["writes"] == writes
    assert world.http.get(team).json()["state"] == "active"


def test_comment_reviewed_writes_the_verified_plan_of_the_merged_pull_request(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from cohort.cli.main import run
    from cohort.workflow.plan_comment import from_json, signing_key

    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    number, head = open_pull_request(world, text)
    first = run_pr_workflow(world, monkeypatch, number, head, "pr-1")
    assert world.http.put(f"/repos/{REPO}/pulls/{number}/merge").status_code == 200
    out = tmp_path / "reviewed.json"
    argv = ["comment", "reviewed", "--repo", REPO, "--sha", world.head("main"), "--out", str(out)]
    argv += ["--token", world.bot_token, "--api-url", world.url]
    for name in ("GITHUB_EVENT_PATH", "COHORT_PLAN_SIGNING_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COHORT_APP_PRIVATE_KEY", world.private_key)
    assert run(argv) == 0
    reviewed = from_json(json.loads(out.read_text(encoding="utf-8")))
    key = signing_key(None, world.private_key)
    assert key is not None
    assert reviewed.verified(key)
    assert (reviewed.digest, reviewed.number, reviewed.head_sha, reviewed.repository) == (
        first.outputs[0]["plan-digest"],
        number,
        head,
        REPO,
    )
    monkeypatch.delenv("COHORT_APP_PRIVATE_KEY")
    assert run(argv) == 3  # without the key nothing can be verified


def run_scheduled(
    world: World, monkeypatch: pytest.MonkeyPatch, workflow: str, job: str, name: str
) -> Runner:
    runner = world.runner(name, {"schedule": "*"}, "schedule", world.head("main"))
    for step in local_steps(workflow, job):
        assert runner.run_step(monkeypatch, step) == 0, (workflow, step["name"])
    return runner


def test_scheduled_workflows_run_against_the_applied_organization(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (world.checkout / COHORT).read_text(encoding="utf-8")
    apply_all(world, monkeypatch, text, "first")
    capsys.readouterr()

    # nightly invitations: an apply with nothing left queued changes nothing
    before = world.box.counters()["mutations"]
    run_scheduled(world, monkeypatch, "cohort-invitations.yml", "continue", "invitations")
    assert world.box.counters()["mutations"] == before

    # check-ins on a Monday before the cohort starts: a notice, no issue, a green job
    run_scheduled(world, monkeypatch, "cohort-checkins.yml", "checkins", "checkins")
    assert "no check-ins: " in capsys.readouterr().out
    for team in ("aurora", "borealis"):
        issues = world.http.get(f"/repos/omp-cohorts/2027-spring-{team}/issues").json()
        assert [i for i in issues if "check-in" in i["title"].lower()] == []

    # induction: the one mentor whose induction is pending gets an issue, once
    for name in ("induction-1", "induction-2"):
        run_scheduled(world, monkeypatch, "cohort-induction.yml", "induction", name)
    issues = world.http.get(f"/repos/{REPO}/issues", params={"state": "all"}).json()
    inductions = [i for i in issues if "emeka-o" in i["title"]]
    assert len(inductions) == 1

    # dashboard: the page is written where the artifact step picks it up
    run_scheduled(world, monkeypatch, "cohort-dashboard.yml", "dashboard", "dashboard")
    assert (world.checkout / "cohort-dashboard" / "index.html").is_file()
