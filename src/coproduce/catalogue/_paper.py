"""Oliver, Kothari & Mays (2019) as data, in the project's own words.

This private module holds the default catalogue's entries. Read them through
:func:`coproduce.default_catalogue`. ``docs/catalogue.md`` lists every interpretive choice.

Page numbers are the journal's (1-10). Table 1 is on page 4, Table 2 on page 7.

Cost typology: reconciling the abstract's five types with the body's six
---------------------------------------------------------------------------
Fig. 1 did not survive extraction. The abstract names five types of cost (to the research
itself; to the research process; professional risks and personal risks, each for researchers
and stakeholders; risks to the wider cause of scholarship). The body walks through six
(practical; personal to researchers; professional to researchers; to the research itself,
process included; to stakeholders; to the profession). The lists disagree about whether
*who bears a cost* is a category.

This catalogue takes *who bears a cost* as a separate dimension (bearers) and keeps six
categories of *what a cost harms*: practical, personal, professional, the research itself,
the research process, and scholarship. The body's "costs to stakeholders" is then not a
category but the costs whose bearers are stakeholders; the abstract's "research itself" and
"research process" are two categories; the body's practical costs, absent from the
abstract, are their own category. Both of the paper's lists are kept as :class:`Typology`
entries whose types are expressed as (categories, bearer groups), so either list can be
recovered from the data (:func:`coproduce.catalogue.costs_of_type`).
"""

from __future__ import annotations

from coproduce.model import (
    Alternative,
    AlternativeId,
    Audience,
    Basis,
    Bearer,
    BearerGroup,
    BearerId,
    CareerStage,
    CategoryId,
    Challenge,
    ChallengeId,
    Condition,
    ConditionId,
    ContractType,
    Contribution,
    ContributionEntry,
    Cost,
    CostCategory,
    CostId,
    CostType,
    Link,
    Mitigation,
    MitigationId,
    Mode,
    ModeEntry,
    Motivation,
    MotivationEntry,
    Question,
    QuestionId,
    Reference,
    Source,
    Sphere,
    Stage,
    StageId,
    StakeholderKind,
    Step,
    StepId,
    TypeId,
    Typology,
)

DATA_VERSION = "2019.3"
"""Edition of the encoded data: the paper's year, then a counter of revisions of the encoding."""

REFERENCE = Reference(
    citation=(
        "Oliver K, Kothari A, Mays N. The dark side of coproduction: do the costs outweigh "
        "the benefits for health research? Health Research Policy and Systems. 2019;17:33."
    ),
    doi="10.1186/s12961-019-0432-3",
    licence="CC BY 4.0",
)

P, I_ = Basis.PROSE, Basis.INTERPRETATION


def _src(page: int, locator: str) -> Source:
    return Source(page=page, locator=locator)


def _t1(row: int, label: str) -> Source:
    return Source(page=4, locator=f"Table 1, row {row} ({label})")


def _links(basis: Basis, *targets: str, note: str = "") -> tuple[Link, ...]:
    return tuple(Link(target=t, basis=basis, note=note) for t in targets)


# --------------------------------------------------------------------------- cost categories

CATEGORIES = (
    CostCategory(
        id=CategoryId("category.practical"),
        label="Practical costs",
        description=(
            "Money, time, administration and skills that engagement consumes: convening people "
            "who work elsewhere, reimbursing them, arranging meetings, facilitating mixed groups."
        ),
        source=_src(3, "Challenges and costs to coproduction, 'Firstly' (practical costs)"),
        bearer_groups=(
            BearerGroup.RESEARCHERS,
            BearerGroup.STAKEHOLDERS,
            BearerGroup.RESEARCH,
        ),
    ),
    CostCategory(
        id=CategoryId("category.personal"),
        label="Personal costs",
        description=(
            "Harm to the wellbeing of the people involved: conflict and emotional labour, "
            "stress and burnout, feeling used or ignored, even personal safety."
        ),
        source=_src(5, "Challenges and costs to coproduction, 'Second' (personal costs)"),
        bearer_groups=(
            BearerGroup.RESEARCHERS,
            BearerGroup.STAKEHOLDERS,
            BearerGroup.PARTICIPANTS,
        ),
    ),
    CostCategory(
        id=CategoryId("category.professional"),
        label="Professional costs",
        description=(
            "Harm to careers, standing and working relationships: displaced academic work, "
            "outputs judged lesser, lost independence or credibility, exposure of decision-makers."
        ),
        source=_src(5, "Challenges and costs to coproduction, 'Third' (professional costs)"),
        bearer_groups=(
            BearerGroup.RESEARCHERS,
            BearerGroup.STAKEHOLDERS,
        ),
        spheres=(
            Sphere.DECISION,
            Sphere.PROFESSIONAL,
            Sphere.COMMERCIAL,
            Sphere.RESEARCH,
            Sphere.OTHER,
        ),
    ),
    CostCategory(
        id=CategoryId("category.research"),
        label="Costs to the research itself",
        description=(
            "Harm to what the research finds and how good it is: unoriginal or parochial "
            "questions, agendas bent to dominant interests, findings misrepresented."
        ),
        source=_src(5, "Challenges and costs to coproduction, 'Fourth' (the research itself)"),
        bearer_groups=(BearerGroup.RESEARCH,),
    ),
    CostCategory(
        id=CategoryId("category.process"),
        label="Costs to the research process",
        description=(
            "Harm to how the research is carried out: delays, co-option, researchers silenced, "
            "shared decisions undermined, disputes over when and what to publish."
        ),
        source=_src(5, "Challenges and costs to coproduction, 'Fourth', second paragraph"),
        bearer_groups=(BearerGroup.RESEARCH,),
    ),
    CostCategory(
        id=CategoryId("category.scholarship"),
        label="Costs to scholarship",
        description=(
            "Harm to the standing of research and researchers at large: less trust in science, "
            "less willingness to take part in research, research seen as one more lobby."
        ),
        source=_src(6, "Challenges and costs to coproduction, 'Finally' (the profession)"),
        bearer_groups=(
            BearerGroup.PROFESSION,
            BearerGroup.RESEARCH,
        ),
    ),
)


def _cat(name: str) -> CategoryId:
    return CategoryId(f"category.{name}")


