"""Integrity rules for catalogues, each with an exact message."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import attrs

from coproduce.catalogue._catalogue import ENTRY_FIELDS, Catalogue, holds
from coproduce.model import Bearer, Challenge, CostCategory, CostId, Project

__all__ = ["problems"]

_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


def problems(cat: Catalogue) -> tuple[str, ...]:
    """Every integrity problem of ``cat``, one exact message each, in a stable order."""
    return tuple(_problems(cat))


def _problems(cat: Catalogue) -> Iterator[str]:
    yield from _id_problems(cat)
    yield from _typology_problems(cat)
    yield from _stage_problems(cat)
    yield from _challenge_problems(cat)
    yield from _cost_problems(cat)
    yield from _orphan_problems(cat)
    yield from _crossing_problems(cat)
    yield from _mitigation_problems(cat)
    yield from _numbering_problems(cat)
    seen: dict[str, str] = {}
    for name in ENTRY_FIELDS:
        for entry in getattr(cat, name):
            seen.setdefault(entry.id, name)
    yield from _practice_problems(cat, seen)


def _id_problems(cat: Catalogue) -> Iterator[str]:
    """Ids well formed and unique across the whole catalogue; every entry located and labelled."""
    seen: dict[str, str] = {}
    documents = {d.id for d in cat.documents()}
    for name in ENTRY_FIELDS:
        for entry in getattr(cat, name):
            if entry.source.document not in documents:
                yield f"{entry.id}: cites unknown document {entry.source.document}"
            if not _ID.match(entry.id):
                yield (
                    f"malformed id: {entry.id!r} in {name} (expected lower-case words "
                    "joined by '.' or '-')"
                )
            if entry.id in seen:
                yield f"duplicate id: {entry.id} (in {seen[entry.id]} and {name})"
            else:
                seen[entry.id] = name
            if not entry.source.locator.strip():
                yield f"{entry.id}: source has no locator"
            if not entry.label.strip():
                yield f"{entry.id}: has no label"


def _typology_problems(cat: Catalogue) -> Iterator[str]:
    """Every cost type located, naming only known cost categories."""
    categories = {c.id for c in cat.cost_categories}
    for typology in cat.typologies:
        for ctype in typology.types:
            if not ctype.source.locator.strip():
                yield f"{ctype.id}: source has no locator"
            for category in ctype.categories:
                if category not in categories:
                    yield f"{ctype.id}: names unknown cost category {category}"


def _stage_problems(cat: Catalogue) -> Iterator[str]:
    """Stages numbered 1..n, each with challenges and cost cells naming known costs."""
    costs = {c.id for c in cat.costs}
    orders = sorted(s.order for s in cat.stages)
    if orders != list(range(1, len(orders) + 1)):
        yield f"stage orders must run 1..{len(orders)} without gaps or repeats, got {orders}"
    for stage in cat.stages:
        if not any(c.stage == stage.id for c in cat.challenges):
            yield f"{stage.id}: has no challenges"
        if not stage.cost_cells:
            yield f"{stage.id}: has no cost cells"
        for cost in stage.cost_cells:
            if cost not in costs:
                yield f"{stage.id}: cost cell names unknown cost {cost}"


def _linked_costs(cat: Catalogue, challenge: Challenge) -> tuple[tuple[str, ...], list[str]]:
    """The cost cells of a challenge's stage row, and those plus its own cost links."""
    known_stage = any(s.id == challenge.stage for s in cat.stages)
    row = cat.stage(challenge.stage).cost_cells if known_stage else ()
    return row, [*row, *(link.target for link in challenge.costs)]


def _challenge_problems(cat: Catalogue) -> Iterator[str]:
    """Every challenge on a known stage, linking known costs, reaching a cost category."""
    stages = {s.id for s in cat.stages}
    costs = {c.id: c for c in cat.costs}
    categories = {c.id for c in cat.cost_categories}
    for challenge in cat.challenges:
        if challenge.stage not in stages:
            yield f"{challenge.id}: links to unknown stage {challenge.stage}"
        row, linked = _linked_costs(cat, challenge)
        # unknown row cells are reported with the stage
        yield from (
            f"{challenge.id}: links to unknown cost {target}"
            for target in linked
            if target not in costs and target not in row
        )
        if not any(
            link.target in categories
            for target in linked
            if target in costs
            for link in costs[CostId(target)].categories
        ):
            yield f"{challenge.id}: reaches no cost category"


