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

    @property
    def brief(self) -> str:
        """A short form for lists of citations: the paper's by page, another document's by name.

        Example:
            >>> from coproduce.model import Citation
            >>> Citation(entry="condition.capacity", page=7, locator="Table 2, row 9").brief
            'condition.capacity p. 7'
            >>> Citation(entry="practice-risk.trauma", page=1, locator="Types of support",
            ...          document="involve-support-2019").brief
            'practice-risk.trauma (involve-support-2019, Types of support)'

        """
        if self.document == _PAPER:
            return f"{self.entry} p. {self.page}"
        return f"{self.entry} ({self.where})"

    @property
    def where(self) -> str:
        """Where in its document: the paper's page, or another document's name and section.

        A practice document read as one web page is cited by section, not by its page 1.
        """
        if self.document == _PAPER:
            return f"p. {self.page}, {self.locator}"
        page = f"p. {self.page}, " if self.page > 1 else ""
        return f"{self.document}, {page}{self.locator}"

    def __str__(self) -> str:
        where = f"p. {self.page}, {self.locator}"
        return f"{self.entry} ({where if self.document == _PAPER else f'{self.document}, {where}'})"
