"""The catalogue as a directed graph: stage → challenge → cost → cost category, cost → bearer.

Nodes are the catalogue's plain string ids; every node carries ``kind``, ``label``, ``page``
and ``locator``, every edge ``relation`` and ``basis`` — only strings and integers, so
:func:`networkx.node_link_data`, GraphML and GEXF export work unchanged. Query functions
take the graph first, as networkx's own algorithms do, and return ids in catalogue order.
An id that is not a node raises :class:`~coproduce.errors.UnknownEntryError` (a
``LookupError``); a node of the wrong kind raises ``ValueError``.

networkx is imported by this module only, so ``import coproduce`` stays light.

Example:
    >>> from coproduce.graph import default_graph, challenges_of, categories_from
    >>> G = default_graph()
    >>> challenges_of(G, "stage.dissemination")
    ('challenge.prevented-sharing', 'challenge.premature-sharing')
    >>> "category.scholarship" in categories_from(G, "stage.dissemination")
    True

"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Final

import networkx as nx

from coproduce.catalogue import Catalogue
from coproduce.catalogue import default as default_catalogue
from coproduce.errors import UnknownEntryError
from coproduce.model import Basis, Source

__all__ = [
    "KINDS",
    "bearers_from",
    "build_graph",
    "categories_from",
    "challenges_of",
    "costs_from",
    "default_graph",
    "explain_link",
    "from_node_link",
    "leading_to",
    "path",
    "read_graphml",
    "to_node_link",
    "write_graphml",
]

KINDS: Final = ("stage", "challenge", "cost", "category", "bearer")
"""The node kinds, in the direction edges run."""

_WEIGHT = {Basis.TABLE_ROW.value: 1, Basis.PROSE.value: 1, Basis.INTERPRETATION.value: 3}


def _node(G: nx.DiGraph[str], node_id: str, kind: str, label: str, source: Source) -> None:
    G.add_node(node_id, kind=kind, label=label, page=source.page, locator=source.locator)


def _add_nodes(G: nx.DiGraph[str], catalogue: Catalogue) -> None:
    """One node per stage (in lifecycle order), challenge, cost, cost category and bearer."""
    for s in sorted(catalogue.stages, key=lambda s: s.order):
        _node(G, s.id, "stage", s.label, s.source)
        G.nodes[s.id]["order"] = s.order
    for ch in catalogue.challenges:
        _node(G, ch.id, "challenge", ch.label, ch.source)
    for co in catalogue.costs:
        _node(G, co.id, "cost", co.label, co.source)
    for k in catalogue.cost_categories:
        _node(G, k.id, "category", k.label, k.source)
    for b in catalogue.bearers:
        _node(G, b.id, "bearer", b.label, b.source)


def build_graph(catalogue: Catalogue) -> nx.DiGraph[str]:
    """Build the graph of a catalogue (a new, mutable ``DiGraph``).

    Edges: ``stage -raises-> challenge`` (Table 1 rows); ``challenge -incurs-> cost`` (every
    cost of the challenge's row, basis ``table-row``, plus the challenge's own links);
    ``cost -belongs_to-> category``; ``cost -falls_on-> bearer``. Links to unknown ids are
    skipped; :func:`coproduce.catalogue.check` reports them.
    """
    G: nx.DiGraph[str] = nx.DiGraph(
        name=f"coproduce catalogue {catalogue.version}",
        doi=catalogue.reference.doi,
        version=catalogue.version,
    )
    _add_nodes(G, catalogue)

    def edge(u: str, v: str, relation: str, basis: Basis) -> None:
        if u in G and v in G and not G.has_edge(u, v):
            G.add_edge(u, v, relation=relation, basis=basis.value)

    for ch in catalogue.challenges:
        edge(ch.stage, ch.id, "raises", Basis.TABLE_ROW)
        for cost, basis in catalogue.challenge_costs(ch.id):
            edge(ch.id, cost, "incurs", basis)
    for co in catalogue.costs:
        for link in co.categories:
            edge(co.id, link.target, "belongs_to", link.basis)
        for link in co.bearers:
            edge(co.id, link.target, "falls_on", link.basis)
    return G


@functools.cache
def default_graph() -> nx.DiGraph[str]:
    """The graph of the default catalogue, built once and frozen (:func:`networkx.freeze`)."""
    G = build_graph(default_catalogue())
    nx.freeze(G)
    return G


def _require(G: nx.DiGraph[str], node: str, *kinds: str) -> None:
    if node not in G:
        raise UnknownEntryError(node, what="graph node")
    if kinds and G.nodes[node]["kind"] not in kinds:
        raise ValueError(
            f"node {node!r} is a {G.nodes[node]['kind']}, expected {' or '.join(kinds)}"
        )


def _of_kind(G: nx.DiGraph[str], nodes: Iterable[str], kind: str) -> tuple[str, ...]:
    wanted = set(nodes)
    return tuple(n for n in G if n in wanted and G.nodes[n]["kind"] == kind)


def challenges_of(G: nx.DiGraph[str], stage: str) -> tuple[str, ...]:
    """The challenges Table 1 lists for a stage."""
    _require(G, stage, "stage")
    return _of_kind(G, G.successors(stage), "challenge")


def costs_from(G: nx.DiGraph[str], node: str) -> tuple[str, ...]:
    """The costs reached from a stage or a challenge."""
    _require(G, node, "stage", "challenge")
    return _of_kind(G, nx.descendants(G, node), "cost")


def categories_from(G: nx.DiGraph[str], node: str) -> tuple[str, ...]:
    """The cost categories reached from a stage, a challenge or a cost."""
    _require(G, node, "stage", "challenge", "cost")
    return _of_kind(G, nx.descendants(G, node), "category")


def bearers_from(G: nx.DiGraph[str], node: str) -> tuple[str, ...]:
    """The bearers reached from a stage, a challenge or a cost."""
    _require(G, node, "stage", "challenge", "cost")
    return _of_kind(G, nx.descendants(G, node), "bearer")


def leading_to(G: nx.DiGraph[str], node: str) -> tuple[str, ...]:
    """Every stage and challenge that leads to a cost category, bearer or cost.

    Stages first (in lifecycle order), then challenges (in catalogue order).
    """
    _require(G, node, "category", "bearer", "cost")
    ancestors = nx.ancestors(G, node)
    return _of_kind(G, ancestors, "stage") + _of_kind(G, ancestors, "challenge")


def path(G: nx.DiGraph[str], source: str, target: str) -> tuple[str, ...]:
    """The path that explains how ``source`` leads to ``target``.

    Links the paper makes are preferred to the project's interpretations; among equals the
    first in catalogue order wins, so the answer is deterministic.

    Raises:
        UnknownEntryError: either node is unknown.
        ValueError: there is no such path.

    """
    _require(G, source)
    _require(G, target)

    def weight(u: str, v: str, data: dict[str, Any]) -> int:
        return _WEIGHT[data["basis"]]

    try:
        return tuple(nx.dijkstra_path(G, source, target, weight=weight))
    except nx.NetworkXNoPath:
        raise ValueError(f"no path from {source!r} to {target!r}") from None


def explain_link(G: nx.DiGraph[str], source: str, target: str) -> str:
    """A readable account of :func:`path`, one line per step with its locator and basis.

    Example:
        >>> from coproduce.graph import default_graph, explain_link
        >>> print(explain_link(default_graph(), "stage.analysing-data", "bearer.participants"))
        Analysing and interpreting data (stage; p. 4, Table 1, row 4 (...))
          raises Stakeholders ask who took part (challenge; p. 4, ...) [table-row]
          incurs Research ethics obligations breached (cost; p. 4, ...) [table-row]
          falls_on Research participants (bearer; p. 4, ...) [interpretation]

    """
    nodes = path(G, source, target)

    def describe(n: str) -> str:
        d = G.nodes[n]
        return f"{d['label']} ({d['kind']}; p. {d['page']}, {d['locator']})"

    lines = [describe(nodes[0])]
    for u, v in itertools.pairwise(nodes):
        e = G.edges[u, v]
        lines.append(f"  {e['relation']} {describe(v)} [{e['basis']}]")
    return "\n".join(lines)


def to_node_link(G: nx.DiGraph[str]) -> dict[str, Any]:
    """Node-link data for JSON (:func:`networkx.node_link_data` with ``edges="edges"``)."""
    return dict(nx.node_link_data(G, edges="edges"))


def from_node_link(data: dict[str, Any] | str) -> nx.DiGraph[str]:
    """Read node-link data (a dict or JSON text) back into a ``DiGraph``."""
    parsed: dict[str, Any] = json.loads(data) if isinstance(data, str) else data
    G: nx.DiGraph[str] = nx.DiGraph(
        nx.node_link_graph(parsed, directed=True, multigraph=False, edges="edges")
    )
    return G


def write_graphml(G: nx.DiGraph[str], path: str | Path) -> None:
    """Write GraphML; read it back with :func:`read_graphml`."""
    nx.write_graphml(G, str(path))


def read_graphml(path: str | Path) -> nx.DiGraph[str]:
    """Read GraphML written by :func:`write_graphml`."""
    G: nx.DiGraph[str] = nx.DiGraph(nx.read_graphml(str(path)))
    for key in ("node_default", "edge_default"):  # added by the reader when empty
        if not G.graph.get(key, True):
            del G.graph[key]
    return G
