"""The practice layer as data: published guidance, in the project's own words.

This private module holds the practice entries of the default catalogue; read them through
``default_catalogue().practice``. Every entry cites a :class:`~coproduce.model.Document` and
a locator. ``docs/practice.md`` lists every document, what could and could not be checked
against it, and every interpretation.

Page numbers: the documents below were read as web pages or article tables, not as paginated
PDFs, so every source gives page 1 and its ``locator`` names the section, standard, table or
item. Nothing here is quoted; standards, questions and items are paraphrased.
"""

from __future__ import annotations

from coproduce.model import (
    PAPER,
    ArnsteinRung,
    Document,
    FunderLevel,
    Guidance,
    Iap2Level,
    LevelCrosswalk,
    Mode,
    Practice,
    PracticeMitigation,
    PracticeRiskEntry,
    ReportingForm,
    ReportingItem,
    Source,
    Sphere,
    Standard,
    StandardQuestion,
)

DATA_VERSION = "2026.2"
"""Edition of the practice layer's data: the year encoded, then a counter of revisions."""

UK_STANDARDS = "uk-standards-2019"
GRIPP2 = "gripp2-2017"
PAY_RESEARCHERS = "nihr-payment-researchers-2024"
PAY_PUBLIC = "nihr-payment-public-2023"
SUPPORT = "involve-support-2019"
FRONT_DOOR = "psrc-front-door-2024"
ICO_DPIA = "ico-dpia"
HRA_PANDEMIC = "hra-pandemic-2021"
RDS_PANDEMIC = "rds-pandemic-2020"
RESIDENCE = "marshall-2014"
ARNSTEIN = "arnstein-1969"
IAP2 = "iap2-spectrum"
BRIEFING = "nihr-briefing-notes"
MICRA = "micra-2011"
PEER_TRAINING = "involve-peer-interviewers"
YPAG = "eypagnet-safeguarding"

