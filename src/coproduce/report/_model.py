"""What every report is made of: a document of titled sections, each a run of plain blocks.

Every report (the appraisal, the costing, planned against actual, the funder's portfolio and
the forms teams file) is built as a :class:`Document` once, in words, and written by the one
set of writers in :mod:`coproduce.report._writers`: text, Markdown and HTML from the sections,
JSON (and the costing's CSV) from the result itself, through :attr:`Document.exports`. The
writers do all the escaping; a report never writes markup or escapes text of its own.

The blocks:

- :class:`Para`: a paragraph (plain, a muted note, or a callout);
- :class:`Heading`: a sub-heading within a section;
- :class:`Bullets` and :class:`Caveats`: a list, and a list of what the report rests on;
- :class:`Table`: a table of styled cells; as a grid (aligned columns in text, numeric
  columns to the right, a total row) or, in text, one line per row;
- :class:`Figure`: an inline SVG and its caption, in HTML; elsewhere its ``instead`` block;
- :class:`Checklist`: the entries of a form, each complete or still to complete.

Text in blocks is :data:`Text`: runs of :class:`Seg`, each with a style the writers know.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Literal, TypeAlias

import attrs

from coproduce._record import Record

__all__ = [
    "FORMATS_OF",
    "Block",
    "Bullets",
    "Caveats",
    "Checklist",
    "Document",
    "Figure",
    "Heading",
    "Item",
    "Para",
    "ReportFormat",
    "Section",
    "Seg",
    "Table",
    "Text",
    "t",
]

ReportFormat = Literal["text", "markdown", "html", "json", "csv"]
"""The formats a report is written in; each kind has some of them (:data:`FORMATS_OF`)."""

FORMATS_OF: dict[str, tuple[ReportFormat, ...]] = {
    "appraisal": ("text", "markdown", "html", "json"),
    "costing": ("text", "markdown", "html", "json", "csv"),
    "tracking": ("text", "markdown", "html", "json"),
    "portfolio": ("text", "json", "markdown", "html"),
    "standards": ("markdown", "html", "json"),
    "application": ("markdown", "html", "json"),
    "gripp2": ("markdown", "html", "json"),
    "view": ("html",),
}
"""The one place each kind of report declares its formats; the first is its default.

Text, for people, wherever a report has it (issue #26); the forms teams file (standards,
application, GRIPP2) have no plain-text form and default to Markdown, what a grant
portal or a word processor takes.

``view`` is a notebook's compact view of a project, a catalogue or a profile. ``text``,
``markdown`` and ``html`` are written from the sections; any other format (the
JSON data, the costing's CSV) from the result, through the document's :attr:`~Document.exports`.
"""

WRITTEN = ("text", "markdown", "html")
"""The formats the writers make from a document's sections."""


@attrs.frozen
class Seg(Record):
    """A run of text and its style.

    Styles: ``""``, ``"strong"``, ``"code"``, ``"cite"``, ``"sev-low|medium|high"``,
    ``"level-…"``, ``"verdict-…"``, ``"short"`` or ``"ok"`` (a gap to a budget).
    """

    text: str
    style: str = ""


Text: TypeAlias = tuple[Seg, ...]


def t(*parts: str | Seg) -> Text:
    """Text from plain strings and styled segments."""
    return tuple(p if isinstance(p, Seg) else Seg(p) for p in parts)


@attrs.frozen
class Para(Record):
    """A paragraph: ``style`` ``""``, ``"note"`` (muted, an aside) or ``"callout"`` (boxed)."""

    text: Text
    style: Literal["", "note", "callout"] = ""


@attrs.frozen
class Heading(Record):
    """A sub-heading within a section."""

    text: Text


@attrs.frozen
class Bullets(Record):
    """A bulleted list."""

    items: tuple[Text, ...]


@attrs.frozen
class Caveats(Record):
    """What the report rests on: a list set apart from the rest."""

    items: tuple[Text, ...]


@attrs.frozen
class Table(Record):
    """A table of styled cells.

    Attributes:
        head: the column headings.
        rows: the cells, row by row.
        numeric: the columns (by index) that hold figures: aligned right.
        total: a last row set apart (a total), or ``None``.
        grid: in plain text, aligned columns under the headings; otherwise one line per row,
            its cells joined by ``|`` (for tables of prose).
        wrap: in a plain-text grid, the widest a text column gets; longer cells wrap within
            it (``None``: never wrapped).

    """

    head: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    numeric: frozenset[int] = frozenset()
    total: tuple[Text, ...] | None = None
    grid: bool = False
    wrap: int | None = None


@attrs.frozen
class Figure(Record):
    """An inline SVG and its caption (HTML only); text and Markdown show ``instead``, if any.

    ``narrow``: the same figure drawn for a narrow screen (a phone), shown there in place of
    ``svg``; ``""`` if ``svg`` serves every width.
    """

    svg: str
    caption: str
    instead: Table | Bullets | None = None
    narrow: str = ""


@attrs.frozen
class Item(Record):
    """One entry of a form: what it is, what the project says, and whether that answers it.

    Attributes:
        label: what the entry is.
        lines: what the project says, one statement per line.
        done: whether the entry is complete.
        prompt: what is still needed (shown when not done).
        source: where the entry comes from.
        guidance: what the source asks for.

    """

    label: str
    lines: tuple[str, ...] = ()
    done: bool = False
    prompt: str = ""
    source: str = ""
    guidance: str = ""


@attrs.frozen
class Checklist(Record):
    """The entries of a form, in order."""

    items: tuple[Item, ...]


Block: TypeAlias = Para | Heading | Bullets | Caveats | Table | Figure | Checklist


@attrs.frozen
class Section(Record):
    """A titled part of a report; ``detail`` sections fold away in a notebook."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    detail: bool = True


def _no_exports() -> Mapping[str, Callable[[], str]]:
    return {}


@attrs.frozen
class Document(Record):
    """A report: its title, a line under it, what comes before the sections, and the sections.

    Build one with :func:`coproduce.report.document` (or the builder of its kind) and write
    it with :func:`coproduce.report.render` or :func:`coproduce.report.write`.

    Attributes:
        kind: what report it is, a key of :data:`FORMATS_OF` (``"appraisal"``, ``"costing"``,
            ``"tracking"``, ``"portfolio"``, ``"standards"``, ``"application"``, ``"gripp2"``).
        title: the title, or ``None`` for a report that is part of another (the costing's
            text); its sections are then its top level.
        sections: the sections, in reading order.
        meta: the line under the title (versions, counts, the project).
        lead: blocks before the first section (what is recorded and what is judged).
        footer: the HTML page's closing line.
        text_title: the title in plain text, where it reads otherwise.
        page_title: the HTML page's title (a browser's tab), where it is not ``title``.
        exports: the formats written from the result rather than the sections (``json``,
            ``csv``), each a function giving the text.

    """

    kind: str
    title: str | None
    sections: tuple[Section, ...]
    meta: tuple[Seg, ...] = ()
    lead: tuple[Block, ...] = ()
    footer: str = ""
    text_title: str | None = None
    page_title: str | None = None
    exports: Mapping[str, Callable[[], str]] = attrs.field(
        factory=_no_exports, eq=False, repr=False
    )

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats this kind of report is written in, its default first."""
        return FORMATS_OF[self.kind]
