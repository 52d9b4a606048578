"""Closed vocabularies and typed ids shared by the catalogue, projects and appraisals."""

from __future__ import annotations

import enum
from typing import NewType, TypeAlias

__all__ = [
    "AimId",
    "AlternativeId",
    "Audience",
    "Basis",
    "BearerGroup",
    "BearerId",
    "CareerStage",
    "CategoryId",
    "ChallengeId",
    "ConditionId",
    "ContractType",
    "Contribution",
    "CostId",
    "DecisionProcess",
    "Lean",
    "Level",
    "MitigationId",
    "Mode",
    "Motivation",
    "QuestionId",
    "ResearcherId",
    "Sphere",
    "StageId",
    "StakeholderId",
    "StakeholderKind",
    "Stance",
    "StepId",
    "Sufficiency",
    "TypeId",
    "VocabularyEnum",
]

StageId = NewType("StageId", str)
"""Id of a lifecycle stage (a Table 1 row), e.g. ``"stage.framing-questions"``."""
ChallengeId = NewType("ChallengeId", str)
"""Id of a challenge that may arise at a stage, e.g. ``"challenge.usual-suspects"``."""
CostId = NewType("CostId", str)
"""Id of a cost of coproduction, e.g. ``"cost.burnout"``."""
CategoryId = NewType("CategoryId", str)
"""Id of a cost category of the project's typology, e.g. ``"category.professional"``."""
TypeId = NewType("TypeId", str)
"""Id of a cost type as one of the paper's own lists names it, e.g. ``"type.abstract.personal"``."""
BearerId = NewType("BearerId", str)
"""Id of a bearer, who or what carries a cost, e.g. ``"bearer.researchers-junior"``."""
ConditionId = NewType("ConditionId", str)
"""Id of a Table 2 condition, e.g. ``"condition.capacity"``."""
QuestionId = NewType("QuestionId", str)
"""Id of a key question, e.g. ``"question.individuals.costs"``."""
StepId = NewType("StepId", str)
"""Id of a step of the two-step decision process, e.g. ``"step.usefulness"``."""
AlternativeId = NewType("AlternativeId", str)
"""Id of an alternative to coproduction, e.g. ``"alternative.consultation"``."""
MitigationId = NewType("MitigationId", str)
"""Id of a mitigation of a challenge, e.g. ``"mitigation.ground-rules"``."""
StakeholderId: TypeAlias = str
"""Id of a stakeholder within one project: any string unique in that project.

Project ids are plain strings (the project's author mints them); catalogue ids are
``NewType`` s because only a catalogue mints them."""
AimId: TypeAlias = str
"""Id of an aim within one project: any string unique in that project."""
ResearcherId: TypeAlias = str
"""Id of a member of the research team within one project."""


class VocabularyEnum(enum.Enum):
    """Base of the library's enums: members hash by identity, at C speed.

    ``enum.Enum`` hashes members by name in Python code; members are singletons compared by
    identity, so the object hash is equivalent and much cheaper on the engine's hot paths.
    """

    __hash__ = object.__hash__


class Motivation(VocabularyEnum):
    """The four arguments for coproduction (p. 2–3, 'Why coproduce?')."""

    SUBSTANTIVE = "substantive"
    """To improve the quality and relevance of the research."""
    INSTRUMENTAL = "instrumental"
    """To see the findings used."""
    NORMATIVE = "normative"
    """Because involvement is right or valuable in itself."""
    POLITICAL = "political"
    """To change how groups see the research and each other: ownership, trust, legitimacy."""


