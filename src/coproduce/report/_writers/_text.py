"""A document as plain text: safe to print to a terminal, whatever the documents say.

Every piece of text goes through :func:`plain`: one line, control characters shown as
escapes (:func:`coproduce._text.visible`). Sections are underlined; blocks are indented
under them, except grids, whose columns start at the margin.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection

from coproduce._text import visible
from coproduce.report._model import (
    Block,
    Bullets,
    Caveats,
    Checklist,
    Document,
    Figure,
    Heading,
    Para,
    Table,
    Text,
)

__all__ = ["plain", "text", "wrapped"]


def plain(s: str) -> str:
    """``s`` on one line, its control characters shown as escapes (never sent to a terminal)."""
    return visible(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def _of(x: Text) -> str:
    return "".join(plain(s.text) for s in x)


def wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, broken at spaces.

    A word longer than the column is broken at its hyphens (or, without one, where it must);
    a shorter word, hyphenated or not, is never broken.
    """
    pieces: list[tuple[str, str]] = []  # (piece, what joins it to the one before)
    for word in text.split():
        parts = [word] if len(word) <= width else textwrap.wrap(word, width)
        pieces += [(parts[0], " "), *((part, "") for part in parts[1:])]
    lines: list[str] = []
    for piece, glue in pieces:
        if lines and len(lines[-1]) + len(glue) + len(piece) <= width:
            lines[-1] += glue + piece
        else:
            lines.append(piece)
    return lines or [""]


def _grid_row(row: list[str], widths: list[int], numeric: Collection[int], wrap: bool) -> list[str]:
    """One row as lines: text cells wrapped to their column, figures on the first line."""
    cells = [
        [cell] if i in numeric or not wrap else wrapped(cell, widths[i])
        for i, cell in enumerate(row)
    ]
    lines = []
    for k in range(max(map(len, cells))):
        parts = [
            (part[k] if k < len(part) else "").rjust(widths[i])
            if i in numeric
            else (part[k] if k < len(part) else "").ljust(widths[i])
            for i, part in enumerate(cells)
        ]
        lines.append("  ".join(parts).rstrip())
    return lines


def _grid(b: Table) -> list[str]:
    """A table in aligned columns: the headings, a rule, the rows, the total."""
    rows = [list(map(plain, b.head)), *([_of(c) for c in r] for r in b.rows)]
    if b.total is not None:
        rows.append([_of(c) for c in b.total])
    widths = [max(len(r[i]) for r in rows) for i in range(len(b.head))]
    if b.wrap is not None:
        widths = [w if i in b.numeric else min(b.wrap, w) for i, w in enumerate(widths)]
    out = []
    for n, r in enumerate(rows):
        out += _grid_row(r, widths, b.numeric, b.wrap is not None)
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return out


def _checklist(b: Checklist) -> list[str]:
    out = []
    for i in b.items:
        out.append(f"  [{'x' if i.done else ' '}] {plain(i.label)}")
        out += [f"      {plain(i.guidance)}"] if i.guidance else []
        out += [f"      - {plain(line)}" for line in i.lines]
        out += [f"      To complete: {plain(i.prompt)}"] if not i.done and i.prompt else []
        out += [f"      Source: {plain(i.source)}"] if i.source else []
    return out


def _block(b: Block) -> list[str]:
    if isinstance(b, Para):
        return [("  ! " if b.style == "callout" else "  ") + _of(b.text)]
    if isinstance(b, Heading):
        return ["", "  " + _of(b.text)]
    if isinstance(b, Bullets):
        return ["  - " + _of(i) for i in b.items]
    if isinstance(b, Caveats):
        return ["  ! " + _of(i) for i in b.items]
    if isinstance(b, Table):
        return _grid(b) if b.grid else ["  * " + " | ".join(map(_of, row)) for row in b.rows]
    if isinstance(b, Figure):
        return [] if b.instead is None else _block(b.instead)
    return _checklist(b)


def text(doc: Document) -> str:
    """The document as plain text: the title, the line under it, then each section.

    A document without a title (a part of another report) underlines its sections with
    ``=``, as the top level; under a title they are underlined with ``-``.
    """
    title = doc.text_title if doc.text_title is not None else doc.title
    out = [] if title is None else [plain(title)]
    out += [_of(doc.meta)] if doc.meta else []
    if doc.lead:
        out.append("")
        for b in doc.lead:
            out += _block(b)
    rule = "-" if title is not None else "="
    for s in doc.sections:
        out += ["", plain(s.title), rule * len(s.title)] if out else [s.title, rule * len(s.title)]
        for b in s.blocks:
            out += _block(b)
    return "\n".join(out) + "\n"
