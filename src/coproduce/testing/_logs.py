"""Strategies for involvement logs and their entries, and a stream of portfolio items."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

import attrs
from hypothesis import strategies as st

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.model import (
    Activity,
    ImpactArea,
    ImpactRecord,
    InvolvementLog,
    LogEntry,
    MaterialisedRisk,
    Mode,
    Participation,
    PaymentMethod,
    Project,
    Spend,
    Support,
    TeamHours,
)
from coproduce.testing._costings import amounts, hours
from coproduce.testing._projects import optional_bool, texts
from coproduce.tracking import risk_codes

__all__ = ["log_entries", "logs", "portfolio_items"]


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
        online=optional_bool,
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
