"""``coproduce graph``: the catalogue graph, for Gephi, yEd, Cytoscape or Graphviz."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from coproduce.cli._common import Subparsers, add_command, chosen_format, emit, output_path

__all__ = ["add_parsers"]

EXAMPLES = """\
examples:
  coproduce graph -o catalogue.graphml              for Gephi, yEd, Cytoscape
  coproduce graph -o catalogue.dot                  for Graphviz (format from the suffix)
  coproduce graph --format json                     node-link JSON on standard output
"""

_FORMATS = ("graphml", "gexf", "json", "dot")


def add_parsers(sub: Subparsers) -> None:
    """Add ``coproduce graph`` to the subcommands ``sub``."""
    _graph_arguments(
        add_command(sub, "graph", _run, epilog=EXAMPLES, help="export the catalogue graph")
    )


def _graph_arguments(graph: argparse.ArgumentParser) -> None:
    """Add the arguments of ``coproduce graph``."""
    graph.add_argument(
        "--format",
        "-f",
        choices=["graphml", "gexf", "json", "dot"],
        default=None,
        help="graph format (default: from the suffix of --output, else graphml)",
    )
    graph.add_argument(
        "--output", "-o", type=output_path, metavar="FILE", help="write to FILE (atomically)"
    )


def _dot(graph: Any) -> str:
    def q(s: object) -> str:
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["digraph coproduce {", "  rankdir=LR;", "  node [shape=box, fontsize=10];"]
    for node, data in graph.nodes(data=True):
        lines.append(f"  {q(node)} [label={q(data['label'])}, kind={q(data['kind'])}];")
    for u, v, data in graph.edges(data=True):
        lines.append(
            f"  {q(u)} -> {q(v)} [relation={q(data['relation'])}, basis={q(data['basis'])}];"
        )
    return "\n".join([*lines, "}"]) + "\n"


def _run(args: argparse.Namespace, stdout: TextIO) -> int:
    import io

    import networkx as nx

    from coproduce.graph import default_graph, to_node_link

    graph = default_graph()
    args.format = chosen_format(args, _FORMATS)
    if args.format == "json":
        text = json.dumps(to_node_link(graph), indent=2, ensure_ascii=False) + "\n"
    elif args.format == "dot":
        text = _dot(graph)
    else:
        buffer = io.BytesIO()
        (nx.write_graphml if args.format == "graphml" else nx.write_gexf)(graph, buffer)
        text = buffer.getvalue().decode("utf-8")
    emit(text, args.output, stdout)
    return 0
