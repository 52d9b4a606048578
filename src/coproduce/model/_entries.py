"""Typed entries of a catalogue: the paper's structure as immutable records.

Every entry has a stable ``id``, a ``label`` and ``description`` in the project's own words,
and a ``source`` locating it in the paper. Links between entries are :class:`Link` records
that say what they rest on (:class:`~coproduce.model.Basis`).
"""

from __future__ import annotations

import attrs

from coproduce.model._ext import Extensible
from coproduce.model._vocab import (
    AlternativeId,
    Audience,
    Basis,
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    ChallengeId,
    ConditionId,
    ContractType,
    Contribution,
    CostId,
    MitigationId,
    Mode,
    Motivation,
    QuestionId,
    Sphere,
    StageId,
    StakeholderKind,
    StepId,
    TypeId,
)

__all__ = [
    "Alternative",
    "Bearer",
    "Challenge",
    "Condition",
    "ContributionEntry",
    "Cost",
    "CostCategory",
    "CostType",
    "Link",
    "Mitigation",
    "ModeEntry",
    "MotivationEntry",
    "Question",
    "Reference",
    "Source",
    "Stage",
    "Step",
    "Typology",
]


@attrs.frozen(kw_only=True)
class Source(Extensible):
    """Where in a document an entry comes from.

    Attributes:
        page: the page (1-10 for the 2019 paper's journal pages; 1 for a document published
            as a single web page, whose ``locator`` then names the section).
        locator: the table, figure or section, e.g. ``"Table 1, row 2"`` or
            ``"Challenges and costs to coproduction, 'Fifth'"``.
        document: the id of the cited document; the paper
            (``"oliver-kothari-mays-2019"``) unless an entry of the practice layer says
            otherwise (see :class:`~coproduce.model.Document`).

    Example:
        >>> str(Source(page=4, locator="Table 1"))
        'p. 4, Table 1'
        >>> str(Source(page=1, locator="Standard 2", document="uk-standards-2019"))
        'uk-standards-2019, p. 1, Standard 2'

    """

    page: int = attrs.field(validator=attrs.validators.ge(1))
    locator: str
    document: str = "oliver-kothari-mays-2019"

    def __str__(self) -> str:
        where = f"p. {self.page}, {self.locator}"
        return where if self.document == "oliver-kothari-mays-2019" else f"{self.document}, {where}"


@attrs.frozen(kw_only=True)
class Reference(Extensible):
    """The publication a catalogue encodes."""

    citation: str
    doi: str
    licence: str


@attrs.frozen(kw_only=True)
class Link(Extensible):
    """A link from one catalogue entry to another, with what it rests on.

    Attributes:
        target: the id of the entry linked to.
        basis: whether the paper makes the link (:attr:`Basis.PROSE`,
            :attr:`Basis.TABLE_ROW`) or the project reads it in (:attr:`Basis.INTERPRETATION`).
        note: why, when the basis is an interpretation.
        stages: the stages at which the link holds, by id (a mode's cost that arises only
            where input shapes the research, for instance); empty: at every stage.

    """

    target: str
    basis: Basis
    note: str = ""
    stages: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Stage(Extensible):
    """A stage of the research lifecycle: one row of Table 1.

    Attributes:
        order: position in the lifecycle, from 1.
        cost_cells: the costs the row's "Costs" cell lists, in the paper's order. A cost that
            recurs across rows is one :class:`Cost` named by every row it appears in.

    """

    id: StageId
    order: int
    label: str
    description: str
    source: Source
    cost_cells: tuple[CostId, ...]


@attrs.frozen(kw_only=True)
class Challenge(Extensible):
    """A challenge that may arise at one stage (Table 1, "Challenges which may arise").

    The paper pairs challenges and costs per row only: every challenge is linked to every cost
    of its stage's row (basis :attr:`Basis.TABLE_ROW`, derived from :attr:`Stage.cost_cells`).
    ``costs`` adds links to costs described in the prose.
    """

    id: ChallengeId
    stage: StageId
    label: str
    description: str
    source: Source
    costs: tuple[Link, ...] = ()


@attrs.frozen(kw_only=True)
class Cost(Extensible):
    """A cost of coproduction, from Table 1 or from the prose of pages 3, 5 and 6.

    Attributes:
        categories: links to :class:`CostCategory` ids (at least one).
        bearers: links to :class:`Bearer` ids: who or what carries the cost.
        see_also: further places the paper describes the same cost.

    """

    id: CostId
    label: str
    description: str
    source: Source
    categories: tuple[Link, ...]
    bearers: tuple[Link, ...]
    see_also: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True)
class CostCategory(Extensible):
    """A category of the project's cost typology (what a cost harms), rebuilt from Fig. 1.

    Attributes:
        bearer_groups: the groups of bearer a cost of this category can fall on; empty for
            any. A cost's categories are crossed with its bearers only where both hold, so
            patients never carry a "professional" cost.
        spheres: for stakeholder bearers, the spheres that can carry it; empty for any.

    """

    id: CategoryId
    label: str
    description: str
    source: Source
    bearer_groups: tuple[BearerGroup, ...] = ()
    spheres: tuple[Sphere, ...] = ()


