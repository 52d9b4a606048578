"""The practice layer's records: documents other than the paper, and what they hold.

The paper's catalogue encodes one commentary. Teams are also held to published practice
guidance: the UK Standards for Public Involvement, the GRIPP2 reporting checklists, payment
guidance for public contributors. Entries encoded from those documents are kept in their own
part of a catalogue (:class:`Practice`), each citing its :class:`Document` through
:attr:`Source.document <coproduce.model.Source.document>`, so the paper-only view can always be
recovered.

The project side of the layer is :class:`MitigationRecord`: the evidence that a mitigation is
in place (which policy or agreement, signed or not, who owns the risk, when it is reviewed).
"""

from __future__ import annotations

import datetime

import attrs

from coproduce.model._entries import Source
from coproduce.model._ext import Extensible
from coproduce.model._vocab import Basis, Mode, Sphere, VocabularyEnum

__all__ = [
    "PAPER",
    "ArnsteinRung",
    "Document",
    "DocumentId",
    "FunderLevel",
    "Guidance",
    "Iap2Level",
    "LevelCrosswalk",
    "MitigationRecord",
    "Practice",
    "PracticeMitigation",
    "PracticeRiskEntry",
    "ReportingForm",
    "ReportingItem",
    "Standard",
    "StandardQuestion",
]

DocumentId = str
"""Id of a source document, e.g. ``"uk-standards-2019"``; the paper is :data:`PAPER`."""

PAPER: DocumentId = "oliver-kothari-mays-2019"
"""The document id of Oliver, Kothari & Mays (2019): the default of every :class:`Source`."""


@attrs.frozen(kw_only=True)
class Document(Extensible):
    """A published document that catalogue entries cite.

    Attributes:
        id: the id :attr:`Source.document <coproduce.model.Source.document>` names.
        title: the document's title.
        publisher: who publishes it (a journal, a funder, a partnership).
        year: the year of the edition encoded.
        url: where to read it.
        doi: its DOI, when it has one.
        version: the edition or version encoded, when the publisher numbers them.
        note: what was and was not checked against the document.

    """

    id: DocumentId
    title: str
    publisher: str
    year: int
    url: str = ""
    doi: str = ""
    version: str = ""
    note: str = ""

    def __str__(self) -> str:
        where = f"doi:{self.doi}" if self.doi else self.url
        edition = f", {self.version}" if self.version else ""
        return f"{self.title} ({self.publisher}, {self.year}{edition}) {where}".rstrip()


class Iap2Level(VocabularyEnum):
    """The five levels of the IAP2 spectrum of public participation, shallow to deep."""

    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    COLLABORATE = "collaborate"
    EMPOWER = "empower"


class ArnsteinRung(VocabularyEnum):
    """The eight rungs of Arnstein's ladder of citizen participation (1969), bottom to top."""

    MANIPULATION = "manipulation"
    THERAPY = "therapy"
    INFORMING = "informing"
    CONSULTATION = "consultation"
    PLACATION = "placation"
    PARTNERSHIP = "partnership"
    DELEGATED_POWER = "delegated-power"
    CITIZEN_CONTROL = "citizen-control"


class FunderLevel(VocabularyEnum):
    """The levels of public involvement UK funders' guidance names."""

    CONSULTATION = "consultation"
    COLLABORATION = "collaboration"
    COPRODUCTION = "coproduction"
    USER_CONTROLLED = "user-controlled"


class ReportingForm(VocabularyEnum):
    """The two GRIPP2 checklists."""

    SHORT = "short"
    """Five items, for studies where involvement is a secondary focus."""
    LONG = "long"
    """Thirty-four items, for studies whose main focus is involvement."""


@attrs.frozen(kw_only=True)
class StandardQuestion(Extensible):
    """A reflective question of one UK Standard, in the project's own words."""

    id: str
    label: str
    source: Source


@attrs.frozen(kw_only=True)
class Standard(Extensible):
    """One of the six UK Standards for Public Involvement.

    Attributes:
        number: 1 to 6, in the order the standards document lists them.
        questions: its reflective questions, paraphrased.

    """

    id: str
    number: int
    label: str
    description: str
    source: Source
    questions: tuple[StandardQuestion, ...] = ()


@attrs.frozen(kw_only=True)
class ReportingItem(Extensible):
    """One item of a GRIPP2 checklist.

    Attributes:
        form: which checklist.
        number: the item's number as the checklist prints it (``"3"``, ``"4b"``).
        section: the checklist section the item belongs to.

    """

    id: str
    form: ReportingForm
    number: str
    section: str
    label: str
    description: str
    source: Source


@attrs.frozen(kw_only=True)
class Guidance(Extensible):
    """One point of practice guidance (e.g. on paying public contributors)."""

    id: str
    topic: str
    label: str
    description: str
    source: Source


