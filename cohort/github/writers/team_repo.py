"""Build team access mutations: grants of one permission on one repository share one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from cohort.github import mutations as mut
from cohort.github import routes
from cohort.github.writers.base import WriteContext, Writer, register_writer
from cohort.reconcile.kinds.team_repo import TeamRepoPayload
from cohort.reconcile.model import Permission
from cohort.reconcile.plan import Change


def build_grants(changes: Sequence[Change], ctx: WriteContext) -> list[mut.Mutation]:
    grants: dict[tuple[str, Permission], list[Change]] = defaultdict(list)
    for change in changes:
        p = change.payload_as(TeamRepoPayload)
        grants[(p.repo, p.permission)].append(change)
    out = []
    for (repo, permission), group in grants.items():
        teams = [ctx.team_id(c.payload_as(TeamRepoPayload).team) for c in group]
        m = mut.team_access(ctx.repo_id(repo), teams, permission)
        m.tags, m.repo = tuple(group), repo
        out.append(m)
    return out


WRITER = register_writer(Writer("team-repo", 40, build=build_grants, needs=(routes.TEAM_ACCESS,)))
