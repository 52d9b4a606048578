"""Write report sections as plain text, Markdown or HTML; each escapes what it writes.

Text strips terminal control sequences; Markdown escapes every character that could make a
heading, link, image, emphasis or raw HTML out of a title or description (with
:func:`coproduce._markdown.inline`, the escaper every Markdown report uses); HTML escapes
all text and scopes its styles.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from coproduce._markdown import inline
from coproduce._text import visible
from coproduce.report._sections import (
    Block,
    Bullets,
    Caveats,
    Heading,
    Para,
    Section,
    Table,
    Text,
)
from coproduce.report._style import CSS, VERDICT_COLOUR

__all__ = ["html_body", "markdown", "plain", "text"]


def plain(s: str) -> str:
    """``s`` on one line, its control characters shown as escapes (never sent to a terminal)."""
    return visible(s.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


# --------------------------------------------------------------------------- text


def _text_of(x: Text) -> str:
    return "".join(plain(s.text) for s in x)


def _text_block(b: Block) -> list[str]:
    if isinstance(b, Para):
        return ["  " + _text_of(b.text)]
    if isinstance(b, Heading):
        return ["", "  " + _text_of(b.text)]
    if isinstance(b, Bullets):
        return ["  - " + _text_of(i) for i in b.items]
    if isinstance(b, Caveats):
        return ["  ! " + _text_of(i) for i in b.items]
    if isinstance(b, Table):
        return ["  * " + " | ".join(_text_of(c) for c in row) for row in b.rows]
    return []


def text(title: str, meta: str, sections: Iterable[Section]) -> str:
    """The report as plain text: safe to print to a terminal."""
    out = [plain(title), plain(meta)]
    for s in sections:
        out += ["", s.title, "-" * len(s.title)]
        for b in s.blocks:
            out += _text_block(b)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- Markdown


def _md_of(x: Text) -> str:
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


def _md_block(b: Block) -> list[str]:
    if isinstance(b, Para):
        return [_md_of(b.text), ""]
    if isinstance(b, Heading):
        return ["### " + _md_of(b.text), ""]
    if isinstance(b, Bullets):
        return [*("- " + _md_of(i) for i in b.items), ""]
    if isinstance(b, Caveats):
        return [*("> - " + _md_of(i) for i in b.items), ""]
    if isinstance(b, Table):
        head = "| " + " | ".join(inline(h) for h in b.head) + " |"
        rule = "|" + "---|" * len(b.head)
        return [
            head,
            rule,
            *("| " + " | ".join(_md_of(c) for c in row) + " |" for row in b.rows),
            "",
        ]
    return []


def markdown(title: str, meta: str, sections: Iterable[Section]) -> str:
    """The report as Markdown (tables; no figures): no raw HTML, links or headings get in."""
    out = [f"# {inline(title)}", "", inline(meta), ""]
    for s in sections:
        out += [f"## {inline(s.title)}", ""]
        for b in s.blocks:
            out += _md_block(b)
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML


def _html_of(x: Text) -> str:
    out = []
    for s in x:
        body = escape(s.text)
        if not s.style:
            out.append(body)
        elif s.style == "strong":
            out.append(f"<strong>{body}</strong>")
        elif s.style == "code":
            out.append(f"<code>{body}</code>")
        elif s.style.startswith("verdict-"):
            colour = next(
                (c for v, c in VERDICT_COLOUR.items() if f"verdict-{v.value}" == s.style), "#4b5563"
            )
            out.append(f'<span class="verdict" style="background:{colour}">{body}</span>')
        else:
            out.append(f'<span class="{escape(s.style)}">{body}</span>')
    return "".join(out)


def _html_block(b: Block) -> str:
    if isinstance(b, Para):
        return f"<p>{_html_of(b.text)}</p>"
    if isinstance(b, Heading):
        return f"<h3>{_html_of(b.text)}</h3>"
    if isinstance(b, Bullets):
        return "<ul>" + "".join(f"<li>{_html_of(i)}</li>" for i in b.items) + "</ul>"
    if isinstance(b, Caveats):
        return (
            '<div class="caveat"><ul>'
            + "".join(f"<li>{_html_of(i)}</li>" for i in b.items)
            + "</ul></div>"
        )
    if isinstance(b, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in b.head)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_html_of(c)}</td>" for c in row) + "</tr>" for row in b.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    if not b.svg:
        return ""
    return f"<figure>{b.svg}<figcaption>{escape(b.caption)}</figcaption></figure>"


def _html_section(s: Section) -> str:
    return (
        f'<section id="{escape(s.id)}"><h2>{escape(s.title)}</h2>'
        + "".join(_html_block(b) for b in s.blocks)
        + "</section>"
    )


def html_body(sections: Iterable[Section], *, fold: bool = False) -> str:
    """The sections as HTML; with ``fold``, the detail sections sit behind one ``<details>``."""
    sections = tuple(sections)
    head = "".join(_html_section(s) for s in sections if not (fold and s.detail))
    if not fold:
        return head
    rest = "".join(_html_section(s) for s in sections if s.detail)
    return head + f"<details><summary>Full report</summary>{rest}</details>"


def style() -> str:
    """The scoped stylesheet."""
    return CSS
