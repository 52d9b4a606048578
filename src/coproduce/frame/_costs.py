"""Tables of costings: one row per priced line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coproduce.costing import Costing

if TYPE_CHECKING:
    import pandas as pd


from coproduce.frame._common import name, table

__all__ = ["costs"]


_COST_COLUMNS = [
    "project",
    "currency",
    "path",
    "kind",
    "heading",
    "stage",
    "party",
    "bearer",
    "lay",
    "quantity",
    "rate",
    "money",
    "hours",
    "unpaid_hours",
    "declined_hours",
    "before_grant",
    "priced",
]


def costs(costings: Costing | Iterable[Costing | None]) -> pd.DataFrame:
    """One row per costed line (:func:`coproduce.costing.cost`), with numeric columns.

    ``quantity``, ``rate``, ``money``, ``hours``, ``unpaid_hours`` and ``declined_hours`` are
    floats (``NaN`` for a missing rate, or money a rate card does not price; ``priced`` says
    which); the engine's exact ``Decimal`` amounts are in :class:`~coproduce.costing.Line`.
    ``project`` is the project's id, or ``#N`` (its position in the input, from 0) for a
    project without one (``None`` items, projects without a costing, keep their position
    and add no rows).

    Example:
        >>> from coproduce.costing import cost
        >>> from coproduce.io import load_example
        >>> from coproduce import frame
        >>> names = ("contested-policy", "no-resources")
        >>> table = frame.costs([cost(load_example(n)) for n in names])
        >>> table.groupby("project")["money"].sum().round(2).to_dict()
        {'#1': 8650.0, 'contested-policy': 2656.0}
        >>> str(table["hours"].dtype)
        'float64'

    """
    many = [costings] if isinstance(costings, Costing) else list(costings)
    rows = [
        {
            "project": name(c, i),
            "currency": c.currency,
            "path": ln.path,
            "kind": ln.kind.value,
            "heading": ln.heading,
            "stage": ln.stage,
            "party": ln.party,
            "bearer": ln.bearer,
            "lay": ln.lay,
            "quantity": float(ln.quantity),
            "rate": float("nan") if ln.rate is None else float(ln.rate),
            "money": float("nan") if ln.money is None else float(ln.money),
            "hours": float(ln.hours),
            "unpaid_hours": float(ln.unpaid_hours),
            "declined_hours": float(ln.declined_hours),
            "before_grant": ln.before_grant,
            "priced": ln.money is not None,
        }
        for i, c in enumerate(many)
        if c is not None
        for ln in c.lines
    ]
    frame = table(rows, _COST_COLUMNS)
    for column in ("quantity", "rate", "money", "hours", "unpaid_hours", "declined_hours"):
        frame[column] = frame[column].astype("float64")
    return frame
