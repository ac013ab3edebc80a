"""Graph files: GraphML and GEXF 1.3 readable by networkx, igraph, Gephi and a strict XML parser, whatever the
labels hold; the GEXF valid against the GEXF 1.3 schema and carrying time spells for Gephi's Timeline."""

import io
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from pipeline import export, schema
from pipeline.graph_formats import GEXF_NAMESPACE, gexf_bytes, graphml_bytes, xml_safe


@pytest.fixture
def graph():
    g = nx.Graph()
    g.add_node("xi-jinping", label="Xi\x00 Jinping\x1b", type="PERSON", mentions=9, articles=5)
    g.add_node(
        "vladimir-putin", label="Vladimir Putin & “Kremlin” <ally>", type="PERSON", mentions=8, articles=5
    )
    g.add_edge("vladimir-putin", "xi-jinping", weight=12, articles=5)
    return g


def test_control_characters_are_removed_and_strict_xml_parses(graph):
    from lxml import etree

    data = graphml_bytes(graph)
    root = etree.fromstring(data, parser=etree.XMLParser(recover=False))
    labels = [
        d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data") if "Xi" in (d.text or "")
    ]
    assert labels == ["Xi Jinping"]


def test_networkx_reads_back_labels_types_and_integer_weights(graph):
    back = nx.read_graphml(io.BytesIO(graphml_bytes(graph)))
    assert back.nodes["vladimir-putin"]["label"] == "Vladimir Putin & “Kremlin” <ally>"
    assert back.nodes["xi-jinping"]["type"] == "PERSON"
    assert back.edges["vladimir-putin", "xi-jinping"]["weight"] == 12


def test_igraph_reads_the_same_graph(graph, tmp_path):
    import igraph

    path = tmp_path / "g.graphml"
    path.write_bytes(graphml_bytes(graph))
    back = igraph.Graph.Read_GraphML(str(path))
    assert sorted(back.vs["label"]) == ["Vladimir Putin & “Kremlin” <ally>", "Xi Jinping"]
    assert back.es["weight"] == [12]


def test_same_graph_gives_identical_bytes(graph):
    assert graphml_bytes(graph) == graphml_bytes(graph.copy())
    assert gexf_bytes(graph) == gexf_bytes(graph.copy())


def test_gexf_carries_no_date_so_reruns_match_on_any_day(graph):
    assert b"lastmodifieddate" not in gexf_bytes(graph)
    assert nx.read_gexf(io.BytesIO(gexf_bytes(graph))).number_of_edges() == 1


# --- GEXF 1.3: valid against the schema, dynamic with time spells -----------------------------------

GEXF_SCHEMA = Path(__file__).parent / "fixtures" / "gexf" / "gexf-1.3-complete.xsd"
NS = {"g": "http://gexf.net/1.3"}


@pytest.fixture(scope="module")
def gexf_schema():
    """The GEXF 1.3 XSD (tests/fixtures/gexf/README.md says where it comes from and why it is completed)."""
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))


def timed(graph):
    """Spells for the test graph: the tie in two separate weeks, Putin in both, Xi from his first to last day."""
    edge = [("2025-10-20", "2025-10-27"), ("2025-11-03", "2025-11-10")]
    return {"vladimir-putin": edge, "xi-jinping": [("2025-10-21", "2025-11-05")]}, {
        ("xi-jinping", "vladimir-putin"): edge
    }


def test_static_gexf_is_valid_gexf_1_3(graph, gexf_schema):
    from lxml import etree

    document = etree.fromstring(gexf_bytes(graph))
    assert gexf_schema.validate(document), gexf_schema.error_log
    assert document.get("version") == "1.3" and document.find("g:graph", NS).get("mode") == "static"


