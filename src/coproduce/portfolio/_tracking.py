"""A funder's portfolio view: many projects and their involvement logs, planned against actual.

Streams in constant memory on any ``concurrent.futures`` Executor, like
:func:`coproduce.portfolio.appraise_many`: at most ``window`` chunks are in flight, each
worker returns a few small tuples per project (:func:`track_one`), and
:class:`TrackingPortfolio` adds them up.

A folder holds projects and logs side by side (:func:`pairs`): the log of the project whose
``id`` is ``X`` is the file ``X.log.yaml`` (or ``.log.json``, ``.log.toml``); it must name
``X`` as its ``project``, which :func:`coproduce.io.load_log` checks.

Example:
    >>> from coproduce.io import example_log_path, example_path
    >>> view = TrackingPortfolio()
    >>> for name in ("contested-policy", "trial-patient-partners"):
    ...     view.add(track_one(name, example_path(name), example_log_path(name)))
    >>> s = view.summary()
    >>> s.projects, s.logged
    (2, 2)

"""

from __future__ import annotations

import itertools
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from coproduce._record import Record
from coproduce.errors import CostingError, DocumentError, Issue, PlanError
from coproduce.model import Support, rounded
from coproduce.portfolio._summary import ROWS, ProjectRow, _project_row, _ProjectRows

__all__ = [
    "CurrencySpend",
    "KindHours",
    "OrganisationAnswer",
    "PortfolioRisk",
    "PortfolioTracking",
    "TrackingPortfolio",
    "issue_line",
    "problem_line",
    "track_many",
    "track_one",
]

_ZERO = Decimal(0)
_QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Infrastructure and leadership", ("infrastructure", "leadership")),
    ("Training", ("training",)),
    ("Reward and recognition", ("recognition",)),
    ("Evaluation", ("evaluation",)),
    ("Diversity and quality", ("diversity",)),
)
"""The paper's five questions for organisations (p. 7), with the ``support`` facts answering
each: yes when all are true, no when any is false, unknown otherwise."""

Entry = tuple[Any, ...]
"""What the portfolio needs of one project, as small plain values (see :func:`track_one`)."""


def _answer(support: Support, fields: tuple[str, ...]) -> str:
    values = [getattr(support, f) for f in fields]
    if any(v is False for v in values):
        return "no"
    return "yes" if all(v is True for v in values) else "unknown"


_PLACES = Decimal("0.0001")


def problem_line(source: str, message: str) -> str:
    """One problem of :attr:`PortfolioTracking.problems` as ``file:line:column: message``."""
    return f"{source}{':' if message[:1].isdigit() else ': '}{message}"


def issue_line(issue: Issue) -> str:
    """One issue as ``coproduce validate`` shows it, less the file.

    ``line:column: path: message (expected ...)  [code]``, the location when it is known.

    Example:
        >>> issue_line(Issue(path="$.x", code="wrong-type", message="got a string",
        ...                  expected="an integer", line=3, column=7))
        '3:7: $.x: got a string (expected an integer)  [wrong-type]'

    """
    where = f"{issue.location}: " if issue.location else ""
    return f"{where}{issue}  [{issue.code}]"


def _invalid(source: str, exc: DocumentError | PlanError) -> Entry:
    """The entry of a document with problems: its own file and all its problems.

    Every issue the error kept (``coproduce validate`` shows the same), then what it says
    about those it did not keep.
    """
    rest = getattr(exc, "rest", "")
    return ("invalid", source, (*map(issue_line, exc.issues), *([f"… {rest}"] if rest else [])))


