"""Files ``cohort init`` writes into an organizer repository: workflows, CODEOWNERS, README."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from cohort.errors import UsageError
from cohort.project import PROJECT_HOME, BuildInfo, build_info

ACTION_REPOSITORY = PROJECT_HOME
WORKFLOWS = (
    "cohort-pr.yml",
    "cohort-plan.yml",
    "cohort-apply.yml",
    "cohort-weekly.yml",
    "cohort-checkins.yml",
    "cohort-induction.yml",
    "cohort-evaluations.yml",
    "cohort-invitations.yml",
    "cohort-dashboard.yml",
    "cohort-daily.yml",
)
_SHA = re.compile(r"[0-9a-f]{40}")
_PINNED_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+@[0-9a-f]{40}")


def package_version() -> str:
    """The installed cohort release (from the git tag it was built from)."""
    return build_info().version


def default_action_ref(info: BuildInfo | None = None) -> str:
    """``OWNER/REPO@<40-hex>``: this project's action at the commit this release was built from.

    A build that is not a tagged release has no commit a runner could trust, so it refuses
    and asks for ``--action-ref``.
    """
    info = info or build_info()
    if not info.released:
        raise UsageError(
            f"this cohort ({info.describe()}) is not a tagged release, so it cannot pin the "
            f"workflows to itself; pass --action-ref {PROJECT_HOME}@<40-hex commit SHA> "
            "(or set COHORT_ACTION_REF)"
        )
    return f"{ACTION_REPOSITORY}@{info.commit}"


def check_action_ref(action_ref: str) -> str:
    """An ``--action-ref`` must pin a full commit SHA (``./`` is this repository's own)."""
    if action_ref.startswith("./") or _PINNED_REF.fullmatch(action_ref):
        return action_ref
    raise UsageError(
        f"--action-ref {action_ref!r} is not OWNER/REPO@<40-hex commit SHA>: a tag or a "
        "branch can be moved under your workflows, a commit cannot"
    )


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


def install_line(version: str) -> str:
    """How the README tells organizers to install this very release."""
    from cohort.project import DISTRIBUTION

    return f"pipx install {DISTRIBUTION}=={version}"


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
        "__UPLOAD_ARTIFACT__": pinned("actions/upload-artifact"),
        "__COHORT_FILE__": cohort_file,
        "__TEMPLATES__": templates_dir,
        "__ORGANIZERS__": organizers,
        "__VERSION__": version,
        "__INSTALL__": install_line(version),
        "__HOME__": PROJECT_HOME,
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
