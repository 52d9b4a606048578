"""Fast paths for reading documents, on msgspec; the rest of the code never sees it.

The strict cattrs converter (``_converter``) stays the reference: it reports every problem
with its path. This path only handles documents it can take whole — no ``x-`` keys, the
current ``schema_version``, nothing wrong — and returns ``None`` for anything else, which
then goes the slow, explaining way. A differential test holds the two paths to the same
results.

msgspec decodes JSON text (:func:`fast_decode`) or converts parsed data
(:func:`fast_structure`) into generated ``Struct`` mirrors of the model (unknown fields
forbidden, no coercion), and generated functions build the frozen attrs objects from them,
filling their slots and running their validators as ``__init__`` would. Writing goes the
other way (:mod:`coproduce.io._fast_write`).
"""

from __future__ import annotations

import enum
import inspect
import linecache
import re
import sys
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

import attrs
import msgspec

from coproduce._gc import gc_paused
from coproduce._keys import document_key
from coproduce.io._versions import SCHEMA_VERSION
from coproduce.model import Extensible

__all__ = ["Skip", "fast_decode", "fast_structure", "type_hints"]


class Skip(Exception):
    """The type cannot be mirrored; the slow path handles the document."""


_FastDecimal = Union[int, float]  # noqa: UP007
"""Amounts on the fast path: JSON numbers only; decimal strings take the slow path."""
_FINITE = Annotated[float, msgspec.Meta(ge=-sys.float_info.max, le=sys.float_info.max)]
"""A finite float: JSON's ``1e400`` is an infinity, which the slow path reports."""


@cache
def _annotation(text: str, module: str) -> Any:
    """The value of an annotation written as text in ``module``, worked out once."""
    return eval(text, vars(sys.modules[module]))  # the package's own annotations, not input


@cache
def type_hints(cls: type) -> Mapping[str, Any]:
    """``typing.get_type_hints(cls)`` for a record class, each distinct text evaluated once.

    Under ``from __future__ import annotations`` every annotation is text, and
    ``get_type_hints`` compiles each one again for every class: hundreds of ``compile`` calls
    (about a third of the first read of a project in a fresh process) for a few dozen
    distinct texts. The records' annotations are plain expressions, so evaluating each text
    once in its module's namespace gives the same types (a test holds them equal).
    """
    hints: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).get("__annotations__", {}).items():
            value = _annotation(value, klass.__module__) if isinstance(value, str) else value
            hints[name] = type(None) if value is None else value
    return types.MappingProxyType(hints)


def _mirror_type(t: Any, mirrors: dict[type, Any]) -> Any:
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        return Union[tuple(_mirror_type(a, mirrors) for a in get_args(t))]  # noqa: UP007
    if origin is tuple:
        args = get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple[_mirror_type(args[0], mirrors), ...]  # type: ignore[misc]
        raise Skip(t)
    if isinstance(t, type) and attrs.has(t):
        return _mirror(t, mirrors)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return t
    if getattr(t, "__supertype__", None) is not None:
        return _mirror_type(t.__supertype__, mirrors)
    if t is float:
        return _FINITE
    if t in (str, int, bool, type(None)):
        return t
    if t is Decimal:
        return _FastDecimal
    raise Skip(t)


def _mirror(cls: type, mirrors: dict[type, Any]) -> Any:
    if cls in mirrors:
        return mirrors[cls]
    hints = type_hints(cls)
    fields: list[Any] = []
    for a in attrs.fields(cls):
        if not a.init or a.name == "extensions":
            continue
        mt = _mirror_type(hints[a.name], mirrors)
        if document_key(a) != a.name:
            fields.append((a.name, mt, msgspec.field(name=document_key(a))))
        elif a.default is attrs.NOTHING:
            fields.append((a.name, mt))
        else:  # absent stays absent (see fast_decode); the builder puts in the default
            fields.append((a.name, mt, msgspec.field(default=msgspec.UNSET)))
    mirror = msgspec.defstruct(
        f"_{cls.__name__}Mirror", fields, kw_only=True, forbid_unknown_fields=True, gc=False
    )
    mirrors[cls] = mirror
    return mirror


