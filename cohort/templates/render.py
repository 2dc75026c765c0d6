"""Render a loaded template for one team: files, milestone issues, CODEOWNERS, stamp (pure)."""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jinja2 import DictLoader, meta
from jinja2 import Template as JinjaTemplate
from jinja2 import TemplateError as JinjaError
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError

from cohort.labels import phase_label
from cohort.reconcile.model import blob_sha
from cohort.templates.codeowners import codeowners
from cohort.templates.filters import FILTERS, GLOBALS
from cohort.templates.jinja_env import (
    BoundedSandbox,
    Budget,
    budget_scope,
    make_environment,
    render_stream,
)
from cohort.templates.model import (
    CODEOWNERS_PATH,
    STAMP_PATH,
    MilestoneIssue,
    OnboardingText,
    RenderedProject,
    Template,
    TemplateError,
    TemplateSecurityError,
)
from cohort.templates.paths import check_path

FILES = "files/"
SUFFIX = ".jinja"
MAX_TOTAL_OUTPUT = 8_000_000  # bytes one project may have
_ESCAPED = (".html.jinja", ".htm.jinja", ".xml.jinja", ".svg.jinja")


@dataclass
class _Memo:
    """What rendering one loaded template reuses: teams of one project differ in a few
    values, so most files render once per project, not once per team."""

    env: BoundedSandbox
    reads: dict[str, frozenset[str] | None] = field(default_factory=dict)  # source -> names
    rendered: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)
    encoded: dict[tuple[str, tuple[str, ...]], tuple[bytes, str]] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)  # source -> output path (untemplated)
    sources: list[tuple[str, tuple[bytes, str] | None]] | None = None  # see _sources
    where: dict[str, str] = field(default_factory=dict)  # source -> its place, for messages
    compiled: dict[str, JinjaTemplate] = field(default_factory=dict)


_MEMOS: weakref.WeakKeyDictionary[Template, _Memo] = weakref.WeakKeyDictionary()


def _autoescape(name: str | None) -> bool:
    """HTML and XML files escape every value by default; text, YAML and code do not."""
    return bool(name) and str(name).endswith(_ESCAPED)


def _memo(template: Template) -> _Memo:
    """The template's sandbox and caches, built once per loaded template."""
    memo = _MEMOS.get(template)
    if memo is None:
        loader = DictLoader(dict(template.sources))
        memo = _Memo(make_environment(loader, FILTERS, GLOBALS, _autoescape))
        _MEMOS[template] = memo
    return memo


def environment(template: Template) -> BoundedSandbox:
    """The template's sandbox, built once per loaded template."""
    return _memo(template).env


@contextmanager
def _errors(where: str) -> Iterator[None]:
    """Map everything a template can raise to the template error tree, naming the file."""
    try:
        yield
    except TemplateError:
        raise
    except SecurityError as exc:
        raise TemplateSecurityError(f"{where}: {exc}") from exc
    except RecursionError:
        raise TemplateSecurityError(
            f"{where}: a macro, include or expression nests without end (deeper than Python "
            "allows); give the recursion a condition that stops it"
        ) from None
    except (OverflowError, MemoryError) as exc:
        raise TemplateSecurityError(f"{where}: {type(exc).__name__}: {exc}") from exc
    except UndefinedError as exc:
        raise TemplateError(
            f"{where}: {exc.message}; templates see only the documented context "
            "(docs/reference/templates.md): check the spelling, or use | default(...)"
        ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"{where}:{exc.lineno}: template syntax: {exc.message}") from None
    except JinjaError as exc:
        raise TemplateError(f"{where}: {exc}") from exc
    except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as exc:
        raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from exc


def render_project(template: Template, context: Mapping[str, object]) -> RenderedProject:
    """Render every file and milestone issue; same inputs give byte-identical output."""
    variables = _variables(template, context)
    ctx: dict[str, Any] = {
        **context,
        "vars": variables,
        "template": {"name": template.name, "version": template.version},
    }
    job = _Render(template, _memo(template), ctx)
    with budget_scope(Budget()):
        files, shas = _render_files(job)
        issues = tuple(_render_issues(job))
        onboarding = tuple(_render_onboarding(job))
    mentors = ctx.get("mentors", [])
    files[CODEOWNERS_PATH] = codeowners([m["handle"] for m in mentors])
    shas[CODEOWNERS_PATH] = blob_sha(files[CODEOWNERS_PATH])
    files[STAMP_PATH] = _stamp(template, ctx, variables, shas)
    if sum(len(data) for data in files.values()) > MAX_TOTAL_OUTPUT:
        raise TemplateSecurityError(f"{template.name}: output larger than {MAX_TOTAL_OUTPUT} bytes")
    return RenderedProject(
        template=template.name,
        version=template.version,
        files=dict(sorted(files.items())),
        issues=issues,
        pages=template.pages,
        onboarding=onboarding,
    )


