"""A networkx graph as GraphML or GEXF bytes that every XML parser accepts and that repeat byte for byte.

Shared by the export stage (the co-mention graph) and the relations stage (the relation graph). Text
attributes are cleaned of the characters XML 1.0 forbids (control characters), so any article text yields a
file Gephi, networkx and igraph read; nothing that varies from run to run (a date) is written. GraphML is
static; GEXF is GEXF 1.3, dynamic (``mode="dynamic"``, ``timeformat="date"``, a ``<spells>`` per node and
edge) when spells are given, so Gephi's Timeline can play it (docs/gephi.md).

Both files are written as text, line by line, not through a tree of ElementTree elements: building one
element per node, edge and value (networkx's ``generate_graphml``, ``ET.indent``) was most of the export
stage's time, and the stage rewrites the files whenever an article is added. The bytes are those the element
trees gave (tests/test_export.py compares them with ``nx.generate_graphml`` and an ElementTree GEXF), so
the escaping and layout follow ElementTree's serialiser and networkx's GraphML writer to the character:
values escaped as ElementTree escapes them, empty elements closed as ``<tag />``, two-space indentation,
and GraphML's particular forms (see :func:`graphml_bytes`).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence

import networkx as nx
from networkx.readwrite.graphml import GraphML

GEXF_NAMESPACE = "http://gexf.net/1.3"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GRAPHML_ROOT = (
    f'<graphml xmlns="{GraphML.NS_GRAPHML}" xmlns:xsi="{GraphML.NS_XSI}" '
    f'xsi:schemaLocation="{GraphML.SCHEMALOCATION}">'
)

#: ElementTree's escapes (``_escape_cdata``, ``_escape_attrib``), in its order: ``&`` before the entities
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_ATTRIBUTE_ESCAPES = (*_TEXT_ESCAPES, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
_TEXT_SPECIAL = re.compile("[&<>]")
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')

#: a spell: (start, end) ISO days; GEXF 1.3 intervals are closed (it has no open ones)
Spell = tuple[str, str]


def _clean(value: object) -> object:
    """A value as :func:`xml_safe` keeps it: a string without the characters XML 1.0 forbids (and a plain
    ``str``, as ``re.sub`` returns one, which decides GraphML's ``attr.type``), anything else unchanged."""
    return _XML_ILLEGAL.sub("", value) if isinstance(value, str) else value


def xml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of the graph whose string attributes hold only characters legal in XML 1.0.

    Example:
        >>> g = nx.Graph(); g.add_node("a", label="Xi\\x00 Jinping")
        >>> xml_safe(g).nodes["a"]["label"]
        'Xi Jinping'
    """

    def clean(attributes: dict) -> dict:
        return {k: _clean(v) for k, v in attributes.items()}

    def clean_id(node: Hashable) -> str:
        return _clean(str(node))

    safe = graph.__class__()
    safe.graph.update(clean(graph.graph))
    safe.add_nodes_from((clean_id(n), clean(d)) for n, d in graph.nodes(data=True))
    if graph.is_multigraph():  # keep the keys: GraphML writes them as edge ids
        edges = graph.edges(keys=True, data=True)
        safe.add_edges_from((clean_id(u), clean_id(v), k, clean(d)) for u, v, k, d in edges)
    else:
        safe.add_edges_from((clean_id(u), clean_id(v), clean(d)) for u, v, d in graph.edges(data=True))
    return safe


def _safe_ids(graph: nx.Graph) -> tuple[nx.Graph, dict[Hashable, str]]:
    """The graph to write, and the id :func:`xml_safe` gives each of its nodes.

    The writers read the graph itself and clean each value as they write it, rather than copying it with
    :func:`xml_safe`: the copy costs as much as the writing. Read so, the graph gives the copy's nodes and
    edges in the copy's order, as long as no two nodes get the same id: the copy adds the edges in the
    graph's edge order, so every node keeps its later neighbours (those its edges are listed under) in the
    same order. When two do (``1`` and ``"1"``, or ids that differ by a control character only), the copy
    merges them, and the copy is what is written.
    """
    ids = {node: _clean(str(node)) for node in graph}
    if len(set(ids.values())) == len(ids):
        return graph, ids
    safe = xml_safe(graph)
    return safe, {node: node for node in safe}


def _escape(text: str, special: re.Pattern, escapes: tuple[tuple[str, str], ...]) -> str:
    """The text with its special characters replaced; one regex search first, as most values have none.

    A non-string raises TypeError, as ElementTree's serialiser does.
    """
    if special.search(text) is None:
        return text
    for char, entity in escapes:
        text = text.replace(char, entity)
    return text


def _escape_text(text: str) -> str:
    """Character data escaped as ElementTree escapes it: ``&``, ``<`` and ``>``, nothing else."""
    return _escape(text, _TEXT_SPECIAL, _TEXT_ESCAPES)


def _escape_attribute(text: str) -> str:
    """An attribute value escaped as ElementTree escapes it: ``&``, ``<``, ``>``, ``"``, and CR, LF and TAB as
    character references (so a parser does not normalise them to spaces)."""
    return _escape(text, _ATTRIBUTE_SPECIAL, _ATTRIBUTE_ESCAPES)


def _element(lines: list[str], pad: str, tag: str, attributes: str, children: list[str]) -> None:
    """Append an element as ElementTree writes and indents it: ``<tag ... />`` without children, else
    ``<tag ...>``, the children's lines and ``</tag>`` (``attributes`` is the escaped `` name="value"`` text)."""
    if children:
        lines.append(f"{pad}<{tag}{attributes}>")
        lines.extend(children)
        lines.append(f"{pad}</{tag}>")
    else:
        lines.append(f"{pad}<{tag}{attributes} />")


def _graphml_types() -> dict[type, str]:
    """networkx's GraphML ``attr.type`` of each value type it writes: ``long`` for int, ``double`` for
    float, ``int``/``float`` for numpy's scalars; another type is an error there, and here."""
    table = GraphML()
    table.construct_types()
    return table.xml_type


_GRAPHML_TYPES = _graphml_types()


class _GraphMLKeys:
    """The ``<key>`` declarations, made as networkx makes them while the ``<data>`` lines are written.

    One key per (name, ``attr.type``, scope), numbered ``d0``, ``d1``, ... in the order of first use (the
    graph's attributes, then the nodes', then the edges'), with a ``<default>`` where the graph's
    ``node_default`` or ``edge_default`` has one for the name at that first use. networkx inserts each new key
    at the top of the file, so they are listed newest first.
    """

    def __init__(self, graph: nx.Graph) -> None:
        self._defaults = {
            "graph": {},
            "node": graph.graph.get("node_default", {}),
            "edge": graph.graph.get("edge_default", {}),
        }
        self._ids: dict[tuple[str, str, str], str] = {}
        #: the key of (name, Python type, scope), so that a value costs one look-up, not the type table's too
        self._known: dict[tuple[str, type, str], str] = {}
        self._declared: list[list[str]] = []

    def data(self, scope: str, attributes: Mapping, pad: str) -> list[str]:
        """The ``<data>`` lines of one graph, node or edge, ``pad`` deep."""
        lines = []
        for name, value in attributes.items():
            value = _clean(value)
            key = self._known.get((str(name), type(value), scope)) or self._key(scope, name, type(value))
            text = _escape_text(str(value))
            lines.append(f'{pad}<data key="{key}">{text}</data>' if text else f'{pad}<data key="{key}" />')
        return lines

    def _key(self, scope: str, name: Hashable, kind: type) -> str:
        """The id of the key of a value type not met yet under this name and scope, declared if new."""
        xml_type = _GRAPHML_TYPES.get(kind)
        if xml_type is None:
            raise nx.NetworkXError(f"GraphML writer does not support {kind} as data values.")
        key = self._ids.get((str(name), xml_type, scope))
        if key is None:
            key = self._ids[str(name), xml_type, scope] = f"d{len(self._ids)}"
            self._declared.append(self._declaration(key, scope, name, xml_type))
        self._known[str(name), kind, scope] = key
        return key

    def _declaration(self, key: str, scope: str, name: Hashable, xml_type: str) -> list[str]:
        """The lines of one ``<key>``, with its default, if any, as networkx writes it (not cleaned)."""
        default = self._defaults[scope].get(name)
        children = []
        if default is not None:
            text = _escape_text(str(default))
            children.append(f"    <default>{text}</default>" if text else "    <default />")
        attributes = (
            f' id="{key}" for="{scope}" attr.name="{_escape_attribute(str(name))}" attr.type="{xml_type}"'
        )
        lines: list[str] = []
        _element(lines, "  ", "key", attributes, children)
        return lines

    def declarations(self) -> list[str]:
        """The ``<key>`` lines, newest key first."""
        return [line for declaration in reversed(self._declared) for line in declaration]


def graphml_bytes(graph: nx.Graph) -> bytes:
    """GraphML text of the graph (UTF-8), with typed attribute keys Gephi reads as columns.

    The bytes of ``nx.generate_graphml(xml_safe(graph))``, its lines joined by newlines, with its forms: no
    XML declaration; every character outside ASCII as a character reference (``&#233;``: networkx
    serialises to US-ASCII); a CR or CR LF in a text value as a newline (it splits the document with
    ``str.splitlines``); edges without ids, except a multigraph's, whose id is the key; the graph's own
    ``<data>`` after its edges; the graph's ``id`` attribute as the ``<graph>``'s id.
    """
    graph, ids = _safe_ids(graph)
    keys = _GraphMLKeys(graph)
    graph_data = {k: v for k, v in graph.graph.items() if k not in ("id", "node_default", "edge_default")}
    graph_lines = keys.data("graph", graph_data, "    ")
    escaped = {node: _escape_attribute(node_id) for node, node_id in ids.items()}
    body: list[str] = []
    for node, data in graph.nodes(data=True):
        _element(body, "    ", "node", f' id="{escaped[node]}"', keys.data("node", data, "      "))
    if graph.is_multigraph():
        edges = (
            (u, v, f' id="{_escape_attribute(str(k))}"', d)
            for u, v, k, d in graph.edges(keys=True, data=True)
        )
    else:
        edges = ((u, v, "", d) for u, v, d in graph.edges(data=True))
    for source, target, edge_id, data in edges:
        attributes = f' source="{escaped[source]}" target="{escaped[target]}"{edge_id}'
        _element(body, "    ", "edge", attributes, keys.data("edge", data, "      "))
    body.extend(graph_lines)
    graph_id = _clean(graph.graph.get("id"))
    attributes = f' edgedefault="{"directed" if graph.is_directed() else "undirected"}"'
    if graph_id is not None:
        attributes += f' id="{_escape_attribute(graph_id)}"'
    lines = [_GRAPHML_ROOT, *keys.declarations()]
    _element(lines, "  ", "graph", attributes, body)
    lines.append("</graphml>")
    text = "\n".join(lines).encode("ascii", "xmlcharrefreplace").decode("ascii")
    return ("\n".join(text.splitlines()) + "\n").encode("ascii")


def _gexf_type(values: list) -> str:
    """The GEXF attribute type that holds every value: boolean, integer, double or string."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(value: object) -> str:
    """A value as an escaped attribute: cleaned as :func:`xml_safe` cleans it, booleans in XML's spelling."""
    value = _clean(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return _escape_attribute(str(value))


def _gexf_attributes(lines: list[str], kind: str, items: list[dict], skip: str) -> list[tuple[str, str]]:
    """Declare the attributes of the nodes or edges (in first-seen order); their names are returned, each
    with its escaped form.

    The types are those of the values as given: cleaning changes strings only, and any string is "string".
    """
    names: dict[str, list] = {}
    for data in items:
        for name, value in data.items():
            if name != skip:
                names.setdefault(name, []).append(value)
    escaped = [(name, _escape_attribute(name)) for name in names]
    declared = [
        f'      <attribute id="{text}" title="{text}" type="{_gexf_type(names[name])}" />'
        for name, text in escaped
    ]
    if declared:
        _element(lines, "    ", "attributes", f' class="{kind}" mode="static"', declared)
    return escaped


def _gexf_children(data: dict, names: list[tuple[str, str]], spells: Sequence[Spell]) -> list[str]:
    """The ``<attvalues>`` (in declaration order) and ``<spells>`` lines of a node or an edge."""
    lines: list[str] = []
    values = [
        f'          <attvalue for="{escaped}" value="{_gexf_value(data[name])}" />'
        for name, escaped in names
        if name in data
    ]
    if values:
        _element(lines, "        ", "attvalues", "", values)
    if spells:
        spell_lines = [
            f'          <spell start="{_escape_attribute(start)}" end="{_escape_attribute(end)}" />'
            for start, end in spells
        ]
        _element(lines, "        ", "spells", "", spell_lines)
    return lines


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
    graph, ids = _safe_ids(graph)
    node_spells, edge_spells = node_spells or {}, edge_spells or {}
    dynamic = any(node_spells.values()) or any(edge_spells.values())
    content: list[str] = []
    node_names = _gexf_attributes(content, "node", [d for _, d in graph.nodes(data=True)], "label")
    edge_names = _gexf_attributes(content, "edge", [d for *_, d in graph.edges(data=True)], "weight")
    escaped = {node: _escape_attribute(node_id) for node, node_id in ids.items()}
    nodes: list[str] = []
    for node, data in graph.nodes(data=True):
        label = _escape_attribute(str(_clean(data.get("label", ids[node]))))
        children = _gexf_children(data, node_names, node_spells.get(ids[node], ()))
        _element(nodes, "      ", "node", f' id="{escaped[node]}" label="{label}"', children)
    _element(content, "    ", "nodes", "", nodes)
    edges: list[str] = []
    for number, (source, target, data) in enumerate(graph.edges(data=True)):
        attributes = f' id="{number}" source="{escaped[source]}" target="{escaped[target]}"'
        if "weight" in data:
            attributes += f' weight="{_gexf_value(data["weight"])}"'
        source_id, target_id = ids[source], ids[target]
        spells = edge_spells.get((source_id, target_id)) or edge_spells.get((target_id, source_id)) or ()
        _element(edges, "      ", "edge", attributes, _gexf_children(data, edge_names, spells))
    _element(content, "    ", "edges", "", edges)
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    edge_type = "directed" if graph.is_directed() else "undirected"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<gexf xmlns="{GEXF_NAMESPACE}" version="1.3">',
        "  <meta>",
        "    <creator>kabar-graph</creator>",
        "  </meta>",
    ]
    _element(lines, "  ", "graph", f' defaultedgetype="{edge_type}"{mode}', content)
    lines.append("</gexf>\n")
    return "\n".join(lines).encode("utf-8")