DOCUMENTS = (
    Document(
        id=MICRA,
        title="Guidance on the model Industry Collaborative Research Agreement (mICRA)",
        publisher="National Institute for Health Research and Medical Research Council",
        year=2011,
        version="version 1.0 (republished 7 June 2019)",
        url="https://www.nihr.ac.uk/documents/micra-guidance-2011/12161",
        note="Checked: the model agreement offers options for who owns intellectual property "
        "from a collaboration and covers publication; clause wording not encoded.",
    ),
    Document(
        id=UK_STANDARDS,
        title="UK Standards for Public Involvement in Research",
        publisher="UK Public Involvement Standards Development Partnership (NIHR, Chief "
        "Scientist Office Scotland, Health and Care Research Wales, Public Health Agency "
        "Northern Ireland)",
        year=2019,
        url="https://sites.google.com/nihr.ac.uk/pi-standards/standards",
        note="The six standard statements were checked against the partnership's site and "
        "Table 1 of doi:10.1186/s40900-018-0130-2; indicators 1.1-1.3 against the site. The "
        "reflective questions are paraphrased by theme and were not checked word for word.",
    ),
    Document(
        id=GRIPP2,
        title="GRIPP2 reporting checklists: tools to improve reporting of patient and public "
        "involvement in research",
        publisher="Research Involvement and Engagement 3:13, co-published in BMJ 2017;358:j3453",
        year=2017,
        doi="10.1186/s40900-017-0062-2",
        url="https://doi.org/10.1136/bmj.j3453",
        note="Short form (Table 2): all five items checked. Long form: items 1a-6 checked "
        "through a published reproduction of the checklist; the later items (study results, "
        "discussion and conclusions, reflections) could not be read and are not encoded.",
    ),
    Document(
        id=PAY_RESEARCHERS,
        title="Payment guidance for researchers and professionals",
        publisher="National Institute for Health and Care Research (NIHR)",
        year=2024,
        version="version 1.6, August 2024 (first published 31 August 2022)",
        url="https://www.nihr.ac.uk/payment-guidance-researchers-and-professionals",
        note="The good-practice points were checked; the guidance's payment rates are not "
        "encoded (a rate card must cite the current version and its date).",
    ),
    Document(
        id=PAY_PUBLIC,
        title="Payment guidance for members of the public considering involvement in research",
        publisher="National Institute for Health and Care Research (NIHR)",
        year=2023,
        version="version 1.4, July 2023 (first published 13 July 2022)",
        url="http://www.invo.org.uk/posttypepublication/what-you-need-to-know-about-payment/",
    ),
    Document(
        id=SUPPORT,
        title="Different types of support (INVOLVE resource)",
        publisher="INVOLVE / NIHR",
        year=2019,
        url="https://www.invo.org.uk/different-types-of-support/",
        note="Year read from the page's note on 2019 benefits changes.",
    ),
    Document(
        id=FRONT_DOOR,
        title="The Public Involvement Front Door",
        publisher="NIHR North West London Patient Safety Research Collaboration",
        year=2024,
        url="https://publicinvolvement.co.uk/involve",
        note="Year of launch not printed on the page read; 2024 is an estimate.",
    ),
    Document(
        id=ICO_DPIA,
        title="Data protection impact assessments (Guide to the UK GDPR)",
        publisher="Information Commissioner's Office",
        year=2021,
        url="https://ico.org.uk/for-organisations/guide-to-data-protection/"
        "guide-to-the-general-data-protection-regulation-gdpr/"
        "data-protection-impact-assessments-dpias/when-do-we-need-to-do-a-dpia/",
    ),
    Document(
        id=HRA_PANDEMIC,
        title="Public involvement in a pandemic: lessons from the UK COVID-19 public "
        "involvement matching service",
        publisher="Health Research Authority",
        year=2021,
        url="https://www.hra.nhs.uk/planning-and-improving-research/best-practice/"
        "public-involvement/public-involvement-pandemic-lessons-uk-covid-19-public-"
        "involvement-matching-service/",
    ),
    Document(
        id=RDS_PANDEMIC,
        title="Public involvement during a pandemic: how we are supporting researchers",
        publisher="NIHR Research Design Service",
        year=2020,
        url="https://www.rdsblog.org.uk/public-involvement-during-a-pandemic-how-we-are-"
        "supporting-researchers",
    ),
    Document(
        id=RESIDENCE,
        title="Moving improvement research closer to practice: the Researcher-in-Residence model",
        publisher="BMJ Quality & Safety 23(10):801-805",
        year=2014,
        doi="10.1136/bmjqs-2013-002779",
    ),
    Document(
        id=ARNSTEIN,
        title="A ladder of citizen participation",
        publisher="Journal of the American Institute of Planners 35(4):216-224",
        year=1969,
        doi="10.1080/01944366908977225",
        note="Journal, volume and pages checked; the DOI was not.",
    ),
    Document(
        id=IAP2,
        title="IAP2 Spectrum of Public Participation",
        publisher="International Association for Public Participation",
        year=2018,
        url="https://www.iap2.org/page/pillars",
        note="The five levels are as the project's design notes list them; the page itself "
        "was not read.",
    ),
    Document(
        id=PEER_TRAINING,
        title="Training for peer interviewers (INVOLVE resource)",
        publisher="INVOLVE / NIHR",
        year=2019,
        url="https://www.invo.org.uk/training-for-peer-interviewers-2/",
        note="Read: what training for peer interviewers covers (consent and capacity, ethics "
        "and confidentiality, what to do when concerned about an interviewee). Year not "
        "printed on the page read; 2019, as for the other INVOLVE resources here, is an "
        "estimate.",
    ),
    Document(
        id=YPAG,
        title="eYPAGnet toolkit: safeguarding (getting started)",
        publisher="European Young Persons' Advisory Group Network (eYPAGnet)",
        year=2020,
        url="https://eypagnet.eu/toolkit/getting-started/safeguarding-policy/",
        note="Read: the key points (the coordinator's duty to protect members, consent right "
        "for the activities planned, child protection rules of the country). Year not "
        "printed on the page read; 2020 is an estimate.",
    ),
    Document(
        id=BRIEFING,
        title="Briefing notes for researchers: public involvement in NHS, health and social "
        "care research",
        publisher="National Institute for Health and Care Research (NIHR)",
        year=2021,
        url="https://www.nihr.ac.uk/documents/briefing-notes-for-researchers-public-"
        "involvement-in-nhs-health-and-social-care-research/27371",
        note="Year not printed on the page read; 2021 is an estimate.",
    ),
)