def test_dynamic_gexf_is_valid_gexf_1_3_and_carries_node_and_edge_spells(graph, gexf_schema):
    from lxml import etree

    document = etree.fromstring(gexf_bytes(graph, *timed(graph)))
    assert gexf_schema.validate(document), gexf_schema.error_log
    element = document.find("g:graph", NS)
    assert (element.get("mode"), element.get("timeformat")) == ("dynamic", "date")

    def spells(element):
        return [(s.get("start"), s.get("end")) for s in element.iterfind("g:spells/g:spell", NS)]

    nodes = {node.get("id"): spells(node) for node in document.iterfind("g:graph/g:nodes/g:node", NS)}
    assert nodes == {
        "vladimir-putin": [("2025-10-20", "2025-10-27"), ("2025-11-03", "2025-11-10")],
        "xi-jinping": [("2025-10-21", "2025-11-05")],
    }
    (edge,) = document.iterfind("g:graph/g:edges/g:edge", NS)
    assert spells(edge) == [("2025-10-20", "2025-10-27"), ("2025-11-03", "2025-11-10")]
    assert edge.get("weight") == "12"


def test_the_schema_check_is_real_a_malformed_spell_fails(graph, gexf_schema):
    from lxml import etree

    bad = gexf_bytes(graph, *timed(graph)).replace(b'start="2025-10-21"', b'start="21/10/2025"')
    assert not gexf_schema.validate(etree.fromstring(bad))


def test_networkx_reads_the_dynamic_gexf_with_its_spells_labels_and_weights(graph):
    back = nx.read_gexf(io.BytesIO(gexf_bytes(graph, *timed(graph))))
    assert back.graph["mode"] == "dynamic"
    assert back.nodes["xi-jinping"]["label"] == "Xi Jinping"
    assert back.nodes["xi-jinping"]["spells"] == [("2025-10-21", "2025-11-05")]
    assert back.edges["vladimir-putin", "xi-jinping"]["weight"] == 12
    assert len(back.edges["vladimir-putin", "xi-jinping"]["spells"]) == 2


def test_the_export_stage_writes_a_dynamic_gexf_and_a_static_graphml_from_the_tables(tmp_path, gexf_schema):
    from lxml import etree

    entities = pd.DataFrame([
        {"entity_id": "rusia", "label": "Rusia", "type": "COUNTRY", "aliases": "Rusia", "mentions": 4,
         "articles": 2, "qid": "", "first_seen": "2025-10-21", "last_seen": "2025-10-28"},
        {"entity_id": "tiongkok", "label": "Tiongkok", "type": "COUNTRY", "aliases": "Tiongkok", "mentions": 3,
         "articles": 2, "qid": "", "first_seen": "2025-10-21", "last_seen": "2025-10-28"},
    ])  # fmt: skip
    edges = pd.DataFrame([{"source": "rusia", "target": "tiongkok", "weight": 2, "articles": 2,
                           "first_seen": "2025-10-21", "last_seen": "2025-10-28", "raw_weight": 2,
                           "raw_articles": 2}])  # fmt: skip
    by_period = pd.DataFrame([
        {"source": "rusia", "target": "tiongkok", "period": "2025-W43", "weight": 1, "articles": 1},
        {"source": "rusia", "target": "tiongkok", "period": "2025-W44", "weight": 1, "articles": 1},
    ])  # fmt: skip
    schema.write_table(tmp_path / "entities.csv", entities, schema.ENTITIES)
    schema.write_table(tmp_path / "edges.csv", edges, schema.EDGES)
    schema.write_table(tmp_path / "edges_by_period.csv", by_period, schema.EDGES_BY_PERIOD)
    argv = ["--entities", str(tmp_path / "entities.csv"), "--edges", str(tmp_path / "edges.csv"),
            "--out", str(tmp_path / "out")]  # fmt: skip
    assert export.main(argv) == 0
    gexf = (tmp_path / "out" / "graph.gexf").read_bytes()
    document = etree.fromstring(gexf)
    assert gexf_schema.validate(document), gexf_schema.error_log
    spells = [(s.get("start"), s.get("end")) for s in document.iterfind(".//g:edge/g:spells/g:spell", NS)]
    assert spells == [("2025-10-20", "2025-11-03")]  # two consecutive ISO weeks, one spell
    graphml = (tmp_path / "out" / "graph.graphml").read_bytes()
    assert b"spell" not in graphml and b"2025-10-21" in graphml  # static, with first_seen as an attribute
    assert nx.read_graphml(io.BytesIO(graphml)).edges["rusia", "tiongkok"]["raw_weight"] == 2
    assert export.main(argv) == 0
    assert (tmp_path / "out" / "graph.gexf").read_bytes() == gexf


