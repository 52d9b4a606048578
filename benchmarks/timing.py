"""Timing helpers shared by the benchmarks: calls timed best of several, memory, output."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator

__all__ = ["best_of", "per_call", "rss_mb", "section", "stream"]


def per_call(
    fn: Callable[[], object], budget: float, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Seconds per call: the best of 5 rounds, each about ``budget / 5`` long.

    ``clock`` is wall time; ``time.process_time`` counts this process's CPU time only, which
    other processes on a loaded machine slow less.
    """
    fn()
    n, start = 0, clock()
    while clock() - start < budget / 25:
        fn()
        n += 1
    n = max(n * 5, 1)
    best = float("inf")
    for _ in range(5):
        t = clock()
        for _ in range(n):
            fn()
        best = min(best, (clock() - t) / n)
    return best


def best_of(
    fn: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    """Seconds for one call: the best of ``runs`` (for calls too slow for :func:`per_call`)."""
    best = float("inf")
    for _ in range(runs):
        t = clock()
        fn()
        best = min(best, clock() - t)
    return best


def stream(docs: list[bytes], n: int) -> Iterator[bytes]:
    """``n`` documents, cycling through ``docs``: nothing new is held in memory."""
    return itertools.islice(itertools.cycle(docs), n)


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def section(title: str) -> None:
    print(f"\n== {title}")
