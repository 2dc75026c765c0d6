"""The naive way: one REST call per object with PyGithub, as GITHUB.md describes it.

It reaches the same final state as cohort (asserted by the benchmark), reading each kind of
object once per repository to decide what to create, and writing one request per object.
"""

from __future__ import annotations

from github import Auth, Github, GithubException
from github.Organization import Organization
from github.Repository import Repository
from github.Team import Team

from cohort.reconcile.model import DesiredRepo, DesiredState, DesiredTeam


def naive_apply(desired: DesiredState, base_url: str, token: str) -> None:
    gh = Github(
        auth=Auth.Token(token),
        base_url=base_url,
        seconds_between_requests=0,
        seconds_between_writes=0,
        retry=None,
    )
    org = gh.get_organization(desired.org)
    teams = {slug: _team(org, t) for slug, t in desired.teams.items()}
    for want in desired.repos.values():
        repo = _repo(org, want, teams[want.github_team])
        _files(repo, want)
        _labels(repo, want)
        milestones = _milestones(repo, want)
        _issues(repo, want, milestones)
        _protection(repo, want)
        repo.replace_topics(list(want.topics))
    for slug, want_team in desired.teams.items():
        _team_access(org, slug, want_team)


def _team_access(org: Organization, slug: str, want: DesiredTeam) -> None:
    """Team repos and members, one call per object, on GitHub's documented org/slug paths.

    (PyGithub's Team methods follow the team's legacy ``url``; the documented paths are
    what GitHub's description has, so the naive way calls them through the requester.)
    """
    base = f"{org.url}/teams/{slug}"
    requester = org._requester
    for repo_name, permission in want.repos.items():
        requester.requestJsonAndCheck(
            "PUT", f"{base}/repos/{org.login}/{repo_name}", input={"permission": permission}
        )
    _, members = requester.requestJsonAndCheck(
        "GET", f"{base}/members", parameters={"per_page": 100}
    )
    have = {m["login"] for m in members}
    for login, role in want.members.items():
        if login not in have:
            requester.requestJsonAndCheck(
                "PUT", f"{base}/memberships/{login}", input={"role": role}
            )


def _team(org: Organization, want: DesiredTeam) -> Team:
    try:
        return org.get_team_by_slug(want.slug)
    except GithubException:
        return org.create_team(want.name, description=want.description, privacy="closed")


def _repo(org: Organization, want: DesiredRepo, team: Team) -> Repository:
    try:
        return org.get_repo(want.name)
    except GithubException:
        return org.create_repo(
            want.name,
            description=want.description,
            private=want.visibility != "public",
            auto_init=True,
            team_id=team.id,
        )


def _files(repo: Repository, want: DesiredRepo) -> None:
    for path, content in sorted({**want.scaffold, **want.managed_files}.items()):
        try:
            existing = repo.get_contents(path)
        except GithubException:
            repo.create_file(path, f"Add {path}", content)
            continue
        if not isinstance(existing, list) and existing.decoded_content != content:
            repo.update_file(path, f"Update {path}", content, existing.sha)


def _labels(repo: Repository, want: DesiredRepo) -> None:
    have = {label.name for label in repo.get_labels()}
    for label in want.labels:
        if label.name not in have:
            repo.create_label(label.name, label.color, label.description)


def _milestones(repo: Repository, want: DesiredRepo) -> dict[str, object]:
    import datetime as dt

    have = {m.title: m for m in repo.get_milestones(state="all")}
    for m in want.milestones:
        if m.title not in have:
            due = dt.datetime.fromisoformat(m.due_on + "T12:00:00+00:00")
            have[m.title] = repo.create_milestone(m.title, description=m.description, due_on=due)
    return dict(have)


def _issues(repo: Repository, want: DesiredRepo, milestones: dict[str, object]) -> None:
    bodies = {i.body or "" for i in repo.get_issues(state="all")}
    for issue in want.issues:
        if issue.body not in bodies:
            repo.create_issue(
                issue.title,
                body=issue.body,
                labels=list(issue.labels),
                milestone=milestones[issue.milestone],  # type: ignore[arg-type]
            )


def _protection(repo: Repository, want: DesiredRepo) -> None:
    rule = want.protection
    if rule is None:
        return
    # PyGithub's edit_protection sends null for booleans GitHub's schema types as boolean,
    # so the one PUT goes through its requester with a body that follows the schema.
    body = {
        "required_status_checks": None,
        "enforce_admins": None,
        "restrictions": None,
        "required_pull_request_reviews": {
            "required_approving_review_count": rule.required_approvals,
            "require_code_owner_reviews": rule.code_owner_review,
        },
    }
    repo._requester.requestJsonAndCheck(
        "PUT", f"{repo.url}/branches/{rule.pattern}/protection", input=body
    )
