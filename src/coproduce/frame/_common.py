"""What every table of :mod:`coproduce.frame` shares: pandas (an extra), categorical columns."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from coproduce.appraisal import Action, Answer, Appraisal, FindingLevel, Severity, Verdict
from coproduce.model import Audience, Lean, Mode, Sphere

if TYPE_CHECKING:
    import pandas as pd


__all__ = ["CATEGORIES", "SEVERITY", "many", "name", "pandas_module", "records_table", "table"]


def pandas_module() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - exercised without the extra
        raise ImportError(
            "coproduce.frame needs pandas: pip install pandas "
            "(from a clone of coproduce: pip install -e '.[pandas]')"
        ) from exc
    return pandas


def many(appraisals: Appraisal | Iterable[Appraisal]) -> list[Appraisal]:
    return [appraisals] if isinstance(appraisals, Appraisal) else list(appraisals)


def name(result: Any, position: int) -> str:
    """The ``project`` column of a row: the project's id, else ``#N``, its place in the input.

    Example:
        >>> from coproduce import Project, appraise
        >>> name(appraise(Project(title="t", id="falls")), 0), name(appraise(Project(title="t")), 3)
        ('falls', '#3')

    """
    pid = getattr(result, "project_id", None)
    return pid if pid is not None else f"#{position}"


SEVERITY = [m.value for m in Severity]


CATEGORIES: dict[str, tuple[list[str], bool]] = {
    "severity": (SEVERITY, True),
    "residual": (SEVERITY, True),
    "mode": ([m.value for m in Mode], True),
    "planned_mode": ([m.value for m in Mode], True),
    "advised_mode": ([m.value for m in Mode], True),
    "deepest_mode": ([m.value for m in Mode], True),
    "level": ([m.value for m in FindingLevel], True),
    "answer": (
        [Answer.OPEN.value, Answer.PARTLY.value, Answer.ANSWERED_NO.value, Answer.ANSWERED.value],
        True,
    ),
    "action": ([m.value for m in Action], False),
    "sphere": ([m.value for m in Sphere], False),
    "verdict": ([m.value for m in Verdict], True),
    "lean": ([m.value for m in Lean], False),
    "audience": ([m.value for m in Audience], False),
}
"""Categorical columns: their categories in order, and whether the order means something."""


def table(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    pandas = pandas_module()
    frame: pd.DataFrame = pandas.DataFrame(rows, columns=columns)
    for column in columns:
        if column in CATEGORIES:
            categories, ordered = CATEGORIES[column]
            frame[column] = pandas.Categorical(
                frame[column], categories=categories, ordered=ordered
            )
    return frame


def records_table(records: Iterable[object], columns: list[str]) -> pd.DataFrame:
    """A table with one row per record and one column per attribute named in ``columns``."""
    return table([{c: getattr(r, c) for c in columns} for r in records], columns)