TYPOLOGIES = (
    Typology(
        id="typology.abstract",
        label="The abstract's five types of cost",
        source=_src(1, "Abstract, Debate"),
        types=(
            CostType(
                id=TypeId("type.abstract.research"),
                label="Costs affecting the research itself",
                source=_src(1, "Abstract, Debate"),
                categories=(_cat("research"),),
            ),
            CostType(
                id=TypeId("type.abstract.process"),
                label="Costs affecting the research process",
                source=_src(1, "Abstract, Debate"),
                categories=(_cat("process"), _cat("practical")),
                basis=I_,
                note=(
                    "The abstract has no practical type; the body's practical costs (money, "
                    "time, administration) are read as costs to the research process."
                ),
            ),
            CostType(
                id=TypeId("type.abstract.professional"),
                label="Professional risks for researchers and stakeholders",
                source=_src(1, "Abstract, Debate"),
                categories=(_cat("professional"),),
                bearer_groups=(BearerGroup.RESEARCHERS, BearerGroup.STAKEHOLDERS),
            ),
            CostType(
                id=TypeId("type.abstract.personal"),
                label="Personal risks for researchers and stakeholders",
                source=_src(1, "Abstract, Debate"),
                categories=(_cat("personal"),),
                bearer_groups=(BearerGroup.RESEARCHERS, BearerGroup.STAKEHOLDERS),
            ),
            CostType(
                id=TypeId("type.abstract.scholarship"),
                label="Risks to the wider cause of scholarship",
                source=_src(1, "Abstract, Debate"),
                categories=(_cat("scholarship"),),
            ),
        ),
    ),
    Typology(
        id="typology.body",
        label="The body's six kinds of cost",
        source=_src(3, "Challenges and costs to coproduction (pages 3, 5, 6)"),
        types=(
            CostType(
                id=TypeId("type.body.practical"),
                label="Practical costs",
                source=_src(3, "Challenges and costs to coproduction, 'Firstly'"),
                categories=(_cat("practical"),),
            ),
            CostType(
                id=TypeId("type.body.personal-researchers"),
                label="Personal costs to researchers",
                source=_src(5, "Challenges and costs to coproduction, 'Second'"),
                categories=(_cat("personal"),),
                bearer_groups=(BearerGroup.RESEARCHERS,),
            ),
            CostType(
                id=TypeId("type.body.professional-researchers"),
                label="Professional costs to researchers",
                source=_src(5, "Challenges and costs to coproduction, 'Third'"),
                categories=(_cat("professional"),),
                bearer_groups=(BearerGroup.RESEARCHERS,),
            ),
            CostType(
                id=TypeId("type.body.research"),
                label="Risks to the research itself, process included",
                source=_src(5, "Challenges and costs to coproduction, 'Fourth'"),
                categories=(_cat("research"), _cat("process")),
            ),
            CostType(
                id=TypeId("type.body.stakeholders"),
                label="Costs to stakeholders",
                source=_src(6, "Challenges and costs to coproduction, 'Fifth'"),
                categories=tuple(c.id for c in CATEGORIES),
                bearer_groups=(BearerGroup.STAKEHOLDERS,),
            ),
            CostType(
                id=TypeId("type.body.profession"),
                label="Costs to the profession or scientific endeavour",
                source=_src(6, "Challenges and costs to coproduction, 'Finally'"),
                categories=(_cat("scholarship"),),
            ),
        ),
    ),
)

# --------------------------------------------------------------------------- bearers


def _b(name: str) -> BearerId:
    return BearerId(f"bearer.{name}")


_STAKEHOLDER_BEARERS = (
    (StakeholderKind.POLICY_MAKER, "policy-makers", "Policy-makers"),
    (StakeholderKind.FUNDER, "funders", "Funders and commissioners"),
    (StakeholderKind.MANAGER, "managers", "Service and programme managers"),
    (StakeholderKind.PRACTITIONER, "practitioners", "Clinicians and practitioners"),
    (StakeholderKind.PATIENT, "patients", "Patients and service users"),
    (StakeholderKind.CARER, "carers", "Carers"),
    (StakeholderKind.PUBLIC, "public", "Members of the public"),
    (StakeholderKind.COMMUNITY_ORGANISATION, "community-organisations", "Community organisations"),
    (StakeholderKind.RESEARCHER, "partner-researchers", "Researchers in partner organisations"),
    (StakeholderKind.COMMERCIAL, "commercial-partners", "Commercial partners"),
    (StakeholderKind.OTHER, "other-stakeholders", "Other stakeholders"),
)

BEARERS = (
    Bearer(
        id=_b("researchers"),
        label="Researchers",
        description="The research team as a whole.",
        group=BearerGroup.RESEARCHERS,
        source=_src(5, "Challenges and costs to coproduction, 'Second' and 'Third'"),
    ),
    Bearer(
        id=_b("researchers-early-career"),
        label="Early-career researchers",
        description=(
            "Junior researchers, who often carry engagement work while least able to afford "
            "the time and the career risk."
        ),
        group=BearerGroup.RESEARCHERS,
        source=_src(5, "Challenges and costs to coproduction, 'Third'"),
        career_stage=CareerStage.EARLY,
        least_able=True,
    ),
    Bearer(
        id=_b("researchers-fixed-term"),
        label="Researchers on fixed-term contracts",
        description=(
            "Temporary staff, for whom displaced publishing time and uncertain recognition "
            "weigh most."
        ),
        group=BearerGroup.RESEARCHERS,
        source=_src(5, "Challenges and costs to coproduction, 'Third'"),
        contract=ContractType.FIXED_TERM,
        least_able=True,
    ),
    *(
        Bearer(
            id=_b(name),
            label=label,
            description=f"{label} taking part in the research as stakeholders.",
            group=BearerGroup.STAKEHOLDERS,
            source=_src(
                6,
                "Challenges and costs to coproduction, 'Fifth'; the kinds as listed in "
                "'A cautious approach', on who identifies the aims",
            ),
            stakeholder_kind=kind,
        )
        for kind, name, label in _STAKEHOLDER_BEARERS
    ),
    Bearer(
        id=_b("participants"),
        label="Research participants",
        description=(
            "People whose data the research collects, whose confidentiality involving "
            "stakeholders in analysis can put at risk."
        ),
        group=BearerGroup.PARTICIPANTS,
        source=_t1(4, "Analysing and interpreting data"),
    ),
    Bearer(
        id=_b("research"),
        label="The research itself",
        description="The study, its quality, its findings and its process.",
        group=BearerGroup.RESEARCH,
        source=_src(5, "Challenges and costs to coproduction, 'Fourth'"),
    ),
    Bearer(
        id=_b("profession"),
        label="The profession and the scientific endeavour",
        description="Researchers at large and public trust in research.",
        group=BearerGroup.PROFESSION,
        source=_src(6, "Challenges and costs to coproduction, 'Finally'"),
    ),
)

RESEARCHERS_ALL = (_b("researchers"), _b("researchers-early-career"), _b("researchers-fixed-term"))
DECISION_MAKERS = (_b("policy-makers"), _b("funders"), _b("managers"))
LAY = (_b("patients"), _b("carers"), _b("public"), _b("community-organisations"))
ALL_STAKEHOLDERS = tuple(_b(name) for _, name, _ in _STAKEHOLDER_BEARERS)

# --------------------------------------------------------------------------- costs


def _c(name: str) -> CostId:
    return CostId(f"cost.{name}")


_PARAGRAPH_CATEGORY = {
    "'Firstly'": ("practical",),
    "'Second'": ("personal",),
    "'Third'": ("professional",),
    "'Fourth'": ("research", "process"),
    "'Finally'": ("scholarship",),
}
"""The category each paragraph of the costs prose (pp. 3, 5-6) states for what it lists."""

