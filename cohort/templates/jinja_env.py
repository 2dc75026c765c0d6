"""The Jinja environment templates render in: sandboxed, capped sizes, a time budget."""

from __future__ import annotations

import ctypes
import operator
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, TemplateSyntaxError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from cohort.templates.model import TemplateSecurityError

MAX_RANGE = 10_000  # items one range() may produce
MAX_INT_ARG = 100_000  # largest number a filter or method may take (widths, counts)
MAX_STRING = 1_000_000  # characters one expression may build
MAX_EXPONENT = 64
MAX_FILE_OUTPUT = 1_000_000  # characters one rendered file may have
TIME_BUDGET = 5.0  # seconds one render (all files of a project) may take
CHECK_EVERY = 512  # loop items between two deadline checks
_FORMAT_WIDTH = re.compile(r"\d{6,}")


class Budget:
    """A deadline shared by every template rendered for one project."""

    def __init__(self, seconds: float = TIME_BUDGET) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateSecurityError(
                f"template rendering took longer than {self.seconds:g} s; stopped"
            )


_LOCAL = threading.local()


def check_budget() -> None:
    """Raise when the current render is past its deadline (no-op outside a render).

    Called for every output chunk, attribute and call, so it reads the clock inline.
    """
    budget: Budget | None = getattr(_LOCAL, "budget", None)
    if budget is not None and time.monotonic() > budget.deadline:
        budget.check()


class _Overtime(BaseException):
    """Raised asynchronously into a render that ignored its deadline (a tight loop)."""


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    target = ctypes.py_object(exc) if exc is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), target)


class _Watchdog:
    """One daemon thread for every budget scope, started once: it looks at the deadlines a
    few times a second and fires a scope past its deadline plus grace. (A timer thread per
    render cost more than rendering a small project.)"""

    POLL = 0.1  # seconds between two looks

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scopes: dict[int, budget_scope] = {}
        self._thread: threading.Thread | None = None

    def watch(self, scope: budget_scope) -> None:
        with self._lock:
            self._scopes[id(scope)] = scope
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="template-watchdog", daemon=True
                )
                self._thread.start()

    def unwatch(self, scope: budget_scope) -> None:
        with self._lock:
            self._scopes.pop(id(scope), None)

    def _run(self) -> None:
        while True:
            time.sleep(self.POLL)
            now = time.monotonic()
            with self._lock:
                due = [s for s in self._scopes.values() if now >= s.fire_at]
            for scope in due:
                scope.fire()


_WATCHDOG = _Watchdog()


class budget_scope:  # noqa: N801 - used as a context manager, reads like one
    """Install a budget for renders on this thread, with a watchdog as the backstop.

    Cooperative checks (loops, calls, output) stop most hostile templates; a loop that calls
    nothing is stopped by the watchdog, which raises into this thread shortly after the deadline.
    """

    def __init__(self, budget: Budget, grace: float = 1.0) -> None:
        self.budget = budget
        self.fire_at = budget.deadline + grace
        self._lock = threading.Lock()
        self._done = False
        self._fired = False
        self._thread_id = threading.get_ident()

    def fire(self) -> None:
        with self._lock:
            if not self._done and not self._fired:
                self._fired = True
                _set_async_exc(self._thread_id, _Overtime)

    def __enter__(self) -> Budget:
        _LOCAL.budget = self.budget
        _WATCHDOG.watch(self)
        return self.budget

    def __exit__(self, kind: type[BaseException] | None, exc: object, tb: object) -> None:
        _WATCHDOG.unwatch(self)
        with self._lock:
            self._done = True
            if self._fired and kind is not _Overtime:
                _set_async_exc(self._thread_id, None)  # not delivered yet: withdraw it
        _LOCAL.budget = None
        if kind is _Overtime:
            raise TemplateSecurityError(
                f"template rendering took longer than {self.budget.seconds:g} s; stopped"
            )


def _bounded(items: Iterator[Any]) -> Iterator[Any]:
    for count, item in enumerate(items):
        if count % CHECK_EVERY == 0:
            check_budget()
        yield item