def _src(document: str, locator: str) -> Source:
    return Source(page=1, locator=locator, document=document)


# --------------------------------------------------------------------------- UK Standards


def _standard(
    number: int, name: str, label: str, description: str, *questions: tuple[str, str]
) -> Standard:
    locator = f"Standard {number}: {label}"
    return Standard(
        id=f"standard.{name}",
        number=number,
        label=label,
        description=description,
        source=_src(UK_STANDARDS, locator),
        questions=tuple(
            StandardQuestion(
                id=f"standard.{name}.{qname}",
                label=text,
                source=_src(UK_STANDARDS, f"{locator}, reflective questions (paraphrased)"),
            )
            for qname, text in questions
        ),
    )


STANDARDS = (
    _standard(
        1,
        "inclusive-opportunities",
        "Inclusive opportunities",
        "Involvement opportunities are accessible and reach the people and groups the "
        "research needs.",
        ("earliest-stage", "Are people affected by the research involved from the start?"),
        (
            "barriers",
            "Which barriers to taking part (cost, place, timing, format) have been "
            "found, and how are they removed?",
        ),
        (
            "reach",
            "Are opportunities advertised in several ways, so that relevant people hear of them?",
        ),
        ("diversity", "How far do the people involved reflect those the research concerns?"),
    ),
    _standard(
        2,
        "working-together",
        "Working together",
        "The way of working values every contribution and builds relationships that are "
        "respectful and productive, and that last.",
        ("roles", "Are roles, responsibilities and expectations agreed and written down?"),
        ("valued", "How are contributions recognised, paid for and acknowledged?"),
        ("decisions", "How are decisions shared, and disagreements settled?"),
        ("review", "Is the way of working together reviewed with those involved?"),
    ),
    _standard(
        3,
        "support-and-learning",
        "Support and learning",
        "Support and learning are offered and promoted so that people gain confidence and "
        "skills for involvement.",
        ("support", "What practical and emotional support do contributors need, and get?"),
        ("learning", "What learning is offered to contributors, and to researchers?"),
        ("concerns", "Who can contributors turn to with a concern?"),
    ),
    _standard(
        4,
        "communications",
        "Communications",
        "Communication is in plain language, timely, two-way and aimed at its audience, and "
        "is part of the involvement plan.",
        ("plain", "Is information in plain language and in formats people can use?"),
        ("feedback", "Do contributors hear what happened to their input?"),
        ("needs", "Are people's communication needs asked about and met?"),
    ),
    _standard(
        5,
        "impact",
        "Impact",
        "The difference involvement makes to research is recorded and shared, to drive "
        "improvement.",
        ("record", "How will the difference involvement makes be recorded?"),
        ("share", "How will it be shared with contributors and beyond?"),
        ("learn", "What will be learnt for next time, and by whom?"),
    ),
    _standard(
        6,
        "governance",
        "Governance",
        "The public is involved in governance and leadership, so that decisions promote and "
        "protect the public interest.",
        ("seat", "Do public contributors sit where the project's decisions are taken?"),
        ("lead", "Is someone named as responsible for involvement?"),
        ("resourced", "Is involvement planned and budgeted as part of how the project is run?"),
    ),
)

# --------------------------------------------------------------------------- GRIPP2

_SF = "Table 2 (GRIPP2 short form)"
_LF = "GRIPP2 long form"


