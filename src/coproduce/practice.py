"""The practice layer's engine: which practice risks a project's facts raise, and translation.

:func:`practice_risks` is pure: it reads the project and the catalogue's practice layer and
returns one :class:`PracticeRisk` per risk the project's facts make relevant, with the
stakeholders it lands on, the status of each mitigation from the project's evidence
(:class:`~coproduce.model.MitigationRecord`), and its citations. A fact that is not known
(``None``) never raises a risk; the reports list such facts as still to complete
(:func:`unknown_facts`).

Each risk is one rule, registered once under its catalogue id (:data:`RULES`); the registry
refuses a catalogue risk without a rule.

:func:`mode_for` translates a word for depth of involvement (a funder's level, an IAP2 level,
a rung of Arnstein's ladder, or one of the paper's modes) into the paper's :class:`Mode`,
through the catalogue's crosswalk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeAlias

import attrs

from coproduce._keys import Cited, keyed
from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import CatalogueError, CoproduceError, Issue, PlanError, did_you_mean
from coproduce.model import (
    Citation,
    Extensible,
    LevelCrosswalk,
    MitigationRecord,
    Mode,
    PracticeMitigation,
    PracticeRiskEntry,
    Project,
    Sphere,
    StakeholderId,
    StakeholderKind,
)

__all__ = [
    "RULES",
    "Citation",
    "MitigationEvidence",
    "PracticeRisk",
    "Rule",
    "UnknownLevelError",
    "evidence_for",
    "mode_for",
    "practice_problems",
    "practice_risks",
    "unknown_facts",
]


class UnknownLevelError(CoproduceError, LookupError):
    """A word for depth of involvement that the crosswalk cannot translate.

    Attributes:
        word: the word asked about.

    """

    def __init__(self, word: str, reason: str) -> None:
        self.word = word
        super().__init__(f"level of involvement: {word!r} {reason}")


@attrs.frozen(kw_only=True)
class MitigationEvidence(Extensible):
    """A mitigation of a practice risk, and whether the project's evidence shows it in place.

    Attributes:
        in_place: ``True`` when a record shows it signed or adopted (or a governance
            agreement covering it is in place), ``False`` when known to be missing, ``None``
            when not known.
        records: the project's records for this mitigation.
        inputs: the project fields read.

    """

    mitigation: str
    label: str
    evidence: str
    records: tuple[MitigationRecord, ...]
    inputs: tuple[str, ...]
    in_place: bool | None = None


@attrs.frozen(kw_only=True)
class PracticeRisk(Extensible, Cited):
    """A practice risk raised by the project's facts.

    Attributes:
        code: the catalogue id of the risk, e.g. ``"practice-risk.safeguarding"``.
        sphere: the group of stakeholders whose advice carries it.
        stakeholders: the project's stakeholders it lands on (may be empty for a risk raised
            by a project-wide fact when no one of its sphere is in the plan).
        facts: the project fields, with indexes, that raised it.
        mitigations: each mitigation and its status from the evidence.
        citations: the citations behind the risk.

    """

    code: str
    label: str
    description: str
    sphere: Sphere
    stakeholders: tuple[StakeholderId, ...]
    facts: tuple[str, ...]
    mitigations: tuple[MitigationEvidence, ...]
    citations: tuple[Citation, ...] = keyed("sources")

    @property
    def unmitigated(self) -> tuple[MitigationEvidence, ...]:
        """The mitigations not known to be in place."""
        return tuple(m for m in self.mitigations if m.in_place is not True)


Hit: TypeAlias = tuple[tuple[StakeholderId, ...], tuple[str, ...]]
"""What a rule finds: the stakeholders a risk lands on, and the fact paths that raised it."""
Rule: TypeAlias = Callable[[Project], Hit | None]
"""A rule: ``None`` when the risk does not apply, else the stakeholders and fact paths."""


def _stakeholder_fact(*names: str) -> Rule:
    def rule(project: Project) -> Hit | None:
        ids: list[str] = []
        facts: list[str] = []
        for s in project.stakeholders:
            true = [n for n in names if getattr(s, n) is True]
            if true:
                ids.append(s.id)
                facts += [f"stakeholders[{s.id}].{n}" for n in true]
        return (tuple(ids), tuple(facts)) if ids else None

    rule.__doc__ = f"Raised by a stakeholder with {' or '.join(names)} true."
    return rule


def _lay_in_plan(project: Project) -> tuple[StakeholderId, ...]:
    planned = {inv.stakeholder for inv in project.plan}
    return tuple(
        s.id for s in project.stakeholders if s.id in planned and s.kind.sphere is Sphere.LAY
    )


def _project_fact(name: str) -> Rule:
    def rule(project: Project) -> Hit | None:
        if getattr(project, name) is not True:
            return None
        return _lay_in_plan(project), (name,)

    rule.__doc__ = f"Raised when the project's {name} is true; lands on the lay stakeholders."
    return rule


def _access(project: Project) -> Hit | None:
    """Raised by a lay stakeholder's online-only involvement, or a stakeholder's access needs."""
    ids: dict[str, None] = {}
    facts: list[str] = []
    lay = {s.id for s in project.stakeholders if s.kind.sphere is Sphere.LAY}
    for inv in project.plan:
        if inv.digital_only is True and inv.stakeholder in lay:
            ids.setdefault(inv.stakeholder)
            facts.append(f"plan[{inv.stage}/{inv.stakeholder}].digital_only")
    for s in project.stakeholders:
        if s.access_needs is True:
            ids.setdefault(s.id)
            facts.append(f"stakeholders[{s.id}].access_needs")
    return (tuple(ids), tuple(facts)) if facts else None


_COLLECTING = "stage.collecting-data"


def _data_collectors(project: Project) -> Hit | None:
    """Raised by peer researchers, or lay people involved in collecting data, collaborating.

    Any stakeholder with ``peer_researchers`` true (community health workers gathering data
    among their neighbours, say; a small community adds to the risk), and any lay
    stakeholder the plan involves at collecting data at collaboration or deeper (young people
    interviewing their peers, volunteers running a survey).
    """
    ids: dict[str, None] = {}
    facts: list[str] = []
    for s in project.stakeholders:
        if s.peer_researchers is True:
            ids.setdefault(s.id)
            facts.append(f"stakeholders[{s.id}].peer_researchers")
            if s.small_community is True:
                facts.append(f"stakeholders[{s.id}].small_community")
    collectors = {s.id for s in project.stakeholders if s.kind.sphere is Sphere.LAY}
    for inv in project.plan:
        if (
            inv.stage == _COLLECTING
            and inv.stakeholder in collectors
            and inv.mode >= Mode.COLLABORATION
        ):
            ids.setdefault(inv.stakeholder)
            facts.append(f"plan[{inv.stage}/{inv.stakeholder}].mode")
    return (tuple(ids), tuple(facts)) if facts else None


def _commercial(project: Project) -> Hit | None:
    """Raised by a commercial stakeholder in the plan."""
    planned = {inv.stakeholder for inv in project.plan}
    hits = [
        s.id
        for s in project.stakeholders
        if s.kind is StakeholderKind.COMMERCIAL and s.id in planned
    ]
    if not hits:
        return None
    return tuple(hits), tuple(f"stakeholders[{sid}].kind" for sid in hits)


def _embedded(project: Project) -> Hit | None:
    """Raised by an involvement in which a researcher is embedded in the stakeholder."""
    ids: dict[str, None] = {}
    facts: list[str] = []
    for inv in project.plan:
        if inv.embedded is True:
            ids.setdefault(inv.stakeholder)
            facts.append(f"plan[{inv.stage}/{inv.stakeholder}].embedded")
    return (tuple(ids), tuple(facts)) if facts else None


RULES: dict[str, Rule] = {
    "practice-risk.safeguarding": _stakeholder_fact("minors", "adults_at_risk"),
    "practice-risk.payment-benefits": _stakeholder_fact("on_benefits"),
    "practice-risk.access-exclusion": _access,
    "practice-risk.trauma": _project_fact("sensitive_topic"),
    "practice-risk.peer-researcher-safety": _data_collectors,
    "practice-risk.commercial-interests": _commercial,
    "practice-risk.data-protection": _project_fact("personal_data_shared"),
    "practice-risk.emergency": _project_fact("emergency_setting"),
    "practice-risk.embedded-accountability": _embedded,
}
"""One rule per practice risk of the default catalogue, keyed by the risk's id."""

