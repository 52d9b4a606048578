"""A project to appraise: its aims, stakeholders, plan, context, resources and governance.

Everything optional defaults to "not known" (``None`` or an ``UNKNOWN`` member), never to a
guess: the appraisal treats unknowns as open questions and lowers its confidence.
"""

from __future__ import annotations

import attrs

from coproduce.model._costing import CostingPlan
from coproduce.model._ext import Extensible
from coproduce.model._vocab import (
    AimId,
    CareerStage,
    ConditionId,
    ContractType,
    Contribution,
    DecisionProcess,
    Lean,
    Level,
    Mode,
    Motivation,
    ResearcherId,
    StageId,
    StakeholderId,
    StakeholderKind,
    Sufficiency,
)

__all__ = [
    "Aim",
    "ConditionSetting",
    "Governance",
    "Involvement",
    "Project",
    "Researcher",
    "Resources",
    "Stakeholder",
    "Support",
]


@attrs.frozen(kw_only=True)
class Aim(Extensible):
    """Something the coproduction is meant to achieve, and why (step 1, p. 6).

    Attributes:
        id: unique within the project; the plan refers to it.
        description: the aim in a sentence, e.g. "identify or refine the research question".
        motivations: which of the four arguments for coproduction the aim rests on.

    """

    id: AimId
    description: str
    motivations: tuple[Motivation, ...] = ()


@attrs.frozen(kw_only=True)
class Stakeholder(Extensible):
    """A party the project may involve. No personal names are needed.

    Attributes:
        id: unique within the project; the plan refers to it.
        kind: what kind of party this is.
        description: a short role description, e.g. ``"regional commissioning board"``.
        power: power or influence over the research and its use; ``None`` if not known.
        interest: stake in what the findings say; ``None`` if not known.
        brings: what the party brings to the table.
        familiar: the same few, already familiar individuals who take part in most
            engagement (the paper's "usual suspects", p. 4).
        reimbursed: whether the party's time is paid or reimbursed; ``None`` if not known.
        delivery_responsibility: directly responsible for delivering the policy or programme
            studied (Table 2, row 2); ``None`` if not known.

    """

    id: StakeholderId
    kind: StakeholderKind
    description: str = ""
    power: Level | None = None
    interest: Level | None = None
    brings: tuple[Contribution, ...] = ()
    familiar: bool = False
    reimbursed: bool | None = None
    delivery_responsibility: bool | None = None


@attrs.frozen(kw_only=True)
class Researcher(Extensible):
    """A member of the research team; used only to see who bears costs.

    Attributes:
        id: unique within the project.
        career_stage: optional; early-career researchers are among those least able to bear
            the costs of coproduction (p. 5).
        contract: optional; likewise researchers on fixed-term contracts.
        carries_engagement: this researcher does the engagement work.

    """

    id: ResearcherId
    career_stage: CareerStage | None = None
    contract: ContractType | None = None
    carries_engagement: bool = False


@attrs.frozen(kw_only=True)
class Involvement(Extensible):
    """One line of the involvement plan: a stakeholder involved at a stage in a mode.

    Attributes:
        stage: the id of a lifecycle stage of the catalogue, e.g. ``stage.framing-questions``.
        stakeholder: the id of one of the project's stakeholders.
        mode: how deeply the stakeholder is involved at that stage.
        aims: the ids of the project's aims this involvement serves.

    """

    stage: StageId
    stakeholder: StakeholderId
    mode: Mode
    aims: tuple[AimId, ...] = ()


@attrs.frozen(kw_only=True)
class ConditionSetting(Extensible):
    """How one Table 2 condition leans for this project. Conditions not set are unknown.

    Attributes:
        condition: the id of a Table 2 condition, e.g. ``condition.capacity``.
        lean: towards less or more emphasis on coproduction, or unknown.
        note: why, in a sentence (for readers; the engine does not read it).

    """

    condition: ConditionId
    lean: Lean
    note: str = ""


@attrs.frozen(kw_only=True)
class Resources(Extensible):
    """The resources available for the planned involvement.

    Attributes:
        time: researchers' and stakeholders' time for engagement.
        budget: money for engagement (venues, travel, reimbursement, facilitation).
        facilitation: skills to recruit and facilitate mixed groups.
        training: training offered to researchers or stakeholders; ``None`` if not known.

    """

    time: Sufficiency = Sufficiency.UNKNOWN
    budget: Sufficiency = Sufficiency.UNKNOWN
    facilitation: Sufficiency = Sufficiency.UNKNOWN
    training: bool | None = None


