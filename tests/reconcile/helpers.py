"""Test helpers: a tiny rendered scaffold, and actual state that already matches desired."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from cohort.config.load import parse_cohort
from cohort.config.model import CohortFile
from cohort.reconcile.desired import build_desired
from cohort.reconcile.model import (
    CODEOWNERS_PATH,
    STAMP_PATH,
    ActualRepo,
    ActualState,
    ActualTeam,
    DesiredState,
    IssueFacts,
    blob_sha,
)
from tests.conftest import EXAMPLE, KNOWN_TEMPLATES


@dataclass(frozen=True)
class TinyIssue:
    phase: str
    key: str
    title: str
    body: str
    labels: tuple[str, ...] = ("kind: milestone",)


@dataclass(frozen=True)
class TinyOnboarding:
    handle: str
    title: str
    body: str


@dataclass(frozen=True)
class TinyProject:
    files: Mapping[str, bytes] = field(default_factory=dict)
    issues: tuple[TinyIssue, ...] = ()
    pages: str | None = None
    onboarding: tuple[TinyOnboarding, ...] = ()


def tiny(team: str, mentors: Sequence[str] = (), mentees: Sequence[str] = ()) -> TinyProject:
    """A two-file scaffold whose own short CODEOWNERS names the mentors (as a template may),
    and a one-line onboarding issue per mentee."""
    owners = " ".join(f"@{m}" for m in mentors)
    return TinyProject(
        files={
            "README.md": f"# {team}\n".encode(),
            STAMP_PATH: b'{"template": "tiny"}\n',
            CODEOWNERS_PATH: f"# Mentors are the code owners: their review is required.\n"
            f"* {owners}\n".encode(),
        },
        issues=tuple(
            TinyIssue(p, p, f"{p.title()} milestone", f"- [ ] do the {p}")
            for p in ("design", "code", "deployment")
        ),
        onboarding=tuple(
            TinyOnboarding(m, f"Your first week, {m}", f"Welcome, @{m}!") for m in mentees
        ),
    )


def example_cohort(text: str | None = None) -> CohortFile:
    source = text if text is not None else EXAMPLE.read_text(encoding="utf-8")
    return parse_cohort(source, "cohort.yml", KNOWN_TEMPLATES).cohort


def desired_for(cohort: CohortFile) -> DesiredState:
    return build_desired(cohort, {t.slug: tiny(t.slug, t.mentors, t.mentees) for t in cohort.teams})


def matching_actual(desired: DesiredState, viewer: str = "ada-organizes") -> ActualState:
    """An actual state in which nothing needs to change."""
    teams: dict[str, ActualTeam | None] = {
        slug: ActualTeam(slug, f"T_{slug}", i + 1, dict(t.members), set(), dict(t.repos))
        for i, (slug, t) in enumerate(desired.teams.items())
    }
    repos: dict[str, ActualRepo | None] = {}
    for name, r in desired.repos.items():
        files = {**r.scaffold, **r.managed_files}
        repos[name] = ActualRepo(
            name=name,
            node_id=f"R_{name}",
            visibility=r.visibility,
            description=r.description,
            topics=r.topics,
            archived=False,
            default_branch="main",
            head_oid="0" * 40,
            file_oids={p: blob_sha(c) for p, c in files.items()},
            labels={lb.name: (f"L_{lb.name}", lb) for lb in r.labels},
            milestones={m.title: (i + 1, f"M_{m.title}", m) for i, m in enumerate(r.milestones)},
            issues={
                key: (n + 1, f"I_{key}")
                for n, key in enumerate(
                    [i.key for i in r.issues]
                    + [i.key for i in (r.onboarding.issues if r.onboarding else ())]
                )
            },
            issue_facts={  # onboarding issues: open, assigned to their mentee
                i.key: IssueFacts(True, frozenset({i.login.lower()}))
                for i in (r.onboarding.issues if r.onboarding else ())
            },
            protection={r.protection.pattern: ("P", r.protection)} if r.protection else {},
            collaborators=dict(r.collaborators),
        )
    return ActualState(desired.org, viewer, "", teams, repos)
