"""The library's own cattrs converter: strict, and reporting every problem with its path."""

from __future__ import annotations

import contextlib
import enum
import math
import re
import types
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from coproduce._keys import document_key
from coproduce.errors import MAX_ISSUES, Issue, PlanError, did_you_mean
from coproduce.model import (
    PLACES,
    Citation,
    CostingPlan,
    Expense,
    Extensible,
    FrozenMap,
    InvolvementCosting,
    Lighter,
    Rate,
    Source,
    StaffTime,
    Subcontract,
    TeamTime,
    noun,
    thaw,
)

__all__ = [
    "OMIT_IF_DEFAULT",
    "budget",
    "converter",
    "describe",
    "issues_from",
    "omitted_if_default",
    "unstructure_decimal",
]

_DATED = ("funding", "date", "month")
OMIT_IF_DEFAULT: dict[type, tuple[str, ...]] = {
    Source: ("document",),
    Citation: ("document",),
    Rate: ("effective",),
    Expense: ("quantity", "unit", "contingent", *_DATED),
    TeamTime: ("funding",),
    InvolvementCosting: ("lighter_still", *_DATED, "after"),
    Lighter: ("expenses",),
    StaffTime: _DATED,
    Subcontract: _DATED,
    CostingPlan: ("funds", "start", "year_starts", "priced_on"),
}
"""Fields left out of a document when they hold their default, by record class.

The paper is every source's default document: left out, so the paper's entries read and
write exactly as before the practice layer. The costing's budget fields of issue #25
(quantities, funding, dates, dependencies, dated rates) are left out the same way, so a
costing without them writes exactly as before. A record of a layer above the model names
its own in a class attribute ``__omit_if_default__`` (see :func:`omitted_if_default`).
"""


