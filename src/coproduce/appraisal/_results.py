"""What an appraisal returns: frozen records, every conclusion with its reasons.

Fields that hold catalogue ids (``stage``, ``challenge``, ``bearer``, ...) are typed ``str``
so that results can be indexed with the plain strings a user writes (``"stage.framing-questions"``).
"""

from __future__ import annotations

import attrs

from coproduce.model import (
    AimId,
    Audience,
    Citation,
    Displayable,
    Extensible,
    Lean,
    Mode,
    Motivation,
    Sphere,
    StakeholderId,
    StakeholderKind,
    Sufficiency,
    VocabularyEnum,
)
from coproduce.practice import PracticeRisk

__all__ = [
    "Action",
    "Advice",
    "AimAppraisal",
    "AlternativeAdvice",
    "Answer",
    "Appraisal",
    "BearerCost",
    "Capacity",
    "Ceiling",
    "Citation",
    "ConditionContribution",
    "CostSummary",
    "Emphasis",
    "ExposureCell",
    "Factor",
    "Finding",
    "FindingLevel",
    "Lever",
    "MitigationStatus",
    "Prerequisite",
    "Priority",
    "QuestionStatus",
    "Risk",
    "Route",
    "Severity",
    "StageAdvice",
    "StageCost",
    "Suggestion",
    "Verdict",
]


class Verdict(VocabularyEnum):
    """How much to emphasise coproduction, from clearly less to clearly more.

    ``UNDETERMINED`` when too little is known to say. Members other than ``UNDETERMINED``
    compare by :attr:`rank`.
    """

    CLEARLY_LESS = "clearly-less"
    LESS = "less"
    BALANCED = "balanced"
    MORE = "more"
    CLEARLY_MORE = "clearly-more"
    UNDETERMINED = "undetermined"

    @property
    def rank(self) -> int | None:
        """-2 (clearly less) to 2 (clearly more); ``None`` for ``UNDETERMINED``."""
        return _VERDICT_RANK[self]


_VERDICT_RANK = {
    Verdict.CLEARLY_LESS: -2,
    Verdict.LESS: -1,
    Verdict.BALANCED: 0,
    Verdict.MORE: 1,
    Verdict.CLEARLY_MORE: 2,
    Verdict.UNDETERMINED: None,
}


class Severity(VocabularyEnum):
    """How serious a risk is for this project."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """1 (low) to 3 (high)."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class FindingLevel(VocabularyEnum):
    """How much a finding matters."""

    INFO = "info"
    """Worth knowing."""
    WARNING = "warning"
    """Worth changing or answering before engaging."""
    CONCERN = "concern"
    """The plan, as it stands, is likely to cause harm or fail."""

    @property
    def rank(self) -> int:
        """0 (concern, read first) to 2 (info)."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {FindingLevel.CONCERN: 0, FindingLevel.WARNING: 1, FindingLevel.INFO: 2}


class Route(VocabularyEnum):
    """Whether involving people is itself the route to an aim (step 2)."""

    LIKELY = "likely"
    """This tool judges involvement likely the route: a normative or political aim served by
    lay stakeholders, an aim of voice or power for them that involving them meets. The
    tool's reading, not the paper's, which holds most normative aims reachable by other
    means (p. 8); the other means it names are still listed."""
    UNLIKELY = "unlikely"
    """Other means can usually reach aims of this kind (p. 8)."""
    UNCLEAR = "unclear"
    """The paper gives no rule (political aims pursued with the powerful), or the aim states
    no motivation."""


class Answer(VocabularyEnum):
    """How far the project answers a key question."""

    ANSWERED = "answered"
    """Every field that answers it is known, and none says the thing is missing."""
    ANSWERED_NO = "answered-no"
    """Every field is known, and at least one says the thing is missing (no budget, no
    recognition, no evaluation): answered, but the answer is a gap."""
    PARTLY = "partly"
    OPEN = "open"


class Action(VocabularyEnum):
    """What to do about one planned involvement."""

    KEEP = "keep"
    """Go ahead as planned."""
    LIGHTEN = "lighten"
    """Involve this stakeholder less deeply at this stage (down to the advised mode)."""
    AFTER_PREREQUISITES = "after-prerequisites"
    """Go ahead once the stakeholder's prerequisites are in place."""
    RECONSIDER = "reconsider"
    """The arrangement does not fit this stakeholder (an embedded arrangement with lay people)."""


@attrs.frozen(kw_only=True)
class Finding(Extensible):
    """One conclusion about the project, with its reasons.

    Attributes:
        code: stable identifier of the rule that fired, e.g. ``"aims.political-unstated"``.
        level: how much it matters.
        message: a readable sentence.
        inputs: the project fields the rule read, as order-independent paths, e.g.
            ``"stakeholders[ministry].power"``.
        sources: the catalogue entries and locators it rests on (at least one).

    """

    code: str
    level: FindingLevel
    message: str
    inputs: tuple[str, ...]
    sources: tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class ConditionContribution(Extensible):
    """How one Table 2 condition counts towards the emphasis score.

    Attributes:
        lean: the lean used: as stated, or inferred when ``inferred`` is true.
        inferred: the lean was not stated but inferred from other project facts.
        weight: the policy's weight for this condition.
        contribution: ``weight`` × (+1 more, −1 less, 0 unknown) ÷ the sum of all weights.
        gate: the policy treats this condition as close to a precondition.
        inputs: the project fields read.

    """

    condition: str
    number: int
    label: str
    lean: Lean
    inferred: bool
    weight: float
    contribution: float
    gate: bool
    inputs: tuple[str, ...]
    source: Citation


