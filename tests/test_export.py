"""GraphML export: readable by networkx, igraph and a strict XML parser, whatever the labels hold."""

import io

import networkx as nx
import pytest

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
