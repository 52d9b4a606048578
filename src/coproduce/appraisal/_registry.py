"""Registries of the engine's rules: findings, risk factors and evaluators, one place each.

Each rule is a small function registered once with what it is (code, level or points,
citations); its docstring's first line says when it fires, and the docs tables are generated
from these registries. Evaluators are keyed by catalogue id and refuse the unknown: an id no
evaluator handles is an error, never a silent "unknown".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from coproduce._record import Record
from coproduce.appraisal._verdicts import FindingLevel
from coproduce.errors import CoproduceError
from coproduce.model import Citation

if TYPE_CHECKING:
    from coproduce.appraisal._advice_records import Advice, Capacity
    from coproduce.appraisal._context import Context, StageFacts
    from coproduce.appraisal._profile import Emphasis
    from coproduce.appraisal._results import (
        AimAppraisal,
        CostSummary,
        ExposureCell,
        QuestionStatus,
        Risk,
    )
    from coproduce.model import Involvement
    from coproduce.practice import PracticeRisk

__all__ = [
    "ALTERNATIVES",
    "FACTORS",
    "FINDINGS",
    "MITIGATIONS",
    "QUESTIONS",
    "Detected",
    "Evaluator",
    "FactorRule",
    "FindingRule",
    "Hit",
    "MitigationCheck",
    "QuestionField",
    "Registry",
    "Results",
    "UnknownRuleError",
    "finding_rule",
]

_T = TypeVar("_T")

Evaluator = Callable[..., Any]
"""An evaluator of a catalogue entry: a mitigation, alternative or key question check."""


class UnknownRuleError(CoproduceError, LookupError):
    """A catalogue entry has no evaluator, or a registry was asked for a code it lacks."""

    def __init__(self, what: str, key: str) -> None:
        self.what = what
        self.key = key
        super().__init__(
            f"no {what} evaluator for {key!r}: register one with "
            f"Policy(evaluators={{{key!r}: ...}})"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.what, self.key))


class Registry(Generic[_T]):
    """An ordered, read-only mapping from codes to rules, filled once at import."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._items: dict[str, _T] = {}

    def add(self, key: str, item: _T) -> _T:
        """Register ``item`` under ``key``; a key registered twice is a bug."""
        if key in self._items:
            raise ValueError(f"{self.what} {key!r} is registered twice")
        self._items[key] = item
        return item

    def get(self, key: str, overrides: Mapping[str, Any] | None = None) -> _T:
        """The item for ``key`` (an override first); :class:`UnknownRuleError` if none."""
        if overrides is not None and key in overrides:
            found: _T = overrides[key]
            return found
        try:
            return self._items[key]
        except KeyError:
            raise UnknownRuleError(self.what, key) from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def items(self) -> Iterable[tuple[str, _T]]:
        """``(key, item)`` pairs in registration order."""
        return self._items.items()

    def values(self) -> Iterable[_T]:
        """The items in registration order."""
        return self._items.values()

    def __len__(self) -> int:
        return len(self._items)


# --------------------------------------------------------------------------- findings


@attrs.frozen
class Results(Record):
    """What the earlier steps of an appraisal found; finding rules read it."""

    emphasis: Emphasis
    aims: tuple[AimAppraisal, ...]
    risks: tuple[Risk, ...]
    exposure: tuple[ExposureCell, ...]
    questions: tuple[QuestionStatus, ...]
    advice: tuple[Advice, ...]
    practice: tuple[PracticeRisk, ...] = ()
    costs: CostSummary | None = None
    capacity: Capacity | None = None


@attrs.frozen
class Hit(Record):
    """One firing of a finding rule: the message, the inputs read, and any extra citations.

    ``cites`` names catalogue entries of the paper; ``citations`` carries ready citations
    (of the practice layer's documents, for instance).
    """

    message: str
    inputs: tuple[str, ...]
    cites: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()


FindingCheck = Callable[["Context", Results], Iterable[Hit]]
"""A finding rule's check: the context and the results so far in, its hits out."""


@attrs.frozen
class FindingRule(Record):
    """A finding: its code, level, the catalogue entries it rests on, and its check.

    Attributes:
        when: when it fires, in a sentence (the check's docstring, first line).

    """

    code: str
    level: FindingLevel
    cites: tuple[str, ...]
    check: FindingCheck = attrs.field(eq=False)
    when: str = ""


