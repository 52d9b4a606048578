"""What the planned involvement costs in money and hours, who gives them, and what fits.

The paper asks every team to work out the costs of coproduction and who carries them (key
question 3, p. 7); this module does the arithmetic for the part that money and hours
measure, and sets the paper's other costs beside it. It is engine code: pure functions of
a project (and a rate card), no I/O, exact ``Decimal`` arithmetic, results independent of
the order of the document's lists.

- :func:`cost` — money and hours per line, per stage × party, per stage (with the
  catalogue's non-monetary costs beside the money) and per bearer; the share of the
  involvement budget and the gap to it; unpaid hours of lay contributors and of
  early-career or fixed-term researchers.
- :func:`fit` — the plan that keeps the most of what the aims need within a budget: what
  it does to each involvement is a :class:`FitChange` (``Change``, its old name, is a
  deprecated alias that warns).
- :func:`costing_problems` — every reference, rate card and currency problem, with paths.
- :func:`default_rate_card` — the card coproduce ships (NIHR payment guidance, rates without
  amounts); read your own with :func:`coproduce.io.load_rate_card`.

The rules are documented in ``docs/costing.md``.
"""

import warnings
from typing import TYPE_CHECKING, Any

from coproduce.costing._bearers import bearer_of_kind, bearer_of_researcher
from coproduce.costing._budget import FORM_HEADINGS
from coproduce.costing._check import costing_problems
from coproduce.costing._cost import cost
from coproduce.costing._lines import HEADINGS, RateTable, rate_table
from coproduce.costing._results import (
    BearerTotal,
    CellTotal,
    Costing,
    Fit,
    FitChange,
    FundTotal,
    HeadingTotal,
    Line,
    LineKind,
    StageTotal,
    Verb,
    YearTotal,
)
from coproduce.costing._shipped import default_rate_card

if TYPE_CHECKING:
    from coproduce.costing._fit import MAX_EXACT_AIMS, fit

    Change = FitChange
    """Deprecated: the old name of :class:`FitChange`."""

__all__ = [
    "FORM_HEADINGS",
    "HEADINGS",
    "MAX_EXACT_AIMS",
    "BearerTotal",
    "CellTotal",
    "Costing",
    "Fit",
    "FitChange",
    "FundTotal",
    "HeadingTotal",
    "Line",
    "LineKind",
    "RateTable",
    "StageTotal",
    "Verb",
    "YearTotal",
    "bearer_of_kind",
    "bearer_of_researcher",
    "cost",
    "costing_problems",
    "default_rate_card",
    "fit",
    "rate_table",
]


_RENAMED = {"Change": "FitChange"}
"""Old names kept for one release: each warns (``DeprecationWarning``) with its new name."""


def __getattr__(name: str) -> Any:
    """The fitter, loaded on first use (costing a project never needs it); old names, warned of."""
    if name in _RENAMED:
        new = _RENAMED[name]
        warnings.warn(
            f"coproduce.costing.{name} is renamed coproduce.costing.{new} (a change the plan "
            "that fits makes, not coproduce.appraisal.Change)",
            DeprecationWarning,
            stacklevel=2,
        )
        return globals()[new]
    if name not in ("MAX_EXACT_AIMS", "fit"):
        raise AttributeError(f"module 'coproduce.costing' has no attribute {name!r}")
    from coproduce.costing import _fit

    value = getattr(_fit, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
