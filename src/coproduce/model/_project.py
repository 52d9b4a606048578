"""A project to appraise: its aims, stakeholders, plan, context, resources and governance.

Everything optional defaults to "not known" (``None`` or an ``UNKNOWN`` member), never to a
guess: the appraisal treats unknowns as open questions and lowers its confidence.
"""

from __future__ import annotations

import attrs

from coproduce._display import Displayable
from coproduce.errors import Issue, PlanError, UnknownEntryError
from coproduce.model._costing import CostingPlan
from coproduce.model._ext import Extensible
from coproduce.model._practice import MitigationRecord
from coproduce.model._vocab import (
    AimId,
    CareerStage,
    ContractType,
    Contribution,
    DecisionProcess,
    Lean,
    Level,
    Mode,
    Motivation,
    ResearcherId,
    StakeholderId,
    StakeholderKind,
    Stance,
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
        owns_ip: owns intellectual property the study uses or makes (the product or
            platform studied, a data set); ``None`` if not known. With high power, funding
            the study (``brings: [money]``) or delivery responsibility, it gives a party
            power over the findings, whatever its kind.
        stance: the position the party has publicly taken on the policy or programme
            studied: a campaign for or against it, or none; ``None`` if not known.
        expects_implementation_help: expects the researchers to help put the findings into
            practice after the report (Table 1, row 7; p. 6 on "hit-and-run" research);
            ``None`` if not known.
        minors: the group includes children or young people under 18.
        adults_at_risk: the group includes adults at risk of harm or abuse (safeguarding).
        on_benefits: some of its members receive welfare benefits, which payment can affect.
        access_needs: some of its members have access or communication needs.
        peer_researchers: its members work as peer researchers (collecting or analysing data).
        small_community: its members come from a small or close-knit community where they,
            and what they hear, can be recognised.

    The practice layer (:mod:`coproduce.practice`) reads the last six facts; each is ``None``
    when not known, and raises a risk only when known to be true.

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
    owns_ip: bool | None = None
    stance: Stance | None = None
    expects_implementation_help: bool | None = None
    minors: bool | None = None
    adults_at_risk: bool | None = None
    on_benefits: bool | None = None
    access_needs: bool | None = None
    peer_researchers: bool | None = None
    small_community: bool | None = None


@attrs.frozen(kw_only=True)
class Researcher(Extensible):
    """A member of the research team; used only to see who bears costs.

    Attributes:
        id: unique within the project.
        career_stage: optional; early-career researchers are among those least able to bear
            the costs of coproduction (p. 5).
        contract: optional; likewise researchers on fixed-term contracts.
        carries_engagement: this researcher does the engagement work.
        contract_until: the last stage of the lifecycle this researcher's contract covers
            (a stage id, e.g. ``stage.dissemination``); ``None`` if it covers the whole
            project or is not known. Involvement planned after it, where the researchers who
            carry the engagement have all left, is planned without them (pp. 5-6).

    """

    id: ResearcherId
    career_stage: CareerStage | None = None
    contract: ContractType | None = None
    carries_engagement: bool = False
    contract_until: str | None = None


@attrs.frozen(kw_only=True)
class Involvement(Extensible):
    """One line of the involvement plan: a stakeholder involved at a stage in a mode.

    Attributes:
        stage: the id of a lifecycle stage of the catalogue, e.g. ``stage.framing-questions``.
        stakeholder: the id of one of the project's stakeholders.
        mode: how deeply the stakeholder is involved at that stage.
        aims: the ids of the project's aims this involvement serves.
        embedded: the arrangement, not the depth: researchers work inside, or are
            commissioned by, this stakeholder's organisation for this work (p. 3); never one
            for lay people.
        digital_only: the involvement happens online only; ``None`` if not known.

    """

    stage: str
    stakeholder: StakeholderId
    mode: Mode
    aims: tuple[AimId, ...] = ()
    embedded: bool = False
    digital_only: bool | None = None


@attrs.frozen(kw_only=True)
class ConditionSetting(Extensible):
    """How one Table 2 condition leans for this project. Conditions not set are unknown.

    Attributes:
        condition: the id of a Table 2 condition, e.g. ``condition.capacity``.
        lean: towards less or more emphasis on coproduction, or unknown.
        note: why, in a sentence (for readers; the engine does not read it).

    """

    condition: str
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

    def supplies(self) -> tuple[tuple[str, Sufficiency], ...]:
        """The three supplies by name, in a fixed order: time, budget, facilitation.

        Example:
            >>> from coproduce import Resources, Sufficiency
            >>> [n for n, v in Resources(budget=Sufficiency.NONE).supplies() if v.short]
            ['budget']

        """
        return (("time", self.time), ("budget", self.budget), ("facilitation", self.facilitation))

    def short(self) -> tuple[str, ...]:
        """The names of the supplies that are none or limited."""
        return tuple(n for n, v in self.supplies() if v.short)

    def lacking(self) -> tuple[str, ...]:
        """The names of the supplies that are none at all."""
        return tuple(n for n, v in self.supplies() if v is Sufficiency.NONE)


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
        ip_agreement: who owns what the collaboration makes (intellectual property) is agreed;
            matters above all with commercial partners.

    The booleans keep their meaning; :attr:`Project.mitigation_records` adds what they cannot
    say (which document, signed or not, who owns the risk, when it is reviewed).

    """

    decisions: DecisionProcess = DecisionProcess.UNSPECIFIED
    ground_rules: bool | None = None
    accountability: bool | None = None
    data_agreement: bool | None = None
    publication_agreement: bool | None = None
    ip_agreement: bool | None = None


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


def _titled(project: object, attribute: object, title: object) -> None:
    """Refuse a blank title: every report and log names the project by it."""
    if isinstance(title, str) and not title.strip():
        raise PlanError(
            [
                Issue(
                    path="$.title",
                    code="invalid-value",
                    message="the title is empty",
                    expected="a few words naming the project",
                )
            ],
            heading="a project (Project) cannot be built",
        )


@attrs.frozen(kw_only=True)
class Project(Extensible, Displayable):
    """A research project considering coproduction.

    Only ``title`` is required (and may not be blank), so an appraisal can start from almost
    nothing and say what is missing. Like every document record, a project checks what it is
    built with and makes the lists it is given tuples (see :class:`~coproduce.errors.PlanError`).

    Attributes:
        title: the project's title.
        id: a short stable id for the project, e.g. ``"falls-study"``; an involvement log
            names its project by it. ``None`` if not given.
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
        implementation_support: the plan or the contracts provide the researchers' help with
            implementation after the report; ``None`` if not known.
        duration_weeks: how long the project runs, in weeks; ``None`` if not known. A rapid
            evaluation has no time to set up a review, and a short window limits how deeply
            anyone can be involved (read as time in short supply, Table 2 row 9).
        funded_until: the last stage of the lifecycle the grant or funding pays for (a stage
            id, e.g. ``stage.dissemination``); ``None`` if it pays for every stage or is not
            known. Involvement planned after it is planned without funding (pp. 5-6).
        engagement_gendered: opt-in and team-level, naming nobody: the engagement work falls
            mostly on women in the team (the paper notes its gendered division, p. 5);
            ``None`` if not said.
        engagement_racialised: opt-in and team-level, naming nobody: the engagement work
            falls mostly on researchers of colour in the team (the paper names them among
            those who often bear the costs, p. 5); ``None`` if not said.
        personal_data_shared: personal data about contributors or participants flows to
            partners outside the research team; ``None`` if not known.
        sensitive_topic: the topic may be distressing or touch on trauma for those involved;
            ``None`` if not known.
        emergency_setting: the involvement takes place during an emergency (a pandemic, a
            disaster, a crisis in the service); ``None`` if not known.
        mitigation_records: evidence for mitigations, one record per policy or agreement,
            each naming the mitigation it evidences (see
            :class:`~coproduce.model.MitigationRecord`).
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

    title: str = attrs.field(  # type: ignore[assignment]
        validator=_titled, metadata={"json_schema": {"pattern": "\\S"}}
    )
    id: str | None = None
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
    implementation_support: bool | None = None
    duration_weeks: int | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.ge(1))
    )
    funded_until: str | None = None
    engagement_gendered: bool | None = None
    engagement_racialised: bool | None = None
    personal_data_shared: bool | None = None
    sensitive_topic: bool | None = None
    emergency_setting: bool | None = None
    mitigation_records: tuple[MitigationRecord, ...] = ()
    costing: CostingPlan | None = None

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """Return the stakeholder with this id.

        Raises:
            UnknownEntryError: no stakeholder has this id.

        Example:
            >>> from coproduce import Project, Stakeholder, StakeholderKind
            >>> p = Project(title="t", stakeholders=(
            ...     Stakeholder(id="ministry", kind=StakeholderKind.POLICY_MAKER),))
            >>> p.stakeholder("ministry").kind.value
            'policy-maker'
            >>> p.stakeholder("press")
            Traceback (most recent call last):
            ...
            coproduce.errors.UnknownEntryError: unknown stakeholder: 'press'

        """
        for s in self.stakeholders:
            if s.id == stakeholder_id:
                return s
        raise UnknownEntryError(stakeholder_id, what="stakeholder")

    def lean(self, condition_id: str) -> Lean:
        """Return how a Table 2 condition leans for this project (unknown if not set)."""
        for c in self.conditions:
            if c.condition == condition_id:
                return c.lean
        return Lean.UNKNOWN
