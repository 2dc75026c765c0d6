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
        team = teams[slug]
        for repo_name, permission in want_team.repos.items():
            team.update_team_repository(org.get_repo(repo_name), permission)
        members = {m.login for m in team.get_members()}
        for login, role in want_team.members.items():
            if login not in members:
                team.add_membership(gh.get_user(login), role)


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
                milestone=milestones[issue.milestone],
            )  # type: ignore[arg-type]


def _protection(repo: Repository, want: DesiredRepo) -> None:
    rule = want.protection
    if rule is None:
        return
    repo.get_branch(rule.pattern).edit_protection(
        required_approving_review_count=rule.required_approvals,
        require_code_owner_reviews=rule.code_owner_review,
    )
