"""``cohort match``: form teams from sign-ups and propose the cohort.yml change."""

from __future__ import annotations

import dataclasses
import difflib
import importlib
from collections.abc import Callable
from pathlib import Path

import click
import yaml

from cohort.cli.options import GitHubOptions, cohort_argument, github_options
from cohort.errors import ExitCode, UsageError
from cohort.matching.model import Rules
from cohort.matching.records import Kind
from cohort.project import DISTRIBUTION

_FILE = click.Path(path_type=Path, dir_okay=False, exists=True)


def _pair(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs = [tuple(v.split(",")) for v in values]
    if any(len(p) != 2 for p in pairs):
        raise UsageError("pairs are two handles separated by a comma, e.g. --pair ana,bo")
    return tuple((a.strip(), b.strip()) for a, b in pairs)


def _solver(name: str) -> object | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def require_solver(find: Callable[[str], object | None] = _solver) -> None:
    """`cohort match` needs OR-Tools, which only the [match] extra installs (about 210 MB)."""
    if find("ortools.sat.python.cp_model") is None:
        raise UsageError(
            "cohort match needs the CP-SAT solver (OR-Tools), an optional extra: "
            f"pipx install '{DISTRIBUTION}[match]' (or: pip install '{DISTRIBUTION}[match]'). "
            "Every other command works without it."
        )


@click.command("match")
@cohort_argument
@click.option(
    "--mentees",
    "mentee_files",
    type=_FILE,
    multiple=True,
    help="Mentee sign-ups: .json (gh issue list --json number,body), .md or .csv.",
)
@click.option(
    "--mentors", "mentor_files", type=_FILE, multiple=True, help="Mentor sign-ups, same formats."
)
@click.option(
    "--columns",
    type=_FILE,
    help="YAML mapping {mentee: {field: header}, mentor: {…}} for CSV files.",
)
@click.option("--team-size", default="3-5", show_default=True, help="MIN-MAX mentees per team.")
@click.option(
    "--project-size",
    "project_sizes",
    multiple=True,
    metavar="PROJECT=MIN-MAX",
    help="Team size for one project (repeat; overrides projects[].team_size in cohort.yml).",
)
@click.option(
    "--teams",
    "team_count",
    default=None,
    metavar="N|MIN-MAX",
    help="How many teams to form (default: as many as make the best teams).",
)
@click.option(
    "--must-lead",
    multiple=True,
    metavar="HANDLE",
    help="This mentor must lead at least one team (repeat; or mentors[].must_lead: true).",
)
@click.option(
    "--meeting-hours",
    type=float,
    default=1.0,
    show_default=True,
    help="Consecutive weekly hours every member must share.",
)
@click.option(
    "--allow-beginner-teams",
    is_flag=True,
    help="Allow teams of only first- and second-year students.",
)
@click.option(
    "--no-isolation",
    is_flag=True,
    help="No team may have exactly one member of a self-declared group.",
)
@click.option("--pair", multiple=True, help="a,b: these two must share a team.")
@click.option("--apart", multiple=True, help="a,b: these two must not share a team.")
@click.option(
    "--seed", type=int, default=0, show_default=True, envvar="COHORT_MATCH_SEED", show_envvar=True
)
@click.option(
    "--time-limit",
    type=float,
    default=20.0,
    show_default=True,
    help="Solver budget in deterministic seconds (same result on every run); the local "
    "search that follows gets 100,000 team evaluations per second of it.",
)
@click.option(
    "--explain",
    "explain_to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the PRIVATE per-team explanation (meeting times) here.",
)
@click.option(
    "--summary",
    "summary_to",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the public summary (a PR body) here.",
)
@click.option(
    "--write",
    is_flag=True,
    help="Write the proposed cohort.yml in place (default: print the diff).",
)
@click.option(
    "--open-pr",
    is_flag=True,
    help="Open the change as a pull request in program.organizer_repo (public summary as body).",
)
@click.option(
    "--repo-path",
    default=None,
    help="Path of the cohort file in the organizer repository (default: its file name).",
)
@github_options
@click.option(
    "--private-ok",
    is_flag=True,
    help="The repository holding cohort.yml is private: allow sign-up data in it.",
)
def match_command(
    cohort_file: Path,
    mentee_files: tuple[Path, ...],
    mentor_files: tuple[Path, ...],
    columns: Path | None,
    team_size: str,
    project_sizes: tuple[str, ...],
    team_count: str | None,
    must_lead: tuple[str, ...],
    meeting_hours: float,
    allow_beginner_teams: bool,
    no_isolation: bool,
    pair: tuple[str, ...],
    apart: tuple[str, ...],
    seed: int,
    time_limit: float,
    explain_to: Path | None,
    summary_to: Path | None,
    write: bool,
    open_pr: bool,
    repo_path: str | None,
    github: GitHubOptions,
    private_ok: bool,
) -> int:
    """Form teams from sign-ups and show the cohort.yml change (a diff unless --write).

    Sign-ups hold personal data: they are read only from, and the explanation is written
    only to, places outside the repository of COHORT_FILE (unless --private-ok).
    """
    require_solver()
    from cohort.loading import load_cohort
    from cohort.matching.pipeline import run_match
    from cohort.matching.privacy import ensure_private
    from cohort.templates import available_templates

    private = [*mentee_files, *mentor_files, *([columns] if columns else [])]
    ensure_private(
        [*private, *([explain_to] if explain_to else [])], cohort_file, private_ok=private_ok
    )
    rules = _rules(team_size, meeting_hours, allow_beginner_teams, no_isolation, pair, apart)
    low, high = _team_count(team_count)
    rules = dataclasses.replace(
        rules,
        teams_min=low,
        teams_max=high,
        must_lead=tuple(h.lstrip("@") for h in must_lead),
        sizes=tuple(_project_size(text) for text in project_sizes),
    )
    loaded = load_cohort(cohort_file)
    text = cohort_file.read_text(encoding="utf-8")
    out = run_match(
        text,
        str(cohort_file),
        _files(mentee_files, mentor_files),
        rules,
        known_templates=available_templates(loaded.templates_dirs),
        mappings=_mappings(columns),
        seed=seed,
        time_limit=time_limit,
    )
    click.echo(out.summary)
    for path, content in ((explain_to, out.report), (summary_to, out.summary)):
        if path:
            path.write_text(content, encoding="utf-8")
    if not out.teams:
        return int(ExitCode.INVALID)
    if open_pr:
        from cohort.cli.session import connect_to
        from cohort.github.file_pr import propose_cohort_change

        connection = connect_to(loaded.cohort, github, write=True)
        url = propose_cohort_change(
            connection.client, loaded.cohort, repo_path or cohort_file.name, out.text, out.summary
        )
        connection.close()
        click.echo(f"opened {url}")
    if write:
        cohort_file.write_text(out.text, encoding="utf-8")
    else:
        old, new = text.splitlines(True), out.text.splitlines(True)
        name = str(cohort_file)
        click.echo("".join(difflib.unified_diff(old, new, name, f"{name} (proposed)")))
    return int(ExitCode.OK)


def _rules(
    team_size: str,
    meeting_hours: float,
    allow_beginner_teams: bool,
    no_isolation: bool,
    pair: tuple[str, ...],
    apart: tuple[str, ...],
) -> Rules:
    low, high = _size(team_size, "--team-size")
    return Rules(
        low,
        high,
        meeting_hours,
        allow_beginner_teams,
        no_isolation,
        pairs=_pair(pair),
        apart=_pair(apart),
    )


def _size(text: str, option: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    if not (low.isdigit() and high.isdigit() and 1 <= int(low) <= int(high)):
        raise UsageError(f"{option} {text!r}: write MIN-MAX with MIN at most MAX, e.g. 3-5")
    return int(low), int(high)


def _project_size(text: str) -> tuple[str, int, int]:
    project, equals, size = text.partition("=")
    if not equals or not project.strip():
        raise UsageError(f"--project-size {text!r}: write PROJECT=MIN-MAX, e.g. campus-events=2-4")
    low, high = _size(size.strip(), "--project-size")
    return project.strip(), low, high


def _team_count(text: str | None) -> tuple[int | None, int | None]:
    if text is None:
        return None, None
    low, dash, high = text.partition("-")
    high = high if dash else low
    if not (low.isdigit() and high.isdigit() and 1 <= int(low) <= int(high)):
        raise UsageError(f"--teams {text!r}: write a number (8) or MIN-MAX (6-8)")
    return int(low), int(high)


def _files(mentees: tuple[Path, ...], mentors: tuple[Path, ...]) -> list[tuple[Kind, str, str]]:
    files: list[tuple[Kind, str, str]] = [
        ("mentee", str(p), p.read_text(encoding="utf-8")) for p in mentees
    ]
    return files + [("mentor", str(p), p.read_text(encoding="utf-8")) for p in mentors]


def _mappings(columns: Path | None) -> dict[Kind, dict[str, str]] | None:
    if columns is None:
        return None
    data = yaml.safe_load(columns.read_text(encoding="utf-8"))
    ok = isinstance(data, dict) and all(
        kind in ("mentee", "mentor")
        and isinstance(fields, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in fields.items())
        for kind, fields in data.items()
    )
    if not ok:
        raise UsageError(f"{columns}: write {{mentee: {{field: header}}, mentor: {{…}}}}")
    return data  # type: ignore[no-any-return]
