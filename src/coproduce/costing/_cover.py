"""The plan that fits, step 3: which aims can still be served, chosen exactly (or greedily).

Which aims the budget can still serve is a budgeted set cover. Aims are few, so
:func:`exact_cover` runs a dynamic programme over subsets of aims: for every subset, the
Pareto front (in money and team hours) of the cheapest ways to serve at least it; the
cover is the cheapest point serving the most aims within what the fixed costs leave of the
budget. Beyond :data:`MAX_EXACT_AIMS` aims, :func:`greedy_cover` takes
the involvement serving the most unserved aims per unit of money instead.
"""

from __future__ import annotations

from decimal import Decimal

from coproduce.costing._candidates import Candidate, Option

__all__ = ["MAX_EXACT_AIMS", "exact_cover", "greedy_cover"]

MAX_EXACT_AIMS = 16
"""Up to this many aims the fit serves the most aims exactly (2**16 subsets at most)."""

_ZERO = Decimal(0)

_Point = tuple[Decimal, Decimal, int, int, int]
"""(money, team hours, candidate position, option position, index of the rest's point)."""


def _front_insert(front: list[_Point], point: _Point) -> list[_Point]:
    """Keep only points no other point beats in both money and hours (ties: the first)."""
    money, hours = point[0], point[1]
    for m, h, *_ in front:
        if m <= money and h <= hours:
            return front
    kept = [p for p in front if not (money <= p[0] and hours <= p[1])]
    kept.append(point)
    kept.sort(key=lambda p: (p[0], p[1]))
    return kept


def exact_cover(
    candidates: list[Candidate], n_aims: int, money_left: Decimal, hours_left: Decimal
) -> list[tuple[int, Option]]:
    """The cheapest options serving the largest subset of aims that fits, exactly."""
    dp = _fronts(_items(candidates), (1 << n_aims) - 1)
    best = _best_point(dp, money_left, hours_left)
    if best is None:
        return []
    return _walk_back(dp, candidates, *best)


def _items(candidates: list[Candidate]) -> list[tuple[int, list[_Point]]]:
    """The cheapest items per distinct aim mask: an item is (money, hours, cand, option)."""
    by_mask: dict[int, list[_Point]] = {}
    for ci, c in enumerate(candidates):
        if not c.mask:
            continue
        for oi, o in enumerate(c.options):
            by_mask[c.mask] = _front_insert(by_mask.get(c.mask, []), (o.money, o.hours, ci, oi, -1))
    return sorted(by_mask.items())


def _fronts(items: list[tuple[int, list[_Point]]], full: int) -> list[list[_Point]]:
    """For every mask of aims, the Pareto front of ways to serve at least that mask."""
    dp: list[list[_Point]] = [[] for _ in range(full + 1)]
    dp[0] = [(_ZERO, _ZERO, -1, -1, -1)]
    for mask in range(1, full + 1):
        front: list[_Point] = []
        for item_mask, points in items:
            if not item_mask & mask:
                continue
            rest = mask & ~item_mask
            for rp_index, (rm, rh, *_) in enumerate(dp[rest]):
                for m, h, ci, oi, _ in points:
                    front = _front_insert(front, (rm + m, rh + h, ci, oi, rp_index))
        dp[mask] = front
    return dp


def _best_point(
    dp: list[list[_Point]], money_left: Decimal, hours_left: Decimal
) -> tuple[int, int] | None:
    """The mask and point serving the most aims within the budget, cheapest first."""
    best: tuple[tuple[int, Decimal, Decimal, int], int, int] | None = None
    for mask, front in enumerate(dp):
        for pi, (m, h, *_) in enumerate(front):
            if m <= money_left and h <= hours_left:
                # the most aims; then the cheapest; then the lowest mask (aims sorted by id)
                rank = (-bin(mask).count("1"), m, h, mask)
                if best is None or rank < best[0]:
                    best = (rank, mask, pi)
                break  # the front is sorted by money: later points cost more money
    return None if best is None else (best[1], best[2])


def _walk_back(
    dp: list[list[_Point]], candidates: list[Candidate], mask: int, pi: int
) -> list[tuple[int, Option]]:
    """The options along the way to a point, by candidate index (the dearest of repeats)."""
    chosen: dict[int, Option] = {}
    while mask:
        _, _, ci, oi, rest_pi = dp[mask][pi]
        c = candidates[ci]
        option = c.options[oi]
        previous = chosen.get(c.involvement)
        if previous is None or option.money > previous.money:
            chosen[c.involvement] = option
        mask &= ~c.mask
        pi = rest_pi
    return sorted(chosen.items())


def greedy_cover(
    candidates: list[Candidate], money_left: Decimal, hours_left: Decimal
) -> list[tuple[int, Option]]:
    """Many aims: take the involvement serving the most unserved aims per unit cost."""
    served = 0
    spent_money = spent_hours = _ZERO
    chosen: dict[int, Option] = {}
    while True:
        best: tuple[tuple[int, Decimal, tuple[int, str]], Candidate, Option] | None = None
        for c in candidates:
            gain = bin(c.mask & ~served).count("1")
            if not gain or c.involvement in chosen:
                continue
            o = min(c.options, key=lambda o: (o.money, o.hours))
            if spent_money + o.money > money_left or spent_hours + o.hours > hours_left:
                continue
            rank = (-gain, o.money / gain, c.key)
            if best is None or rank < best[0]:
                best = (rank, c, o)
        if best is None:
            return sorted(chosen.items())
        _, c, o = best
        chosen[c.involvement] = o
        served |= c.mask
        spent_money += o.money
        spent_hours += o.hours
