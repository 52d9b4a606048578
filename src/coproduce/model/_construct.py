"""What every document record checks when it is built in Python: its own fields, shallowly.

A record built by hand (``Involvement(mode="partnership")``, ``Project(plan=[...])``) is
typed only by a type checker, which a notebook or another language's bridge does not run.
So each record checks, as it is built, the fields it holds directly: vocabulary values are
members of their enum, booleans are ``True`` or ``False``, records are records of their
class, strings are strings, and a list given for a tuple becomes a tuple (so the record
hashes). Records inside were checked when they were built, so the check never recurses and
costs a few attribute reads per field. A refused record raises the engine's
:class:`~coproduce.errors.PlanError`, each problem at its path from the record (``$.mode``,
``$.plan[1]``), as the loader and the engine spell paths.

The document readers build records of the right types and skip this check.
"""

from __future__ import annotations

import enum
import functools
import types
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

import attrs

from coproduce.errors import Issue, PlanError
from coproduce.model._types import _hints, _value, noun

__all__ = ["check_fields"]

_Check = Callable[[Any], bool]
_Step = tuple[str, bool, "_Check | None"]
"""A field's name, whether it holds a tuple (a list given is made one), and its check."""


def check_fields(record: Any) -> None:
    """Check the fields ``record`` holds directly; make the lists it was given tuples.

    Raises:
        PlanError: a field holds a value of the wrong type, each such field named by its
            path from the record (``$.mode``).

    """
    cls: type = type(record)
    for name, is_tuple, ok in _plan(cls):
        value = getattr(record, name)
        if is_tuple and type(value) is list:
            value = tuple(value)
            object.__setattr__(record, name, value)
        if ok is not None and not ok(value):
            _refuse(record)


def _refuse(record: Any) -> None:
    cls: Any = type(record)
    hints = _hints(cls)
    problems = [
        problem
        for name, _, ok in _plan(cls)
        if ok is not None and not ok(getattr(record, name))
        for problem in _value(getattr(record, name), hints[name], f"$.{name}")
    ]
    raise PlanError(
        (Issue(path=path, code=code, message=message) for path, code, message in problems),
        heading=f"{noun(cls)} ({cls.__name__}) cannot be built",
    )


@functools.cache
def _plan(cls: type) -> tuple[_Step, ...]:
    hints = _hints(cls)
    steps: list[_Step] = []
    for field in attrs.fields(cls):
        if field.name == "extensions" or field.name not in hints:
            continue
        t = hints[field.name]
        is_tuple = get_origin(t) is tuple
        check = _shallow(t)
        if is_tuple or check is not None:
            steps.append((field.name, is_tuple, check))
    return tuple(steps)


def _shallow(t: Any) -> _Check | None:
    """A check that a value is of type ``t``, not looking inside records; ``None``: none."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        options = [o for o in get_args(t) if o is not type(None)]
        inner = _shallow(options[0]) if len(options) == 1 else None
        return None if inner is None else _optional(inner)
    if origin is tuple:
        args = get_args(t)
        item = _shallow(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
        return _tuple_of(item)
    supertype = getattr(t, "__supertype__", None)
    if supertype is not None:  # a NewType
        return _shallow(supertype)
    if isinstance(t, type) and (attrs.has(t) or issubclass(t, (enum.Enum, str))):
        return _instance_of(t)
    return _boolean if t is bool else None


def _boolean(value: Any) -> bool:
    return value is True or value is False


def _optional(inner: _Check) -> _Check:
    def check(value: Any) -> bool:
        return value is None or inner(value)

    return check


def _tuple_of(item: _Check | None) -> _Check:
    if item is None:
        return lambda value: type(value) is tuple

    def check(value: Any) -> bool:
        return type(value) is tuple and all(map(item, value))

    return check


def _instance_of(cls: type) -> _Check:
    def check(value: Any) -> bool:
        return isinstance(value, cls)

    return check
