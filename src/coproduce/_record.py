"""One ``__repr__``, ``__eq__`` and ``__hash__`` for every record class, instead of one each.

attrs writes the source of these three methods for each class it builds and compiles it; with
some 150 record classes, that compiling was most of what importing coproduce cost. A class
that derives from :class:`Record` gets them as its own attributes when it is created (each a
fresh function object, so attrs' ``auto_detect`` sees them as the class's own and writes
none), and they behave as attrs' would:

- ``repr``: ``Name(field=value, ...)`` over the fields attrs would show, each through its own
  ``repr=`` callable where it has one, ``...`` for a record inside itself;
- ``==``: records of the very same class whose ``eq`` fields are equal one by one, in order
  (through each field's ``eq_key`` where it has one); anything else is ``NotImplemented``;
- ``hash``: of the class and the fields attrs would hash, so equal records hash alike.

What a class needs (its fields, their order and flags) is read from ``attrs.fields`` the first
time one of the three is used on it, and kept on the class, never per instance.

A class body that defines one of the three keeps its own, and a plain subclass inherits its
parent's own; a subclass attrs decorates gets attrs' (as it would without this module).
"""

from __future__ import annotations

import operator
import threading
import types
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Record"]

_Getter = Callable[[Any], tuple[Any, ...]]


def _getter(fields: tuple[attrs.Attribute[Any], ...]) -> _Getter:
    """A function returning the values of ``fields`` of a record, as a tuple."""
    keys = tuple(getattr(f, "eq_key", None) for f in fields)  # not in attrs' stubs
    if any(keys):
        pairs = tuple((f.name, key) for f, key in zip(fields, keys, strict=True))
        return lambda obj: tuple(
            key(getattr(obj, name)) if key else getattr(obj, name) for name, key in pairs
        )
    names = tuple(f.name for f in fields)
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


class _Plan:
    """What the three methods need to know about one record class."""

    __slots__ = ("compared", "hashed", "name", "salt", "shown")

    def __init__(self, cls: type) -> None:
        fields: tuple[attrs.Attribute[Any], ...] = attrs.fields(cls)
        self.name = cls.__qualname__.rsplit(">.", 1)[-1]
        self.shown = tuple(
            (f.name, repr if f.repr is True else f.repr) for f in fields if f.repr is not False
        )
        self.compared = _getter(tuple(f for f in fields if f.eq))
        self.hashed = _getter(
            tuple(f for f in fields if f.hash is True or (f.hash is None and f.eq is True))
        )
        self.salt = hash(f"coproduce record {cls.__module__}.{cls.__qualname__}")


_REPRING = threading.local()


def _plan(cls: type) -> _Plan:
    """The class's plan, kept on the class itself (so it goes when the class goes)."""
    plan: _Plan | None = cls.__dict__.get("_record_plan")
    if plan is None:
        plan = _Plan(cls)
        type.__setattr__(cls, "_record_plan", plan)
    return plan


def _repr(self: object) -> str:
    seen: set[int] | None = getattr(_REPRING, "seen", None)
    if seen is None:
        seen = _REPRING.seen = set()
    if id(self) in seen:
        return "..."
    seen.add(id(self))
    try:
        plan = _plan(self.__class__)
        shown = ", ".join(
            f"{name}={show(getattr(self, name, attrs.NOTHING))}" for name, show in plan.shown
        )
        return f"{plan.name}({shown})"
    finally:
        seen.discard(id(self))


def _eq(self: object, other: object) -> object:  # a bool, or NotImplemented
    if other.__class__ is not self.__class__:
        return NotImplemented
    values = _plan(self.__class__).compared
    return all(map(operator.eq, values(self), values(other)))


def _hash(self: object) -> int:
    plan = _plan(self.__class__)
    return hash((plan.salt, *plan.hashed(self)))


_SHARED = {"__repr__": _repr, "__eq__": _eq, "__hash__": _hash}


class Record:
    """Base of the library's attrs records: shared ``repr``, ``==`` and ``hash`` (see module)."""

    __slots__ = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, function in _SHARED.items():
            if name in cls.__dict__ or not _replaceable(getattr(cls, name), name):
                continue  # the class's own, or a parent's own, which it inherits
            own = types.FunctionType(function.__code__, function.__globals__, name)
            own.__qualname__ = f"{cls.__qualname__}.{name}"
            own.__module__ = cls.__module__  # so that pickle and pydoc find it on the class
            own.__doc__ = (
                f"Shared by coproduce's records (see coproduce._record), for {cls.__name__}."
            )
            setattr(cls, name, own)


def _replaceable(inherited: object, name: str) -> bool:
    """Whether an inherited dunder is ``object``'s or a shared one, not a parent's own."""
    code = getattr(inherited, "__code__", None)
    return inherited is getattr(object, name) or code is _SHARED[name].__code__
