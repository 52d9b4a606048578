"""Appraise many documents: streaming, in input order, on any ``concurrent.futures`` Executor.

A bad document never stops a batch, whatever is wrong with it: it comes back as an
:class:`Outcome` with its index, its source (path, ``path:line`` for JSON Lines) and the
issues of its ``DocumentError`` — or, for any other failure (a bug, memory), one issue with
code ``failed`` naming the exception. Memory
stays flat however many documents there are: inputs are read lazily, at most ``window``
chunks are in flight, and results are yielded as soon as they are ready, in input order.

Any ``concurrent.futures.Executor`` works: ``ProcessPoolExecutor`` to use every core, or a
dask.distributed ``Client.get_executor()`` to use a cluster, unchanged.

Example:
    >>> from coproduce.portfolio import appraise_many, summarise
    >>> from coproduce.io import example_path, examples
    >>> outcomes = list(appraise_many(example_path(n) for n in examples()))
    >>> [o.ok for o in outcomes] == [True] * len(examples())
    True
    >>> summarise(outcomes).projects
    19

"""

from __future__ import annotations

import itertools
import pickle
import stat
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from coproduce.appraisal import (
    Answer,
    Appraisal,
    FindingLevel,
    Policy,
    Severity,
    Verdict,
    appraise,
)
from coproduce.catalogue import Catalogue
from coproduce.costing import Costing, cost, costing_problems
from coproduce.errors import DocumentError, Issue
from coproduce.io._formats import LOG_SUFFIXES
from coproduce.model import Extensible, Project, Sphere

__all__ = [
    "DOCUMENT_SUFFIXES",
    "CostTotal",
    "ExposureTotal",
    "Outcome",
    "Portfolio",
    "PortfolioEntry",
    "PortfolioSummary",
    "ProjectRow",
    "QuestionTally",
    "RiskTally",
    "appraise_many",
    "documents",
    "summarise",
]

DOCUMENT_SUFFIXES = (".json", ".yaml", ".yml", ".toml")
"""The files a folder of documents is read for."""

Item = Project | Path | str | bytes | dict[str, Any]
"""One input: a project, a document file, document text or bytes, or parsed data."""


@attrs.frozen(kw_only=True)
class Outcome(Extensible):
    """The result of one document of a batch.

    Attributes:
        index: the position of the document in the input, from 0.
        source: where it came from: a path, ``path:line`` for JSON Lines, or ``#index``.
        appraisal: the appraisal, or ``None`` if the document was invalid.
        issues: the document's problems, each with its path (empty when ``ok``).
        costing: the project's money and hours (:func:`coproduce.costing.cost`, priced with
            the shipped rate card under the project's own), when it has a costing section.

    """

    index: int
    source: str
    appraisal: Appraisal | None = None
    issues: tuple[Issue, ...] = ()
    costing: Costing | None = None

    @property
    def ok(self) -> bool:
        """Whether the document was valid and appraised."""
        return self.appraisal is not None


def documents(path: Path) -> Iterator[tuple[str, Path | bytes]]:
    """The documents of a folder (sorted by name) or of a JSON Lines file, lazily.

    Yields ``(source, payload)``: a file path for each project document of a folder (an
    involvement log, ``X.log.yaml`` and the like, is left to ``coproduce portfolio``), the
    bytes of each non-empty line of a ``.jsonl`` file.

    Raises:
        DocumentError: ``path`` is neither a folder nor a ``.jsonl`` file, or is unreadable.

    """
    if path.is_dir():
        for file in sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.lower().endswith(LOG_SUFFIXES)
        ):
            yield str(file), file
        return
    if path.suffix.lower() not in (".jsonl", ".ndjson"):
        raise DocumentError(
            [
                Issue(
                    path="$",
                    code="unreadable",
                    message=f"{path} is not a folder or a .jsonl file",
                    expected="a folder of documents or a JSON Lines file",
                )
            ],
            what="batch",
        )
    from coproduce import io

    limit = io._DEFAULT_LIMITS.max_bytes
    try:
        mode = path.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):  # a device never ends
            raise DocumentError(
                [
                    Issue(
                        path="$",
                        code="unreadable",
                        message=f"cannot read {path}: it is a device or special file",
                        expected="a JSON Lines file, or a pipe a program writes one to",
                    )
                ],
                what="batch",
            )
        with path.open("rb") as f:
            number = 0
            # a document of the limit's size, then its line ending (\r\n at most)
            while line := f.readline(limit + 2):
                number += 1
                if len(line) == limit + 2 and not line.endswith(b"\n"):
                    # a line beyond the size limit: skip the rest of it, report it
                    while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass
                    yield f"{path}:{number}", line
                    continue
                body = line[:-1] if line.endswith(b"\n") else line  # the document alone
                body = body[:-1] if body.endswith(b"\r") else body
                if body.strip():
                    yield f"{path}:{number}", body
    except OSError as exc:
        raise DocumentError(
            [Issue(path="$", code="unreadable", message=f"cannot read {path}: {exc.strerror}")],
            what="batch",
        ) from None


