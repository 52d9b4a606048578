"""The :class:`Catalogue` container: typed entries plus read-only lookups."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from coproduce.errors import UnknownEntryError
from coproduce.model import (
    PAPER,
    Alternative,
    Basis,
    Bearer,
    Challenge,
    Condition,
    ContributionEntry,
    Cost,
    CostCategory,
    CostId,
    Displayable,
    Document,
    Entry,
    Extensible,
    FrozenMap,
    Mitigation,
    ModeEntry,
    MotivationEntry,
    Practice,
    Question,
    Reference,
    Stage,
    Step,
    Typology,
)

__all__ = ["ENTRY_FIELDS", "Catalogue", "holds"]

ENTRY_FIELDS: tuple[str, ...] = (
    "stages",
    "challenges",
    "costs",
    "cost_categories",
    "bearers",
    "motivations",
    "interaction_modes",
    "conditions",
    "questions",
    "steps",
    "contributions",
    "alternatives",
    "mitigations",
)
"""The names of a catalogue's entry tuples, in a stable order."""

_FIELD_OF_TYPE: dict[type, str] = {
    Stage: "stages",
    Challenge: "challenges",
    Cost: "costs",
    CostCategory: "cost_categories",
    Bearer: "bearers",
    MotivationEntry: "motivations",
    ModeEntry: "interaction_modes",
    Condition: "conditions",
    Question: "questions",
    Step: "steps",
    ContributionEntry: "contributions",
    Alternative: "alternatives",
    Mitigation: "mitigations",
}

_E = TypeVar("_E")


