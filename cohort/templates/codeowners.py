"""CODEOWNERS for a team repository, and a checker of GitHub's CODEOWNERS rules."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cohort.config.model import HANDLE_RE
from cohort.templates.model import TemplateError

MAX_BYTES = 3 * 1024 * 1024  # GitHub ignores a larger CODEOWNERS file
_HANDLE = re.compile(HANDLE_RE)
_OWNER = re.compile(
    r"^(@[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?"  # @user
    r"(/[A-Za-z0-9._-]+)?"  # @org/team
    r"|[^@\s]+@[^@\s]+\.[^@\s]+)$"  # e-mail
)
# Paths where the mentors' review matters most (they are the project leads and architects).
LEAD_PATHS = ("/docs/design/", "/.github/", "/CODEOWNERS")


def codeowners(mentor_handles: Sequence[str]) -> bytes:
    """``* @a @b`` plus the design docs and automation, owned by the team's mentors."""
    owners: list[str] = []
    for handle in mentor_handles:
        if not isinstance(handle, str) or not _HANDLE.match(handle):
            raise TemplateError(f"not a GitHub handle: {handle!r}")
        if handle.lower() not in (o.lower() for o in owners):
            owners.append(handle)
    lines = [
        "# Mentors are the project leads: a code owner's review is required on every pull request.",
        "# Managed by cohort (edit cohort.yml, not this file).",
    ]
    if owners:
        mentions = " ".join(f"@{o}" for o in owners)
        lines.append(f"* {mentions}")
        lines.extend(f"{path} {mentions}" for path in LEAD_PATHS)
    text = "\n".join(lines) + "\n"
    problems = codeowners_problems(text)
    if problems:  # pragma: no cover - the generator above only builds valid lines
        raise TemplateError("; ".join(problems))
    return text.encode("utf-8")


def codeowners_problems(text: str) -> list[str]:
    """Every way ``text`` breaks GitHub's CODEOWNERS syntax; [] means GitHub accepts it."""
    problems: list[str] = []
    if len(text.encode("utf-8")) > MAX_BYTES:
        problems.append(f"larger than {MAX_BYTES} bytes")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        pattern, *owners = line.split()
        if pattern.startswith("!"):
            problems.append(f"line {number}: negated patterns (!) are not supported")
        if "[" in pattern or "]" in pattern:
            problems.append(f"line {number}: character ranges ([ ]) are not supported")
        if "\\#" in pattern:
            problems.append(f"line {number}: escaped '#' is not supported")
        for owner in owners:
            if owner.startswith("#"):
                break  # a trailing comment
            if not _OWNER.match(owner):
                problems.append(f"line {number}: invalid owner {owner!r}")
    return problems
