"""Strategies for projects, their stakeholders and aims, catalogues and appraisals."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from coproduce.appraisal import Appraisal, appraise
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    Aim,
    Alternative,
    AlternativeId,
    CareerStage,
    ConditionSetting,
    ContractType,
    Contribution,
    DecisionProcess,
    Governance,
    Involvement,
    Lean,
    Level,
    MitigationRecord,
    Mode,
    Motivation,
    Project,
    Researcher,
    Resources,
    Source,
    Stakeholder,
    StakeholderKind,
    Sufficiency,
    Support,
)

__all__ = [
    "aims",
    "appraisals",
    "catalogues",
    "extensions",
    "json_values",
    "optional_bool",
    "projects",
    "stakeholders",
    "texts",
    "unique",
]

_T = TypeVar("_T")

texts = st.text(st.characters(codec="utf-8"), max_size=30)
"""JSON-safe text."""
titles = texts.filter(lambda t: t.strip() != "")
"""A project's title: JSON-safe text that is not blank."""
_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
optional_bool = st.none() | st.booleans()
_opt_level = st.none() | st.sampled_from(Level)

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
"""Any JSON value (finite floats, integers within ±2**53, no lone surrogates)."""

extensions = st.dictionaries(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=8).map(lambda s: "x-" + s),
    json_values,
    max_size=2,
)
"""``x-`` extension keys with JSON values."""


def unique(
    elements: st.SearchStrategy[_T], key: Callable[[_T], Hashable], max_size: int
) -> st.SearchStrategy[tuple[_T, ...]]:
    return st.lists(elements, unique_by=key, max_size=max_size).map(tuple)


stakeholders = st.builds(
    Stakeholder,
    id=_ids,
    kind=st.sampled_from(StakeholderKind),
    description=texts,
    power=_opt_level,
    interest=_opt_level,
    brings=st.lists(st.sampled_from(Contribution), max_size=3, unique=True).map(tuple),
    familiar=st.booleans(),
    reimbursed=optional_bool,
    delivery_responsibility=optional_bool,
    expects_implementation_help=optional_bool,
    minors=optional_bool,
    adults_at_risk=optional_bool,
    on_benefits=optional_bool,
    access_needs=optional_bool,
    peer_researchers=optional_bool,
    small_community=optional_bool,
    extensions=extensions,
)
"""A stakeholder (ids are unique only within :func:`projects`)."""

aims = st.builds(
    Aim,
    id=_ids,
    description=texts,
    motivations=st.lists(st.sampled_from(Motivation), max_size=4, unique=True).map(tuple),
)
"""An aim."""


_researchers = unique(
    st.builds(
        Researcher,
        id=_ids,
        career_stage=st.none() | st.sampled_from(CareerStage),
        contract=st.none() | st.sampled_from(ContractType),
        carries_engagement=st.booleans(),
    ),
    lambda r: r.id,
    3,
)
_sufficiency = st.sampled_from(Sufficiency)
_resources = st.builds(
    Resources,
    time=_sufficiency,
    budget=_sufficiency,
    facilitation=_sufficiency,
    training=optional_bool,
)
_governance = st.builds(
    Governance,
    decisions=st.sampled_from(DecisionProcess),
    ground_rules=optional_bool,
    accountability=optional_bool,
    data_agreement=optional_bool,
    publication_agreement=optional_bool,
    ip_agreement=optional_bool,
)
_support = st.builds(
    Support,
    infrastructure=optional_bool,
    leadership=optional_bool,
    training=optional_bool,
    recognition=optional_bool,
    evaluation=optional_bool,
    diversity=optional_bool,
)


