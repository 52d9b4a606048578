"""Parsing and writing document text: JSON, YAML (safe, YAML 1.2-like scalars) and TOML.

Nothing in a document is executed: JSON is parsed by the standard library, YAML by a safe
loader that also refuses anchors and aliases, TOML by :mod:`tomllib`. PyYAML and tomli-w
are imported only when a YAML or TOML document is read or written.
"""

from __future__ import annotations

import gc
import json
import math
import os
import re
import select
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import attrs

from coproduce._record import Record
from coproduce.errors import MAX_ISSUES, DocumentError, Issue

if TYPE_CHECKING:
    import yaml

__all__ = [
    "FORMATS",
    "LOG_SUFFIXES",
    "Format",
    "Limits",
    "check_data",
    "check_depth",
    "child_path",
    "detect",
    "gc_paused",
    "key_text",
    "parse",
    "read_file",
    "read_stream",
    "serialise",
]

LOG_SUFFIXES = (".log.yaml", ".log.yml", ".log.json", ".log.toml")
"""The file endings of involvement logs (``coproduce validate`` reads such a file as a log)."""

Format = Literal["json", "yaml", "toml"]
"""A document format."""
FORMATS: tuple[Format, ...] = ("json", "yaml", "toml")
_SUFFIX: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


@attrs.frozen(kw_only=True)
class Limits(Record):
    """Limits on a document, so that hostile or broken input fails fast and cleanly.

    Attributes:
        max_bytes: the largest document accepted, in bytes (default 16 MiB). At most this
            many bytes plus one are ever read, from a file, a pipe or standard input.
        max_depth: the deepest nesting of objects and arrays accepted (default 64).
        max_wait: how long, in seconds, to wait for the first byte from a named pipe
            (FIFO) before giving up (default 10); a regular file never waits.

    """

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64
    max_wait: float = 10.0


_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def child_path(path: str, key: object) -> str:
    """The path of ``key`` inside the object at ``path``; odd keys are quoted, never ambiguous.

    A key that is not a string (YAML ``1: a``, ``true: a``) is spelt as the JSON of its
    value, quoted, so that the path stays valid JSONPath (``$["1"]``, ``$["true"]``): an
    object's member is never named by an index.

    Example:
        >>> child_path("$", "title"), child_path("$.aims[0]", "x-a.b")
        ('$.title', '$.aims[0]["x-a.b"]')
        >>> child_path("$", True), child_path("$", 1)
        ('$["true"]', '$["1"]')

    """
    if isinstance(key, str) and _KEY.fullmatch(key):
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key_text(key))}]"


def key_text(key: object) -> str:
    """A key as text: a string as it is, a number, boolean or null as JSON writes it.

    Example:
        >>> key_text("a"), key_text(True), key_text(1.5), key_text(None), key_text((1,))
        ('a', 'true', '1.5', 'null', '(1,)')

    """
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, (bool, int, float)):
        try:
            return json.dumps(key)
        except ValueError:  # an integer too long to write as text (over 4300 digits)
            return f"an integer of {key.bit_length()} bits" if isinstance(key, int) else "?"
    try:
        return str(key)
    except ValueError:
        return type(key).__name__


def _unreadable(name: str, message: str, expected: str = "") -> DocumentError:
    return DocumentError(
        [
            Issue(
                path="$",
                code="unreadable",
                message=f"cannot read {name}: {message}",
                expected=expected,
            )
        ]
    )


def _too_large(limits: Limits) -> DocumentError:
    return _issue(
        "too-large",
        f"the document is more than {limits.max_bytes} bytes",
        f"at most {limits.max_bytes}",
    )


def _read_fd(fd: int, limits: Limits, name: str = "", *, wait: bool = False) -> bytes:
    """Read at most ``limits.max_bytes + 1`` bytes; refuse more.

    With ``wait`` (a pipe, read without blocking), give up when no byte arrives for
    ``limits.max_wait`` seconds, so a writer that stalls cannot hang the reader.
    """
    chunks: list[bytes] = []
    size = 0
    while size <= limits.max_bytes:
        if wait:
            ready, _, _ = select.select([fd], [], [], limits.max_wait)
            if not ready:
                raise _unreadable(
                    name,
                    f"it is a pipe and nothing was written to it for {limits.max_wait:g} seconds",
                    "a file, or a pipe that a program writes a document to",
                )
        try:
            chunk = os.read(fd, min(1 << 20, limits.max_bytes + 1 - size))
        except BlockingIOError:
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > limits.max_bytes:
        raise _too_large(limits)
    return b"".join(chunks)


