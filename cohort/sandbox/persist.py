"""Save and load sandbox state as JSON (dataclasses, bytes and tuple keys included)."""

from __future__ import annotations

import base64
import dataclasses
import types
import typing
from typing import Any

_KEYED = "__pairs__"


def dump(obj: Any) -> Any:
    """A JSON-able form of nested dataclasses, dicts, lists, tuples and bytes."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {
            f.name: dump(getattr(obj, f.name))
            for f in dataclasses.fields(obj)
            if not f.name.startswith("_")
        }
    if isinstance(obj, bytes):
        return {"__b64__": base64.b64encode(obj).decode()}
    if isinstance(obj, dict):
        return {_KEYED: [[dump(k), dump(v)] for k, v in obj.items()]}
    if isinstance(obj, list | tuple):
        return [dump(x) for x in obj]
    return obj


def load(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from ``dump``'s output."""
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        if data is None:
            return None
        return load(next(a for a in args if a is not type(None)), data)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return tp(
            **{
                f.name: load(hints[f.name], data[f.name])
                for f in dataclasses.fields(tp)
                if f.name in data
            }
        )
    if tp is bytes:
        return base64.b64decode(data["__b64__"])
    if origin is dict:
        return {load(args[0], k): load(args[1], v) for k, v in data[_KEYED]}
    if origin is list:
        return [load(args[0], x) for x in data]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(load(args[0], x) for x in data)
        return tuple(load(a, x) for a, x in zip(args, data, strict=True))
    return data