_FALLBACK: dict[str, tuple[str, ...]] = {
    "mitigation.practice.data-sharing-agreement": ("data_agreement",),
    "mitigation.practice.collaboration-agreement": ("publication_agreement",),
}
"""Governance booleans that also evidence a practice mitigation (records take precedence)."""

_COSTED: dict[str, str] = {"mitigation.practice.benefits-advice": "benefits_advice"}
"""Practice mitigations a costed involvement evidences when its flag is true (the costing is
the plan): benefits advice costed for contributors is benefits advice planned."""


def _costed(project: Project, mitigation: str) -> tuple[bool | None, tuple[str, ...]]:
    """Whether the costing plans ``mitigation`` for some involvement, and the fields read."""
    flag = _COSTED.get(mitigation)
    if flag is None or project.costing is None:
        return None, ()
    lines = project.costing.involvements
    on = [f"costing.involvements[{i}].{flag}" for i, c in enumerate(lines) if getattr(c, flag)]
    return (True, tuple(on)) if on else (None, (f"costing.involvements[*].{flag}",))


def _mitigation_applies(m: PracticeMitigation, project: Project) -> bool:
    if not m.when:
        return True
    return any(getattr(project, fact.strip()) is True for fact in m.when.split(" or "))


def evidence_for(
    project: Project, mitigation: str
) -> tuple[bool | None, tuple[MitigationRecord, ...]]:
    """Whether the project's records show ``mitigation`` in place, and those records.

    ``True`` when any record for it is signed or adopted, ``False`` when records exist and
    all are known unsigned, ``None`` otherwise. Works for the paper's mitigation ids too.

    Example:
        >>> from coproduce.model import MitigationRecord, Project
        >>> p = Project(title="t", mitigation_records=(
        ...     MitigationRecord(mitigation="mitigation.practice.dpia", signed=False),))
        >>> evidence_for(p, "mitigation.practice.dpia")[0]
        False

    """
    records = tuple(
        sorted(
            (r for r in project.mitigation_records if r.mitigation == mitigation),
            key=lambda r: (r.document, r.owner or "", r.review or "", str(r.signed), r.note),
        )
    )
    if any(r.signed is True for r in records):
        return True, records
    if records and all(r.signed is False for r in records):
        return False, records
    return None, records


