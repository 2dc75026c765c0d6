"""Files ``cohort init`` writes into an organizer repository: workflows, CODEOWNERS, README."""

from __future__ import annotations

import re
from importlib import metadata, resources

import yaml

ACTION_REPOSITORY = "cohort-project/cohort"
WORKFLOWS = ("cohort-pr.yml", "cohort-plan.yml", "cohort-apply.yml", "cohort-weekly.yml")
_SHA = re.compile(r"[0-9a-f]{40}")


def package_version() -> str:
    """The installed cohort release, recorded in the package metadata."""
    try:
        return metadata.version("cohort")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0.0.0"


def default_action_ref(version: str | None = None) -> str:
    """``owner/cohort@vX.Y.Z``: this project's action at the installed release."""
    return f"{ACTION_REPOSITORY}@v{version or package_version()}"


def pinned(action: str) -> str:
    """``action@sha # version`` from the committed pin table the templates use."""
    table = resources.files("cohort.templates").joinpath("action_pins.yml").read_text("utf-8")
    for row in yaml.safe_load(table)["pins"]:
        if row["action"] == action:
            return f"{action}@{row['sha']} # {row['version']}"
    raise KeyError(f"{action} is not in cohort/templates/action_pins.yml")


def uses_line(action_ref: str, version: str) -> str:
    """The ``uses:`` value for this project's action, with a version comment on a SHA pin."""
    ref = (
        action_ref
        if "@" in action_ref or action_ref.startswith("./")
        else (f"{action_ref}@v{version}")
    )
    if ref.startswith("./"):  # this repository's own workflows; actionlint predates `$/`
        return f"{ref} # zizmor: ignore[self-repository]"
    if _SHA.fullmatch(ref.rpartition("@")[2]):
        return f"{ref} # v{version}"
    return ref


def init_files(
    version: str,
    action_ref: str,
    *,
    cohort_file: str = "cohort.yml",
    templates_dir: str = "templates",
    organizers: str = "ORG/organizers",
) -> dict[str, str]:
    """Relative path → text of every bootstrap file, with the action and version filled in."""
    values = {
        "__ACTION__": uses_line(action_ref, version),
        "__CHECKOUT__": pinned("actions/checkout"),
        "__COHORT_FILE__": cohort_file,
        "__TEMPLATES__": templates_dir,
        "__ORGANIZERS__": organizers,
        "__VERSION__": version,
    }
    here = resources.files(__name__)
    sources = {f".github/workflows/{name}": f"workflows/{name}" for name in WORKFLOWS}
    sources |= {".github/CODEOWNERS": "CODEOWNERS", "README.md": "README.md"}
    out: dict[str, str] = {}
    for target, source in sources.items():
        text = here.joinpath(source).read_text("utf-8")
        for key, value in values.items():
            text = text.replace(key, value)
        out[target] = text
    return out
