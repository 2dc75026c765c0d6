"""team-repo: a GitHub team's permission on a team repository."""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualState, DesiredState, Permission
from cohort.reconcile.plan import Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class TeamRepoPayload(Payload):
    team: str
    repo: str
    permission: Permission


def diff_team_repos(desired: DesiredState, actual: ActualState) -> list[Change]:
    out = []
    for slug, want in desired.teams.items():
        have = actual.teams.get(slug)
        current = have.repos if have else {}
        for repo, perm in want.repos.items():
            if current.get(repo) == perm:
                continue
            out.append(
                Change(
                    kind="team-repo",
                    action="create" if repo not in current else "update",
                    repo=repo,
                    team=want.cohort_team,
                    target=f"{want.slug} on {repo}",
                    details=(("permission", f"{current.get(repo, '-')} → {perm}"),),
                    payload=TeamRepoPayload(team=want.slug, repo=repo, permission=perm),
                )
            )
    return out


def _grants(desired: DesiredState) -> int:
    return sum(len(team.repos) for team in desired.teams.values())


KIND = register(KindSpec("team-repo", 80, TeamRepoPayload, diff_team_repos, _grants))
