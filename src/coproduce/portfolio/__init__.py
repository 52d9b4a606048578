"""Portfolios: many projects at once, appraised, costed and tracked against their logs.

Two views of one folder (or stream) of projects, on any ``concurrent.futures`` Executor, in
constant memory:

- the **appraisal portfolio**: :func:`appraise_many` streams appraisals, :class:`Portfolio`
  adds them up into a :class:`PortfolioSummary` (verdicts, risks, who bears the costs, money);
- the **funder's view**: :func:`track_many` compares each project with its involvement log,
  :class:`TrackingPortfolio` adds them up into a :class:`PortfolioTracking`;
- which file is which: :func:`pairs` (each project and its log), :func:`project_for` (a log's
  project), :func:`log_for` (a project's log), :func:`unmatched_logs` (logs no project
  took). These load no engine.

Names load on first use, so finding a log's project costs no more than reading two files.
"""

from typing import TYPE_CHECKING

from coproduce._lazy import attach

if TYPE_CHECKING:
    from coproduce.portfolio._batch import Outcome, appraise_many
    from coproduce.portfolio._files import (
        DOCUMENT_SUFFIXES,
        LOG_SUFFIXES,
        documents,
        log_for,
        pairs,
        project_for,
        project_names,
        unmatched_logs,
    )
    from coproduce.portfolio._summary import (
        CostTotal,
        ExposureTotal,
        Portfolio,
        PortfolioEntry,
        PortfolioSummary,
        ProjectRow,
        QuestionTally,
        RiskTally,
        summarise,
    )
    from coproduce.portfolio._tracking import (
        CurrencySpend,
        KindHours,
        OrganisationAnswer,
        PortfolioRisk,
        PortfolioTracking,
        TrackingPortfolio,
        issue_line,
        problem_line,
        track_many,
        track_one,
    )

__all__ = [
    "DOCUMENT_SUFFIXES",
    "LOG_SUFFIXES",
    "CostTotal",
    "CurrencySpend",
    "ExposureTotal",
    "KindHours",
    "OrganisationAnswer",
    "Outcome",
    "Portfolio",
    "PortfolioEntry",
    "PortfolioRisk",
    "PortfolioSummary",
    "PortfolioTracking",
    "ProjectRow",
    "QuestionTally",
    "RiskTally",
    "TrackingPortfolio",
    "appraise_many",
    "documents",
    "issue_line",
    "log_for",
    "pairs",
    "problem_line",
    "project_for",
    "project_names",
    "summarise",
    "track_many",
    "track_one",
    "unmatched_logs",
]

if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names
    __getattr__, __dir__ = attach(
        __name__,
        __all__,
        tuple(f"coproduce.portfolio.{m}" for m in ("_files", "_batch", "_summary", "_tracking")),
    )
