"""What an appraisal returns: frozen records, every conclusion with its reasons.

Fields that hold catalogue ids (``stage``, ``challenge``, ``bearer``, ...) are typed ``str``
so that results can be indexed with the plain strings a user writes (``"stage.framing-questions"``).
"""

from __future__ import annotations

import attrs

from coproduce._keys import Cited, keyed
from coproduce.appraisal._advice_records import Advice, Capacity, Lever, Priority
from coproduce.appraisal._profile import Emphasis
from coproduce.appraisal._verdicts import Answer, FindingLevel, Route, Severity
from coproduce.model import (
    AimId,
    Audience,
    Citation,
    Displayable,
    Extensible,
    Mode,
    Motivation,
    StakeholderId,
)
from coproduce.practice import PracticeRisk

__all__ = [
    "AimAppraisal",
    "AlternativeAdvice",
    "Appraisal",
    "BearerCost",
    "CostSummary",
    "ExposureCell",
    "Factor",
    "Finding",
    "MitigationStatus",
    "QuestionStatus",
    "Risk",
    "StageCost",
]


@attrs.frozen(kw_only=True)
class Finding(Extensible, Cited):
    """One conclusion about the project, with its reasons.

    Attributes:
        code: stable identifier of the rule that fired, e.g. ``"aims.political-unstated"``.
        level: how much it matters.
        message: a readable sentence.
        inputs: the project fields the rule read, as order-independent paths, e.g.
            ``"stakeholders[ministry].power"``.
        citations: the catalogue entries and locators it rests on (at least one).

    """

    code: str
    level: FindingLevel
    message: str
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...] = keyed("sources")


@attrs.frozen(kw_only=True)
class AlternativeAdvice(Extensible):
    """An alternative to coproduction worth weighing for an aim (step 2)."""

    alternative: str
    label: str
    reason: str
    source: Citation


@attrs.frozen(kw_only=True)
class AimAppraisal(Extensible, Cited):
    """Step 2 for one aim: its motivations, whether involvement is the route, alternatives.

    Attributes:
        only_route: whether involving people is itself the route to the aim.
        route_reason: why, in a sentence.
        served_by: the involvements that serve the aim, as ``"stage/stakeholder"``.

    """

    aim: AimId
    description: str
    motivations: tuple[Motivation, ...]
    only_route: Route
    served_by: tuple[str, ...]
    alternatives: tuple[AlternativeAdvice, ...]
    citations: tuple[Citation, ...] = keyed("sources")
    route_reason: str = ""


@attrs.frozen(kw_only=True)
class Factor(Extensible):
    """A project fact that raises a risk's severity.

    Attributes:
        power: the factor is how power or dominance shows itself; only governance (ground
            rules, a decision process) lowers it, never money (pp. 5, 8).
        stakeholders: the stakeholders whose facts drive it (empty for project-wide facts).

    """

    code: str
    points: int
    message: str
    inputs: tuple[str, ...]
    power: bool = False
    stakeholders: tuple[StakeholderId, ...] = ()


@attrs.frozen(kw_only=True)
class MitigationStatus(Extensible):
    """A mitigation for a risk, and whether the project has it.

    ``in_place`` is ``True``, ``False`` (known to be missing) or ``None`` (not known).
    ``governance`` mitigations (ground rules, a decision process) are the only ones that
    lower power-driven points.
    """

    mitigation: str
    label: str
    in_place: bool | None = None
    inputs: tuple[str, ...]
    governance: bool = False


