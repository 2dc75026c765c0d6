"""How errors and validation problems are shown: text, JSON, GitHub annotations, step summary."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import click

from cohort.errors import CohortError, InvalidInput, Problem, UnsafePlanError


def in_actions() -> bool:
    """True when running as a GitHub Actions step."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def report_error(exc: CohortError) -> None:
    """Print a cohort error for a person (stderr), and annotations under Actions."""
    if isinstance(exc, InvalidInput):
        click.echo(problems_text(exc.problems), err=True)
        if in_actions():
            click.echo(annotation_lines(exc.problems))
        return
    if isinstance(exc, UnsafePlanError):
        click.echo("refused: the plan is unsafe", err=True)
        for reason in exc.reasons:
            click.echo(f"  - {reason}", err=True)
        return
    click.echo(f"error: {exc}", err=True)
    if in_actions():
        click.echo(f"::error title=cohort::{_escape(str(exc))}")


def problems_text(problems: list[Problem]) -> str:
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found")
    return "\n".join(lines)


def problems_json(file: str, problems: list[Problem], warnings: Sequence[Problem] = ()) -> str:
    body = {
        "file": file,
        "valid": not problems,
        "problems": [_problem_json(p) for p in problems],
        "warnings": [_problem_json(p) for p in warnings],
    }
    return json.dumps(body, indent=2)


def _problem_json(p: Problem) -> dict[str, object]:
    return {
        "file": p.file,
        "line": p.line,
        "column": p.column,
        "path": p.path,
        "message": p.message,
        "hint": p.hint,
    }


def warnings_text(warnings: Sequence[Problem]) -> str:
    """One ``warning:`` line per warning (empty when there are none)."""
    return "\n".join(f"warning: {w}" for w in warnings)


def _escape(value: str, *, prop: bool = False) -> str:
    out = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        out = out.replace(":", "%3A").replace(",", "%2C")
    return out


def annotation_lines(problems: Sequence[Problem], level: str = "error") -> str:
    """GitHub Actions workflow commands, one ``::error`` (or ``::warning``) per problem."""
    lines = []
    for p in problems:
        props = [f"file={_escape(p.file, prop=True)}"]
        if p.line:
            props += [f"line={p.line}", f"col={p.column}"]
        props.append(f"title={_escape('cohort: ' + (p.path or 'file'), prop=True)}")
        text = p.message + (f" ({p.hint})" if p.hint else "")
        lines.append(f"::{level} {','.join(props)}::{_escape(text)}")
    return "\n".join(lines)


def problems_markdown(file: str, problems: list[Problem], warnings: Sequence[Problem] = ()) -> str:
    head = (
        f"### ❌ `{file}`: {len(problems)} problem(s)\n\n{_table(problems)}"
        if problems
        else f"### ✅ `{file}` is valid\n"
    )
    if warnings:
        head += f"\n#### ⚠️ {len(warnings)} warning(s)\n\n{_table(warnings)}"
    return head


def _table(problems: Sequence[Problem]) -> str:
    rows = "\n".join(
        f"| `{p.location()}` | `{p.path or '-'}` | {p.message.replace('|', '/')} | "
        f"{p.hint.replace('|', '/')} |"
        for p in problems
    )
    return f"| where | key | problem | hint |\n|---|---|---|---|\n{rows}\n"


def write_step_summary(markdown: str) -> None:
    """Append markdown to the Actions step summary when there is one."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with Path(target).open("a", encoding="utf-8") as fh:
            fh.write(markdown + "\n")