def _item(
    form: ReportingForm, number: str, section: str, label: str, description: str
) -> ReportingItem:
    where = _SF if form is ReportingForm.SHORT else _LF
    return ReportingItem(
        id=f"gripp2.{form.value}.{number}",
        form=form,
        number=number,
        section=section,
        label=label,
        description=description,
        source=_src(GRIPP2, f"{where}, item {number}"),
    )


_S, _L = ReportingForm.SHORT, ReportingForm.LONG

REPORTING_ITEMS = (
    _item(_S, "1", "Aim", "Aim", "State what involving patients and the public was for."),
    _item(
        _S, "2", "Methods", "Methods", "Describe clearly how patients and the public were involved."
    ),
    _item(_S, "3", "Study results", "Results", "Report what involvement produced, good and bad."),
    _item(
        _S,
        "4",
        "Discussion and conclusions",
        "Outcomes",
        "Discuss how far involvement "
        "shaped the study as a whole, with its positive and negative effects.",
    ),
    _item(
        _S,
        "5",
        "Reflections/critical perspective",
        "Critical perspective",
        "Reflect critically on what worked and what did not, so that others can learn.",
    ),
    _item(_L, "1a", "Abstract", "Aim", "The study's aim, in the abstract."),
    _item(
        _L,
        "1b",
        "Abstract",
        "Methods",
        "How patients and the public were involved, in the abstract.",
    ),
    _item(_L, "1c", "Abstract", "Results", "What involvement achieved, in the abstract."),
    _item(_L, "1d", "Abstract", "Conclusions", "The study's main conclusions, in the abstract."),
    _item(_L, "1e", "Abstract", "Keywords", "Involvement named among the keywords."),
    _item(
        _L,
        "2a",
        "Background",
        "Definition",
        "The definition of involvement used, and how it compares with similar studies.",
    ),
    _item(
        _L,
        "2b",
        "Background",
        "Theoretical underpinnings",
        "The rationale and theory behind involving people.",
    ),
    _item(
        _L,
        "2c",
        "Background",
        "Concepts and theory development",
        "Any conceptual models that shaped the involvement.",
    ),
    _item(_L, "3", "Aim", "Aim", "The aim of the study."),
    _item(_L, "4a", "Methods", "Design", "How patients and the public were involved."),
    _item(
        _L,
        "4b",
        "Methods",
        "People involved",
        "Who was involved: patients, carers, members of the public.",
    ),
    _item(
        _L,
        "4c",
        "Methods",
        "Stages of involvement",
        "At which stages of the study they were involved.",
    ),
    _item(
        _L,
        "4d",
        "Methods",
        "Level or nature of involvement",
        "How deeply, or in what way, they were involved at each stage.",
    ),
    _item(
        _L,
        "5a",
        "Capture or measurement of impact",
        "Qualitative evidence of impact",
        "Where used, the qualitative methods for exploring involvement's impact.",
    ),
    _item(
        _L,
        "5b",
        "Capture or measurement of impact",
        "Quantitative evidence of impact",
        "Where used, the quantitative methods for measuring involvement's impact.",
    ),
    _item(
        _L,
        "5c",
        "Capture or measurement of impact",
        "Robustness of measure",
        "Where used, how rigorous the capture or measurement of impact was.",
    ),
    _item(
        _L,
        "6",
        "Economic assessment",
        "Economic assessment",
        "Any assessment of what involvement cost and what it was worth.",
    ),
)

LONG_FORM_ITEMS = 34
"""How many items the GRIPP2 long form has; fewer are encoded (see the document's note)."""

# --------------------------------------------------------------------------- payment guidance

_BEFORE = "Good practice for payment and recognition, 'Before you start'"
_KEY = "Key points"

