"""The best plan within the budget, searched exactly over every plan of a small costing.

Each candidate (an involvement the fit may change) is kept in full, at one of its lighter
levels, or dropped. A plan is **allowed** when its money and team hours fit what the fixed
costs left and it keeps no involvement while dropping one it depends on (``after:``).
Among allowed plans the best is, in this order (:func:`score`):

1. the most aims served;
2. the most involvements kept (lighter or in full): a meeting is dropped only when no
   lighter level of anything keeps it within the budget;
3. the fewest steps down from the plan as drawn (each lighter level is one step);
4. the most money used: of two plans that keep as much, the one that uses the budget;
5. then the earliest in (stage order, stakeholder) order, fuller first.

:func:`best_plan` walks every plan when there are at most :data:`MAX_EXACT_PLANS`;
beyond that, the fit chooses greedily and :func:`keep_dependencies` drops what depends on a
dropped involvement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from coproduce.costing._candidates import Candidate, Option

__all__ = ["MAX_EXACT_PLANS", "Score", "best_plan", "keep_dependencies", "plans", "score"]

MAX_EXACT_PLANS = 20_000
"""The most plans (the product of each candidate's options, dropping included) walked."""

_ZERO = Decimal(0)

Score = tuple[int, int, int, Decimal]
"""A plan's merit, larger better: aims served, kept, minus steps down, money used."""

_Choice = dict[int, Option | None]


def plans(candidates: Sequence[Candidate]) -> int:
    """How many plans there are: each candidate's options and dropping it, multiplied."""
    n = 1
    for c in candidates:
        n *= len(c.options) + 1
    return n


def score(candidates: Sequence[Candidate], picks: Sequence[int]) -> Score:
    """The merit of a plan: ``picks[k]`` is candidate ``k``'s option, ``len(options)`` drop."""
    served = kept = steps = 0
    money = _ZERO
    for c, pick in zip(candidates, picks, strict=True):
        if pick < len(c.options):
            served |= c.mask
            kept += 1
            steps += pick
            money += c.options[pick].money
    return (bin(served).count("1"), kept, -steps, money)


def allowed(
    candidates: Sequence[Candidate],
    picks: Sequence[int],
    left: tuple[Decimal, Decimal],
    needs: Mapping[int, tuple[int, ...]],
) -> bool:
    """Whether a plan fits the money and hours left and keeps what its kept ones depend on."""
    money = hours = _ZERO
    for k, (c, pick) in enumerate(zip(candidates, picks, strict=True)):
        if pick == len(c.options):
            continue
        money += c.options[pick].money
        hours += c.options[pick].hours
        if any(picks[d] == len(candidates[d].options) for d in needs.get(k, ())):
            return False
    return money <= left[0] and hours <= left[1]


def best_plan(
    candidates: Sequence[Candidate],
    left: tuple[Decimal, Decimal],
    needs: Mapping[int, tuple[int, ...]],
) -> _Choice:
    """The best allowed plan, by :func:`score`, over every plan (see the module).

    ``needs[k]`` are the positions of the candidates candidate ``k`` depends on. Plans are
    walked fuller first in candidate order, so the first of equal merit is the earliest.
    """
    best: tuple[Score, list[int]] | None = None
    picks = [0] * len(candidates)
    while True:
        if allowed(candidates, picks, left, needs):
            merit = score(candidates, picks)
            if best is None or merit > best[0]:
                best = (merit, picks.copy())
        if not _next(candidates, picks):
            break
    chosen = best[1] if best is not None else [len(c.options) for c in candidates]
    return {
        c.involvement: (c.options[p] if p < len(c.options) else None)
        for c, p in zip(candidates, chosen, strict=True)
    }


def _next(candidates: Sequence[Candidate], picks: list[int]) -> bool:
    """Step ``picks`` to the next plan (the last candidate fastest); ``False`` after the last."""
    for k in range(len(picks) - 1, -1, -1):
        if picks[k] < len(candidates[k].options):
            picks[k] += 1
            return True
        picks[k] = 0
    return False


def keep_dependencies(
    candidates: Sequence[Candidate], choice: _Choice, needs: Mapping[int, tuple[int, ...]]
) -> None:
    """Drop, in ``choice``, every kept candidate that depends on a dropped one, until none do."""
    changed = True
    while changed:
        changed = False
        for k, c in enumerate(candidates):
            if choice[c.involvement] is None:
                continue
            if any(choice[candidates[d].involvement] is None for d in needs.get(k, ())):
                choice[c.involvement] = None
                changed = True