def read_file(path: os.PathLike[str] | str, limits: Limits) -> bytes:
    """The bytes of a document file, read safely.

    A regular file is read up to the size limit; a named pipe (or ``/dev/fd/N`` of a shell's
    process substitution) is read if a writer sends data within ``limits.max_wait`` seconds;
    anything else (a device such as ``/dev/zero``, a folder, a socket) is refused.

    Raises:
        DocumentError: unreadable, not a regular file or a pipe, silent, or too large.

    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISFIFO(mode):
            return _read_fd(fd, limits, name, wait=True)
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a device or special file"
            raise _unreadable(name, f"it is {kind}", "a regular file")
        os.set_blocking(fd, True)
        return _read_fd(fd, limits)
    except OSError as exc:
        raise _unreadable(name, exc.strerror or str(exc)) from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, limits: Limits) -> bytes:
    """Read a document from a binary stream (standard input), at most the size limit + 1 byte.

    Raises:
        DocumentError: the stream holds more than ``limits.max_bytes``.

    """
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise _too_large(limits)
    return data


def detect(source: Path | str | bytes, format: Format | None) -> Format:
    """The format of a source: named, from a path's suffix, or sniffed from the text."""
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
        return format
    if isinstance(source, Path):
        return _SUFFIX.get(source.suffix.lower(), "json")
    if source[:1] in ("{", "[", b"{", b"["):  # what the text below would find, at once
        return "json"
    head = source[:4096].decode("utf-8", "replace") if isinstance(source, bytes) else source[:4096]
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith(("{", "[")):
        return "json"
    for line in stripped.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if re.match(r"^\[\[?[A-Za-z0-9_.\"' -]+\]\]?$", line) or re.match(
            r"^[A-Za-z0-9_\"'.-]+\s*=", line
        ):
            return "toml"
        return "yaml"
    return "json"


def _issue(
    code: str,
    message: str,
    expected: str = "",
    line: int | None = None,
    column: int | None = None,
) -> DocumentError:
    return DocumentError(
        [Issue(path="$", code=code, message=message, expected=expected, line=line, column=column)]
    )


def _yaml_loader(fast: bool = False) -> type[yaml.SafeLoader]:
    """The strict loader; with ``fast``, built on libyaml's parser when PyYAML has it.

    The libyaml loader composes nodes in C, so it cannot refuse anchors as it goes:
    :func:`parse` checks the events for them first (a fast pass, also in C).
    """
    import yaml

    base: Any = yaml.SafeLoader
    if fast and getattr(yaml, "__with_libyaml__", False):
        base = yaml.CSafeLoader

    class Loader(base):  # type: ignore[misc]
        """SafeLoader with YAML 1.2-like scalars and no anchors or aliases.

        ``yes``/``no``/``on``/``off`` stay strings (only ``true``/``false`` are booleans),
        timestamps stay strings, numbers with a leading zero (``0123``) stay strings, a key
        repeated in a mapping is refused (nothing is silently overwritten), and an alias
        (``*name``) is refused, which also rules out "billion laughs" documents.
        """

        def compose_node(self, parent: Any, index: Any) -> Any:  # pure-Python parser only
            event = self.peek_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.composer.ComposerError(
                    None,
                    None,
                    "anchors and aliases are not allowed in documents",
                    event.start_mark,
                )
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        "a key must be a plain string, not a list, an object or null",
                        key_node.start_mark,
                    )
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    _yaml_1_2_scalars(Loader)
    _guarded_scalars(Loader)
    loader: type[yaml.SafeLoader] = Loader
    return loader


_SCALAR_TAGS = ("null", "bool", "int", "float", "timestamp")
"""The tags whose PyYAML constructors fail with Python's errors, not YAML's, on a value the
tag does not fit (``!!timestamp x``: AttributeError; ``!!bool x``: KeyError)."""