# --- the text writers give the bytes networkx's and ElementTree's writers gave, whatever the graph --------

#: what article text can hold: markup, quotes, line ends, control characters, non-ASCII, nothing at all
NASTY = [
    "",
    "Putin & Xi <ally> \"quoted\" 'single'",
    "line\nbreak\ttab\rreturn\r\nboth",
    "control\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff gone",
    "Prabowo “Menhan” — Rp5.000, Jl. Merdeka",
    "习近平 会见 普京",
    "é ñ 😀 \x85\u2028\u2029",
    "  spaced  ",
    "&amp; already &#13; escaped",
]


def _co_mention_graph(graph: nx.Graph) -> nx.Graph:
    """The pipeline's attributes (label, type, aliases, counts, days) with every kind of value in them."""
    for i, text in enumerate(NASTY):
        graph.add_node(
            f"e{i}-{text}", label=text, type=np.str_("PERSON"), aliases="|".join(NASTY[:i]), mentions=i,
            articles=np.int64(i), share=np.float64(i / 3), ratio=i / 7, wikidata=i % 2 == 0,
        )  # fmt: skip
    graph.add_node(7, label="an int id", quoted=3)  # and attributes some nodes only have
    nodes = list(graph)
    for i, (source, target) in enumerate(zip(nodes, nodes[1:])):
        graph.add_edge(source, target, weight=i + 1, articles=np.int64(1), first_seen=NASTY[i], score=i / 2)
    return graph


def _relation_graph() -> nx.MultiDiGraph:
    """Keyed edges, two between the same entities, as the relations stage writes them."""
    graph = nx.MultiDiGraph()
    graph.add_node("prabowo", label="Prabowo Subianto", type="PERSON")
    graph.add_node("rusia", label="Rusia", type="COUNTRY")
    for relation in ("MEET", "VISIT & <host>"):
        graph.add_edge("prabowo", "rusia", key=f"prabowo:{relation}:rusia", relation=relation, weight=2)
    graph.add_edge("rusia", "prabowo", key=0, relation="INVITE", cameo="", planned=1)
    return graph


def _random_graph(rng: random.Random) -> nx.Graph:
    """A small graph of any kind with random names, ids, keys and values (a fixed seed: the same every run)."""
    graph = rng.choice([nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph])()
    alphabet = "aZ9 &<>\"'\n\t\r\x00\x0b\x1c\x85\u2028é中😀"

    def text(most: int = 6) -> str:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(most)))

    def value():
        return rng.choice([text, lambda: rng.randrange(-3, 99), rng.random, lambda: rng.random() < 0.5,
                           lambda: np.int64(rng.randrange(9)), lambda: np.float64(rng.random())])()  # fmt: skip

    names = [text(4) or "name" for _ in range(4)] + ["label", "weight"]
    for _ in range(rng.randrange(10)):
        graph.add_node(
            rng.choice([text(), rng.randrange(12)]), **{rng.choice(names): value() for _ in range(3)}
        )
    nodes = list(graph)
    for _ in range(rng.randrange(15) if nodes else 0):
        source, target, attributes = rng.choice(nodes), rng.choice(nodes), {rng.choice(names): value()}
        if graph.is_multigraph():
            graph.add_edge(source, target, key=rng.choice([None, text(3), rng.randrange(3)]), **attributes)
        else:
            graph.add_edge(source, target, **attributes)
    if rng.random() < 0.3:
        graph.graph.update({rng.choice(names): value(), "id": text(3)})
    return graph


