"""Requests for a weekly summary of T teams: cohort's batched GraphQL vs naive per-repo REST.

Run: .venv/bin/python -m benchmarks.summary_requests [--teams 30 100]
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import math
import time
from dataclasses import dataclass

from benchmarks.generate import cohort_text
from cohort.clock import SimulatedClock
from cohort.config.load import parse_cohort
from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.github.client import Client
from cohort.github.connect import seed_sandbox
from cohort.github.post_summary import post_summary
from cohort.github.read_activity import read_activity
from cohort.sandbox import Sandbox, SandboxTransport
from cohort.summary import render_markdown, summarize, week_of

START = dt.datetime(2027, 2, 1, tzinfo=dt.UTC)
TEMPLATES = frozenset({"web-frontend", "python-api", "data-report"})


@dataclass
class Bench:
    box: Sandbox
    clock: SimulatedClock
    cohort: CohortFile
    client: Client

    def counts(self) -> tuple[int, int]:
        c = self.box.counters()
        return c["requests"] - c["writes"], c["writes"]


def build(teams: int) -> Bench:
    """A sandbox org with one repo per team, a milestone, issues, and a reviewed, merged PR."""
    text = cohort_text(teams).replace(
        "organization: bench-org}", "organization: bench-org, organizer_repo: admin}"
    )
    cohort = parse_cohort(text, "cohort.yml", TEMPLATES).cohort
    clock = SimulatedClock(START.timestamp() + 9 * 86400)
    box = Sandbox(clock=clock)
    seed_sandbox(box, cohort)
    org = cohort.program.organization
    client = Client(
        box.issue_token(cohort.organizers[0]), transport=SandboxTransport(box), clock=clock
    )
    client.rest("POST", f"/orgs/{org}/repos", {"name": "admin", "auto_init": True})
    for team in cohort.teams:
        _team(box, client, org, repo_name(cohort, team), team.mentors[0], clock)
    return Bench(box, clock, cohort, client)


def _team(
    box: Sandbox, gh: Client, org: str, name: str, mentor: str, clock: SimulatedClock
) -> None:
    base = f"/repos/{org}/{name}"
    gh.rest("POST", f"/orgs/{org}/repos", {"name": name, "auto_init": True})
    gh.rest("PUT", f"{base}/collaborators/{mentor}", {"permission": "push"})
    box.accept_invitations(mentor)
    ms = gh.rest(
        "POST", f"{base}/milestones", {"title": "Design", "due_on": "2027-02-21T23:59:59Z"}
    )
    for title in ("Design doc", "Wireframes"):
        gh.rest("POST", f"{base}/issues", {"title": title, "milestone": ms["number"]})
    gh.rest("PATCH", f"{base}/issues/1", {"state": "closed"})
    head = gh.rest("GET", f"{base}/git/ref/heads/main")["object"]["sha"]
    for n in (1, 2):
        gh.rest("POST", f"{base}/git/refs", {"ref": f"refs/heads/b{n}", "sha": head})
        gh.rest(
            "PUT",
            f"{base}/contents/f{n}.txt",
            {"message": "add", "branch": f"b{n}", "content": base64.b64encode(b"x").decode()},
        )
        gh.rest("POST", f"{base}/pulls", {"title": f"PR {n}", "head": f"b{n}", "base": "main"})
    clock.advance(3600)
    reviewer = Client(box.issue_token(mentor), transport=SandboxTransport(box), clock=clock)
    reviewer.rest("POST", f"{base}/pulls/4/reviews", {"event": "APPROVE"})
    gh.rest("PUT", f"{base}/pulls/4/merge", {})


def ours(bench: Bench) -> tuple[int, int]:
    """Reads and writes of read_activity + post_summary (the weekly job)."""
    r0, w0 = bench.counts()
    now = dt.datetime.fromtimestamp(bench.clock.wall(), dt.UTC)
    week = week_of(now.date())
    activity = read_activity(bench.client, bench.cohort, START, now=now)
    summary = summarize(activity, bench.cohort, week, now)
    post_summary(bench.client, bench.cohort, week.label, "summary", render_markdown(summary))
    r1, w1 = bench.counts()
    return r1 - r0, w1 - w0


def naive(bench: Bench) -> tuple[int, int]:
    """Per repo: repo, milestones, issues, PRs; per PR: reviews and review requests; commits.

    The sandbox has no REST commit listing, so that one call per repository is added as a
    modelled read; every other read is executed. Posting costs the same as ours.
    """
    r0, _ = bench.counts()
    org = bench.cohort.program.organization
    for team in bench.cohort.teams:
        base = f"/repos/{org}/{repo_name(bench.cohort, team)}"
        bench.client.rest("GET", base)
        bench.client.rest("GET", f"{base}/milestones", params={"state": "all"})
        bench.client.rest("GET", f"{base}/issues", params={"state": "all", "per_page": 100})
        pulls = bench.client.rest("GET", f"{base}/pulls", params={"state": "all", "per_page": 100})
        for pr in pulls:
            bench.client.rest("GET", f"{base}/pulls/{pr['number']}/reviews")
            bench.client.rest("GET", f"{base}/pulls/{pr['number']}/requested_reviewers")
    r1, _ = bench.counts()
    return r1 - r0 + len(bench.cohort.teams), 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--teams", type=int, nargs="+", default=[30, 100])
    args = parser.parse_args()
    print(
        f"{'teams':>5}{'ours reads':>12}{'writes':>8}{'target':>8}{'naive reads':>13}"
        f"{'ratio':>8}{'setup+run s':>13}"
    )
    for teams in args.teams:
        began = time.perf_counter()
        bench = build(teams)
        reads, writes = ours(bench)
        naive_reads, _ = naive(bench)
        target = math.ceil(teams / 25) + 3  # activity, invitations (pending, failed), issue
        ok = "ok" if reads <= target and writes <= 2 else "MISSED"
        print(
            f"{teams:>5}{reads:>12}{writes:>8}{target:>6} {ok:<2}{naive_reads:>12}"
            f"{naive_reads / reads:>7.1f}×{time.perf_counter() - began:>12.1f}"
        )


if __name__ == "__main__":
    main()
