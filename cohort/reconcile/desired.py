"""Build the desired state of the organization from a cohort and its rendered scaffolds (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from cohort.config.model import CohortFile, Team
from cohort.config.naming import marker, organizers_team_slug, repo_name, team_slug
from cohort.init_files import package_version
from cohort.labels import CATALOGUE, phase_label
from cohort.reconcile.bot_files import SLICE_PATH, WORKFLOW_PATH, bot_workflow, slice_text
from cohort.reconcile.calendar import MILESTONE_TITLES, phase_dates
from cohort.reconcile.model import (
    CODEOWNERS_PATH,
    DesiredRepo,
    DesiredState,
    DesiredTeam,
    Issue,
    Label,
    Milestone,
    Onboarding,
    OnboardingIssue,
    Permission,
    Protection,
    Role,
)


class RenderedIssue(Protocol):
    @property
    def phase(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def labels(self) -> tuple[str, ...]: ...


class RenderedOnboarding(Protocol):
    @property
    def handle(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def body(self) -> str: ...


class Rendered(Protocol):
    """What desired state needs from a rendered scaffold."""

    @property
    def files(self) -> Mapping[str, bytes]: ...
    @property
    def issues(self) -> Sequence[RenderedIssue]: ...
    @property
    def pages(self) -> str | None: ...
    @property
    def onboarding(self) -> Sequence[RenderedOnboarding]: ...


def build_desired(cohort: CohortFile, rendered: Mapping[str, Rendered]) -> DesiredState:
    """Desired teams and repositories; ``rendered`` maps team slug to its scaffold."""
    org_team = organizers_team_slug(cohort)
    repos = {}
    teams = {org_team: _organizers_team(cohort)}
    for team in cohort.teams:
        repo = _repo(cohort, team, rendered[team.slug])
        repos[repo.name] = repo
        teams[repo.github_team] = _team(cohort, team, repo.name)
        teams[org_team].repos[repo.name] = "admin"
    return DesiredState(
        org=cohort.program.organization,
        teams=teams,
        repos=repos,
        protected_logins=frozenset(h.lower() for h in cohort.organizers),
        prefix=f"{cohort.program.cohort}-",
        topics=tuple(sorted(set(cohort.repositories.topics))),
    )


def _organizers_team(cohort: CohortFile) -> DesiredTeam:
    members: dict[str, Role] = dict.fromkeys(cohort.organizers, "maintainer")
    return DesiredTeam(
        slug=organizers_team_slug(cohort),
        name=f"{cohort.program.cohort} organizers",
        description=f"Organizers of {cohort.program.name} {cohort.program.cohort}",
        members=members,
        repos={},
        cohort_team=None,
    )


def _team(cohort: CohortFile, team: Team, repo: str) -> DesiredTeam:
    members: dict[str, Role] = dict.fromkeys(team.mentees, "member")
    members.update(dict.fromkeys(team.mentors, "maintainer"))
    return DesiredTeam(
        slug=team_slug(cohort, team),
        name=team_slug(cohort, team),
        description=f"{cohort.program.name} {cohort.program.cohort}: team {team.slug}",
        members=members,
        repos={repo: "push"},
        cohort_team=team.slug,
    )


def _repo(cohort: CohortFile, team: Team, rendered: Rendered) -> DesiredRepo:
    project = next(p for p in cohort.projects if p.id == team.project)
    files = dict(rendered.files)
    codeowners = files.get(CODEOWNERS_PATH)
    if codeowners is None:  # templates/render.py always writes it (templates.codeowners)
        raise ValueError(f"the scaffold of team {team.slug} has no {CODEOWNERS_PATH}")
    bot = _bot_files(cohort, team)
    files.update(bot)
    policy = cohort.policy
    protection = (
        Protection(
            "main",
            policy.protection.required_approvals,
            policy.protection.require_code_owner_review,
        )
        if policy.protection
        else None
    )
    maintain = policy.mentor_permission == "maintain"
    collaborators: dict[str, Permission] = (
        dict.fromkeys(team.mentors, "maintain") if maintain else {}
    )
    managed = frozenset(m.handle.lower() for m in cohort.mentors) if maintain else frozenset()
    return DesiredRepo(
        name=repo_name(cohort, team),
        team=team.slug,
        github_team=team_slug(cohort, team),
        visibility=cohort.repositories.visibility,
        description=f"{project.title}: {cohort.program.name} {cohort.program.cohort}, "
        f"team {team.slug}"[:350],
        topics=tuple(sorted(set(cohort.repositories.topics))),
        scaffold=files,
        managed_files={CODEOWNERS_PATH: codeowners, **bot},
        labels=tuple(Label(s.name, s.color, s.description) for s in CATALOGUE)
        if policy.labels
        else (),
        milestones=_milestones(cohort),
        issues=_issues(cohort, team, rendered),
        protection=protection,
        collaborators=collaborators,
        managed_collaborators=managed,
        pages=rendered.pages,
        onboarding=_onboarding(cohort, team, rendered),
    )


def _bot_files(cohort: CohortFile, team: Team) -> dict[str, bytes]:
    """Serverless mode: the cohort-bot workflow and the team's slice of the cohort it reads."""
    if cohort.policy.mentor_bot != "workflow":
        return {}
    return {
        SLICE_PATH: slice_text(cohort, team),
        WORKFLOW_PATH: bot_workflow(package_version()),
    }


def _milestones(cohort: CohortFile) -> tuple[Milestone, ...]:
    return tuple(
        Milestone(
            title=MILESTONE_TITLES[p.name],
            due_on=p.due.isoformat(),
            description=f"Weeks {p.first_week}-{p.last_week} ({p.start.isoformat()} to "
            f"{p.due.isoformat()}): the {p.name} phase.",
        )
        for p in phase_dates(cohort.calendar)
    )


def _issues(cohort: CohortFile, team: Team, rendered: Rendered) -> tuple[Issue, ...]:
    out = []
    for item in rendered.issues:
        key = f"{cohort.program.cohort}/{team.slug}/{item.key}"
        labels = tuple(dict.fromkeys((phase_label(item.phase), *item.labels)))
        out.append(
            Issue(
                key=key,
                title=item.title,
                body=f"{item.body.rstrip()}\n\n{marker('issue', key)}\n",
                milestone=MILESTONE_TITLES[item.phase],
                labels=labels,
            )
        )
    return tuple(out)


def _onboarding(cohort: CohortFile, team: Team, rendered: Rendered) -> Onboarding | None:
    """One week-one issue per mentee, in the design milestone (None when switched off)."""
    if not cohort.program.onboarding_issues:
        return None
    prefix = f"{cohort.program.cohort}/{team.slug}/onboarding/"
    labels = (phase_label("design"),) if cohort.policy.labels else ()
    issues = []
    for item in rendered.onboarding:
        key = prefix + item.handle.lower()
        issues.append(
            OnboardingIssue(
                key=key,
                login=item.handle,
                title=item.title,
                body=f"{item.body.rstrip()}\n\n{marker('issue', key)}\n",
                milestone=MILESTONE_TITLES["design"],
                labels=labels,
            )
        )
    return Onboarding(prefix, tuple(issues))
