"""A fast path for reading documents: msgspec checks and converts, attrs objects come out.

The strict cattrs converter (``_converter``) stays the reference: it reports every problem
with its path. This path only handles documents it can take whole — no ``x-`` keys, the
current ``schema_version``, nothing wrong — and returns ``None`` for anything else, which
then goes the slow, explaining way. A differential test holds the two paths to the same
results.

msgspec decodes into generated ``Struct`` mirrors of the model (unknown fields forbidden,
no coercion), and generated functions build the frozen attrs objects from them.
"""

from __future__ import annotations

import enum
import linecache
import types
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

import attrs
import msgspec

from coproduce.io._versions import SCHEMA_VERSION
from coproduce.model import Extensible

__all__ = ["fast_structure"]


class _Skip(Exception):
    """The type cannot be mirrored; the slow path handles the document."""


_FastDecimal = Union[int, float]  # noqa: UP007
"""Amounts on the fast path: JSON numbers only; decimal strings take the slow path."""


def _mirror_type(t: Any, mirrors: dict[type, Any]) -> Any:
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        return Union[tuple(_mirror_type(a, mirrors) for a in get_args(t))]  # noqa: UP007
    if origin is tuple:
        args = get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple[_mirror_type(args[0], mirrors), ...]  # type: ignore[misc]
        raise _Skip(t)
    if isinstance(t, type) and attrs.has(t):
        return _mirror(t, mirrors)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return t
    if getattr(t, "__supertype__", None) is not None:
        return _mirror_type(t.__supertype__, mirrors)
    if t in (str, int, float, bool, type(None)):
        return t
    if t is Decimal:
        return _FastDecimal
    raise _Skip(t)


def _mirror(cls: type, mirrors: dict[type, Any]) -> Any:
    if cls in mirrors:
        return mirrors[cls]
    hints = get_type_hints(cls)
    fields: list[Any] = []
    for a in attrs.fields(cls):
        if not a.init or a.name == "extensions":
            continue
        mt = _mirror_type(hints[a.name], mirrors)
        if a.default is attrs.NOTHING:
            fields.append((a.name, mt))
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            fields.append((a.name, mt, msgspec.field(default_factory=a.default.factory)))
        elif attrs.has(type(a.default)):
            fields.append((a.name, mt, msgspec.field(default=msgspec.UNSET)))
        else:
            fields.append((a.name, mt, a.default))
    mirror = msgspec.defstruct(
        f"_{cls.__name__}Mirror", fields, kw_only=True, forbid_unknown_fields=True
    )
    mirrors[cls] = mirror
    return mirror


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """The exact amount a JSON number stands for; ``ValueError`` sends it to the slow path."""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(value)
        value = Decimal(repr(value))
    out = Decimal(value)
    if out < 0:
        raise ValueError(value)
    return out


def _builder(t: Any) -> Callable[[Any], Any] | None:
    """A function turning a decoded mirror value of type ``t`` into the model value."""
    if t is Decimal:
        return _to_decimal
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        inner = [_builder(a) for a in get_args(t) if a is not type(None)]
        if len(inner) == 1 and inner[0] is not None:
            build = inner[0]
            return lambda v: None if v is None else build(v)
        return None
    if origin is tuple:
        item = _builder(get_args(t)[0])
        if item is None:
            return None
        return lambda v: tuple([item(x) for x in v])
    if isinstance(t, type) and attrs.has(t):
        return _class_builder(t)
    return None


def _register_source(cls: type, source: str) -> str:
    """Put generated source in :mod:`linecache` under a unique name, as cattrs does.

    Tracebacks and debuggers then show the generated line instead of nothing. The name is
    ``<coproduce fast builder module.Class>`` (``-2``, ``-3``... if a different source
    already holds it, e.g. a class of the same name built again).
    """
    lines = source.splitlines(keepends=True)
    base = f"<coproduce fast builder {cls.__module__}.{cls.__qualname__}"
    name, n = f"{base}>", 1
    while True:
        entry = (len(source), None, lines, name)
        if linecache.cache.setdefault(name, entry) == entry:
            return name
        n += 1
        name = f"{base}-{n}>"


@cache
def _class_builder(cls: type) -> Callable[[Any], Any]:
    """Generate ``build(mirror) -> cls(...)`` as straight-line code, as attrs does for __init__."""
    hints = get_type_hints(cls)
    scope: dict[str, Any] = {"cls": cls, "UNSET": msgspec.UNSET}
    args = []
    for a in attrs.fields(cls):
        if not a.init or a.name == "extensions":
            continue
        sub = _builder(hints[a.name])
        expr = f"v.{a.name}"
        if sub is not None:
            scope[f"b_{a.name}"] = sub
            expr = f"b_{a.name}({expr})"
        if attrs.has(type(a.default)):
            scope[f"d_{a.name}"] = a.default
            expr = f"d_{a.name} if v.{a.name} is UNSET else {expr}"
        args.append(f"{a.name}=({expr})")
    source = f"def build(v):\n    return cls({', '.join(args)})\n"
    exec(compile(source, _register_source(cls, source), "exec"), scope)
    build: Callable[[Any], Any] = scope["build"]
    return build


_PLANS: dict[type, tuple[Any, Callable[[Any], Any]] | None] = {}


def _plan(cls: type) -> tuple[Any, Callable[[Any], Any]] | None:
    if cls in _PLANS:
        return _PLANS[cls]
    _PLANS[cls] = plan = _make_plan(cls)
    return plan


def _make_plan(cls: type) -> tuple[Any, Callable[[Any], Any]] | None:
    try:
        mirror = _mirror(cls, {})
    except _Skip:
        return None
    top = msgspec.defstruct(
        f"_{cls.__name__}Document",
        [("schema_version", int)],
        bases=(mirror,),
        kw_only=True,
        forbid_unknown_fields=True,
    )
    return top, _class_builder(cls)


def fast_structure(data: Any, cls: type[Extensible]) -> Any | None:
    """The model object for parsed ``data``, or ``None`` if the slow path must decide."""
    plan = _plan(cls)
    if plan is None or not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return None
    top, build = plan
    try:
        mirrored = msgspec.convert(data, top, strict=True)
        return build(mirrored)
    except (msgspec.ValidationError, TypeError, ValueError):
        return None