@attrs.frozen(kw_only=True)
class CostType(Extensible):
    """One cost type as a list in the paper names it, expressed in the project's typology.

    A cost is of this type when it has one of ``categories`` and, if ``bearer_groups`` is not
    empty, falls on a bearer of one of those groups.
    """

    id: TypeId
    label: str
    source: Source
    categories: tuple[CategoryId, ...]
    bearer_groups: tuple[BearerGroup, ...] = ()
    basis: Basis = Basis.PROSE
    note: str = ""


@attrs.frozen(kw_only=True)
class Typology(Extensible):
    """One of the paper's own lists of cost types (the abstract's five, the body's six)."""

    id: str
    label: str
    source: Source
    types: tuple[CostType, ...]


@attrs.frozen(kw_only=True)
class Bearer(Extensible):
    """Who or what carries a cost.

    Researchers are split by career stage and contract because the paper observes costs
    falling on those least able to carry them (p. 5); each kind of stakeholder is its own
    bearer; the research itself and the profession are bearers too.

    Attributes:
        stakeholder_kind: for a stakeholder bearer, the kind it stands for.
        career_stage: for a researcher bearer narrowed by career stage.
        contract: for a researcher bearer narrowed by contract.
        least_able: the paper singles this bearer out as least able to carry costs.

    """

    id: BearerId
    label: str
    description: str
    group: BearerGroup
    source: Source
    stakeholder_kind: StakeholderKind | None = None
    career_stage: CareerStage | None = None
    contract: ContractType | None = None
    least_able: bool = False


@attrs.frozen(kw_only=True)
class MotivationEntry(Extensible):
    """One of the four arguments for coproduction.

    Attributes:
        other_routes: the paper notes that aims of this kind can mostly be reached by means
            other than coproduction (p. 8).
        see_also: further places the paper discusses this motivation (p. 8).

    """

    id: str
    motivation: Motivation
    label: str
    description: str
    source: Source
    other_routes: bool
    see_also: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True)
class ModeEntry(Extensible):
    """A mode of interaction between researchers and stakeholders, or an arrangement.

    Attributes:
        mode: the depth this entry describes; ``None`` for an arrangement that is not a depth
            (commissioned or embedded research, p. 3).
        costs: links to the costs every involvement in this mode incurs (stakeholders' time;
            contributions cherry-picked when people are only consulted, p. 6).

    """

    id: str
    label: str
    description: str
    source: Source
    mode: Mode | None = None
    costs: tuple[Link, ...] = ()


@attrs.frozen(kw_only=True)
class Condition(Extensible):
    """A row of Table 2: when to put less, and when more, emphasis on coproduction.

    Attributes:
        number: the row, from 1.
        less: when the project matches this, less emphasis (left column).
        more: when the project matches this, more emphasis (right column).
        note: reading notes, e.g. where the two sides are not exact opposites.

    """

    id: ConditionId
    number: int
    label: str
    less: str
    more: str
    source: Source
    note: str = ""


@attrs.frozen(kw_only=True)
class Question(Extensible):
    """A key question to answer before engaging (p. 6–7)."""

    id: QuestionId
    audience: Audience
    number: int
    label: str
    description: str
    source: Source


@attrs.frozen(kw_only=True)
class Step(Extensible):
    """A step of the two-step decision process (p. 6)."""

    id: StepId
    number: int
    label: str
    description: str
    source: Source


@attrs.frozen(kw_only=True)
class ContributionEntry(Extensible):
    """Something a party brings to the table, and who typically brings it (p. 6–7)."""

    id: str
    contribution: Contribution
    label: str
    description: str
    source: Source
    typical_of: tuple[StakeholderKind, ...]


@attrs.frozen(kw_only=True)
class Alternative(Extensible):
    """Another way to reach an aim than coproducing it (step 2).

    Attributes:
        serves: the motivations whose aims this alternative can serve.

    """

    id: AlternativeId
    label: str
    description: str
    source: Source
    serves: tuple[Motivation, ...]


@attrs.frozen(kw_only=True)
class Mitigation(Extensible):
    """A way to reduce a challenge's costs, from the paper's advice (p. 6).

    Attributes:
        addresses: links to the :class:`Challenge` ids it helps with.

    """

    id: MitigationId
    label: str
    description: str
    source: Source
    addresses: tuple[Link, ...]


Entry = (
    Stage
    | Challenge
    | Cost
    | CostCategory
    | Bearer
    | MotivationEntry
    | ModeEntry
    | Condition
    | Question
    | Step
    | ContributionEntry
    | Alternative
    | Mitigation
)
"""Any catalogue entry with an ``id``, ``label`` and ``source``."""
