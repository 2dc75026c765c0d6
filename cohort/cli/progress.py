"""Progress for long applies: a bar on a terminal, one line per change elsewhere (CI)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from cohort.reconcile.plan import Change
from cohort.reconcile.render import SYMBOL


@contextmanager
def progress_printer(*, enabled: bool) -> Iterator[Callable[[Change, str], None]]:
    """Yield a callback that reports each finished change."""
    if not enabled:
        yield lambda change, status: None
        return
    if sys.stderr.isatty():
        from rich.progress import Progress, SpinnerColumn, TextColumn

        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} changes"),
            transient=True,
        ) as bar:
            task = bar.add_task("applying", total=None)

            def tick(change: Change, status: str) -> None:
                bar.update(task, advance=1, description=f"{change.kind} {change.target}"[:60])

            yield tick
        return

    def line(change: Change, status: str) -> None:
        repo = f"{change.repo}: " if change.repo else ""
        click.echo(
            f"{SYMBOL[change.action]} {repo}{change.kind} {change.target} … {status}", err=True
        )

    yield line