def safe_range(*args: int) -> Iterator[int]:
    """range() that refuses more than MAX_RANGE items and checks the deadline as it goes."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateSecurityError(f"range() of {len(numbers)} items; the limit is {MAX_RANGE}")
    return _bounded(iter(numbers))


def safe_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """lipsum() with a cap on the number of paragraphs and words."""
    _check_args((n, min, max), {})
    if n > 100 or max > 1000:
        raise TemplateSecurityError("lipsum() asked for too much text")
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _check_args(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT_ARG:
            raise TemplateSecurityError(f"argument {value} is larger than {MAX_INT_ARG}")


def _check_format(fmt: object) -> None:
    if isinstance(fmt, str) and _FORMAT_WIDTH.search(fmt):
        raise TemplateSecurityError("a format string asks for a width beyond the limit")


def _check_size(value: Any) -> Any:
    if isinstance(value, str | bytes | list | tuple) and len(value) > MAX_STRING:
        raise TemplateSecurityError(f"a value of {len(value)} items; the limit is {MAX_STRING}")
    return value


def _safe_mul(left: Any, right: Any) -> Any:
    if isinstance(right, int) and isinstance(left, str | bytes | list | tuple):
        left, right = right, left
    sized = isinstance(right, str | bytes | list | tuple)
    if isinstance(left, int) and sized and left * len(right) > MAX_STRING:
        raise TemplateSecurityError("repeating a value beyond the size limit")
    return _check_size(operator.mul(left, right))


def _safe_pow(left: Any, right: Any) -> Any:
    if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
        raise TemplateSecurityError(f"exponent {right} is larger than {MAX_EXPONENT}")
    return operator.pow(left, right)


def _safe_mod(left: Any, right: Any) -> Any:
    _check_format(left)
    return _check_size(operator.mod(left, right))


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": _safe_mul,
    "**": _safe_pow,
    "%": _safe_mod,
    "+": lambda a, b: _check_size(operator.add(a, b)),
}


_DICT_ATTRIBUTES = frozenset(dir(dict))


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment that also bounds sizes and checks the render deadline."""

    intercepted_binops = frozenset(_BINOPS)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        check_budget()
        handler = _BINOPS.get(operator)
        if handler is None:
            return super().call_binop(context, operator, left, right)
        return handler(left, right)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        check_budget()
        _check_args(args, kwargs)
        target = getattr(__obj, "__wrapped__", __obj)  # Jinja wraps str.format for the sandbox
        if getattr(target, "__name__", "") in ("format", "format_map"):
            _check_format(getattr(target, "__self__", None))
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        """A template's globals as a plain dict, not Jinja's ChainMap: every render copies
        them, and copying a ChainMap is slow. make_environment sets the environment's
        globals before any template loads, and nothing changes them afterwards."""
        return {**self.globals, **(d or {})}

    def getattr(self, obj: Any, attribute: str) -> Any:
        check_budget()
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]  # what Jinja returns too, after raising an AttributeError
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        check_budget()
        return super().getitem(obj, argument)


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    passed = getattr(func, "jinja_pass_arg", None)
    skip = 2 if passed is not None else 1  # (context|env,) value, then the filter's arguments

    def guarded(*args: Any, **kwargs: Any) -> Any:
        check_budget()
        _check_args(args[skip:], kwargs)
        if name == "format":
            _check_format(args[skip - 1])
        return _check_size(func(*args, **kwargs))

    if passed is not None:
        guarded.jinja_pass_arg = passed  # type: ignore[attr-defined]
    return guarded


def make_environment(
    loader: BaseLoader,
    filters: Mapping[str, Callable[..., Any]],
    globals_: Mapping[str, Any],
    autoescape: Callable[[str | None], bool],
) -> BoundedSandbox:
    """The one environment every template renders in."""
    env = BoundedSandbox(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(filters)
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    env.globals.update(range=safe_range, lipsum=safe_lipsum)
    env.globals.update(globals_)
    return env


def render_stream(chunks: Iterator[str], name: str) -> str:
    """Join a template's output, stopping at the size limit or the deadline."""
    out: list[str] = []
    size = 0
    try:
        for count, chunk in enumerate(chunks):
            size += len(chunk)
            if size > MAX_FILE_OUTPUT:
                raise TemplateSecurityError(
                    f"{name}: output is larger than {MAX_FILE_OUTPUT} characters; stopped"
                )
            if not count % CHECK_EVERY:  # loops, calls and lookups check it too
                check_budget()
            out.append(chunk)
    except SecurityError as exc:
        raise TemplateSecurityError(f"{name}: {exc}") from exc
    except (OverflowError, MemoryError) as exc:
        raise TemplateSecurityError(f"{name}: {type(exc).__name__}: {exc}") from exc
    return "".join(out)  # a RecursionError is the caller's to word (it names the template)


__all__ = ["BoundedSandbox", "Budget", "TemplateSyntaxError", "budget_scope", "make_environment"]