GUIDANCE = (
    Guidance(
        id="guidance.payment.policy-first",
        topic="payment",
        label="A payment policy before involvement starts",
        description="Settle in writing how payment, expenses and recognition work before "
        "anyone is involved.",
        source=_src(PAY_RESEARCHERS, _BEFORE),
    ),
    Guidance(
        id="guidance.payment.budget-together",
        topic="payment",
        label="Budget with contributors",
        description="Where possible, draw up the involvement budget with the contributors "
        "themselves.",
        source=_src(PAY_RESEARCHERS, _BEFORE),
    ),
    Guidance(
        id="guidance.payment.clear-offer",
        topic="payment",
        label="A clear offer from the outset",
        description="Tell contributors at the start what is offered, how and when it is "
        "paid, how their part will be acknowledged, and what they must do.",
        source=_src(PAY_RESEARCHERS, _BEFORE),
    ),
    Guidance(
        id="guidance.payment.not-out-of-pocket",
        topic="payment",
        label="Nobody out of pocket",
        description="Cover expenses so that nobody is financially worse off for taking part.",
        source=_src(PAY_PUBLIC, _KEY),
    ),
    Guidance(
        id="guidance.payment.finance-check",
        topic="payment",
        label="Check payment can be made",
        description="Ask the organisation's finance and HR teams early whether and how "
        "payments can be made.",
        source=_src(PAY_RESEARCHERS, _BEFORE),
    ),
    Guidance(
        id="guidance.payment.fair-level",
        topic="payment",
        label="Pay in proportion to the task",
        description="Set payment by what the activity demands and fairly against the rest "
        "of the team.",
        source=_src(PAY_RESEARCHERS, _BEFORE),
    ),
    Guidance(
        id="guidance.payment.benefits-advice",
        topic="payment",
        label="Benefits advice first",
        description="Payment can affect welfare benefits; contributors who receive them "
        "should get expert benefits advice before accepting.",
        source=_src(PAY_PUBLIC, _KEY),
    ),
)

# --------------------------------------------------------------------------- practice risks


def _m(
    name: str, label: str, description: str, evidence: str, source: Source, when: str = ""
) -> PracticeMitigation:
    return PracticeMitigation(
        id=f"mitigation.practice.{name}",
        label=label,
        description=description,
        evidence=evidence,
        source=source,
        when=when,
    )


_STAGE4 = "Stage 4: Involving public members"
_SUPPORT_TYPES = "Types of support"

