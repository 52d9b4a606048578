"""What a portfolio of appraisals adds up to: verdicts, risks, who bears the costs, money.

:class:`Portfolio` adds appraisals (or the outcomes of :func:`appraise_many`) one at a time in
constant memory; :meth:`Portfolio.summary` (or :func:`summarise`) gives the totals.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import attrs

from coproduce.appraisal import (
    Answer,
    Appraisal,
    FindingLevel,
    Severity,
    Verdict,
)
from coproduce.model import Extensible, Sphere
from coproduce.portfolio._batch import Outcome

__all__ = [
    "CostTotal",
    "ExposureTotal",
    "Portfolio",
    "PortfolioEntry",
    "PortfolioSummary",
    "ProjectRow",
    "QuestionTally",
    "RiskTally",
    "summarise",
]


ROWS = 1000
"""How many :class:`ProjectRow` a portfolio keeps by default: beyond it, rows are counted
(``unlisted``), not kept, so memory stays flat however many projects there are."""


PortfolioEntry = tuple[Any, ...]
"""What :meth:`Portfolio.entry` extracts of one appraisal."""


@attrs.frozen(kw_only=True)
class RiskTally(Extensible):
    """How often one risk arises across a portfolio."""

    code: str
    stage: str
    label: str
    projects: int
    high: int
    """Projects where it stays high after mitigations."""


@attrs.frozen(kw_only=True)
class ExposureTotal(Extensible):
    """One bearer × cost category cell summed across a portfolio."""

    bearer: str
    category: str
    risks: int
    """Risks putting costs in this cell, summed over projects."""
    high: int
    """Of those, risks still high after mitigations."""
    projects: int
    least_able: int
    """Projects where this bearer is among those least able to bear the cost."""


@attrs.frozen(kw_only=True)
class QuestionTally(Extensible):
    """How far a key question is answered across a portfolio."""

    question: str
    audience: str
    number: int
    label: str
    answered: int
    answered_no: int
    """Projects whose answer is that the thing is missing (no budget, no evaluation, ...)."""
    partly: int
    open: int


@attrs.frozen(kw_only=True)
class CostTotal(Extensible):
    """Money and hours one bearer gives or receives, summed across a portfolio.

    Amounts of different currencies are never added: each currency has its own rows.
    """

    currency: str
    bearer: str
    money: Decimal
    hours: Decimal
    unpaid_hours: Decimal
    projects: int


@attrs.frozen(kw_only=True)
class ProjectRow(Extensible):
    """One project of a portfolio, for a funder to act on: what it is, and where it stands.

    Attributes:
        source: where it was read from (a file, ``path:line`` for JSON Lines, ``#index``).
        title: the project's title.
        verdict: the Table 2 profile for decision-makers: this tool's judgement, as
            ``coproduce appraise`` reports it.
        high_risks: risks of the register the appraisal judges still high after mitigations.
        open_questions: key questions the project leaves open.
        currency: the costing's currency; ``None`` without a costing.
        planned: the costing's planned money; ``None`` without a costing.
        budget: the costing's involvement budget; ``None`` when it sets none.
        spent: the money its involvement log records (the portfolio view of
            :mod:`coproduce.portfolio` only); ``None`` without a log.
        project_id: the project's ``id``; ``None`` if it has none (left out of documents
            then).

    Example:
        >>> from decimal import Decimal
        >>> from coproduce.appraisal import Verdict
        >>> row = ProjectRow(source="a.yaml", title="A", verdict=Verdict.BALANCED,
        ...                  high_risks=0, open_questions=1, currency="GBP",
        ...                  planned=Decimal(900), budget=Decimal(1000), spent=Decimal(1200))
        >>> row.over_budget, row.overrun
        (True, Decimal('200'))

    """

    source: str
    title: str
    verdict: Verdict
    high_risks: int
    open_questions: int
    currency: str | None = None
    planned: Decimal | None = None
    budget: Decimal | None = None
    spent: Decimal | None = None
    project_id: str | None = None

    __omit_if_default__ = ("project_id",)  # documents without it read and write as before

    @property
    def overrun(self) -> Decimal | None:
        """How far the money planned or spent, whichever is more, exceeds the budget.

        ``None`` when the project sets no budget or stays within it.
        """
        if self.budget is None:
            return None
        most = max((v for v in (self.planned, self.spent) if v is not None), default=None)
        return most - self.budget if most is not None and most > self.budget else None

    @property
    def over_budget(self) -> bool:
        """The costing plans, or the log records, more money than the budget sets aside."""
        return self.overrun is not None


@attrs.frozen(kw_only=True)
class PortfolioSummary(Extensible):
    """What a funder needs to see across many projects (the organisational questions, p. 7).

    Attributes:
        projects: documents appraised.
        invalid: documents that could not be read.
        verdicts: projects per Table 2 verdict, in verdict order.
        advice: stakeholders advised, per sphere and verdict.
        prerequisites: stakeholders per prerequisite code, most frequent first.
        gated: projects whose Table 2 verdict a gate lowered.
        risks: each risk that arose, most frequent first.
        exposure: cost exposure by bearer and category, heaviest first.
        findings: projects per finding code, most frequent first.
        questions: the nine key questions and how often each is answered.
        costs: money and hours by bearer across the projects with a costing, per currency.
        costed: projects with a costing section.
        project_rows: each project appraised, in the order added (title, source, the tool's
            verdict, high risks, open key questions, planned money and budget), up to the
            portfolio's ``rows``.
        unlisted: projects appraised beyond ``rows``, counted, not listed.

    """

    projects: int
    invalid: int
    verdicts: tuple[tuple[Verdict, int], ...]
    gated: int
    risks: tuple[RiskTally, ...]
    exposure: tuple[ExposureTotal, ...]
    findings: tuple[tuple[str, FindingLevel, int], ...]
    questions: tuple[QuestionTally, ...]
    advice: tuple[tuple[Sphere, Verdict, int], ...] = ()
    prerequisites: tuple[tuple[str, int], ...] = ()
    costs: tuple[CostTotal, ...] = ()
    costed: int = 0
    project_rows: tuple[ProjectRow, ...] = ()
    unlisted: int = 0


def _project_row(
    appraisal: Appraisal, currency: str | None, planned: Decimal | None, budget: Decimal | None
) -> tuple[Any, ...]:
    """What a portfolio lists of one project, as a small tuple that pickles cheaply.

    Its title, this tool's verdict, high risks, open key questions, the costing's currency,
    planned money and budget (``""`` when there are none), and the project's id.
    """
    return (
        appraisal.title,
        appraisal.emphasis.verdict.value,
        sum(r.residual is Severity.HIGH for r in appraisal.risks),
        sum(q.answer is Answer.OPEN for q in appraisal.questions),
        currency or "",
        "" if planned is None else str(planned),
        "" if budget is None else str(budget),
        appraisal.project_id,
    )


class _ProjectRows:
    """The :class:`ProjectRow` of each project added, up to ``limit``; the rest counted."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.rows: list[ProjectRow] = []
        self.unlisted = 0

    def add(self, source: str, row: tuple[Any, ...], spent: str | None = None) -> None:
        """Add the row :func:`_project_row` made, with the money its log spent, if any."""
        if self.limit is not None and len(self.rows) >= self.limit:
            self.unlisted += 1
            return
        title, verdict, high, questions, currency, planned, budget, pid = row
        self.rows.append(
            ProjectRow(
                source=source,
                title=title,
                verdict=Verdict(verdict),
                high_risks=high,
                open_questions=questions,
                currency=currency or None,
                planned=Decimal(planned) if planned else None,
                budget=Decimal(budget) if budget else None,
                spent=None if spent is None else Decimal(spent),
                project_id=pid,
            )
        )


