"""Graph files: GraphML and GEXF 1.3 readable by networkx, igraph, Gephi and a strict XML parser, whatever the
labels hold; the GEXF valid against the GEXF 1.3 schema and carrying time spells for Gephi's Timeline."""

import io
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from pipeline import export, schema
from pipeline.graph_formats import gexf_bytes, graphml_bytes


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
