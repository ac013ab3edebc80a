"""Export stage: the co-mention graph as GraphML (Gephi, networkx, igraph), GEXF and HTML.

Reads ``entities.csv``, ``edges.csv`` and ``edges_by_period.csv``; writes ``graph.graphml`` (static),
``graph.gexf`` (GEXF 1.3 with time spells for Gephi's Timeline, see :func:`pipeline.graph.spells`) and
``graph.html``. The files are written atomically and byte-identically for the same input (see
:mod:`pipeline.graph_formats`).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import networkx as nx
import pandas as pd

from pipeline import cli, schema
from pipeline.graph import spells, to_networkx
from pipeline.graph_formats import gexf_bytes, graphml_bytes
from pipeline.html_view import graph_html


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.export", description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=Path, default=Path("data/entities.csv"))
    parser.add_argument("--edges", type=Path, default=Path("data/edges.csv"))
    parser.add_argument(
        "--by-period",
        type=Path,
        help="edges_by_period.csv, for the GEXF's time spells (default: beside --edges)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("data"), help="folder for graph.graphml, .gexf, .html"
    )
    return parser


def read(args: argparse.Namespace) -> tuple[nx.Graph, pd.DataFrame, pd.DataFrame]:
    entities = schema.read_table(args.entities, schema.ENTITIES)
    by_period = args.by_period or args.edges.parent / "edges_by_period.csv"
    return (
        to_networkx(entities, schema.read_table(args.edges, schema.EDGES)),
        entities,
        schema.read_table(by_period, schema.EDGES_BY_PERIOD),
    )


def process(args: argparse.Namespace, inputs: tuple[nx.Graph, pd.DataFrame, pd.DataFrame]) -> str:
    graph, entities, by_period = inputs
    node_spells, edge_spells = spells(entities[entities["entity_id"].isin(list(graph))], by_period)
    schema.atomic_write_bytes(args.out / "graph.graphml", graphml_bytes(graph))
    schema.atomic_write_bytes(args.out / "graph.gexf", gexf_bytes(graph, node_spells, edge_spells))
    schema.atomic_write_bytes(args.out / "graph.html", graph_html(graph))
    timed = f", {len(edge_spells)} edges with time spells" if edge_spells else ""
    return f"graph of {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges{timed}"


def main(argv: list[str] | None = None) -> int:
    return cli.main("export", _parser(), read, process, argv)


if __name__ == "__main__":
    raise SystemExit(main())
