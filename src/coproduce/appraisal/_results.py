"""What an appraisal returns: frozen records, every conclusion with its reasons."""

from __future__ import annotations

import attrs

from coproduce.model import (
    AimId,
    AlternativeId,
    Audience,
    BearerId,
    CategoryId,
    ChallengeId,
    ConditionId,
    CostId,
    Extensible,
    Lean,
    MitigationId,
    Mode,
    Motivation,
    QuestionId,
    Source,
    StageId,
    StakeholderId,
    VocabularyEnum,
)

__all__ = [
    "AimAppraisal",
    "AlternativeAdvice",
    "Answer",
    "Citation",
    "ConditionContribution",
    "Emphasis",
    "ExposureCell",
    "Factor",
    "Finding",
    "Level",
    "MitigationStatus",
    "QuestionStatus",
    "Risk",
    "Route",
    "Severity",
    "Verdict",
]


class Verdict(VocabularyEnum):
    """How much to emphasise coproduction (step 1), from clearly less to clearly more.

    ``UNDETERMINED`` when too few Table 2 conditions are known to say. Members other than
    ``UNDETERMINED`` compare by :attr:`rank`.
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


class Level(VocabularyEnum):
    """How much a finding matters."""

    INFO = "info"
    """Worth knowing."""
    WARNING = "warning"
    """Worth changing or answering before engaging."""
    CONCERN = "concern"
    """The plan, as it stands, is likely to cause harm or fail."""


class Route(VocabularyEnum):
    """Whether coproduction is the only plausible route to an aim (step 2)."""

    LIKELY = "likely"
    """Other means seldom reach aims of this kind (political aims, p. 8)."""
    UNLIKELY = "unlikely"
    """Other means can usually reach aims of this kind (p. 8)."""
    UNCLEAR = "unclear"
    """The aim states no motivation, so this cannot be judged."""


class Answer(VocabularyEnum):
    """How far the project answers a key question."""

    ANSWERED = "answered"
    PARTLY = "partly"
    OPEN = "open"


@attrs.frozen(kw_only=True)
class Citation(Extensible):
    """A catalogue entry a conclusion rests on, and where the paper says it."""

    entry: str
    page: int
    locator: str

    @classmethod
    def of(cls, entry_id: str, source: Source) -> Citation:
        """Cite an entry at its own source."""
        return cls(entry=entry_id, page=source.page, locator=source.locator)

    def __str__(self) -> str:
        return f"{self.entry} (p. {self.page}, {self.locator})"


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
    level: Level
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

    condition: ConditionId
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
class Emphasis(Extensible):
    """Step 1: how much emphasis coproduction deserves, and why.

    Attributes:
        verdict: the graded verdict after gates.
        score: weighted balance of the Table 2 conditions, from −1 (all less) to 1 (all more).
        confidence: share of the total weight whose condition is known, 0 to 1.
        ungated: the verdict before any gate applied.
        gated_by: gate conditions that lean less and capped the verdict.
        advised_mode: the deepest mode of interaction the verdict supports (policy).
        contributions: one per condition, in Table 2 order.

    """

    verdict: Verdict
    score: float
    confidence: float
    ungated: Verdict
    gated_by: tuple[ConditionId, ...]
    advised_mode: Mode
    contributions: tuple[ConditionContribution, ...]


@attrs.frozen(kw_only=True)
class AlternativeAdvice(Extensible):
    """An alternative to coproduction worth weighing for an aim (step 2)."""

    alternative: AlternativeId
    label: str
    reason: str
    source: Citation


@attrs.frozen(kw_only=True)
class AimAppraisal(Extensible):
    """Step 2 for one aim: its motivations, whether coproduction is the only route, alternatives.

    Attributes:
        served_by: the involvements that serve the aim, as ``"stage/stakeholder"``.

    """

    aim: AimId
    description: str
    motivations: tuple[Motivation, ...]
    only_route: Route
    served_by: tuple[str, ...]
    alternatives: tuple[AlternativeAdvice, ...]
    sources: tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class Factor(Extensible):
    """A project fact that raises a risk's severity."""

    code: str
    points: int
    message: str
    inputs: tuple[str, ...]


