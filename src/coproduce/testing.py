"""Hypothesis strategies for every document type, for your own property-based tests.

Install with the ``testing`` extra (from a clone: ``pip install -e '.[testing]'``). Every strategy
produces valid, JSON-safe values: texts without lone surrogates, integers within ±2**53,
finite floats, references that resolve, no repeated ids. Importing this module registers
the strategies with Hypothesis, so ``st.from_type(Project)`` works.

Example:
    >>> from hypothesis import given, settings
    >>> from coproduce import appraise
    >>> from coproduce.testing import projects
    >>> @settings(max_examples=5)
    ... @given(projects())
    ... def test_appraisal_cites(p):
    ...     assert all(f.sources for f in appraise(p).findings)
    >>> test_appraisal_cites()

"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Hashable, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from coproduce.appraisal import Appraisal, appraise
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    Activity,
    Aim,
    Alternative,
    AlternativeId,
    CareerStage,
    ConditionSetting,
    ContractType,
    Contribution,
    CostingPlan,
    DecisionProcess,
    Expense,
    ExpenseBasis,
    ExpenseKind,
    Governance,
    ImpactArea,
    ImpactRecord,
    Involvement,
    InvolvementCosting,
    InvolvementLog,
    Lean,
    Level,
    Lighter,
    LogEntry,
    MaterialisedRisk,
    MitigationRecord,
    Mode,
    Motivation,
    Participation,
    PaymentMethod,
    Project,
    Rate,
    RateCard,
    RateUnit,
    Researcher,
    ResearcherId,
    Resources,
    SessionFormat,
    Source,
    Spend,
    StaffTime,
    Stakeholder,
    StakeholderId,
    StakeholderKind,
    Subcontract,
    Sufficiency,
    Support,
    TeamHours,
    TeamTime,
)
from coproduce.tracking import risk_codes

__all__ = [
    "aims",
    "appraisals",
    "catalogues",
    "costed_projects",
    "costings",
    "extensions",
    "json_values",
    "log_entries",
    "logs",
    "portfolio_items",
    "projects",
    "stakeholders",
    "texts",
]

_T = TypeVar("_T")

texts = st.text(st.characters(codec="utf-8"), max_size=30)
"""JSON-safe text."""
_ids = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)
_opt_bool = st.none() | st.booleans()
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


def _unique(
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
    reimbursed=_opt_bool,
    delivery_responsibility=_opt_bool,
    expects_implementation_help=_opt_bool,
    minors=_opt_bool,
    adults_at_risk=_opt_bool,
    on_benefits=_opt_bool,
    access_needs=_opt_bool,
    peer_researchers=_opt_bool,
    small_community=_opt_bool,
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


_researchers = _unique(
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
    training=_opt_bool,
)
_governance = st.builds(
    Governance,
    decisions=st.sampled_from(DecisionProcess),
    ground_rules=_opt_bool,
    accountability=_opt_bool,
    data_agreement=_opt_bool,
    publication_agreement=_opt_bool,
    ip_agreement=_opt_bool,
)
_support = st.builds(
    Support,
    infrastructure=_opt_bool,
    leadership=_opt_bool,
    training=_opt_bool,
    recognition=_opt_bool,
    evaluation=_opt_bool,
    diversity=_opt_bool,
)


def _plans(
    cat: Catalogue, people: tuple[Stakeholder, ...], goals: tuple[Aim, ...]
) -> st.SearchStrategy[tuple[Involvement, ...]]:
    """Plans over the catalogue's stages and these stakeholders, at most one per pair."""
    goal_ids = [a.id for a in goals]
    return _unique(
        st.builds(
            Involvement,
            stage=st.sampled_from([s.id for s in cat.stages]),
            stakeholder=st.sampled_from([s.id for s in people]),
            mode=st.sampled_from(Mode),
            aims=st.lists(st.sampled_from(goal_ids), unique=True, max_size=2).map(tuple)
            if goal_ids
            else st.just(()),
            embedded=st.booleans(),
            digital_only=_opt_bool,
        ),
        lambda i: (i.stage, i.stakeholder),
        14,
    )


