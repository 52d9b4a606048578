"""Where a record built in Python holds a value of the wrong type (``mode="partnership"``).

Documents read by :mod:`coproduce.io` are typed by the reader; records built by hand are
typed only by a type checker, which an untyped caller (a notebook, another language's
bridge) does not run. A string where a vocabulary value belongs, or ``"no"`` where a
boolean does, would otherwise make the engine reason wrongly without a word, or fail deep
inside.

- :func:`check_types` is what the engine and the costing call first: the vocabulary values,
  booleans, records and tuples of a project are checked by a plan made once per class (a
  few microseconds), and a project the reader built, or one checked before, is not checked
  again (remembered by identity, not by ``==``, which a string-typed copy could pass).
- :func:`type_problems` explains, field by field, every value of the wrong type.
"""

from __future__ import annotations

import enum
import functools
import re
import types
import typing
import weakref
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs

from coproduce.errors import did_you_mean

__all__ = ["check_types", "mark_typed", "noun", "type_problems"]

Problem = tuple[str, str, str]


_NOUNS = {
    "StakeholderKind": "a kind of stakeholder",
    "Mode": "a mode of involvement",
    "Motivation": "a motivation for coproduction",
    "Level": "a level",
    "Lean": "a lean of a Table 2 condition",
    "Sufficiency": "a level of resource",
    "CareerStage": "a career stage",
    "ContractType": "a kind of contract",
    "DecisionProcess": "a way of taking decisions",
    "Contribution": "something a party brings",
    "Stance": "a public stance",
    "RateUnit": "a unit of a rate",
    "SessionFormat": "a session format",
    "PaymentMethod": "a way of paying contributors",
    "ExpenseKind": "a kind of expense",
    "ExpenseBasis": "a basis of an expense",
    "ImpactArea": "an area of impact",
    "PlanChangeKind": "a kind of change to the plan",
    "Involvement": "a line of the plan",
    "ConditionSetting": "a Table 2 condition setting",
    "CostingPlan": "a costing",
    "InvolvementCosting": "a costed involvement",
    "LogEntry": "a log entry",
    "InvolvementLog": "an involvement log",
}


@functools.cache
def noun(cls: type) -> str:
    """What a person calls a value of the record or vocabulary ``cls``, with its article.

    Messages about documents and records say this, never the Python class's name.

    Example:
        >>> from coproduce.model import Mode, Stakeholder, StakeholderKind
        >>> noun(StakeholderKind), noun(Mode), noun(Stakeholder)
        ('a kind of stakeholder', 'a mode of involvement', 'a stakeholder')

    """
    if cls.__name__ in _NOUNS:
        return _NOUNS[cls.__name__]
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", cls.__name__).lower()
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


@functools.cache
def _hints(cls: type) -> Mapping[str, Any]:
    return typing.get_type_hints(cls)


def type_problems(value: object, path: str = "") -> list[Problem]:
    """Every field of ``value`` (an attrs record, recursively) whose value its type refuses.

    As ``(path, "wrong-type", message)``, the path in the document's terms
    (``plan[0].mode``). Types this check does not know are taken as they are.

    Example:
        >>> from coproduce.model import Involvement, Mode, Project
        >>> line = Involvement(stage="stage.dissemination", stakeholder="m", mode=Mode.ADVICE)
        >>> object.__setattr__(line, "mode", "advice")  # what building it would refuse
        >>> type_problems(Project(title="t", plan=(line,)))[0][:2]
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
        return list(_record(value, at)) if isinstance(value, t) else f"{noun(t)} ({t.__name__})"
    if isinstance(t, type) and issubclass(t, enum.Enum):
        if isinstance(value, t):
            return []
        values = [m.value for m in t]
        hint = ""
        if value in values:
            hint = f"; {t.__name__}({value!r}) makes one"
        elif isinstance(value, str):
            close = did_you_mean(value, [v for v in values if isinstance(v, str)])
            hint = f"; {close}" if close else ""
        return f"{noun(t)} ({t.__name__}: one of {', '.join(map(repr, values))}{hint})"
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


# -- the fast check -------------------------------------------------------------------------

_Check = Callable[[Any], bool]
_TYPED: dict[int, weakref.ref[Any]] = {}
"""Records known to be well typed, by identity: built by the reader, or checked before."""


class _Ref(weakref.ref):  # type: ignore[type-arg]
    """A weak reference that knows its key in :data:`_TYPED`, to leave it when collected."""

    __slots__ = ("key",)
    key: int


def _forget(ref: _Ref) -> None:
    _TYPED.pop(ref.key, None)


def mark_typed(value: object) -> None:
    """Remember that ``value`` is well typed (the reader built it), until it is collected.

    Every document read passes here, so it costs a fraction of a microsecond.
    """
    try:
        ref = _Ref(value, _forget)
    except TypeError:  # no weak references to it: it is checked each time
        return
    ref.key = id(value)
    _TYPED[ref.key] = ref


def _known(value: object) -> bool:
    ref = _TYPED.get(id(value))
    return ref is not None and ref() is value


def check_types(value: object) -> list[Problem]:
    """The fields of ``value`` of the wrong type (see :func:`type_problems`), checked fast.

    Empty when ``value`` is well typed, which is then remembered. Vocabulary values,
    booleans, records and tuples are checked up front; any other field of the wrong type is
    left to the engine, which explains it with :func:`type_problems` if it fails on it.
    """
    if _known(value):
        return []
    cls: Any = type(value)
    if _record_check(cls)(value):
        mark_typed(value)
        return []
    return type_problems(value)


@functools.cache
def _record_check(cls: Any) -> _Check:
    """A check that a record of ``cls`` holds values of the types its plan can check."""
    if not attrs.has(cls):
        return _anything
    plan: list[tuple[str, _Check]] = []
    hints = _hints(cls)
    for field in attrs.fields(cls):
        if field.name != "extensions" and field.name in hints:
            step = _type_check(hints[field.name])
            if step is not None:
                plan.append((field.name, step))
    steps = tuple(plan)

    def check(value: Any) -> bool:
        return isinstance(value, cls) and all(ok(getattr(value, name)) for name, ok in steps)

    return check


def _anything(value: Any) -> bool:
    return True


def _boolean(value: Any) -> bool:
    return value is True or value is False


def _type_check(t: Any) -> _Check | None:
    """A check of a value of type ``t``, or ``None`` where the fast plan checks nothing."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        options = [o for o in get_args(t) if o is not type(None)]
        inner = _type_check(options[0]) if len(options) == 1 else None
        return None if inner is None else _optional(inner)
    if origin is tuple:
        args = get_args(t)
        item = _type_check(args[0]) if len(args) == 2 and args[1] is Ellipsis else None
        return _tuple_of(item) if item is not None else None
    supertype = getattr(t, "__supertype__", None)
    if supertype is not None:
        return _type_check(supertype)
    if isinstance(t, type) and attrs.has(t):
        return _record_of(t)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return _instance_of(t)
    return _boolean if t is bool else None


def _optional(inner: _Check) -> _Check:
    def check(value: Any) -> bool:
        return value is None or inner(value)

    return check


def _tuple_of(item: _Check) -> _Check:
    def check(value: Any) -> bool:
        return type(value) is tuple and all(map(item, value))

    return check


def _record_of(cls: type) -> _Check:
    def check(value: Any) -> bool:
        kind: Any = type(value)
        return isinstance(value, cls) and _record_check(kind)(value)

    return check


def _instance_of(cls: type) -> _Check:
    def check(value: Any) -> bool:
        return isinstance(value, cls)

    return check
