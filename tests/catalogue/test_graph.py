"""The challenge→cost graph and its queries."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import networkx as nx
import pytest

from coproduce.catalogue import default
from coproduce.errors import UnknownEntryError
from coproduce.graph import (
    KINDS,
    bearers_from,
    build_graph,
    categories_from,
    challenges_of,
    costs_from,
    default_graph,
    explain_link,
    from_node_link,
    leading_to,
    path,
    read_graphml,
    to_node_link,
    write_graphml,
)

CAT = default()
G = default_graph()


def test_graph_is_acyclic_and_layered() -> None:
    assert nx.is_directed_acyclic_graph(G)
    rank = {k: i for i, k in enumerate(KINDS)}
    for u, v in G.edges:
        ku, kv = G.nodes[u]["kind"], G.nodes[v]["kind"]
        assert rank[kv] == rank[ku] + 1 or (ku, kv) == ("cost", "bearer")


def test_default_graph_is_built_once_and_frozen() -> None:
    assert default_graph() is G
    assert nx.is_frozen(G)
    with pytest.raises(nx.NetworkXError):
        G.add_node("x")


def test_nodes_carry_plain_immutable_attributes() -> None:
    for node, data in G.nodes(data=True):
        assert isinstance(node, str)
        assert set(data) >= {"kind", "label", "page", "locator"}
        assert all(isinstance(v, (str, int)) for v in data.values())
    for _, _, data in G.edges(data=True):
        assert set(data) == {"relation", "basis"}
    assert G.number_of_nodes() == (
        len(CAT.stages)
        + len(CAT.challenges)
        + len(CAT.costs)
        + len(CAT.cost_categories)
        + len(CAT.bearers)
    )


def test_every_challenge_reaches_a_category_and_every_cost_a_bearer() -> None:
    for c in CAT.challenges:
        assert categories_from(G, c.id), c.id
    for cost in CAT.costs:
        assert bearers_from(G, cost.id), cost.id
        assert leading_to(G, cost.id), cost.id


def test_challenges_of_a_stage_in_paper_order() -> None:
    assert challenges_of(G, "stage.framing-questions") == (
        "challenge.different-priorities",
        "challenge.lacks-originality",
        "challenge.co-opted",
    )
    with pytest.raises(ValueError, match="is a cost, expected stage"):
        challenges_of(G, "cost.burnout")
    with pytest.raises(UnknownEntryError, match=r"unknown graph node: 'stage\.nope'") as info:
        challenges_of(G, "stage.nope")
    assert info.value.entry_id == "stage.nope"


def test_costs_and_categories_from_a_stage_or_challenge() -> None:
    costs = costs_from(G, "stage.collecting-data")
    assert costs[0] == "cost.relationship-damage"
    assert "cost.stakeholder-time" in costs
    assert set(costs) == set(costs_from(G, "challenge.pressure-on-resources"))
    # row 4's cells: ethics breach (research, professional, and personal: the participants
    # whose confidentiality is broken), training burden (practical); plus the prose link to
    # ill-feeling towards research (scholarship)
    assert categories_from(G, "challenge.identify-participants") == (
        "category.practical",
        "category.personal",
        "category.professional",
        "category.research",
        "category.scholarship",
    )


def test_bearers_from_a_stage() -> None:
    bearers = bearers_from(G, "stage.analysing-data")
    assert "bearer.participants" in bearers
    assert "bearer.researchers-early-career" in bearers


def test_leading_to_a_category_or_bearer() -> None:
    to_participants = leading_to(G, "bearer.participants")
    assert to_participants == (
        "stage.analysing-data",
        "challenge.identify-participants",
        "challenge.help-analyse",
    )
    to_scholarship = leading_to(G, "category.scholarship")
    stages = [n for n in to_scholarship if n.startswith("stage.")]
    assert len(stages) == 7  # every stage can end up harming scholarship
    with pytest.raises(ValueError, match="expected category or bearer or cost"):
        leading_to(G, "stage.dissemination")


def test_path_prefers_the_papers_own_links() -> None:
    # Table 1 gives no categories, so most routes end in an interpretation; this one need not:
    # the paper's prose puts lost independence among the costs to scholarship (p. 6).
    p = path(G, "stage.framing-questions", "category.scholarship")
    assert p[0] == "stage.framing-questions" and p[-1] == "category.scholarship"
    assert all(G.edges[u, v]["basis"] != "interpretation" for u, v in itertools.pairwise(p))
    with pytest.raises(ValueError, match="no path"):
        path(G, "cost.burnout", "stage.collecting-data")
    text = explain_link(G, "stage.analysing-data", "bearer.participants")
    assert text.splitlines()[0].startswith("Analysing and interpreting data (stage; p. 4")
    assert text.splitlines()[-1].endswith("[interpretation]")


def test_node_link_json_round_trip() -> None:
    data = json.loads(json.dumps(to_node_link(G)))
    back = from_node_link(data)
    assert nx.utils.graphs_equal(back, G)
    assert nx.utils.graphs_equal(from_node_link(json.dumps(data)), G)


def test_graphml_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "catalogue.graphml"
    write_graphml(G, out)
    back = read_graphml(out)
    assert nx.utils.nodes_equal(back.nodes(data=True), G.nodes(data=True))
    assert nx.utils.edges_equal(back.edges(data=True), G.edges(data=True))
    assert back.graph == G.graph


def test_build_graph_of_a_custom_catalogue() -> None:
    smaller = CAT.with_entries()  # same entries
    assert nx.utils.graphs_equal(build_graph(smaller), G)
    assert not nx.is_frozen(build_graph(smaller))
