"""Lines and columns for the issues of a document, found only when needed.

Parsing with positions costs several times a plain parse, so a document is composed into
PyYAML's node tree (which keeps a start mark per node; JSON is close enough to YAML for
this) only after it has been found to have problems, and only if it is not too large.

TOML has no such tree in the standard library, so a TOML document's lines are read for the
places where its tables and keys begin (:func:`toml_positions`); an issue inside a value (an
item of an inline array, a key of an inline table) is placed at the key that holds it. Its
syntax errors carry a line and column from the parser.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import attrs

from coproduce.errors import Issue

__all__ = ["locate", "path_keys", "toml_positions"]

_MAX_TEXT = 4 * 1024 * 1024
"""Documents larger than this are not composed again for positions."""

_TOKEN = re.compile(r'\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\[([^\]]*)\]')


def path_keys(path: str) -> list[str | int] | None:
    """The keys and indexes of an issue path, or ``None`` if it is not one.

    Example:
        >>> path_keys('$.plan[3].aims[0]')
        ['plan', 3, 'aims', 0]
        >>> path_keys('$["x-a.b"].c')
        ['x-a.b', 'c']

    """
    if not path.startswith("$"):
        return None
    keys: list[str | int] = []
    pos = 1
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if m is None:
            return None
        name, index, quoted, other = m.groups()
        if name is not None:
            keys.append(name)
        elif index is not None:
            keys.append(int(index))
        elif quoted is not None:
            keys.append(json.loads(quoted))
        else:
            keys.append(other)
        pos = m.end()
    return keys


_STR_TAG = "tag:yaml.org,2002:str"


def _key_matches(k: Any, key: str | int, loader: list[Any]) -> bool:
    """Whether the key node ``k`` is the key a path names.

    A string key is compared as it is written; a key that is not a string as
    :func:`~coproduce.io._check.key_text` spells its value.
    """
    import yaml

    if not isinstance(k, yaml.ScalarNode):
        return False
    if k.tag == _STR_TAG or k.value == str(key):
        return bool(k.value == str(key))
    from coproduce.io._check import key_text
    from coproduce.io._yaml import yaml_loader

    if not loader:
        loader.append(yaml_loader()(""))
    try:
        return key_text(loader[0].construct_object(k)) == str(key)
    except Exception:  # a key PyYAML cannot construct is not the one the path names
        return False


def _node_at(root: Any, keys: list[str | int], key_node: bool) -> Any:
    """The deepest node on the way to ``keys`` (the key's own node if ``key_node``).

    A key that is not a string is itself the problem (it is always refused), so the path to
    it ends at the key's node, on the key's own line.
    """
    import yaml

    node = root
    loader: list[Any] = []
    for n, key in enumerate(keys):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if _key_matches(k, key, loader):
                    if (key_node or k.tag != _STR_TAG) and n == len(keys) - 1:
                        return k
                    node = v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return node
            node = node.value[key]
        else:
            return node
    return node


_TOML_KEY = re.compile(r"""[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'""")
_TOML_HEADER = re.compile(r"[ \t]*(\[\[?)([^\]]*)\]")
_TOML_STRING = re.compile(r"""'''.*?'''|\"\"\".*?\"\"\"|"(?:[^"\\]|\\.)*"|'[^']*'""")
_TOML_PAIR = re.compile(
    r"""\s*((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
    r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*="""
)


_TOML_DEPTH = 32
"""Dotted keys longer than this are not followed (nothing in a document nests so deep)."""


def _toml_keys(dotted: str) -> tuple[str, ...]:
    keys: list[str] = []
    for m in _TOML_KEY.finditer(dotted):
        if len(keys) == _TOML_DEPTH:
            return ()
        key = m.group()
        if key[0] == '"':
            try:
                key = json.loads(key)
            except ValueError:  # an escape TOML has and JSON lacks (\UXXXXXXXX): as written
                key = key[1:-1]
        elif key[0] == "'":  # a literal key: no escapes
            key = key[1:-1]
        keys.append(key)
    return tuple(keys)


class _TomlTables:
    """Which element of each array of tables the lines read so far are in."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str | int, ...], int] = {}
        self.arrays: set[tuple[str, ...]] = set()

    def resolve(self, keys: tuple[str, ...], new_element: bool) -> tuple[str | int, ...]:
        """The path of a ``[keys]`` header (``[[keys]]`` if ``new_element``)."""
        path: list[str | int] = []
        for n in range(1, len(keys) + 1):
            path.append(keys[n - 1])
            last = n == len(keys)
            if last and new_element:
                self.arrays.add(keys)
                at = tuple(path)
                self.counts[at] = self.counts.get(at, -1) + 1
                path.append(self.counts[at])
            elif keys[:n] in self.arrays and (at := tuple(path)) in self.counts:
                path.append(self.counts[at])
        return tuple(path)


def toml_positions(text: str) -> dict[tuple[str | int, ...], tuple[int, int, int]]:
    r"""Where each table and key of a TOML document begins: its line, its column, its value's.

    A table's value column is its header's.

    Read line by line, not parsed: a key inside a multi-line string is not taken for one,
    but keys inside inline tables are not found (their issues go to the enclosing key).

    Example:
        >>> pos = toml_positions('[[aims]]\nid = "a"\n\n[[aims]]\n  id = "b"\n')
        >>> pos[("aims", 1)], pos[("aims", 1, "id")]
        ((4, 1, 1), (5, 3, 8))

    """
    out: dict[tuple[str | int, ...], tuple[int, int, int]] = {}
    tables = _TomlTables()
    table: tuple[str | int, ...] = ()
    in_string: str | None = None  # the quotes that close the multi-line string we are in
    depth = 0  # open brackets of a value that goes on over several lines
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string is not None:
            if line.count(in_string) % 2:
                in_string = None
            continue
        if depth == 0 and (header := _TOML_HEADER.match(line)) is not None:
            keys = _toml_keys(header.group(2))
            table = tables.resolve(keys, header.group(1) == "[[") if keys else ("",)
            out.setdefault(table, (number, header.start(1) + 1, header.start(1) + 1))
            continue
        rest = line
        if depth == 0 and (pair := _TOML_PAIR.match(line)) is not None:
            rest = line[pair.end() :]
            value = pair.end() + len(rest) - len(rest.lstrip()) + 1
            if keys := _toml_keys(pair.group(1)):
                out.setdefault((*table, *keys), (number, pair.start(1) + 1, value))
        in_string = next((q for q in ('"""', "'''") if rest.count(q) % 2), None)
        bare = _TOML_STRING.sub("", rest).split("#", 1)[0]
        depth = max(
            0, depth + bare.count("[") + bare.count("{") - bare.count("]") - bare.count("}")
        )
    return out


def _locate_toml(issues: tuple[Issue, ...], text: str) -> tuple[Issue, ...]:
    positions = toml_positions(text)
    out = []
    for issue in issues:
        path = path_keys(issue.path) if issue.line is None else None
        keys = list(path or ())
        while keys and tuple(keys) not in positions:
            keys.pop()
        if not keys or path is None:
            out.append(issue)
            continue
        line, key, value = positions[tuple(keys)]
        # an unknown key is shown at the key; a bad value, or a place inside one, at the value
        unknown_here = issue.code == "unknown-field" and len(keys) == len(path)
        out.append(attrs.evolve(issue, line=line, column=key if unknown_here else value))
    return tuple(out)


def locate(
    issues: Iterable[Issue], text: str | bytes, format: str | None = None
) -> tuple[Issue, ...]:
    """The issues with ``line`` and ``column`` filled in where the text allows."""
    issues = tuple(issues)
    if len(text) > _MAX_TEXT or not any(i.line is None and i.path != "$" for i in issues):
        return issues
    if format == "toml":
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig", errors="replace")
        return _locate_toml(issues, text)
    try:
        import yaml

        from coproduce.io._yaml import yaml_loader

        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        elif not text.isascii():  # a lone surrogate, one character as one "?": same places
            text = text.encode("utf-8", "replace").decode("utf-8")
        root = yaml.compose(text, Loader=yaml_loader(fast=True))
    except Exception:  # positions are a courtesy: a text PyYAML cannot compose has none
        return issues
    if root is None:
        return issues
    out = []
    for issue in issues:
        keys = path_keys(issue.path) if issue.line is None else None
        if keys is None:
            out.append(issue)
            continue
        mark = _node_at(root, keys, issue.code == "unknown-field").start_mark
        out.append(attrs.evolve(issue, line=mark.line + 1, column=mark.column + 1))
    return tuple(out)