_CATEGORY_NOTE = (
    "Table 1 and the lost Fig. 1 give no category here; placing the cost in it is our reading."
)


def _category_links(
    source: Source, categories: tuple[str, ...], prose: tuple[str, ...]
) -> tuple[Link, ...]:
    stated = {c for key, cs in _PARAGRAPH_CATEGORY.items() if key in source.locator for c in cs}
    stated |= set(prose)
    return tuple(
        Link(target=_cat(c), basis=P)
        if c in stated
        else Link(target=_cat(c), basis=I_, note=_CATEGORY_NOTE)
        for c in categories
    )


def _cost(
    name: str,
    label: str,
    description: str,
    source: Source,
    categories: tuple[str, ...],
    bearers: tuple[Link, ...],
    *,
    see_also: tuple[Source, ...] = (),
    prose: tuple[str, ...] = (),
) -> Cost:
    """A cost; a category is stated (prose) when the paragraph it comes from names it."""
    return Cost(
        id=_c(name),
        label=label,
        description=description,
        source=source,
        categories=_category_links(source, categories, prose),
        bearers=bearers,
        see_also=see_also,
    )


_ROW_BEARER_NOTE = "Table 1 names no bearer; read from the prose on who carries such costs."

TABLE1_COSTS = (
    _cost(
        "extra-time",
        "Research takes longer",
        "Engaging stakeholders adds recruitment, meetings and negotiation, so the study runs "
        "longer than a conventional one.",
        _t1(1, "Developing mixed research teams"),
        ("practical", "process"),
        _links(P, *RESEARCHERS_ALL, _b("research")),
        see_also=(_src(5, "Challenges and costs to coproduction, 'Fourth', on delays"),),
    ),
    _cost(
        "shared-decisions-undermined",
        "Shared decision-making undermined",
        "When certain voices or interests dominate, decisions are no longer genuinely shared.",
        _t1(1, "Developing mixed research teams"),
        ("process",),
        (
            *_links(P, _b("research")),
            *_links(I_, *LAY, _b("practitioners"), note=_ROW_BEARER_NOTE),
        ),
    ),
    _cost(
        "relationship-damage",
        "Damaged relationships",
        "Interpersonal or organisational relationships suffer, above all with more powerful "
        "stakeholders and with policy or practice colleagues.",
        _t1(2, "Framing research questions"),
        ("professional", "personal"),
        (*_links(I_, _b("researchers"), *ALL_STAKEHOLDERS, note=_ROW_BEARER_NOTE),),
        see_also=(
            _t1(3, "Collecting data"),
            _t1(7, "Implementing change"),
        ),
    ),
    _cost(
        "career-damage",
        "Damaged research careers",
        "Time and reputation spent on the collaboration set back a research career.",
        _t1(2, "Framing research questions"),
        ("professional",),
        _links(P, *RESEARCHERS_ALL),
        see_also=(_src(5, "Challenges and costs to coproduction, 'Third'"),),
    ),
    _cost(
        "independence-credibility",
        "Lost independence and credibility",
        "Researchers are no longer seen, or able, to judge and report independently.",
        _t1(2, "Framing research questions"),
        ("professional", "research", "scholarship"),
        (
            *_links(P, _b("researchers")),
            *_links(I_, _b("research"), note=_ROW_BEARER_NOTE),
            *_links(P, _b("profession")),
        ),
        see_also=(
            _t1(5, "Formulating recommendations"),
            _t1(6, "Disseminating research"),
            _src(6, "Challenges and costs to coproduction, 'Finally', on independence"),
        ),
        prose=("scholarship",),
    ),
    _cost(
        "ethics-breach",
        "Research ethics obligations breached",
        "Confidentiality or consent given to participants is broken, for instance when "
        "stakeholders learn who took part or what they said.",
        _t1(4, "Analysing and interpreting data"),
        ("research", "professional", "personal"),
        (
            *_links(
                I_, _b("participants"), _b("researchers"), _b("research"), note=_ROW_BEARER_NOTE
            ),
        ),
    ),
    _cost(
        "training-burden",
        "Training stakeholders and preparing data",
        "Researchers must train stakeholders and put data into a form that keeps ethics "
        "obligations before stakeholders can help analyse it.",
        _t1(4, "Analysing and interpreting data"),
        ("practical",),
        _links(I_, *RESEARCHERS_ALL, note=_ROW_BEARER_NOTE),
    ),
    _cost(
        "findings-misrepresented",
        "Findings misrepresented",
        "What the research found is reported in a way that does not reflect the data.",
        _t1(5, "Formulating recommendations"),
        ("research",),
        (*_links(I_, _b("research"), _b("researchers"), note=_ROW_BEARER_NOTE),),
    ),
    _cost(
        "process-credibility",
        "Research process discredited",
        "The way the research was done is no longer trusted, and with it the findings.",
        _t1(6, "Disseminating research"),
        ("process", "scholarship"),
        _links(I_, _b("research"), _b("profession"), note=_ROW_BEARER_NOTE),
    ),
    _cost(
        "implementation-failure",
        "Implementation fails",
        "The change the findings support is not made or does not work.",
        _t1(7, "Implementing change"),
        ("research",),
        (
            *_links(
                I_,
                _b("research"),
                *DECISION_MAKERS,
                _b("practitioners"),
                *LAY,
                note=_ROW_BEARER_NOTE,
            ),
        ),
    ),
)

_FIRSTLY = "Challenges and costs to coproduction, 'Firstly'"
_SECOND = "Challenges and costs to coproduction, 'Second'"
_THIRD = "Challenges and costs to coproduction, 'Third'"
_FOURTH = "Challenges and costs to coproduction, 'Fourth'"
_FIFTH = "Challenges and costs to coproduction, 'Fifth'"
_FINALLY = "Challenges and costs to coproduction, 'Finally'"