class Mode(VocabularyEnum):
    """Modes of interaction between researchers and stakeholders, from shallow to deep (p. 3).

    Members compare by :attr:`depth`: ``Mode.CONSULTATION < Mode.PARTNERSHIP``. Research
    commissioned by, or researchers embedded in, an agency is an *arrangement*, not a depth:
    see :attr:`coproduce.Involvement.embedded`.
    """

    RECIPIENT = "recipient"
    """Stakeholders only receive the findings."""
    ADVICE = "advice"
    """Informal advice sought through interpersonal networks."""
    CONSULTATION = "consultation"
    """Stakeholders are consulted on topics or questions."""
    COLLABORATION = "collaboration"
    """Questions co-designed or findings co-interpreted with stakeholders."""
    PARTNERSHIP = "partnership"
    """Partnership with equality of status, co-steering the research throughout."""
    USER_CONTROLLED = "user-controlled"
    """The original sense of coproduction (p. 3): a significant shift of power from
    researchers or decision-makers to service users. The paper gives no advice on when to
    choose it; this tool never advises it (a team may still plan it, and say why)."""

    @property
    def depth(self) -> int:
        """Rank from 1 (shallowest) to 6 (deepest)."""
        return _MODE_DEPTH[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Mode):
            return NotImplemented
        return _MODE_DEPTH[self] < _MODE_DEPTH[other]

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Mode):
            return NotImplemented
        return _MODE_DEPTH[self] <= _MODE_DEPTH[other]

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Mode):
            return NotImplemented
        return _MODE_DEPTH[self] > _MODE_DEPTH[other]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Mode):
            return NotImplemented
        return _MODE_DEPTH[self] >= _MODE_DEPTH[other]


_MODE_DEPTH = {mode: rank for rank, mode in enumerate(Mode, start=1)}


class Sphere(VocabularyEnum):
    """Broad groups of stakeholders whose costs and risks differ.

    Policy-makers, funders and managers hold decision power; clinicians and practitioners are
    professionals delivering services; patients, carers, the public and community
    organisations take part as lay people; industry and suppliers are commercial partners;
    researchers outside the team form their own group. Keeping these apart answers Williams
    et al. (2020)'s criticism that the paper lumps them together.
    """

    DECISION = "decision"
    """Policy-makers, funders, commissioners and managers: they hold decision power."""
    PROFESSIONAL = "professional"
    """Clinicians and practitioners delivering services."""
    LAY = "lay"
    """Patients, carers, the public and community organisations."""
    COMMERCIAL = "commercial"
    """Industry and suppliers: they bring money and delivery, and have interests in
    publication, data and intellectual property that need agreements first."""
    RESEARCH = "research"
    """Researchers outside the project team."""
    OTHER = "other"


class StakeholderKind(VocabularyEnum):
    """Kinds of stakeholder a project may involve (p. 6 lists them)."""

    POLICY_MAKER = "policy-maker"
    FUNDER = "funder"
    """A funder or commissioner of the research."""
    MANAGER = "manager"
    """A service or programme manager."""
    PRACTITIONER = "practitioner"
    """A clinician or other practitioner."""
    PATIENT = "patient"
    CARER = "carer"
    PUBLIC = "public"
    """A member of the public."""
    COMMUNITY_ORGANISATION = "community-organisation"
    RESEARCHER = "researcher"
    """A researcher outside the project team, e.g. in a partner organisation."""
    COMMERCIAL = "commercial"
    """A commercial partner: a company, industry body or supplier."""
    OTHER = "other"

    @property
    def sphere(self) -> Sphere:
        """The broad group this kind belongs to."""
        return _SPHERE[self]

    @property
    def lay_person(self) -> bool:
        """Individual lay people: patients, carers and the public (not organisations)."""
        return self in _LAY_PEOPLE


_SPHERE = {
    StakeholderKind.POLICY_MAKER: Sphere.DECISION,
    StakeholderKind.FUNDER: Sphere.DECISION,
    StakeholderKind.MANAGER: Sphere.DECISION,
    StakeholderKind.PRACTITIONER: Sphere.PROFESSIONAL,
    StakeholderKind.PATIENT: Sphere.LAY,
    StakeholderKind.CARER: Sphere.LAY,
    StakeholderKind.PUBLIC: Sphere.LAY,
    StakeholderKind.COMMUNITY_ORGANISATION: Sphere.LAY,
    StakeholderKind.RESEARCHER: Sphere.RESEARCH,
    StakeholderKind.COMMERCIAL: Sphere.COMMERCIAL,
    StakeholderKind.OTHER: Sphere.OTHER,
}
_LAY_PEOPLE = frozenset({StakeholderKind.PATIENT, StakeholderKind.CARER, StakeholderKind.PUBLIC})


