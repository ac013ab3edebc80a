"""The relation graph: one directed edge per ``(source, relation, target)``, and its GraphML."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from pipeline import graph_formats
from pipeline.relations.inventory import Inventory, load_inventory


def relation_graph(
    relations: pd.DataFrame, entities: pd.DataFrame, inventory: Inventory | None = None
) -> nx.MultiDiGraph:
    """The relation graph: one edge per ``(source, relation, target)``, keyed by the relation.

    A ``MultiDiGraph`` because two entities can be linked by several types ("Putin INVITE Xi" and "Putin
    MEET Xi"); the key is the relation, so ``graph["vladimir-putin"]["xi-jinping"]["MEET"]`` is one edge.
    Edge attributes ``relation``, ``cameo``, ``weight`` (sentences), ``planned`` (those of them announcing
    the event, not reporting it: ``weight > planned`` keeps what happened) and ``articles``; nodes are the
    entities taking part, with ``label`` and ``type`` from ``entities``. Insertion is sorted, so output is
    stable.

    Example:
        >>> rel = pd.DataFrame({"article": ["a", "b"], "sentence": [0, 3], "source": "xi-jinping",
        ...                     "relation": "VISIT", "target": "moskow", "trigger": "", "mode": ["planned", "done"],
        ...                     "evidence": ""})
        >>> ent = pd.DataFrame({"entity_id": ["moskow"], "label": ["Moskow"], "type": ["LOCATION"]})
        >>> g = relation_graph(rel, ent)
        >>> g["xi-jinping"]["moskow"]["VISIT"]
        {'relation': 'VISIT', 'cameo': '042', 'weight': 2, 'planned': 1, 'articles': 2}
        >>> g.nodes["xi-jinping"]
        {'label': 'xi-jinping', 'type': ''}
    """
    inventory = inventory or load_inventory()
    known = {row.entity_id: (row.label, row.type) for row in entities.itertuples(index=False)}
    graph = nx.MultiDiGraph()
    for entity_id in sorted(set(relations["source"]) | set(relations["target"])):
        label, kind = known.get(entity_id, (entity_id, ""))
        graph.add_node(entity_id, label=label, type=kind)
    grouped = (
        relations.groupby(["source", "relation", "target"], sort=True)
        .agg(
            weight=("sentence", "size"),
            planned=("mode", lambda modes: int((modes == "planned").sum())),
            articles=("article", "nunique"),
        )
        .reset_index()
    )
    for row in grouped.itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            key=row.relation,
            relation=row.relation,
            cameo=inventory.cameo.get(row.relation, ""),
            weight=int(row.weight),
            planned=int(row.planned),
            articles=int(row.articles),
        )
    return graph


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the relation graph; each edge's id is ``source:relation:target``, unique in the file.

    Gephi drops edges whose id it has already seen, and a multigraph's key (the relation) would repeat.
    """
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from((u, v, f"{u}:{k}:{v}", d) for u, v, k, d in graph.edges(keys=True, data=True))
    return graph_formats.graphml_bytes(out)


def summary(relations: pd.DataFrame) -> str:
    """Counts by type, most frequent first: ``VISIT 17, MEET 8``."""
    counts = Counter(relations["relation"])
    return ", ".join(f"{r} {n}" for r, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))
