"""A document as Markdown (CommonMark and GitHub tables): no raw HTML, links or headings get in.

Every piece of text goes through :func:`coproduce._markdown.inline`, the one Markdown
escaper: whatever a title, description or note holds renders as exactly that text. The only
markup is the writer's own (headings, tables, lists, emphasis, ``<sub>`` for a source).
"""

from __future__ import annotations

from coproduce._markdown import inline
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
from coproduce.report._writers._text import plain

__all__ = ["markdown"]


def _of(x: Text) -> str:
    out: list[str] = []
    for s in x:
        body = inline(s.text, leads=not out)
        if not body:
            continue
        if s.style == "strong" or s.style.startswith("verdict-"):
            out.append(f"**{body}**")
        elif s.style == "code":
            out.append(f"`{plain(s.text).replace('`', '')}`")
        elif s.style == "cite":
            lead = body[: len(body) - len(body.lstrip())]
            out.append(f"{lead}*{body.strip()}*")
        else:
            out.append(body)
    return "".join(out)


def _table(b: Table) -> list[str]:
    head = "| " + " | ".join(inline(h) for h in b.head) + " |"
    rule = "|" + "".join("---:|" if i in b.numeric else "---|" for i in range(len(b.head)))
    rows = ["| " + " | ".join(map(_of, row)) + " |" for row in b.rows]
    if b.total is not None:
        cells = (_of(c) for c in b.total)
        rows.append("| " + " | ".join(f"**{c}**" if c else "" for c in cells) + " |")
    return [head, rule, *rows, ""]


def _checklist(b: Checklist) -> list[str]:
    out = []
    for i in b.items:
        out.append(f"- [{'x' if i.done else ' '}] **{inline(i.label)}**")
        out += [f"  - _{inline(i.guidance)}_"] if i.guidance else []
        out += [f"  - {inline(line)}" for line in i.lines]
        out += [f"  - *To complete:* {inline(i.prompt)}"] if not i.done and i.prompt else []
        out += [f"  - <sub>Source: {inline(i.source)}</sub>"] if i.source else []
    return [*out, ""]


def _block(b: Block) -> list[str]:
    if isinstance(b, Para):
        body = _of(b.text)
        if b.style == "note":
            return [f"*{body}*", ""]
        return [f"> {body}" if b.style == "callout" else body, ""]
    if isinstance(b, Heading):
        return ["### " + _of(b.text), ""]
    if isinstance(b, Bullets):
        return [*("- " + _of(i) for i in b.items), ""]
    if isinstance(b, Caveats):
        return [*("> - " + _of(i) for i in b.items), ""]
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Figure):
        return [] if b.instead is None else _block(b.instead)
    return _checklist(b)


def markdown(doc: Document) -> str:
    """The document as Markdown (tables; no figures, but what stands in for them)."""
    out = [] if doc.title is None else [f"# {inline(doc.title)}", ""]
    out += [_of(doc.meta), ""] if doc.meta else []
    for b in doc.lead:
        out += _block(b)
    for s in doc.sections:
        out += [f"## {inline(s.title)}", ""]
        for b in s.blocks:
            out += _block(b)
    return "\n".join(out).rstrip() + "\n"
