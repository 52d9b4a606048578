"""Parsing and writing document text: JSON, YAML (safe, YAML 1.2-like scalars) and TOML.

Nothing in a document is executed: JSON is parsed by the standard library, YAML by a safe
loader that also refuses anchors and aliases, TOML by :mod:`tomllib`. PyYAML and tomli-w
are imported only when a YAML or TOML document is read or written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from coproduce.errors import DocumentError, Issue

if TYPE_CHECKING:
    import yaml

__all__ = ["FORMATS", "Format", "Limits", "check_depth", "detect", "parse", "serialise"]

Format = Literal["json", "yaml", "toml"]
"""A document format."""
FORMATS: tuple[Format, ...] = ("json", "yaml", "toml")
_SUFFIX: dict[str, Format] = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".toml": "toml"}


@attrs.frozen(kw_only=True)
class Limits:
    """Limits on a document, so that hostile or broken input fails fast and cleanly.

    Attributes:
        max_bytes: the largest document accepted, in bytes (default 16 MiB).
        max_depth: the deepest nesting of objects and arrays accepted (default 64).

    """

    max_bytes: int = 16 * 1024 * 1024
    max_depth: int = 64


def detect(source: Path | str | bytes, format: Format | None) -> Format:
    """The format of a source: named, from a path's suffix, or sniffed from the text."""
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
        return format
    if isinstance(source, Path):
        return _SUFFIX.get(source.suffix.lower(), "json")
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


def _issue(code: str, message: str, expected: str = "") -> DocumentError:
    return DocumentError([Issue(path="$", code=code, message=message, expected=expected)])


def _yaml_loader() -> type[yaml.SafeLoader]:
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader with YAML 1.2-like scalars and no anchors or aliases.

        ``yes``/``no``/``on``/``off`` stay strings (only ``true``/``false`` are booleans),
        timestamps stay strings, numbers with a leading zero (``0123``) stay strings, a key
        repeated in a mapping is refused (nothing is silently overwritten), and an alias
        (``*name``) is refused, which also rules out "billion laughs" documents.
        """

        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
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
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

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
    Loader.yaml_implicit_resolvers = resolvers
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )
    Loader.add_implicit_resolver(
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"),
        list("-+0123456789"),
    )
    return Loader


_LOADER: list[type[Any]] = []
_DUMPER: list[type[Any]] = []
_RISKY = frozenset("\x85\u2028\u2029")


def _yaml_dumper() -> type[Any]:
    import yaml

    class Dumper(yaml.SafeDumper):
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


def parse(text: str | bytes, format: Format, limits: Limits) -> Any:
    """Parse document text into plain Python data, within the limits.

    Raises:
        DocumentError: too large, too deep, or not valid in the format.

    """
    size = len(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    if size > limits.max_bytes:
        raise _issue("too-large", f"the document is {size} bytes", f"at most {limits.max_bytes}")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        if format == "json":
            data = json.loads(
                text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates
            )
        elif format == "yaml":
            import yaml

            if not _LOADER:
                _LOADER.append(_yaml_loader())
            data = yaml.load(text, Loader=_LOADER[0])
        else:
            import tomllib

            data = tomllib.loads(text)
    except RecursionError:
        raise _issue(
            "too-deep", "the document nests too deeply", f"at most {limits.max_depth} levels"
        ) from None
    except UnicodeDecodeError as exc:
        raise _issue("syntax", f"the document is not UTF-8: {exc.reason}") from None
    except ValueError as exc:  # json.JSONDecodeError, tomllib.TOMLDecodeError
        raise _issue("syntax", f"not valid {format.upper()}: {exc}") from None
    except Exception as exc:
        if type(exc).__module__.startswith("yaml"):
            raise _issue("syntax", f"not valid YAML: {exc}") from None
        raise
    return data


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


def serialise(data: dict[str, Any], format: Format) -> str:
    """Document text for plain data. Deterministic: the same data gives the same text."""
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if format == "yaml":
        import yaml

        if not _DUMPER:
            _DUMPER.append(_yaml_dumper())
        text: str = yaml.dump(
            data, Dumper=_DUMPER[0], sort_keys=False, allow_unicode=True, width=100
        )
        return text
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(_without_nulls(data))
    raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
