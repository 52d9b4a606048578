"""The key questions for individuals and for organisations (pp. 6-7), each by its evaluator.

A question is *answered* when every field that answers it is known and none says the thing
is missing; *answered-no* when every field is known and at least one says it is missing (no
budget, no recognition, no evaluation); *partly* when some fields are known; *open* when none.
"""

from __future__ import annotations

from coproduce.appraisal._context import Context
from coproduce.appraisal._registry import QUESTIONS
from coproduce.appraisal._results import QuestionStatus
from coproduce.appraisal._verdicts import Answer
from coproduce.catalogue import Catalogue
from coproduce.model import Audience, Citation, Question, QuestionId

__all__ = ["assess_questions"]


def _in_order(catalogue: Catalogue) -> tuple[Question, ...]:
    """The key questions, individuals first, by number: sorted once per catalogue."""
    return tuple(
        sorted(catalogue.questions, key=lambda q: (q.audience is Audience.ORGANISATIONS, q.number))
    )


def assess_questions(ctx: Context) -> tuple[QuestionStatus, ...]:
    """Every key question of the catalogue, individuals first, by number."""
    out = []
    evaluators = ctx.policy.evaluators
    for q in ctx.catalogue.memo("coproduce.appraisal.questions", _in_order):
        known: list[str] = []
        unknown: list[str] = []
        no: list[str] = []
        for f in QUESTIONS.get(q.id, evaluators)(ctx):
            if f.known:
                known.append(f.path)
                if f.absent:
                    no.append(f.path)
            else:
                unknown.append(f.path)
        have, missing, absent = tuple(known), tuple(unknown), tuple(no)
        if have and not missing:
            answer = Answer.ANSWERED_NO if absent else Answer.ANSWERED
        else:
            answer = Answer.PARTLY if have else Answer.OPEN
        out.append(
            QuestionStatus(
                question=QuestionId(q.id),
                audience=q.audience,
                number=q.number,
                label=q.label,
                answer=answer,
                answered_by=have,
                missing=missing,
                absent=absent,
                source=ctx.index.citations.get(q.id) or Citation.of(q.id, q.source),
            )
        )
    return tuple(out)
