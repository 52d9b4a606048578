"""Where a stakeholder's advice starts, read from what it is and does: two small predicates.

Kept apart so that every step (the context, capacity, ceilings, findings) reads them the same
way without importing one another.
"""

from __future__ import annotations

from coproduce.model import Contribution, Sphere, Stakeholder

__all__ = ["row2", "table2_basis"]

_TABLE2 = (Sphere.DECISION, Sphere.COMMERCIAL)


def table2_basis(s: Stakeholder) -> bool:
    """Whether ``s`` is advised from Table 2: by what it is and does, not its kind alone.

    Decision-makers and commercial partners; and a party of any kind that owns intellectual
    property in the study or answers for delivering the policy studied, or, outside the lay
    sphere, funds the study (``brings: money``): Table 2 weighs exactly these (rows 2 and 4).
    A lay organisation's money is not among them: the paper notes that a stakeholder's
    financial contribution often marks an authentic coproduction partnership (p. 3), and
    user-led research is what such money is for.
    """
    return (
        s.kind.sphere in _TABLE2
        or s.owns_ip is True
        or s.delivery_responsibility is True
        or (Contribution.MONEY in s.brings and s.kind.sphere is not Sphere.LAY)
    )


def row2(s: Stakeholder) -> bool | None:
    """Table 2 row 2 read from one stakeholder: a conflict of interest hard to manage or not.

    From its delivery responsibility when known (the paper's example); else a commercial
    interest in the findings (a commercial partner, or one that owns intellectual property
    in the work) reads as a conflict, by this tool's reading; else ``None`` (as stated).
    """
    if s.delivery_responsibility is not None:
        return s.delivery_responsibility
    if s.kind.sphere is Sphere.COMMERCIAL or s.owns_ip is True:
        return True
    return None
