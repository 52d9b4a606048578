"""Write the generated pages of the docs from the catalogue itself, so they cannot drift."""

from __future__ import annotations

import importlib
import json
import tomllib
from pathlib import Path
from typing import Any

from coproduce import default_catalogue
from coproduce.catalogue import ENTRY_FIELDS, costs_of_type
from coproduce.model import Basis


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def entries_page() -> str:
    cat = default_catalogue()
    out = [
        "# Every catalogue entry",
        "",
        f"Catalogue version `{cat.version}`, encoding doi:{cat.reference.doi}. "
        "Generated from the data at build time.",
        "",
    ]
    for name in ENTRY_FIELDS:
        out += [
            f"## {name.replace('_', ' ').capitalize()}",
            "",
            "| id | label | locator |",
            "|---|---|---|",
        ]
        out += [
            f"| `{e.id}` | {_cell(e.label)} | p. {e.source.page}, {_cell(e.source.locator)} |"
            for e in getattr(cat, name)
        ]
        out.append("")
    out += ["## The paper's own cost lists", ""]
    for typology in cat.typologies:
        out += [
            f"### {typology.label}",
            "",
            "| type | categories | bearers | costs |",
            "|---|---|---|---|",
        ]
        for t in typology.types:
            costs = ", ".join(f"`{c.id}`" for c in costs_of_type(cat, t.id))
            groups = ", ".join(g.value for g in t.bearer_groups) or "any"
            cats = ", ".join(f"`{c}`" for c in t.categories)
            out.append(f"| {_cell(t.label)} | {cats} | {groups} | {costs} |")
        out.append("")
    return "\n".join(out)


def interpretations_page() -> str:
    cat = default_catalogue()
    out = [
        "# Every interpretive link",
        "",
        "Links whose basis is `interpretation`: the project's reading, not a pairing the paper "
        "makes. Generated from the data at build time.",
        "",
        "| from | to | why |",
        "|---|---|---|",
    ]
    for ch in cat.challenges:
        out += [
            f"| `{ch.id}` | `{k.target}` | {_cell(k.note)} |"
            for k in ch.costs
            if k.basis is Basis.INTERPRETATION
        ]
    for cost in cat.costs:
        out += [
            f"| `{cost.id}` | `{k.target}` | {_cell(k.note)} |"
            for k in (*cost.categories, *cost.bearers)
            if k.basis is Basis.INTERPRETATION
        ]
    for m in cat.mitigations:
        out += [
            f"| `{m.id}` | `{k.target}` | {_cell(k.note)} |"
            for k in m.addresses
            if k.basis is Basis.INTERPRETATION
        ]
    for typology in cat.typologies:
        out += [
            f"| `{t.id}` | {', '.join(f'`{c}`' for c in t.categories)} | {_cell(t.note)} |"
            for t in typology.types
            if t.basis is Basis.INTERPRETATION
        ]
    return "\n".join(out) + "\n"