PROSE_COSTS = (
    # practical, p. 3 and 5
    _cost(
        "money",
        "Direct expense",
        "Bringing together people based elsewhere, with other main duties, costs money for "
        "their time, travel and reimbursement.",
        _src(3, _FIRSTLY),
        ("practical",),
        (
            *_links(P, _b("research")),
            *_links(I_, _b("funders"), note="Whoever pays for the research."),
        ),
    ),
    _cost(
        "administration",
        "Administrative burden",
        "Arranging rooms, dates and attendance takes substantial administrative work.",
        _src(3, _FIRSTLY),
        ("practical",),
        _links(I_, *RESEARCHERS_ALL, note="The paper does not say who does the administration."),
    ),
    _cost(
        "facilitation-skills",
        "Facilitation skills needed",
        "Recruiting and running mixed groups, keeping the loudest from dominating and holding "
        "to agreed conduct, needs interpersonal skills many academics were never trained in.",
        _src(3, _FIRSTLY),
        ("practical",),
        _links(P, _b("researchers")),
        see_also=(_src(5, _FIRSTLY),),
    ),
    _cost(
        "unresourced-engagement",
        "Engagement work left unresourced",
        "Engagement is bolted on to the 'real' research with little thought for resourcing "
        "it; the paper notes the work may fall disproportionately on women.",
        _src(5, _FIRSTLY),
        ("practical", "professional"),
        _links(P, *RESEARCHERS_ALL),
    ),
    _cost(
        "relationship-investment",
        "Relationships without guaranteed output",
        "Time and resources go into building relationships that may produce nothing concrete.",
        _src(3, "Challenges and costs to coproduction, beyond the project lifecycle, (1)"),
        ("practical", "professional"),
        _links(P, *RESEARCHERS_ALL),
    ),
    # personal, p. 5
    _cost(
        "emotional-labour",
        "Conflict and emotional labour",
        "Tensions surface as conflict, hard conversations and disagreement; handling them is "
        "emotional labour that reflects underlying power imbalances, not mere personality.",
        _src(5, _SECOND),
        ("personal",),
        (
            *_links(P, *RESEARCHERS_ALL),
            *_links(I_, *ALL_STAKEHOLDERS, note="Conflict is felt on both sides."),
        ),
        see_also=(_src(3, "Challenges and costs to coproduction, beyond the lifecycle, (3)"),),
    ),
    _cost(
        "conflict-reputation",
        "Reputational risk of conflict",
        "Open conflict with partners carries a risk to researchers' reputation, which leads "
        "many to avoid difficult conversations altogether.",
        _src(5, _SECOND),
        ("personal", "professional"),
        _links(P, *RESEARCHERS_ALL),
    ),
    _cost(
        "derivative-research",
        "Duplicative or derivative research",
        "Going along with stakeholders' views to avoid conflict can yield unnecessary, "
        "duplicative or unimaginative research and compromise integrity.",
        _src(5, _SECOND),
        ("research",),
        _links(P, _b("research"), _b("researchers")),
    ),
    _cost(
        "burnout",
        "Stress and burnout",
        "Conflict and the extra work of coproduction can cause serious stress and burnout.",
        _src(5, _SECOND),
        ("personal",),
        _links(P, *RESEARCHERS_ALL),
    ),
    # professional, p. 5
    _cost(
        "displaced-academic-work",
        "Academic work displaced",
        "Time taken from grant writing, publishing, teaching and administration, with little "
        "assurance of success or credit.",
        _src(5, _THIRD),
        ("professional",),
        _links(P, *RESEARCHERS_ALL),
    ),
    _cost(
        "lower-status-outputs",
        "Outputs seen as lesser",
        "Coproduced outputs may be judged of lower quality than 'pure' research, or be hard "
        "to publish.",
        _src(5, _THIRD),
        ("professional", "research"),
        _links(P, *RESEARCHERS_ALL),
    ),
    _cost(
        "professional-favours",
        "Favours and constant availability",
        "Researchers are expected to do favours (extra talks), to be readily available, and to "
        "engage without any impact academia would count.",
        _src(5, _THIRD),
        ("professional",),
        _links(P, *RESEARCHERS_ALL),
        see_also=(_src(3, "Challenges and costs to coproduction, beyond the lifecycle, (2)"),),
    ),
    _cost(
        "seen-as-partisan",
        "Seen as partisan",
        "Colleagues and stakeholders may see researchers as partisan or lacking credibility, "
        "or as lending legitimacy to a political position, which narrows whom they can work "
        "with.",
        _src(5, _THIRD),
        ("professional",),
        _links(P, _b("researchers")),
    ),
    _cost(
        "personal-safety",
        "Personal safety at risk",
        "Being seen to endorse political positions can, at the extreme, put researchers' "
        "safety at risk.",
        _src(5, _THIRD),
        ("personal",),
        _links(P, _b("researchers")),
    ),
    _cost(
        "policy-based-evidence",
        "Research read as 'policy-based evidence'",
        "Research is taken as a selective narrative built to back a political position rather "
        "than a neutral account of the data.",
        _src(5, _THIRD),
        ("research", "scholarship"),
        _links(P, _b("research"), _b("profession")),
    ),
    _cost(
        "lightweight",
        "Seen as an academic lightweight",
        "Coproducing researchers risk being thought to produce nothing of substance.",
        _src(5, _THIRD),
        ("professional",),
        _links(P, *RESEARCHERS_ALL),
    ),
    # the research itself and its process, p. 5
    _cost(
        "unoriginal-questions",
        "Dull, unoriginal or parochial questions",
        "Partners may steer towards questions that add little to knowledge or do not "
        "generalise beyond the local setting, and so are hard to publish.",
        _src(5, _FOURTH),
        ("research",),
        _links(P, _b("research"), _b("researchers")),
    ),
    _cost(
        "dominant-agendas",
        "Agendas captured by dominant groups",
        "Those with the skills to take part, or whose views fit expectations, dominate; "
        "research then serves some groups over others while appearing fair.",
        _src(5, _FOURTH),
        ("research", "process"),
        (
            *_links(P, _b("research")),
            *_links(I_, *LAY, note="Those who lack the skills to take part."),
        ),
    ),
    _cost(
        "researchers-silenced",
        "Co-option and silencing",
        "Disputes over interpretations and recommendations can end with the research co-opted "
        "or researchers silenced, in conversation or by being stopped from publishing.",
        _src(5, _FOURTH + ", second paragraph"),
        ("process",),
        _links(P, _b("researchers"), _b("research")),
    ),
    _cost(
        "purpose-disputed",
        "Disputes over the purpose of coproduction",
        "Partners disagree about what the coproduction, or the research itself, is for and "
        "what role each of them plays, which delays and divides the work.",
        _src(5, _FOURTH + ", second paragraph"),
        ("process",),
        _links(P, _b("research")),
        see_also=(_src(3, "Challenges and costs to coproduction, first paragraph, on purpose"),),
    ),
    _cost(
        "sharing-disputed",
        "Disputes over sharing findings",
        "Partners disagree about how and when the findings are shared, which can delay or "
        "derail publication.",
        _src(5, _FOURTH + ", second paragraph"),
        ("process",),
        _links(P, _b("research")),
    ),
    # stakeholders, p. 6
    _cost(
        "stakeholder-time",
        "Stakeholders' time and resources",
        "Taking part draws time and organisational resources away from stakeholders' main "
        "responsibilities.",
        _src(6, _FIFTH),
        ("practical",),
        _links(P, *ALL_STAKEHOLDERS),
    ),
    _cost(
        "stakeholder-exposure",
        "Stakeholders made vulnerable",
        "Participants, policy-makers above all, must share uncertainties, sensitive information "
        "or mistakes, which can cost them.",
        _src(6, _FIFTH),
        ("professional",),
        (
            *_links(P, _b("policy-makers")),
            *_links(
                I_,
                _b("managers"),
                _b("funders"),
                _b("practitioners"),
                note="The paper names policy-makers 'especially'; others share the exposure.",
            ),
        ),
    ),
    _cost(
        "input-cherry-picked",
        "Contributions cherry-picked",
        "Stakeholders' input is used selectively to suit the research agenda, or not handled "
        "transparently and systematically.",
        _src(6, _FIFTH),
        ("personal", "research"),
        (*_links(P, *ALL_STAKEHOLDERS), *_links(I_, _b("research"))),
    ),
    _cost(
        "feeling-used",
        "Feeling used or ignored",
        "Policy-makers, service users and professionals may feel ignored, used or denied the "
        "respect they usually have.",
        _src(6, _FIFTH),
        ("personal",),
        _links(
            P,
            _b("policy-makers"),
            _b("patients"),
            _b("practitioners"),
            _b("carers"),
            _b("public"),
            _b("managers"),
        ),
    ),
    _cost(
        "disengagement",
        "Participants dominated and disengaged",
        "Personal stories and experience are overridden by senior interests, leaving "
        "participants subjugated and unwilling to take part again.",
        _src(6, _FIFTH),
        ("personal", "scholarship"),
        (
            *_links(P, *LAY),
            *_links(
                I_, _b("profession"), note="Unwillingness to engage again harms research at large."
            ),
        ),
    ),
    # the profession, p. 6
    _cost(
        "ill-feeling",
        "Ill-feeling towards research",
        "Careless or discourteous coproduction leaves people mistrustful of researchers and "
        "unwilling to take part in other research.",
        _src(6, _FINALLY),
        ("scholarship",),
        _links(P, _b("profession")),
    ),
    _cost(
        "value-questioned",
        "Value of research questioned",
        "Close work with parties who have vested interests raises doubt that findings are "
        "reported truly, and research comes to look like one more lobby group.",
        _src(6, _FINALLY),
        ("scholarship",),
        _links(P, _b("profession")),
    ),
    _cost(
        "hit-and-run",
        "Hit-and-run research",
        "A culture of getting funding, doing the study, achieving impact and leaving gives "
        "researchers no time or space to reflect on their practice, and funders little "
        "interest in what they would learn.",
        _src(6, "Challenges and costs to coproduction, research process, on hit-and-run research"),
        ("process", "professional", "personal", "scholarship"),
        (
            *_links(P, *RESEARCHERS_ALL, _b("research")),
            *_links(
                I_,
                *DECISION_MAKERS,
                _b("practitioners"),
                *LAY,
                note="The paper names the culture and its cost to reflective practice, not "
                "partners left without follow-through; that partners who expected help with "
                "implementation are left without it is read from Table 1, row 7 (researchers "
                "show little interest in helping with implementation).",
            ),
            *_links(I_, _b("profession"), note="Ill-feeling towards research (p. 6, 'Finally')."),
        ),
        see_also=(_t1(7, "Implementing change"),),
    ),
)