def adversarial_graphs() -> dict[str, nx.Graph]:
    graphs = {
        "co-mention": _co_mention_graph(nx.Graph()),
        "directed": _co_mention_graph(nx.DiGraph()),
        "relations": _relation_graph(),
        "no edges": nx.empty_graph(["a & b", "c"]),
        "no nodes": nx.Graph(),
        "ids equal once cleaned": nx.Graph([(1, "1"), ("a\x00", "a"), ("a", "b")]),
    }
    attributed = nx.Graph(name="kabar & <graph>", id="g\x01", year=2025, node_default={"label": "?"})
    attributed.graph["edge_default"] = {"weight": 1.0}
    attributed.add_edge("a", "b", weight=2.5)
    attributed.add_node("c", label="")
    graphs["graph attributes and defaults"] = attributed
    rng = random.Random(20251021)
    graphs.update((f"random {i}", _random_graph(rng)) for i in range(80))
    return graphs


ADVERSARIAL = adversarial_graphs()


def _spells(graph: nx.Graph) -> tuple[dict, dict]:
    """Spells for every other node and edge, some edges looked up the other way round."""
    ids = [str(node) for node in xml_safe(graph)]
    node_spells = {node: [("2025-10-20", "2025-10-27")] for node in ids[::2]}
    pairs = [(str(u), str(v)) for u, v in xml_safe(graph).edges()]
    edge_spells = {
        (v, u): [("2025-10-20", "2025-10-27"), ("2025-11-03", "2025-11-10")] for u, v in pairs[::2]
    }
    return node_spells, edge_spells