def _plans(
    cat: Catalogue, people: tuple[Stakeholder, ...], goals: tuple[Aim, ...]
) -> st.SearchStrategy[tuple[Involvement, ...]]:
    """Plans over the catalogue's stages and these stakeholders, at most one per pair."""
    goal_ids = [a.id for a in goals]
    return unique(
        st.builds(
            Involvement,
            stage=st.sampled_from([s.id for s in cat.stages]),
            stakeholder=st.sampled_from([s.id for s in people]),
            mode=st.sampled_from(Mode),
            aims=st.lists(st.sampled_from(goal_ids), unique=True, max_size=2).map(tuple)
            if goal_ids
            else st.just(()),
            embedded=st.booleans(),
            digital_only=optional_bool,
        ),
        lambda i: (i.stage, i.stakeholder),
        14,
    )


def _conditions(cat: Catalogue) -> st.SearchStrategy[tuple[ConditionSetting, ...]]:
    """Settings of the catalogue's Table 2 conditions, at most one per condition."""
    return unique(
        st.builds(
            ConditionSetting,
            condition=st.sampled_from([c.id for c in cat.conditions]),
            lean=st.sampled_from(Lean),
            note=texts,
        ),
        lambda c: c.condition,
        9,
    )


def _mitigation_records(cat: Catalogue) -> st.SearchStrategy[tuple[MitigationRecord, ...]]:
    """Records of the catalogue's mitigations (paper and practice), up to three."""
    return st.lists(
        st.builds(
            MitigationRecord,
            mitigation=st.sampled_from(
                [m.id for m in cat.practice.mitigations] + [m.id for m in cat.mitigations]
            ),
            document=texts,
            signed=optional_bool,
            owner=st.none() | _ids,
            review=st.none() | st.dates().map(lambda d: d.isoformat()),
            note=texts,
        ),
        max_size=3,
    ).map(tuple)


@st.composite
def projects(draw: st.DrawFn, catalogue: Catalogue | None = None) -> Project:
    """Valid projects: every reference resolves against ``catalogue``, no id repeats."""
    cat = catalogue if catalogue is not None else default_catalogue()
    people = draw(unique(stakeholders, lambda s: s.id, 6))
    goals = draw(unique(aims, lambda a: a.id, 4))
    plan = draw(_plans(cat, people, goals)) if people else ()
    return Project(
        title=draw(titles),
        description=draw(texts),
        aims=goals,
        stakeholders=people,
        researchers=draw(_researchers),
        plan=plan,
        conditions=draw(_conditions(cat)),
        resources=draw(_resources),
        governance=draw(_governance),
        support=draw(_support),
        identifiable_data=draw(optional_bool),
        implementation_support=draw(optional_bool),
        duration_weeks=draw(st.none() | st.integers(min_value=1, max_value=520)),
        engagement_gendered=draw(optional_bool),
        personal_data_shared=draw(optional_bool),
        sensitive_topic=draw(optional_bool),
        emergency_setting=draw(optional_bool),
        mitigation_records=draw(_mitigation_records(cat)),
        extensions=draw(extensions),
    )


def appraisals() -> st.SearchStrategy[Appraisal]:
    """Appraisals of :func:`projects` under the default catalogue and policy."""
    return projects().map(appraise)


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """The default catalogue, with relabelled entries and extra alternatives; always valid."""
    cat = default_catalogue()
    changed = draw(st.lists(st.sampled_from(cat.entries()), max_size=3, unique_by=lambda e: e.id))

    relabelled = [attrs.evolve(e, label=draw(texts.filter(str.strip))) for e in changed]
    extra = [
        Alternative(
            id=AlternativeId(f"alternative.extra-{i}"),
            label=draw(texts.filter(str.strip)),
            description=draw(texts),
            source=Source(page=draw(st.integers(1, 10)), locator=draw(texts.filter(str.strip))),
            serves=tuple(draw(st.lists(st.sampled_from(Motivation), min_size=1, unique=True))),
        )
        for i in range(draw(st.integers(0, 2)))
    ]
    return cat.with_entries(*relabelled, *extra, version=draw(st.sampled_from(["2019.1", "x.1"])))
