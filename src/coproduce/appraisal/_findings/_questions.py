"""Findings about the key questions left open and the practice layer's unmitigated risks."""

from __future__ import annotations

from collections.abc import Iterator

from coproduce.appraisal._context import Context
from coproduce.appraisal._findings._rule import WARNING, _rule
from coproduce.appraisal._registry import (
    Hit,
    Results,
)
from coproduce.appraisal._verdicts import Answer
from coproduce.model import Audience

__all__: list[str] = []


_STRUCTURE = {
    1: "infrastructure and leadership for coproduction",
    2: "training in coproduction",
    3: "reward and recognition for the work of coproduction",
    4: "evaluation of what coproduction achieves",
    5: "attention to diversity in who takes part",
}


@_rule("organisation.support-absent", WARNING)
def _support_absent(ctx: Context, r: Results) -> Iterator[Hit]:
    """An organisational question is answered 'no': fixable structure, not a coproduction cost."""
    for q in r.questions:
        if q.audience is Audience.ORGANISATIONS and q.answer is Answer.ANSWERED_NO:
            yield Hit(
                "For the research organisation or funder: there is no "
                f"{_STRUCTURE.get(q.number, q.label.lower())} "
                f"({', '.join(q.absent)}). This is structure they can put right, not a cost of "
                "coproducing; ask for it.",
                q.absent,
                (q.question,),
            )


@_rule("governance.decisions-open", WARNING, "question.individuals.decisions")
def _decisions_open(ctx: Context, r: Results) -> Iterator[Hit]:
    """How decisions are taken and accountability shared is not settled (question 4)."""
    if not ctx.project.plan:
        return
    for q in r.questions:
        if q.question == "question.individuals.decisions" and q.answer in (
            Answer.OPEN,
            Answer.PARTLY,
        ):
            yield Hit(
                "How decisions are taken, and how responsibility and accountability are shared, "
                f"is not settled ({', '.join(q.missing)}).",
                q.missing,
            )


@_rule("evaluation.none", WARNING, "question.organisations.evaluation")
def _evaluation(ctx: Context, r: Results) -> Iterator[Hit]:
    """The coproduction itself will not be evaluated, or nobody has said (pp. 1, 7)."""
    value = ctx.project.support.evaluation
    if not ctx.project.plan or value is True:
        return
    said = (
        "will not be evaluated"
        if value is False
        else "has no evaluation planned that anyone has said"
    )
    yield Hit(
        f"The coproduction itself {said}: the paper's central gap is that nobody knows what "
        "coproduction costs and achieves. Plan how to evaluate it.",
        ("support.evaluation",),
    )


@_rule("practice.unmitigated", WARNING)
def _practice(ctx: Context, r: Results) -> Iterator[Hit]:
    """A practice-layer risk the facts raise has mitigations not yet in place (their evidence)."""
    for risk in r.practice:
        missing = risk.unmitigated
        if not missing:
            continue
        who = ", ".join(risk.stakeholders) or f"the {risk.sphere.value} sphere"
        yield Hit(
            f"{risk.label} ({who}): put in place "
            + "; ".join(m.label[:1].lower() + m.label[1:].rstrip(".") for m in missing)
            + ". Practice guidance, not the paper.",
            risk.facts,
            citations=risk.citations,
        )
