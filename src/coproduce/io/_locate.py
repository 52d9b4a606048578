"""Lines and columns for the issues of a JSON or YAML document, found only when needed.

Parsing with positions costs several times a plain parse, so a document is composed into
PyYAML's node tree (which keeps a start mark per node; JSON is close enough to YAML for
this) only after it has been found to have problems, and only if it is not too large.
TOML has no such tree in the standard library, so its issues keep only their paths (its
syntax errors carry a line and column from the parser).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import attrs

from coproduce.errors import Issue

__all__ = ["locate", "path_keys"]

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


def _node_at(root: Any, keys: list[str | int], key_node: bool) -> Any:
    """The deepest node on the way to ``keys`` (the key's own node if ``key_node``)."""
    import yaml

    node = root
    for n, key in enumerate(keys):
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(key):
                    if key_node and n == len(keys) - 1:
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


def locate(issues: Iterable[Issue], text: str | bytes) -> tuple[Issue, ...]:
    """The issues with ``line`` and ``column`` filled in where the text allows."""
    issues = tuple(issues)
    if len(text) > _MAX_TEXT or not any(i.line is None and i.path != "$" for i in issues):
        return issues
    try:
        import yaml

        from coproduce.io._formats import _yaml_loader

        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        root = yaml.compose(text, Loader=_yaml_loader(fast=True))
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