def gexf_text(value) -> str:
    """A value as GEXF writes it: booleans as ``true``/``false``, anything else as ``str`` gives it."""
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def gexf_by_elementtree(graph: nx.Graph, node_spells: dict, edge_spells: dict) -> bytes:
    """The reference: the GEXF the export stage wrote through an ElementTree before it wrote text."""
    safe = xml_safe(graph)

    def kind(values: list) -> str:
        if all(isinstance(v, bool) for v in values):
            return "boolean"
        if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            return "integer"
        return (
            "double"
            if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
            else "string"
        )

    def declare(parent: ET.Element, scope: str, items: list[dict], skip: str) -> list:
        names: dict = {}
        for data in items:
            for name, value in data.items():
                if name != skip:
                    names.setdefault(name, []).append(value)
        if names:
            declared = ET.SubElement(parent, "attributes", {"class": scope, "mode": "static"})
            for name, values in names.items():
                ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": kind(values)})
        return list(names)

    def children(element: ET.Element, data: dict, names: list, spells) -> None:
        if any(name in data for name in names):
            values = ET.SubElement(element, "attvalues")
            for name in (name for name in names if name in data):
                ET.SubElement(values, "attvalue", {"for": name, "value": gexf_text(data[name])})
        if spells:
            container = ET.SubElement(element, "spells")
            for start, end in spells:
                ET.SubElement(container, "spell", {"start": start, "end": end})

    dynamic = any(node_spells.values()) or any(edge_spells.values())
    root = ET.Element("gexf", {"xmlns": GEXF_NAMESPACE, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "kabar-graph"
    mode = {"mode": "dynamic", "timeformat": "date"} if dynamic else {"mode": "static"}
    edge_type = "directed" if safe.is_directed() else "undirected"
    parent = ET.SubElement(root, "graph", {"defaultedgetype": edge_type, **mode})
    node_names = declare(parent, "node", [d for _, d in safe.nodes(data=True)], "label")
    edge_names = declare(parent, "edge", [d for *_, d in safe.edges(data=True)], "weight")
    nodes = ET.SubElement(parent, "nodes")
    for node, data in safe.nodes(data=True):
        element = ET.SubElement(nodes, "node", {"id": node, "label": str(data.get("label", node))})
        children(element, data, node_names, node_spells.get(node, ()))
    edges = ET.SubElement(parent, "edges")
    for number, (source, target, data) in enumerate(safe.edges(data=True)):
        attributes = {"id": str(number), "source": source, "target": target}
        if "weight" in data:
            attributes["weight"] = gexf_text(data["weight"])
        element = ET.SubElement(edges, "edge", attributes)
        children(
            element, data, edge_names, edge_spells.get((source, target)) or edge_spells.get((target, source))
        )
    ET.indent(root, space="  ")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{ET.tostring(root, encoding="unicode")}\n'.encode()


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_graphml_is_byte_for_byte_what_networkx_writes(name):
    graph = ADVERSARIAL[name]
    assert graphml_bytes(graph) == ("\n".join(nx.generate_graphml(xml_safe(graph))) + "\n").encode()


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_gexf_is_byte_for_byte_what_elementtree_writes_static_and_dynamic(name):
    graph = ADVERSARIAL[name]
    assert gexf_bytes(graph) == gexf_by_elementtree(graph, {}, {})
    assert gexf_bytes(graph, *_spells(graph)) == gexf_by_elementtree(graph, *_spells(graph))


def _read_back_as(value):
    """A value as a GraphML reader gets it: cleaned, numpy scalars as Python's, a CR as a line end (in text
    content, where the XML parser normalises it)."""
    value = xml_safe(nx.Graph(v=value)).graph["v"]
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value.item() if isinstance(value, np.generic) else value


@pytest.mark.parametrize("name", ["co-mention", "directed", "relations", "graph attributes and defaults"])
def test_networkx_reads_back_every_attribute_with_its_type(name):
    graph = ADVERSARIAL[name]
    back = nx.read_graphml(io.BytesIO(graphml_bytes(graph)), edge_key_type=str, force_multigraph=True)
    safe = xml_safe(graph)
    graph_data = {k: v for k, v in safe.graph.items() if k not in ("id", "node_default", "edge_default")}
    assert {k: back.graph[k] for k in graph_data} == {k: _read_back_as(v) for k, v in graph_data.items()}
    for node, data in safe.nodes(data=True):
        assert back.nodes[node] == {k: _read_back_as(v) for k, v in data.items()}
        assert all(type(back.nodes[node][k]) is type(_read_back_as(v)) for k, v in data.items())
    edges = (
        safe.edges(keys=True, data=True)
        if safe.is_multigraph()
        else [(u, v, None, d) for u, v, d in safe.edges(data=True)]
    )
    for source, target, key, data in edges:
        (found,) = [d for k, d in back[source][target].items() if key is None or k == str(key)]
        assert found == {k: _read_back_as(v) for k, v in data.items()}


def _values_and_spells(element: ET.Element) -> tuple[dict, list]:
    values = {
        value.get("for"): value.get("value") for value in element.iterfind("g:attvalues/g:attvalue", NS)
    }
    return values, [
        (spell.get("start"), spell.get("end")) for spell in element.iterfind("g:spells/g:spell", NS)
    ]


@pytest.mark.parametrize(
    "name", ["co-mention", "directed", "relations", "graph attributes and defaults", "ids equal once cleaned"]
)
def test_gexf_parses_back_to_every_label_value_weight_and_spell(name):
    graph, safe = ADVERSARIAL[name], xml_safe(ADVERSARIAL[name])
    node_spells, edge_spells = _spells(graph)
    root = ET.fromstring(gexf_bytes(graph, node_spells, edge_spells))
    nodes = {
        node.get("id"): (node.get("label"), *_values_and_spells(node))
        for node in root.iterfind("g:graph/g:nodes/g:node", NS)
    }
    assert nodes == {
        node: (
            str(data.get("label", node)),
            {k: gexf_text(v) for k, v in data.items() if k != "label"},
            node_spells.get(node, []),
        )
        for node, data in safe.nodes(data=True)
    }
    edges = [
        (edge.get("source"), edge.get("target"), edge.get("weight"), *_values_and_spells(edge))
        for edge in root.iterfind("g:graph/g:edges/g:edge", NS)
    ]
    assert edges == [
        (
            source,
            target,
            gexf_text(data["weight"]) if "weight" in data else None,
            {k: gexf_text(v) for k, v in data.items() if k != "weight"},
            edge_spells.get((source, target)) or edge_spells.get((target, source)) or [],
        )
        for source, target, data in safe.edges(data=True)
    ]