def _conditions(cat: Catalogue) -> st.SearchStrategy[tuple[ConditionSetting, ...]]:
    """Settings of the catalogue's Table 2 conditions, at most one per condition."""
    return _unique(
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
            signed=_opt_bool,
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
    people = draw(_unique(stakeholders, lambda s: s.id, 6))
    goals = draw(_unique(aims, lambda a: a.id, 4))
    plan = draw(_plans(cat, people, goals)) if people else ()
    return Project(
        title=draw(texts),
        description=draw(texts),
        aims=goals,
        stakeholders=people,
        researchers=draw(_researchers),
        plan=plan,
        conditions=draw(_conditions(cat)),
        resources=draw(_resources),
        governance=draw(_governance),
        support=draw(_support),
        identifiable_data=draw(_opt_bool),
        implementation_support=draw(_opt_bool),
        duration_weeks=draw(st.none() | st.integers(min_value=1, max_value=520)),
        engagement_gendered=draw(_opt_bool),
        personal_data_shared=draw(_opt_bool),
        sensitive_topic=draw(_opt_bool),
        emergency_setting=draw(_opt_bool),
        mitigation_records=draw(_mitigation_records(cat)),
        extensions=draw(extensions),
    )


amounts = st.integers(min_value=0, max_value=500_000).map(lambda n: Decimal(n) / 100)
"""Money: whole minor units up to 5,000.00, exact."""
hours = st.integers(min_value=0, max_value=40).map(lambda n: Decimal(n) / 4)
"""Hours in quarters up to 10, exact."""
ROLES = ("contributor", "coordinator")
"""The roles :func:`costings` draws rates and lines for."""


@st.composite
def costings(
    draw: st.DrawFn, project: Project, *, currency: str = "GBP", max_lines: int = 14
) -> CostingPlan:
    """A valid costing of ``project``: lines for some of its plan lines, every reference kept.

    The rate card prices every role of :data:`ROLES` per hour, half-day and day, some
    amounts left unknown (``None``); lay lines may be unpaid; some lines have a lighter
    version; budgets may be absent.
    """
    card = _rate_card(draw, currency)
    researcher_ids = [r.id for r in project.researchers]
    expenses, team, lighter = _expenses(currency), _team(researcher_ids), _lighter()
    chosen = (
        draw(st.lists(st.sampled_from(project.plan), unique=True, max_size=max_lines))
        if (project.plan)
        else []
    )
    involvements = tuple(
        _involvement_costing(draw, inv, expenses=expenses, team=team, lighter=lighter)
        for inv in chosen
    )
    stakeholder_ids = [s.id for s in project.stakeholders]
    return CostingPlan(
        currency=currency,
        budget=draw(st.none() | amounts.map(lambda a: a * 4)),
        budget_hours=draw(st.none() | hours.map(lambda h: h * 20)),
        months=draw(st.none() | st.integers(1, 60)),
        rate_card=card,
        involvements=involvements,
        staff=draw(_staff(researcher_ids)),
        subcontracts=draw(_subcontracts(stakeholder_ids)),
        expenses=draw(expenses),
    )


def _rate_card(draw: st.DrawFn, currency: str) -> RateCard:
    """A card pricing every role of :data:`ROLES` per every unit, some amounts unknown."""
    return RateCard(
        id="drawn",
        currency=currency,
        rates=tuple(
            Rate(role=role, unit=unit, amount=draw(st.none() | amounts))
            for role in ROLES
            for unit in RateUnit
        ),
    )


def _team(researcher_ids: list[ResearcherId]) -> st.SearchStrategy[tuple[TeamTime, ...]]:
    """Team time on an involvement: at most one entry per researcher, two at most."""
    if not researcher_ids:
        return st.just(())
    return _unique(
        st.builds(
            TeamTime,
            researcher=st.sampled_from(researcher_ids),
            hours=hours,
            role=st.sampled_from(("", "coordinator")),
            funded=st.booleans(),
        ),
        lambda t: t.researcher,
        2,
    )


def _expenses(currency: str) -> st.SearchStrategy[tuple[Expense, ...]]:
    """Up to two expenses, in the costing's currency or none named."""
    return st.lists(
        st.builds(
            Expense,
            kind=st.sampled_from(ExpenseKind),
            amount=amounts,
            basis=st.sampled_from(ExpenseBasis),
            currency=st.sampled_from((None, currency)),
        ),
        max_size=2,
    ).map(tuple)


def _lighter() -> st.SearchStrategy[Lighter | None]:
    """No lighter version, or one changing some of people, sessions, hours and format."""
    return st.none() | st.builds(
        Lighter,
        people=st.none() | st.integers(1, 4),
        sessions=st.none() | st.integers(1, 2),
        hours=st.none() | hours,
        format=st.none() | st.sampled_from(SessionFormat),
    )


def _involvement_costing(
    draw: st.DrawFn,
    inv: Involvement,
    *,
    expenses: st.SearchStrategy[tuple[Expense, ...]],
    team: st.SearchStrategy[tuple[TeamTime, ...]],
    lighter: st.SearchStrategy[Lighter | None],
) -> InvolvementCosting:
    """A costing of one plan line."""
    return InvolvementCosting(
        stage=inv.stage,
        stakeholder=inv.stakeholder,
        people=draw(st.integers(1, 12)),
        sessions=draw(st.integers(1, 6)),
        hours=draw(hours),
        preparation_hours=draw(hours),
        travel_hours=draw(hours),
        format=draw(st.sampled_from(SessionFormat)),
        role=draw(st.sampled_from(("", "contributor"))),
        unit=draw(st.sampled_from(RateUnit)),
        payment=draw(st.sampled_from(PaymentMethod)),
        benefits_advice=draw(st.booleans()),
        expenses=draw(expenses),
        team=draw(team),
        before_grant=draw(st.booleans()),
        lighter=draw(lighter),
    )


def _staff(researcher_ids: list[ResearcherId]) -> st.SearchStrategy[tuple[StaffTime, ...]]:
    """Up to two lines of staff time, some of named researchers."""
    return st.lists(
        st.builds(
            StaffTime,
            description=texts,
            hours=hours,
            researcher=st.none() | st.sampled_from(researcher_ids) if researcher_ids else st.none(),
            role=st.sampled_from(("", "coordinator")),
            funded=st.booleans(),
            training=st.booleans(),
        ),
        max_size=2,
    ).map(tuple)


def _subcontracts(
    stakeholder_ids: list[StakeholderId],
) -> st.SearchStrategy[tuple[Subcontract, ...]]:
    """At most one subcontract, to one of the project's stakeholders."""
    if not stakeholder_ids:
        return st.just(())
    return st.lists(
        st.builds(Subcontract, partner=st.sampled_from(stakeholder_ids), amount=amounts),
        max_size=1,
    ).map(tuple)


@st.composite
def costed_projects(draw: st.DrawFn, catalogue: Catalogue | None = None) -> Project:
    """Valid projects (as :func:`projects`) with a valid costing (as :func:`costings`)."""
    project = draw(projects(catalogue))
    return attrs.evolve(project, costing=draw(costings(project)))


def appraisals() -> st.SearchStrategy[Appraisal]:
    """Appraisals of :func:`projects` under the default catalogue and policy."""
    return projects().map(appraise)


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    """The default catalogue, with relabelled entries and extra alternatives; always valid."""
    cat = default_catalogue()
    changed = draw(st.lists(st.sampled_from(cat.entries()), max_size=3, unique_by=lambda e: e.id))
    import attrs

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


def _participations(project: Project) -> st.SearchStrategy[tuple[Participation, ...]]:
    ids = [sh.id for sh in project.stakeholders]
    if not ids:
        return st.just(())
    one = st.builds(
        Participation,
        stakeholder=st.sampled_from(ids),
        people=st.integers(1, 12),
        hours=hours,
        payment=st.sampled_from(PaymentMethod),
        paid=amounts,
    )
    return st.lists(one, max_size=3).map(tuple)


def _logged_team(project: Project) -> st.SearchStrategy[tuple[TeamHours, ...]]:
    """Team hours on a logged activity: researchers of ``project``, two at most."""
    ids = [r.id for r in project.researchers]
    if not ids:
        return st.just(())
    one = st.builds(TeamHours, researcher=st.sampled_from(ids), hours=hours)
    return st.lists(one, max_size=2).map(tuple)


_dates = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2030, 12, 31))


