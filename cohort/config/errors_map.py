"""Turn pydantic validation errors into located, hinted problems."""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from cohort.config.model import HANDLE_RE, SLUG_RE
from cohort.config.source import Ambiguous, Document, Path
from cohort.errors import Problem

PRIVATE_KEYS = frozenset(
    {
        "email",
        "e-mail",
        "mail",
        "phone",
        "address",
        "availability",
        "timezone",
        "time_zone",
        "gender",
        "pronouns",
        "age",
        "birthday",
        "ethnicity",
        "feedback",
    }
)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "date_type": "a date (YYYY-MM-DD)",
}


def problems_from(exc: ValidationError, doc: Document, root: type[BaseModel]) -> list[Problem]:
    """One problem per pydantic error, located in ``doc``."""
    return [_one(err, doc, root) for err in exc.errors(include_url=False)]


def _one(err: Any, doc: Document, root: type[BaseModel]) -> Problem:
    loc = clean_loc(err)
    value = err.get("input")
    kind = err["type"]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        if key.lower() in PRIVATE_KEYS:
            return doc.problem(
                loc,
                f"'{key}' is personal data and does not belong in cohort.yml",
                "the file is public; keep it in the private sign-up data",
                key=True,
            )
        known = sorted(_fields_at(root, loc[:-1]))
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return doc.problem(loc, f"unknown key '{key}'", hint, key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], f"missing required key '{loc[-1]}'", key=True)
    if isinstance(value, Ambiguous):
        return doc.problem(
            loc,
            f"'{value.text}' is not read as text by every YAML parser (YAML 1.1 makes it a "
            "boolean, number or time)",
            f'quote it: "{value.text}"' if kind == "string_type" else _hint_for(kind, err),
        )
    if kind in _TYPE_WORDS:
        got = _describe(value)
        hint = "quote it" if kind == "string_type" and isinstance(value, int | float | bool) else ""
        return doc.problem(loc, f"expected {_TYPE_WORDS[kind]}, got {got}", hint)
    if kind == "string_pattern_mismatch":
        return _pattern_problem(loc, value, err, doc)
    if kind == "literal_error":
        return doc.problem(
            loc, f"{_describe(value)} is not one of the choices", _hint_for(kind, err)
        )
    return doc.problem(loc, _clean(err["msg"]), _hint_for(kind, err))


def _pattern_problem(loc: Path, value: object, err: Any, doc: Document) -> Problem:
    """A value of the wrong shape, said in words; ``@name`` for a login is the usual slip."""
    pattern = str(err["ctx"]["pattern"])
    text = str(value)
    if pattern == HANDLE_RE and text.startswith("@") and re.match(HANDLE_RE, text[1:]):
        return doc.problem(
            loc,
            f"'{text}' is not a GitHub login: drop the @",
            f"write {text[1:]}",
        )
    words = _PATTERN_WORDS.get(pattern)
    if words is None:
        return doc.problem(loc, f"'{text}' is not allowed here", _hint_for(err["type"], err))
    return doc.problem(loc, f"'{text}' is not {words[0]}", words[1])


_PATTERN_WORDS = {
    HANDLE_RE: (
        "a GitHub login",
        "letters, digits and single hyphens, at most 39, not starting or ending with '-'",
    ),
    SLUG_RE: (
        "a slug",
        "lower-case letters, digits and '-', at most 39, starting with a letter or digit",
    ),
}


def clean_loc(err: Any) -> Path:
    """The key path of a pydantic error, without pydantic's internal validator names."""
    return tuple(part for part in err["loc"] if not _is_internal(part))


def _is_internal(part: object) -> bool:
    return isinstance(part, str) and (part.startswith("function-") or part in ("str", "int"))


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def _clean(msg: str) -> str:
    return msg.removeprefix("Value error, ")


def _hint_for(kind: str, err: Any) -> str:
    if kind == "string_pattern_mismatch":
        return f"it must match {err['ctx']['pattern']}"
    if kind == "literal_error":
        return f"use one of {err['ctx']['expected']}"
    return ""


def _fields_at(model: type[BaseModel], loc: Path) -> set[str]:
    """Field names of the model found at ``loc`` below ``model``."""
    found = model_at(model, loc)
    return set(found.model_fields) if found else set()


def model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """The model found at ``loc`` below ``model`` (list indexes are skipped), if any."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part)
        current = _model_in(field.annotation) if field else None
    return current


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType) or origin is not None:
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
