"""The appraisal's scales: verdicts, severities, finding levels, routes, answers, actions.

Each is a vocabulary enum of this tool's own terms, ranked where an order matters.
"""

from __future__ import annotations

from coproduce.model import VocabularyEnum

__all__ = ["Action", "Answer", "FindingLevel", "Route", "Severity", "Verdict"]


class Verdict(VocabularyEnum):
    """How much to emphasise coproduction, from clearly less to clearly more.

    ``UNDETERMINED`` when too little is known to say. Members other than ``UNDETERMINED``
    compare by :attr:`rank`.
    """

    CLEARLY_LESS = "clearly-less"
    LESS = "less"
    BALANCED = "balanced"
    MORE = "more"
    CLEARLY_MORE = "clearly-more"
    UNDETERMINED = "undetermined"

    @property
    def rank(self) -> int | None:
        """-2 (clearly less) to 2 (clearly more); ``None`` for ``UNDETERMINED``."""
        return _VERDICT_RANK[self]


_VERDICT_RANK = {
    Verdict.CLEARLY_LESS: -2,
    Verdict.LESS: -1,
    Verdict.BALANCED: 0,
    Verdict.MORE: 1,
    Verdict.CLEARLY_MORE: 2,
    Verdict.UNDETERMINED: None,
}


class Severity(VocabularyEnum):
    """How serious a risk is for this project."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        """1 (low) to 3 (high)."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}


class FindingLevel(VocabularyEnum):
    """How much a finding matters."""

    INFO = "info"
    """Worth knowing."""
    WARNING = "warning"
    """Worth changing or answering before engaging."""
    CONCERN = "concern"
    """The plan, as it stands, is likely to cause harm or fail."""

    @property
    def rank(self) -> int:
        """0 (concern, read first) to 2 (info)."""
        return _LEVEL_RANK[self]


_LEVEL_RANK = {FindingLevel.CONCERN: 0, FindingLevel.WARNING: 1, FindingLevel.INFO: 2}


class Route(VocabularyEnum):
    """Whether involving people is itself the route to an aim (step 2)."""

    LIKELY = "likely"
    """This tool judges involvement likely the route: a normative or political aim served by
    lay stakeholders, an aim of voice or power for them that involving them meets. The
    tool's reading, not the paper's, which holds most normative aims reachable by other
    means (p. 8); the other means it names are still listed."""
    UNLIKELY = "unlikely"
    """Other means can usually reach aims of this kind (p. 8)."""
    UNCLEAR = "unclear"
    """The paper gives no rule (political aims pursued with the powerful), or the aim states
    no motivation."""


class Answer(VocabularyEnum):
    """How far the project answers a key question."""

    ANSWERED = "answered"
    """Every field that answers it is known, and none says the thing is missing."""
    ANSWERED_NO = "answered-no"
    """Every field is known, and at least one says the thing is missing (no budget, no
    recognition, no evaluation): answered, but the answer is a gap."""
    PARTLY = "partly"
    OPEN = "open"


class Action(VocabularyEnum):
    """What to do about one planned involvement."""

    KEEP = "keep"
    """Go ahead as planned."""
    LIGHTEN = "lighten"
    """Involve this stakeholder less deeply at this stage (down to the advised mode)."""
    AFTER_PREREQUISITES = "after-prerequisites"
    """Go ahead once the stakeholder's prerequisites are in place."""
    RECONSIDER = "reconsider"
    """The arrangement does not fit this stakeholder (an embedded arrangement with lay people)."""