@st.composite
def log_entries(draw: st.DrawFn, project: Project, catalogue: Catalogue | None = None) -> LogEntry:
    """A valid log entry for ``project``.

    Every stage, risk code, stakeholder, researcher and aim it names exists.
    """
    cat = catalogue if catalogue is not None else default_catalogue()
    stages = [s.id for s in cat.stages]
    codes = sorted(risk_codes(cat))
    sh = [s.id for s in project.stakeholders]
    activity = st.builds(
        Activity,
        stage=st.sampled_from(stages),
        mode=st.sampled_from(Mode),
        description=texts,
        participants=_participations(project),
        team=_logged_team(project),
        online=_opt_bool,
    )
    risk = st.builds(
        MaterialisedRisk,
        code=st.sampled_from(codes),
        note=texts,
        stakeholders=st.lists(st.sampled_from(sh), max_size=2).map(tuple) if sh else st.just(()),
    )
    spend = st.builds(Spend, line=texts, amount=amounts, stage=st.none() | st.sampled_from(stages))
    return LogEntry(
        date=draw(_dates).isoformat(),
        note=draw(texts),
        activities=tuple(draw(st.lists(activity, max_size=3))),
        spending=tuple(draw(st.lists(spend, max_size=3))),
        risks=tuple(draw(st.lists(risk, max_size=2))),
        impacts=tuple(draw(st.lists(_impacts(project), max_size=2))),
    )