COSTS = TABLE1_COSTS + PROSE_COSTS

# --------------------------------------------------------------------------- stages, challenges


def _s(name: str) -> StageId:
    return StageId(f"stage.{name}")


def _ch(name: str) -> ChallengeId:
    return ChallengeId(f"challenge.{name}")


_STAGE_ROWS = (
    (
        "mixed-teams",
        "Developing mixed research teams",
        "Assembling a team of researchers and stakeholders.",
        ("extra-time", "shared-decisions-undermined"),
    ),
    (
        "framing-questions",
        "Framing research questions",
        "Agreeing what the research will ask.",
        ("relationship-damage", "career-damage", "independence-credibility"),
    ),
    (
        "collecting-data",
        "Collecting data",
        "Gathering data, often through stakeholders' organisations.",
        ("relationship-damage",),
    ),
    (
        "analysing-data",
        "Analysing and interpreting data",
        "Analysing the data and deciding what it shows.",
        ("ethics-breach", "training-burden"),
    ),
    (
        "recommendations",
        "Formulating recommendations",
        "Turning findings into recommendations.",
        ("findings-misrepresented", "independence-credibility"),
    ),
    (
        "dissemination",
        "Disseminating research",
        "Sharing and publishing the findings.",
        ("independence-credibility", "process-credibility"),
    ),
    (
        "implementation",
        "Implementing change",
        "Acting on the findings in policy or practice.",
        ("relationship-damage", "implementation-failure"),
    ),
)

STAGES = tuple(
    Stage(
        id=_s(name),
        order=order,
        label=label,
        description=description,
        source=_t1(order, label),
        cost_cells=tuple(_c(c) for c in cells),
    )
    for order, (name, label, description, cells) in enumerate(_STAGE_ROWS, start=1)
)


def _challenge(
    row: int, name: str, label: str, description: str, *extra: tuple[Basis, tuple[str, ...]]
) -> Challenge:
    stage_name, stage_label = _STAGE_ROWS[row - 1][0], _STAGE_ROWS[row - 1][1]
    links: list[Link] = []
    for basis, costs in extra:
        note = "" if basis is not I_ else "Read from the prose of pages 3, 5 and 6."
        links.extend(Link(target=_c(c), basis=basis, note=note) for c in costs)
    return Challenge(
        id=_ch(name),
        stage=_s(stage_name),
        label=label,
        description=description,
        source=_t1(row, stage_label),
        costs=tuple(links),
    )


