"""Options shared by several commands, with environment-variable fallbacks."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, cast

import click

F = TypeVar("F", bound=Callable[..., Any])


def cohort_argument(func: F) -> F:
    """The cohort file argument (default: cohort.yml, or $COHORT_FILE)."""
    return click.argument(
        "cohort_file",
        type=click.Path(path_type=Path, dir_okay=False),
        default="cohort.yml",
        envvar="COHORT_FILE",
    )(func)


def format_option(choices: Sequence[str]) -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "output_format",
            type=click.Choice(list(choices)),
            default=choices[0],
            show_default=True,
            envvar="COHORT_FORMAT",
            show_envvar=True,
            help="Output format.",
        )(func)

    return decorate


@dataclass(frozen=True)
class GitHubOptions:
    """Where and as whom to reach GitHub: a token, a GitHub App, or the sandbox."""

    token: str | None = field(default=None, repr=False)
    api_url: str | None = None
    app_id: int | None = None
    app_key_file: Path | None = None
    sandbox: bool = False
    sandbox_state: Path | None = None


GITHUB_FIELDS = ("token", "api_url", "app_id", "app_key_file", "sandbox", "sandbox_state")


def github_options(func: F) -> F:
    """--token, --api-url, --app-id, --app-key-file, --sandbox and --sandbox-state.

    The command receives them packed as one ``github: GitHubOptions`` argument.
    """

    @functools.wraps(func)
    def packed(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in GITHUB_FIELDS}
        return func(*args, github=GitHubOptions(**values), **kwargs)

    options = [
        click.option(
            "--token",
            envvar="GITHUB_TOKEN",
            show_envvar=True,
            default=None,
            help="GitHub token (never printed).",
        ),
        click.option(
            "--api-url",
            envvar="GITHUB_API_URL",
            show_envvar=True,
            default=None,
            help="REST API root the token is sent to; default https://api.github.com. "
            "GitHub Enterprise Server: https://HOST/api/v3. program.api_url in cohort.yml "
            "is only a hint that must match.",
        ),
        click.option(
            "--app-id",
            type=int,
            envvar="COHORT_APP_ID",
            show_envvar=True,
            default=None,
            help="Authenticate as this GitHub App (with its key).",
        ),
        click.option(
            "--app-key-file",
            type=click.Path(path_type=Path, dir_okay=False),
            envvar="COHORT_APP_KEY_FILE",
            show_envvar=True,
            default=None,
            help="The App's private key (PEM); or put the PEM itself in COHORT_APP_PRIVATE_KEY.",
        ),
        click.option(
            "--sandbox",
            is_flag=True,
            envvar="COHORT_SANDBOX",
            show_envvar=True,
            help="Rehearse against the built-in GitHub sandbox (no token, no network).",
        ),
        click.option(
            "--sandbox-state",
            type=click.Path(path_type=Path, dir_okay=False),
            default=None,
            help="Keep the sandbox in this JSON file between runs.",
        ),
    ]
    wrapped: Any = packed
    for option in reversed(options):
        wrapped = option(wrapped)
    return cast(F, wrapped)


def safety_options(func: F) -> F:
    """Flags that allow destructive changes, each explicit."""
    options = [
        click.option(
            "--allow-removals",
            is_flag=True,
            help="Allow removing more managed access than policy.removal_limit.",
        ),
        click.option("--allow-archive", is_flag=True, help="Allow archiving repositories."),
        click.option(
            "--allow-publish", is_flag=True, help="Allow making private repositories public."
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def cohort_source_options(func: F) -> F:
    """Where the App reads the cohort: a local file, or cohort.yml in the organizer repository."""
    func = click.option(
        "--organizer-repo",
        default="cohort-admin",
        show_default=True,
        envvar="COHORT_ORGANIZER_REPO",
        show_envvar=True,
        help="Repository (name in the organization, or owner/name) holding cohort.yml.",
    )(func)
    return click.option(
        "--cohort",
        "cohort_file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        envvar="COHORT_FILE",
        show_envvar=True,
        help="Read the cohort from this file instead of the organizer repository.",
    )(func)