def track_one(source: str, project_file: Path | Any, log_file: Path | Any | None) -> Entry:
    """Load, track and reduce one project and its log to a small tuple for the portfolio.

    A project or log with problems gives ``("invalid", source, issues)``, every issue as
    :func:`issue_line` writes it.
    """
    from coproduce.appraisal import appraise
    from coproduce.costing import cost
    from coproduce.costing import default_rate_card as default_rates
    from coproduce.io import load_log, load_project
    from coproduce.tracking import track

    try:
        project = load_project(project_file)
    except DocumentError as exc:
        return _invalid(source, exc)
    try:
        log = None if log_file is None else load_log(log_file, project=project)
    except DocumentError as exc:
        return _invalid(str(log_file) if isinstance(log_file, Path) else f"{source} (log)", exc)
    answers = tuple(_answer(project.support, fields) for _, fields in _QUESTIONS)
    try:
        appraisal = appraise(project)
        costing = cost(project, rates=default_rates()) if log is None else None
        t = None if log is None else track(project, log, rates=default_rates(), appraisal=appraisal)
    except PlanError as exc:
        return _invalid(source, exc)
    except CostingError as exc:  # a role without a rate, logged or not
        return ("invalid", source, exc.problems)
    if log is None or t is None:
        money = (
            (None, None, None)
            if costing is None
            else (costing.currency, costing.money, costing.budget)
        )
        return ("planned", source, answers, _project_row(appraisal, *money))
    kinds = {s.id: s.kind.value for s in project.stakeholders}
    unpaid: Counter[str] = Counter()
    for c in t.carriers:
        if c.kind == "unpaid contributor":
            unpaid[kinds.get(c.who, "other")] += c.hours  # type: ignore[assignment]
    return (
        "logged",
        source,
        answers,
        t.currency or "",
        str(t.spent),
        str(t.budget or ""),
        str(t.planned_money or ""),
        tuple((k, str(h)) for k, h in sorted(unpaid.items())),
        tuple((c.kind, str(c.hours)) for c in t.carriers),
        tuple((r.code, r.foreseen, r.times) for r in t.risks),
        _project_row(appraisal, t.currency, t.planned_money, t.budget),
    )


@attrs.frozen(kw_only=True)
class CurrencySpend(Record):
    """Involvement money in one currency: planned by the costings, spent by the logs.

    The first five figures are of the logged projects only (those with an involvement
    log); ``costed``, ``costed_planned`` and ``costed_budget`` are of every valid project
    with a costing section, logged or not.

    Attributes:
        currency: the ISO 4217 code (empty when the logs record no money).
        spent: money the logs record, over all logged projects.
        budget: the involvement budgets of the logged projects that set one.
        spent_budgeted: money spent by the logged projects that set a budget.
        planned: the costings' planned money, of the logged projects that have a costing.
        share: ``spent_budgeted / budget`` to four places; ``None`` without a budget.
        logged: logged projects in this currency.
        costed: projects with a costing in this currency, logged or not.
        costed_planned: the planned money of those costings.
        costed_budget: the involvement budgets of those that set one.

    """

    currency: str
    spent: Decimal
    budget: Decimal
    spent_budgeted: Decimal
    planned: Decimal
    share: Decimal | None
    logged: int = 0
    costed: int = 0
    costed_planned: Decimal = _ZERO
    costed_budget: Decimal = _ZERO


@attrs.frozen(kw_only=True)
class KindHours(Record):
    """Hours of one kind of contributor or carrier."""

    kind: str
    hours: Decimal


@attrs.frozen(kw_only=True)
class PortfolioRisk(Record):
    """How often a risk was foreseen and how often it happened, over the portfolio.

    Attributes:
        code: the risk code.
        materialised: projects whose log records it.
        foreseen: logged projects whose register foresaw it.
        unforeseen: projects where it happened without being foreseen (under-predicted).
        unrealised: projects that foresaw it where it has not happened (yet).

    """

    code: str
    materialised: int
    foreseen: int
    unforeseen: int
    unrealised: int


@attrs.frozen(kw_only=True)
class OrganisationAnswer(Record):
    """One of the five organisational questions, answered over the portfolio's projects."""

    question: str
    yes: int
    no: int
    unknown: int


