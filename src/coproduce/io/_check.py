"""Checking parsed data before it meets the model: what no document format can hold.

Keys that are not strings, lone surrogates, non-finite numbers, integers too long to write,
values of no format (a date from an explicit YAML tag), and nesting beyond the limit; each
found at its path. Paths are spelt by :func:`child_path`, unambiguously.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from coproduce.errors import MAX_ISSUES, Issue
from coproduce.io._read import Limits, one_issue

__all__ = ["check_data", "check_depth", "child_path", "key_text"]

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
                raise one_issue(
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
            raise one_issue(
                "too-deep",
                f"the document nests more than {limits.max_depth} levels",
                f"at most {limits.max_depth} levels",
            )
        stack.extend((child, depth + 1) for child in children)