MITIGATIONS = (
    _m(
        "safeguarding-policy",
        "A safeguarding policy",
        "Adopt a safeguarding policy that "
        "covers involvement activities, not only research participants.",
        "the adopted safeguarding policy",
        _src(FRONT_DOOR, _STAGE4),
    ),
    _m(
        "safeguarding-lead",
        "A named safeguarding lead",
        "Name the person contributors and staff report concerns to, and how quickly they act.",
        "the lead's name and role in the involvement plan",
        _src(FRONT_DOOR, _STAGE4),
    ),
    _m(
        "consent-assent",
        "Consent for involvement (and assent from children)",
        "Get the consent the planned activities need before they start: for children, a "
        "parent's or carer's consent beside the child's own agreement (assent).",
        "the consent and assent forms for involvement",
        _src(YPAG, "Key points"),
    ),
    _m(
        "payment-policy",
        "A written payment policy",
        "Agree and publish how fees and expenses are offered, paid and declined.",
        "the payment policy",
        _src(PAY_RESEARCHERS, _BEFORE),
    ),
    _m(
        "benefits-advice",
        "Benefits advice",
        "Offer contributors on welfare benefits expert advice before they accept any payment.",
        "the advice service offered",
        _src(PAY_PUBLIC, _KEY),
    ),
    _m(
        "access-needs",
        "Access needs asked in advance",
        "Ask every contributor about access "
        "and communication needs before each activity, and meet them.",
        "the access needs form or process",
        _src(FRONT_DOOR, _STAGE4),
    ),
    _m(
        "offline-route",
        "A route that is not online only",
        "Offer telephone, paper or "
        "in-person ways to take part, or provide the equipment and data needed.",
        "the alternative formats in the involvement plan",
        _src(RDS_PANDEMIC, "How to 'meet'"),
    ),
    _m(
        "emotional-support",
        "Emotional support and signposting",
        "Name who contributors can talk to when a topic distresses them, and where else to turn.",
        "the support arrangement",
        _src(SUPPORT, _SUPPORT_TYPES),
    ),
    _m(
        "debriefing",
        "Debriefing",
        "Hold a debrief after sessions on difficult topics, for contributors and facilitators.",
        "the debriefing plan",
        _src(FRONT_DOOR, _STAGE4),
    ),
    _m(
        "peer-supervision",
        "Supervision for peer researchers",
        "Give peer researchers regular supervision and feedback, especially when they start.",
        "the supervision arrangement",
        _src(SUPPORT, _SUPPORT_TYPES),
    ),
    _m(
        "confidentiality-protocol",
        "A confidentiality and safety protocol",
        "Agree what "
        "peer researchers do when they know a participant, how they keep what they hear "
        "private, and how they stay safe in the field.",
        "the protocol",
        _src(SUPPORT, _SUPPORT_TYPES),
    ),
    _m(
        "data-collection-training",
        "Training in consent and confidentiality for those who collect data",
        "Train everyone who collects data, not only researchers, in taking informed consent, "
        "keeping what they hear confidential and what to do when someone seems at risk.",
        "the training plan for data collectors",
        _src(PEER_TRAINING, "What training needs to cover"),
    ),
    _m(
        "collaboration-agreement",
        "A collaboration agreement",
        "Agree with a commercial "
        "partner who owns what is made, who may publish what and when, and who pays for what.",
        "the signed agreement",
        _src(MICRA, "Intellectual property options"),
    ),
    _m(
        "data-sharing-agreement",
        "A data sharing agreement",
        "Agree who receives which "
        "personal data, for what purpose, and how it is protected and deleted.",
        "the signed data sharing agreement",
        _src(ICO_DPIA, "What is the general rule?"),
    ),
    _m(
        "dpia",
        "A data protection impact assessment",
        "Assess the risks to people before "
        "personal data is processed or shared, and how they are reduced.",
        "the completed DPIA",
        _src(ICO_DPIA, "What is the general rule?"),
        when="personal_data_shared or identifiable_data",
    ),
    _m(
        "contingency-plan",
        "A contingency plan made with contributors",
        "Plan with "
        "contributors how involvement continues if meetings, services or people become "
        "unavailable.",
        "the contingency plan",
        _src(RDS_PANDEMIC, "What you need to do"),
    ),
    _m(
        "rapid-route",
        "A rapid route to contributors",
        "Arrange in advance a way to reach "
        "contributors quickly, such as a standing panel or a matching service.",
        "the arrangement",
        _src(HRA_PANDEMIC, "Report"),
    ),
    _m(
        "accountability-agreement",
        "A dual accountability agreement",
        "Write down whom the "
        "embedded researcher answers to for what: the host organisation for the work, the "
        "research organisation for methods, ethics and publication.",
        "the signed agreement",
        _src(RESIDENCE, "Abstract; unanswered questions"),
    ),
    _m(
        "independent-supervision",
        "Supervision outside the host",
        "Give the embedded "
        "researcher supervision and peer support from outside the host organisation.",
        "the supervision arrangement",
        _src(RESIDENCE, "Abstract; unanswered questions"),
    ),
)


def _risk(
    name: str,
    label: str,
    description: str,
    sphere: Sphere,
    facts: tuple[str, ...],
    mitigations: tuple[str, ...],
    *sources: Source,
) -> PracticeRiskEntry:
    return PracticeRiskEntry(
        id=f"practice-risk.{name}",
        label=label,
        description=description,
        sphere=sphere,
        facts=facts,
        mitigations=tuple(f"mitigation.practice.{m}" for m in mitigations),
        sources=sources,
    )