@attrs.frozen(kw_only=True)
class PortfolioTracking(Record):
    """The portfolio view: totals per currency, hours by kind, risks, the five questions.

    Attributes:
        projects: projects read (valid or not).
        logged: valid projects with a log.
        invalid: projects or logs with problems.
        problems: every problem of the first 20 documents with problems, ``(source,
            message)``, the message as :func:`issue_line` writes it (``coproduce validate``
            shows the same); a document with more than ``MAX_ISSUES`` ends with ``… N more
            not listed``.
        spend: per currency: money spent, the involvement budget, the planned money, of the
            logged projects that state each; and the planned money and budgets of every
            project with a costing (see :class:`CurrencySpend`).
        unpaid_hours: unpaid contributors' hours per kind of stakeholder.
        carriers: hours per kind of carrier (early-career or fixed-term researchers, other
            researchers, unpaid and paid contributors).
        risks: per risk code, most materialised first.
        questions: the five organisational questions.
        project_rows: one per valid project, in the order read: its title, this tool's
            verdict, risks still high, open key questions, money planned, budgeted and spent
            (at most ``rows`` of :class:`TrackingPortfolio`).
        unlisted: valid projects counted but not in ``project_rows`` (beyond ``rows``).

    """

    projects: int
    logged: int
    invalid: int
    problems: tuple[tuple[str, str], ...]
    spend: tuple[CurrencySpend, ...]
    unpaid_hours: tuple[KindHours, ...]
    carriers: tuple[KindHours, ...]
    risks: tuple[PortfolioRisk, ...]
    questions: tuple[OrganisationAnswer, ...]
    project_rows: tuple[ProjectRow, ...] = ()
    unlisted: int = 0


_PROBLEM_DOCUMENTS = 20
"""How many documents with problems :attr:`PortfolioTracking.problems` lists in full."""


