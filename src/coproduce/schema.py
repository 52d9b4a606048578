"""JSON Schema (Draft 2020-12) for every kind of document, generated from the model.

The schemas ship in the package (``coproduce/schemas/*.schema.json``);
:func:`json_schema` returns them. :func:`generate` builds them afresh from the attrs classes,
with the converter's choices: keys are attribute names, enums are their values, unknown keys
are refused except ``x-`` keys, and ``schema_version`` is required.

What the schema cannot express (the loader checks these, with ``references=True``):

- ids unique within a list (stakeholders, aims, researchers; catalogue entries);
- references: the plan naming stakeholders, aims and stages that exist; Table 2 conditions
  that exist; each (stage, stakeholder) pair and each condition at most once;
- a costing: its lines name planned (stage, stakeholder) pairs and known researchers,
  and every amount is in the project's one currency (``currency-mismatch``);
- catalogue integrity (:func:`coproduce.catalogue.check`): links to existing entries, no
  orphans, every challenge reaching a cost category.

Example:
    >>> from coproduce.schema import json_schema
    >>> schema = json_schema("project")
    >>> schema["properties"]["schema_version"]["const"]
    2
    >>> sorted(schema["$defs"]["Stakeholder"]["required"])
    ['id', 'kind']

"""

from __future__ import annotations

import enum
import json
import re
import types
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Union, cast, get_args, get_origin, get_type_hints

import attrs

from coproduce._keys import document_key
from coproduce.io import DOCUMENT_KINDS, SCHEMA_VERSION, Kind, to_data
from coproduce.model import PLACES

__all__ = ["KINDS", "generate", "json_schema"]

KINDS: tuple[Kind, ...] = tuple(cast(Kind, k.name) for k in DOCUMENT_KINDS.values() if k.schema)
"""The kinds of document that have a schema (those of :data:`coproduce.io.DOCUMENT_KINDS`
whose ``schema`` is true)."""

_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _root(kind: Kind) -> type[Any]:
    return DOCUMENT_KINDS[kind].record_type()


def _attribute_docs(cls: type[Any]) -> dict[str, str]:
    """Attribute descriptions from the class's Google-style ``Attributes:`` section."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        text = klass.__doc__ or ""
        if "Attributes:" not in text:
            continue
        section = text.split("Attributes:", 1)[1]
        current = None
        for line in section.splitlines()[1:]:
            m = re.match(r"^\s{8}(\w+):\s*(.*)$", line)
            if m:
                current = m.group(1)
                docs[current] = m.group(2).strip()
            elif current and line.startswith(" " * 12):
                docs[current] += " " + line.strip()
            elif line.strip() and not line.startswith(" " * 8):
                break
    return docs


_SCALARS: dict[Any, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}
_DATES = {("MitigationRecord", "review")}
"""Fields holding an ISO date as text (the model checks them; the schema says so)."""


def _decimal_schema(limit: Decimal | None) -> dict[str, Any]:
    """An amount or hours: a number, or a decimal string of at most ``PLACES`` places.

    A ``limit`` (a power of ten, from the field's validator) bounds both: the number below
    it, the string to as many digits before the point.
    """
    number: dict[str, Any] = {"type": "number", "minimum": 0}
    whole = "+"
    if limit is not None:
        digits = limit.adjusted()
        if limit != Decimal(10) ** digits:
            raise ValueError(f"a limit the schema can state as digits is a power of ten: {limit}")
        number["exclusiveMaximum"] = int(limit)
        whole = f"{{1,{digits}}}"
    pattern = rf"^0*[0-9]{whole}(\.[0-9]{{1,{PLACES}}})?$"
    return {"anyOf": [number, {"type": "string", "pattern": pattern}]}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def type_schema(self, t: Any, limit: Decimal | None = None) -> dict[str, Any]:
        origin = get_origin(t)
        if origin in (Union, types.UnionType):
            args = get_args(t)
            options = [self.type_schema(a, limit) for a in args if a is not type(None)]
            if type(None) in args:
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            args = get_args(t)
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.type_schema(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [m.value for m in t]}
        if isinstance(t, type) and attrs.has(t):
            self.define(t)
            return {"$ref": f"#/$defs/{t.__name__}"}
        if getattr(t, "__supertype__", None) is not None:
            return self.type_schema(t.__supertype__)
        if t in _SCALARS:
            return {"type": _SCALARS[t]}
        if t is Decimal:
            return _decimal_schema(limit)
        if origin is not None and issubclass(origin, Mapping):
            return {"type": "object", "additionalProperties": self.type_schema(get_args(t)[1])}
        raise TypeError(f"no JSON Schema for {t!r}")

    def object_schema(self, cls: type[Any]) -> dict[str, Any]:
        hints = get_type_hints(cls)
        docs = _attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init or field.name == "extensions":
                continue
            check = getattr(field.validator, "validator", field.validator)  # optional(...)
            schema = dict(self.type_schema(hints[field.name], getattr(check, "limit", None)))
            bound = getattr(check, "bound", None)
            if getattr(check, "compare_op", None) == ">=" and bound is not None:
                schema["minimum"] = bound
            if (cls.__name__, field.name) in _DATES:
                schema["format"] = "date"
            schema.update(field.metadata.get("json_schema", {}))
            if field.name in docs:
                schema["description"] = docs[field.name]
            if field.default is attrs.NOTHING:
                required.append(document_key(field))
            else:
                default = (
                    field.default.factory()
                    if isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
                    else field.default
                )
                schema["default"] = to_data(default)
            properties[document_key(field)] = schema
        summary = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else cls.__name__
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "description": summary,
            "properties": properties,
            "patternProperties": {"^x-": {"description": "An extension: kept and written back."}},
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out

    def define(self, cls: type[Any]) -> None:
        if cls.__name__ in self.defs:
            return
        self.defs[cls.__name__] = {}  # placeholder against recursion
        self.defs[cls.__name__] = self.object_schema(cls)


def generate(kind: Kind) -> dict[str, Any]:
    """Build the JSON Schema of a kind of document from the model."""
    if kind not in KINDS:
        raise ValueError(f"unknown document kind: {kind!r} (expected one of {', '.join(KINDS)})")
    builder = _Builder()
    cls = _root(kind)
    top = builder.object_schema(cls)
    builder.defs.pop(cls.__name__, None)
    version = {"const": SCHEMA_VERSION, "description": "The version of the document format."}
    top["properties"] = {"schema_version": version, **top["properties"]}
    top["required"] = ["schema_version", *top.get("required", [])]
    return {
        "$schema": _DRAFT,
        "$id": f"urn:coproduce:schema:{kind}:{SCHEMA_VERSION}",
        **top,
        "title": f"coproduce {kind} document, version {SCHEMA_VERSION}",
        "$defs": dict(sorted(builder.defs.items())),
    }


@cache
def _shipped(kind: Kind) -> str:
    return (resources.files("coproduce") / "schemas" / f"{kind}.schema.json").read_text("utf-8")


def json_schema(kind: Kind = "project") -> dict[str, Any]:
    """The shipped JSON Schema of a kind of document (a fresh copy each call).

    Raises:
        ValueError: ``kind`` is not one of :data:`KINDS`.

    """
    if kind not in KINDS:
        raise ValueError(f"unknown document kind: {kind!r} (expected one of {', '.join(KINDS)})")
    schema: dict[str, Any] = json.loads(_shipped(kind))
    return schema


def render(kind: Kind) -> str:
    """The text of the shipped schema file for ``kind`` (what :func:`generate` gives)."""
    return json.dumps(generate(kind), indent=2, ensure_ascii=False) + "\n"
