"""Export stage: the co-mention graph as GraphML (Gephi, networkx, igraph), GEXF and HTML.

Reads ``entities.csv``, ``edges.csv`` and ``edges_by_period.csv``; writes ``graph.graphml`` (static),
``graph.gexf`` (GEXF 1.3 with time spells for Gephi's Timeline, see :func:`pipeline.graph.spells`) and
``graph.html`` (:mod:`pipeline.html_view`). For the example sentence the page shows on each link it also
reads ``cooccurrences.csv``, ``interim/sentences.csv`` and ``interim/articles.csv``
(:func:`pipeline.html_view.edge_evidence`). The files are written atomically and byte-identically for the
same input (see :mod:`pipeline.graph_formats`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NamedTuple

import networkx as nx
import pandas as pd

from pipeline import cli, schema
from pipeline.graph import spells, to_networkx
from pipeline.graph_formats import gexf_bytes, graphml_bytes
from pipeline.html_view import Evidence, edge_evidence, graph_html


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.export", description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=Path, default=Path("data/entities.csv"))
    parser.add_argument("--edges", type=Path, default=Path("data/edges.csv"))
    parser.add_argument(
        "--by-period",
        type=Path,
        help="edges_by_period.csv, for the GEXF's time spells (default: beside --edges)",
    )
    evidence = "for the example sentence on each link of graph.html"
    parser.add_argument(
        "--cooccurrences", type=Path, help=f"cooccurrences.csv, {evidence} (default: beside --edges)"
    )
    parser.add_argument(
        "--articles", type=Path, help=f"interim/articles.csv, {evidence} (default: interim/ beside --edges)"
    )
    parser.add_argument(
        "--sentences", type=Path, help=f"interim/sentences.csv, {evidence} (default: interim/ beside --edges)"
    )
    parser.add_argument(
        "--quotes", type=Path, help="quotes.csv, for each node's 'quoted' count (default: beside --edges)"
    )
    parser.add_argument(
        "--out", type=Path, default=Path("data"), help="folder for graph.graphml, .gexf, .html"
    )
    return parser


class Inputs(NamedTuple):
    """What the export stage reads: the graph, its entities and periods, and the evidence of its links."""

    graph: nx.Graph
    entities: pd.DataFrame
    by_period: pd.DataFrame
    evidence: dict[tuple[str, str], Evidence] | None
    quotes: pd.DataFrame | None


def _evidence_paths(args: argparse.Namespace) -> tuple[Path, Path, Path] | None:
    """The three evidence files: those given, else the defaults beside ``--edges``.

    A file given on the command line must exist (a read error otherwise); when none is given and the
    defaults are not all there (outputs of an older run, or a folder copied without ``interim/``), the page
    is made without example sentences, and the summary line says so.
    """
    interim = args.edges.parent / "interim"
    paths = (
        args.cooccurrences or args.edges.parent / "cooccurrences.csv",
        args.sentences or interim / "sentences.csv",
        args.articles or interim / "articles.csv",
    )
    given = args.cooccurrences or args.sentences or args.articles
    if not given and not all(path.is_file() for path in paths):
        return None
    return paths


def read(args: argparse.Namespace) -> Inputs:
    entities = schema.read_table(args.entities, schema.ENTITIES)
    by_period = args.by_period or args.edges.parent / "edges_by_period.csv"
    evidence = None
    paths = _evidence_paths(args)
    if paths is not None:
        cooccurrences, sentences, articles = paths
        evidence = edge_evidence(
            schema.read_table(cooccurrences, schema.COOCCURRENCES),
            schema.read_table(sentences, schema.SENTENCES),
            schema.read_table(articles, schema.ARTICLES),
        )
    quotes = args.quotes or args.edges.parent / "quotes.csv"
    return Inputs(
        to_networkx(entities, schema.read_table(args.edges, schema.EDGES)),
        entities,
        schema.read_table(by_period, schema.EDGES_BY_PERIOD),
        evidence,
        schema.read_table(quotes, schema.QUOTES) if args.quotes or quotes.is_file() else None,
    )


def count_quotes(graph: nx.Graph, quotes: pd.DataFrame) -> int:
    """Give every node a ``quoted`` attribute: how many speech acts ``quotes.csv`` gives it (0 for none),
    so Gephi can size or filter nodes by who gets a voice. Returns how many nodes are quoted at all."""
    counts = quotes["speaker"].value_counts()
    for node, attributes in graph.nodes(data=True):
        attributes["quoted"] = int(counts.get(node, 0))
    return sum(1 for node in graph if counts.get(node, 0))


def process(args: argparse.Namespace, inputs: Inputs) -> str:
    graph, entities, by_period, evidence, quotes = inputs
    quoted = (
        f"; {count_quotes(graph, quotes)} nodes quoted"
        if quotes is not None
        else "; no quotes.csv, no 'quoted' counts"
    )
    node_spells, edge_spells = spells(entities[entities["entity_id"].isin(list(graph))], by_period)
    aliases = {row.entity_id: row.aliases.split("|") for row in entities.itertuples() if row.aliases}
    schema.atomic_write_bytes(args.out / "graph.graphml", graphml_bytes(graph))
    schema.atomic_write_bytes(args.out / "graph.gexf", gexf_bytes(graph, node_spells, edge_spells))
    schema.atomic_write_bytes(args.out / "graph.html", graph_html(graph, evidence=evidence, aliases=aliases))
    timed = f", {len(edge_spells)} edges with time spells" if edge_spells else ""
    sentences = (
        "" if evidence is not None else "; graph.html without example sentences (no cooccurrences.csv)"
    )
    return (
        f"graph of {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges{timed}{sentences}{quoted}"
    )


def main(argv: list[str] | None = None) -> int:
    return cli.main("export", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