class TrackingPortfolio:
    """Adds up :func:`track_one` entries in constant memory; :meth:`summary` at any point.

    Args:
        rows: how many projects to list one by one (``None``: all, memory then grows by a
            small row per project); the others are counted in ``unlisted``.

    """

    def __init__(self, *, rows: int | None = ROWS) -> None:
        self._projects = self._logged = self._invalid = 0
        self._rows = _ProjectRows(rows)
        self._problems: list[tuple[str, str]] = []
        self._listed: set[str] = set()
        self._spend: dict[str, list[Decimal]] = {}
        self._costed: dict[str, list[Decimal]] = {}
        self._unpaid: dict[str, Decimal] = {}
        self._carriers: dict[str, Decimal] = {}
        self._risks: dict[str, list[int]] = {}
        self._answers: list[Counter[str]] = [Counter() for _ in _QUESTIONS]

    def add(self, entry: Entry) -> None:
        """Add one project's entry."""
        self._projects += 1
        if entry[0] == "invalid":
            self._invalid += 1
            if len(self._listed) < _PROBLEM_DOCUMENTS and entry[1] not in self._listed:
                self._listed.add(entry[1])
                self._problems.extend((entry[1], m) for m in entry[2])
            return
        for counter, answer in zip(self._answers, entry[2], strict=True):
            counter[answer] += 1
        logged = entry[0] == "logged"
        if logged:
            self._logged += 1
            self._add_logged(entry)
        row = entry[10 if logged else 3] if len(entry) > (10 if logged else 3) else None
        if row is not None:
            self._add_row(entry[1], row, entry[4] if logged else None)

    def _add_row(self, source: str, row: Entry, spent: str | None) -> None:
        _, _, _, _, currency, planned, budget, _ = row
        if planned:
            costed = self._costed.setdefault(currency, [_ZERO, _ZERO, _ZERO])
            costed[0] += 1
            costed[1] += Decimal(planned)
            costed[2] += Decimal(budget) if budget else _ZERO
        self._rows.add(source, row, spent)

    def _add_logged(self, entry: Entry) -> None:
        _, _, _, currency, spent, budget, planned, unpaid, carriers, risks = entry[:10]
        money = self._spend.setdefault(currency, [_ZERO, _ZERO, _ZERO, _ZERO, _ZERO])
        for i, value in enumerate((spent, budget, spent if budget else "", planned)):
            money[i] += Decimal(value) if value else _ZERO
        money[4] += 1
        for kind, hours in unpaid:
            self._unpaid[kind] = self._unpaid.get(kind, _ZERO) + Decimal(hours)
        for kind, hours in carriers:
            self._carriers[kind] = self._carriers.get(kind, _ZERO) + Decimal(hours)
        for code, foreseen, times in risks:
            tally = self._risks.setdefault(code, [0, 0, 0, 0])
            tally[0] += times > 0
            tally[1] += foreseen
            tally[2] += times > 0 and not foreseen
            tally[3] += foreseen and times == 0

    def summary(self) -> PortfolioTracking:
        """The view so far."""
        risks = sorted(self._risks.items(), key=lambda kv: (-kv[1][0], kv[0]))
        return PortfolioTracking(
            projects=self._projects,
            logged=self._logged,
            invalid=self._invalid,
            problems=tuple(self._problems),
            spend=self._currencies(),
            unpaid_hours=tuple(KindHours(kind=k, hours=h) for k, h in sorted(self._unpaid.items())),
            carriers=tuple(
                KindHours(kind=k, hours=h)
                for k, h in sorted(self._carriers.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
            risks=tuple(
                PortfolioRisk(code=c, materialised=m, foreseen=f, unforeseen=u, unrealised=r)
                for c, (m, f, u, r) in risks
            ),
            questions=tuple(
                OrganisationAnswer(question=q, yes=n["yes"], no=n["no"], unknown=n["unknown"])
                for (q, _), n in zip(_QUESTIONS, self._answers, strict=True)
            ),
            project_rows=tuple(self._rows.rows),
            unlisted=self._rows.unlisted,
        )

    def _currencies(self) -> tuple[CurrencySpend, ...]:
        """Per currency that a log or a costing names: money spent, budgeted and planned."""
        none = [_ZERO] * 5
        return tuple(
            CurrencySpend(
                currency=c,
                spent=v[0],
                budget=v[1],
                spent_budgeted=v[2],
                planned=v[3],
                share=rounded(v[2] / v[1], _PLACES) if v[1] else None,
                logged=int(v[4]),
                costed=int(k[0]),
                costed_planned=k[1],
                costed_budget=k[2],
            )
            for c in sorted(self._spend.keys() | self._costed.keys())
            for v, k in [(self._spend.get(c, none), self._costed.get(c, none))]
        )


def _chunk(items: list[tuple[str, Any, Any]]) -> list[Entry]:
    return [track_one(*item) for item in items]


def track_many(
    items: Iterable[tuple[str, Any, Any]],
    *,
    executor: Executor | None = None,
    chunksize: int = 32,
    window: int = 8,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Entry]:
    """:func:`track_one` over ``(source, project, log)`` triples (e.g. :func:`pairs`), in order.

    At most ``window`` chunks are in flight, so memory stays flat however many there are.
    """
    if chunksize < 1 or window < 1:
        raise ValueError("chunksize and window must be at least 1")
    it = iter(items)
    chunks = iter(lambda: list(itertools.islice(it, chunksize)), [])
    done = 0
    for results in _run(chunks, executor, window):
        done += len(results)
        if progress is not None:
            progress(done)
        yield from results


def _run(
    chunks: Iterator[list[tuple[str, Any, Any]]], executor: Executor | None, window: int
) -> Iterator[list[Entry]]:
    if executor is None:
        yield from map(_chunk, chunks)
        return
    pending: deque[tuple[list[Any], Future[list[Entry]]]] = deque()
    for chunk in chunks:
        pending.append((chunk, executor.submit(_chunk, chunk)))
        if len(pending) >= window:
            yield _result(*pending.popleft())
    while pending:
        yield _result(*pending.popleft())


def _result(chunk: list[Any], future: Future[list[Entry]]) -> list[Entry]:
    try:
        return future.result()
    except Exception as exc:  # a worker died: every project of the chunk is reported
        return [
            ("invalid", c[0], (f"$: could not be tracked ({type(exc).__name__})",)) for c in chunk
        ]