@dataclass
class _Render:
    """One team's render: its context, and each context value as JSON, encoded once."""

    template: Template
    memo: _Memo
    ctx: dict[str, Any]
    values: dict[str, str | None] = field(default_factory=dict)

    def key(self, names: frozenset[str] | None) -> tuple[str, ...] | None:
        """The values of ``names`` (sorted), the cache key of what reads exactly them;
        None when one of them is not JSON (then the source renders every time)."""
        if names is None:
            return None
        out = []
        for name in sorted(names):
            if name not in self.values:
                self.values[name] = _encoded(self.ctx.get(name))
            value = self.values[name]
            if value is None:
                return None
            out.append(value)
        return tuple(out)

    def where(self, name: str) -> str:
        """Where a source is, for messages: ``template 'x' (folder/name)``."""
        place = self.memo.where.get(name)
        if place is None:
            place = self.memo.where[name] = (
                f"template {self.template.name!r} ({self.template.root / name})"
            )
        return place


def _encoded(value: object) -> str | None:
    try:
        return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError):
        return None


def _variables(template: Template, context: Mapping[str, object]) -> dict[str, object]:
    given = context.get("variables") or {}
    if not isinstance(given, Mapping):
        raise TemplateError("context 'variables' must be a mapping")
    unknown = sorted(set(given) - set(template.variables))
    if unknown:
        raise TemplateError(f"{template.name}: unknown variables {unknown}")
    values: dict[str, object] = {}
    for name, spec in template.variables.items():
        value = given.get(name, spec.default)
        if spec.pattern and not re.fullmatch(spec.pattern, str(value)):
            raise TemplateError(
                f"{template.name}: variable {name}={value!r} must match {spec.pattern}"
            )
        values[name] = value
    return values


def _render_files(job: _Render) -> tuple[dict[str, bytes], dict[str, str]]:
    """Path -> content and path -> blob SHA of every file of the scaffold."""
    files: dict[str, bytes] = {}
    shas: dict[str, str] = {}
    for source, verbatim in _sources(job):
        path = _output_path(job, source)
        if path is None:
            continue
        if path in files:
            raise TemplateError(f"{job.template.name}: two sources produce {path!r}")
        files[path], shas[path] = verbatim or _render_file(job, source)
    return files, shas


def _sources(job: _Render) -> list[tuple[str, tuple[bytes, str] | None]]:
    """Every file source in order; for those copied as they are, their bytes and blob SHA."""
    memo = job.memo
    if memo.sources is None:
        verbatim = dict(job.template.verbatim)
        jinja = [name for name in job.template.sources if name.startswith(FILES)]
        memo.sources = [
            (source, (verbatim[source], blob_sha(verbatim[source])) if source in verbatim else None)
            for source in sorted([*jinja, *verbatim])
        ]
    return memo.sources


def _output_path(job: _Render, source: str) -> str | None:
    """The repository path of a source; None when a templated component renders empty."""
    name = source[len(FILES) :].removesuffix(SUFFIX)
    if "{" not in name:
        path = job.memo.paths.get(source)
        if path is None:
            path = job.memo.paths[source] = check_path(name)
        return path
    with _errors(f"file name {source}"):
        parts = [job.memo.env.from_string(part).render(job.ctx) for part in name.split("/")]
    if any(not part for part in parts):
        return None
    return check_path("/".join(parts))


def _render_file(job: _Render, name: str) -> tuple[bytes, str]:
    """A file's bytes and blob SHA, once per distinct value of what it reads."""
    key = job.key(_reads(job, name))
    if key is not None and (name, key) in job.memo.encoded:
        return job.memo.encoded[(name, key)]
    data = _render_source(job, name).encode("utf-8")
    out = (data, blob_sha(data))
    if key is not None:
        job.memo.encoded[(name, key)] = out
    return out


def _render_text(job: _Render, name: str) -> str:
    """Render ``name`` once per distinct value of what it reads (teams share most files)."""
    key = job.key(_reads(job, name))
    cache = job.memo.rendered
    if key is not None and (name, key) in cache:
        return cache[(name, key)]
    text = _render_source(job, name)
    if key is not None:
        cache[(name, key)] = text
    return text


def _render_source(job: _Render, name: str) -> str:
    where = job.where(name)
    compiled = job.memo.compiled.get(name)
    with _errors(where):
        if compiled is None:
            compiled = job.memo.compiled[name] = job.memo.env.get_template(name)
        return render_stream(compiled.generate(job.ctx), where)