def _status(m: PracticeMitigation, project: Project) -> MitigationEvidence:
    in_place, records = evidence_for(project, m.id)
    inputs = ["mitigation_records"]
    if in_place is None:
        in_place, read = _costed(project, m.id)
        inputs += read
    if in_place is None:
        for name in _FALLBACK.get(m.id, ()):
            inputs.append(f"governance.{name}")
            value = getattr(project.governance, name)
            if value is not None:
                in_place = value
    return MitigationEvidence(
        mitigation=m.id,
        label=m.label,
        evidence=m.evidence,
        in_place=in_place,
        records=records,
        inputs=tuple(inputs),
    )


def _rule_for(entry: PracticeRiskEntry) -> Rule:
    try:
        return RULES[entry.id]
    except KeyError:
        message = f"{entry.id}: no rule is registered for this practice risk in practice.RULES"
        raise CatalogueError([message]) from None


def practice_problems(
    project: Project, catalogue: Catalogue | None = None
) -> list[tuple[str, str, str]]:
    """Reference problems in the practice facts, as ``(path, code, message)``.

    A mitigation record must name a mitigation of the catalogue (the practice layer's or the
    paper's). A catalogue without a practice layer reads no records, so finds no problem.

    Example:
        >>> from coproduce.model import MitigationRecord, Project
        >>> p = Project(title="t", mitigation_records=(MitigationRecord(mitigation="m.x"),))
        >>> practice_problems(p)[0][:2]
        ('mitigation_records[0].mitigation', 'unknown-reference')

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    if not cat.practice.mitigations:
        return []
    known = {m.id for m in cat.practice.mitigations} | {m.id for m in cat.mitigations}
    problems = []
    for i, r in enumerate(project.mitigation_records):
        if r.mitigation in known:
            continue
        hint = did_you_mean(r.mitigation, sorted(known))
        problems.append(
            (
                f"mitigation_records[{i}].mitigation",
                "unknown-reference",
                f"names {r.mitigation!r}, which is not a mitigation of the catalogue"
                + (f"; {hint}" if hint else " (expected an id such as mitigation.practice.dpia)"),
            )
        )
    return problems


def practice_risks(
    project: Project, catalogue: Catalogue | None = None
) -> tuple[PracticeRisk, ...]:
    """The practice risks the project's facts raise, in catalogue order.

    A risk appears only when a fact that makes it relevant is known to be true; the
    paper-only catalogue (:meth:`Catalogue.paper_only`) raises none and reads no records.

    Raises:
        PlanError: a mitigation record names an unknown mitigation.
        CatalogueError: the catalogue holds a practice risk with no rule in :data:`RULES`.

    Example:
        >>> from coproduce.model import Project, Stakeholder, StakeholderKind
        >>> p = Project(title="t", stakeholders=(
        ...     Stakeholder(id="youth", kind=StakeholderKind.PUBLIC, minors=True),))
        >>> [(r.code, r.sphere.value, r.stakeholders) for r in practice_risks(p)]
        [('practice-risk.safeguarding', 'lay', ('youth',))]
        >>> practice_risks(Project(title="t"))
        ()

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    if not cat.practice.risks:
        return ()  # the layer is off: nothing reads the practice facts or records
    problems = practice_problems(project, cat)
    if problems:
        raise PlanError(
            Issue(path=path, code=code, message=message) for path, code, message in problems
        )
    mitigations = {m.id: m for m in cat.practice.mitigations}
    out: list[PracticeRisk] = []
    for entry in cat.practice.risks:
        hit = _rule_for(entry)(project)
        if hit is None:
            continue
        stakeholders, facts = hit
        statuses = tuple(
            _status(mitigations[mid], project)
            for mid in entry.mitigations
            if mid in mitigations and _mitigation_applies(mitigations[mid], project)
        )
        out.append(
            PracticeRisk(
                code=entry.id,
                label=entry.label,
                description=entry.description,
                sphere=entry.sphere,
                stakeholders=tuple(sorted(set(stakeholders))),
                facts=tuple(sorted(set(facts))),
                mitigations=statuses,
                citations=tuple(Citation.of(entry.id, s) for s in entry.sources),
            )
        )
    return tuple(out)


