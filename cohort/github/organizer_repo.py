"""The organizer repository (``program.organizer_repo``): checked by plan, created when asked.

An App installation limited to selected repositories reads every other repository as
missing (404), so for such a token "not found" may mean "not granted": plan and apply stop
before any write with how to grant it. An installation on all repositories costs no extra read.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from cohort.config.model import CohortFile
from cohort.errors import GitHubError, NotFoundError, UnprocessableError
from cohort.github import routes
from cohort.github.ports import InstallationAccess, RestPort
from cohort.reconcile.prerequisites import MissingPrerequisiteError

DEFAULT = "cohort-admin"  # what the CLI and the App assume when cohort.yml names none


@runtime_checkable
class KnowsInstallation(Protocol):
    """A client that can tell which repositories its App installation token reaches."""

    @property
    def installation(self) -> InstallationAccess | None: ...


def organizer_repo_name(cohort: CohortFile) -> str:
    return cohort.program.organizer_repo or DEFAULT


def _full(cohort: CohortFile) -> str:
    return f"{cohort.program.organization}/{organizer_repo_name(cohort)}"


def missing_message(cohort: CohortFile) -> str:
    full = _full(cohort)
    return (
        f"the organizer repository {full} (program.organizer_repo) does not exist or this "
        "token cannot see it; summary --post, induction, evaluations and the App need it: "
        "create it private with `cohort apply --confirm --create-organizer-repo` (or "
        f"`gh repo create {full} --private`) and give the App access to it"
    )


def grant_message(cohort: CohortFile, access: InstallationAccess) -> str:
    """How to give an installation on selected repositories the organizer repository."""
    org, full = cohort.program.organization, _full(cohort)
    where = access.settings_url or f"https://github.com/organizations/{org}/settings/installations"
    return (
        f"the App's installation on {org} reaches only selected repositories and cannot see "
        f"the organizer repository {full} (program.organizer_repo); nothing was written. "
        f"Grant it in the App's installation settings ({where}): Repository access → Only "
        f"select repositories → add {organizer_repo_name(cohort)} (or choose All repositories) "
        "→ Save. If it does not exist yet, `cohort apply --confirm --create-organizer-repo` "
        "creates it private, and a repository the App creates joins its selection "
        "(docs/reference/app.md#repository-access)"
    )


def selected_only(client: object) -> InstallationAccess | None:
    """The installation's access when ``client`` holds a token limited to selected repos."""
    if isinstance(client, KnowsInstallation):
        access = client.installation
        if access is not None and access.repository_selection == "selected":
            return access
    return None


def _visible(client: RestPort, cohort: CohortFile) -> bool:
    try:
        client.call(routes.GET_REPO, repo=_full(cohort))
    except NotFoundError:
        return False
    return True


def check_organizer_repo(client: RestPort, cohort: CohortFile) -> str | None:
    """None when the organizer repository exists and is visible; else what to do about it.

    Raises MissingPrerequisiteError when an installation on selected repositories cannot see
    it (one read, the one plan already sends).
    """
    if _visible(client, cohort):
        return None
    access = selected_only(client)
    if access is not None:
        raise MissingPrerequisiteError(grant_message(cohort, access))
    return missing_message(cohort)


def require_app_access(client: RestPort, cohort: CohortFile) -> None:
    """Before apply's first write: an installation on selected repositories must reach the
    organizer repository (one read, and only for such an installation)."""
    if selected_only(client) is not None:
        check_organizer_repo(client, cohort)


def require_organizer_repo(client: RestPort, cohort: CohortFile) -> None:
    """Stop a command that needs the organizer repository, saying how to create it."""
    message = check_organizer_repo(client, cohort)
    if message is not None:
        raise GitHubError(message, status=404)


def create_organizer_repo(client: RestPort, cohort: CohortFile) -> bool:
    """Create the organizer repository (private) if it is missing; True when it was created."""
    if _visible(client, cohort):
        return False
    try:
        client.call(
            routes.CREATE_REPO,
            org=cohort.program.organization,
            body={
                "name": organizer_repo_name(cohort),
                "description": f"{cohort.program.name} {cohort.program.cohort}: cohort.yml, "
                "summaries and check-ins",
                "visibility": "private",
                "auto_init": True,
            },
        )
    except UnprocessableError:  # it exists: an installation that was not granted it
        access = selected_only(client)
        if access is None:
            raise
        raise MissingPrerequisiteError(grant_message(cohort, access)) from None
    return True
