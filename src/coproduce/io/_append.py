"""Append one entry to a log document without rewriting a byte of what is already there.

A log records what happened as it happens, so appending must leave every earlier entry as
it was written: its comments, its flow style, its numbers (``318.40`` stays ``318.40``).
The entry's text is inserted where the ``entries`` list ends — in YAML after its last item
(or as a new ``entries:`` block), in JSON before the list's closing bracket, in TOML as a new
``[[entries]]`` table at the end — and the result is read back and compared with the log
the model says it should be. A document laid out so that this cannot be done (a YAML flow
list with entries, a TOML inline array) is refused, never rewritten.
"""

from __future__ import annotations

import json
import re
from typing import Any

from coproduce.io._formats import serialise
from coproduce.io._read import Format

__all__ = ["appended_texts", "entry_text", "new_log", "new_log_data"]

_ENTRIES = re.compile(r"entries[ \t]*:(?P<rest>.*)$")


def _pruned(value: Any) -> Any:
    """Drop empty values (``None``, ``""``, ``[]``, ``{}``) that are the fields' defaults."""
    if isinstance(value, dict):
        out = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def entry_text(data: dict[str, Any], format: Format) -> str:
    """The entry's own text in ``format``: a mapping (YAML, JSON) or a ``[[entries]]`` table."""
    if format == "toml":
        return serialise({"entries": [data]}, "toml")
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)
    return serialise(data, "yaml")