@attrs.frozen(kw_only=True)
class PracticeRiskEntry(Extensible):
    """A risk that involvement leads manage and the paper does not list.

    Whether it applies is decided by the project facts named in ``facts``; the engine's rule
    for it lives in :mod:`coproduce.practice` under the same id.

    Attributes:
        sphere: the group of stakeholders the risk falls on and whose advice carries it.
        facts: the project fields that raise it (document paths), for readers.
        mitigations: the ids of the :class:`PracticeMitigation` entries that reduce it.
        sources: where the practice literature describes the risk; the first is the main one.

    """

    id: str
    label: str
    description: str
    sphere: Sphere
    facts: tuple[str, ...]
    mitigations: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def source(self) -> Source:
        """The main source (the first)."""
        return self.sources[0]


@attrs.frozen(kw_only=True)
class PracticeMitigation(Extensible):
    """A way to reduce a practice risk, with the evidence a team would keep for it.

    Attributes:
        evidence: what a :class:`MitigationRecord` for it would point to, e.g. "a signed
            data sharing agreement".
        when: a project fact that must be true for the mitigation to be asked for (e.g. a
            data protection impact assessment only where personal data flows); empty when it
            always applies.

    """

    id: str
    label: str
    description: str
    evidence: str
    source: Source
    when: str = ""


@attrs.frozen(kw_only=True)
class LevelCrosswalk(Extensible):
    """One row of the crosswalk between vocabularies for depth of involvement.

    Every row is an interpretation: no source maps these vocabularies onto each other. The
    ``note`` says why the row reads as it does.

    Attributes:
        mode: the paper's mode, or ``None`` where the paper has none.
        iap2: the IAP2 levels the row covers.
        arnstein: the rungs of Arnstein's ladder the row covers.
        funder: the funders' level, or ``None`` where funders name none.
        nearest_mode: for a row without a ``mode``, the paper's mode a translation gives
            (``None``: the row does not translate).

    """

    id: str
    label: str
    note: str
    mode: Mode | None = None
    iap2: tuple[Iap2Level, ...] = ()
    arnstein: tuple[ArnsteinRung, ...] = ()
    funder: FunderLevel | None = None
    sources: tuple[Source, ...] = ()
    nearest_mode: Mode | None = None
    basis: Basis = Basis.INTERPRETATION

    @property
    def source(self) -> Source:
        """The main source (the first)."""
        return self.sources[0]


@attrs.frozen(kw_only=True)
class Practice(Extensible):
    """The practice layer of a catalogue: entries from documents other than the paper.

    An empty :class:`Practice` (the default) is the paper-only catalogue.
    """

    documents: tuple[Document, ...] = ()
    standards: tuple[Standard, ...] = ()
    reporting_items: tuple[ReportingItem, ...] = ()
    guidance: tuple[Guidance, ...] = ()
    risks: tuple[PracticeRiskEntry, ...] = ()
    mitigations: tuple[PracticeMitigation, ...] = ()
    crosswalk: tuple[LevelCrosswalk, ...] = ()

    def entries(
        self,
    ) -> tuple[
        Standard
        | StandardQuestion
        | ReportingItem
        | Guidance
        | PracticeRiskEntry
        | PracticeMitigation
        | LevelCrosswalk,
        ...,
    ]:
        """Every entry with an id and a source, questions after their standard."""
        out: list[
            Standard
            | StandardQuestion
            | ReportingItem
            | Guidance
            | PracticeRiskEntry
            | PracticeMitigation
            | LevelCrosswalk
        ] = []
        for s in self.standards:
            out += [s, *s.questions]
        out += [*self.reporting_items, *self.guidance, *self.risks, *self.mitigations]
        out += self.crosswalk
        return tuple(out)


def _iso_date(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is None:
        return
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@attrs.frozen(kw_only=True)
class MitigationRecord(Extensible):
    """Evidence that a mitigation is in place: the policy or agreement, and who holds it.

    Records may name a practice mitigation (``"mitigation.practice.safeguarding-policy"``) or
    one of the paper's (``"mitigation.data-agreement"``).

    Attributes:
        mitigation: the id of the mitigation this record evidences.
        document: which policy, agreement or plan, e.g. ``"Trust safeguarding policy v3"``.
        signed: the agreement is signed or the policy adopted; ``None`` if not known.
        owner: who owns the risk: a stakeholder or researcher id, or a role.
        review: when it is next reviewed, as ``YYYY-MM-DD``; ``None`` if not set.
        note: anything else a reader needs.

    Example:
        >>> MitigationRecord(mitigation="mitigation.practice.dpia", document="DPIA v1",
        ...                  signed=True, review="2026-03-01").signed
        True

    """

    mitigation: str
    document: str = ""
    signed: bool | None = None
    owner: str | None = None
    review: str | None = attrs.field(default=None, validator=_iso_date)
    note: str = ""

    @property
    def in_place(self) -> bool | None:
        """``True`` when signed or adopted, ``False`` when known not to be, else ``None``."""
        return self.signed
