"""One pure differ per resource kind: ``diff_x(want, have) -> list[Change]``."""

from __future__ import annotations

from cohort.reconcile.calendar import same_day
from cohort.reconcile.model import (
    STAMP_PATH,
    ActualRepo,
    ActualTeam,
    DesiredRepo,
    DesiredTeam,
    Role,
    blob_sha,
)
from cohort.reconcile.plan import Action, Change


def diff_team(
    want: DesiredTeam, have: ActualTeam | None, *, org_members: frozenset[str] = frozenset()
) -> list[Change]:
    """Create a missing team, naming its maintainers who are org members in the same request."""
    if have is not None:
        return []
    data: dict[str, object] = {
        "slug": want.slug,
        "name": want.name,
        "description": want.description,
        "maintainers": founding_maintainers(want, org_members),
    }
    return [Change("team", "create", None, want.cohort_team, want.slug, data=data)]


def founding_maintainers(want: DesiredTeam, org_members: frozenset[str]) -> list[str]:
    """Maintainers who can be named when the team is created: those already org members."""
    return sorted(
        login
        for login, role in want.members.items()
        if role == "maintainer" and login.lower() in org_members
    )


def diff_team_members(
    want: DesiredTeam,
    have: ActualTeam | None,
    *,
    keep: frozenset[str],
    viewer: str,
    org_members: frozenset[str] = frozenset(),
) -> list[Change]:
    """Add, re-role and remove members; pending invitations count as present.

    For a team still to be created, its founding maintainers come with the creation.
    """
    current: dict[str, Role] = dict(have.members) if have else {}
    if have is None:
        current = dict.fromkeys(founding_maintainers(want, org_members), "maintainer")
    pending = {p.lower() for p in have.pending} if have else set()
    protected = {*keep, viewer.lower()}
    return _member_upserts(want, current, pending) + _member_removals(want, current, protected)


def _member_upserts(want: DesiredTeam, current: dict[str, Role], pending: set[str]) -> list[Change]:
    lower = {k.lower(): v for k, v in current.items()}
    out = []
    for login, role in want.members.items():
        had = lower.get(login.lower())
        if had == role or (had is None and login.lower() in pending):
            continue
        action: Action = "create" if had is None else "update"
        out.append(
            Change(
                "team-member",
                action,
                None,
                want.cohort_team,
                f"{want.slug}/{login}",
                (("role", f"{had or '-'} → {role}"),),
                {"team": want.slug, "login": login, "role": role},
            )
        )
    return out


def _member_removals(
    want: DesiredTeam, current: dict[str, Role], protected: set[str]
) -> list[Change]:
    wanted = {w.lower() for w in want.members}
    return [
        Change(
            "team-member",
            "remove",
            None,
            want.cohort_team,
            f"{want.slug}/{login}",
            (("role", f"{role} → -"),),
            {"team": want.slug, "login": login},
        )
        for login, role in current.items()
        if login.lower() not in wanted and login.lower() not in protected
    ]


def diff_team_repos(want: DesiredTeam, have: ActualTeam | None) -> list[Change]:
    current = have.repos if have else {}
    out = []
    for repo, perm in want.repos.items():
        if current.get(repo) != perm:
            out.append(
                Change(
                    "team-repo",
                    "create" if repo not in current else "update",
                    repo,
                    want.cohort_team,
                    f"{want.slug} on {repo}",
                    (("permission", f"{current.get(repo, '-')} → {perm}"),),
                    {"team": want.slug, "repo": repo, "permission": perm},
                )
            )
    return out