def _type_text(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = str(schema["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in schema:
        return " or ".join(_type_text(s) for s in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    if schema.get("type") == "array":
        return "list of " + _type_text(schema["items"])
    if "const" in schema:
        return f"`{schema['const']}`"
    return str(schema.get("type", "any JSON value"))


def fields_page() -> str:
    from coproduce.schema import json_schema

    out = [
        "# Every field of a project document",
        "",
        "Generated from the shipped JSON Schema. Every object also accepts `x-` keys.",
        "",
    ]
    schema = json_schema("project")
    objects = [("Project", schema), *schema["$defs"].items()]
    for name, definition in objects:
        out += [
            f"## {name}",
            "",
            _cell(str(definition.get("description", ""))),
            "",
            "| field | type | required or default | meaning |",
            "|---|---|---|---|",
        ]
        required = set(definition.get("required", []))
        for field, prop in definition["properties"].items():
            need = "required" if field in required else f"`{json.dumps(prop.get('default'))}`"
            out.append(
                f"| `{field}` | {_cell(_type_text(prop))} | {need} | "
                f"{_cell(str(prop.get('description', '')))} |"
            )
        out.append("")
    return "\n".join(out)


def _doc(value: object) -> str:
    text = (getattr(value, "__doc__", None) or "").strip().splitlines()
    return _cell(text[0]) if text else ""


def findings_table() -> str:
    """The finding rules, from the engine's registry (not written by hand)."""
    from coproduce.appraisal import FINDINGS

    cat = default_catalogue()
    out = ["| code | level | when | rests on |", "|---|---|---|---|"]
    for rule in FINDINGS.values():
        cites = ", ".join(
            f"`{c}` (p. {cat.get(c).source.page})" if c in cat else f"`{c}`" for c in rule.cites
        )
        out.append(
            f"| `{rule.code}` | {rule.level.value} | {_cell(rule.when)} | "
            f"{cites or 'the entries it names'} |"
        )
    return "\n".join(out) + "\n"


def factors_table() -> str:
    """The risk factors, from the engine's registry."""
    from coproduce.appraisal import FACTORS

    out = [
        "| factor | points | read from | power-driven | applies to | when |",
        "|---|---|---|---|---|---|",
    ]
    for rule in FACTORS.values():
        if rule.researcher_costs:
            scope = "every risk whose costs fall on researchers"
        elif rule.scope is None:
            scope = "every risk"
        else:
            scope = ", ".join(f"`{c.removeprefix('challenge.')}`" for c in sorted(rule.scope))
        out.append(
            f"| `{rule.code}` | {rule.points} | "
            f"{'one stakeholder (per relationship)' if rule.relation else 'the project'} | "
            f"{'yes' if rule.power else 'no'} | {scope} | {_cell(rule.when)} |"
        )
    return "\n".join(out) + "\n"


def ceilings_table() -> str:
    """The ceilings, from the engine's registry, with what the default policy lets each allow."""
    from coproduce.appraisal import CEILINGS, DEFAULT_POLICY

    out = ["| ceiling | holds when | allows at most (default policy) |", "|---|---|---|"]
    for rule in CEILINGS.values():
        if rule.code == "capacity":
            allows = "; ".join(
                f"rung {i}: {v.value}, up to {m.value}"
                for i, (v, m) in enumerate(DEFAULT_POLICY.capacity_rungs, start=1)
            )
        else:
            allows = "; ".join(
                f"{name}: {v.value}, up to {m.value}"
                for name, (v, m) in DEFAULT_POLICY.ceilings.items()
                if name.startswith(rule.code)
            )
        out.append(f"| `{rule.code}` | {_cell(rule.when)} | {allows} |")
    return "\n".join(out) + "\n"


def priorities_table() -> str:
    """What comes first, in the order the candidates are tried, from the engine's registry."""
    from coproduce.appraisal import PRIORITIES

    out = ["| order | code | when |", "|---|---|---|"]
    out += [
        f"| {i} | `{rule.code}` | {_cell(rule.when)} |"
        for i, rule in enumerate(PRIORITIES.values(), start=1)
    ]
    return "\n".join(out) + "\n"


def evaluators_table() -> str:
    """The evaluators keyed by catalogue id, from the engine's registries."""
    from coproduce.appraisal import ALTERNATIVES, MITIGATIONS, QUESTIONS

    out = ["| catalogue entry | kind | notes |", "|---|---|---|"]
    for key, check in MITIGATIONS.items():
        note = (
            "governance: lowers power-driven points" if check.governance else "lowers other points"
        )
        out.append(f"| `{key}` | mitigation | {note} |")
    for key, evaluate in ALTERNATIVES.items():
        out.append(f"| `{key}` | alternative | offered when: {_doc(evaluate)} |")
    out.extend(f"| `{key}` | key question | |" for key in QUESTIONS)
    return "\n".join(out) + "\n"


def practice_page() -> str:
    """Every entry of the practice layer, by document, with its locator."""
    cat = default_catalogue()
    p = cat.practice
    out = [
        "# Every practice entry",
        "",
        "The practice layer of the default catalogue, generated from the data at build time. "
        "Each entry names the document it rests on (`coproduce catalogue --source ID`).",
        "",
        "## Documents",
        "",
        "| id | document | what was checked |",
        "|---|---|---|",
    ]
    out += [f"| `{d.id}` | {_cell(str(d))} | {_cell(d.note) or '—'} |" for d in p.documents]
    out += ["", "## UK Standards and reflective questions (paraphrased)", ""]
    for s in p.standards:
        out += [f"### {s.number}. {s.label}", "", f"{s.description} ({s.source.locator})", ""]
        out += [f"- `{q.id}`: {q.label}" for q in s.questions]
        out.append("")
    out += ["## GRIPP2 items encoded", "", "| id | section | item | locator |", "|---|---|---|---|"]
    out += [
        f"| `{i.id}` | {_cell(i.section)} | {_cell(i.description)} | {_cell(i.source.locator)} |"
        for i in p.reporting_items
    ]
    out += ["", "## Payment guidance", "", "| id | point | document, locator |", "|---|---|---|"]
    out += [
        f"| `{g.id}` | {_cell(g.description)} | `{g.source.document}`, {_cell(g.source.locator)} |"
        for g in p.guidance
    ]
    mitigations = {m.id: m for m in p.mitigations}
    out += ["", "## Practice risks", ""]
    for r in p.risks:
        out += [
            f"### `{r.id}`: {r.label}",
            "",
            r.description,
            "",
            f"- sphere: `{r.sphere.value}`",
            f"- raised by: {', '.join(f'`{f}`' for f in r.facts)}",
            "- sources: " + "; ".join(f"`{s.document}`, {_cell(s.locator)}" for s in r.sources),
            "- mitigations:",
        ]
        for mid in r.mitigations:
            m = mitigations[mid]
            when = f" (only where `{m.when}`)" if m.when else ""
            out.append(
                f"  - `{m.id}`: {m.description} Evidence: {m.evidence}{when}. "
                f"[`{m.source.document}`, {_cell(m.source.locator)}]"
            )
        out.append("")
    out += [
        "## Crosswalk of levels (an interpretation)",
        "",
        "| row | paper's mode | IAP2 | Arnstein | funders | why |",
        "|---|---|---|---|---|---|",
    ]
    for row in p.crosswalk:
        mode = (
            row.mode.value
            if row.mode
            else (f"— (translates to {row.nearest_mode.value})" if row.nearest_mode else "—")
        )
        out.append(
            f"| `{row.id}` | {mode} | {', '.join(v.value for v in row.iap2) or '—'} | "
            f"{', '.join(v.value for v in row.arnstein) or '—'} | "
            f"{row.funder.value if row.funder else '—'} | {_cell(row.note)} |"
        )
    out.append("")
    return "\n".join(out)


def _summary(module: str) -> str:
    """The first line of a module's docstring: what it owns."""
    doc = importlib.import_module(module).__doc__ or ""
    return _cell(doc.strip().splitlines()[0].rstrip(".")) if doc.strip() else ""


def layers_table() -> str:
    """The layers of the import contract in ``pyproject.toml``, top first, with what each owns."""
    config = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    out = ["| layer | package | what it owns |", "|---|---|---|"]
    out.extend(
        f"| {number} | `{module}` | {_summary(module)} |"
        for number, layer in enumerate(layers, start=1)
        for module in (m.strip() for m in layer.split("|"))
    )
    out.append("")
    return "\n".join(out)


def write_all(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name, text in (
        ("entries.md", entries_page()),
        ("interpretations.md", interpretations_page()),
        ("fields.md", fields_page()),
        ("findings-table.md", findings_table()),
        ("factors-table.md", factors_table()),
        ("evaluators-table.md", evaluators_table()),
        ("ceilings-table.md", ceilings_table()),
        ("priorities-table.md", priorities_table()),
        ("practice.md", practice_page()),
        ("layers-table.md", layers_table()),
    ):
        path = folder / name
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