def _guarded_scalars(loader: type[yaml.SafeLoader]) -> None:
    """Make a value that does not fit its explicit tag a YAML error at the value's place."""
    import yaml

    for name in _SCALAR_TAGS:
        tag = f"tag:yaml.org,2002:{name}"
        construct = loader.yaml_constructors[tag]

        def guarded(self: Any, node: Any, construct: Any = construct, name: str = name) -> Any:
            try:
                return construct(self, node)
            except yaml.YAMLError:
                raise
            except Exception:
                value = node.value if isinstance(node.value, str) else "this value"
                raise yaml.constructor.ConstructorError(
                    None, None, f"{value!r} cannot be read as !!{name}", node.start_mark
                ) from None

        loader.add_constructor(tag, guarded)


def _yaml_1_2_scalars(loader: type[yaml.SafeLoader]) -> None:
    """Give ``loader`` YAML 1.2-like scalars: fewer booleans, no octal-looking ints, no dates."""
    import yaml

    resolvers: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        kept = [
            (tag, rx)
            for tag, rx in entries
            if tag
            not in (
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:timestamp",
            )
        ]
        if kept:
            resolvers[first] = kept
    loader.yaml_implicit_resolvers = resolvers
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    loader.add_implicit_resolver(
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"),
        list("-+0123456789"),
    )


_GC_LOCK = threading.Lock()
_GC_STATE = {"paused": 0, "was_enabled": False}


class gc_paused:  # used as a function: ``with gc_paused():``
    """Pause the cyclic garbage collector while a large YAML tree or model is built.

    PyYAML builds a node object per scalar, and the collector's passes over those millions
    of young objects made reading a large YAML document several times slower (18 s instead
    of 3 s for 11 MB); building the model's records from a large JSON document, passes over
    an old generation left by the program cost as much as the building itself. Nothing
    built here is cyclic, so nothing is left for the collector.
    Nested and concurrent reads share one pause: the first one in records whether the
    collector was on, the last one out restores that.

    A class rather than a generator: every document written enters it, and a generator's
    context manager costs several times as much to enter and leave.
    """

    __slots__ = ()

    def __enter__(self) -> None:
        with _GC_LOCK:
            if _GC_STATE["paused"] == 0:
                _GC_STATE["was_enabled"] = gc.isenabled()
                gc.disable()
            _GC_STATE["paused"] += 1

    def __exit__(self, *exc: object) -> None:
        with _GC_LOCK:
            _GC_STATE["paused"] -= 1
            if _GC_STATE["paused"] == 0 and _GC_STATE["was_enabled"]:
                gc.enable()


def _refuse_anchors(text: str, loader: type[Any]) -> None:
    """Raise on the first anchor or alias, scanning libyaml's events."""
    import yaml

    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None,
                None,
                "anchors and aliases are not allowed in documents",
                event.start_mark,  # type: ignore[arg-type]
            )


_LOADER: list[type[Any]] = []
_DUMPER: list[type[Any]] = []
_RISKY = frozenset("\x85\u2028\u2029")


def _yaml_dumper() -> type[Any]:
    import yaml

    # libyaml's emitter, when PyYAML has it, writes the same text several times faster
    base: Any = yaml.CSafeDumper if getattr(yaml, "__with_libyaml__", False) else yaml.SafeDumper

    class Dumper(base):  # type: ignore[misc]
        """SafeDumper that double-quotes strings YAML would otherwise mangle.

        PyYAML writes NEL and the Unicode line and paragraph separators raw in plain
        scalars, and reads them back as line breaks; double quotes escape them.
        """

    def represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        risky = any(c in _RISKY or (ord(c) < 32 and c != "\n") for c in value)
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if risky else None)

    Dumper.add_representer(str, represent_str)
    return Dumper


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON value")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


_TOML_KEY_LINE = re.compile(
    r"""^[ \t]*(\[\[?)?[ \t]*([A-Za-z0-9_\-."' \t]*?)[ \t]*(\]\]?[ \t]*(#.*)?$|=)"""
)


