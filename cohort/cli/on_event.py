"""``cohort on-event``: handle the workflow's event with the App's handlers, no server."""

from __future__ import annotations

from pathlib import Path

import click

from cohort.cli.options import cohort_source_options


@click.command("on-event")
@cohort_source_options
def on_event_command(cohort_file: Path | None, organizer_repo: str) -> None:
    """Label the pull request and ask a mentor, from GITHUB_EVENT_NAME/PATH and GITHUB_TOKEN.

    Use a safe trigger: pull_request_target (never check out the PR's code),
    pull_request_review and issue_comment, with permissions contents: read,
    issues: write, pull-requests: write.
    """
    from cohort.app.assemble import on_event
    from cohort.app.reactions import TrackInstallation

    outcome = on_event(cohort_file, organizer_repo)
    shown = [c for c in outcome.changes if not isinstance(c, TrackInstallation)]
    for change in shown:
        click.echo(f"{type(change).__name__}: {change}")
    click.echo(f"{len(shown)} change(s), {outcome.writes} write(s)")
