"""Simulated team activity on a sandbox through the real client: branches, PRs, reviews."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass, field

from cohort.github.client import Client
from cohort.sandbox import SandboxTransport
from tests.github.orgkit import Org

ORG = "omp-cohorts"


@dataclass
class Simulation:
    org: Org
    clients: dict[str, Client] = field(default_factory=dict)
    counter: int = 0

    def as_(self, login: str) -> Client:
        if login not in self.clients:
            self.org.box.accept_invitations(login)
            self.clients[login] = Client(
                self.org.box.issue_token(login),
                transport=SandboxTransport(self.org.box),
                clock=self.org.clock,
            )
        return self.clients[login]

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.org.clock.wall(), dt.UTC)

    def move_to(self, moment: dt.datetime) -> None:
        self.org.clock.advance(moment.timestamp() - self.org.clock.wall())

    def open_pr(self, author: str, repo: str, title: str) -> int:
        """A branch with one new file, and a pull request from it, opened by ``author``."""
        self.counter += 1
        gh, base = self.as_(author), f"/repos/{ORG}/{repo}"
        head = gh.rest("GET", f"{base}/git/ref/heads/main")["object"]["sha"]
        branch = f"change-{self.counter}"
        gh.rest("POST", f"{base}/git/refs", {"ref": f"refs/heads/{branch}", "sha": head})
        content = base64.b64encode(f"change {self.counter}\n".encode()).decode()
        gh.rest(
            "PUT",
            f"{base}/contents/src/change{self.counter}.txt",
            {"message": title, "content": content, "branch": branch},
        )
        made = gh.rest("POST", f"{base}/pulls", {"title": title, "head": branch, "base": "main"})
        return int(made["number"])

    def review(self, mentor: str, repo: str, number: int, event: str = "APPROVE") -> None:
        self.as_(mentor).rest(
            "POST",
            f"/repos/{ORG}/{repo}/pulls/{number}/reviews",
            {"event": event, "body": "reviewed"},
        )

    def merge(self, who: str, repo: str, number: int) -> None:
        self.as_(who).rest(
            "PUT", f"/repos/{ORG}/{repo}/pulls/{number}/merge", {"merge_method": "squash"}
        )

    def close_issue(self, who: str, repo: str, number: int) -> None:
        self.as_(who).rest("PATCH", f"/repos/{ORG}/{repo}/issues/{number}", {"state": "closed"})

    def milestone_issues(self, repo: str, title: str) -> list[int]:
        state = self.org.box.state.repos[f"{ORG}/{repo}"]
        number = next(m.number for m in state.milestones if m.title == title)
        return sorted(
            i.number for i in state.issues.values() if i.milestone == number and i.pull is None
        )