def _cost_problems(cat: Catalogue) -> Iterator[str]:
    """Every cost in a known cost category, falling on a known bearer, reached by a challenge."""
    categories = {c.id for c in cat.cost_categories}
    bearers = {b.id for b in cat.bearers}
    reached = {t for c in cat.challenges for t in _linked_costs(cat, c)[1]}
    for entry in cat.costs:
        if not entry.categories:
            yield f"{entry.id}: has no cost category"
        if not entry.bearers:
            yield f"{entry.id}: has no bearer"
        for link in entry.categories:
            if link.target not in categories:
                yield f"{entry.id}: links to unknown cost category {link.target}"
        for link in entry.bearers:
            if link.target not in bearers:
                yield f"{entry.id}: links to unknown bearer {link.target}"
        if entry.id not in reached:
            yield f"{entry.id}: orphan cost, no challenge leads to it"


def _orphan_problems(cat: Catalogue) -> Iterator[str]:
    """Every cost category has a cost in it; every bearer has a cost falling on it."""
    used_categories = {link.target for c in cat.costs for link in c.categories}
    used_bearers = {link.target for c in cat.costs for link in c.bearers}
    for category in cat.cost_categories:
        if category.id not in used_categories:
            yield f"{category.id}: orphan cost category, no cost belongs to it"
    for bearer in cat.bearers:
        if bearer.id not in used_bearers:
            yield f"{bearer.id}: orphan bearer, no cost falls on it"


def _crossing_problems(cat: Catalogue) -> Iterator[str]:
    """Some bearer of every cost can bear one of its categories; modes link to known costs."""
    by_category: dict[str, CostCategory] = {c.id: c for c in cat.cost_categories}
    by_bearer: dict[str, Bearer] = {b.id: b for b in cat.bearers}
    for entry in cat.costs:
        kinds = [by_category[k.target] for k in entry.categories if k.target in by_category]
        held = [by_bearer[k.target] for k in entry.bearers if k.target in by_bearer]
        if kinds and held and not any(holds(k, b) for k in kinds for b in held):
            yield f"{entry.id}: none of its bearers can bear any of its cost categories"
    costs = {c.id for c in cat.costs}
    stages = {s.id for s in cat.stages}
    for mode_entry in cat.interaction_modes:
        for link in mode_entry.costs:
            if link.target not in costs:
                yield f"{mode_entry.id}: links to unknown cost {link.target}"
            for stage in link.stages:
                if stage not in stages:
                    yield f"{mode_entry.id}: link to {link.target} names unknown stage {stage}"


def _mitigation_problems(cat: Catalogue) -> Iterator[str]:
    """Every mitigation addresses known challenges."""
    challenges = {c.id for c in cat.challenges}
    for mitigation in cat.mitigations:
        for link in mitigation.addresses:
            if link.target not in challenges:
                yield f"{mitigation.id}: addresses unknown challenge {link.target}"


def _numbering_problems(cat: Catalogue) -> Iterator[str]:
    """Condition and question numbers, interaction modes and motivations used once each."""
    numbers = Counter(c.number for c in cat.conditions)
    for number, n in sorted(numbers.items()):
        if n > 1:
            yield f"condition number {number} is used {n} times"
    qnumbers = Counter((q.audience.value, q.number) for q in cat.questions)
    for (audience, number), n in sorted(qnumbers.items()):
        if n > 1:
            yield f"question {audience} {number} is used {n} times"
    modes = Counter(m.mode for m in cat.interaction_modes if m.mode is not None)
    for mode, n in sorted(modes.items(), key=lambda kv: kv[0].depth):
        if n > 1:
            yield f"interaction mode {mode.value} has {n} entries"

    motivations = Counter(m.motivation for m in cat.motivations)
    for motivation, n in sorted(motivations.items(), key=lambda kv: kv[0].value):
        if n > 1:
            yield f"motivation {motivation.value} has {n} entries"


