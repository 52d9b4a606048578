"""What the advice for one stakeholder is made of: its stages, ceilings, prerequisites, levers.

The records :func:`coproduce.appraise` returns in :attr:`Appraisal.advice`, beside the row 9
reading (:class:`Capacity`) and the single most important thing (:class:`Priority`).
"""

from __future__ import annotations

import attrs

from coproduce._keys import Cited, keyed
from coproduce.appraisal._profile import Emphasis
from coproduce.appraisal._verdicts import Action, Verdict
from coproduce.model import (
    Citation,
    Extensible,
    Mode,
    Sphere,
    StakeholderId,
    StakeholderKind,
    Sufficiency,
)

__all__ = [
    "Advice",
    "Capacity",
    "Ceiling",
    "Lever",
    "Prerequisite",
    "Priority",
    "StageAdvice",
    "Suggestion",
]


@attrs.frozen(kw_only=True)
class Prerequisite(Extensible, Cited):
    """Something that must be in place before a stakeholder's involvement starts.

    Attributes:
        code: stable code, e.g. ``"publication-agreement"``.
        message: what to put in place, and why, in a sentence.
        inputs: the project fields read.
        citations: the catalogue entries it rests on.
        once: what the advice waits for, as a clause ("a publication agreement is signed"):
            the summary reads "..., once <once>".

    """

    code: str
    message: str
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...] = keyed("sources")
    once: str = ""


@attrs.frozen(kw_only=True)
class Ceiling(Extensible, Cited):
    """What holds one stakeholder's advice down: a rule, the most it allows, and why.

    A ceiling is not a veto: it caps how strongly and how deeply to involve someone, and
    the advice says what would lift it (:attr:`Appraisal.levers`).

    Attributes:
        code: the rule, e.g. ``"capacity"`` (Table 2 row 9), ``"safeguarding"`` (children
            or adults at risk) or ``"contested"`` (campaigners on a contested topic).
        verdict: the highest verdict it allows.
        mode: the deepest mode it allows.
        message: why, in a sentence.
        inputs: the project fields read.
        citations: what it rests on.

    """

    code: str
    verdict: Verdict
    mode: Mode
    message: str
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...] = keyed("sources")


@attrs.frozen(kw_only=True)
class Suggestion(Extensible):
    """Deeper involvement than the plan has, which this tool judges could help.

    Never the advice itself: the advice is never deeper than the plan. Offered only when a
    stakeholder's verdict is *more* or *clearly more*, nothing holds it down, and the plan
    involves them less deeply than the advice would support; never beyond partnership.

    Attributes:
        mode: the depth suggested.
        stages: the planned stages it would deepen, in lifecycle order.
        message: the suggestion, said as this tool's judgement.

    """

    mode: Mode
    stages: tuple[str, ...]
    message: str


@attrs.frozen(kw_only=True)
class Priority(Extensible, Cited):
    """The single most important thing to do for the project, before anything else.

    Chosen by this tool's judgement from what the appraisal found, in a fixed order
    (``docs/engine.md``): safeguarding first, then resources, agreements, what is planned
    after the funding ends, contested topics, payment, aims, lightening, capacity unknown.

    Attributes:
        code: which rule chose it, e.g. ``"secure-resources"``.
        message: what to do, in a sentence.
        stakeholders: whom it concerns.
        inputs: the project fields it reads.
        citations: what it rests on.

    """

    code: str
    message: str
    stakeholders: tuple[StakeholderId, ...]
    inputs: tuple[str, ...]
    citations: tuple[Citation, ...] = keyed("sources")


@attrs.frozen(kw_only=True)
class Capacity(Extensible):
    """Table 2 row 9 read for every relationship: what the involvement has (p. 7).

    The time, budget, facilitation and training for the involvement. Read from
    ``resources``; a valid costing's budget settles money (and team hours when it budgets
    them); a project shorter than ``Policy.short_window_weeks`` has time in short supply
    whatever ``resources.time`` says.

    Attributes:
        time: researchers' and stakeholders' time for engagement, as read.
        budget: money for engagement, as read.
        facilitation: skills to recruit and facilitate mixed groups.
        training: training offered (``None``: not known).
        window_weeks: the project's length when it is a short window, else ``None``.
        short: what is short, in words ("budget: none", "training: not offered").
        unknown: what is not known, by name.
        rung: how far capacity holds the advice down, 0 (not at all) to 3 (the lowest
            rung), before who carries the work is counted (see :class:`Ceiling`).
        inputs: the project fields read.

    """

    time: Sufficiency
    budget: Sufficiency
    facilitation: Sufficiency
    short: tuple[str, ...]
    unknown: tuple[str, ...]
    rung: int
    inputs: tuple[str, ...]
    training: bool | None = None
    window_weeks: int | None = None

    @property
    def unresourced(self) -> bool:
        """No time, no budget and no facilitation at all."""
        return all(v is Sufficiency.NONE for v in (self.time, self.budget, self.facilitation))