@attrs.frozen(kw_only=True)
class Risk(Extensible, Cited):
    """A Table 1 challenge that applies where the plan involves stakeholders, or omits them.

    Attributes:
        code: stable id of the risk: ``"risk."`` + the challenge's name.
        stakeholders: the stakeholders involved at the stage (or, for an omission, those
            left out).
        drivers: the stakeholders whose own facts set the severity (the relationship scored).
        mode: the deepest mode of involvement at the stage.
        bearers: the bearers the project actually has (e.g. early-career researchers only if
            they carry the engagement; a stakeholder kind only if involved at this stage).
        points: severity points before mitigations.
        severity: before mitigations.
        residual: after the mitigations in place; power-driven points fall only with
            governance, and never below low.
        omission: raised by what the plan leaves out, not by an involvement.

    """

    code: str
    stage: str
    challenge: str
    label: str
    stakeholders: tuple[StakeholderId, ...]
    drivers: tuple[StakeholderId, ...]
    mode: Mode
    costs: tuple[str, ...]
    categories: tuple[str, ...]
    bearers: tuple[str, ...]
    factors: tuple[Factor, ...]
    points: int
    severity: Severity
    residual: Severity
    mitigations: tuple[MitigationStatus, ...]
    citations: tuple[Citation, ...] = keyed("sources")
    omission: bool = False

    def __repr__(self) -> str:
        return (
            f"Risk({self.code}@{self.stage}, {self.severity.value}->{self.residual.value}, "
            f"drivers={list(self.drivers)})"
        )


@attrs.frozen(kw_only=True)
class ExposureCell(Extensible):
    """One cell of the bearer × cost category matrix: how many risks put costs here.

    Attributes:
        risks: codes of the risks that put costs in this cell.
        low: how many of those risks are of low residual severity.
        medium: how many are medium.
        high: how many are high.
        least_able: the bearer is among those least able to carry costs, from the
            project's own people: early-career or fixed-term researchers carrying the
            engagement (p. 5); by this tool's judgement, unpaid contributors outside the
            decision and commercial spheres (or, with ``Policy.least_able_low_power``, paid
            ones of low power). Never a decision-maker.
        who: the stakeholder or researcher ids (or ``"team"``) that make the bearer least
            able.

    """

    bearer: str
    category: str
    costs: tuple[str, ...]
    risks: tuple[str, ...]
    low: int
    medium: int
    high: int
    least_able: bool
    who: tuple[str, ...] = ()

    @property
    def worst(self) -> Severity:
        """The most serious residual severity among the cell's risks."""
        if self.high:
            return Severity.HIGH
        return Severity.MEDIUM if self.medium else Severity.LOW


@attrs.frozen(kw_only=True)
class QuestionStatus(Extensible):
    """A key question and how far the project answers it.

    Attributes:
        answered_by: the project fields that answer it (known values).
        missing: the fields that would answer it but are not known.
        absent: of ``answered_by``, the fields whose answer is that the thing is missing.

    """

    question: str
    audience: Audience
    number: int
    label: str
    answer: Answer
    answered_by: tuple[str, ...]
    missing: tuple[str, ...]
    source: Citation
    absent: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class StageCost(Extensible):
    """Money and hours of the involvement at one stage (``stage`` empty: not tied to one)."""

    stage: str
    money: float
    hours: float
    share: float | None = None
    """The stage's share of the involvement budget, 0 to 1 (``None`` without a budget)."""


@attrs.frozen(kw_only=True)
class BearerCost(Extensible):
    """Money and hours one bearer gives or is paid, and the hours given unpaid."""

    bearer: str
    money: float
    hours: float
    unpaid_hours: float
    least_able: bool = False


@attrs.frozen(kw_only=True)
class CostSummary(Extensible):
    """What the plan costs in money and hours, who gives them, and the gap to the budget.

    The key figures of :func:`coproduce.costing.cost`, rounded for reading (money and hours
    to two decimals, shares to four): ``coproduce.costing`` and ``coproduce cost`` give the
    exact lines. When the costing cannot be priced, ``problems`` says why and the figures
    are zero.

    Attributes:
        money: the whole plan's money (the grant's and any spent before the grant).
        hours: everyone's hours.
        team_hours: the research team's hours.
        gap: budget minus what the plan draws from it (negative: short); ``None`` without
            a budget.
        gap_hours: team hours budgeted minus used (negative: short).
        unpaid_lay_hours: hours lay contributors give without a fee.
        unpaid_junior_hours: unfunded engagement hours of early-career or fixed-term
            researchers.
        unpriced: roles named without an amount on any card.
        gap_sentence: the gap in words ("short by GBP 6,150.00 ... for the plan as drawn").

    """

    currency: str
    money: float = 0.0
    hours: float = 0.0
    team_hours: float = 0.0
    budget: float | None = None
    budget_hours: float | None = None
    share: float | None = None
    gap: float | None = None
    gap_hours: float | None = None
    unpaid_lay_hours: float = 0.0
    unpaid_junior_hours: float = 0.0
    unpriced: tuple[str, ...] = ()
    gap_sentence: str = ""
    stages: tuple[StageCost, ...] = ()
    bearers: tuple[BearerCost, ...] = ()
    problems: tuple[str, ...] = ()

    @property
    def short(self) -> bool:
        """The plan as drawn costs more money or team hours than set aside."""
        return (self.gap is not None and self.gap < 0) or (
            self.gap_hours is not None and self.gap_hours < 0
        )


