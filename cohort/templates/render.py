"""Render a loaded template for one team: files, milestone issues, CODEOWNERS, stamp (pure)."""

from __future__ import annotations

import json
import re
import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from jinja2 import DictLoader, meta
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
_ENVIRONMENTS: weakref.WeakKeyDictionary[Template, BoundedSandbox] = weakref.WeakKeyDictionary()
# Rendered text by (source, the context values it reads): teams of one project differ in a
# few values, so most files render once per project, not once per team.
_RENDERED: weakref.WeakKeyDictionary[Template, dict[tuple[str, str], str]] = (
    weakref.WeakKeyDictionary()
)
_READS: weakref.WeakKeyDictionary[Template, dict[str, frozenset[str] | None]] = (
    weakref.WeakKeyDictionary()
)


def _autoescape(name: str | None) -> bool:
    """HTML and XML files escape every value by default; text, YAML and code do not."""
    return bool(name) and str(name).endswith(_ESCAPED)


def environment(template: Template) -> BoundedSandbox:
    """The template's sandbox, built once per loaded template."""
    env = _ENVIRONMENTS.get(template)
    if env is None:
        env = make_environment(DictLoader(dict(template.sources)), FILTERS, GLOBALS, _autoescape)
        _ENVIRONMENTS[template] = env
    return env


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
    env = environment(template)
    variables = _variables(template, context)
    ctx: dict[str, Any] = {
        **context,
        "vars": variables,
        "template": {"name": template.name, "version": template.version},
    }
    with budget_scope(Budget()):
        files = _render_files(template, env, ctx)
        issues = tuple(_render_issues(template, env, ctx))
        onboarding = tuple(_render_onboarding(template, env, ctx))
    mentors = ctx.get("mentors", [])
    files[CODEOWNERS_PATH] = codeowners([m["handle"] for m in mentors])
    files[STAMP_PATH] = _stamp(template, ctx, variables, files)
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


def _render_files(template: Template, env: BoundedSandbox, ctx: dict[str, Any]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    jinja = [name for name in template.sources if name.startswith(FILES)]
    for source in sorted([*jinja, *template.verbatim]):
        path = _output_path(env, source, ctx)
        if path is None:
            continue
        if path in files:
            raise TemplateError(f"{template.name}: two sources produce {path!r}")
        if source in template.verbatim:
            files[path] = template.verbatim[source]
        else:
            files[path] = _render_text(template, env, source, ctx).encode("utf-8")
    return files


def _output_path(env: BoundedSandbox, source: str, ctx: dict[str, Any]) -> str | None:
    """The repository path of a source; None when a templated component renders empty."""
    name = source[len(FILES) :].removesuffix(SUFFIX)
    if "{" in name:
        with _errors(f"file name {source}"):
            parts = [env.from_string(part).render(ctx) for part in name.split("/")]
        if any(not part for part in parts):
            return None
        name = "/".join(parts)
    return check_path(name)


def _render_text(template: Template, env: BoundedSandbox, name: str, ctx: Mapping[str, Any]) -> str:
    """Render ``name`` once per distinct value of what it reads (teams share most files)."""
    key = _input_key(template, env, name, ctx)
    cache = _RENDERED.setdefault(template, {})
    if key is not None and (name, key) in cache:
        return cache[(name, key)]
    where = _located(template, name)
    with _errors(where):
        text = render_stream(env.get_template(name).generate(ctx), where)
    if key is not None:
        cache[(name, key)] = text
    return text


def _input_key(
    template: Template, env: BoundedSandbox, name: str, ctx: Mapping[str, Any]
) -> str | None:
    """The context values ``name`` reads, as canonical JSON; None when that is unknowable."""
    reads = _READS.setdefault(template, {})
    if name not in reads:
        reads[name] = _names_read(env, template, name)
    names = reads[name]
    if names is None:
        return None
    try:
        return json.dumps({n: ctx.get(n) for n in sorted(names)}, sort_keys=True)
    except (TypeError, ValueError):
        return None


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


def _title(env: BoundedSandbox, template: Template, text: str, ctx: dict[str, Any]) -> str:
    """An issue title, compiled once per template and rendered once per distinct input."""
    name = f"<title>{text}"
    reads = _READS.setdefault(template, {})
    if name not in reads:  # errors are reported by the caller, with the issue's name
        reads[name] = frozenset(meta.find_undeclared_variables(env.parse(text)))
    names = reads[name] or frozenset()
    key = json.dumps({n: ctx.get(n) for n in sorted(names)}, sort_keys=True, default=str)
    cache = _RENDERED.setdefault(template, {})
    if (name, key) not in cache:
        cache[(name, key)] = env.from_string(text).render(ctx)
    return cache[(name, key)]


def _located(template: Template, name: str) -> str:
    """Where a source is, for messages: ``template 'x' (folder/name)``."""
    return f"template {template.name!r} ({template.root / name})"


def _render_issues(
    template: Template, env: BoundedSandbox, ctx: dict[str, Any]
) -> Iterator[MilestoneIssue]:
    for spec in template.issues:
        where = f"{template.name} issue {spec.key}"
        with _errors(where):
            title = " ".join(_title(env, template, spec.title, ctx).split())
        body = _render_text(template, env, spec.body, ctx)
        labels = tuple(dict.fromkeys((phase_label(spec.phase), "kind: milestone", *spec.labels)))
        yield MilestoneIssue(spec.phase, spec.key, title[:256], body, labels)


ONBOARDING = "issues/onboarding.md.jinja"


def _render_onboarding(
    template: Template, env: BoundedSandbox, ctx: dict[str, Any]
) -> Iterator[OnboardingText]:
    """One onboarding issue per mentee, from the template's own ``issues/onboarding.md.jinja``
    (the built-in templates have it through ``_common``), with ``mentee`` in the context.

    A template without that file gets the generic text of :func:`generic_onboarding`.
    """
    for mentee in ctx.get("mentees", []):
        handle = str(mentee["handle"])
        title = f"Your first week, {handle}: set up, a first pull request, a first review"
        if ONBOARDING in template.sources:
            body = _render_text(template, env, ONBOARDING, {**ctx, "mentee": mentee})
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
    files: Mapping[str, bytes],
) -> bytes:
    """``.cohort/template.json``: what this repository was generated from, for later updates.

    ``files`` maps every generated path to its git blob SHA: the base of the three-way merge
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
        "files": {path: blob_sha(data) for path, data in sorted(files.items())},
    }
    return (json.dumps(stamp, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
