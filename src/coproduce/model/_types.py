"""Where a record built in Python holds a value of the wrong type (``mode="partnership"``).

Documents read by :mod:`coproduce.io` are typed by the reader; records built by hand are
typed only by a type checker, which an untyped caller (a notebook, another language's
bridge) does not run. The engine calls :func:`type_problems` when a project it was given
makes it fail, so that the caller learns which field holds what, instead of an error from
deep inside; it costs nothing while projects are well typed.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

__all__ = ["type_problems"]

Problem = tuple[str, str, str]


@functools.cache
def _hints(cls: type) -> Mapping[str, Any]:
    return typing.get_type_hints(cls)


def type_problems(value: object, path: str = "") -> list[Problem]:
    """Every field of ``value`` (an attrs record, recursively) whose value its type refuses.

    As ``(path, "wrong-type", message)``, the path in the document's terms
    (``plan[0].mode``). Types this check does not know are taken as they are.

    Example:
        >>> from coproduce.model import Involvement, Project
        >>> p = Project(title="t", plan=(
        ...     Involvement(stage="stage.dissemination", stakeholder="m", mode="advice"),))
        >>> type_problems(p)[0][:2]
        ('plan[0].mode', 'wrong-type')

    """
    return list(_record(value, path))


def _record(value: Any, path: str) -> Iterator[Problem]:
    cls: Any = type(value)
    hints = _hints(cls)
    for field in attrs.fields(cls):
        if field.name == "extensions" or field.name not in hints:
            continue
        at = f"{path}.{field.name}" if path else field.name
        yield from _value(getattr(value, field.name), hints[field.name], at)


def _value(value: object, t: Any, at: str) -> Iterator[Problem]:
    expected = _check(value, t, at)
    if isinstance(expected, str):
        yield (at, "wrong-type", f"expected {expected}, got {_shown(value)}")
    else:
        yield from expected


def _check(value: object, t: Any, at: str) -> str | list[Problem]:
    """A description of what was expected if ``value`` is not a ``t``, else nested problems."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        options = get_args(t)
        if value is None and type(None) in options:
            return []
        found = [_check(value, o, at) for o in options if o is not type(None)]
        fitting = [f for f in found if not isinstance(f, str)]
        if fitting:
            return min(fitting, key=len)
        return " or ".join(str(f) for f in found) + (" or null" if type(None) in options else "")
    if origin is tuple:
        if not isinstance(value, tuple):
            return "a tuple (a list is not accepted: records are immutable)"
        item = get_args(t)[0]
        return [p for k, v in enumerate(value) for p in _value(v, item, f"{at}[{k}]")]
    supertype = getattr(t, "__supertype__", None)
    if supertype is not None:  # a NewType
        return _check(value, supertype, at)
    if isinstance(t, type) and attrs.has(t):
        return list(_record(value, at)) if isinstance(value, t) else f"a {t.__name__} record"
    if isinstance(t, type) and issubclass(t, enum.Enum):
        if isinstance(value, t):
            return []
        values = ", ".join(repr(m.value) for m in t)
        hint = f"; {t.__name__}({value!r}) makes one" if isinstance(value, str) else ""
        return f"a {t.__name__} (one of {values}{hint})"
    return _scalar(value, t)


def _scalar(value: object, t: Any) -> str | list[Problem]:
    if t is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif t is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif t in (str, bool, Decimal):
        ok = isinstance(value, t)
    else:
        return []  # not a type this check knows: taken as it is
    return [] if ok else f"a {t.__name__}"


def _shown(value: object) -> str:
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 40 else text[:37] + '...'}"
