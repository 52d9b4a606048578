"""A citation: a catalogue entry a conclusion rests on, and where its document says it."""

from __future__ import annotations

import attrs

from coproduce.model._entries import Source
from coproduce.model._ext import Extensible

__all__ = ["Citation"]

_PAPER: str = attrs.fields(Source).document.default or "oliver-kothari-mays-2019"
"""The paper's id: the very string a :class:`Source` holds by default, so that a citation of
such a source holds its own default too (a writer may then tell it by identity)."""


@attrs.frozen(kw_only=True)
class Citation(Extensible):
    """A catalogue entry a conclusion rests on, and where its document says it.

    Attributes:
        entry: the catalogue id, e.g. ``"condition.capacity"``.
        page: the page in the document (the journal page for the paper).
        locator: the table, figure or section.
        document: the id of the cited document; the paper unless the entry comes from the
            practice layer.

    Example:
        >>> from coproduce.model import Citation, Source
        >>> str(Citation.of("condition.capacity", Source(page=7, locator="Table 2, row 9")))
        'condition.capacity (p. 7, Table 2, row 9)'

    """

    entry: str
    page: int
    locator: str
    document: str = _PAPER

    @classmethod
    def of(cls, entry_id: str, source: Source) -> Citation:
        """Cite an entry at its own source."""
        return cls(
            entry=entry_id, page=source.page, locator=source.locator, document=source.document
        )

    def __str__(self) -> str:
        where = f"p. {self.page}, {self.locator}"
        return f"{self.entry} ({where if self.document == _PAPER else f'{self.document}, {where}'})"