def finding_rule(
    code: str, level: FindingLevel, *, cites: tuple[str, ...] = ()
) -> Callable[[FindingCheck], FindingRule]:
    """Make a finding rule from a check; pass it to ``Policy(rules=...)`` to run it.

    The check's docstring (first line) says when it fires; it yields :class:`Hit` records.

    Example:
        >>> from coproduce import Project, appraise
        >>> from coproduce.appraisal import FindingLevel, Hit, Policy, finding_rule
        >>> @finding_rule("house.no-description", FindingLevel.INFO, cites=("step.usefulness",))
        ... def no_description(ctx, results):
        ...     '''The project has no description.'''
        ...     if not ctx.project.description:
        ...         yield Hit("Describe the project.", ("description",))
        >>> result = appraise(Project(title="t"), policy=Policy(rules=(no_description,)))
        >>> [f.message for f in result.finding("house.no-description")]
        ['Describe the project.']

    """

    def make(check: FindingCheck) -> FindingRule:
        doc = (check.__doc__ or "").strip().splitlines()
        return FindingRule(
            code=code, level=level, cites=cites, check=check, when=doc[0] if doc else ""
        )

    return make


FINDINGS: Registry[FindingRule] = Registry("finding")
"""The built-in finding rules, in the order they run."""


# --------------------------------------------------------------------------- risk factors


@attrs.frozen
class Detected(Record):
    """A factor found: the message, the project fields read, and whether it is only likely.

    ``unknown`` factors (an agreement not recorded either way) count half their points.
    """

    message: str
    inputs: tuple[str, ...]
    unknown: bool = False


FactorDetect = Callable[["Context", "StageFacts", "Involvement | None"], "Detected | None"]


@attrs.frozen
class FactorRule(Record):
    """A risk factor: what raises a risk's severity, by how much, and for which challenges.

    Attributes:
        code: stable code, e.g. ``"powerful-interested"``.
        points: default severity points (``Policy.factor_points`` overrides).
        scope: the challenge ids it applies to (``Policy.factor_scope`` overrides);
            ``None`` for every challenge.
        power: power or dominance shows itself through it: only governance lowers it.
        relation: read from one stakeholder's own facts (scored per relationship); otherwise
            a fact of the project or the stage.
        researcher_costs: applies only to challenges whose costs fall on researchers.
        detect: the check; the involvement is ``None`` for project-level factors.
        when: when it holds (the check's docstring, first line).

    """

    code: str
    points: int
    scope: frozenset[str] | None
    power: bool
    relation: bool
    researcher_costs: bool
    detect: FactorDetect = attrs.field(eq=False)
    when: str = ""


FACTORS: Registry[FactorRule] = Registry("risk factor")
"""The built-in risk factors."""


def factor(
    code: str,
    *,
    points: int,
    scope: Iterable[str] | None = None,
    power: bool = False,
    relation: bool = False,
    researcher_costs: bool = False,
) -> Callable[[FactorDetect], FactorDetect]:
    """Register a built-in risk factor."""

    def register(detect: FactorDetect) -> FactorDetect:
        doc = (detect.__doc__ or "").strip().splitlines()
        FACTORS.add(
            code,
            FactorRule(
                code=code,
                points=points,
                scope=frozenset(scope) if scope is not None else None,
                power=power,
                relation=relation,
                researcher_costs=researcher_costs,
                detect=detect,
                when=doc[0] if doc else "",
            ),
        )
        return detect

    return register


# --------------------------------------------------------------------------- evaluators

MitigationEvaluate = Callable[["Context", "StageFacts"], "tuple[bool | None, tuple[str, ...]]"]


@attrs.frozen
class MitigationCheck(Record):
    """How to tell whether a mitigation is in place; ``governance`` ones lower power points."""

    evaluate: MitigationEvaluate = attrs.field(eq=False)
    governance: bool = False


MITIGATIONS: Registry[MitigationCheck] = Registry("mitigation")
"""Evaluators of the catalogue's mitigations, by id."""

AlternativeEvaluate = Callable[["Context", "tuple[Involvement, ...]"], "str | None"]
ALTERNATIVES: Registry[AlternativeEvaluate] = Registry("alternative")
"""Evaluators of the catalogue's alternatives, by id: the reason to offer it, or ``None``."""


@attrs.frozen
class QuestionField(Record):
    """One project field that answers a key question: is it known, and is the answer 'no'."""

    path: str
    known: bool
    absent: bool = False


QuestionEvaluate = Callable[["Context"], "Iterable[QuestionField]"]
QUESTIONS: Registry[QuestionEvaluate] = Registry("key question")
"""Evaluators of the catalogue's key questions, by id."""