@attrs.frozen(kw_only=True)
class Emphasis(Extensible, Displayable):
    """The Table 2 profile: how much emphasis coproduction with decision-makers deserves.

    Table 2 particularly relates to evaluations coproduced with policy-makers and service
    managers (p. 6). The profile drives the advice for decision-makers and commercial
    partners; everyone else's advice starts from the aims (see :class:`Advice`), and row 9
    (capacity) holds everyone's down (:class:`Capacity`).

    Attributes:
        verdict: the graded verdict after gates.
        score: weighted balance of the Table 2 conditions, from −1 (all less) to 1 (all more).
        coverage: how much of Table 2 is known: the share of the total weight whose condition
            leans one way or the other, 0 to 1. Not a probability that the verdict is right.
        ungated: the verdict before any gate applied.
        gated_by: gate conditions that lean less *and* lowered the verdict.
        advised_mode: the deepest mode of interaction the verdict supports (policy).
        contributions: one per condition, in Table 2 order.
        applies_to: the stakeholders whose advice this profile drives (decision-makers and
            commercial partners), by id.

    """

    verdict: Verdict
    score: float
    coverage: float
    ungated: Verdict
    gated_by: tuple[str, ...]
    advised_mode: Mode
    contributions: tuple[ConditionContribution, ...]
    applies_to: tuple[StakeholderId, ...] = ()

    def __repr__(self) -> str:
        return (
            f"Emphasis(verdict={self.verdict.value}, score={self.score:+.2f}, "
            f"coverage={self.coverage:.0%}, advised_mode={self.advised_mode.value})"
        )


@attrs.frozen(kw_only=True)
class AlternativeAdvice(Extensible):
    """An alternative to coproduction worth weighing for an aim (step 2)."""

    alternative: str
    label: str
    reason: str
    source: Citation


@attrs.frozen(kw_only=True)
class AimAppraisal(Extensible):
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
    sources: tuple[Citation, ...]
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
class Risk(Extensible):
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
    sources: tuple[Citation, ...]
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
class Prerequisite(Extensible):
    """Something that must be in place before a stakeholder's involvement starts.

    Attributes:
        code: stable code, e.g. ``"publication-agreement"``.
        message: what to put in place, and why, in a sentence.
        inputs: the project fields read.
        sources: the catalogue entries it rests on.
        once: what the advice waits for, as a clause ("a publication agreement is signed"):
            the summary reads "..., once <once>".

    """

    code: str
    message: str
    inputs: tuple[str, ...]
    sources: tuple[Citation, ...]
    once: str = ""


@attrs.frozen(kw_only=True)
class Ceiling(Extensible):
    """What holds one stakeholder's advice down: a rule, the most it allows, and why.

    A ceiling is not a veto: it caps how strongly and how deeply to involve someone, and
    the advice says what would lift it (:attr:`Appraisal.levers`).

    Attributes:
        code: the rule, e.g. ``"capacity"`` (Table 2 row 9), ``"safeguarding"`` (children
            or adults at risk) or ``"contested"`` (campaigners on a contested topic).
        verdict: the highest verdict it allows.
        mode: the deepest mode it allows.
        message: why, in a sentence.
        inputs: the project fields read.
        sources: what it rests on.

    """

    code: str
    verdict: Verdict
    mode: Mode
    message: str
    inputs: tuple[str, ...]
    sources: tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Suggestion(Extensible):
    """Deeper involvement than the plan has, which this tool judges could help.

    Never the advice itself: the advice is never deeper than the plan. Offered only when a
    stakeholder's verdict is *more* or *clearly more*, nothing holds it down, and the plan
    involves them less deeply than the advice would support; never beyond partnership.

    Attributes:
        mode: the depth suggested.
        stages: the planned stages it would deepen, in lifecycle order.
        message: the suggestion, said as this tool's judgement.

    """

    mode: Mode
    stages: tuple[str, ...]
    message: str


