"""Strict YAML reading that keeps a source position for every key path."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

from cohort.errors import InvalidInput, Problem

try:  # the C parser is much faster; fall back to pure Python where libyaml is absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_DEPTH = 32
MAX_NODES = 500_000

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
# Plain scalars that YAML 1.1 parsers read as something other than a string.
_YAML11 = re.compile(
    r"(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)\Z"
    r"|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?\Z"
    r"|[-+]?0b[01_]+\Z|[-+]?0x[0-9a-fA-F_]+\Z|[-+]?0o?[0-7_]+\Z"
    r"|[-+]?(\.inf|\.Inf|\.INF)\Z|\.(nan|NaN|NAN)\Z"
)

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Ambiguous:
    """A plain scalar that YAML 1.1 would not read as the string it looks like."""

    text: str


@dataclass
class Document:
    """Plain data read from YAML, with the position of every key path."""

    file: str
    data: object
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Line and column of ``path`` (or of its nearest located parent)."""
        table = self.key_positions if key else self.positions
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path, message: str, hint: str = "", *, key: bool = False) -> Problem:
        line, col = self.position(path, key=key)
        return Problem(self.file, line, col, format_path(path), message, hint)


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def read_document(text: str | bytes, file: str) -> Document:
    """Parse one YAML document strictly; raise InvalidInput with a located problem."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise _whole(file, f"file is {len(text)} bytes; the limit is {MAX_BYTES}")
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _whole(file, f"not UTF-8 text (byte {exc.start})") from None
    if len(text) > MAX_BYTES:
        raise _whole(file, f"file is {len(text)} characters; the limit is {MAX_BYTES}")
    try:
        _precheck(text, file)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        msg = exc.problem or exc.context or "invalid YAML"
        raise InvalidInput([_syntax_problem(file, text, line, col, msg)]) from None
    except yaml.YAMLError as exc:
        raise _whole(file, f"YAML error: {exc}") from None
    doc = Document(file, None)
    if node is None:
        raise InvalidInput([Problem(file, 0, 0, "", "the file is empty")])
    problems: list[Problem] = []
    doc.data = _convert(node, (), doc, problems)
    if problems:
        raise InvalidInput(problems)
    return doc


def _syntax_problem(file: str, text: str, line: int, col: int, msg: str) -> Problem:
    """A YAML syntax error, in words a beginner knows for the usual causes (a tab)."""
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" in indent or "'\\t'" in msg:
        tab = here.find("\t") + 1 if "\t" in here else col
        return Problem(
            file,
            line,
            tab,
            "",
            "a tab character; YAML indentation must use spaces",
            "replace it with spaces",
        )
    return Problem(file, line, col, "", f"YAML syntax: {msg}")


def _whole(file: str, message: str) -> InvalidInput:
    return InvalidInput([Problem(file, 0, 0, "", message)])


def _precheck(text: str, file: str) -> None:
    """Refuse anchors, aliases, tags, deep nesting and several documents before composing."""
    depth = 0
    documents = 0
    for nodes, event in enumerate(yaml.parse(text, Loader=_Loader), start=1):
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _at(file, where, "anchors and aliases (&, *) are not allowed; write values out")
        tag = getattr(event, "tag", None)
        if tag and not getattr(event, "implicit", True) and tag != "!":
            raise _at(file, where, f"explicit YAML tags ({tag}) are not allowed")
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _at(file, where, "only one YAML document is allowed (remove '---')")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _at(file, where, f"nesting deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if nodes > MAX_NODES:
            raise _at(file, where, f"more than {MAX_NODES} YAML nodes")


def _at(file: str, where: tuple[int, int], message: str) -> InvalidInput:
    return InvalidInput([Problem(file, where[0], where[1], "", message)])


def _convert(node: yaml.Node, path: Path, doc: Document, problems: list[Problem]) -> object:
    doc.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, doc, problems)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node)


def _convert_mapping(
    node: yaml.MappingNode, path: Path, doc: Document, problems: list[Problem]
) -> dict[str, object]:
    out: dict[str, object] = {}
    for key_node, value_node in node.value:
        key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(doc.file, *key_pos, format_path(path), "keys must be text"))
            continue
        key = str(key_node.value)
        if key == "<<":
            problems.append(
                Problem(doc.file, *key_pos, format_path(path), "merge keys are not allowed")
            )
            continue
        child = (*path, key)
        if key in out:
            first = doc.key_positions[child]
            problems.append(
                Problem(
                    doc.file,
                    *key_pos,
                    format_path(child),
                    f"duplicate key '{key}' (first defined at line {first[0]})",
                )
            )
            continue
        doc.key_positions[child] = key_pos
        out[key] = _convert(value_node, child, doc, problems)
    return out


def _scalar(node: yaml.ScalarNode) -> object:
    text = str(node.value)
    if node.style:  # quoted or block scalar: always a string
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        digits = text.lstrip("+-")
        return Ambiguous(text) if len(digits) > 1 and digits.startswith("0") else int(text)
    if _YAML11.match(text):
        return Ambiguous(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def walk(data: object, path: Path = ()) -> Iterator[tuple[Path, object]]:
    """Every (path, value) in a converted document, depth first."""
    yield path, data
    if isinstance(data, dict):
        for key, value in data.items():
            yield from walk(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, (*path, i))