def diff_repo(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    if have is None:
        return [
            Change(
                "repo",
                "create",
                want.name,
                want.team,
                want.name,
                (("visibility", want.visibility),),
                {
                    "name": want.name,
                    "visibility": want.visibility,
                    "description": want.description,
                    "team": want.github_team,
                },
            )
        ]
    details = []
    if have.description != want.description:
        details.append(("description", f"{have.description!r} → {want.description!r}"))
    if have.visibility != want.visibility:
        details.append(("visibility", f"{have.visibility} → {want.visibility}"))
    if not details:
        return []
    return [
        Change(
            "repo",
            "update",
            want.name,
            want.team,
            want.name,
            tuple(details),
            {"name": want.name, "description": want.description, "visibility": want.visibility},
        )
    ]


def diff_archive(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    if have is None or not want.archived or have.archived:
        return []
    return [Change("archive", "archive", want.name, want.team, want.name, data={"name": want.name})]


def diff_topics(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = tuple(sorted(have.topics)) if have else ()
    if current == want.topics:
        return []
    return [
        Change(
            "topics",
            "update" if have else "create",
            want.name,
            want.team,
            ", ".join(want.topics),
            (("topics", f"{list(current)} → {list(want.topics)}"),),
            {"repo": want.name, "topics": list(want.topics)},
        )
    ]


def diff_files(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    """The scaffold once (until its stamp exists), then only the managed files."""
    oids = have.file_oids if have else {}
    files = want.managed_files if oids.get(STAMP_PATH) else want.scaffold
    changed = {p: blob_sha(c) for p, c in sorted(files.items()) if oids.get(p) != blob_sha(c)}
    if not changed:
        return []
    scaffolding = not oids.get(STAMP_PATH)
    target = f"{len(changed)} scaffold files" if scaffolding else ", ".join(changed)
    return [
        Change(
            "files",
            "create" if scaffolding else "update",
            want.name,
            want.team,
            target,
            ()
            if scaffolding
            else tuple((p, "added" if oids.get(p) is None else "changed") for p in changed),
            {"repo": want.name, "files": changed},
        )
    ]


def diff_labels(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = {k.lower(): v for k, v in (have.labels if have else {}).items()}
    out = []
    for label in want.labels:
        found = current.get(label.name.lower())
        if found is None:
            out.append(
                Change(
                    "label",
                    "create",
                    want.name,
                    want.team,
                    label.name,
                    data={
                        "repo": want.name,
                        "name": label.name,
                        "color": label.color,
                        "description": label.description,
                    },
                )
            )
        elif (found[1].color.lower(), found[1].description) != (label.color, label.description):
            out.append(
                Change(
                    "label",
                    "update",
                    want.name,
                    want.team,
                    label.name,
                    (("color", f"{found[1].color} → {label.color}"),),
                    {
                        "repo": want.name,
                        "id": found[0],
                        "name": label.name,
                        "color": label.color,
                        "description": label.description,
                    },
                )
            )
    return out


def diff_milestones(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    current = have.milestones if have else {}
    out = []
    for m in want.milestones:
        data: dict[str, object] = {
            "repo": want.name,
            "title": m.title,
            "due_on": m.due_on,
            "description": m.description,
        }
        if m.title not in current:
            out.append(
                Change(
                    "milestone", "create", want.name, want.team, m.title, (("due", m.due_on),), data
                )
            )
            continue
        number, _, old = current[m.title]
        if not same_day(old.due_on, m.due_on) or old.description != m.description:
            out.append(
                Change(
                    "milestone",
                    "update",
                    want.name,
                    want.team,
                    m.title,
                    (("due", f"{old.due_on} → {m.due_on}"),),
                    {**data, "number": number},
                )
            )
    return out


def diff_issues(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    """Milestone issues are created once; their checklists then belong to the team."""
    current = have.issues if have else {}
    return [
        Change(
            "issue",
            "create",
            want.name,
            want.team,
            issue.title,
            (("milestone", issue.milestone),),
            {
                "repo": want.name,
                "key": issue.key,
                "title": issue.title,
                "body": issue.body,
                "milestone": issue.milestone,
                "labels": list(issue.labels),
            },
        )
        for issue in want.issues
        if issue.key not in current
    ]


def diff_protection(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    rule = want.protection
    if rule is None:
        return []
    found = (have.protection if have else {}).get(rule.pattern)
    data: dict[str, object] = {
        "repo": want.name,
        "pattern": rule.pattern,
        "approvals": rule.required_approvals,
        "code_owner_review": rule.code_owner_review,
    }
    if found is None:
        return [
            Change(
                "protection",
                "create",
                want.name,
                want.team,
                rule.pattern,
                (("approvals", str(rule.required_approvals)),),
                data,
            )
        ]
    if found[1] == rule:
        return []
    return [
        Change(
            "protection",
            "update",
            want.name,
            want.team,
            rule.pattern,
            (
                ("approvals", f"{found[1].required_approvals} → {rule.required_approvals}"),
                ("code owners", f"{found[1].code_owner_review} → {rule.code_owner_review}"),
            ),
            {**data, "id": found[0]},
        )
    ]


def diff_collaborators(want: DesiredRepo, have: ActualRepo | None) -> list[Change]:
    """Direct grants to mentors; invitations count as present; former mentors lose theirs."""
    granted = {k.lower(): v for k, v in (have.collaborators if have else {}).items()}
    invited = {k.lower(): v for k, v in (have.pending_collaborators if have else {}).items()}
    present = {**granted, **invited}
    out = [
        Change(
            "collaborator",
            "create" if login.lower() not in present else "update",
            want.name,
            want.team,
            login,
            (("permission", f"{present.get(login.lower(), '-')} → {perm}"),),
            {"repo": want.name, "login": login, "permission": perm},
        )
        for login, perm in want.collaborators.items()
        if present.get(login.lower()) != perm
    ]
    wanted = {w.lower() for w in want.collaborators}
    out += [
        Change(
            "collaborator",
            "remove",
            want.name,
            want.team,
            login,
            (("permission", f"{perm} → -"),),
            {"repo": want.name, "login": login},
        )
        for login, perm in (have.collaborators if have else {}).items()
        if login.lower() in want.managed_collaborators and login.lower() not in wanted
    ]
    return out