def appended_texts(
    text: str, format: Format, data: dict[str, Any], own: str | None = None
) -> list[str]:
    """Candidate documents, best first: ``text`` with the entry added after its last entry.

    ``data`` is the entry's plain data (as :func:`coproduce.io.to_data` gives it); ``own``
    is the entry's text as its author wrote it, tried first when it is YAML for a YAML log.
    Every candidate starts with ``text`` unchanged up to the insertion point; the caller
    reads each back and keeps the first that gives the expected log.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    bodies = [] if own is None or format != "yaml" else [own]
    bodies += [entry_text(_pruned(data), format), entry_text(data, format)]
    out = []
    for body in bodies:
        candidate = _insert(text, format, body, newline)
        if candidate is not None and candidate not in out:
            out.append(candidate)
    return out


def _insert(text: str, format: Format, body: str, newline: str) -> str | None:
    if format == "yaml":
        return _yaml(text, body, newline)
    if format == "json":
        return _json(text, body, newline)
    return _toml(text, body, newline)


# --------------------------------------------------------------------------- TOML

_TOML_EMPTY = re.compile(r"entries[ \t]*=[ \t]*\[[ \t]*\][ \t]*(#.*)?(\r?\n|$)", re.MULTILINE)


def _toml(text: str, body: str, newline: str) -> str:
    """A new ``[[entries]]`` table at the end; an empty ``entries = []`` gives way to it."""
    first_table = re.search(r"^[ \t]*\[", text, re.MULTILINE)
    empty = _TOML_EMPTY.search(text, 0, first_table.start() if first_table else len(text))
    if empty is not None and (empty.start() == 0 or text[empty.start() - 1] == "\n"):
        text = text[: empty.start()] + text[empty.end() :]
    end = "" if not text or text.endswith("\n") else newline
    return text + end + newline + body.replace("\n", newline)


# --------------------------------------------------------------------------- YAML


def _yaml_item(body: str, indent: int, newline: str) -> str:
    """``body`` (a mapping) as one item of a block list whose dashes are ``indent`` in.

    Comment lines heading the body stay above the item, at the dash's indent.
    """
    lines = [line.rstrip("\r") for line in body.strip("\r\n").split("\n")]
    head = 0
    while head < len(lines) - 1 and lines[head].lstrip().startswith("#"):
        head += 1
    pad = " " * (indent + 2)
    above = [" " * indent + line.lstrip() for line in lines[:head]]
    rest = [pad + line if line.strip() else "" for line in lines[head + 1 :]]
    return newline.join([*above, " " * indent + "- " + lines[head], *rest]) + newline


def _yaml(text: str, body: str, newline: str) -> str | None:
    if not body.strip() or body.lstrip().startswith(("---", "%")):
        return None
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    keys = [i for i, line in enumerate(lines) if _ENTRIES.match(line.rstrip("\r\n"))]
    if not keys:  # no entries yet: a new block at the end
        gap = "" if not text or text.endswith("\n") else newline
        return text + gap + "entries:" + newline + _yaml_item(body, 0, newline)
    at = keys[-1]
    match = _ENTRIES.match(lines[at].rstrip("\r\n"))
    rest = match["rest"].strip() if match else ""
    if rest.startswith("[]") and (rest[2:].strip() == "" or rest[2:].strip().startswith("#")):
        # ``entries: []``: the empty list becomes a block list; no entry is rewritten
        head = "".join(lines[:at])
        return head + "entries:" + newline + _yaml_item(body, 0, newline) + "".join(lines[at + 1 :])
    if rest and not rest.startswith("#"):
        return None  # a flow list or a scalar: cannot append without rewriting
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or lines[end].startswith((" ", "\t", "-", "#"))
    ):
        end += 1
    indent = next(
        (len(m[1]) for line in lines[at + 1 : end] if (m := re.match(r"( *)- ", line))), 0
    )
    if end < len(lines):  # a key follows: keep its comments and blank lines with it
        while end > at + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
    head = "".join(lines[:end])
    gap = "" if not head or head.endswith("\n") else newline
    return head + gap + _yaml_item(body, indent, newline) + "".join(lines[end:])


# --------------------------------------------------------------------------- JSON


def _json_tokens(text: str) -> list[tuple[int, str, int]]:
    """``(position, character, depth)`` of each structural character outside strings."""
    out, depth, in_string, escape = [], 0, False, False
    for pos, ch in enumerate(text):
        if in_string:
            if escape:
                escape = False
            elif ch == "\\":
                escape = True
            elif ch == '"':
                in_string = False
            continue
        if ch == '"':
            out.append((pos, ch, depth))
            in_string = True
        elif ch in "{[":
            depth += 1
            out.append((pos, ch, depth))
        elif ch in "}]":
            out.append((pos, ch, depth))
            depth -= 1
        elif ch in ":,":
            out.append((pos, ch, depth))
    return out


def _json_entries(text: str) -> tuple[int, int] | None:
    """Where the top-level ``entries`` array opens and closes, if the document has one."""
    tokens = _json_tokens(text)
    for n, (pos, ch, depth) in enumerate(tokens[:-2]):
        if ch != '"' or depth != 1 or tokens[n + 1][1] != ":":
            continue
        key = text[pos : tokens[n + 1][0]].strip()
        if key != '"entries"' or tokens[n + 2][1] != "[":
            continue
        start = tokens[n + 2][0]
        close = next(
            (p for p, c, d in tokens[n + 3 :] if c == "]" and d == 2),
            None,
        )
        return None if close is None else (start, close)
    return None


def _indented(body: str, pad: str, newline: str) -> str:
    lines = body.split("\n")
    return newline.join([lines[0], *(pad + line for line in lines[1:])])


def _json(text: str, body: str, newline: str) -> str | None:
    found = _json_entries(text)
    if found is None:  # no entries yet: add the key before the closing brace
        close = text.rstrip().rfind("}")
        if close < 0:
            return None
        inner = text[:close].rstrip()
        comma = "" if inner.endswith("{") else ","
        item = _indented(body, "    ", newline)
        added = f'{comma}{newline}  "entries": [{newline}    {item}{newline}  ]{newline}'
        return inner + added + text[close:]
    start, close = found
    inner = text[:close].rstrip()
    line = text[text.rfind("\n", 0, close) + 1 : close]
    closing_pad = line[: len(line) - len(line.lstrip())]
    pad = closing_pad + "  "
    comma = "" if len(inner) == start + 1 else ","
    item = _indented(body, pad, newline)
    return inner + comma + newline + pad + item + newline + closing_pad + text[close:]


def new_log_data(project_id: str, currency: str | None, version: int) -> dict[str, Any]:
    """The plain data of an empty log (no ``entries`` key: the first entry adds it)."""
    data: dict[str, Any] = {"schema_version": version, "project": project_id}
    if currency is not None:
        data["currency"] = currency
    return data


def new_log(data: dict[str, Any], format: Format) -> str:
    """The text of a new, empty log; YAML opens with a comment saying how to add to it."""
    if format == "json":
        return serialise({**data, "entries": []}, "json")
    text = serialise(data, format)
    if format == "toml":
        return text
    return (
        f"# The involvement log of project {data['project']}: what happened, oldest first.\n"
        "# Add each entry with: coproduce log add THIS-FILE --entry ENTRY.yaml\n" + text
    )