_SMALL_AMOUNTS = tuple(Decimal(n) for n in range(1025))
"""The amounts of the whole numbers documents mostly hold (people, hours, amounts)."""
_AMOUNTS: dict[float, Decimal] = {}
"""The amount of each non-zero float read lately (zeros have a sign ``==`` ignores);
emptied when full, so it stays small."""
_AMOUNTS_MAX = 4096


def _to_decimal(value: int | float | Decimal) -> Decimal:
    """The exact amount a JSON number stands for; ``ValueError`` sends it to the slow path."""
    if type(value) is int and 0 <= value < len(_SMALL_AMOUNTS):
        return _SMALL_AMOUNTS[value]
    if type(value) is float and value:
        amount = _AMOUNTS.get(value)
        if amount is None:
            amount = _float_amount(value)
            if len(_AMOUNTS) >= _AMOUNTS_MAX:
                _AMOUNTS.clear()
            _AMOUNTS[value] = amount
        return amount
    return _float_amount(value) if isinstance(value, float) else _amount(value)


def _float_amount(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(value)
    return _amount(Decimal(repr(value)))


def _amount(value: int | Decimal) -> Decimal:
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
        return lambda v: tuple(map(item, v))
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


def _slot_setters(cls: type) -> dict[str, Any] | None:
    """Each field's slot setter, if ``cls(...)`` only stores its arguments, else ``None``.

    So it is when every field is an argument, none has a converter (but ``extensions``,
    whose default the builder stores as the converter would return it), and no hook runs
    around ``__init__`` but the document records' check of their own fields (which holds of
    what the reader builds); the builder then fills the slots itself and runs the validators as
    ``__init__`` would, without its other calls.
    """
    if hasattr(cls, "__attrs_pre_init__"):
        return None
    hook = getattr(cls, "__attrs_post_init__", None)
    if hook is not None and hook is not getattr(Extensible, "__check_hook__", None):
        return None  # the records' own check is skipped: what the reader builds is typed
    setters = {}
    for a in attrs.fields(cls):
        if not a.init or (a.converter is not None and a.name != "extensions"):
            return None
        slot = inspect.getattr_static(cls, a.name, None)
        if type(slot) is not types.MemberDescriptorType:
            return None
        setters[a.name] = slot.__set__
    return setters


def _validation(cls: type, scope: dict[str, Any]) -> list[str]:
    """The lines running ``cls``'s validators on ``o``, as its ``__init__`` runs them.

    Always: with validators disabled (:func:`attrs.validators.set_disabled`), the fast
    paths step aside for the reference, whose ``__init__`` calls skip them.
    """
    checked = [a for a in attrs.fields(cls) if a.validator is not None]
    for a in checked:
        scope[f"v_{a.name}"], scope[f"a_{a.name}"] = a.validator, a
    return [f"v_{a.name}(o, a_{a.name}, o.{a.name})" for a in checked]


def _inline(t: Any) -> tuple[str, Callable[[Any], Any]] | None:
    """How the generated code builds a value of type ``t``, without a call of its own.

    A template (``{f}`` the function, ``{v}`` the mirror value) and the function.
    """
    origin = get_origin(t)
    args = [a for a in get_args(t) if a is not type(None)]
    if origin in (Union, types.UnionType) and len(args) == 1:
        build = _builder(args[0])
        if build is not None:
            return "(None if {v} is None else {f}({v}))", build
    if origin is tuple and (build := _builder(get_args(t)[0])) is not None:
        return "tuple(map({f}, {v}))", build
    build = _builder(t)
    return None if build is None else ("{f}({v})", build)


def _field_expression(a: attrs.Attribute[Any], t: Any, scope: dict[str, Any]) -> str:
    """The expression for a field's value from mirror ``v`` (its default when absent)."""
    expr = f"v.{a.name}"
    inline = _inline(t)
    if inline is not None:
        scope[f"b_{a.name}"] = inline[1]
        expr = inline[0].format(f=f"b_{a.name}", v=expr)
    default: Any = a.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        scope[f"d_{a.name}"] = default.factory
        expr = f"d_{a.name}() if v.{a.name} is UNSET else {expr}"
    elif a.default is not attrs.NOTHING:
        scope[f"d_{a.name}"] = a.default
        expr = f"d_{a.name} if v.{a.name} is UNSET else {expr}"
    return expr


@cache
def _class_builder(cls: type) -> Callable[[Any], Any]:
    """Generate ``build(mirror) -> cls(...)`` as straight-line code, as attrs does for __init__."""
    hints = type_hints(cls)
    setters = _slot_setters(cls)
    scope: dict[str, Any] = {"cls": cls, "UNSET": msgspec.UNSET, "new": object.__new__}
    lines = []
    for a in attrs.fields(cls):
        if not a.init:
            continue
        if a.name == "extensions":
            if setters is not None:
                scope["s_extensions"], scope["EMPTY"] = setters[a.name], a.converter(a.default)
                lines.append("s_extensions(o, EMPTY)")
            continue
        expr = _field_expression(a, hints[a.name], scope)
        if setters is None:
            lines.append(f"{a.name}=({expr})")
        else:
            scope[f"s_{a.name}"] = setters[a.name]
            lines.append(f"s_{a.name}(o, {expr})")
    if setters is None:
        source = f"def build(v):\n    return cls({', '.join(lines)})\n"
    else:
        body = "".join(f"    {line}\n" for line in [*lines, *_validation(cls, scope)])
        source = f"def build(v):\n    o = new(cls)\n{body}    return o\n"
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
    except Skip:
        return None
    top = msgspec.defstruct(
        f"_{cls.__name__}Document",
        [("schema_version", int)],
        bases=(mirror,),
        kw_only=True,
        forbid_unknown_fields=True,
        gc=False,
    )
    return top, _class_builder(cls)


def fast_structure(data: Any, cls: type[Extensible]) -> Any | None:
    """The model object for parsed ``data``, or ``None`` if the slow path must decide."""
    plan = _plan(cls)
    if plan is None or not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        return None
    if attrs.validators.get_disabled():
        return None  # the builders run every validator (see _validation)
    top, build = plan
    try:
        mirrored = msgspec.convert(data, top, strict=True)
        return build(mirrored)
    except (msgspec.ValidationError, TypeError, ValueError):
        return None


_READERS: dict[type, tuple[Any, Callable[[Any], Any]] | None] = {}
_LARGE = 1 << 18
"""From this many bytes on, the records are built with the garbage collector paused."""
_RISKY_ESCAPE = re.compile(rb"\\u(?:[dD][89a-fA-F]|003[aA])")
"""An escape that may be half a surrogate pair (or a lone one), or a colon."""


def fast_decode(text: bytes | str, cls: type[Extensible]) -> Any | None:
    r"""The model object for JSON document text, or ``None`` if the slow path must decide.

    msgspec reads the text straight into the mirrors, in C. It takes the last of repeated
    keys, which documents must not have: the mirrors, written back, hold every key read once,
    so a repeated key shows as more colons in the text than in what it wrote (the values
    dropped add their own; unless escaped, ``\u003a``, a colon cannot hide in a string).
    Nesting is bounded by the mirrors, which have no open-ended values. Escaped colons and
    surrogates (which may be lone) and everything else unusual take the slow path.
    """
    reader = _READERS[cls] if cls in _READERS else _reader(cls)
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    if reader is None or (b"\\" in raw and _RISKY_ESCAPE.search(raw) is not None):
        return None
    if attrs.validators.get_disabled():
        return None  # the builders run every validator (see _validation)
    decoder, build = reader
    try:
        if len(raw) < _LARGE:
            return _decode(raw, decoder, build)
        with gc_paused():  # nothing built is cyclic; see gc_paused
            return _decode(raw, decoder, build)
    except (msgspec.DecodeError, TypeError, ValueError):
        return None


def _reader(cls: type) -> tuple[Any, Callable[[Any], Any]] | None:
    """The decoder of a document's text into the mirrors, and the builder of its value."""
    plan = _plan(cls)
    _READERS[cls] = reader = None if plan is None else (msgspec.json.Decoder(plan[0]), plan[1])
    return reader


def _decode(raw: bytes, decoder: Any, build: Callable[[Any], Any]) -> Any | None:
    mirrored = decoder.decode(raw)
    if mirrored.schema_version != SCHEMA_VERSION:
        return None
    if msgspec.json.encode(mirrored).count(b":") != raw.count(b":"):
        return None  # a repeated key (see fast_decode)
    return build(mirrored)