CHALLENGES = (
    _challenge(
        1,
        "stakeholders-disagree",
        "Stakeholders differ and disagree",
        "Stakeholders are not one group; they hold different views and may disagree.",
        (
            I_,
            (
                "money",
                "administration",
                "facilitation-skills",
                "unresourced-engagement",
                "emotional-labour",
                "burnout",
                "relationship-investment",
                "conflict-reputation",
                "purpose-disputed",
            ),
        ),
    ),
    _challenge(
        1,
        "usual-suspects",
        "'Usual suspects' dominate",
        "A few familiar individuals come to dominate the coproductive discussions.",
        (I_, ("facilitation-skills", "dominant-agendas", "feeling-used", "disengagement")),
    ),
    _challenge(
        2,
        "different-priorities",
        "Different priorities and values",
        "Stakeholders and researchers want different things from the research.",
        (
            I_,
            (
                "emotional-labour",
                "stakeholder-time",
                "stakeholder-exposure",
                "conflict-reputation",
                "purpose-disputed",
            ),
        ),
    ),
    _challenge(
        2,
        "lacks-originality",
        "Useful but unoriginal research",
        "Research that is useful to partners may add little that is new.",
        (
            I_,
            ("unoriginal-questions", "lower-status-outputs", "lightweight", "derivative-research"),
        ),
    ),
    _challenge(
        2,
        "co-opted",
        "Research co-opted by partners",
        "Partners may use the research for their own ends, such as defending the status quo "
        "or past decisions.",
        (I_, ("seen-as-partisan", "policy-based-evidence", "value-questioned")),
    ),
    _challenge(
        3,
        "pressure-on-resources",
        "Pressure on stakeholders' resources",
        "Researchers may press stakeholders to lend staff time or grant site access for data "
        "collection.",
        (I_, ("stakeholder-time", "ill-feeling", "professional-favours")),
    ),
    _challenge(
        4,
        "identify-participants",
        "Stakeholders ask who took part",
        "Stakeholders may want to know which participants agreed to take part or what each "
        "contributed.",
        (I_, ("ill-feeling",)),
    ),
    _challenge(
        4,
        "help-analyse",
        "Stakeholders want to help analyse",
        "Stakeholders may wish to take part in analysing the data.",
        (I_, ("administration", "displaced-academic-work", "unresourced-engagement")),
    ),
    _challenge(
        5,
        "little-agreement",
        "Little agreement on what matters",
        "Partners may disagree about how important the research or its findings are.",
        (I_, ("emotional-labour", "input-cherry-picked", "conflict-reputation")),
    ),
    _challenge(
        5,
        "pressed-to-frame",
        "Pressure to frame findings",
        "Researchers may be pushed to present findings in a particular light.",
        (
            I_,
            (
                "seen-as-partisan",
                "policy-based-evidence",
                "researchers-silenced",
                "personal-safety",
                "stakeholder-exposure",
            ),
        ),
    ),
    _challenge(
        6,
        "prevented-sharing",
        "Unwelcome findings held back",
        "Researchers or stakeholders may be stopped from sharing findings someone dislikes.",
        (I_, ("researchers-silenced", "value-questioned", "sharing-disputed")),
    ),
    _challenge(
        6,
        "premature-sharing",
        "Findings shared too early",
        "Stakeholders may want to release findings before the researchers are ready.",
        (I_, ("seen-as-partisan", "policy-based-evidence", "sharing-disputed")),
    ),
    _challenge(
        7,
        "advocacy-tension",
        "Advocating research or advocating change",
        "Researchers are torn between speaking for the research and campaigning for a change "
        "in policy or practice.",
        (I_, ("seen-as-partisan", "personal-safety", "value-questioned")),
    ),
    _challenge(
        7,
        "implementation-disinterest",
        "Researchers uninterested in implementation",
        "Researchers may show little interest in helping to put findings into practice.",
        (I_, ("feeling-used", "ill-feeling", "disengagement", "hit-and-run")),
    ),
)

# --------------------------------------------------------------------------- motivations, modes

_WHY = "Why coproduce?"
_P8_OTHER_MEANS = _src(8, "Conclusions, on aims that other means can reach")

MOTIVATIONS = (
    MotivationEntry(
        id="motivation.substantive",
        motivation=Motivation.SUBSTANTIVE,
        label="Substantive",
        description=(
            "Engagement to make the research better and more relevant: a fuller grasp of the "
            "context and problem, and the discovery of questions nobody knew to ask."
        ),
        source=_src(2, f"{_WHY}, argument 1"),
        other_routes=True,
        see_also=(_P8_OTHER_MEANS,),
    ),
    MotivationEntry(
        id="motivation.instrumental",
        motivation=Motivation.INSTRUMENTAL,
        label="Instrumental",
        description=(
            "Engagement so that findings get used: practice-based questions, capacity among "
            "non-academics, trust among potential users, feasible designs, a read on how "
            "receptive the setting is."
        ),
        source=_src(2, f"{_WHY}, argument 2"),
        other_routes=True,
        see_also=(_P8_OTHER_MEANS,),
    ),
    MotivationEntry(
        id="motivation.normative",
        motivation=Motivation.NORMATIVE,
        label="Normative",
        description=(
            "Engagement as valuable in itself: accountability to the public, fairer sharing of "
            "expertise and power, democratic renewal, mutual learning, or simply a rewarding way "
            "to work."
        ),
        source=_src(2, f"{_WHY}, argument 3"),
        other_routes=True,
        see_also=(_P8_OTHER_MEANS,),
    ),
    MotivationEntry(
        id="motivation.political",
        motivation=Motivation.POLITICAL,
        label="Political",
        description=(
            "Engagement to change how groups regard the research and each other: ownership, "
            "empowerment, trust, credibility and legitimacy, partnering with those who have "
            "authority to act. Rarely stated, yet perhaps the most important reason (p. 8)."
        ),
        source=_src(2, f"{_WHY}, argument 4 (continues on p. 3)"),
        other_routes=False,
        see_also=(
            _src(3, f"{_WHY}, argument 4: with the disempowered or the powerful, both political"),
            _src(8, "Conclusions, on political reasons: least discussed, perhaps most important"),
        ),
    ),
)

_HOW = "How to coproduce?"

_TIME = _links(
    P, _c("stakeholder-time"), note="Taking part takes time from stakeholders' main work (p. 6)."
)

INTERACTION_MODES = (
    ModeEntry(
        id="mode.recipient",
        mode=Mode.RECIPIENT,
        label="Recipients of findings",
        description="The shallowest involvement: stakeholders are told the results.",
        source=_src(3, f"{_HOW}, first paragraph"),
    ),
    ModeEntry(
        id="mode.advice",
        mode=Mode.ADVICE,
        label="Informal advice",
        description="Researchers use personal networks to seek advice on policy agendas or to "
        "join policy discussions individually.",
        source=_src(3, f"{_HOW}, first paragraph"),
        costs=_TIME,
    ),
    ModeEntry(
        id="mode.consultation",
        mode=Mode.CONSULTATION,
        label="Consultation",
        description="Stakeholders are asked for views on topics or questions; researchers "
        "keep control of the research.",
        source=_src(3, f"{_HOW}, second paragraph"),
        costs=(
            *_TIME,
            *(
                Link(
                    target=_c(name),
                    basis=I_,
                    note="The paper's people asked for input that was then cherry-picked (p. 6); "
                    "that this is consultation, where input frames the questions or reads the "
                    "data, is our reading.",
                    stages=(_s("framing-questions"), _s("analysing-data")),
                )
                for name in ("input-cherry-picked", "feeling-used")
            ),
        ),
    ),
    ModeEntry(
        id="mode.collaboration",
        mode=Mode.COLLABORATION,
        label="Co-design and co-interpretation",
        description="Questions are designed, or data interpreted, together with stakeholders.",
        source=_src(3, f"{_HOW}, second paragraph"),
        costs=_TIME,
    ),
    ModeEntry(
        id="mode.partnership",
        mode=Mode.PARTNERSHIP,
        label="Partnership",
        description="Partners of equal status co-steer the research throughout, often with "
        "the stakeholder contributing money.",
        source=_src(3, f"{_HOW}, first paragraph"),
        costs=_TIME,
    ),
    ModeEntry(
        id="mode.user-controlled",
        mode=Mode.USER_CONTROLLED,
        label="User-controlled (the original sense)",
        description="A significant shift of power from researchers or decision-makers to "
        "service users, such as patients: what coproduction first meant. The paper gives no "
        "advice on when to choose it.",
        source=_src(3, f"{_HOW}, second paragraph, on the original meaning"),
        costs=_TIME,
    ),
    ModeEntry(
        id="mode.embedded",
        mode=None,
        label="Commissioned or embedded research (an arrangement)",
        description="Researchers are employed by, or work inside, a policy or service agency "
        "on questions it commissions. An arrangement, not a depth.",
        source=_src(3, f"{_HOW}, first and second paragraphs"),
    ),
)