@attrs.frozen(kw_only=True)
class Governance(Extensible):
    """How the collaboration is governed (key question 4 for individuals, p. 7).

    Each agreement is ``True`` (in place), ``False`` (known to be absent) or ``None``.

    Attributes:
        decisions: how decisions in the collaboration are taken.
        ground_rules: agreed rules of conduct: how people are heard, how disagreement is
            settled.
        accountability: responsibility and accountability are agreed and shared.
        data_agreement: who may see which data, and in what form, is agreed.
        publication_agreement: who may publish what and when, unwelcome findings included,
            is agreed.

    """

    decisions: DecisionProcess = DecisionProcess.UNSPECIFIED
    ground_rules: bool | None = None
    accountability: bool | None = None
    data_agreement: bool | None = None
    publication_agreement: bool | None = None


@attrs.frozen(kw_only=True)
class Support(Extensible):
    """What the research organisation or funder provides (the five organisational questions, p. 7).

    Each field is ``True``, ``False`` or ``None`` (not known).

    Attributes:
        infrastructure: infrastructure for coproduction is in place.
        leadership: leadership for coproduction is in place.
        training: researchers and funders are trained in coproduction.
        recognition: the work of coproduction is recognised and rewarded even without impact.
        evaluation: the coproduction itself will be evaluated.
        diversity: attention to keeping research and policy diverse (who takes part, which
            topics).

    """

    infrastructure: bool | None = None
    leadership: bool | None = None
    training: bool | None = None
    recognition: bool | None = None
    evaluation: bool | None = None
    diversity: bool | None = None


@attrs.frozen(kw_only=True)
class Project(Extensible):
    """A research project considering coproduction.

    Only ``title`` is required, so an appraisal can start from almost nothing and say what is
    missing.

    Attributes:
        title: the project's title.
        description: a paragraph on the project and its setting.
        aims: what the coproduction is for.
        stakeholders: the parties the project may involve.
        researchers: the research team; used only to see who bears costs.
        plan: who is involved at which stage, how deeply.
        conditions: how the Table 2 conditions lean; those not listed are unknown.
        resources: time, budget and facilitation for the engagement.
        governance: how decisions are taken; agreements on data and publication.
        support: what the research organisation or funder provides.
        identifiable_data: data about identifiable participants will be collected or
            analysed; ``None`` if not known.
        costing: what the involvement costs in money and hours, and the budget for it
            (see :mod:`coproduce.costing`); ``None`` if not costed.

    Example:
        >>> from coproduce import Project, Stakeholder, StakeholderKind, Involvement, Mode
        >>> p = Project(
        ...     title="Evaluating a falls-prevention programme",
        ...     stakeholders=(Stakeholder(id="board", kind=StakeholderKind.MANAGER),),
        ...     plan=(Involvement(stage="stage.framing-questions", stakeholder="board",
        ...                       mode=Mode.CONSULTATION),),
        ... )
        >>> p.stakeholder("board").kind
        <StakeholderKind.MANAGER: 'manager'>

    """

    title: str
    description: str = ""
    aims: tuple[Aim, ...] = ()
    stakeholders: tuple[Stakeholder, ...] = ()
    researchers: tuple[Researcher, ...] = ()
    plan: tuple[Involvement, ...] = ()
    conditions: tuple[ConditionSetting, ...] = ()
    resources: Resources = Resources()
    governance: Governance = Governance()
    support: Support = Support()
    identifiable_data: bool | None = None
    costing: CostingPlan | None = None

    def _repr_html_(self) -> str:
        """Jupyter shows a summary table (see :func:`coproduce.report.project_html`)."""
        from coproduce.report import project_html

        return project_html(self)

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """Return the stakeholder with this id.

        Raises:
            KeyError: no stakeholder has this id.

        """
        for s in self.stakeholders:
            if s.id == stakeholder_id:
                return s
        raise KeyError(stakeholder_id)

    def lean(self, condition_id: str) -> Lean:
        """Return how a Table 2 condition leans for this project (unknown if not set)."""
        for c in self.conditions:
            if c.condition == condition_id:
                return c.lean
        return Lean.UNKNOWN