def _practice_problems(cat: Catalogue, seen: dict[str, str]) -> Iterator[str]:
    """The practice layer's rules: the same id rules, known documents, resolving links."""
    documents = {cat.paper_document().id, *(d.id for d in cat.practice.documents)}
    yield from _document_problems(cat)
    yield from _practice_entry_problems(cat, seen, documents)
    yield from _practice_risk_problems(cat)
    yield from _practice_numbering_problems(cat)


def _document_problems(cat: Catalogue) -> Iterator[str]:
    """Documents: unique ids, a URL or DOI, a title and a publisher, each cited."""
    documents: set[str] = {cat.paper_document().id}
    for doc in cat.practice.documents:
        if doc.id in documents:
            yield f"duplicate document id: {doc.id}"
        documents.add(doc.id)
        if not (doc.url or doc.doi):
            yield f"document {doc.id}: has neither a URL nor a DOI"
        if not doc.title.strip() or not doc.publisher.strip():
            yield f"document {doc.id}: needs a title and a publisher"
    cited = {  # an entry with an empty ``sources`` cites nothing (reported below)
        source.document
        for entry in cat.practice.entries()
        for source in (entry.sources if hasattr(entry, "sources") else (entry.source,))
    }
    for doc in cat.practice.documents:
        if doc.id not in cited:
            yield f"document {doc.id}: no entry cites it"


def _practice_entry_problems(
    cat: Catalogue, seen: dict[str, str], documents: set[str]
) -> Iterator[str]:
    """Practice entries: well-formed unique ids, labels, located sources in known documents."""
    for entry in cat.practice.entries():
        where = f"practice.{type(entry).__name__}"
        if not _ID.match(entry.id):
            yield (
                f"malformed id: {entry.id!r} in {where} (expected lower-case words "
                "joined by '.' or '-')"
            )
        if entry.id in seen:
            yield f"duplicate id: {entry.id} (in {seen[entry.id]} and {where})"
        else:
            seen[entry.id] = where
        if not entry.label.strip():
            yield f"{entry.id}: has no label"
        if hasattr(entry, "sources") and not entry.sources:
            yield f"{entry.id}: has no source"
            continue
        for source in getattr(entry, "sources", None) or (entry.source,):
            if not source.locator.strip():
                yield f"{entry.id}: source has no locator"
            if source.document not in documents:
                yield f"{entry.id}: cites unknown document {source.document}"


def _practice_risk_problems(cat: Catalogue) -> Iterator[str]:
    """Practice risks: raised by facts, mitigated by known mitigations; no orphan mitigation."""
    p = cat.practice
    mitigations = {m.id for m in p.mitigations}
    addressed: set[str] = set()
    for risk in p.risks:
        if not risk.facts:
            yield f"{risk.id}: names no project fact that raises it"
        if not risk.mitigations:
            yield f"{risk.id}: has no mitigation"
        for mid in risk.mitigations:
            if mid not in mitigations:
                yield f"{risk.id}: names unknown mitigation {mid}"
            addressed.add(mid)
    project_fields = {a.name for a in attrs.fields(Project)}
    for m in p.mitigations:
        if m.id not in addressed:
            yield f"{m.id}: orphan mitigation, no practice risk names it"
        for term in filter(None, (t.strip() for t in m.when.split(" or "))):
            if term not in project_fields:
                yield (
                    f"{m.id}: 'when' names {term!r}, which is not a project field (expected "
                    "project fields joined by ' or ')"
                )


def _practice_numbering_problems(cat: Catalogue) -> Iterator[str]:
    """Standards and reporting items numbered once; crosswalk rows one per mode, with notes."""
    p = cat.practice
    numbers = Counter(s.number for s in p.standards)
    for number, n in sorted(numbers.items()):
        if n > 1:
            yield f"standard number {number} is used {n} times"
    items = Counter((i.form.value, i.number) for i in p.reporting_items)
    for (form, item_number), n in sorted(items.items()):
        if n > 1:
            yield f"reporting item {form} {item_number} is used {n} times"
    modes = Counter(row.mode for row in p.crosswalk if row.mode is not None)
    for mode, n in sorted(modes.items(), key=lambda kv: kv[0].depth):
        if n > 1:
            yield f"crosswalk: mode {mode.value} has {n} rows"
    for row in p.crosswalk:
        if not row.note.strip():
            yield f"{row.id}: an interpretation needs a note saying why"