def _toml_key_depth(text: str, limits: Limits) -> None:
    """Refuse TOML whose dotted keys nest deeper than the limit, before parsing.

    ``tomllib`` takes time and memory quadratic in the number of segments of a dotted key
    (``a.a.a.… = 1``), so a 160 KB line could exhaust memory before any depth check on the
    parsed data. A table header's depth adds to that of the keys below it.
    """
    table = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if "." not in line:
            if line.lstrip().startswith("["):
                table = 0
            continue
        match = _TOML_KEY_LINE.match(line)
        if match is None:
            continue
        key = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "k", match.group(2))
        depth = key.count(".") + 1
        if match.group(1):
            table = depth
            depth = 0
        if table + depth > limits.max_depth:
            raise _issue(
                "too-deep",
                f"a dotted key nests {table + depth} levels",
                f"at most {limits.max_depth} levels",
                line=number,
            )


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _NonFinite(Exception):
    """A JSON number too large for a float (``1e400``): parse again, keep it, report it."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite
    return value


def parse(
    text: str | bytes, format: Format, limits: Limits, *, facts: dict[str, bool] | None = None
) -> Any:
    r"""Parse document text into plain Python data, within the limits.

    With ``facts``, record ``facts["plain"] = True`` when the data is JSON that cannot hold
    what :func:`check_data` looks for (JSON keys are strings; no number overflowed to an
    infinity; no ``\uD8..`` escape could make a lone surrogate), so that the check can
    be skipped when the fast path takes the document.

    Raises:
        DocumentError: too large, too deep, or not valid in the format; a syntax error
            carries its line and column.

    """
    size, surrogates = _measured(text)
    if size > limits.max_bytes:
        raise _issue("too-large", f"the document is {size} bytes", f"at most {limits.max_bytes}")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        if format == "json":
            data = _parse_json(text, facts)
            if surrogates and facts is not None:
                facts["plain"] = False  # check_data reports each at its path
            return data
        if format == "yaml":
            if surrogates:  # PyYAML cannot read it at all: say where the first one is
                raise _surrogate_in_text(text)
            return _parse_yaml(text)
        import tomllib

        _toml_key_depth(text, limits)
        return tomllib.loads(text)
    except RecursionError:
        raise _issue(
            "too-deep", "the document nests too deeply", f"at most {limits.max_depth} levels"
        ) from None
    except UnicodeDecodeError as exc:
        raise _issue("syntax", f"the document is not UTF-8: {exc.reason}") from None
    except DocumentError:
        raise
    except Exception as exc:
        raise _syntax_issue(exc, format, text) from None


def _measured(text: str | bytes) -> tuple[int, bool]:
    """The text's size in UTF-8 bytes, and whether it (a str) holds a lone surrogate."""
    if isinstance(text, bytes) or text.isascii():
        return len(text), False
    try:
        return len(text.encode("utf-8")), False
    except UnicodeEncodeError:  # no output can encode it
        return len(text.encode("utf-8", "surrogatepass")), True


def _surrogate_in_text(text: str) -> DocumentError:
    at = next(n for n, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)
    before = text[:at]
    return _issue(
        "invalid-value",
        f"the text holds a lone surrogate \\u{ord(text[at]):04x}, which UTF-8 cannot encode",
        "text in UTF-8",
        line=before.count("\n") + 1,
        column=at - (before.rfind("\n") + 1) + 1,
    )


def _parse_json(text: str, facts: dict[str, bool] | None) -> Any:
    try:
        data = json.loads(
            text,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicates,
            parse_float=_finite_float,
        )
        plain = "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None
    except _NonFinite:  # keep the infinity: check_data reports it at its path
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
        plain = False
    if facts is not None:
        facts["plain"] = plain
    return data


def _parse_yaml(text: str) -> Any:
    import yaml

    if not _LOADER:
        _LOADER.append(_yaml_loader(fast=True))
    with gc_paused():
        if not hasattr(_LOADER[0], "compose_document"):  # libyaml composes in C
            _refuse_anchors(text, _LOADER[0])
        return yaml.load(text, Loader=_LOADER[0])


