"""YAML, read safely with YAML 1.2-like scalars and written so that it reads back the same.

Nothing in a document is executed: the loader is PyYAML's safe one, refusing anchors and
aliases, repeated keys and keys that are not plain scalars; ``yes``, ``0123`` and dates stay
strings. PyYAML is imported only when a YAML document is read or written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from coproduce._gc import gc_paused
from coproduce.io._read import one_issue

if TYPE_CHECKING:
    import yaml

__all__ = ["dump_yaml", "parse_yaml", "yaml_issue", "yaml_loader"]


def yaml_loader(fast: bool = False) -> type[yaml.SafeLoader]:
    """The strict loader; with ``fast``, built on libyaml's parser when PyYAML has it.

    The libyaml loader composes nodes in C, so it cannot refuse anchors as it goes:
    :func:`parse_yaml` checks the events for them first (a fast pass, also in C).
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


def parse_yaml(text: str) -> Any:
    """Plain data for YAML text, read by the strict loader (anchors refused first)."""
    import yaml

    if not _LOADER:
        _LOADER.append(yaml_loader(fast=True))
    with gc_paused():
        if not hasattr(_LOADER[0], "compose_document"):  # libyaml composes in C
            _refuse_anchors(text, _LOADER[0])
        return yaml.load(text, Loader=_LOADER[0])


def dump_yaml(data: Any) -> str:
    """YAML text for plain data, with strings YAML would mangle double-quoted."""
    import yaml

    if not _DUMPER:
        _DUMPER.append(_yaml_dumper())
    with gc_paused():
        text: str = yaml.dump(
            data, Dumper=_DUMPER[0], sort_keys=False, allow_unicode=True, width=100
        )
    return text


def yaml_issue(exc: Exception, text: str | bytes) -> Exception:
    """PyYAML's failure as a ``syntax`` issue at its line and column; anything else as is."""
    import yaml

    if isinstance(exc, yaml.reader.ReaderError) and isinstance(text, str):
        before = text[: exc.position]
        return one_issue(
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
        return one_issue(
            "syntax",
            f"not valid YAML: {message}",
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
        )
    return exc
