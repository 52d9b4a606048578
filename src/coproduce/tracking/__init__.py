"""Planned against actual: an involvement log set against the plan, and re-appraisal.

The paper asks teams and funders to evaluate what coproduction costs and achieves
(pp. 1, 6-8). This module is engine code, pure like :mod:`coproduce.costing`: functions of a
project and its :class:`~coproduce.model.InvolvementLog`, no I/O, exact ``Decimal`` sums,
results independent of the order of the documents' lists.

- :func:`track` — involvement per stage × stakeholder (planned and held), hours and money
  (planned, from :func:`coproduce.costing.cost`, and spent), who carried the work, risks
  foreseen and materialised, aims with and without observed impact.
- :func:`reappraise` — the project as it now stands (:func:`as_it_stands`), appraised again,
  with :func:`coproduce.compare` of the advice before and after.
- :func:`log_problems` — every unknown stage, risk code, stakeholder, researcher or aim a
  log names, with its path.

``compare`` is the old name of :func:`track` (it warns): :func:`coproduce.compare` sets two
appraisals side by side, which is another thing.
"""

from typing import TYPE_CHECKING

from coproduce._lazy import attach

if TYPE_CHECKING:
    from coproduce.tracking._check import (
        entry_problems,
        log_problems,
        risk_codes,
        risk_labels,
    )
    from coproduce.tracking._results import (
        AimImpact,
        Carrier,
        ImpactRow,
        InvolvementRow,
        MitigationRow,
        PlanChangeRow,
        Reappraisal,
        RiskRecordRow,
        RiskRow,
        Tracking,
    )
    from coproduce.tracking._track import as_it_stands, reappraise, track

    compare = track  # the old name; at run time it warns (DeprecationWarning)

__all__ = [
    "AimImpact",
    "Carrier",
    "ImpactRow",
    "InvolvementRow",
    "MitigationRow",
    "PlanChangeRow",
    "Reappraisal",
    "RiskRecordRow",
    "RiskRow",
    "Tracking",
    "as_it_stands",
    "entry_problems",
    "log_problems",
    "reappraise",
    "risk_codes",
    "risk_labels",
    "track",
]

if not TYPE_CHECKING:  # type checkers read the imports above, and catch misspelt names
    __getattr__, __dir__ = attach(
        __name__,
        __all__,
        ("coproduce.tracking._check", "coproduce.tracking._results", "coproduce.tracking._track"),
        renamed={"compare": "track"},
    )