def _syntax_issue(exc: Exception, format: Format, text: str | bytes) -> Exception:
    """A parser's failure as a ``syntax`` issue with its line and column, if it is one."""
    if isinstance(exc, json.JSONDecodeError):
        return _issue("syntax", f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
    if isinstance(exc, ValueError):  # tomllib.TOMLDecodeError, a refused JSON constant
        at = _TOML_AT.search(str(exc))
        message = _TOML_AT.sub("", str(exc)).strip()
        return _issue(
            "syntax",
            f"not valid {format.upper()}: {message}",
            line=int(at.group(1)) if at else None,
            column=int(at.group(2)) if at else None,
        )
    return _yaml_issue(exc, text)


def _yaml_issue(exc: Exception, text: str | bytes) -> Exception:
    import yaml

    if isinstance(exc, yaml.reader.ReaderError) and isinstance(text, str):
        before = text[: exc.position]
        return _issue(
            "syntax",
            f"not valid YAML: the character #x{exc.character:04x} is not allowed "
            "(a control character; write it as an escape in a double-quoted string)",
            line=before.count("\n") + 1,
            column=exc.position - (before.rfind("\n") + 1) + 1,
        )
    if type(exc).__module__.startswith("yaml"):
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context", None)
        message = f"{context}: {problem}" if context else problem
        return _issue(
            "syntax",
            f"not valid YAML: {message}",
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
        )
    return exc


def _describe_key(key: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number"}.get(
        type(key), type(key).__name__
    )


def check_data(data: Any, limits: Limits) -> list[Issue]:
    r"""Check parsed data before it meets the model: what every format must refuse.

    Nesting deeper than the limit raises at once; otherwise every key that is not a string
    (YAML and dict sources allow them, JSON cannot write them back), every string holding a
    lone surrogate (which no UTF-8 output can encode), every non-finite number (NaN,
    infinities) and every value no format holds (a date, binary data or a set from an
    explicit YAML tag, any other Python object in a dict source) is reported at its path,
    up to :data:`~coproduce.errors.MAX_ISSUES`.

    Example:
        >>> for issue in check_data({"a": [1.0, float("nan")], 1: chr(0xD800)}, Limits()):
        ...     print(issue)
        $.a[1]: NaN is not allowed (expected a finite number)
        $["1"]: the key 1 is an integer (expected a string; quote it in YAML: '1')
        $["1"]: the string holds a lone surrogate \ud800, which UTF-8 cannot encode (expected ...)

    """
    return _Checker(limits).run(data)


class _Checker:
    """One pass over parsed data; paths are built only for problems.

    Stack entries are ``(value, depth, parent entry, key, position in parent)``; problems
    are sorted back into document order by their positions.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.found: list[tuple[list[int], Issue]] = []

    def run(self, data: Any) -> list[Issue]:
        stack: list[tuple[Any, int, Any, Any, int]] = [(data, 1, None, None, 0)]
        while stack and len(self.found) < MAX_ISSUES:
            entry = stack.pop()
            value, depth = entry[0], entry[1]
            if depth > self.limits.max_depth:
                raise _issue(
                    "too-deep",
                    f"the document nests more than {self.limits.max_depth} levels",
                    f"at most {self.limits.max_depth} levels",
                )
            if isinstance(value, dict):
                stack.extend(self._object(entry, value, depth))
            elif isinstance(value, (list, tuple)):
                stack.extend(self._list(entry, value, depth))
            else:
                self._scalar(None, None, 0, value)
        self.found.sort(key=lambda f: f[0])
        return [issue for _, issue in self.found]

    def _object(self, entry: Any, value: dict[Any, Any], depth: int) -> list[Any]:
        children = []
        for pos, (k, v) in enumerate(value.items()):
            if not isinstance(k, str):
                self._add(entry, k, pos, _key_issue, k)
            elif not k.isascii() and _has_surrogate(k):
                self._add(entry, k, pos, _surrogate_issue, k, "key")
            if isinstance(v, (dict, list, tuple)):
                children.append((v, depth + 1, entry, k, pos))
            else:
                self._scalar(entry, k, pos, v)
        return children

    def _list(self, entry: Any, value: list[Any] | tuple[Any, ...], depth: int) -> list[Any]:
        children = []
        for i, v in enumerate(value):
            if isinstance(v, (dict, list, tuple)):
                children.append((v, depth + 1, entry, _Index(i), i))
            else:
                self._scalar(entry, _Index(i), i, v)
        return children

    @staticmethod
    def _where(entry: tuple[Any, ...] | None, key: Any, pos: int) -> tuple[str, list[int]]:
        keys, order = ([key], [pos]) if entry is not None and key is not None else ([], [])
        while entry is not None and entry[2] is not None:
            keys.append(entry[3])
            order.append(entry[4])
            entry = entry[2]
        path = "$"
        for k in reversed(keys):
            path = f"{path}[{k}]" if isinstance(k, _Index) else child_path(path, k)
        return path, order[::-1]

    def _add(self, entry: Any, key: Any, pos: int, make: Any, *args: Any) -> None:
        path, order = self._where(entry, key, pos)
        self.found.append((order, make(path, *args)))

    def _scalar(self, entry: Any, key: Any, pos: int, value: Any) -> None:
        if isinstance(value, str):
            if not value.isascii() and _has_surrogate(value):
                self._add(entry, key, pos, _surrogate_issue, value)
        elif isinstance(value, float):
            if not math.isfinite(value):
                self._add(entry, key, pos, _non_finite_issue, value)
        elif isinstance(value, int):  # bool is an int
            if value.bit_length() > _INT_BITS:
                self._add(entry, key, pos, _long_int_issue, value)
        elif value is not None:
            self._add(entry, key, pos, _not_json_issue, value)


def _key_issue(path: str, key: object) -> Issue:
    text = key_text(key)
    return Issue(
        path=path,
        code="wrong-type",
        message=f"the key {text} is {_describe_key(key)}",
        expected=f"a string; quote it in YAML: '{text}'",
    )


def _non_finite_issue(path: str, value: float) -> Issue:
    return Issue(
        path=path,
        code="invalid-value",
        message=f"{'NaN' if value != value else 'an infinite number'} is not allowed",
        expected="a finite number",
    )


_TAGGED = {
    "date": "a date (YAML !!timestamp)",
    "datetime": "a date and time (YAML !!timestamp)",
    "bytes": "binary data (YAML !!binary)",
    "set": "a set (YAML !!set)",
}


_INT_BITS = 14_000
"""Integers longer than this (about 4,200 digits) cannot be written as text by default
(``sys.get_int_max_str_digits``); JSON and YAML text cannot hold them on the way in."""


def _long_int_issue(path: str, value: int) -> Issue:
    return Issue(
        path=path,
        code="invalid-value",
        message=f"an integer of {value.bit_length()} bits is too long to write as text",
        expected="an integer of at most 4,000 digits",
    )


def _not_json_issue(path: str, value: object) -> Issue:
    name = type(value).__name__
    return Issue(
        path=path,
        code="wrong-type",
        message=f"got {_TAGGED.get(name, f'a Python {name}')}, which no document format holds",
        expected="text, a number, true or false, null, a list or an object; "
        "write dates as text ('2026-01-31')",
    )


class _Index(int):
    """A list index on the walk (keys of objects are strings or other scalars)."""


def _has_surrogate(s: str) -> bool:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate_issue(path: str, s: str, what: str = "string") -> Issue:
    bad = next(c for c in s if 0xD800 <= ord(c) <= 0xDFFF)
    return Issue(
        path=path,
        code="invalid-value",
        message=f"the {what} holds a lone surrogate \\u{ord(bad):04x}, which UTF-8 cannot encode",
        expected="text in UTF-8",
    )


def check_depth(data: Any, limits: Limits) -> None:
    """Raise :class:`DocumentError` if ``data`` nests deeper than the limit (iteratively)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > limits.max_depth:
            raise _issue(
                "too-deep",
                f"the document nests more than {limits.max_depth} levels",
                f"at most {limits.max_depth} levels",
            )
        stack.extend((child, depth + 1) for child in children)


def _without_nulls(value: Any, path: str = "$", *, extension: bool = False) -> Any:
    """Drop model fields that are null (their default), refuse nulls inside ``x-`` values."""
    if value is None and extension:
        raise ValueError(f"TOML cannot represent the null at {path}")
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            inside = extension or k.startswith("x-")
            if v is None and not inside:
                continue
            out[k] = _without_nulls(v, f"{path}.{k}", extension=inside)
        return out
    if isinstance(value, list):
        return [_without_nulls(v, f"{path}[{i}]", extension=extension) for i, v in enumerate(value)]
    return value


def serialise(data: dict[str, Any], format: Format, *, compact: bool = False) -> str:
    """Document text for plain data. Deterministic: the same data gives the same text.

    ``compact`` (JSON only) writes no indentation and no space: one line.
    """
    if compact and format != "json":
        raise ValueError(f"compact is for JSON only, not {format!r}")
    if format == "json":
        if compact:
            return (
                json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
            )
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if format == "yaml":
        import yaml

        if not _DUMPER:
            _DUMPER.append(_yaml_dumper())
        with gc_paused():
            text: str = yaml.dump(
                data, Dumper=_DUMPER[0], sort_keys=False, allow_unicode=True, width=100
            )
        return text
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(_without_nulls(data))
    raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