def omitted_if_default(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` left out of a document when they hold their default."""
    own: tuple[str, ...] = getattr(cls, "__omit_if_default__", ())
    return OMIT_IF_DEFAULT.get(cls) or own


_BUDGET: ContextVar[list[int] | None] = ContextVar("coproduce_issue_budget", default=None)


@contextlib.contextmanager
def budget(problems: int) -> Iterator[list[int]]:
    """Stop structuring lists after about ``problems`` bad items; yields ``[left, stopped]``.

    A huge broken document would otherwise build an exception per bad item (and cattrs
    keeps them all), costing minutes and gigabytes before any of it is reported.
    """
    state = [problems, 0]
    token = _BUDGET.set(state)
    try:
        yield state
    finally:
        _BUDGET.reset(token)


def _strict_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {_json_type(value)}")
    return value


def _strict_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_json_type(value)}")
    return value


def _strict_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {_json_type(value)}")
    return value


def _strict_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {_json_type(value)}")
    return float(value)


_DECIMAL_TEXT = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:12]}…{text[-4:]}"


def _strict_decimal(value: object, _: type) -> Decimal:
    """An exact, non-negative amount: an integer, a number, or a string like ``"12.50"``.

    A number is read through its shortest text form (``repr``), so ``12.1`` is exactly
    ``Decimal("12.1")``, never the binary float's expansion.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise TypeError(f"expected a number, got {_json_type(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    if isinstance(value, str):
        if not _DECIMAL_TEXT.match(value):
            raise ValueError(f"{_short(value)!r} is not a decimal number such as '12.50'")
        places = len(value) - value.find(".") - 1 if "." in value else 0
        if places > PLACES:
            raise ValueError(
                f"{_short(value)!r} has {places} decimal places (at most {PLACES} in a "
                "decimal string)"
            )
    try:
        out = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # pragma: no cover - the checks above exclude it
        raise ValueError(f"{value!r} is not a number") from None
    if out < 0:
        raise ValueError(f"{value!r} is negative; amounts and hours are at least 0")
    return out


def unstructure_decimal(value: Decimal) -> int | float:
    """A JSON number that reads back exactly (amounts carry at most 15 significant digits)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _json_type(value: object) -> str:
    match value:
        case None:
            return "null"
        case bool():
            return "a boolean"
        case int():
            return "an integer"
        case float():
            return "a number"
        case str():
            return "a string"
        case list() | tuple():
            return "a list"
        case dict():
            return "an object"
        case _:
            return type(value).__name__


def _is_var_tuple(t: Any) -> bool:
    args = get_args(t)
    return get_origin(t) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_extensible(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t) and issubclass(t, Extensible)


def _is_enum(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def describe(t: Any) -> str:
    """Describe what a document may hold for type ``t``."""
    origin = get_origin(t)
    if origin in (Union, types.UnionType):
        parts = [a for a in get_args(t) if a is not type(None)]
        tail = " or null" if len(parts) < len(get_args(t)) else ""
        return " or ".join(describe(a) for a in parts) + tail
    if _is_var_tuple(t):
        inner = get_args(t)[0]
        if attrs.has(inner):
            return f"a list of objects, each {noun(inner)}"
        item = describe(inner)
        return "a list of strings" if item == "a string" else f"a list of {item}"
    if _is_enum(t):
        return "one of " + ", ".join(repr(m.value) for m in t)
    if attrs.has(t):
        return f"{noun(t)} (an object)"
    if getattr(t, "__supertype__", None) is not None:
        return describe(t.__supertype__)
    return {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        Decimal: "a number at least 0 (or a string such as '12.50')",
    }.get(t, getattr(t, "__name__", str(t)))


RENAMED: dict[str, str] = {}
"""Each field name whose document key differs (see :mod:`coproduce._keys`), with that key."""


def _renamed(cls: type) -> dict[str, Any]:
    """Cattrs overrides for the fields of ``cls`` written under another key."""
    out: dict[str, Any] = {}
    for a in attrs.fields(cls):
        key = document_key(a)
        if key != a.name:
            RENAMED[a.name] = key
            out[a.name] = override(rename=key)
    return out


def _extensible_structure(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """The structure hook factory for records: strict, with their ``x-`` keys kept."""

    def structure_factory(cls: Any) -> Any:
        base = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            _cattrs_detailed_validation=True,
            extensions=override(omit=True),
            **_renamed(cls),
        )

        def structure(value: object, _: Any) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object, got {_json_type(value)}")
            if any(isinstance(k, str) and k.startswith("x-") for k in value):
                ext = {k: v for k, v in value.items() if isinstance(k, str) and k.startswith("x-")}
                rest = {k: v for k, v in value.items() if k not in ext}
                return attrs.evolve(base(rest, cls), extensions=ext)
            return base(value, cls)

        return structure

    return structure_factory


def _extensible_unstructure(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """The unstructure hook factory for records: their ``x-`` keys written back."""

    def unstructure_factory(cls: Any) -> Any:
        overrides: dict[str, Any] = {"extensions": override(omit=True), **_renamed(cls)}
        for name in omitted_if_default(cls):
            overrides[name] = override(omit_if_default=True)
        base = make_dict_unstructure_fn(cls, conv, **overrides)

        def unstructure(obj: Any) -> dict[str, Any]:
            data: dict[str, Any] = base(obj)
            if obj.extensions:
                data.update((k, thaw(v)) for k, v in obj.extensions.items())
            return data

        return unstructure

    return unstructure_factory


def _tuple_structure(conv: cattrs.Converter) -> Callable[[Any], Any]:
    """Lists into tuples, stopping after the issue budget (see :func:`budget`)."""

    def tuple_factory(t: Any) -> Any:
        item_type = get_args(t)[0]
        item_hook = conv.get_structure_hook(item_type)

        def structure(value: object, cl: Any) -> Any:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_json_type(value)}")
            state = _BUDGET.get()
            out: list[Any] = []
            errors: list[Exception] = []
            for i, item in enumerate(value):
                if state is not None and state[0] <= 0:
                    state[1] = 1  # out of budget: stop here, say so
                    break
                try:
                    out.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {t} @ index {i}", i, item_type),
                    ]
                    errors.append(exc)
                    if state is not None:
                        state[0] -= 1
            if errors:
                raise IterableValidationError(f"While structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    return tuple_factory


def _enum_structure(t: Any) -> Any:
    """Enums by value, strictly, with a "did you mean" for near misses."""
    values = {m.value: m for m in t}

    def structure(value: object, _: Any) -> Any:
        if isinstance(value, (list, dict)):
            raise TypeError(f"expected one value, got {_json_type(value)}")
        if not isinstance(value, bool) and value in values:
            return values[value]
        hint = did_you_mean(value, [str(v) for v in values])
        raise ValueError(f"{value!r} is not {noun(t)}" + (f"; {hint}" if hint else ""))

    return structure


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list},
    )
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(float, _strict_float)
    conv.register_structure_hook(Decimal, _strict_decimal)
    conv.register_unstructure_hook(Decimal, unstructure_decimal)
    conv.register_structure_hook_factory(_is_var_tuple, _tuple_structure(conv))
    conv.register_structure_hook_factory(_is_enum, _enum_structure)
    conv.register_structure_hook_factory(_is_extensible, _extensible_structure(conv))
    conv.register_unstructure_hook_factory(_is_extensible, _extensible_unstructure(conv))

    def mapping_unstructure(value: Mapping[Any, Any]) -> dict[Any, Any]:
        return {conv.unstructure(k): conv.unstructure(v) for k, v in value.items()}

    conv.register_unstructure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, FrozenMap),
        mapping_unstructure,
    )
    return conv


converter = _make_converter()
"""The converter every reader and writer of the library uses; private to :mod:`coproduce.io`."""


def _fmt(path: str, note: object) -> tuple[str, Any]:
    from coproduce.io._check import child_path

    if isinstance(note, AttributeValidationNote):
        return child_path(path, RENAMED.get(note.name, note.name)), note.type
    if isinstance(note, IterableValidationNote):
        index = note.index
        return (f"{path}[{index}]" if isinstance(index, int) else child_path(path, index)), (
            note.type
        )
    return path, None


def issues_from(exc: BaseException, path: str = "$", t: Any = None) -> Iterator[Issue]:
    """Flatten a cattrs structuring error into :class:`Issue` records with paths, lazily."""
    from coproduce.io._check import child_path

    if isinstance(exc, ForbiddenExtraKeysError):
        names = sorted(document_key(a) for a in attrs.fields(exc.cl) if a.name != "extensions")
        allowed = ", ".join(names)
        for n, key in enumerate(sorted(exc.extra_fields, key=str)):
            hint = did_you_mean(key, names) if n < MAX_ISSUES else ""
            yield Issue(
                path=child_path(path, key),
                code="unknown-field",
                message=f"unknown field {key!r}" + (f"; {hint}" if hint else ""),
                expected=f"one of the fields {allowed}" if not hint else "",
            )
        return
    if isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            notes = getattr(sub, "__notes__", [])
            sub_path, sub_t = path, None
            for note in notes:
                if isinstance(note, (AttributeValidationNote, IterableValidationNote)):
                    sub_path, sub_t = _fmt(path, note)
                    break
            yield from issues_from(sub, sub_path, sub_t)
        return
    if isinstance(exc, PlanError):  # a record refused what it was built with (a blank title)
        for issue in exc.issues:
            yield attrs.evolve(issue, path=path + issue.path[1:])
        return
    expected = describe(t) if t is not None else ""
    if isinstance(exc, KeyError):
        yield Issue(
            path=path,
            code="missing-field",
            message="required field is missing",
            expected=expected,
        )
        return
    if isinstance(exc, TypeError):
        message = str(exc)
        if ", got " in message:
            message = "got " + message.split(", got ")[-1]
        yield Issue(path=path, code="wrong-type", message=message, expected=expected)
        return
    message = str(exc)
    field = getattr(exc, "field", None)
    yield Issue(
        path=child_path(path, field) if isinstance(field, str) else path,
        code="invalid-value",
        message=message,
        expected=expected,
    )
