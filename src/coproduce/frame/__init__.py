"""Appraisals as tidy pandas DataFrames, for analysts (extra ``pandas``).

Every function takes one appraisal or an iterable of them and returns one row per thing —
risk, exposure cell, condition, finding, question, or project — with ``project`` (the
project's ``id``, or ``#N``, its position in the input, for a project without one) and
``title`` columns, so many projects stack into one table.

Ordinal columns are ordered categoricals, so they sort and compare by meaning, not by
spelling: ``severity`` and ``residual`` (low < medium < high), ``mode`` (recipient < … <
partnership), ``level`` (info < warning < concern), ``answer`` (open < partly < answered)
and ``verdict`` (clearly-less < … < clearly-more, then undetermined). ``lean`` and
``audience`` are unordered categoricals. Fields that hold several values (``stakeholders``,
``factors``, ``missing`` …) are list columns: one Python list per cell, ready for
``DataFrame.explode``.

Example:
    >>> from coproduce import appraise
    >>> from coproduce.io import examples, load_example
    >>> from coproduce import frame
    >>> results = [appraise(load_example(name)) for name in examples()]
    >>> table = frame.summary(results)
    >>> list(table.columns)[:4]
    ['project', 'title', 'verdict', 'score']
    >>> int(frame.risks(results).query("residual == 'high'").shape[0]) > 0
    True
    >>> risks = frame.risks(results)
    >>> list(risks["residual"].cat.categories)
    ['low', 'medium', 'high']
    >>> bool((risks["residual"] >= "medium").any())
    True
    >>> risks["stakeholders"].iloc[0][:1]
    ['ministry']

"""

from __future__ import annotations

from coproduce.frame._appraisals import (
    advice,
    contributions,
    exposure,
    findings,
    questions,
    risks,
    summary,
)
from coproduce.frame._costs import costs
from coproduce.frame._portfolios import portfolio, portfolio_tracking, tracking_rows

__all__ = [
    "advice",
    "contributions",
    "costs",
    "exposure",
    "findings",
    "portfolio",
    "portfolio_tracking",
    "questions",
    "risks",
    "summary",
    "tracking_rows",
]
