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

# The largest cohort.yml accepted: 1 MB. The benchmark cohort takes about 380 bytes per team
# with its four people, so 1 MB is about 2,500 teams (10,000 people), past the 2,000 teams
# cohort is measured at; real programs are a few hundred teams at most (under 150 KB), and
# beyond that GitHub's own limits stretch one apply over days (500 org invitations a day).
# A larger file would only cost minutes of CPU and gigabytes of memory before failing.
MAX_BYTES = 1_000_000
_TOO_BIG = (
    "file is {size:,} {unit}; the limit is {limit:,} (about 2,500 teams with their people): "
    "split the program into several cohorts, each with its own file"
)
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
            raise _whole(file, _TOO_BIG.format(size=len(text), unit="bytes", limit=MAX_BYTES))
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _whole(file, f"not UTF-8 text (byte {exc.start})") from None
    if len(text) > MAX_BYTES:
        raise _whole(file, _TOO_BIG.format(size=len(text), unit="characters", limit=MAX_BYTES))
    doc = Document(file, None)
    builder = _Builder(doc)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        msg = exc.problem or exc.context or "invalid YAML"
        raise InvalidInput([_syntax_problem(file, text, line, col, msg)]) from None
    except yaml.YAMLError as exc:
        raise _whole(file, f"YAML error: {exc}") from None
    if not builder.has_root:
        raise InvalidInput([Problem(file, 0, 0, "", "the file is empty")])
    if builder.problems:
        raise InvalidInput(builder.problems)
    doc.data = builder.root
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


@dataclass
class _Frame:
    """An open mapping or sequence while events stream in."""

    path: Path
    value: dict[str, object] | list[object]
    key: str | None = None  # a mapping's key waiting for its value


class _Builder:
    """Plain data and positions from YAML events in one pass, refusing what cohort forbids.

    Anchors, aliases, explicit tags, several documents, deep nesting and too many nodes are
    refused at the event that shows them; bad and duplicate keys become problems, and their
    values are left out.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: object = None
        self.has_root = False
        self.documents = 0
        self.events = 0
        self.skip_nodes = 0  # whole nodes still to leave out
        self.skip_depth = 0  # how deep inside a collection being left out

    def feed(self, event: yaml.Event) -> None:
        self.events += 1
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        self._refuse(event, where)
        if self._skipping(event):
            return
        if isinstance(event, yaml.ScalarEvent):
            top = self.stack[-1] if self.stack else None
            if top is not None and isinstance(top.value, dict) and top.key is None:
                self._key(top, str(event.value), where)
            else:
                self._place(_scalar_value(str(event.value), event.style), where)
        elif isinstance(event, yaml.CollectionStartEvent):
            self._open(event, where)
        elif isinstance(event, yaml.CollectionEndEvent):
            self.stack.pop()

    def _skipping(self, event: yaml.Event) -> bool:
        """Consume ``event`` when it belongs to a node being left out."""
        if self.skip_depth:
            self.skip_depth += _nesting(event)
            if not self.skip_depth:
                self.skip_nodes -= 1
            return True
        if self.skip_nodes and isinstance(event, yaml.ScalarEvent):
            self.skip_nodes -= 1
            return True
        if self.skip_nodes and isinstance(event, yaml.CollectionStartEvent):
            self.skip_depth = 1
            return True
        return False

    def _refuse(self, event: yaml.Event, where: tuple[int, int]) -> None:
        file = self.doc.file
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _at(file, where, "anchors and aliases (&, *) are not allowed; write values out")
        tag = getattr(event, "tag", None)
        if tag and not getattr(event, "implicit", True) and tag != "!":
            raise _at(file, where, f"explicit YAML tags ({tag}) are not allowed")
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _at(file, where, "only one YAML document is allowed (remove '---')")
        depth = len(self.stack) + max(self.skip_depth - 1, 0)
        if isinstance(event, yaml.CollectionStartEvent) and depth >= MAX_DEPTH:
            raise _at(file, where, f"nesting deeper than {MAX_DEPTH} levels")
        if self.events > MAX_NODES:
            raise _at(file, where, f"more than {MAX_NODES} YAML nodes")

    def _key(self, frame: _Frame, key: str, where: tuple[int, int]) -> None:
        assert isinstance(frame.value, dict)
        child = (*frame.path, key)
        if key == "<<":
            at = format_path(frame.path)
            self.problems.append(Problem(self.doc.file, *where, at, "merge keys are not allowed"))
            self.skip_nodes = 1
        elif key in frame.value:
            first = self.doc.key_positions[child]
            message = f"duplicate key '{key}' (first defined at line {first[0]})"
            self.problems.append(Problem(self.doc.file, *where, format_path(child), message))
            self.skip_nodes = 1
        else:
            self.doc.key_positions[child] = where
            frame.key = key

    def _open(self, event: yaml.Event, where: tuple[int, int]) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is None:
            at = format_path(top.path)
            self.problems.append(Problem(self.doc.file, *where, at, "keys must be text"))
            self.skip_nodes, self.skip_depth = 2, 1  # this key, then its value
            return
        container: dict[str, object] | list[object] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self.stack.append(_Frame(self._place(container, where), container))

    def _place(self, value: object, where: tuple[int, int]) -> Path:
        """Put a value where the stream is: the root, a sequence item, or a key's value."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            self.root, self.has_root = value, True
            self.doc.positions[()] = where
            return ()
        if isinstance(top.value, list):
            path: Path = (*top.path, len(top.value))
            top.value.append(value)
        else:
            assert top.key is not None
            path = (*top.path, top.key)
            top.value[top.key] = value
            top.key = None
        self.doc.positions[path] = where
        return path


def _nesting(event: yaml.Event) -> int:
    if isinstance(event, yaml.CollectionStartEvent):
        return 1
    if isinstance(event, yaml.CollectionEndEvent):
        return -1
    return 0


def _at(file: str, where: tuple[int, int], message: str) -> InvalidInput:
    return InvalidInput([Problem(file, where[0], where[1], "", message)])


def _scalar_value(text: str, style: str | None) -> object:
    if style:  # quoted or block scalar: always a string
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
