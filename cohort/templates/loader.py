"""Find template folders and read one (metadata and every source file) into memory."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

import cohort
from cohort.config.model import PHASES
from cohort.labels import CATALOGUE
from cohort.templates.model import IssueSpec, Template, TemplateError, Variable

METADATA = "template.yml"
NAME_RE = r"^[a-z0-9_][a-z0-9_-]{0,63}$"
MAX_SOURCE_BYTES = 512 * 1024
MAX_SOURCES = 400
_LABELS = frozenset(label.name for label in CATALOGUE)

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _VariableDoc(_Strict):
    description: str = Field(min_length=1, max_length=300)
    default: str | int | bool
    pattern: str | None = None


class _IssueDoc(_Strict):
    key: Key
    title: str = Field(min_length=1, max_length=200)
    body: str = Field(pattern=r"^[A-Za-z0-9_./-]+\.jinja$")
    labels: list[str] = Field(default_factory=list)


class _TemplateDoc(_Strict):
    name: str = Field(pattern=NAME_RE)
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    description: str = Field(min_length=1, max_length=500)
    extends: str | None = Field(default=None, pattern=NAME_RE)
    skills: list[str] = Field(default_factory=list)
    variables: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")], _VariableDoc] = Field(
        default_factory=dict
    )
    phases: dict[Literal["design", "code", "deployment"], list[_IssueDoc]]


def builtin_templates_dir() -> Path:
    """``project_templates/`` in a checkout, ``cohort/_builtin_templates`` in an installed wheel."""
    package = Path(cohort.__file__).resolve().parent
    installed = package / "_builtin_templates"
    if installed.is_dir():
        return installed
    return package.parent / "project_templates"


def _search_path(extra_dirs: Sequence[Path]) -> list[Path]:
    """Folders to look in, most important first: the organizer's, then the built-ins."""
    return [*reversed([Path(d) for d in extra_dirs]), builtin_templates_dir()]


def available_templates(extra_dirs: Sequence[Path] = ()) -> dict[str, Path]:
    """Template name -> folder; organizer folders override built-ins of the same name.

    A symbolic link as a templates folder or a template folder is refused (TemplateError):
    it could bring files from outside the organizer repository into team repositories.
    """
    found: dict[str, Path] = {}
    for folder in reversed(_search_path(extra_dirs)):
        if not folder.is_dir():
            continue
        refuse_symlink(folder)
        for child in sorted(folder.iterdir()):
            if child.name[0] in "_." or not re.match(NAME_RE, child.name):
                continue
            refuse_symlink(child)
            if (child / METADATA).is_file():
                found[child.name] = child
    return dict(sorted(found.items()))


def refuse_symlink(path: Path) -> None:
    """Raise TemplateError when ``path`` is a symbolic link."""
    if path.is_symlink():
        raise TemplateError(
            f"{path}: is a symbolic link; symbolic links are refused in templates "
            "(copy the files into the organizer repository instead)"
        )


def _find_base(name: str, extra_dirs: Sequence[Path]) -> Path:
    for folder in _search_path(extra_dirs):
        if (folder / name).is_dir():
            refuse_symlink(folder / name)
            return folder / name
    raise TemplateError(f"template base {name!r} not found")


def load_template(name: str, extra_dirs: Sequence[Path] = ()) -> Template:
    """Read a template (and the base it extends) into memory; unknown names list known ones."""
    known = available_templates(extra_dirs)
    if name not in known:
        raise TemplateError(
            f"unknown template {name!r}; known templates: {', '.join(known) or 'none'}"
        )
    root = known[name]
    doc = _read_metadata(root)
    if doc.name != root.name:
        raise TemplateError(f"{root / METADATA}: name {doc.name!r} differs from its folder")
    sources: dict[str, str] = {}
    verbatim: dict[str, bytes] = {}
    if doc.extends:
        _read_tree(_find_base(doc.extends, extra_dirs), sources, verbatim)
    _read_tree(root, sources, verbatim)
    phases = _phases(doc, root, sources)
    return Template(
        name=doc.name,
        version=doc.version,
        description=doc.description,
        skills=tuple(doc.skills),
        variables={
            key: Variable(key, v.description, v.default, v.pattern)
            for key, v in doc.variables.items()
        },
        phases=phases,
        root=root,
        sources=sources,
        verbatim=verbatim,
    )


def _read_metadata(root: Path) -> _TemplateDoc:
    path = root / METADATA
    try:
        return _TemplateDoc.model_validate(yaml.safe_load(path.read_text("utf-8")))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot read: {exc}") from exc
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}" for e in exc.errors()
        )
        raise TemplateError(f"{path}: {details}") from exc


def _phases(
    doc: _TemplateDoc, root: Path, sources: dict[str, str]
) -> dict[str, tuple[IssueSpec, ...]]:
    phases: dict[str, tuple[IssueSpec, ...]] = {}
    seen: set[str] = set()
    for phase in PHASES:
        specs = []
        for item in doc.phases.get(phase, []):  # type: ignore[call-overload]
            where = f"{root / METADATA}: phases.{phase}.{item.key}"
            if item.key in seen:
                raise TemplateError(f"{where}: issue key used twice")
            unknown = sorted(set(item.labels) - _LABELS)
            if unknown:
                raise TemplateError(f"{where}: labels not in the catalogue: {unknown}")
            if item.body not in sources:
                raise TemplateError(f"{where}: body {item.body!r} not found")
            seen.add(item.key)
            specs.append(IssueSpec(phase, item.key, item.title, item.body, tuple(item.labels)))
        phases[phase] = tuple(specs)
    return phases


def _walk(root: Path) -> Iterator[Path]:
    refuse_symlink(root)
    real = root.resolve()
    for path in sorted(root.rglob("*")):
        refuse_symlink(path)
        if not path.resolve().is_relative_to(real):  # pragma: no cover - symlinks refused above
            raise TemplateError(f"{path}: resolves outside {root}")
        if path.is_file() and path.name != METADATA and "__pycache__" not in path.parts:
            yield path


def _read_tree(root: Path, sources: dict[str, str], verbatim: dict[str, bytes]) -> None:
    """Add a folder's files: ``*.jinja`` and everything outside ``files/`` are Jinja sources."""
    for path in _walk(root):
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        if len(data) > MAX_SOURCE_BYTES:
            raise TemplateError(f"{path}: larger than {MAX_SOURCE_BYTES} bytes")
        if rel.startswith("files/") and not rel.endswith(".jinja"):
            verbatim[rel] = data
            sources.pop(rel + ".jinja", None)  # a later folder's file replaces an earlier one
            continue
        try:
            sources[rel] = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise TemplateError(f"{path}: Jinja sources must be UTF-8") from exc
        verbatim.pop(rel.removesuffix(".jinja"), None)
    if len(sources) + len(verbatim) > MAX_SOURCES:
        raise TemplateError(f"{root}: more than {MAX_SOURCES} files")
