"""retire: a team removed from cohort.yml loses its people and access; its repo is archived.

Only what carries this cohort's marker is touched: teams named ``{cohort}-…`` and, of the
repositories they reach, those named so that also carry every cohort topic. Nothing is ever
deleted: the team stays (empty) and the repository is archived, which needs --allow-archive;
revoking needs --allow-removals.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualState, DesiredState
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class RetirePayload(Payload):
    team: str
    login: str | None = None  # a membership to revoke
    repo: str | None = None  # the team's access to revoke, or (archive) the repo to archive


def diff_retired(desired: DesiredState, actual: ActualState) -> list[Change]:
    protected = {*desired.protected_logins, actual.viewer.lower()}
    out: list[Change] = []
    for slug, team in sorted(actual.retired.items()):
        out += [
            _change(slug, f"{slug}/{login}", ("member", f"{role} → -"), login=login)
            for login, role in sorted(team.members.items())
            if login.lower() not in protected
        ]
        out += [
            _change(slug, f"{slug} on {repo}", ("access", f"{perm} → -"), repo=repo)
            for repo, perm in sorted(team.repos.items())
        ]
    for name, repo in sorted(actual.retired_repos.items()):
        if not repo.archived:
            owner = next((s for s, t in actual.retired.items() if name in t.repos), "")
            out.append(
                Change(
                    kind="retire",
                    action="archive",
                    repo=name,
                    team=None,
                    target=name,
                    details=(("repository", "archived (never deleted)"),),
                    payload=RetirePayload(team=owner, repo=name),
                    destructive=True,
                )
            )
    return out


def _change(
    slug: str, target: str, detail: tuple[str, str], *, login: str | None = None,
    repo: str | None = None,
) -> Change:  # fmt: skip
    return Change(
        kind="retire",
        action="remove",
        repo=repo,
        team=None,
        target=target,
        details=(("team", f"{slug} removed from cohort.yml"), detail),
        payload=RetirePayload(team=slug, login=login, repo=repo),
        destructive=True,
    )


KIND = register(KindSpec("retire", 112, RetirePayload, diff_retired))
