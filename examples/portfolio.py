"""Analyse a funder's portfolio: appraise many projects, then summarise with pandas.

The portfolio here is generated from the bundled examples with varied plans and contexts
(deterministically, from a fixed seed), standing in for a funder's files. With pandas
installed (``pip install 'coproduce[pandas]'``) it prints the distribution of verdicts, the
most frequent high risks, and who bears the costs across the portfolio — the view the
paper's questions for organisations and funders ask for (p. 7).

Usage: python examples/portfolio.py [N]   (default 200 projects)
"""

from __future__ import annotations

import random
import sys
from collections import Counter

import attrs

from coproduce import ConditionSetting, Lean, Project, appraise, default_catalogue
from coproduce.io import examples, load_example


def portfolio(n: int, seed: int = 2019) -> list[Project]:
    """``n`` projects varied from the bundled examples."""
    rng = random.Random(seed)
    bases = [load_example(name) for name in examples()]
    conditions = [c.id for c in default_catalogue().conditions]
    out = []
    for i in range(n):
        base = rng.choice(bases)
        leans = tuple(
            ConditionSetting(condition=c, lean=rng.choice(list(Lean))) for c in conditions
        )
        plan = tuple(inv for inv in base.plan if rng.random() < 0.8)
        out.append(attrs.evolve(base, title=f"{base.title} #{i}", conditions=leans, plan=plan))
    return out


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 200
    results = [appraise(p) for p in portfolio(n)]
    try:
        from coproduce import frame
    except ImportError:
        print(Counter(a.emphasis.verdict.value for a in results).most_common())
        return 0
    summary = frame.summary(results)
    print(f"{n} projects\n\nTable 2 verdicts (decision-makers):")
    print(summary["verdict"].value_counts().to_string())
    advice = frame.advice(results)
    print("\nadvice per stakeholder, by sphere:")
    per = advice.drop_duplicates(["project", "stakeholder"])
    print(per.groupby(["sphere", "verdict"]).size().to_string())
    risks = frame.risks(results)
    high = risks[risks["residual"] == "high"]
    print("\nmost frequent high risks (after mitigations):")
    print(high.groupby(["stage", "label"]).size().nlargest(5).to_string())
    exposure = frame.exposure(results)
    least = exposure[exposure["least_able"]].groupby("bearer")["high"].sum()
    print("\nhigh risks whose costs fall on those least able to bear them:")
    print(least.sort_values(ascending=False).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