# --------------------------------------------------------------------------- Table 2


def _cond(number: int, name: str, label: str, less: str, more: str, note: str = "") -> Condition:
    return Condition(
        id=ConditionId(f"condition.{name}"),
        number=number,
        label=label,
        less=less,
        more=more,
        source=_src(7, f"Table 2, row {number}"),
        note=note,
    )


CONDITIONS = (
    _cond(
        1,
        "contested",
        "Controversy",
        "The policy is likely to be controversial or its findings disputed.",
        "The policy is broadly welcomed and findings are unlikely to be disputed.",
    ),
    _cond(
        2,
        "conflicts-of-interest",
        "Conflicts of interest",
        "Conflicts of interest will be hard to manage, e.g. policy-makers answer for the "
        "policy's success.",
        "Stakeholders have few fundamental conflicts of interest.",
    ),
    _cond(
        3,
        "direct-use",
        "Direct use of findings",
        "Using the findings at once for decisions matters little.",
        "Using the findings for policy and management decisions is the main goal.",
    ),
    _cond(
        4,
        "funder-values",
        "What funders value",
        "Funders or commissioners prize expert, detached inquiry over other knowledge.",
        "There is little worry about producing 'policy-based evidence'.",
        note="The two sides are not exact opposites: one is about funders' values, the other "
        "about concern over policy-based evidence. A project leans 'less' when its funders "
        "prize detachment, 'more' when nobody fears policy-based evidence.",
    ),
    _cond(
        5,
        "definition",
        "How well defined the policy is",
        "The policy's nature and purpose are fairly clear and agreed.",
        "The policy still needs much definition, refinement, or testing of feasibility and "
        "acceptability.",
    ),
    _cond(
        6,
        "purpose",
        "Whether or how",
        "The research asks whether the policy works, and decision-makers are firmly "
        "committed to acting on the answer (there is decision space).",
        "The research asks how best to implement the policy, not whether to go ahead.",
        note="The clause on decision space belongs to the left (less) cell.",
    ),
    _cond(
        7,
        "cooperation-needed",
        "Dependence on cooperation",
        "The research does not depend much on policy agencies' or implementers' cooperation.",
        "The research can hardly be done without policy-makers' or implementers' active help.",
    ),
    _cond(
        8,
        "relationships",
        "Existing relationships",
        "Researchers already have good, informal, continuing relationships with policy-makers "
        "and managers.",
        "Researchers and policy-makers or managers need to understand each other better.",
    ),
    _cond(
        9,
        "capacity",
        "Capacity to involve",
        "Time, resources or expertise are too short to involve the key stakeholders at every "
        "point where they should be.",
        "There is time, money and expertise to involve the key stakeholders wherever they "
        "should be.",
    ),
)

# --------------------------------------------------------------------------- process, questions

_CAUTIOUS = "A cautious approach to coproduction"

STEPS = (
    Step(
        id=StepId("step.usefulness"),
        number=1,
        label="Will coproduction help?",
        description="Judge whether coproduction is likely to help the research meet its aims, "
        "and choose strategies to match.",
        source=_src(6, f"{_CAUTIOUS}, two-step process"),
    ),
    Step(
        id=StepId("step.alternatives"),
        number=2,
        label="Would something else do as well?",
        description="Judge whether other approaches are as likely, or more likely, to reach "
        "those aims.",
        source=_src(6, f"{_CAUTIOUS}, two-step process"),
    ),
)


def _q(audience: Audience, number: int, name: str, label: str, description: str) -> Question:
    page, where = (
        (6, "questions for individuals")
        if audience is Audience.INDIVIDUALS
        else (7, "questions for research organisations and funders")
    )
    if audience is Audience.INDIVIDUALS and number > 1:
        page = 7
    return Question(
        id=QuestionId(f"question.{audience.value}.{name}"),
        audience=audience,
        number=number,
        label=label,
        description=description,
        source=_src(page, f"{_CAUTIOUS}, {where}, {number}"),
    )


_IND, _ORG = Audience.INDIVIDUALS, Audience.ORGANISATIONS

QUESTIONS = (
    _q(
        _IND,
        1,
        "contributions",
        "What does each party bring?",
        "Name what everyone contributes: money, knowledge of the politics, pressure for answers, "
        "expertise, experience.",
    ),
    _q(
        _IND,
        2,
        "circumstances",
        "When, why and at which stage is each needed?",
        "Decide for what purpose and at which stages each contribution is needed, and whether a "
        "different source (such as a review of patients' experience) would serve.",
    ),
    _q(
        _IND,
        3,
        "costs",
        "What are the costs, and who carries them?",
        "Work out how time, administrative, cultural and professional costs will be borne and "
        "offset.",
    ),
    _q(
        _IND,
        4,
        "decisions",
        "How are decisions taken and accountability shared?",
        "Agree what controls decisions (group dynamics, markets, authority or something else) "
        "and how it is governed.",
    ),
    _q(
        _ORG,
        1,
        "infrastructure",
        "Infrastructure and leadership",
        "Build, with partners, the infrastructure and leadership coproduction needs.",
    ),
    _q(
        _ORG,
        2,
        "training",
        "Training",
        "Train researchers and funders in coproduction and treat it as a skill set.",
    ),
    _q(
        _ORG,
        3,
        "recognition",
        "Reward and recognition",
        "Reward good practice and credit the work even when it yields no impact.",
    ),
    _q(_ORG, 4, "evaluation", "Evaluation", "Evaluate what coproduction achieves."),
    _q(
        _ORG,
        5,
        "diversity",
        "Diversity and quality",
        "Make sure coproduction supports, rather than undermines, diversity and quality in "
        "research and policy.",
    ),
)

_Q1 = _src(6, f"{_CAUTIOUS}, questions for individuals, 1 (continues on p. 7)")