@attrs.frozen(kw_only=True)
class StageAdvice(Extensible):
    """What to do about one planned involvement (one stage, one stakeholder).

    Attributes:
        planned_mode: the mode the plan sets.
        advised_mode: the deepest mode advised for this stakeholder at this stage, never
            deeper than planned.
        action: keep, lighten, go ahead after the prerequisites, or reconsider.
        reason: why, in a sentence.
        costs: the costs this involvement incurs (stakeholders' time, convening several
            parties, contributions cherry-picked when only consulted).
        embedded: the plan sets an embedded or commissioned arrangement here.

    """

    stage: str
    planned_mode: Mode
    advised_mode: Mode
    action: Action
    reason: str
    costs: tuple[str, ...] = ()
    embedded: bool = False


@attrs.frozen(kw_only=True)
class Advice(Extensible, Cited):
    """Whether, where and how deeply to involve one stakeholder, and on what conditions.

    Attributes:
        stakeholder: the stakeholder's id.
        kind: the stakeholder's kind.
        sphere: decision, professional, lay, commercial, research or other.
        basis: ``"table-2"`` for decision-makers and commercial partners (Table 2
            particularly relates to evaluations with policy-makers and service managers,
            p. 6); ``"aims"`` for everyone else (their aims and motivations). Both are then
            held down by the same facts (:attr:`ceilings`).
        verdict: how much to emphasise involving this stakeholder.
        deepest_mode: the deepest mode advised for this stakeholder: what the advice
            supports, never deeper than the plan (``None`` when nothing is supported).
        summary: the advice in a phrase, e.g. ``"more, up to collaboration, once a
            publication agreement is signed"``.
        stages: one line per planned involvement, in lifecycle order.
        prerequisites: what must be in place before the involvement starts.
        reasons: why, sentence by sentence.
        citations: the catalogue entries the advice rests on.
        practice: codes of the practice risks that land on this stakeholder.
        ceilings: what holds the advice down (capacity, safeguarding, a contested topic),
            each with the most it allows and why.
        suggestion: deeper involvement than planned that this tool judges could help,
            said as a suggestion, never as the advice; ``None`` when there is none.
        meanwhile: what can be done now, while the prerequisites or resources are not in
            place ("consult them at framing research questions ..."); empty when nothing
            waits.
        profile: the Table 2 profile this stakeholder's advice read, when row 2 is read from
            its own facts (delivery responsibility, a commercial interest) and the profile
            differs from the project's (:attr:`Appraisal.emphasis`); ``None`` otherwise.

    The advice is never deeper than the plan: :attr:`deepest_mode` is the deeper of the
    advice's ceiling and the plan's deepest mode for this stakeholder, whichever is lower.

    """

    stakeholder: StakeholderId
    kind: StakeholderKind
    sphere: Sphere
    basis: str
    verdict: Verdict
    summary: str
    stages: tuple[StageAdvice, ...]
    prerequisites: tuple[Prerequisite, ...]
    reasons: tuple[str, ...]
    citations: tuple[Citation, ...] = keyed("sources")
    deepest_mode: Mode | None = None
    practice: tuple[str, ...] = ()
    ceilings: tuple[Ceiling, ...] = ()
    suggestion: Suggestion | None = None
    meanwhile: str = ""
    profile: Emphasis | None = None


@attrs.frozen(kw_only=True)
class Lever(Extensible):
    """One thing that would change the advice if it changed.

    Attributes:
        code: what kind of lever, e.g. ``"condition"``, ``"prerequisite"``, ``"resources"``.
        message: what would change, and how the advice would move.
        stakeholders: whose advice it moves.
        inputs: the project fields to change.

    """

    code: str
    message: str
    stakeholders: tuple[StakeholderId, ...]
    inputs: tuple[str, ...]