def _appraise_one(
    index: int, source: str, item: Item, catalogue: Catalogue | None, policy: Policy | None
) -> Outcome:
    from coproduce.costing import default_rate_card as default_rates
    from coproduce.io import load_project

    try:
        project = item if isinstance(item, Project) else load_project(item, catalogue=catalogue)
        costing = None
        if project.costing is not None:
            rates = default_rates()
            problems = costing_problems(project, rates=rates, catalogue=catalogue)
            if problems:
                raise DocumentError(
                    Issue(path=f"$.{at}", code=code, message=message)
                    for at, code, message in problems
                )
            costing = cost(project, rates=rates, catalogue=catalogue)
        return Outcome(
            index=index,
            source=source,
            appraisal=appraise(project, catalogue=catalogue, policy=policy),
            costing=costing,
        )
    except DocumentError as exc:
        return Outcome(index=index, source=source, issues=exc.issues)
    except Exception as exc:  # anything else is a bug, but must not lose the batch
        return _failed(index, source, exc)


def _failed(index: int, source: str, exc: BaseException) -> Outcome:
    message = f"{type(exc).__name__}: {exc}"
    if len(message) > 500:
        message = message[:499] + "…"
    return Outcome(
        index=index,
        source=source,
        issues=(
            Issue(
                path="$",
                code="failed",
                message=f"the document could not be appraised ({message}); please report this",
            ),
        ),
    )


class _Shared:
    """A catalogue pickled once by the caller and unpickled once per worker process.

    Sent as is with every chunk, a catalogue was pickled for each chunk, and rebuilt in the
    worker for each chunk with its lookups (``Catalogue.memo``): some milliseconds a chunk.
    These bytes pickle as a copy, and a worker keeps what it unpickled, keyed by the bytes.
    """

    __slots__ = ("blob",)

    def __init__(self, value: Catalogue) -> None:
        self.blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    def get(self) -> Catalogue:
        """The catalogue, unpickled once in this process (a few kept, the latest)."""
        value = _UNPICKLED.get(self.blob)
        if value is None:
            if len(_UNPICKLED) >= 4:
                _UNPICKLED.pop(next(iter(_UNPICKLED)))
            value = _UNPICKLED[self.blob] = pickle.loads(self.blob)
        return value


_UNPICKLED: dict[bytes, Catalogue] = {}


def _share(catalogue: Catalogue | None, executor: Executor) -> Catalogue | _Shared | None:
    """What to send with each chunk: the catalogue's bytes, unless nothing crosses a process."""
    if catalogue is None or isinstance(executor, ThreadPoolExecutor):
        return catalogue
    try:
        return _Shared(catalogue)
    except Exception:  # sent as is, each chunk reports what stops it pickling
        return catalogue


def _appraise_chunk(
    chunk: list[tuple[int, str, Item]],
    catalogue: Catalogue | _Shared | None,
    policy: Policy | None,
    then: Callable[[Outcome], Any] | None = None,
) -> list[Any]:
    if isinstance(catalogue, _Shared):
        catalogue = catalogue.get()
    if then is None:
        return [_appraise_one(i, source, item, catalogue, policy) for i, source, item in chunk]
    # each outcome goes through `then` as soon as it is computed, so that an appraisal dies
    # young: holding a chunk of them promotes thousands of objects to the oldest generation
    # of the garbage collector, whose full passes then cost more than the `then` itself
    return [
        _then(then, _appraise_one(i, source, item, catalogue, policy)) for i, source, item in chunk
    ]


def _then(then: Callable[[Outcome], Any], outcome: Outcome) -> Any:
    try:
        return then(outcome)
    except Exception as exc:  # e.g. an appraisal the output cannot hold
        return then(_failed(outcome.index, outcome.source, exc))


def _labelled(items: Iterable[Item] | Path) -> Iterator[tuple[int, str, Item]]:
    if isinstance(items, Path):
        for index, (source, payload) in enumerate(documents(items)):
            yield index, source, payload
        return
    for index, item in enumerate(items):
        yield index, str(item) if isinstance(item, Path) else f"#{index}", item


