"""The paper as a versioned catalogue of typed entries, and the rules a catalogue must keep.

:func:`default` (also :func:`coproduce.default_catalogue`) returns the encoding of Oliver,
Kothari & Mays (2019), doi:10.1186/s12961-019-0432-3. Its entries are written in the project's
own words and each carries a :class:`~coproduce.model.Source` (journal page and table, figure
or section). ``docs/catalogue.md`` lists every interpretive choice.

Cost typology
-------------
The catalogue keeps *what a cost harms* (six cost categories: practical, personal,
professional, the research itself, the research process, scholarship) apart from *who bears
it* (bearers). The paper's own lists — the abstract's five types and the body's six — are
kept as :class:`~coproduce.model.Typology` entries and recovered with :func:`costs_of_type`.

Practice layer
--------------
``default().practice`` holds entries encoded from published practice guidance (the UK
Standards for Public Involvement, GRIPP2, payment guidance, and the sources of the practice
risks), each citing its :class:`~coproduce.model.Document`. They never mix with the paper's
entries: :meth:`Catalogue.paper_only` drops them, :meth:`Catalogue.without_source` drops one
document's, and :meth:`Catalogue.entries_of` lists one document's.

Build your own catalogue with the same types (:meth:`Catalogue.with_entries`,
:func:`attrs.evolve`) and hold it to the same rules with :func:`check`.
"""

from __future__ import annotations

import functools

from coproduce.catalogue import _paper, _practice
from coproduce.catalogue._catalogue import ENTRY_FIELDS, Catalogue, holds
from coproduce.catalogue._integrity import problems
from coproduce.errors import CatalogueError, UnknownEntryError
from coproduce.model import BearerGroup, Cost, CostType

__all__ = [
    "DATA_VERSION",
    "ENTRY_FIELDS",
    "PRACTICE_DATA_VERSION",
    "Catalogue",
    "check",
    "cost_type",
    "costs_of_type",
    "default",
    "holds",
    "problems",
    "table1_counts",
]

DATA_VERSION = _paper.DATA_VERSION
"""Edition of the default catalogue's data."""
PRACTICE_DATA_VERSION = _practice.DATA_VERSION
"""Edition of the default catalogue's practice layer (``catalogue.practice``)."""


@functools.cache
def default() -> Catalogue:
    """Return the default catalogue: the 2019 paper. Built once; immutable.

    Example:
        >>> from coproduce.catalogue import default
        >>> cat = default()
        >>> cat.reference.doi, len(cat.stages), len(cat.challenges), len(cat.conditions)
        ('10.1186/s12961-019-0432-3', 7, 14, 9)

    """
    return Catalogue(
        version=_paper.DATA_VERSION,
        reference=_paper.REFERENCE,
        stages=_paper.STAGES,
        challenges=_paper.CHALLENGES,
        costs=_paper.COSTS,
        cost_categories=_paper.CATEGORIES,
        typologies=_paper.TYPOLOGIES,
        bearers=_paper.BEARERS,
        motivations=_paper.MOTIVATIONS,
        interaction_modes=_paper.INTERACTION_MODES,
        conditions=_paper.CONDITIONS,
        questions=_paper.QUESTIONS,
        steps=_paper.STEPS,
        contributions=_paper.CONTRIBUTIONS,
        alternatives=_paper.ALTERNATIVES,
        mitigations=_paper.MITIGATIONS,
        practice=_practice.PRACTICE,
    )


def check(cat: Catalogue) -> Catalogue:
    """Return ``cat`` unchanged if it keeps every integrity rule.

    The rules: ids are well formed and unique; every entry has a label and a locator; every
    challenge names a known stage and reaches a cost category; every cost has a category and a
    bearer and is reached from a challenge; no cost category or bearer is an orphan; every
    link points to a known entry; stage orders run 1..n; Table 2 rows, questions, modes and
    motivations are not duplicated.

    Raises:
        CatalogueError: listing every problem, one exact message each.

    Example:
        >>> import attrs
        >>> from coproduce.catalogue import check, default
        >>> broken = attrs.evolve(default(), cost_categories=default().cost_categories[1:])
        >>> check(broken)
        Traceback (most recent call last):
        ...
        coproduce.errors.CatalogueError: catalogue has ... integrity problems:
          - type.abstract.process: names unknown cost category category.practical
        ...

    """
    found = problems(cat)
    if found:
        raise CatalogueError(found)
    return cat


def cost_type(cat: Catalogue, type_id: str) -> CostType:
    """Return a cost type of one of the paper's typologies by id."""
    for typology in cat.typologies:
        for ctype in typology.types:
            if ctype.id == type_id:
                return ctype
    raise UnknownEntryError(type_id)


def costs_of_type(cat: Catalogue, type_id: str) -> tuple[Cost, ...]:
    """The costs of one of the paper's own cost types, recovered from the typology.

    Example:
        >>> from coproduce.catalogue import costs_of_type, default
        >>> [c.id for c in costs_of_type(default(), "type.body.stakeholders")][:2]
        ['cost.shared-decisions-undermined', 'cost.relationship-damage']

    """
    ctype = cost_type(cat, type_id)
    groups = set(ctype.bearer_groups)
    bearer_group: dict[str, BearerGroup] = {b.id: b.group for b in cat.bearers}
    wanted = set(ctype.categories)
    return tuple(
        cost
        for cost in cat.costs
        if any(link.target in wanted for link in cost.categories)
        and (not groups or any(bearer_group.get(link.target) in groups for link in cost.bearers))
    )


def table1_counts(cat: Catalogue) -> tuple[tuple[str, int, int], ...]:
    """Per stage, in order: (stage id, number of challenges, number of cost cells).

    For the default catalogue these are Table 1's counts.
    """
    return tuple(
        (s.id, len(cat.challenges_of(s.id)), len(s.cost_cells))
        for s in sorted(cat.stages, key=lambda s: s.order)
    )
