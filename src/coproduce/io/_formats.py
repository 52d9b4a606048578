"""Parsing and writing document text: JSON, YAML (safe, YAML 1.2-like scalars) and TOML.

Nothing in a document is executed: JSON is parsed by the standard library, YAML by a safe
loader that also refuses anchors and aliases (:mod:`coproduce.io._yaml`), TOML by
:mod:`tomllib`. PyYAML and tomli-w are imported only when a YAML or TOML document is read or
written.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from coproduce.errors import DocumentError
from coproduce.io._kinds import LOG_SUFFIXES
from coproduce.io._read import FORMATS, Format, Limits, one_issue
from coproduce.io._yaml import dump_yaml, parse_yaml, yaml_issue

__all__ = [
    "LOG_SUFFIXES",  # coproduce.portfolio._batch imports it from here; coproduce.io has it too
    "parse",
    "serialise",
]


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON value")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key!r}")
            seen.add(key)
    return out


_TOML_KEY_LINE = re.compile(
    r"""^[ \t]*(\[\[?)?[ \t]*([A-Za-z0-9_\-."' \t]*?)[ \t]*(\]\]?[ \t]*(#.*)?$|=)"""
)


def _toml_key_depth(text: str, limits: Limits) -> None:
    """Refuse TOML whose dotted keys nest deeper than the limit, before parsing.

    ``tomllib`` takes time and memory quadratic in the number of segments of a dotted key
    (``a.a.a.… = 1``), so a 160 KB line could exhaust memory before any depth check on the
    parsed data. A table header's depth adds to that of the keys below it.
    """
    table = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if "." not in line:
            if line.lstrip().startswith("["):
                table = 0
            continue
        match = _TOML_KEY_LINE.match(line)
        if match is None:
            continue
        key = re.sub(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'', "k", match.group(2))
        depth = key.count(".") + 1
        if match.group(1):
            table = depth
            depth = 0
        if table + depth > limits.max_depth:
            raise one_issue(
                "too-deep",
                f"a dotted key nests {table + depth} levels",
                f"at most {limits.max_depth} levels",
                line=number,
            )


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


class _NonFinite(Exception):
    """A JSON number too large for a float (``1e400``): parse again, keep it, report it."""


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NonFinite
    return value


def parse(
    text: str | bytes, format: Format, limits: Limits, *, facts: dict[str, bool] | None = None
) -> Any:
    r"""Parse document text into plain Python data, within the limits.

    With ``facts``, record ``facts["plain"] = True`` when the data is JSON that cannot hold
    what :func:`check_data` looks for (JSON keys are strings; no number overflowed to an
    infinity; no ``\uD8..`` escape could make a lone surrogate), so that the check can
    be skipped when the fast path takes the document.

    Raises:
        DocumentError: too large, too deep, or not valid in the format; a syntax error
            carries its line and column.

    """
    size, surrogates = _measured(text)
    if size > limits.max_bytes:
        raise one_issue("too-large", f"the document is {size} bytes", f"at most {limits.max_bytes}")
    try:
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        if format == "json":
            data = _parse_json(text, facts)
            if surrogates and facts is not None:
                facts["plain"] = False  # check_data reports each at its path
            return data
        if format == "yaml":
            if surrogates:  # PyYAML cannot read it at all: say where the first one is
                raise _surrogate_in_text(text)
            return parse_yaml(text)
        import tomllib

        _toml_key_depth(text, limits)
        return tomllib.loads(text)
    except RecursionError:
        raise one_issue(
            "too-deep", "the document nests too deeply", f"at most {limits.max_depth} levels"
        ) from None
    except UnicodeDecodeError as exc:
        raise one_issue("syntax", f"the document is not UTF-8: {exc.reason}") from None
    except DocumentError:
        raise
    except Exception as exc:
        raise _syntaxone_issue(exc, format, text) from None


def _measured(text: str | bytes) -> tuple[int, bool]:
    """The text's size in UTF-8 bytes, and whether it (a str) holds a lone surrogate."""
    if isinstance(text, bytes) or text.isascii():
        return len(text), False
    try:
        return len(text.encode("utf-8")), False
    except UnicodeEncodeError:  # no output can encode it
        return len(text.encode("utf-8", "surrogatepass")), True


def _surrogate_in_text(text: str) -> DocumentError:
    at = next(n for n, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF)
    before = text[:at]
    return one_issue(
        "invalid-value",
        f"the text holds a lone surrogate \\u{ord(text[at]):04x}, which UTF-8 cannot encode",
        "text in UTF-8",
        line=before.count("\n") + 1,
        column=at - (before.rfind("\n") + 1) + 1,
    )


def _parse_json(text: str, facts: dict[str, bool] | None) -> Any:
    try:
        data = json.loads(
            text,
            parse_constant=_reject_constant,
            object_pairs_hook=_no_duplicates,
            parse_float=_finite_float,
        )
        plain = "\\u" not in text or _SURROGATE_ESCAPE.search(text) is None
    except _NonFinite:  # keep the infinity: check_data reports it at its path
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
        plain = False
    if facts is not None:
        facts["plain"] = plain
    return data


def _syntaxone_issue(exc: Exception, format: Format, text: str | bytes) -> Exception:
    """A parser's failure as a ``syntax`` issue with its line and column, if it is one."""
    if isinstance(exc, json.JSONDecodeError):
        return one_issue("syntax", f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)
    if isinstance(exc, ValueError):  # tomllib.TOMLDecodeError, a refused JSON constant
        at = _TOML_AT.search(str(exc))
        message = _TOML_AT.sub("", str(exc)).strip()
        return one_issue(
            "syntax",
            f"not valid {format.upper()}: {message}",
            line=int(at.group(1)) if at else None,
            column=int(at.group(2)) if at else None,
        )
    return yaml_issue(exc, text)


def _without_nulls(value: Any, path: str = "$", *, extension: bool = False) -> Any:
    """Drop model fields that are null (their default), refuse nulls inside ``x-`` values."""
    if value is None and extension:
        raise ValueError(f"TOML cannot represent the null at {path}")
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            inside = extension or k.startswith("x-")
            if v is None and not inside:
                continue
            out[k] = _without_nulls(v, f"{path}.{k}", extension=inside)
        return out
    if isinstance(value, list):
        return [_without_nulls(v, f"{path}[{i}]", extension=extension) for i, v in enumerate(value)]
    return value


def serialise(data: dict[str, Any], format: Format, *, compact: bool = False) -> str:
    """Document text for plain data. Deterministic: the same data gives the same text.

    ``compact`` (JSON only) writes no indentation and no space: one line.
    """
    if compact and format != "json":
        raise ValueError(f"compact is for JSON only, not {format!r}")
    if format == "json":
        if compact:
            return (
                json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"
            )
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if format == "yaml":
        return dump_yaml(data)
    if format == "toml":
        import tomli_w

        return tomli_w.dumps(_without_nulls(data))
    raise ValueError(f"unknown format: {format!r} (expected one of {', '.join(FORMATS)})")
