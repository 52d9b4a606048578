"""Hypothesis strategies for valid projects (the public ones arrive with coproduce.testing)."""

from __future__ import annotations

from hypothesis import strategies as st

from coproduce import default_catalogue
from coproduce.model import (
    Aim,
    CareerStage,
    ConditionSetting,
    ContractType,
    Contribution,
    DecisionProcess,
    Governance,
    Involvement,
    Lean,
    Level,
    Mode,
    Motivation,
    Project,
    Researcher,
    Resources,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
    Support,
)

CAT = default_catalogue()
STAGES = [s.id for s in CAT.stages]
CONDITIONS = [c.id for c in CAT.conditions]

opt_bool = st.none() | st.booleans()
opt_level = st.none() | st.sampled_from(Level)
ids = st.text(alphabet="abcdefghij-", min_size=1, max_size=6)


def _unique_tuple(elements, key, max_size):
    return st.lists(elements, unique_by=key, max_size=max_size).map(tuple)


stakeholders = _unique_tuple(
    st.builds(
        Stakeholder,
        id=ids,
        kind=st.sampled_from(StakeholderKind),
        description=st.text(max_size=10),
        power=opt_level,
        interest=opt_level,
        brings=st.lists(st.sampled_from(Contribution), max_size=3, unique=True).map(tuple),
        familiar=st.booleans(),
        reimbursed=opt_bool,
        delivery_responsibility=opt_bool,
    ),
    key=lambda s: s.id,
    max_size=6,
)

aims = _unique_tuple(
    st.builds(
        Aim,
        id=ids,
        description=st.text(max_size=10),
        motivations=st.lists(st.sampled_from(Motivation), max_size=4, unique=True).map(tuple),
    ),
    key=lambda a: a.id,
    max_size=4,
)

researchers = _unique_tuple(
    st.builds(
        Researcher,
        id=ids,
        career_stage=st.none() | st.sampled_from(CareerStage),
        contract=st.none() | st.sampled_from(ContractType),
        carries_engagement=st.booleans(),
    ),
    key=lambda r: r.id,
    max_size=3,
)

conditions = _unique_tuple(
    st.builds(ConditionSetting, condition=st.sampled_from(CONDITIONS), lean=st.sampled_from(Lean)),
    key=lambda c: c.condition,
    max_size=9,
)

sufficiency = st.sampled_from(Sufficiency)
resources = st.builds(
    Resources, time=sufficiency, budget=sufficiency, facilitation=sufficiency, training=opt_bool
)
governance = st.builds(
    Governance,
    decisions=st.sampled_from(DecisionProcess),
    ground_rules=opt_bool,
    accountability=opt_bool,
    data_agreement=opt_bool,
    publication_agreement=opt_bool,
)
support = st.builds(
    Support,
    infrastructure=opt_bool,
    leadership=opt_bool,
    training=opt_bool,
    recognition=opt_bool,
    evaluation=opt_bool,
    diversity=opt_bool,
)


@st.composite
def projects(draw: st.DrawFn) -> Project:
    """Valid projects: every reference resolves, no id repeats."""
    people = draw(stakeholders)
    goals = draw(aims)
    plan: tuple[Involvement, ...] = ()
    if people:
        plan = draw(
            _unique_tuple(
                st.builds(
                    Involvement,
                    stage=st.sampled_from(STAGES),
                    stakeholder=st.sampled_from([s.id for s in people]),
                    mode=st.sampled_from(Mode),
                    aims=st.lists(
                        st.sampled_from([a.id for a in goals]), unique=True, max_size=2
                    ).map(tuple)
                    if goals
                    else st.just(()),
                ),
                key=lambda i: (i.stage, i.stakeholder),
                max_size=14,
            )
        )
    return Project(
        title=draw(st.text(min_size=1, max_size=20)),
        aims=goals,
        stakeholders=people,
        researchers=draw(researchers),
        plan=plan,
        conditions=draw(conditions),
        resources=draw(resources),
        governance=draw(governance),
        support=draw(support),
        identifiable_data=draw(opt_bool),
    )
