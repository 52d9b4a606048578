"""Who gives the money and hours of a line: the catalogue's bearer of a party."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from coproduce.catalogue import Catalogue
from coproduce.model import (
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    ContractType,
    Project,
    Researcher,
    Sphere,
    StakeholderKind,
)

__all__ = [
    "Parties",
    "bearer_of_kind",
    "bearer_of_researcher",
    "junior_bearers",
    "research_bearer",
]


def bearer_of_kind(catalogue: Catalogue, kind: StakeholderKind) -> Bearer:
    """The catalogue's bearer standing for a kind of stakeholder.

    Example:
        >>> from coproduce import default_catalogue
        >>> from coproduce.model import StakeholderKind
        >>> bearer_of_kind(default_catalogue(), StakeholderKind.CARER).id
        'bearer.carers'

    """
    index = catalogue.memo("coproduce.costing.bearers", _bearer_index)
    return index[0].get(kind) or index[1]


def bearer_of_researcher(catalogue: Catalogue, researcher: Researcher | None) -> Bearer:
    """The bearer a researcher's costs fall on: early-career first, then fixed-term.

    A researcher both early-career and on a fixed-term contract counts once, as
    early-career, so bearer totals still add up to the whole.

    Example:
        >>> from coproduce import default_catalogue
        >>> from coproduce.model import Researcher, ContractType
        >>> r = Researcher(id="ra", contract=ContractType.FIXED_TERM)
        >>> bearer_of_researcher(default_catalogue(), r).id
        'bearer.researchers-fixed-term'

    """
    _, researchers, early, fixed, _ = catalogue.memo("coproduce.costing.bearers", _bearer_index)
    if researcher is not None:
        if researcher.career_stage is CareerStage.EARLY and early is not None:
            return early
        if researcher.contract is ContractType.FIXED_TERM and fixed is not None:
            return fixed
    return researchers


class Parties(NamedTuple):
    """Whose a project's lines are: every party's bearer, looked up once per project."""

    stakeholders: Mapping[str, tuple[BearerId, bool]]
    """Each stakeholder's bearer, and whether the stakeholder is a lay contributor."""
    researchers: Mapping[str, BearerId]
    """Each researcher's bearer."""
    team: BearerId
    """The research team's bearer: a researcher's the project does not describe."""

    @classmethod
    def of(cls, project: Project, catalogue: Catalogue) -> Parties:
        """The parties of ``project`` (the last of two with one id, as everywhere)."""
        kinds = {s.id: s.kind for s in project.stakeholders}
        researchers = {r.id: r for r in project.researchers}
        return cls(
            stakeholders={
                sid: (bearer_of_kind(catalogue, kind).id, kind.sphere is Sphere.LAY)
                for sid, kind in kinds.items()
            },
            researchers={
                rid: bearer_of_researcher(catalogue, r).id for rid, r in researchers.items()
            },
            team=bearer_of_researcher(catalogue, None).id,
        )


def research_bearer(catalogue: Catalogue) -> Bearer:
    """The bearer of the research as a whole: whose the project's shared expenses are."""
    return catalogue.memo("coproduce.costing.bearers", _bearer_index)[4]


def junior_bearers(project: Project, catalogue: Catalogue) -> set[BearerId]:
    """The bearers of the project's early-career and fixed-term researchers."""
    return {
        bearer_of_researcher(catalogue, r).id
        for r in {x.id: x for x in project.researchers}.values()  # one per id
        if r.career_stage is CareerStage.EARLY or r.contract is ContractType.FIXED_TERM
    }


def _bearer_index(
    cat: Catalogue,
) -> tuple[dict[StakeholderKind, Bearer], Bearer, Bearer | None, Bearer | None, Bearer]:
    """The bearers by stakeholder kind; the team's, early-career, fixed-term; the research's."""
    kinds = {b.stakeholder_kind: b for b in cat.bearers if b.stakeholder_kind is not None}
    team = [b for b in cat.bearers if b.group is BearerGroup.RESEARCHERS]
    general = next((b for b in team if b.career_stage is None and b.contract is None), None)
    if general is None:
        general = team[0] if team else cat.bearers[0]
    early = next((b for b in team if b.career_stage is CareerStage.EARLY), None)
    fixed = next((b for b in team if b.contract is ContractType.FIXED_TERM), None)
    research = next((b for b in cat.bearers if b.group is BearerGroup.RESEARCH), general)
    return kinds, general, early, fixed, research