@attrs.frozen(kw_only=True)
class Catalogue(Extensible, Displayable):
    """The paper (or your own edition of it) as typed, versioned data.

    Build the default one with :func:`coproduce.default_catalogue`. Build your own with the
    same types — :meth:`with_entries` adds or replaces entries by id — and check it with
    :func:`coproduce.catalogue.check`.

    Example:
        >>> from coproduce import default_catalogue
        >>> cat = default_catalogue()
        >>> [s.label for s in cat.stages][:2]
        ['Developing mixed research teams', 'Framing research questions']
        >>> cat.get("condition.capacity").source.page
        7

    """

    version: str
    reference: Reference
    stages: tuple[Stage, ...]
    challenges: tuple[Challenge, ...]
    costs: tuple[Cost, ...]
    cost_categories: tuple[CostCategory, ...]
    typologies: tuple[Typology, ...]
    bearers: tuple[Bearer, ...]
    motivations: tuple[MotivationEntry, ...]
    interaction_modes: tuple[ModeEntry, ...]
    conditions: tuple[Condition, ...]
    questions: tuple[Question, ...]
    steps: tuple[Step, ...]
    contributions: tuple[ContributionEntry, ...]
    alternatives: tuple[Alternative, ...]
    mitigations: tuple[Mitigation, ...]
    practice: Practice = attrs.field(factory=Practice)
    """The practice layer: entries from documents other than the paper, kept apart."""
    _index: Mapping[str, Entry] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _memo: dict[str, object] = attrs.field(init=False, eq=False, repr=False, hash=False)
    """Derived data other layers compute once per catalogue (e.g. the engine's lookups)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_memo", {})
        index: dict[str, Entry] = {}
        for name in ENTRY_FIELDS:
            for entry in getattr(self, name):
                index.setdefault(entry.id, entry)
        object.__setattr__(self, "_index", FrozenMap(index))

    def __repr__(self) -> str:
        return (
            f"Catalogue(version={self.version!r}, doi={self.reference.doi!r}, "
            f"{len(self.entries())} entries)"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the entries only; lookups and memos are rebuilt on the other side."""
        fields = {a.name: getattr(self, a.name) for a in attrs.fields(Catalogue) if a.init}
        return (_rebuild, (fields,))

    def memo(self, key: str, build: Callable[[Catalogue], _E]) -> _E:
        """Return derived data computed once per catalogue by ``build(self)``.

        For libraries layered on the catalogue that need lookups derived from it. The
        catalogue is immutable, so what ``build`` derives stays valid; ``key`` must name the
        builder uniquely (use your package name as a prefix).
        """
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = build(self)
            return value

    def entries(self) -> tuple[Entry, ...]:
        """Every entry of the paper's part, field by field in :data:`ENTRY_FIELDS` order.

        The practice layer's entries are in :attr:`practice` (see :meth:`entries_of`).
        """
        return tuple(e for name in ENTRY_FIELDS for e in getattr(self, name))

    def paper_document(self) -> Document:
        """The paper as a :class:`~coproduce.model.Document` record, built from ``reference``."""
        return Document(
            id=PAPER,
            title=self.reference.citation,
            publisher="Health Research Policy and Systems",
            year=2019,
            doi=self.reference.doi,
            url=f"https://doi.org/{self.reference.doi}",
        )

    def documents(self) -> tuple[Document, ...]:
        """Every document the catalogue cites: the paper first, then the practice layer's."""
        return (self.paper_document(), *self.practice.documents)

    def entries_of(self, document: str) -> tuple[Any, ...]:
        """The entries whose source is ``document`` (an id of :meth:`documents`).

        Paper entries come in :data:`ENTRY_FIELDS` order, practice entries in
        :meth:`Practice.entries <coproduce.model.Practice.entries>` order. A practice entry
        with several sources belongs to each of their documents.

        Raises:
            UnknownEntryError: no document has this id.

        Example:
            >>> from coproduce import default_catalogue
            >>> cat = default_catalogue()
            >>> paper = cat.entries_of("oliver-kothari-mays-2019")
            >>> paper[: len(cat.entries())] == cat.entries()
            True
            >>> [e.id for e in cat.entries_of("gripp2-2017")][:2]
            ['gripp2.short.1', 'gripp2.short.2']

        """
        if document not in {d.id for d in self.documents()}:
            raise UnknownEntryError(document, what="source document")
        paper = tuple(e for e in self.entries() if e.source.document == document)
        practice = tuple(
            e
            for e in self.practice.entries()
            if any(s.document == document for s in getattr(e, "sources", (e.source,)))
        )
        return paper + practice

    def paper_only(self) -> Catalogue:
        """A copy without the practice layer: what the paper alone supports.

        Example:
            >>> from coproduce import default_catalogue
            >>> cat = default_catalogue()
            >>> len(cat.practice.risks) > 0, len(cat.paper_only().practice.risks)
            (True, 0)
            >>> cat.paper_only().entries() == cat.entries()
            True

        """
        return attrs.evolve(self, practice=Practice())

    def without_source(self, document: str) -> Catalogue:
        """A copy whose practice layer drops the entries citing only ``document``.

        The paper's own entries are the engine's ground and cannot be dropped; use
        :meth:`paper_only` to drop every practice entry. Entries citing other documents too
        keep those sources only; a risk left without any mitigation is dropped with them.

        Raises:
            ValueError: ``document`` is the paper.
            UnknownEntryError: no document has this id.

        Example:
            >>> from coproduce import default_catalogue
            >>> cat = default_catalogue().without_source("gripp2-2017")
            >>> cat.entries_of("uk-standards-2019") != (), "gripp2-2017" in [
            ...     d.id for d in cat.documents()]
            (True, False)

        """
        if document == PAPER:
            raise ValueError("the paper's entries cannot be dropped; use paper_only()")
        if document not in {d.id for d in self.documents()}:
            raise UnknownEntryError(document, what="source document")

        return attrs.evolve(self, practice=_practice_without(self.practice, document))

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._index

    def get(self, entry_id: str) -> Entry:
        """Return the entry with this id.

        Raises:
            UnknownEntryError: no entry has this id.

        """
        try:
            return self._index[entry_id]
        except KeyError:
            raise UnknownEntryError(entry_id) from None

    def _typed(self, entry_id: str, kind: type[_E]) -> _E:
        entry = self.get(entry_id)
        if not isinstance(entry, kind):
            raise UnknownEntryError(entry_id)
        return entry

    def stage(self, entry_id: str) -> Stage:
        """Return the stage with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, Stage)

    def challenge(self, entry_id: str) -> Challenge:
        """Return the challenge with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, Challenge)

    def cost(self, entry_id: str) -> Cost:
        """Return the cost with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, Cost)

    def category(self, entry_id: str) -> CostCategory:
        """Return the cost category with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, CostCategory)

    def bearer(self, entry_id: str) -> Bearer:
        """Return the bearer with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, Bearer)

    def condition(self, entry_id: str) -> Condition:
        """Return the Table 2 condition with this id (:class:`UnknownEntryError` if none)."""
        return self._typed(entry_id, Condition)

    def challenges_of(self, stage_id: str) -> tuple[Challenge, ...]:
        """The challenges of one stage, in the paper's order."""
        return tuple(c for c in self.challenges if c.stage == stage_id)

    def challenge_costs(self, challenge_id: str) -> tuple[tuple[CostId, Basis], ...]:
        """The costs a challenge incurs, with what each link rests on, in a fixed order.

        First every cost of the challenge's Table 1 row (basis ``table-row``), then the
        challenge's own links; a cost appears once, at its first link. Unknown ids are
        skipped (:func:`coproduce.catalogue.check` reports them). The graph and the engine
        both walk the catalogue through this one method.

        Example:
            >>> from coproduce import default_catalogue
            >>> cat = default_catalogue()
            >>> cat.challenge_costs("challenge.prevented-sharing")[0]
            ('cost.independence-credibility', <Basis.TABLE_ROW: 'table-row'>)

        """
        challenge = self.challenge(challenge_id)
        stage = self._index.get(challenge.stage)
        row = stage.cost_cells if isinstance(stage, Stage) else ()
        out: dict[CostId, Basis] = {}
        for cost in row:
            out.setdefault(cost, Basis.TABLE_ROW)
        for link in challenge.costs:
            out.setdefault(CostId(link.target), link.basis)
        return tuple((c, b) for c, b in out.items() if isinstance(self._index.get(c), Cost))

    def with_entries(self, *entries: Entry, version: str | None = None) -> Catalogue:
        """Return a copy with ``entries`` added, or replacing the entry of the same id.

        The result is not checked: call :func:`coproduce.catalogue.check` on it.

        Example:
            >>> from coproduce import default_catalogue
            >>> from coproduce.model import Alternative, Motivation, Source
            >>> cat = default_catalogue().with_entries(
            ...     Alternative(id="alternative.citizens-panel", label="Citizens' panel",
            ...                 description="Deliberation by a standing panel.",
            ...                 source=Source(page=6, locator="local addition"),
            ...                 serves=(Motivation.NORMATIVE,)),
            ...     version="2019.1+local.1",
            ... )
            >>> "alternative.citizens-panel" in cat, cat.version
            (True, '2019.1+local.1')

        """
        changes: dict[str, list[Entry]] = {}
        for entry in entries:
            name = _FIELD_OF_TYPE[type(entry)]
            current = changes.setdefault(name, list(getattr(self, name)))
            for i, old in enumerate(current):
                if old.id == entry.id:
                    current[i] = entry
                    break
            else:
                current.append(entry)
        fields: dict[str, object] = {k: tuple(v) for k, v in changes.items()}
        if version is not None:
            fields["version"] = version
        return attrs.evolve(self, **fields)  # type: ignore[arg-type]


