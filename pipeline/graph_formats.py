"""A networkx graph as GraphML or GEXF bytes that every XML parser accepts and that repeat byte for byte.

Shared by the export stage (the co-mention graph) and the relations stage (the relation graph). Text
attributes are cleaned of the characters XML 1.0 forbids (control characters), so any article text yields a
file Gephi, networkx and igraph read; nothing that varies from run to run (a date) is written.
"""

from __future__ import annotations

import re

import networkx as nx

_GEXF_DATE = re.compile(r'<meta lastmodifieddate="[^"]*">')
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph whose string attributes hold only characters legal in XML 1.0.

    Example:
        >>> g = nx.Graph(); g.add_node("a", label="Xi\\x00 Jinping")
        >>> xml_safe(g).nodes["a"]["label"]
        'Xi Jinping'
    """

    def clean(attributes: dict) -> dict:
        return {k: _XML_ILLEGAL.sub("", v) if isinstance(v, str) else v for k, v in attributes.items()}

    def clean_id(node) -> str:
        return _XML_ILLEGAL.sub("", str(node))

    safe = graph.__class__()
    safe.graph.update(clean(graph.graph))
    safe.add_nodes_from((clean_id(n), clean(d)) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():  # keep the keys: GraphML writes them as edge ids
        edges = graph.edges(keys=True, data=True)
        safe.add_edges_from((clean_id(u), clean_id(v), k, clean(d)) for u, v, k, d in edges)
    else:
        safe.add_edges_from((clean_id(u), clean_id(v), clean(d)) for u, v, d in graph.edges(data=True))
    return safe


def graphml_bytes(graph: nx.Graph) -> bytes:
    """GraphML text of the graph (UTF-8), with typed attribute keys Gephi reads as columns."""
    return ("\n".join(nx.generate_graphml(xml_safe(graph), encoding="utf-8")) + "\n").encode("utf-8")


def gexf_bytes(graph: nx.Graph) -> bytes:
    """GEXF 1.2 text of the graph; ``label`` becomes the node label Gephi shows.

    networkx stamps today's date into ``<meta>``; the optional attribute is dropped so that the same graph
    gives the same bytes on any day.
    """
    lines = nx.generate_gexf(xml_safe(graph), encoding="utf-8", version="1.2draft")
    return ("\n".join(_GEXF_DATE.sub("<meta>", line, count=1) for line in lines) + "\n").encode("utf-8")
