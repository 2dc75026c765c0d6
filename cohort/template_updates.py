"""Use case: propose template changes to existing team repositories as pull requests.

For each team: read the repository's files (blob SHAs) and stamp, plan a three-way update
(:mod:`cohort.templates.update`), and, when confirmed, open one pull request with it. Returns
a value per team; nothing is written without ``confirm``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cohort.config.model import CohortFile
from cohort.config.naming import repo_name
from cohort.github import template_update_io as io
from cohort.github.ports import GitHubPort
from cohort.reconcile.model import blob_sha
from cohort.templates.model import STAMP_PATH, RenderedProject
from cohort.templates.update import (
    TemplateUpdate,
    blobs_needed,
    parse_stamp,
    plan_update,
    pull_request_body,
)

Status = Literal[
    "up to date",
    "would propose",
    "proposed",
    "already proposed",
    "no repository",
    "not scaffolded by cohort",
    "other template",
]


@dataclass(frozen=True)
class TeamUpdate:
    team: str
    repo: str
    status: Status
    update: TemplateUpdate | None = None
    url: str = ""

    def as_json(self) -> dict[str, object]:
        update = self.update
        return {
            "team": self.team,
            "repo": self.repo,
            "status": self.status,
            "url": self.url,
            "from_version": update.from_version if update else None,
            "to_version": update.to_version if update else None,
            "changes": [{"path": c.path, "action": c.action} for c in update.changes]
            if update
            else [],
            "conflicts": [{"path": c.path, "reason": c.reason} for c in update.conflicts]
            if update
            else [],
        }


def run_template_update(
    client: GitHubPort,
    cohort: CohortFile,
    rendered: Mapping[str, RenderedProject],
    *,
    confirm: bool,
) -> list[TeamUpdate]:
    """One result per team in ``rendered`` (team slug → its new rendering)."""
    teams = {t.slug: t for t in cohort.teams}
    org = cohort.program.organization
    results = []
    for slug, project in rendered.items():
        repo = f"{org}/{repo_name(cohort, teams[slug])}"
        results.append(_one(client, slug, repo, project, confirm=confirm))
    return results


def _one(
    client: GitHubPort, team: str, repo: str, project: RenderedProject, *, confirm: bool
) -> TeamUpdate:
    found = io.read_files(client, repo)
    if found is None:
        return TeamUpdate(team, repo, "no repository")
    raw = io.read_stamp(client, found)
    stamp = parse_stamp(raw) if raw is not None else None
    if stamp is None:
        return TeamUpdate(team, repo, "not scaffolded by cohort")
    if stamp.template != project.template:
        return TeamUpdate(team, repo, "other template")
    needed = blobs_needed(project, stamp, found.files)
    update = plan_update(project, stamp, found.files, io.read_blobs(client, repo, needed))
    if not update.writes and not update.deletions:
        return TeamUpdate(team, repo, "up to date", update)
    new_stamp = blob_sha(project.files[STAMP_PATH])
    branch = f"cohort/template-{project.template}-{project.version}-{new_stamp[:8]}"
    title = f"Update from the {project.template} template ({project.version})"
    url, is_open = io.open_pull(client, found, branch)
    if is_open:
        return TeamUpdate(team, repo, "already proposed", update, url)
    if not confirm:
        return TeamUpdate(team, repo, "would propose", update)
    body = pull_request_body(update, repo)
    url = io.propose(client, found, branch, dict(update.writes), update.deletions, title, body)
    return TeamUpdate(team, repo, "proposed", update, url)