@attrs.frozen(kw_only=True)
class Priority(Extensible):
    """The single most important thing to do for the project, before anything else.

    Chosen by this tool's judgement from what the appraisal found, in a fixed order
    (``docs/engine.md``): safeguarding first, then resources, agreements, what is planned
    after the funding ends, contested topics, payment, aims, lightening, capacity unknown.

    Attributes:
        code: which rule chose it, e.g. ``"secure-resources"``.
        message: what to do, in a sentence.
        stakeholders: whom it concerns.
        inputs: the project fields it reads.
        sources: what it rests on.

    """

    code: str
    message: str
    stakeholders: tuple[StakeholderId, ...]
    inputs: tuple[str, ...]
    sources: tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Capacity(Extensible):
    """Table 2 row 9 read for every relationship: what the involvement has (p. 7).

    The time, budget, facilitation and training for the involvement. Read from
    ``resources``; a valid costing's budget settles money (and team hours when it budgets
    them); a project shorter than ``Policy.short_window_weeks`` has time in short supply
    whatever ``resources.time`` says.

    Attributes:
        time: researchers' and stakeholders' time for engagement, as read.
        budget: money for engagement, as read.
        facilitation: skills to recruit and facilitate mixed groups.
        training: training offered (``None``: not known).
        window_weeks: the project's length when it is a short window, else ``None``.
        short: what is short, in words ("budget: none", "training: not offered").
        unknown: what is not known, by name.
        rung: how far capacity holds the advice down, 0 (not at all) to 3 (the lowest
            rung), before who carries the work is counted (see :class:`Ceiling`).
        inputs: the project fields read.

    """

    time: Sufficiency
    budget: Sufficiency
    facilitation: Sufficiency
    short: tuple[str, ...]
    unknown: tuple[str, ...]
    rung: int
    inputs: tuple[str, ...]
    training: bool | None = None
    window_weeks: int | None = None

    @property
    def unresourced(self) -> bool:
        """No time, no budget and no facilitation at all."""
        return all(v is Sufficiency.NONE for v in (self.time, self.budget, self.facilitation))


@attrs.frozen(kw_only=True)
class StageAdvice(Extensible):
    """What to do about one planned involvement (one stage, one stakeholder).

    Attributes:
        planned_mode: the mode the plan sets.
        advised_mode: the deepest mode advised for this stakeholder at this stage, never
            deeper than planned.
        action: keep, lighten, go ahead after the prerequisites, or reconsider.
        reason: why, in a sentence.
        costs: the costs this involvement incurs (stakeholders' time, convening several
            parties, contributions cherry-picked when only consulted).
        embedded: the plan sets an embedded or commissioned arrangement here.

    """

    stage: str
    planned_mode: Mode
    advised_mode: Mode
    action: Action
    reason: str
    costs: tuple[str, ...] = ()
    embedded: bool = False


@attrs.frozen(kw_only=True)
class Advice(Extensible):
    """Whether, where and how deeply to involve one stakeholder, and on what conditions.

    Attributes:
        stakeholder: the stakeholder's id.
        kind: the stakeholder's kind.
        sphere: decision, professional, lay, commercial, research or other.
        basis: ``"table-2"`` for decision-makers and commercial partners (Table 2
            particularly relates to evaluations with policy-makers and service managers,
            p. 6); ``"aims"`` for everyone else (their aims and motivations). Both are then
            held down by the same facts (:attr:`ceilings`).
        verdict: how much to emphasise involving this stakeholder.
        deepest_mode: the deepest mode advised for this stakeholder: what the advice
            supports, never deeper than the plan (``None`` when nothing is supported).
        summary: the advice in a phrase, e.g. ``"more, up to collaboration, once a
            publication agreement is signed"``.
        stages: one line per planned involvement, in lifecycle order.
        prerequisites: what must be in place before the involvement starts.
        reasons: why, sentence by sentence.
        sources: the catalogue entries the advice rests on.
        practice: codes of the practice risks that land on this stakeholder.
        ceilings: what holds the advice down (capacity, safeguarding, a contested topic),
            each with the most it allows and why.
        suggestion: deeper involvement than planned that this tool judges could help,
            said as a suggestion, never as the advice; ``None`` when there is none.
        meanwhile: what can be done now, while the prerequisites or resources are not in
            place ("consult them at framing research questions ..."); empty when nothing
            waits.
        profile: the Table 2 profile this stakeholder's advice read, when row 2 is read from
            its own facts (delivery responsibility, a commercial interest) and the profile
            differs from the project's (:attr:`Appraisal.emphasis`); ``None`` otherwise.

    The advice is never deeper than the plan: :attr:`deepest_mode` is the deeper of the
    advice's ceiling and the plan's deepest mode for this stakeholder, whichever is lower.

    """

    stakeholder: StakeholderId
    kind: StakeholderKind
    sphere: Sphere
    basis: str
    verdict: Verdict
    summary: str
    stages: tuple[StageAdvice, ...]
    prerequisites: tuple[Prerequisite, ...]
    reasons: tuple[str, ...]
    sources: tuple[Citation, ...]
    deepest_mode: Mode | None = None
    practice: tuple[str, ...] = ()
    ceilings: tuple[Ceiling, ...] = ()
    suggestion: Suggestion | None = None
    meanwhile: str = ""
    profile: Emphasis | None = None


@attrs.frozen(kw_only=True)
class Lever(Extensible):
    """One thing that would change the advice if it changed.

    Attributes:
        code: what kind of lever, e.g. ``"condition"``, ``"prerequisite"``, ``"resources"``.
        message: what would change, and how the advice would move.
        stakeholders: whose advice it moves.
        inputs: the project fields to change.

    """

    code: str
    message: str
    stakeholders: tuple[StakeholderId, ...]
    inputs: tuple[str, ...]


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
