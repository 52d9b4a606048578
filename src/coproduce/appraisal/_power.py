"""What a stakeholder is and does that gives it power over the findings.

High power, funding the study, owning intellectual property or answering for delivery give
power over the findings, whatever the stakeholder's kind (issue #27); the agreements that
follow from it come first (see :mod:`coproduce.appraisal._prerequisites`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coproduce.model import (
    Contribution,
    Level,
    Sphere,
    Stakeholder,
)

if TYPE_CHECKING:
    pass

__all__ = ["commercial_interest", "has_power_over_findings", "power_facts"]


def power_facts(s: Stakeholder) -> tuple[tuple[str, str], ...]:
    """What gives ``s`` power over the findings, whatever its kind: (what, field) pairs.

    A commercial partner; any party that owns intellectual property the study uses or makes,
    or answers for delivering the policy studied (Table 2, row 2); and, outside the lay
    sphere, any party of high power or that funds the study (``brings: money``). A lay
    group's power and money are what user-led research is for, not a conflict over the
    findings (p. 3 notes that a stakeholder's money often marks an authentic partnership).
    """
    out: list[tuple[str, str]] = []
    lay = s.kind.sphere is Sphere.LAY
    if s.kind.sphere is Sphere.COMMERCIAL:
        out.append(("is a commercial partner", f"stakeholders[{s.id}].kind"))
    if s.power is Level.HIGH and not lay:
        out.append(("has high power", f"stakeholders[{s.id}].power"))
    if Contribution.MONEY in s.brings and not lay:
        out.append(("funds the study", f"stakeholders[{s.id}].brings"))
    if s.owns_ip is True:
        out.append(("owns intellectual property", f"stakeholders[{s.id}].owns_ip"))
    if s.delivery_responsibility is True:
        out.append(
            ("answers for delivering the policy", f"stakeholders[{s.id}].delivery_responsibility")
        )
    return tuple(out)


def has_power_over_findings(s: Stakeholder) -> bool:
    """Whether ``s`` has power over the findings (:func:`power_facts`), whatever its kind."""
    return bool(power_facts(s))


def commercial_interest(s: Stakeholder) -> bool:
    """A commercial partner, or any party that owns intellectual property in the work."""
    return s.kind.sphere is Sphere.COMMERCIAL or s.owns_ip is True
