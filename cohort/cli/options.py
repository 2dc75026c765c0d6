"""Options shared by several commands, with environment-variable fallbacks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

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