CONTRIBUTIONS = (
    ContributionEntry(
        id="contribution.money",
        contribution=Contribution.MONEY,
        label="Money",
        description="Funding for the research; in partnerships a sign of real commitment.",
        source=_Q1,
        typical_of=(StakeholderKind.POLICY_MAKER, StakeholderKind.FUNDER),
    ),
    ContributionEntry(
        id="contribution.political-context",
        contribution=Contribution.POLITICAL_CONTEXT,
        label="Knowledge of the political context",
        description="How the issue sits in current politics and what is feasible.",
        source=_Q1,
        typical_of=(StakeholderKind.POLICY_MAKER, StakeholderKind.FUNDER),
    ),
    ContributionEntry(
        id="contribution.pressure-for-answers",
        contribution=Contribution.PRESSURE_FOR_ANSWERS,
        label="Pressure for answers",
        description="A demand for timely, usable findings.",
        source=_Q1,
        typical_of=(StakeholderKind.POLICY_MAKER, StakeholderKind.FUNDER),
    ),
    ContributionEntry(
        id="contribution.topic-expertise",
        contribution=Contribution.TOPIC_EXPERTISE,
        label="Topic expertise",
        description="Knowledge of the subject and its literature.",
        source=_Q1,
        typical_of=(StakeholderKind.RESEARCHER,),
    ),
    ContributionEntry(
        id="contribution.methods-expertise",
        contribution=Contribution.METHODS_EXPERTISE,
        label="Methodological expertise",
        description="Skill in research design and analysis.",
        source=_Q1,
        typical_of=(StakeholderKind.RESEARCHER,),
    ),
    ContributionEntry(
        id="contribution.lived-experience",
        contribution=Contribution.LIVED_EXPERIENCE,
        label="Lived experience",
        description="Experience of the condition, service or policy from the inside.",
        source=_Q1,
        typical_of=(StakeholderKind.PATIENT, StakeholderKind.CARER, StakeholderKind.PUBLIC),
    ),
    ContributionEntry(
        id="contribution.practice-knowledge",
        contribution=Contribution.PRACTICE_KNOWLEDGE,
        label="Practice knowledge",
        description="How services work in practice and what is feasible to implement.",
        source=_src(2, f"{_WHY}, argument 2"),
        typical_of=(StakeholderKind.PRACTITIONER, StakeholderKind.MANAGER),
    ),
    ContributionEntry(
        id="contribution.access",
        contribution=Contribution.ACCESS,
        label="Access to sites, data and people",
        description="Staff time, sites and data for collecting data.",
        source=_t1(3, "Collecting data"),
        typical_of=(
            StakeholderKind.MANAGER,
            StakeholderKind.PRACTITIONER,
            StakeholderKind.COMMUNITY_ORGANISATION,
        ),
    ),
    ContributionEntry(
        id="contribution.implementation-authority",
        contribution=Contribution.IMPLEMENTATION_AUTHORITY,
        label="Authority to implement",
        description="The power to act on the findings.",
        source=_src(2, f"{_WHY}, argument 4"),
        typical_of=(StakeholderKind.POLICY_MAKER, StakeholderKind.MANAGER),
    ),
)

# --------------------------------------------------------------------------- step 2, mitigations

ALTERNATIVES = (
    Alternative(
        id=AlternativeId("alternative.systematic-review"),
        label="Review the evidence on people's experience",
        description="Draw the user perspective from a systematic review of patients' "
        "experiences rather than from patient representatives. It serves understanding; it "
        "gives no one a voice.",
        source=_src(7, f"{_CAUTIOUS}, questions for individuals, 2"),
        serves=(Motivation.SUBSTANTIVE,),
    ),
    Alternative(
        id=AlternativeId("alternative.consultation"),
        label="Consult instead of partnering",
        description="Ask stakeholders for their views at set points instead of sharing "
        "control of the research.",
        source=_src(6, f"{_CAUTIOUS}, the open questions before the two steps"),
        serves=(Motivation.SUBSTANTIVE, Motivation.INSTRUMENTAL),
    ),
    Alternative(
        id=AlternativeId("alternative.selective-stages"),
        label="Involve only at the stages that need it",
        description="Involve each stakeholder at the specific stages where their contribution "
        "is needed rather than all the way through.",
        source=_src(7, f"{_CAUTIOUS}, questions for individuals, 2"),
        serves=(
            Motivation.SUBSTANTIVE,
            Motivation.INSTRUMENTAL,
            Motivation.NORMATIVE,
            Motivation.POLITICAL,
        ),
    ),
)

_ADVICE = _src(6, f"{_CAUTIOUS}, paragraph before the key questions")
_M_NOTE = "The paper advises these in general; pairing them with challenges is our reading."
_REMEDY_NOTE = (
    "The paper names the challenge in this row, not this remedy: an agreement made in advance "
    "is our reading of how to meet it."
)


def _m(
    name: str,
    label: str,
    description: str,
    source: Source,
    *challenges: str,
    note: str = _M_NOTE,
) -> Mitigation:
    return Mitigation(
        id=MitigationId(f"mitigation.{name}"),
        label=label,
        description=description,
        source=source,
        addresses=tuple(Link(target=_ch(c), basis=I_, note=note) for c in challenges),
    )


MITIGATIONS = (
    _m(
        "ground-rules",
        "Ground rules and processes",
        "Agree how the group works, how people are heard and how disagreements are settled.",
        _ADVICE,
        "stakeholders-disagree",
        "usual-suspects",
        "different-priorities",
        "little-agreement",
        "advocacy-tension",
    ),
    _m(
        "decision-process",
        "An agreed way of taking decisions",
        "Settle who decides what, and how responsibility and accountability are shared.",
        _src(7, f"{_CAUTIOUS}, questions for individuals, 4"),
        "stakeholders-disagree",
        "different-priorities",
        "co-opted",
        "pressed-to-frame",
        "little-agreement",
    ),
    _m(
        "data-agreement",
        "Agreement on data access",
        "Agree in advance who may see which data, in what form, protecting participants "
        "(the row names the challenge; the agreement is this tool's remedy).",
        _t1(4, "Analysing and interpreting data"),
        "identify-participants",
        "help-analyse",
        "pressure-on-resources",
        note=_REMEDY_NOTE,
    ),
    _m(
        "publication-agreement",
        "Agreement on publishing",
        "Agree in advance who may publish what and when, including unwelcome findings "
        "(the row names the challenge; the agreement is this tool's remedy).",
        _t1(6, "Disseminating research"),
        "prevented-sharing",
        "premature-sharing",
        "pressed-to-frame",
        "co-opted",
        note=_REMEDY_NOTE,
    ),
    _m(
        "facilitation",
        "Skilled facilitation",
        "Resource good facilitation and the management of expectations.",
        _ADVICE,
        "stakeholders-disagree",
        "usual-suspects",
        "different-priorities",
        "little-agreement",
    ),
    _m(
        "training",
        "Training",
        "Train researchers in coproduction and stakeholders in research ethics and methods.",
        _src(7, f"{_CAUTIOUS}, questions for research organisations and funders, 2"),
        "help-analyse",
        "identify-participants",
        "implementation-disinterest",
    ),
    _m(
        "budget",
        "A budget for engagement",
        "Pay for the presence, travel and time of those involved.",
        _src(3, _FIRSTLY),
        "stakeholders-disagree",
        "pressure-on-resources",
        "help-analyse",
    ),
    _m(
        "time",
        "Time for engagement",
        "Plan the extra time engagement takes into the schedule.",
        _t1(1, "Developing mixed research teams"),
        "stakeholders-disagree",
        "help-analyse",
        "implementation-disinterest",
    ),
    _m(
        "broad-membership",
        "Broad, renewed membership",
        "Recruit beyond the familiar few and balance groups so no interest dominates.",
        _src(5, _FOURTH),
        "usual-suspects",
        "co-opted",
    ),
)