@attrs.frozen(kw_only=True)
class MitigationStatus(Extensible):
    """A mitigation for a risk, and whether the project has it.

    ``in_place`` is ``True``, ``False`` (known to be missing) or ``None`` (not known).
    """

    mitigation: MitigationId
    label: str
    in_place: bool | None = None
    inputs: tuple[str, ...]


@attrs.frozen(kw_only=True)
class Risk(Extensible):
    """A Table 1 challenge that applies where the plan involves stakeholders.

    Attributes:
        code: stable id of the risk: ``"risk."`` + the challenge's name.
        stakeholders: the stakeholders involved at the stage.
        mode: the deepest mode of involvement at the stage.
        bearers: the bearers the project actually has (e.g. early-career researchers only if
            the team has any; a stakeholder kind only if involved at this stage).
        severity: before mitigations.
        residual: after the mitigations in place (one step of points per mitigation).

    """

    code: str
    stage: StageId
    challenge: ChallengeId
    label: str
    stakeholders: tuple[StakeholderId, ...]
    mode: Mode
    costs: tuple[CostId, ...]
    categories: tuple[CategoryId, ...]
    bearers: tuple[BearerId, ...]
    factors: tuple[Factor, ...]
    points: int
    severity: Severity
    residual: Severity
    mitigations: tuple[MitigationStatus, ...]
    sources: tuple[Citation, ...]


@attrs.frozen(kw_only=True)
class ExposureCell(Extensible):
    """One cell of the bearer × cost category matrix.

    Attributes:
        weight: sum over the risks reaching this cell of their residual severity rank.
        risks: codes of the risks that put costs in this cell.
        least_able: the bearer is among those least able to carry costs: early-career or
            fixed-term researchers (p. 5), unpaid lay contributors, or stakeholders' own time
            without an engagement budget.

    """

    bearer: BearerId
    category: CategoryId
    costs: tuple[CostId, ...]
    risks: tuple[str, ...]
    weight: int
    least_able: bool


@attrs.frozen(kw_only=True)
class QuestionStatus(Extensible):
    """A key question and how far the project answers it.

    Attributes:
        answered_by: the project fields that answer it (known values).
        missing: the fields that would answer it but are not known.

    """

    question: QuestionId
    audience: Audience
    number: int
    label: str
    answer: Answer
    answered_by: tuple[str, ...]
    missing: tuple[str, ...]
    source: Citation


@attrs.frozen(kw_only=True)
class Appraisal(Extensible):
    """The result of :func:`coproduce.appraise`: advice on whether and how to coproduce.

    Attributes:
        title: the project's title.
        catalogue_version: the catalogue edition the appraisal rests on.
        emphasis: step 1, how much emphasis coproduction deserves, and why.
        aims: step 2, per aim: is coproduction the only route, and what else could serve.
        risks: the risk register, by stage (lifecycle order) then challenge.
        exposure: the bearer × cost category matrix (non-empty cells only).
        questions: the key questions and how far the project answers them.
        findings: everything else worth saying, most serious first.

    """

    title: str
    catalogue_version: str
    emphasis: Emphasis
    aims: tuple[AimAppraisal, ...]
    risks: tuple[Risk, ...]
    exposure: tuple[ExposureCell, ...]
    questions: tuple[QuestionStatus, ...]
    findings: tuple[Finding, ...]

    def explain(self) -> str:
        """The appraisal as readable plain text, every conclusion with its locator."""
        from coproduce.appraisal._explain import explain

        return explain(self)

    def _repr_html_(self) -> str:
        """Jupyter shows the HTML report (see :func:`coproduce.report.html_fragment`)."""
        from coproduce.report import html_fragment

        return html_fragment(self)

    def finding(self, code: str) -> tuple[Finding, ...]:
        """The findings with this code."""
        return tuple(f for f in self.findings if f.code == code)

    def risk(self, code: str) -> tuple[Risk, ...]:
        """The risks with this code (one per stage where the challenge arises)."""
        return tuple(r for r in self.risks if r.code == code)
