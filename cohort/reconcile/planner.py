"""make_plan: run every differ over desired and actual state, in the explicit kind order."""

from __future__ import annotations

from cohort.reconcile import differs
from cohort.reconcile.model import ActualState, DesiredRepo, DesiredState
from cohort.reconcile.plan import Change, Plan, ordered

PAID_FEATURES_NOTE = (
    "organization '{org}' is on the free plan: branch protection and CODEOWNERS reviews are "
    "not available on private repositories ({repos}), so cohort leaves it unmanaged there; "
    "make them public or upgrade the plan"
)


def make_plan(desired: DesiredState, actual: ActualState) -> Plan:
    """The changes that make ``actual`` match ``desired`` (unmanaged things are left alone)."""
    changes: list[Change] = []
    managed = 0
    for slug, team in desired.teams.items():
        have = actual.teams.get(slug)
        changes += differs.diff_team(team, have, org_members=actual.org_members)
        changes += differs.diff_team_members(
            team,
            have,
            keep=desired.protected_logins,
            viewer=actual.viewer,
            org_members=actual.org_members,
        )
        changes += differs.diff_team_repos(team, have)
        managed += len(team.members) + len(team.repos)
    for name, repo in desired.repos.items():
        have_repo = actual.repos.get(name)
        for differ in (
            differs.diff_repo,
            differs.diff_topics,
            differs.diff_milestones,
            differs.diff_files,
            differs.diff_labels,
            differs.diff_protection,
            differs.diff_issues,
            differs.diff_collaborators,
            differs.diff_archive,
        ):
            if differ is differs.diff_protection and not _can_protect(repo, actual):
                continue
            changes += differ(repo, have_repo)
        managed += len(repo.collaborators)
    return Plan(desired.org, ordered(changes), tuple(_notes(desired, actual)), managed)


def _can_protect(repo: DesiredRepo, actual: ActualState) -> bool:
    """Free organizations cannot protect private repositories (GitHub answers 403)."""
    return repo.visibility == "public" or actual.plan != "free"


def _notes(desired: DesiredState, actual: ActualState) -> list[str]:
    private = sorted(
        n for n, r in desired.repos.items() if r.visibility != "public" and r.protection is not None
    )
    if actual.plan == "free" and private:
        more = f" and {len(private) - 3} more" if len(private) > 3 else ""
        shown = ", ".join(private[:3]) + more
        return [PAID_FEATURES_NOTE.format(org=desired.org, repos=shown)]
    return []
