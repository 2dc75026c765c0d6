"""Where sign-up data may be read from and written to: never inside a public-looking repository.

This module only looks at directory metadata (which folders hold ``.git`` and ``cohort.yml``);
it never reads or writes file contents.
"""

from __future__ import annotations

from pathlib import Path

from cohort.errors import UsageError

PUBLIC_MARKERS = ("cohort.yml", "cohort.yaml")


def repo_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds ``.git``, or None."""
    here = path.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def public_reason(path: Path, cohort_file: Path) -> str | None:
    """Why ``path`` looks public (it would end up in the cohort's repository), or None.

    A path looks public when it is inside the git repository that holds the cohort file,
    or inside any git repository with a ``cohort.yml`` at its top: cohort.yml is public in
    most programs, and so is everything committed beside it.
    """
    root = repo_root(path if path.is_dir() else path.parent)
    if root is None:
        return None
    if root == repo_root(cohort_file.parent):
        return f"{path} is inside {root}, the repository that holds {cohort_file.name}"
    for marker in PUBLIC_MARKERS:
        if (root / marker).exists():
            return f"{path} is inside {root}, a repository with a public {marker}"
    return None


def ensure_private(paths: list[Path], cohort_file: Path, *, private_ok: bool) -> None:
    """Refuse sign-up data in a public-looking place unless the organizer said it is private."""
    if private_ok:
        return
    reasons = [reason for path in paths if (reason := public_reason(path, cohort_file))]
    if reasons:
        raise UsageError(
            "refusing to keep sign-up data in a public place: "
            + "; ".join(reasons)
            + ". Keep sign-ups and the explanation in a private repository or a local folder "
            "outside it, or pass --private-ok if this repository is private "
            "(see docs/reference/matching.md)."
        )