def _impacts(project: Project) -> st.SearchStrategy[ImpactRecord]:
    aim_ids = [a.id for a in project.aims]
    return st.builds(
        ImpactRecord,
        area=st.sampled_from(ImpactArea),
        description=texts,
        aims=st.lists(st.sampled_from(aim_ids), max_size=2).map(tuple) if aim_ids else st.just(()),
    )


@st.composite
def logs(draw: st.DrawFn, project: Project, catalogue: Catalogue | None = None) -> InvolvementLog:
    """A valid involvement log for ``project`` (whose ``id`` it names), entries in date order."""
    entries = draw(st.lists(log_entries(project, catalogue), max_size=4))
    entries.sort(key=lambda e: e.date)
    currency = project.costing.currency if project.costing is not None else "GBP"
    return InvolvementLog(
        project=project.id or "project", currency=currency, entries=tuple(entries)
    )


st.register_type_strategy(Project, projects())
st.register_type_strategy(Appraisal, appraisals())
st.register_type_strategy(Catalogue, catalogues())
st.register_type_strategy(Stakeholder, stakeholders)
st.register_type_strategy(Aim, aims)


def portfolio_items(n: int, *, seed: int = 0) -> Iterator[tuple[str, bytes, bytes | None]]:
    """``n`` generated ``(source, project document, log document)`` triples, lazily.

    Built from the bundled examples that have a log, each with its own id, support facts
    and a prefix of the example's entries chosen by ``seed``; every fourth project has no
    log. For benchmarks and tests of the portfolio view: nothing is held between items.

    Example:
        >>> [source for source, _, _ in portfolio_items(2)]
        ['#0', '#1']

    """
    from coproduce.io import dump, load_example, load_example_log

    names = ("contested-policy", "trial-patient-partners")
    bases = [(load_example(name), load_example_log(name)) for name in names]
    rng = random.Random(seed)
    facts = (True, False, None)
    for i in range(n):
        project, log = bases[rng.randrange(len(bases))]
        pid = f"generated-{i}"
        infrastructure, leadership, training, recognition, evaluation, diversity = (
            rng.choice(facts) for _ in range(6)
        )
        support = Support(
            infrastructure=infrastructure,
            leadership=leadership,
            training=training,
            recognition=recognition,
            evaluation=evaluation,
            diversity=diversity,
        )
        project = attrs.evolve(project, id=pid, support=support)
        keep = rng.randint(0, len(log.entries))
        logged = attrs.evolve(log, project=pid, entries=log.entries[:keep])
        doc = None if i % 4 == 3 else dump(logged).encode()
        yield f"#{i}", dump(project).encode(), doc
