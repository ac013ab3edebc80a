"""Graph stage: co-mention edges between people, countries and organisations.

Reads ``mentions.csv`` and ``entities.csv``; writes ``edges.csv``. Two entities are linked once per sentence
in which both are mentioned (``weight``), and ``articles`` counts the articles where that happens. The
aggregation is a pandas self-join per sentence, so it stays vectorised for large corpora.

Example:
    >>> m = pd.DataFrame({"article": ["a", "a", "a"], "sentence": [0, 0, 1],
    ...                   "entity_id": ["xi-jinping", "vladimir-putin", "xi-jinping"],
    ...                   "type": ["PERSON", "PERSON", "PERSON"]})
    >>> co_mentions(m).to_dict("records")
    [{'source': 'vladimir-putin', 'target': 'xi-jinping', 'weight': 1, 'articles': 1}]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import networkx as nx
import pandas as pd

from pipeline import cli, schema


def co_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """The edges table: one row per pair of graph-type entities sharing a sentence, ``source < target``."""
    nodes = mentions[mentions["type"].isin(schema.GRAPH_TYPES)]
    nodes = nodes[["article", "sentence", "entity_id"]].drop_duplicates()
    pairs = nodes.merge(nodes, on=["article", "sentence"], suffixes=("_s", "_t"))
    pairs = pairs[pairs["entity_id_s"] < pairs["entity_id_t"]]
    edges = (
        pairs.groupby(["entity_id_s", "entity_id_t"], sort=True)
        .agg(weight=("sentence", "size"), articles=("article", "nunique"))
        .reset_index()
        .rename(columns={"entity_id_s": "source", "entity_id_t": "target"})
    )
    return schema.conform(edges, schema.EDGES)


def to_networkx(entities: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """The co-mention graph: every graph-type entity a node (sorted by id), edges as in ``edges``.

    Node attributes ``label``, ``type``, ``mentions``, ``articles`` (and ``qid`` where known); edge
    attributes ``weight`` and ``articles``. Insertion order is sorted, so writers are deterministic.
    """
    graph = nx.Graph()
    nodes = entities[entities["type"].isin(schema.GRAPH_TYPES)].sort_values("entity_id")
    for row in nodes.itertuples(index=False):
        attributes = {
            "label": row.label,
            "type": row.type,
            "mentions": int(row.mentions),
            "articles": int(row.articles),
        }
        if row.qid:
            attributes["qid"] = row.qid
        graph.add_node(row.entity_id, **attributes)
    for row in edges.sort_values(["source", "target"]).itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=int(row.weight), articles=int(row.articles))
    return graph


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.graph", description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=Path, default=Path("data/mentions.csv"))
    parser.add_argument("--out", type=Path, default=Path("data/edges.csv"))
    return parser


def read(args: argparse.Namespace) -> pd.DataFrame:
    return schema.read_table(args.mentions, schema.MENTIONS)


def process(args: argparse.Namespace, mentions: pd.DataFrame) -> str:
    edges = co_mentions(mentions)
    schema.write_table(args.out, edges, schema.EDGES)
    return f"{len(edges)} edges"


def main(argv: list[str] | None = None) -> int:
    return cli.main("graph", _parser(), read, process, argv)


if __name__ == "__main__":
    raise SystemExit(main())
