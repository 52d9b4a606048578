"""The finding rules: one small registered check each, with its code, level and citations.

Each check's docstring (first line) says when it fires; ``docs/engine.md`` lists them from
this registry. An embedder disables one with ``Policy(disabled=...)`` and adds their own with
``Policy(rules=...)`` (:func:`coproduce.appraisal.finding_rule`).
"""

from __future__ import annotations

from coproduce.appraisal._context import Context
from coproduce.appraisal._registry import FINDINGS, Results
from coproduce.appraisal._results import Finding

# The rules register in this order, the order docs/engine.md lists them in.
# isort: off
from coproduce.appraisal._findings import _aims  # noqa: F401
from coproduce.appraisal._findings import _plan  # noqa: F401
from coproduce.appraisal._findings import _resources  # noqa: F401
from coproduce.appraisal._findings import _exposure  # noqa: F401
from coproduce.appraisal._findings import _questions  # noqa: F401

# isort: on

__all__ = ["collect_findings"]


def collect_findings(ctx: Context, results: Results) -> tuple[Finding, ...]:
    """Run every rule the policy enables; sort by level, code, inputs."""
    pol = ctx.policy
    out = []
    for rule in (*FINDINGS.values(), *pol.rules):
        if rule.code in pol.disabled:
            continue
        for hit in rule.check(ctx, results):
            ids = (*rule.cites, *hit.cites)
            if hit.citations:
                sources = ctx.index.cite(*ids) + hit.citations
                for i in ids:
                    sources += ctx.index.see_also.get(i, ())
                sources = tuple(dict.fromkeys(sources))
            else:
                sources = ctx.index.sources_of(ids)
            out.append(
                Finding(
                    code=rule.code,
                    level=rule.level,
                    message=hit.message,
                    inputs=hit.inputs,
                    citations=sources,
                )
            )
    return tuple(sorted(out, key=lambda f: (f.level.rank, f.code, f.inputs)))