RISKS = (
    _risk(
        "safeguarding",
        "Safeguarding children and adults at risk",
        "Children, young people or adults at risk take part in involvement activities, "
        "where harm or exploitation can go unnoticed without a safeguarding route.",
        Sphere.LAY,
        ("stakeholders[*].minors", "stakeholders[*].adults_at_risk"),
        ("safeguarding-policy", "safeguarding-lead", "consent-assent"),
        _src(FRONT_DOOR, _STAGE4),
        _src(BRIEFING, "Briefing notes on planning and supporting involvement"),
        _src(YPAG, "Key points"),
    ),
    _risk(
        "payment-benefits",
        "Payment and welfare-benefit rules",
        "Contributors on welfare benefits can lose or have benefits reduced when paid for "
        "involvement, unless payment is planned with advice.",
        Sphere.LAY,
        ("stakeholders[*].on_benefits",),
        ("payment-policy", "benefits-advice"),
        _src(PAY_PUBLIC, _KEY),
        _src(PAY_RESEARCHERS, _BEFORE),
    ),
    _risk(
        "access-exclusion",
        "Accessibility and digital exclusion",
        "People with access needs, or without devices, data or confidence online, are "
        "shut out when involvement is inaccessible or online only.",
        Sphere.LAY,
        ("plan[*].digital_only", "stakeholders[*].access_needs"),
        ("access-needs", "offline-route"),
        _src(UK_STANDARDS, "Standard 1: Inclusive opportunities, indicator 1.2"),
        _src(FRONT_DOOR, _STAGE4),
    ),
    _risk(
        "trauma",
        "Distress on a sensitive or traumatic topic",
        "Contributors with lived experience of a distressing topic may be harmed by "
        "revisiting it without trauma-informed facilitation, support and debriefing.",
        Sphere.LAY,
        ("sensitive_topic",),
        ("emotional-support", "debriefing"),
        _src(SUPPORT, _SUPPORT_TYPES),
        _src(FRONT_DOOR, _STAGE4),
    ),
    _risk(
        "peer-researcher-safety",
        "Consent, confidentiality and safety when lay people collect data",
        "People who collect data without research training (peer researchers, young people "
        "interviewing peers, community health workers) must take consent, keep what they hear "
        "private and stay safe; from a small community, they may also know the people they "
        "interview, be recognised by them, and carry what they hear home.",
        Sphere.LAY,
        (
            "stakeholders[*].peer_researchers",
            "stakeholders[*].small_community",
            "plan[stage.collecting-data/*].mode",
        ),
        ("data-collection-training", "confidentiality-protocol", "peer-supervision"),
        _src(SUPPORT, _SUPPORT_TYPES),
        _src(PEER_TRAINING, "What training needs to cover"),
    ),
    _risk(
        "commercial-interests",
        "Commercial interests: intellectual property, publication and data",
        "A commercial partner has interests in what is made, what is published and which "
        "data it receives, which need agreeing before work starts.",
        Sphere.COMMERCIAL,
        ("stakeholders[*].kind", "personal_data_shared", "identifiable_data"),
        ("collaboration-agreement", "data-sharing-agreement", "dpia"),
        _src(MICRA, "Intellectual property options"),
        _src(ICO_DPIA, "What is the general rule?"),
        Source(page=4, locator="Table 1, row 6 (publication control)", document=PAPER),
    ),
    _risk(
        "data-protection",
        "Personal data shared beyond the research team",
        "Personal data about contributors or participants flows to partners, which data "
        "protection law requires to be assessed and agreed first.",
        Sphere.LAY,
        ("personal_data_shared",),
        ("dpia", "data-sharing-agreement"),
        _src(ICO_DPIA, "What is the general rule?"),
    ),
    _risk(
        "emergency",
        "Involvement during an emergency",
        "In an emergency, timelines shrink and meetings move online or stop, so "
        "involvement is dropped or narrowed to the easiest people to reach.",
        Sphere.LAY,
        ("emergency_setting",),
        ("contingency-plan", "rapid-route", "offline-route"),
        _src(HRA_PANDEMIC, "Report"),
        _src(RDS_PANDEMIC, "What you need to do"),
    ),
    _risk(
        "embedded-accountability",
        "The embedded researcher's dual accountability",
        "A researcher working inside a host organisation answers to both the host and the "
        "research organisation; their independence can be compromised.",
        Sphere.DECISION,
        ("plan[*].embedded",),
        ("accountability-agreement", "independent-supervision"),
        _src(RESIDENCE, "Abstract; unanswered questions"),
        Source(page=3, locator="How to coproduce?, second paragraph", document=PAPER),
    ),
)