def _rebuild(fields: dict[str, Any]) -> Catalogue:
    return Catalogue(**fields)


def holds(category: CostCategory, bearer: Bearer) -> bool:
    """Whether a cost of ``category`` can fall on ``bearer`` (its groups and spheres allow it).

    A cost's categories are crossed with its bearers only where this holds, so a patient never
    carries a "professional" cost.

    Example:
        >>> from coproduce import default_catalogue
        >>> from coproduce.catalogue import holds
        >>> cat = default_catalogue()
        >>> professional = cat.get("category.professional")
        >>> patients, managers = cat.get("bearer.patients"), cat.get("bearer.managers")
        >>> holds(professional, patients), holds(professional, managers)
        (False, True)

    """
    if category.bearer_groups and bearer.group not in category.bearer_groups:
        return False
    kind = bearer.stakeholder_kind
    return not (category.spheres and kind is not None and kind.sphere not in category.spheres)


def _cites_other(entry: Any, document: str) -> bool:
    """Whether ``entry`` cites a document other than ``document``."""
    return any(s.document != document for s in getattr(entry, "sources", (entry.source,)))


def _trimmed(entries: tuple[_E, ...], document: str) -> tuple[_E, ...]:
    """The entries citing another document too, each with ``document``'s sources dropped."""
    out: list[Any] = []
    for e in entries:
        if not _cites_other(e, document):
            continue
        if hasattr(e, "sources"):
            e = attrs.evolve(  # type: ignore[misc]
                e, sources=tuple(s for s in e.sources if s.document != document)
            )
        out.append(e)
    return tuple(out)


def _practice_without(p: Practice, document: str) -> Practice:
    """The practice layer without ``document``; a risk left with no mitigation goes too."""
    mitigations = _trimmed(p.mitigations, document)
    kept = {m.id for m in mitigations}
    return attrs.evolve(
        p,
        documents=tuple(d for d in p.documents if d.id != document),
        standards=tuple(
            attrs.evolve(s, questions=_trimmed(s.questions, document))
            for s in p.standards
            if _cites_other(s, document)
        ),
        reporting_items=_trimmed(p.reporting_items, document),
        guidance=_trimmed(p.guidance, document),
        risks=tuple(
            attrs.evolve(r, mitigations=tuple(m for m in r.mitigations if m in kept))
            for r in _trimmed(p.risks, document)
            if any(m in kept for m in r.mitigations)
        ),
        mitigations=mitigations,
        crosswalk=_trimmed(p.crosswalk, document),
    )
