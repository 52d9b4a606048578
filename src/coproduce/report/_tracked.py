"""What the two reports of what happened share: names for ids, amounts, sections from parts.

Planned against actual (:mod:`coproduce.report._tracking`) and the funder's portfolio
(:mod:`coproduce.report._portfolio`) name catalogue entries by their labels, show money to two
decimals when the currency is known, and build each section from the same parts: a note, a
figure, a table, lines, and groups of lines under a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.report._model import (
    Block,
    Bullets,
    Figure,
    Heading,
    Para,
    Section,
    Table,
    t,
)
from coproduce.report._svg import bars_svg
from coproduce.tracking import risk_labels

__all__ = ["Names", "amount", "bars", "cash", "number", "part"]


def number(value: Decimal | None) -> str:
    """A figure without trailing zeros (``—`` when there is none)."""
    return "—" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def cash(value: Decimal | None, currency: str | None) -> str:
    """Money: two decimals, after the currency code, when the currency is known."""
    if value is None:
        return "not costed"
    return f"{currency} {value:,.2f}" if currency else number(value)


def amount(value: Decimal | None, currency: str | None) -> str:
    """An amount beside others in the same currency: two decimals when it is known."""
    return f"{value:,.2f}" if currency and value is not None else number(value)


_IDS = re.compile(r"(?<![\w.-])[a-z][a-z-]*\.[A-Za-z0-9.-]*[A-Za-z0-9]")
"""A token that may be a catalogue id (``stage.collecting-data``, ``question.a.b``)."""


class Names:
    """The catalogue's labels for the ids a tracking carries: stages and risk codes.

    A reader filing the report sees "Collecting data" rather than ``stage.collecting-data``;
    risks show their label and their code, the code being what a log entry names.
    """

    def __init__(self, catalogue: Catalogue | None) -> None:
        cat = catalogue if catalogue is not None else default_catalogue()
        self.order: dict[str, int] = {s.id: n for n, s in enumerate(cat.stages)}  # lifecycle
        self.risks = risk_labels(cat)
        self.labels = {e.id: e.label for e in cat.entries()} | self.risks

    def in_lifecycle(self, stage: str) -> int:
        """A stage's place in the research lifecycle (unknown stages last)."""
        return self.order.get(stage, len(self.order))

    def stage(self, stage: str) -> str:
        """A stage's label."""
        return self.labels.get(stage, stage)

    def text(self, text: str) -> str:
        """``text`` with each catalogue id it names replaced by the entry's label."""
        return _IDS.sub(lambda m: self.labels.get(m.group(), m.group()), text).replace("@", " at ")

    def sort_key(self, code: str) -> str:
        """A risk's label as it sorts by name (a quoted label by its first word)."""
        return self.risks.get(code, code).lstrip("'\"‘“").casefold()

    def risk(self, code: str) -> str:
        """``Label (code)``, or the code alone when the catalogue does not know it."""
        label = self.risks.get(code)
        return f"{label} ({code})" if label else code


def bars(
    title: str, items: Sequence[tuple[str, Decimal]], unit: str = "", *, money: bool = False
) -> str:
    """A bar chart of ``items`` as inline SVG; each value shown as money or a figure."""
    return bars_svg(
        title, [(k, v, f"{f'{v:,.2f}' if money else number(v)}{unit}") for k, v in items]
    )


def part(
    id: str,
    title: str,
    *,
    note: str = "",
    figure: Figure | None = None,
    head: tuple[str, ...] = (),
    rows: tuple[tuple[str, ...], ...] = (),
    lines: tuple[str, ...] = (),
    groups: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> Section:
    """A section from its parts, in this order: note, figure, table, lines, groups."""
    blocks: list[Block] = [Para(t(note), "note")] if note else []
    blocks += [figure] if figure is not None else []
    if head:
        blocks.append(Table(head, tuple(tuple(t(c) for c in r) for r in rows), grid=True))
    blocks += [Bullets(tuple(t(x) for x in lines))] if lines else []
    for heading, items in groups:
        blocks += [Heading(t(heading)), Bullets(tuple(t(x) for x in items))]
    return Section(id, title, tuple(blocks))
