"""Integrity rules for catalogues, each with an exact message."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import attrs

from coproduce.catalogue._catalogue import ENTRY_FIELDS, Catalogue
from coproduce.model import CostId, Project

__all__ = ["problems"]

_ID = re.compile(r"^[a-z0-9]+(?:[.-][a-z0-9]+)*$")


def problems(cat: Catalogue) -> tuple[str, ...]:
    """Every integrity problem of ``cat``, one exact message each, in a stable order."""
    return tuple(_problems(cat))


def _problems(cat: Catalogue) -> Iterator[str]:
    # ids: well formed and unique across the whole catalogue
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
    for typology in cat.typologies:
        for ctype in typology.types:
            if not ctype.source.locator.strip():
                yield f"{ctype.id}: source has no locator"
            for category in ctype.categories:
                if category not in {c.id for c in cat.cost_categories}:
                    yield f"{ctype.id}: names unknown cost category {category}"

    stages = {s.id for s in cat.stages}
    costs = {c.id: c for c in cat.costs}
    categories = {c.id for c in cat.cost_categories}
    bearers = {b.id for b in cat.bearers}
    challenges = {c.id for c in cat.challenges}

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

    reached_costs: set[str] = set()
    for challenge in cat.challenges:
        if challenge.stage not in stages:
            yield f"{challenge.id}: links to unknown stage {challenge.stage}"
            row: tuple[str, ...] = ()
        else:
            row = cat.stage(challenge.stage).cost_cells
        linked: list[str] = [*row, *(link.target for link in challenge.costs)]
        for target in linked:
            if target not in costs:
                if target not in row:  # unknown row cells are reported with the stage
                    yield f"{challenge.id}: links to unknown cost {target}"
                continue
            reached_costs.add(target)
        if not any(
            link.target in categories
            for target in linked
            if target in costs
            for link in costs[CostId(target)].categories
        ):
            yield f"{challenge.id}: reaches no cost category"

    used_categories: set[str] = set()
    used_bearers: set[str] = set()
    for entry in cat.costs:
        if not entry.categories:
            yield f"{entry.id}: has no cost category"
        if not entry.bearers:
            yield f"{entry.id}: has no bearer"
        for link in entry.categories:
            if link.target in categories:
                used_categories.add(link.target)
            else:
                yield f"{entry.id}: links to unknown cost category {link.target}"
        for link in entry.bearers:
            if link.target in bearers:
                used_bearers.add(link.target)
            else:
                yield f"{entry.id}: links to unknown bearer {link.target}"
        if entry.id not in reached_costs:
            yield f"{entry.id}: orphan cost, no challenge leads to it"
    for cat_entry in cat.cost_categories:
        if cat_entry.id not in used_categories:
            yield f"{cat_entry.id}: orphan cost category, no cost belongs to it"
    for bearer in cat.bearers:
        if bearer.id not in used_bearers:
            yield f"{bearer.id}: orphan bearer, no cost falls on it"

    for mitigation in cat.mitigations:
        for link in mitigation.addresses:
            if link.target not in challenges:
                yield f"{mitigation.id}: addresses unknown challenge {link.target}"

    numbers = Counter(c.number for c in cat.conditions)
    for number, n in sorted(numbers.items()):
        if n > 1:
            yield f"condition number {number} is used {n} times"
    qnumbers = Counter((q.audience.value, q.number) for q in cat.questions)
    for (audience, number), n in sorted(qnumbers.items()):
        if n > 1:
            yield f"question {audience} {number} is used {n} times"
    modes = Counter(m.mode for m in cat.interaction_modes)
    for mode, n in sorted(modes.items(), key=lambda kv: kv[0].depth):
        if n > 1:
            yield f"interaction mode {mode.value} has {n} entries"
    yield from _practice_problems(cat, seen)

    motivations = Counter(m.motivation for m in cat.motivations)
    for motivation, n in sorted(motivations.items(), key=lambda kv: kv[0].value):
        if n > 1:
            yield f"motivation {motivation.value} has {n} entries"


def _practice_problems(cat: Catalogue, seen: dict[str, str]) -> Iterator[str]:
    """The practice layer's rules: the same id rules, known documents, resolving links."""
    p = cat.practice
    paper = cat.paper_document().id
    documents: set[str] = {paper}
    for doc in p.documents:
        if doc.id in documents:
            yield f"duplicate document id: {doc.id}"
        documents.add(doc.id)
        if not (doc.url or doc.doi):
            yield f"document {doc.id}: has neither a URL nor a DOI"
        if not doc.title.strip() or not doc.publisher.strip():
            yield f"document {doc.id}: needs a title and a publisher"
    used_documents: set[str] = set()
    for entry in p.entries():
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
        sources = getattr(entry, "sources", None) or (entry.source,)
        for source in sources:
            if not source.locator.strip():
                yield f"{entry.id}: source has no locator"
            if source.document not in documents:
                yield f"{entry.id}: cites unknown document {source.document}"
            used_documents.add(source.document)
    for doc in p.documents:
        if doc.id not in used_documents:
            yield f"document {doc.id}: no entry cites it"

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