_PROJECT_FACTS = ("personal_data_shared", "sensitive_topic", "emergency_setting")
_STAKEHOLDER_FACTS = (
    "minors",
    "adults_at_risk",
    "on_benefits",
    "access_needs",
    "peer_researchers",
    "small_community",
)
_LAY_FACTS = ("minors", "adults_at_risk", "on_benefits", "access_needs")


def unknown_facts(project: Project) -> tuple[str, ...]:
    """The practice facts still unknown (``None``) that could raise a risk, as paths.

    Stakeholder facts are asked of lay stakeholders only (peer-research facts of all).

    Example:
        >>> from coproduce.model import Project
        >>> unknown_facts(Project(title="t"))
        ('personal_data_shared', 'sensitive_topic', 'emergency_setting')

    """
    out = [name for name in _PROJECT_FACTS if getattr(project, name) is None]
    for i, s in enumerate(project.stakeholders):
        names: Iterable[str] = (
            _STAKEHOLDER_FACTS if s.kind.sphere is Sphere.LAY else _STAKEHOLDER_FACTS[4:]
        )
        out += [f"stakeholders[{i}].{n}" for n in names if getattr(s, n) is None]
    for i, inv in enumerate(project.plan):
        out += [f"plan[{i}].{n}" for n in ("digital_only", "embedded") if getattr(inv, n) is None]
    return tuple(out)


def _normalise(word: str) -> str:
    w = "-".join(word.strip().lower().replace("_", " ").split())
    return {"co-production": "coproduction", "user-control": "user-controlled"}.get(w, w)


def mode_for(word: str, catalogue: Catalogue | None = None) -> Mode:
    """Translate a word for depth of involvement into the paper's mode.

    Words are looked up, in this order, among the funders' levels (consultation,
    collaboration, coproduction, user-controlled), the paper's modes, the IAP2 levels and
    Arnstein's rungs. Where a word names several rows, the deepest row wins. The crosswalk
    is an interpretation (``docs/practice.md``).

    Raises:
        UnknownLevelError: the word is unknown, or names no participation (Arnstein's
            manipulation and therapy).

    Example:
        >>> mode_for("co-production"), mode_for("Consult"), mode_for("user controlled")
        (<Mode.PARTNERSHIP: 'partnership'>, <Mode.CONSULTATION: 'consultation'>, \
<Mode.USER_CONTROLLED: 'user-controlled'>)
        >>> mode_for("therapy")
        Traceback (most recent call last):
        ...
        coproduce.practice.UnknownLevelError: level of involvement: 'therapy' names no ...

    """
    cat = catalogue if catalogue is not None else default_catalogue()
    w = _normalise(word)
    rows = cat.practice.crosswalk
    lookups: tuple[Callable[[LevelCrosswalk], bool], ...] = (
        lambda r: r.funder is not None and r.funder.value == w,
        lambda r: r.mode is not None and r.mode.value == w,
        lambda r: any(level.value == w for level in r.iap2),
        lambda r: any(rung.value == w for rung in r.arnstein),
    )
    for match in lookups:
        found = [r for r in rows if match(r)]
        if not found:
            continue
        modes = [r.mode or r.nearest_mode for r in found]
        usable = [m for m in modes if m is not None]
        if not usable:
            raise UnknownLevelError(word, "names no participation, so no mode translates it")
        return max(usable, key=lambda m: m.depth)
    known = sorted(
        {r.funder.value for r in rows if r.funder}
        | {m.value for m in Mode}
        | {v.value for r in rows for v in (*r.iap2, *r.arnstein)}
    )
    raise UnknownLevelError(word, f"is not a known level (expected one of {', '.join(known)})")
