"""Co-mention edges: sentence-level weights, article counts, only people, countries and organisations."""

import pandas as pd

from pipeline.graph import co_mentions, to_networkx


def mentions(rows):
    return pd.DataFrame(rows, columns=["article", "sentence", "entity_id", "type"])


def test_weight_counts_sentences_and_articles_counts_articles():
    edges = co_mentions(mentions([
        ("a", 0, "xi-jinping", "PERSON"), ("a", 0, "vladimir-putin", "PERSON"),
        ("a", 3, "xi-jinping", "PERSON"), ("a", 3, "vladimir-putin", "PERSON"),
        ("b", 1, "vladimir-putin", "PERSON"), ("b", 1, "xi-jinping", "PERSON"),
    ]))  # fmt: skip
    assert edges.to_dict("records") == [
        {"source": "vladimir-putin", "target": "xi-jinping", "weight": 3, "articles": 2}
    ]


def test_two_mentions_of_one_entity_in_a_sentence_make_no_self_loop_and_count_once():
    edges = co_mentions(mentions([
        ("a", 0, "rusia", "COUNTRY"), ("a", 0, "rusia", "COUNTRY"), ("a", 0, "tiongkok", "COUNTRY"),
    ]))  # fmt: skip
    assert edges[["source", "target", "weight"]].values.tolist() == [["rusia", "tiongkok", 1]]


def test_places_are_not_in_the_graph():
    edges = co_mentions(mentions([("a", 0, "beijing", "LOCATION"), ("a", 0, "tiongkok", "COUNTRY")]))
    assert edges.empty


def test_mentions_in_different_sentences_are_not_linked():
    edges = co_mentions(mentions([("a", 0, "rusia", "COUNTRY"), ("a", 1, "tiongkok", "COUNTRY")]))
    assert edges.empty


def test_networkx_graph_carries_labels_types_and_weights():
    entities = pd.DataFrame([
        {"entity_id": "rusia", "label": "Rusia", "type": "COUNTRY", "aliases": "Rusia", "mentions": 4,
         "articles": 2, "qid": "Q159"},
        {"entity_id": "tiongkok", "label": "Tiongkok", "type": "COUNTRY", "aliases": "China|Tiongkok",
         "mentions": 3, "articles": 2, "qid": ""},
        {"entity_id": "beijing", "label": "Beijing", "type": "LOCATION", "aliases": "Beijing", "mentions": 1,
         "articles": 1, "qid": ""},
    ])  # fmt: skip
    edges = pd.DataFrame([{"source": "rusia", "target": "tiongkok", "weight": 2, "articles": 1}])
    graph = to_networkx(entities, edges)
    assert sorted(graph.nodes) == ["rusia", "tiongkok"]
    assert graph.nodes["tiongkok"] == {"label": "Tiongkok", "type": "COUNTRY", "mentions": 3, "articles": 2}
    assert graph.nodes["rusia"]["qid"] == "Q159"
    assert graph.edges["rusia", "tiongkok"] == {"weight": 2, "articles": 1}
