"""The key questions for individuals and for organisations (pp. 6-7)."""

from __future__ import annotations

from collections.abc import Iterable

from coproduce.appraisal._base import (
    ProjectView,
)
from coproduce.appraisal._results import (
    Answer,
    Citation,
    QuestionStatus,
)
from coproduce.catalogue import Catalogue
from coproduce.model import (
    Audience,
    DecisionProcess,
    QuestionId,
    Sphere,
    Sufficiency,
)

__all__ = ["assess_questions"]

# --------------------------------------------------------------------------- key questions


def assess_questions(view: ProjectView, cat: Catalogue) -> tuple[QuestionStatus, ...]:
    p = view.project
    g, r, s = p.governance, p.resources, p.support

    def known(pairs: Iterable[tuple[str, bool]]) -> tuple[list[str], list[str]]:
        have: list[str] = []
        missing: list[str] = []
        for name, ok in pairs:
            (have if ok else missing).append(name)
        return have, missing

    stakeholders = sorted(p.stakeholders, key=lambda x: x.id)
    plan = [i for invs in view.by_stage.values() for i in invs]
    lay = [x for x in stakeholders if x.kind.sphere is Sphere.LAY]
    fields: dict[tuple[Audience, int], tuple[list[str], list[str]]] = {
        (Audience.INDIVIDUALS, 1): known(
            (f"stakeholders[{x.id}].brings", bool(x.brings)) for x in stakeholders
        )
        if stakeholders
        else ([], ["stakeholders"]),
        (Audience.INDIVIDUALS, 2): known(
            [
                ("aims", bool(p.aims)),
                ("plan", bool(plan)),
                *((f"plan[{i.stage}/{i.stakeholder}].aims", bool(i.aims)) for i in plan),
            ]
        ),
        (Audience.INDIVIDUALS, 3): known(
            [
                ("resources.time", r.time is not Sufficiency.UNKNOWN),
                ("resources.budget", r.budget is not Sufficiency.UNKNOWN),
                ("resources.facilitation", r.facilitation is not Sufficiency.UNKNOWN),
                *((f"stakeholders[{x.id}].reimbursed", x.reimbursed is not None) for x in lay),
            ]
        ),
        (Audience.INDIVIDUALS, 4): known(
            [
                ("governance.decisions", g.decisions is not DecisionProcess.UNSPECIFIED),
                ("governance.accountability", g.accountability is not None),
                ("governance.ground_rules", g.ground_rules is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 1): known(
            [
                ("support.infrastructure", s.infrastructure is not None),
                ("support.leadership", s.leadership is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 2): known(
            [
                ("support.training", s.training is not None),
                ("resources.training", r.training is not None),
            ]
        ),
        (Audience.ORGANISATIONS, 3): known([("support.recognition", s.recognition is not None)]),
        (Audience.ORGANISATIONS, 4): known([("support.evaluation", s.evaluation is not None)]),
        (Audience.ORGANISATIONS, 5): known([("support.diversity", s.diversity is not None)]),
    }
    out = []
    for q in sorted(cat.questions, key=lambda q: (q.audience is Audience.ORGANISATIONS, q.number)):
        have, missing = fields.get((q.audience, q.number), ([], []))
        if have and not missing:
            answer = Answer.ANSWERED
        elif have:
            answer = Answer.PARTLY
        else:
            answer = Answer.OPEN
        out.append(
            QuestionStatus(
                question=QuestionId(q.id),
                audience=q.audience,
                number=q.number,
                label=q.label,
                answer=answer,
                answered_by=tuple(have),
                missing=tuple(missing),
                source=Citation.of(q.id, q.source),
            )
        )
    return tuple(out)
