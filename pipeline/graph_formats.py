"""A networkx graph as GraphML or GEXF bytes that every XML parser accepts and that repeat byte for byte.

Shared by the export stage (the co-mention graph) and the relations stage (the relation graph). Text
attributes are cleaned of the characters XML 1.0 forbids (control characters), so any article text yields a
file Gephi, networkx and igraph read; nothing that varies from run to run (a date) is written. GraphML is
static; GEXF is GEXF 1.3, dynamic (``mode="dynamic"``, ``timeformat="date"``, a ``<spells>`` per node and
edge) when spells are given, so Gephi's Timeline can play it (docs/gephi.md).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

import networkx as nx

GEXF_NAMESPACE = "http://gexf.net/1.3"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: a spell: (start, end) ISO days; GEXF 1.3 intervals are closed (it has no open ones)
Spell = tuple[str, str]


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


def _gexf_type(values: list) -> str:
    """The GEXF attribute type that holds every value: boolean, integer, double or string."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _gexf_attributes(graph_element: ET.Element, kind: str, items: list[dict], skip: set[str]) -> list[str]:
    """Declare the attributes of the nodes or edges (in first-seen order); their names are returned."""
    names: dict[str, list] = {}
    for data in items:
        for name, value in data.items():
            if name not in skip:
                names.setdefault(name, []).append(value)
    if names:
        declared = ET.SubElement(graph_element, "attributes", {"class": kind, "mode": "static"})
        for name, values in names.items():
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": _gexf_type(values)})
    return list(names)


def _gexf_element_data(element: ET.Element, data: dict, names: list[str], spells: Sequence[Spell]) -> None:
    values = [(name, data[name]) for name in names if name in data]
    if values:
        attvalues = ET.SubElement(element, "attvalues")
        for name, value in values:
            ET.SubElement(attvalues, "attvalue", {"for": name, "value": _gexf_value(value)})
    if spells:
        container = ET.SubElement(element, "spells")
        for start, end in spells:
            ET.SubElement(container, "spell", {"start": start, "end": end})


def gexf_bytes(
    graph: nx.Graph,
    node_spells: Mapping[str, Sequence[Spell]] | None = None,
    edge_spells: Mapping[tuple[str, str], Sequence[Spell]] | None = None,
) -> bytes:
    """GEXF 1.3 text of the graph: ``label`` is the node label Gephi shows, ``weight`` the edge weight, every
    other attribute a static column; with spells (ISO days; an edge's are looked up as ``(u, v)`` or ``(v, u)``)
    the graph is dynamic with ``timeformat="date"``, and an element without spells is always present.

    No ``lastmodifieddate`` is written, so that the same graph gives the same bytes on any day.
    """
    safe = xml_safe(graph)
    node_spells, edge_spells = node_spells or {}, edge_spells or {}
    dynamic = any(node_spells.values()) or any(edge_spells.values())
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "kabar-graph"
    mode = {"mode": "dynamic", "timeformat": "date"} if dynamic else {"mode": "static"}
    edge_type = "directed" if safe.is_directed() else "undirected"
    graph_element = ET.SubElement(root, "graph", {"defaultedgetype": edge_type, **mode})
    node_names = _gexf_attributes(graph_element, "node", [d for _, d in safe.nodes(data=True)], {"label"})
    edge_names = _gexf_attributes(graph_element, "edge", [d for *_, d in safe.edges(data=True)], {"weight"})
    nodes = ET.SubElement(graph_element, "nodes")
    for node, data in safe.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(data.get("label", node))})
        _gexf_element_data(element, data, node_names, node_spells.get(node, ()))
    edges = ET.SubElement(graph_element, "edges")
    for number, (source, target, data) in enumerate(safe.edges(data=True)):
        attributes = {"id": str(number), "source": source, "target": target}
        if "weight" in data:
            attributes["weight"] = _gexf_value(data["weight"])
        element = ET.SubElement(edges, "edge", attributes)
        spells = edge_spells.get((source, target)) or edge_spells.get((target, source)) or ()
        _gexf_element_data(element, data, edge_names, spells)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode()
