"""A document as HTML: one self-contained page, or a fragment for a notebook or a page.

Every piece of text goes through :func:`html.escape`; the only markup is the writer's own
and the figures' SVG (which :mod:`coproduce.report._svg` escapes as it draws). Styles are
inline and scoped to ``.coproduce-report``; nothing is fetched and nothing runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from coproduce.report._model import (
    Block,
    Bullets,
    Caveats,
    Checklist,
    Document,
    Heading,
    Item,
    Para,
    Section,
    Table,
    Text,
)
from coproduce.report._style import CSS, PAGE_CSS, VERDICT_COLOUR

__all__ = ["fragment", "page"]

STACK = ' class="stack"'
"""The class of a table that stacks on a narrow screen (one of three columns or more)."""
_AMOUNT = re.compile(r"\b([A-Z]{3}) (?=[-\d])")
"""A currency code before its amount, which a table cell keeps on one line."""


def _seg(style: str, body: str) -> str:
    if not style:
        return body
    if style == "strong":
        return f"<strong>{body}</strong>"
    if style == "code":
        return f"<code>{body}</code>"
    if style.startswith("verdict-"):
        colour = next(
            (c for v, c in VERDICT_COLOUR.items() if f"verdict-{v.value}" == style), "#4b5563"
        )
        return f'<span class="verdict" style="background:{colour}">{body}</span>'
    return f'<span class="{escape(style)}">{body}</span>'


def _of(x: Text, *, cell: bool = False) -> str:
    """Styled text as HTML.

    In a table ``cell``, an amount stays on one line with its currency, and a path may break
    after each ``/`` (so that a column of file names does not widen its table).
    """
    return "".join(_seg(s.style, _in_cell(escape(s.text)) if cell else escape(s.text)) for s in x)


def _in_cell(body: str) -> str:
    return _AMOUNT.sub(r"\1&nbsp;", body).replace("/", "/<wbr>")


def _table(b: Table) -> str:
    """A table in a wrapper; on a narrow screen, a table of three columns or more stacks.

    Stacked, each row is a card: its first cell as the card's heading, every other cell
    after its column's heading (``data-label``).
    """
    labels = [f' data-label="{escape(h)}"' for h in b.head]

    def td(tag: str, i: int, body: str) -> str:
        cls = ' class="num"' if i in b.numeric else ""
        label = labels[i] if tag == "td" and i < len(labels) else ""
        return f"<{tag}{cls}{label}>{body}</{tag}>"

    head = "".join(td("th", i, escape(h)) for i, h in enumerate(b.head))
    rows = "".join(
        "<tr>" + "".join(td("td", i, _of(c, cell=True)) for i, c in enumerate(row)) + "</tr>"
        for row in b.rows
    )
    if b.total is not None:
        cells = "".join(td("td", i, _of(c, cell=True)) for i, c in enumerate(b.total))
        rows += f'<tr class="total">{cells}</tr>'
    stack = STACK if len(b.head) > 2 else ""
    return (
        f'<div class="table"><table{stack}><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _item(i: Item) -> str:
    lines = "".join(f"<li>{escape(x)}</li>" for x in i.lines)
    prompt = (
        "" if i.done or not i.prompt else f'<p class="prompt">To complete: {escape(i.prompt)}</p>'
    )
    return (
        f'<li class="{"item" if i.done else "item todo"}">'
        f'<span class="badge">{"done" if i.done else "to complete"}</span>'
        f"<strong>{escape(i.label)}</strong>"
        + (f'<div class="guidance">{escape(i.guidance)}</div>' if i.guidance else "")
        + (f"<ul>{lines}</ul>" if lines else "")
        + prompt
        + (f'<div class="cite">Source: {escape(i.source)}</div>' if i.source else "")
        + "</li>"
    )


def _list(items: Iterable[Text]) -> str:
    return "<ul>" + "".join(f"<li>{_of(i)}</li>" for i in items) + "</ul>"


def _block(b: Block) -> str:
    if isinstance(b, Para):
        cls = {"": "", "note": ' class="note"', "callout": ' class="caveat"'}[b.style]
        return f"<p{cls}>{_of(b.text)}</p>"
    if isinstance(b, Heading):
        return f"<h3>{_of(b.text)}</h3>"
    if isinstance(b, Bullets):
        return _list(b.items)
    if isinstance(b, Caveats):
        return f'<div class="caveat">{_list(b.items)}</div>'
    if isinstance(b, Table):
        return _table(b)
    if isinstance(b, Checklist):
        return '<ul class="items">' + "".join(map(_item, b.items)) + "</ul>"
    if not b.svg:
        return ""
    caption = f"<figcaption>{escape(b.caption)}</figcaption>" if b.caption else ""
    if not b.narrow:
        return f"<figure>{b.svg}{caption}</figure>"
    drawn = f'<div class="wide">{b.svg}</div><div class="narrow">{b.narrow}</div>'
    return f'<figure class="two">{drawn}{caption}</figure>'


def _section(s: Section) -> str:
    return (
        f'<section id="{escape(s.id)}"><h2>{escape(s.title)}</h2>'
        + "".join(map(_block, s.blocks))
        + "</section>"
    )


def _body(doc: Document, *, fold: bool) -> str:
    """The lead and the sections; with ``fold``, the detail sections behind one ``<details>``."""
    lead = "".join(map(_block, doc.lead))
    head = "".join(_section(s) for s in doc.sections if not (fold and s.detail))
    if not fold:
        return lead + head
    rest = "".join(_section(s) for s in doc.sections if s.detail)
    return lead + head + f"<details><summary>Full report</summary>{rest}</details>"


def _meta(doc: Document) -> str:
    return f'<p class="meta">{_of(doc.meta)}</p>' if doc.meta else ""


def page(doc: Document) -> str:
    """The document as one self-contained HTML page: no scripts, nothing fetched."""
    title = escape(doc.title or doc.page_title or "")
    tab = escape(doc.page_title) if doc.page_title is not None else title
    footer = f'<footer class="meta">{escape(doc.footer)}</footer>' if doc.footer else ""
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{tab}</title><style>{PAGE_CSS}{CSS}</style></head><body>"
        f'<main class="coproduce-report"><h1>{title}</h1>{_meta(doc)}'
        f"{_body(doc, fold=False)}{footer}</main></body></html>\n"
    )


def fragment(doc: Document, *, fold: bool = False, titled: bool = True) -> str:
    """The document as a ``<div>`` with its own scoped styles, to show in a notebook or a page.

    ``fold``: the detail sections sit behind one ``<details>``. ``titled``: the title (as a
    small heading) and the line under it open the fragment.
    """
    head = f"<h3>{escape(doc.title)}</h3>{_meta(doc)}" if titled and doc.title else ""
    return f'<div class="coproduce-report"><style>{CSS}</style>{head}{_body(doc, fold=fold)}</div>'