def appraise_many(
    items: Iterable[Item] | Path,
    *,
    catalogue: Catalogue | None = None,
    policy: Policy | None = None,
    executor: Executor | None = None,
    chunksize: int = 32,
    window: int = 8,
    progress: Callable[[int], None] | None = None,
    then: Callable[[Outcome], Any] | None = None,
) -> Iterator[Any]:
    """Appraise many documents, yielding one :class:`Outcome` each, in input order.

    With ``then``, yield ``then(outcome)`` instead, computed where the appraisal ran. With a
    process pool or a cluster this matters: an appraisal is a graph of a few hundred small
    objects, and moving it between processes costs about as much as computing it, so pass a
    ``then`` that keeps only what you need (a JSON line, :meth:`Portfolio.entry`, a verdict).
    ``then`` must be a module-level function for process pools.

    Args:
        items: projects, document paths, texts, bytes or dicts; or a folder or a JSON Lines
            file (see :func:`documents`).
        catalogue: the catalogue (``None`` for the paper's; workers build their own once).
            Another catalogue is pickled once, and each worker process unpickles it once.
        policy: the policy (``None`` for the defaults).
        executor: run chunks on this executor (a process pool, a dask client's executor);
            ``None`` runs in this thread.
        chunksize: documents per task; larger chunks cost less overhead per document.
            On an executor, the last documents go out in tasks of an eighth of that,
            so that the workers finish together.
        window: at most this many chunks in flight, which keeps memory flat.
        progress: called with the number of documents done so far, after each chunk.
        then: a function applied to each outcome where it was computed.

    """
    if chunksize < 1 or window < 1:
        raise ValueError("chunksize and window must be at least 1")
    chunks = _chunks(_labelled(items), chunksize, tail=executor is not None)
    if executor is None:
        ready: Iterator[list[Any]] = (
            _appraise_chunk(chunk, catalogue, policy, then) for chunk in chunks
        )
    else:
        shared = _share(catalogue, executor)
        ready = _in_order(
            ((c, executor.submit(_appraise_chunk, c, shared, policy, then)) for c in chunks),
            window,
            then,
        )
    done = 0
    for results in ready:
        done += len(results)
        if progress is not None:
            progress(done)
        yield from results


def _in_order(
    futures: Iterator[tuple[list[Any], Future[list[Any]]]],
    window: int,
    then: Callable[[Outcome], Any] | None,
) -> Iterator[list[Any]]:
    """Results of futures in submission order, with at most ``window`` submitted and waiting.

    A chunk whose task failed as a whole (a worker process died, the result could not be
    sent back) comes back as one ``failed`` outcome per document, so the batch carries on.
    """
    pending: deque[tuple[list[Any], Future[list[Any]]]] = deque()

    def result(chunk: list[Any], future: Future[list[Any]]) -> list[Any]:
        try:
            return future.result()
        except Exception as exc:
            outcomes = [_failed(i, source, exc) for i, source, _ in chunk]
            return outcomes if then is None else [then(o) for o in outcomes]

    for item in futures:
        pending.append(item)
        if len(pending) >= window:
            yield result(*pending.popleft())
    while pending:
        yield result(*pending.popleft())


def _chunks(
    labelled: Iterator[tuple[int, str, Item]], size: int, *, tail: bool = False
) -> Iterator[list[Any]]:
    """The items in chunks of ``size``; with ``tail``, the last ones in smaller pieces.

    On a pool, the last chunk runs on one worker while the others have nothing left to do.
    With ``tail``, one chunk is read ahead; once the items run out, what remains (up to two
    chunks) goes out in pieces of an eighth of a chunk, so the workers finish together.
    """
    chunk = list(itertools.islice(labelled, size))
    while chunk:
        following = list(itertools.islice(labelled, size))
        if tail and len(following) < size:
            rest = chunk + following
            piece = max(1, size // _TAIL_PIECES)
            for start in range(0, len(rest), piece):
                yield rest[start : start + piece]
            return
        yield chunk
        chunk = following


_TAIL_PIECES = 8


# --------------------------------------------------------------------------- portfolio


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


ROWS = 1000
"""How many :class:`ProjectRow` a portfolio keeps by default: beyond it, rows are counted
(``unlisted``), not kept, so memory stays flat however many projects there are."""


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


PortfolioEntry = tuple[Any, ...]
"""What :meth:`Portfolio.entry` extracts of one appraisal."""


def _project_row(
    appraisal: Appraisal, currency: str | None, planned: Decimal | None, budget: Decimal | None
) -> tuple[Any, ...]:
    """What a portfolio lists of one project, as a small tuple that pickles cheaply.

    Its title, this tool's verdict, high risks, open key questions, and the costing's
    currency, planned money and budget (``""`` when there are none).
    """
    return (
        appraisal.title,
        appraisal.emphasis.verdict.value,
        sum(r.residual is Severity.HIGH for r in appraisal.risks),
        sum(q.answer is Answer.OPEN for q in appraisal.questions),
        currency or "",
        "" if planned is None else str(planned),
        "" if budget is None else str(budget),
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
        title, verdict, high, questions, currency, planned, budget = row
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
