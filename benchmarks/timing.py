"""Timing helpers shared by the benchmarks: calls timed best of several, memory, output."""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator

__all__ = ["best_of", "per_call", "rss_mb", "section", "stream"]


def per_call(fn: Callable[[], object], budget: float) -> float:
    """Seconds per call: the best of 5 rounds, each about ``budget / 5`` long."""
    fn()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < budget / 25:
        fn()
        n += 1
    n = max(n * 5, 1)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        best = min(best, (time.perf_counter() - t) / n)
    return best


def best_of(fn: Callable[[], object], runs: int) -> float:
    """Seconds for one call: the best of ``runs`` (for calls too slow for :func:`per_call`)."""
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
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
