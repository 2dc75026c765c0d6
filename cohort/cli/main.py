"""The ``cohort`` command group, lazy subcommand loading, and the one error handler."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from typing import Any

import click

from cohort import __version__
from cohort.errors import CohortError, ExitCode
from cohort.project import DISTRIBUTION, PROJECT_URL, build_info

COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "cohort.cli.validate",
        "Check cohort.yml and report every problem with file:line.",
    ),
    "plan": ("cohort.cli.plan", "Show what apply would change on GitHub (never writes)."),
    "apply": ("cohort.cli.apply", "Make GitHub match cohort.yml (a plan unless --confirm)."),
    "demo": ("cohort.cli.demo", "Rehearse a cohort end to end on the built-in sandbox."),
    "schema": ("cohort.cli.schema", "Print the JSON Schema (or markdown reference) of cohort.yml."),
    "scaffold": ("cohort.cli.scaffold", "Render one team's repository into a folder for preview."),
    "sandbox": ("cohort.cli.sandbox", "Run the local GitHub sandbox on 127.0.0.1."),
    "summary": (
        "cohort.cli.summary",
        "Weekly progress summary of every team (posted as an issue).",
    ),
    "dashboard": ("cohort.cli.dashboard", "Write a static HTML dashboard of the cohort."),
    "match": ("cohort.cli.match", "Form teams from sign-ups and propose the cohort.yml change."),
    "init": ("cohort.cli.init", "Add sign-up issue forms and a starter cohort.yml to a repo."),
    "comment": ("cohort.cli.comment", "Post or update the plan comment on a pull request."),
    "serve": ("cohort.cli.serve", "Run the GitHub App webhook server (labels, review requests)."),
    "on-event": ("cohort.cli.on_event", "Handle one GitHub event from a workflow, no server."),
    "app": ("cohort.cli.app_ops", "List and redeliver the App's webhook deliveries."),
    "reroute": ("cohort.cli.reroute", "Re-request reviews that waited too long (run daily)."),
    "induction": ("cohort.cli.induction", "Mentor induction: status, open issues, propose."),
    "checkins": ("cohort.cli.checkins", "This week's check-in issue in every team repository."),
    "evaluations": ("cohort.cli.evaluations", "Midpoint and final evaluations, with a status."),
    "update-templates": (
        "cohort.cli.update_templates",
        "Propose template changes to team repositories as pull requests.",
    ),
    "graduate": ("cohort.cli.graduate", "Portfolio pages, cohort report, then archive (flag)."),
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs.

    The module ``cohort.cli.<name>`` defines the command as ``<name>_command``.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not _available(cmd_name):
            return None
        path = COMMANDS[cmd_name][0]
        module = importlib.import_module(path)
        command: click.Command = getattr(module, path.rsplit(".", 1)[1] + "_command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _available(name: str) -> bool:
    return importlib.util.find_spec(COMMANDS[name][0]) is not None


EPILOG = """\b
Exit codes: 0 ok · 1 GitHub/network error · 2 changes present (--detailed-exitcode)
            3 invalid input · 4 unsafe plan refused · 70 internal error · 130 interrupted
Start with:  cohort demo                 (a bundled example cohort)
             cohort init my-org && cohort demo my-org/cohort.yml
"""


@click.group(cls=LazyGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__,
    prog_name="cohort",
    message=f"%(prog)s {build_info().describe()} · {DISTRIBUTION} from {PROJECT_URL}",
)
def cli() -> None:
    """Mentorship cohorts as code on GitHub.

    One reviewed file, cohort.yml, declares the calendar, mentors, mentees, projects and
    teams. cohort validates it, plans the changes to your GitHub organization, and applies
    them: one repository per team from a scaffold, milestones and milestone issues, mentors
    as code owners, team access for mentees.
    """


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and turn every outcome into a meaningful exit code."""
    code = run(argv)
    sys.exit(int(code))


def run(argv: list[str] | None = None) -> int:
    return invoke(argv)[0]


def invoke(argv: list[str] | None = None) -> tuple[int, object]:
    """The exit code and what the command returned (an outcome, or None after an error)."""
    try:
        result: Any = cli.main(args=argv, prog_name="cohort", standalone_mode=False)
    except CohortError as exc:
        from cohort.cli.report import report_error

        report_error(exc)
        return int(exc.exit_code), None
    except click.exceptions.Exit as exc:
        return int(exc.exit_code), None
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.INVALID), None
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        return int(ExitCode.INTERRUPTED), None
    except Exception as exc:
        return _internal(exc), None
    if isinstance(result, int):
        return result, None
    code = getattr(result, "exit_code", ExitCode.OK)
    return int(code), result


def _internal(exc: Exception) -> int:
    import traceback

    if os.environ.get("COHORT_DEBUG"):
        traceback.print_exc()
    click.echo(
        f"internal error: {type(exc).__name__}: {exc}\n"
        "This is a bug in cohort. Please report it with the command you ran "
        "(set COHORT_DEBUG=1 to see the traceback).",
        err=True,
    )
    return int(ExitCode.INTERNAL)