# --------------------------------------------------------------------------- crosswalk

_FUNDER = _src(BRIEFING, "Briefing note on ways of involving the public")
_LADDER = _src(ARNSTEIN, "Figure 2: eight rungs on the ladder")
_SPECTRUM = _src(IAP2, "Spectrum")
_MODES = Source(page=3, locator="How to coproduce?, first paragraph", document=PAPER)


def _row(
    name: str,
    label: str,
    mode: Mode | None,
    iap2: tuple[Iap2Level, ...],
    arnstein: tuple[ArnsteinRung, ...],
    funder: FunderLevel | None,
    note: str,
    nearest: Mode | None = None,
) -> LevelCrosswalk:
    return LevelCrosswalk(
        id=f"crosswalk.{name}",
        label=label,
        mode=mode,
        iap2=iap2,
        arnstein=arnstein,
        funder=funder,
        note=note,
        sources=(_LADDER, _SPECTRUM, _FUNDER, _MODES),
        nearest_mode=nearest,
    )


_I, _A, _F = Iap2Level, ArnsteinRung, FunderLevel

CROSSWALK = (
    _row(
        "non-participation",
        "Not participation",
        None,
        (),
        (_A.MANIPULATION, _A.THERAPY),
        None,
        "Arnstein's bottom rungs are not participation at all; nothing translates to them.",
    ),
    _row(
        "recipient",
        "Receiving findings",
        Mode.RECIPIENT,
        (_I.INFORM,),
        (_A.INFORMING,),
        None,
        "Information flows one way; funders do not count it as involvement.",
    ),
    _row(
        "advice",
        "Informal advice",
        Mode.ADVICE,
        (_I.CONSULT,),
        (_A.CONSULTATION,),
        _F.CONSULTATION,
        "Views are asked for through personal networks; consultation without a set process.",
    ),
    _row(
        "consultation",
        "Consultation",
        Mode.CONSULTATION,
        (_I.CONSULT,),
        (_A.CONSULTATION, _A.PLACATION),
        _F.CONSULTATION,
        "Views are asked for at set points and the researchers decide; placation is "
        "consultation whose advice can be ignored.",
    ),
    _row(
        "embedded",
        "Embedded (an arrangement)",
        None,
        (),
        (),
        None,
        "Embedding a researcher is an arrangement, not a depth: place it by the depth of "
        "the work done inside the host.",
    ),
    _row(
        "collaboration",
        "Collaboration",
        Mode.COLLABORATION,
        (_I.INVOLVE, _I.COLLABORATE),
        (_A.PARTNERSHIP,),
        _F.COLLABORATION,
        "Stakeholders shape questions or interpret findings with the researchers, who keep "
        "the final say on the research.",
    ),
    _row(
        "partnership",
        "Partnership (coproduction)",
        Mode.PARTNERSHIP,
        (_I.COLLABORATE,),
        (_A.PARTNERSHIP, _A.DELEGATED_POWER),
        _F.COPRODUCTION,
        "Power and responsibility are shared throughout, which is what funders call coproduction.",
    ),
    _row(
        "user-controlled",
        "User-controlled research",
        Mode.USER_CONTROLLED,
        (_I.EMPOWER,),
        (_A.CITIZEN_CONTROL,),
        _F.USER_CONTROLLED,
        "Contributors control the research: the paper's original sense of coproduction, a "
        "shift of power to service users (p. 3).",
    ),
)

PRACTICE = Practice(
    documents=DOCUMENTS,
    standards=STANDARDS,
    reporting_items=REPORTING_ITEMS,
    guidance=GUIDANCE,
    risks=RISKS,
    mitigations=MITIGATIONS,
    crosswalk=CROSSWALK,
)
"""The default catalogue's practice layer."""
