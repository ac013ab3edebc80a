"""Export stage: the co-mention graph as GraphML (Gephi, networkx, igraph), GEXF and HTML.

Reads ``entities.csv`` and ``edges.csv``; writes ``graph.graphml``, ``graph.gexf`` and ``graph.html``.
The files are written atomically and byte-identically for the same input (see :mod:`pipeline.graph_formats`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import networkx as nx

from pipeline import cli, schema
from pipeline.graph import to_networkx
from pipeline.graph_formats import gexf_bytes, graphml_bytes
from pipeline.html_view import graph_html


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.export", description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=Path, default=Path("data/entities.csv"))
    parser.add_argument("--edges", type=Path, default=Path("data/edges.csv"))
    parser.add_argument(
        "--out", type=Path, default=Path("data"), help="folder for graph.graphml, .gexf, .html"
    )
    return parser


def read(args: argparse.Namespace) -> nx.Graph:
    return to_networkx(
        schema.read_table(args.entities, schema.ENTITIES), schema.read_table(args.edges, schema.EDGES)
    )


def process(args: argparse.Namespace, graph: nx.Graph) -> str:
    schema.atomic_write_bytes(args.out / "graph.graphml", graphml_bytes(graph))
    schema.atomic_write_bytes(args.out / "graph.gexf", gexf_bytes(graph))
    schema.atomic_write_bytes(args.out / "graph.html", graph_html(graph))
    return f"graph of {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges"


def main(argv: list[str] | None = None) -> int:
    return cli.main("export", _parser(), read, process, argv)


if __name__ == "__main__":
    raise SystemExit(main())
