"""The fast path for writing documents, on msgspec; the rest of the code never sees it.

:func:`fast_encode` has msgspec read the attrs objects' attributes into generated writing
mirrors (``from_attributes``) and encode those, all in C. The result is byte for byte what
the reference writes (the cattrs converter and :func:`json.dumps`); values this path cannot
write exactly the same way (``x-`` keys, non-finite numbers, a lone surrogate, an integer
beyond 64 bits...) make it return ``None``, and the reference decides. Reading goes the
other way (:mod:`coproduce.io._fast`).
"""

from __future__ import annotations

import enum
import math
import types
from decimal import Decimal
from typing import Any, Union, get_args, get_origin

import attrs
import msgspec

from coproduce._gc import gc_paused
from coproduce._keys import document_key
from coproduce._record import Record
from coproduce.io._converter import omitted_if_default, unstructure_decimal
from coproduce.io._fast import Skip, type_hints
from coproduce.io._versions import SCHEMA_VERSION
from coproduce.model import EMPTY, Extensible

__all__ = ["fast_encode"]


_EXT = "~extensions"
"""The name a record's ``x-`` keys are encoded under by a writing mirror.

They are taken as they are, unconverted, and left out when they are the shared empty
mapping, as they are but in records unpickled or built around the converter. Anything else
is written under this name, which no field has: ``~`` in the text sends it to
:func:`_without_extensions`, which drops the empty ones and leaves any ``x-`` key to the
reference."""
_EMPTY_EXTENSIONS = (b',"' + _EXT.encode() + b'":{}}', b'{"' + _EXT.encode() + b'":{}}')
"""Empty ``x-`` keys as a writing mirror writes them, last in a record or alone."""


class _Number(bytes):
    """A number on its way out: the text :func:`json.dumps` writes for it."""

    __slots__ = ()


class _Amount(_Number):
    """A :class:`~decimal.Decimal` on its way out: the reference writes an int or a float."""

    __slots__ = ()


def _number_text(value: object) -> bytes:
    """What :func:`json.dumps` writes for an int or a finite float.

    msgspec writes some floats otherwise (``1e16`` for ``1e+16``, ``0.00001`` for
    ``1e-05``); anything else (NaN, a bool...) is for the reference.
    """
    if type(value) is int:
        return int.__repr__(value).encode()
    if type(value) is float and math.isfinite(value):
        return float.__repr__(value).encode()
    raise ValueError(value)


_FLOATS: dict[float, _Number] = {}
"""The text of each non-zero float written lately (zeros have a sign ``==`` ignores).

Scores and weights recur within and across appraisals; a float's text is a function of its
value alone. Emptied when full, so it stays small."""
_FLOATS_MAX = 4096


def _to_number(t: type, value: object) -> _Number:
    """The conversion hook for the custom types of the writing mirrors."""
    if t is _Number:
        if type(value) is float and value:
            number = _FLOATS.get(value)
            if number is None:
                if len(_FLOATS) >= _FLOATS_MAX:
                    _FLOATS.clear()
                number = _FLOATS[value] = _Number(_number_text(value))
            return number
        return _Number(_number_text(value))
    if t is _Amount and type(value) is Decimal:
        return _Amount(_number_text(unstructure_decimal(value)))
    raise NotImplementedError(t)


def _raw(value: object) -> msgspec.Raw:
    """The encoding hook: a :class:`_Number` is its text."""
    if isinstance(value, _Number):
        return msgspec.Raw(value)
    raise NotImplementedError(type(value))


_ENCODER = msgspec.json.Encoder(enc_hook=_raw)


def _out_union(args: tuple[Any, ...], mirrors: dict[type, Any]) -> Any:
    if sum(1 for a in args if isinstance(a, type) and attrs.has(a)) > 1:
        raise Skip(args)  # msgspec tells records apart only by a tag
    out: list[Any] = []
    for a in args:
        mt = _out_type(a, mirrors)
        for m in get_args(mt) if get_origin(mt) is Union else (mt,):
            if m not in out:
                out.append(m)
    return Union[tuple(out)]  # noqa: UP007


