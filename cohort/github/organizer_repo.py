"""The organizer repository (``program.organizer_repo``): checked by plan, created when asked."""

from __future__ import annotations

from cohort.config.model import CohortFile
from cohort.errors import GitHubError, NotFoundError
from cohort.github import routes
from cohort.github.ports import RestPort

DEFAULT = "cohort-admin"  # what the CLI and the App assume when cohort.yml names none


def organizer_repo_name(cohort: CohortFile) -> str:
    return cohort.program.organizer_repo or DEFAULT


def missing_message(cohort: CohortFile) -> str:
    full = f"{cohort.program.organization}/{organizer_repo_name(cohort)}"
    return (
        f"the organizer repository {full} (program.organizer_repo) does not exist or this "
        "token cannot see it; summary --post, induction, evaluations and the App need it: "
        "create it private with `cohort apply --confirm --create-organizer-repo` (or "
        f"`gh repo create {full} --private`) and give the App access to it"
    )


def check_organizer_repo(client: RestPort, cohort: CohortFile) -> str | None:
    """None when the organizer repository exists and is visible; else what to do about it."""
    try:
        client.call(
            routes.GET_REPO, repo=f"{cohort.program.organization}/{organizer_repo_name(cohort)}"
        )
    except NotFoundError:
        return missing_message(cohort)
    return None


def require_organizer_repo(client: RestPort, cohort: CohortFile) -> None:
    """Stop a command that needs the organizer repository, saying how to create it."""
    message = check_organizer_repo(client, cohort)
    if message is not None:
        raise GitHubError(message, status=404)


def create_organizer_repo(client: RestPort, cohort: CohortFile) -> bool:
    """Create the organizer repository (private) if it is missing; True when it was created."""
    if check_organizer_repo(client, cohort) is None:
        return False
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
    return True