@attrs.frozen(kw_only=True)
class Appraisal(Extensible, Displayable):
    """The result of :func:`coproduce.appraise`: advice on whether and how to coproduce.

    Attributes:
        title: the project's title.
        catalogue_version: the catalogue edition the appraisal rests on.
        coproduce_version: the version of the library that made it.
        policy_digest: a stable digest of the policy it was made under (``"default"`` for
            the documented defaults), so a stored verdict can be audited.
        advice: per stakeholder the plan involves, sorted by id: whether, where, how deeply,
            and on what conditions.
        emphasis: the Table 2 profile, which drives the advice for decision-makers and
            commercial partners.
        aims: step 2, per aim: is involvement the route, and what else could serve.
        risks: the risk register, by stage (lifecycle order) then challenge.
        exposure: the bearer × cost category matrix (non-empty cells only).
        questions: the key questions and how far the project answers them.
        findings: everything else worth saying, most serious first.
        levers: what would change the advice.
        costs: what the plan costs in money and hours, when the project has a costing.
        practice: the practice layer's risks the project's facts raise (safeguarding,
            payment and benefits, ...), each with its sphere, the stakeholders it lands on and
            the evidence for its mitigations; empty when the layer is off.
        priority: the single most important thing to do for this project, chosen by this
            tool's judgement (``None`` only for a policy that turns the rule off).
        capacity: Table 2 row 9 as read for every relationship: what is short, what is
            not known.
        project_id: the project's ``id``, when it has one (tables of many appraisals name
            their projects by it); left out of a document when ``None``.

    """

    title: str
    catalogue_version: str
    emphasis: Emphasis
    aims: tuple[AimAppraisal, ...]
    risks: tuple[Risk, ...]
    exposure: tuple[ExposureCell, ...]
    questions: tuple[QuestionStatus, ...]
    findings: tuple[Finding, ...]
    advice: tuple[Advice, ...] = ()
    levers: tuple[Lever, ...] = ()
    practice: tuple[PracticeRisk, ...] = ()
    costs: CostSummary | None = None
    coproduce_version: str = ""
    policy_digest: str = ""
    priority: Priority | None = None
    capacity: Capacity | None = None
    project_id: str | None = None

    __omit_if_default__ = ("project_id",)  # documents without it read and write as before

    def __repr__(self) -> str:
        levels = {lv: sum(f.level is lv for f in self.findings) for lv in FindingLevel}
        return (
            f"Appraisal({self.title!r}, {len(self.advice)} stakeholders advised, "
            f"{len(self.risks)} risks, findings: {levels[FindingLevel.CONCERN]} concern / "
            f"{levels[FindingLevel.WARNING]} warning / {levels[FindingLevel.INFO]} info)"
        )

    def explain(self) -> str:
        """The appraisal as readable plain text, every conclusion with its locator."""
        from coproduce.model import render_text

        return render_text(self)

    def finding(self, code: str) -> tuple[Finding, ...]:
        """The findings with this code."""
        return tuple(f for f in self.findings if f.code == code)

    def risk(self, code: str) -> tuple[Risk, ...]:
        """The risks with this code (one per stage where the challenge arises)."""
        return tuple(r for r in self.risks if r.code == code)

    def advice_for(self, stakeholder: str) -> Advice:
        """The advice for one stakeholder.

        Raises:
            UnknownEntryError: the plan does not involve this stakeholder.

        """
        for a in self.advice:
            if a.stakeholder == stakeholder:
                return a
        from coproduce.errors import UnknownEntryError

        raise UnknownEntryError(stakeholder, what="stakeholder of the plan")