def _reads(job: _Render, name: str) -> frozenset[str] | None:
    """The context names ``name`` reads, worked out once per source."""
    reads = job.memo.reads
    if name not in reads:
        reads[name] = _names_read(job.memo.env, job.template, name)
    return reads[name]


def _names_read(
    env: BoundedSandbox, template: Template, name: str, seen: frozenset[str] = frozenset()
) -> frozenset[str] | None:
    """Top-level context names a source reads, through the sources it includes or imports.

    None when that is unknowable (a source named by an expression, or one that is missing).
    """
    source = template.sources.get(name)
    if source is None or name in seen:
        return None if source is None else frozenset()
    try:
        ast = env.parse(source)
        names = set(meta.find_undeclared_variables(ast))
        included_names = list(meta.find_referenced_templates(ast))
    except (JinjaError, RecursionError, MemoryError):
        return None  # rendering meets it again and reports it, naming the file
    for included in included_names:
        more = None if included is None else _names_read(env, template, included, seen | {name})
        if more is None:
            return None
        names |= more
    return frozenset(names)


def _title(job: _Render, text: str) -> str:
    """An issue title, compiled once per template and rendered once per distinct input."""
    name = f"<title>{text}"
    memo = job.memo
    if name not in memo.reads:  # errors are reported by the caller, with the issue's name
        memo.compiled[name] = memo.env.from_string(text)
        memo.reads[name] = frozenset(meta.find_undeclared_variables(memo.env.parse(text)))
    key = job.key(memo.reads[name])
    if key is not None and (name, key) in memo.rendered:
        return memo.rendered[(name, key)]
    title = memo.compiled[name].render(job.ctx)
    if key is not None:
        memo.rendered[(name, key)] = title
    return title


def _render_issues(job: _Render) -> Iterator[MilestoneIssue]:
    for spec in job.template.issues:
        where = f"{job.template.name} issue {spec.key}"
        with _errors(where):
            title = " ".join(_title(job, spec.title).split())
        body = _render_text(job, spec.body)
        labels = tuple(dict.fromkeys((phase_label(spec.phase), "kind: milestone", *spec.labels)))
        yield MilestoneIssue(spec.phase, spec.key, title[:256], body, labels)


ONBOARDING = "issues/onboarding.md.jinja"


def _render_onboarding(job: _Render) -> Iterator[OnboardingText]:
    """One onboarding issue per mentee, from the template's own ``issues/onboarding.md.jinja``
    (the built-in templates have it through ``_common``), with ``mentee`` in the context.

    A template without that file gets the generic text of :func:`generic_onboarding`.
    Nothing when the cohort switched them off (``program.onboarding_issues: false``).
    """
    if job.ctx.get("onboarding_issues") is False:
        return
    for mentee in job.ctx.get("mentees", []):
        handle = str(mentee["handle"])
        title = f"Your first week, {handle}: set up, a first pull request, a first review"
        if ONBOARDING in job.template.sources:
            body = _render_text(
                _Render(job.template, job.memo, {**job.ctx, "mentee": mentee}), ONBOARDING
            )
        else:
            body = generic_onboarding(handle)
        yield OnboardingText(handle, title, body)


def generic_onboarding(handle: str) -> str:
    """Week one for a template that does not write its own onboarding issue."""
    return (
        f"Welcome, @{handle}! This issue is your first week, step by step.\n\n"
        "- [ ] Set the project up on your computer as the README's *How to run it* says.\n"
        "- [ ] Run the checks the README names; they must pass before you change anything.\n"
        "- [ ] Make a first small pull request (add yourself to `docs/team.md`).\n"
        "- [ ] Get one review from a mentor and merge it.\n"
        "- [ ] Introduce yourself in the team's check-in issue.\n\n"
        "Stuck? Comment here with a line that starts with `/mentor`.\n"
    )


def _stamp(
    template: Template,
    ctx: Mapping[str, Any],
    variables: Mapping[str, object],
    shas: Mapping[str, str],
) -> bytes:
    """``.cohort/template.json``: what this repository was generated from, for later updates.

    ``shas`` maps every generated path to its git blob SHA: the base of the three-way merge
    that proposes a later version of the template (``cohort update-templates``).
    """
    project = ctx.get("project")
    inputs = {
        "cohort": ctx.get("cohort"),
        "org": ctx.get("org"),
        "repo": ctx.get("repo"),
        "team": ctx.get("team"),
        "project": project.get("id") if isinstance(project, Mapping) else None,
        "variables": dict(sorted(variables.items())),
    }
    stamp = {
        "template": template.name,
        "version": template.version,
        "inputs": inputs,
        "files": dict(sorted(shas.items())),
    }
    return (json.dumps(stamp, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
