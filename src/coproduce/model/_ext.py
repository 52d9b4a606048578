"""Extension data: ``x-`` keys other tools put in documents, kept immutable and preserved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn, TypeAlias, TypeVar

import attrs

from coproduce._record import Record
from coproduce.model._construct import check_fields

__all__ = ["EMPTY", "Extensible", "FrozenMap", "JSONValue", "freeze", "thaw"]

_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenMap(dict[_K, _V]):
    """A read-only dict that, unlike ``types.MappingProxyType``, pickles.

    Model values travel to worker processes and dask clusters, so everything in them must
    pickle. Reads run at dict speed; every mutating method raises ``TypeError``, and so does
    calling ``__init__`` a second time (which on a plain dict would add keys). Not hashable.

    Example:
        >>> from coproduce.model import FrozenMap
        >>> m = FrozenMap({"a": 1})
        >>> m["a"]
        1
        >>> m["b"] = 2
        Traceback (most recent call last):
        ...
        TypeError: FrozenMap is read-only
        >>> m.__init__({"b": 2})
        Traceback (most recent call last):
        ...
        TypeError: FrozenMap is read-only

    """

    __slots__ = ("_sealed",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if getattr(self, "_sealed", False):
            raise TypeError("FrozenMap is read-only")
        super().__init__(*args, **kwargs)
        object.__setattr__(self, "_sealed", True)

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("FrozenMap is read-only")

    __setattr__ = __delattr__ = _refuse  # after __init__: only it sets _sealed, via object
    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = __ior__ = _refuse

    def __repr__(self) -> str:
        return f"FrozenMap({dict.__repr__(self)})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self),))

    def __copy__(self) -> FrozenMap[_K, _V]:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> FrozenMap[_K, _V]:
        return self

    __hash__ = None


JSONValue: TypeAlias = (
    "bool | int | float | str | tuple[JSONValue, ...] | Mapping[str, JSONValue] | None"
)
"""A JSON value made immutable: arrays are tuples, objects read-only mappings."""

EMPTY: Mapping[str, JSONValue] = FrozenMap()
"""The shared, empty extension mapping."""


def freeze(value: object) -> JSONValue:
    """Return an immutable copy of a JSON-like value (lists become tuples, dicts mappings).

    Raises:
        TypeError: the value holds something JSON cannot (a set, a date, an object...).

    """
    match value:
        case None | bool() | int() | float() | str():
            return value
        case list() | tuple():
            return tuple(freeze(v) for v in value)
        case Mapping():
            out: dict[str, JSONValue] = {}
            for k, v in value.items():
                if not isinstance(k, str):
                    raise TypeError(f"extension object keys must be strings, got {k!r}")
                out[k] = freeze(v)
            return FrozenMap(out)
        case _:
            raise TypeError(f"extension values must be JSON values, got {type(value).__name__}")


def thaw(value: JSONValue) -> object:
    """Return plain JSON data (lists and dicts) for a frozen value."""
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    if isinstance(value, Mapping):
        return {k: thaw(v) for k, v in value.items()}
    return value


def _extensions(value: Mapping[str, object]) -> Mapping[str, JSONValue]:
    if value is EMPTY or not value:
        return EMPTY
    bad = [k for k in value if not str(k).startswith("x-")]
    if bad:
        raise ValueError(f"extension keys must start with 'x-': {', '.join(map(repr, bad))}")
    frozen = freeze(value)
    assert isinstance(frozen, Mapping)
    return frozen


@attrs.frozen(kw_only=True)
class Extensible(Record):
    """Base of every document record: carries the ``x-`` keys other tools add.

    Attributes:
        extensions: ``x-`` keys and their JSON values, kept as they were read and written
            back on output. Compared for equality, left out of hashes and reprs.

    """

    extensions: Mapping[str, JSONValue] = attrs.field(
        default=EMPTY, converter=_extensions, hash=False, repr=False
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Give the model's document records their check (the engine's results pay none)."""
        super().__init_subclass__(**kwargs)
        if cls.__module__.startswith("coproduce.model.") and "__attrs_post_init__" not in vars(cls):
            cls.__attrs_post_init__ = _check_own_fields  # type: ignore[attr-defined]


def _check_own_fields(self: Extensible) -> None:
    """Check the fields the record holds directly (:mod:`coproduce.model._construct`)."""
    check_fields(self)


Extensible.__check_hook__ = _check_own_fields  # type: ignore[attr-defined]
"""The hook the model's records run as they are built; the document readers skip it."""