class Portfolio:
    """Accumulates appraisals one at a time, in constant memory; :meth:`summary` at any point.

    Example:
        >>> from coproduce import appraise
        >>> from coproduce.io import load_example
        >>> portfolio = Portfolio()
        >>> portfolio.add(appraise(load_example("one-stage")))
        >>> portfolio.summary().verdicts
        ((<Verdict.BALANCED: 'balanced'>, 1),)

    """

    def __init__(self, *, rows: int | None = ROWS) -> None:
        """``rows``: at most this many projects listed by name (``None``: all of them)."""
        self._rows = _ProjectRows(rows)
        self._projects = 0
        self._invalid = 0
        self._gated = 0
        self._verdicts: Counter[Verdict] = Counter()
        self._risks: dict[tuple[str, str], list[Any]] = {}
        self._exposure: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        self._findings: Counter[tuple[str, FindingLevel]] = Counter()
        self._questions: dict[str, list[Any]] = {}
        self._advice: Counter[tuple[Sphere, Verdict]] = Counter()
        self._prerequisites: Counter[str] = Counter()
        self._costs: dict[tuple[str, str], list[Any]] = {}
        self._costed = 0

    @staticmethod
    def entry(item: Appraisal | Outcome) -> PortfolioEntry | None:
        """What the summary needs of one appraisal, as small plain tuples.

        Compute it where the appraisal runs (``appraise_many(..., then=Portfolio.entry)``)
        and :meth:`add` it in the parent: it pickles in a fraction of the appraisal's cost.
        ``None`` for an invalid document.
        """
        costing, source = None, ""
        if isinstance(item, Outcome):
            if item.appraisal is None:
                return None
            costing, source = item.costing, item.source
            item = item.appraisal
        costs = (
            None
            if costing is None
            else (
                costing.currency,
                tuple(
                    (b.bearer, str(b.money), str(b.hours), str(b.unpaid_hours))
                    for b in costing.by_bearer
                ),
            )
        )
        return (
            item.emphasis.verdict.value,
            bool(item.emphasis.gated_by),
            tuple((r.code, r.stage, r.label, r.residual is Severity.HIGH) for r in item.risks),
            tuple(
                (c.bearer, c.category, len(c.risks), c.high, c.least_able) for c in item.exposure
            ),
            tuple(sorted({(f.code, f.level.value) for f in item.findings})),
            tuple(
                (q.question, q.audience.value, q.number, q.label, q.answer.value)
                for q in item.questions
            ),
            tuple(
                (a.sphere.value, a.verdict.value, tuple(p.code for p in a.prerequisites))
                for a in item.advice
            ),
            costs,
            source,
            _project_row(
                item,
                *(
                    (None, None, None)
                    if costing is None
                    else (costing.currency, costing.money, costing.budget)
                ),
            ),
        )

    def add(self, item: Appraisal | Outcome | PortfolioEntry | None) -> None:
        """Count one appraisal, outcome of :func:`appraise_many`, or :meth:`entry`."""
        entry = item if item is None or isinstance(item, tuple) else self.entry(item)
        if entry is None:
            self._invalid += 1
            return
        verdict, gated, risks, exposure, findings, questions, advice, costs, *listed = entry
        if listed:
            source, row = listed
            self._rows.add(source or f"#{self._projects + self._invalid}", row)
        if costs is not None:
            currency, bearers = costs
            self._costed += 1
            for bearer, money, hours, unpaid in bearers:
                total = self._costs.setdefault(
                    (currency, bearer), [Decimal(0), Decimal(0), Decimal(0), 0]
                )
                total[0] += Decimal(money)
                total[1] += Decimal(hours)
                total[2] += Decimal(unpaid)
                total[3] += 1
        self._projects += 1
        self._verdicts[Verdict(verdict)] += 1
        self._gated += gated
        for code, stage, label, high in risks:
            tally = self._risks.setdefault((code, stage), [label, 0, 0])
            tally[1] += 1
            tally[2] += high
        for bearer, category, n, high, least_able in exposure:
            cell = self._exposure[(bearer, category)]
            cell[0] += n
            cell[1] += high
            cell[2] += 1
            cell[3] += least_able
        for code, level in findings:
            self._findings[(code, FindingLevel(level))] += 1
        for sphere, advised, prerequisites in advice:
            self._advice[(Sphere(sphere), Verdict(advised))] += 1
            self._prerequisites.update(prerequisites)
        for question, audience, number, label, answer in questions:
            tally = self._questions.setdefault(question, [audience, number, label, Counter()])
            tally[3][Answer(answer)] += 1

    def summary(self) -> PortfolioSummary:
        """The summary of everything added so far."""
        order = list(Verdict)
        return PortfolioSummary(
            projects=self._projects,
            invalid=self._invalid,
            verdicts=tuple(sorted(self._verdicts.items(), key=lambda kv: order.index(kv[0]))),
            gated=self._gated,
            risks=self._risk_tallies(),
            exposure=self._exposure_totals(),
            findings=tuple(
                (code, level, n)
                for (code, level), n in sorted(
                    self._findings.items(), key=lambda kv: (-kv[1], kv[0][0])
                )
            ),
            questions=self._question_tallies(),
            advice=tuple(
                (sphere, advised, n)
                for (sphere, advised), n in sorted(
                    self._advice.items(),
                    key=lambda kv: (list(Sphere).index(kv[0][0]), order.index(kv[0][1])),
                )
            ),
            prerequisites=tuple(
                sorted(self._prerequisites.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
            costs=self._cost_totals(),
            costed=self._costed,
            project_rows=tuple(self._rows.rows),
            unlisted=self._rows.unlisted,
        )

    def _risk_tallies(self) -> tuple[RiskTally, ...]:
        """Each risk counted so far, most frequent first."""
        return tuple(
            sorted(
                (
                    RiskTally(code=code, stage=stage, label=t[0], projects=t[1], high=t[2])
                    for (code, stage), t in self._risks.items()
                ),
                key=lambda r: (-r.projects, -r.high, r.stage, r.code),
            )
        )

    def _exposure_totals(self) -> tuple[ExposureTotal, ...]:
        """Each bearer × cost category cell counted so far, heaviest first."""
        return tuple(
            sorted(
                (
                    ExposureTotal(
                        bearer=b,
                        category=k,
                        risks=c[0],
                        high=c[1],
                        projects=c[2],
                        least_able=c[3],
                    )
                    for (b, k), c in self._exposure.items()
                ),
                key=lambda e: (-e.high, -e.risks, e.bearer, e.category),
            )
        )

    def _question_tallies(self) -> tuple[QuestionTally, ...]:
        """Each key question with how often each answer was given, in order of first sight."""
        return tuple(
            QuestionTally(
                question=q,
                audience=t[0],
                number=t[1],
                label=t[2],
                answered=t[3][Answer.ANSWERED],
                answered_no=t[3][Answer.ANSWERED_NO],
                partly=t[3][Answer.PARTLY],
                open=t[3][Answer.OPEN],
            )
            for q, t in self._questions.items()
        )

    def _cost_totals(self) -> tuple[CostTotal, ...]:
        """Money and hours per currency and bearer, in that order."""
        return tuple(
            CostTotal(
                currency=currency,
                bearer=bearer,
                money=t[0],
                hours=t[1],
                unpaid_hours=t[2],
                projects=t[3],
            )
            for (currency, bearer), t in sorted(self._costs.items())
        )


def summarise(items: Iterable[Appraisal | Outcome]) -> PortfolioSummary:
    """Summarise a portfolio: verdicts, frequent risks, exposure, findings, key questions."""
    portfolio = Portfolio()
    for item in items:
        portfolio.add(item)
    return portfolio.summary()
