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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from coproduce.appraisal import (
    Appraisal,
    Policy,
    appraise,
)
from coproduce.catalogue import Catalogue
from coproduce.costing import Costing, cost, costing_problems
from coproduce.errors import DocumentError, Issue
from coproduce.model import Extensible, Project
from coproduce.portfolio._files import documents

__all__ = ["Outcome", "appraise_many"]


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