def _out_type(t: Any, mirrors: dict[type, Any]) -> Any:
    """The type a writing mirror declares for a model type ``t``: the values it lets through."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        return _out_union(get_args(t), mirrors)
    if origin is tuple:
        args = get_args(t)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple[_out_type(args[0], mirrors), ...]  # type: ignore[misc]
        raise Skip(t)
    if isinstance(t, type) and attrs.has(t):
        return _out_mirror(t, mirrors)
    if getattr(t, "__supertype__", None) is not None:
        return _out_type(t.__supertype__, mirrors)
    if t is float:
        return _Number
    if t is Decimal:
        return _Amount
    if (isinstance(t, type) and issubclass(t, enum.Enum)) or t in (str, int, bool, type(None)):
        return t
    raise Skip(t)


def _out_fields(cls: type, mirrors: dict[type, Any]) -> list[Any]:
    """The writing mirror's fields, in the record's order.

    Only the fields written when not at their default (and the ``x-`` keys) have one.
    """
    hints = type_hints(cls)
    omitted = omitted_if_default(cls)
    fields: list[Any] = []
    for a in attrs.fields(cls):
        if not a.init or a.name == "extensions":
            continue
        if a.name.startswith("_"):
            raise Skip(a.name)
        mt = _out_type(hints[a.name], mirrors)
        if document_key(a) != a.name:
            fields.append((a.name, mt, msgspec.field(name=document_key(a))))
        else:
            fields.append((a.name, mt, a.default) if a.name in omitted else (a.name, mt))
    if issubclass(cls, Extensible):
        fields.append(("extensions", Any, msgspec.field(name=_EXT, default=EMPTY)))
    return fields


def _out_mirror(cls: type, mirrors: dict[type, Any]) -> Any:
    if cls not in mirrors:
        mirrors[cls] = msgspec.defstruct(
            f"_{cls.__name__}Out",
            _out_fields(cls, mirrors),
            kw_only=True,
            omit_defaults=True,
            gc=False,
        )
    return mirrors[cls]


@attrs.frozen
class _Writer(Record):
    """How to write one kind of document with msgspec."""

    mirror: Any
    strip: tuple[bytes, ...]
    """Each field left out at its default, as written with it: ``,"document":"..."}``.

    msgspec leaves out a value that *is* the default; one that only equals it is removed
    from the text. ``,"`` never occurs inside an encoded string, such a field is the last of
    its record (hence the ``}``), and no other record has a last field of that name.
    """


def _names(record: type) -> list[str]:
    return [a.name for a in attrs.fields(record) if a.init and a.name != "extensions"]


def _strip(mirrors: dict[type, Any]) -> tuple[bytes, ...]:
    """The texts of the fields left out at their default (see :class:`_Writer`)."""
    out = set()
    for record in mirrors:
        for name in omitted_if_default(record):
            if _identical_when_equal(attrs.fields_dict(record)[name].default):
                continue  # msgspec leaves it out whenever it equals the default
            if _names(record)[-1] != name or len(_names(record)) < 2:
                raise Skip(name)
            if any(r is not record and _names(r)[-1:] == [name] for r in mirrors):
                raise Skip(name)  # the text alone would not tell whose field it is
            default = attrs.fields_dict(record)[name].default
            out.add(b"," + msgspec.json.encode({name: default})[1:-1] + b"}")
    return tuple(sorted(out))


def _identical_when_equal(default: Any) -> bool:
    """Whether every value read that equals ``default`` is ``default`` itself.

    So for ``None``, ``True``, ``False``, the empty string and tuple and the small integers
    CPython keeps one of: msgspec leaves such a field out exactly when the converter does.
    """
    if default is None or type(default) is bool:
        return True
    if type(default) in (str, tuple):
        return len(default) == 0
    return type(default) is int and -5 <= default <= 256


def _make_writer(cls: type) -> _Writer | None:
    mirrors: dict[type, Any] = {}
    try:
        mirror = _out_mirror(cls, mirrors)
        strip = _strip(mirrors)
    except Skip:
        return None
    return _Writer(mirror=mirror, strip=strip)


def _without_extensions(raw: bytes) -> bytes | None:
    """The text without the empty ``x-`` keys written, or ``None`` if any is not empty.

    Like the fields stripped (see :class:`_Writer`), they cannot be mistaken for text in a
    string, where every ``"`` is escaped.
    """
    full, alone = _EMPTY_EXTENSIONS
    raw = raw.replace(full, b"}").replace(alone, b"{}")
    return None if b'"' + _EXT.encode() + b'":' in raw else raw


_WRITERS: dict[type, _Writer | None] = {}
_SCHEMA = f'{{"schema_version":{SCHEMA_VERSION},'.encode()


def fast_encode(value: Extensible, *, indent: int | None) -> bytes | None:
    """The JSON document of a project, appraisal, catalogue or log, or ``None``.

    With ``indent``, the text ``json.dumps(data, indent=indent, ensure_ascii=False)`` writes
    for the reference data, in UTF-8; without, that of ``separators=(",", ":")``. ``None``
    when only the reference can write the value exactly (see the module).
    """
    cls = type(value)
    if cls not in _WRITERS:
        _WRITERS[cls] = _make_writer(cls)
    writer = _WRITERS[cls]
    if writer is None:
        return None
    try:
        with gc_paused():  # nothing converted is cyclic, and a large value converts linearly
            mirrored = msgspec.convert(
                value, writer.mirror, from_attributes=True, dec_hook=_to_number
            )
            raw = _ENCODER.encode(mirrored)
    except Exception:  # anything the reference writes otherwise, or refuses: it decides
        return None
    if b"~" in raw:
        stripped = _without_extensions(raw)
        if stripped is None:
            return None
        raw = stripped
    for field in writer.strip:  # once the empty x- keys are gone: these end their record
        raw = raw.replace(field, b"}")
    if raw == b"{}":
        return None
    raw = b"".join((_SCHEMA, memoryview(raw)[1:]))
    return msgspec.json.format(raw, indent=indent) if indent else raw
