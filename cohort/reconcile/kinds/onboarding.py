"""onboarding: one week-one issue per mentee, created once, assigned once GitHub allows it.

A kind of its own rather than part of ``issue``: a milestone issue is created once and then
belongs to the team, while an onboarding issue is keyed per mentee and has a second step,
the assignment, which waits for the mentee to accept their invitation (GitHub refuses to
assign people who cannot access the repository yet; until then the body mentions them).

A mentee who leaves a team keeps their issue: it is the team's record now, like a milestone
checklist, so cohort never closes it; the plan carries a note while it is open (whoever
closes it decides what it says). A mentee who moves gets a new one in the new repository.
"""

from __future__ import annotations

from dataclasses import dataclass

from cohort.reconcile.model import ActualRepo, ActualState, DesiredRepo, DesiredState
from cohort.reconcile.plan import Action, Change, Payload
from cohort.reconcile.registry import KindSpec, register


@dataclass(frozen=True)
class OnboardingPayload(Payload):
    repo: str
    key: str
    login: str
    assign: bool  # create: assign at once (the mentee can be assigned by then)
    number: int | None = None  # update: the issue to assign
    title: str | None = None  # create only
    body: str | None = None
    milestone: str | None = None
    labels: tuple[str, ...] | None = None


def assignable(desired: DesiredState, actual: ActualState, repo: DesiredRepo) -> frozenset[str]:
    """Lower-case logins GitHub will let be assigned in ``repo`` when the issue is written.

    Active members of the team that grants the repository, and organization members the plan
    adds to it (GitHub adds them at once; others get an invitation and stay pending).
    ``org_members`` is read only when a team is created, so for an existing team a joining
    member is assigned one run later.
    """
    have = actual.teams.get(repo.github_team)
    active = {m.lower() for m in have.members} if have else set()
    pending = {p.lower() for p in have.pending} if have else set()
    wanted = {m.lower() for m in desired.teams[repo.github_team].members}
    joining = (wanted & actual.org_members) - pending
    return frozenset(active | joining)


def diff_onboarding(desired: DesiredState, actual: ActualState) -> list[Change]:
    out: list[Change] = []
    for name, want in desired.repos.items():
        if want.onboarding is None or want.archived:
            continue
        out += _repo_changes(want, actual.repos.get(name), assignable(desired, actual, want))
    return out


def _repo_changes(want: DesiredRepo, have: ActualRepo | None, can: frozenset[str]) -> list[Change]:
    assert want.onboarding is not None
    existing = have.issues if have else {}
    facts = have.issue_facts if have else {}
    out = []
    for issue in want.onboarding.issues:
        login = issue.login
        if issue.key not in existing:
            now = login.lower() in can
            waiting = "once they accept; mentioned until then"
            payload = OnboardingPayload(
                repo=want.name,
                key=issue.key,
                login=login,
                assign=now,
                title=issue.title,
                body=issue.body,
                milestone=issue.milestone,
                labels=issue.labels,
            )
            out.append(_change(want, "create", login, f"@{login}" if now else waiting, payload))
            continue
        state = facts.get(issue.key)
        if state and state.open and login.lower() in can and login.lower() not in state.assignees:
            number = existing[issue.key][0]
            payload = OnboardingPayload(
                repo=want.name, key=issue.key, login=login, assign=True, number=number
            )
            out.append(_change(want, "update", login, f"#{number} → @{login}", payload))
    return out


def _change(
    want: DesiredRepo, action: Action, login: str, assign: str, payload: OnboardingPayload
) -> Change:
    return Change(
        kind="onboarding",
        action=action,
        repo=want.name,
        team=want.team,
        target=f"@{login}",
        details=(("assign", assign),),
        payload=payload,
    )


def departed_notes(desired: DesiredState, actual: ActualState) -> list[str]:
    """Open onboarding issues of people the team no longer has (cohort leaves them open)."""
    notes = []
    for name, want in desired.repos.items():
        have = actual.repos.get(name)
        if want.onboarding is None or have is None:
            continue
        wanted = {i.key for i in want.onboarding.issues}
        for key, facts in sorted(have.issue_facts.items()):
            if key.startswith(want.onboarding.prefix) and key not in wanted and facts.open:
                login = key[len(want.onboarding.prefix) :]
                number = have.issues[key][0] if key in have.issues else 0
                notes.append(
                    f"team {want.team}: onboarding issue #{number} of {login}, who is no longer "
                    f"a mentee of the team, is still open in {name}; cohort leaves it to the "
                    "team (close it with a comment if they left)"
                )
    return notes


KIND = register(KindSpec("onboarding", 92, OnboardingPayload, diff_onboarding))