class Stance(VocabularyEnum):
    """The position a party has publicly taken on the policy or programme studied.

    A party that campaigns for or against it brings a side to a contested topic (Table 2,
    row 1; Table 1, rows 1, 2 and 5).
    """

    FOR = "for"
    """It campaigns for the policy or programme."""
    AGAINST = "against"
    """It campaigns against the policy or programme."""
    NEUTRAL = "neutral"
    """It has taken no side."""

    @property
    def campaigns(self) -> bool:
        """``FOR`` or ``AGAINST``: the party has taken a side."""
        return self is not Stance.NEUTRAL


class Level(VocabularyEnum):
    """A coarse three-point level (power or influence; interest in the findings)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Lean(VocabularyEnum):
    """Which way one Table 2 condition leans for a project."""

    LESS = "less"
    """The project matches the left column: less emphasis on coproduction."""
    MORE = "more"
    """The project matches the right column: more emphasis on coproduction."""
    UNKNOWN = "unknown"
    """Not known yet."""


class Sufficiency(VocabularyEnum):
    """How far a resource covers what the planned involvement needs."""

    NONE = "none"
    LIMITED = "limited"
    ADEQUATE = "adequate"
    UNKNOWN = "unknown"

    @property
    def short(self) -> bool:
        """``NONE`` or ``LIMITED``: the resource falls short of the plan."""
        return self is Sufficiency.NONE or self is Sufficiency.LIMITED


class CareerStage(VocabularyEnum):
    """A researcher's career stage; used only to see who bears costs."""

    EARLY = "early"
    MID = "mid"
    SENIOR = "senior"


class ContractType(VocabularyEnum):
    """A researcher's contract; used only to see who bears costs."""

    OPEN_ENDED = "open-ended"
    FIXED_TERM = "fixed-term"


class DecisionProcess(VocabularyEnum):
    """How decisions in the collaboration are taken (key question 4 for individuals, p. 7)."""

    UNSPECIFIED = "unspecified"
    RESEARCHER_LED = "researcher-led"
    CONSENSUS = "consensus"
    STEERING_GROUP = "steering-group"
    AUTHORITY = "authority"
    """The most senior or the paying party decides."""
    OTHER = "other"


class Contribution(VocabularyEnum):
    """What a party brings to the table (key question 1 for individuals, p. 6–7)."""

    MONEY = "money"
    POLITICAL_CONTEXT = "political-context"
    PRESSURE_FOR_ANSWERS = "pressure-for-answers"
    TOPIC_EXPERTISE = "topic-expertise"
    METHODS_EXPERTISE = "methods-expertise"
    LIVED_EXPERIENCE = "lived-experience"
    PRACTICE_KNOWLEDGE = "practice-knowledge"
    ACCESS = "access"
    """Access to sites, data, staff or participants."""
    IMPLEMENTATION_AUTHORITY = "implementation-authority"
    """Authority to act on the findings (p. 2)."""


class Basis(VocabularyEnum):
    """What a link in the catalogue rests on."""

    TABLE_ROW = "table-row"
    """The paper puts both ends in the same row of a table."""
    PROSE = "prose"
    """The paper's prose states the link."""
    INTERPRETATION = "interpretation"
    """The project's reading; the paper does not pair these explicitly."""


class BearerGroup(VocabularyEnum):
    """Broad groups of bearers."""

    RESEARCHERS = "researchers"
    STAKEHOLDERS = "stakeholders"
    PARTICIPANTS = "participants"
    RESEARCH = "research"
    PROFESSION = "profession"


class Audience(VocabularyEnum):
    """Who a key question is addressed to (p. 6–7)."""

    INDIVIDUALS = "individuals"
    """Individual researchers, funders, commissioners and participants."""
    ORGANISATIONS = "organisations"
    """Research organisations and funders."""
