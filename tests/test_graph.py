"""Co-mention edges: sentence-level weights, stories counted once, time columns, periods and evidence."""

import pandas as pd
import pytest

from pipeline import graph, schema
from pipeline.graph import (
    co_mentions,
    cooccurrences,
    edges_by_period,
    period_days,
    period_of,
    spells,
    to_networkx,
)


def mentions(rows):
    return pd.DataFrame(rows, columns=["article", "sentence", "entity_id", "type"])


def story_table(rows):
    return pd.DataFrame(rows, columns=["article", "story", "similarity"])


XI_PUTIN = [
    ("a", 0, "xi-jinping", "PERSON"), ("a", 0, "vladimir-putin", "PERSON"),
    ("a", 3, "xi-jinping", "PERSON"), ("a", 3, "vladimir-putin", "PERSON"),
    ("b", 1, "vladimir-putin", "PERSON"), ("b", 1, "xi-jinping", "PERSON"),
]  # fmt: skip


def test_weight_counts_sentences_and_articles_counts_articles():
    edges = co_mentions(mentions(XI_PUTIN))
    assert edges.to_dict("records") == [
        {"source": "vladimir-putin", "target": "xi-jinping", "weight": 3, "articles": 2,
         "first_seen": "", "last_seen": "", "raw_weight": 3, "raw_articles": 2}
    ]  # fmt: skip


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


# --- stories: a duplicate's sentences are not counted again -----------------------------------------


def test_a_duplicate_article_adds_nothing_to_weight_and_articles_but_to_the_raw_counts():
    """b is a copy of c: the pair's weight is a's two sentences plus the story's one, not two."""
    rows = XI_PUTIN + [("c", 1, "vladimir-putin", "PERSON"), ("c", 1, "xi-jinping", "PERSON")]
    edges = co_mentions(mentions(rows), story_table([("b", "b", 1.0), ("c", "b", 1.0)]))
    (edge,) = edges.to_dict("records")
    assert (edge["weight"], edge["articles"], edge["raw_weight"], edge["raw_articles"]) == (3, 2, 4, 3)


def test_a_story_counts_its_fullest_article_so_a_rewrite_with_an_extra_sentence_adds_one():
    rows = [
        ("a", 0, "rusia", "COUNTRY"), ("a", 0, "tiongkok", "COUNTRY"),
        ("b", 0, "rusia", "COUNTRY"), ("b", 0, "tiongkok", "COUNTRY"),
        ("b", 5, "rusia", "COUNTRY"), ("b", 5, "tiongkok", "COUNTRY"),
    ]  # fmt: skip
    (edge,) = co_mentions(mentions(rows), story_table([("a", "a", 1.0), ("b", "a", 0.85)])).to_dict("records")
    assert (edge["weight"], edge["articles"], edge["raw_weight"], edge["raw_articles"]) == (2, 1, 3, 2)


# --- time: first_seen, last_seen, edges_by_period ---------------------------------------------------


DAYS = pd.Series({"a": "2025-10-21", "b": "2025-10-28", "c": ""})


def test_first_and_last_seen_are_the_earliest_and_latest_dated_article_of_the_pair():
    rows = XI_PUTIN + [("c", 0, "vladimir-putin", "PERSON"), ("c", 0, "xi-jinping", "PERSON")]
    (edge,) = co_mentions(mentions(rows), days=DAYS).to_dict("records")
    assert (edge["first_seen"], edge["last_seen"]) == ("2025-10-21", "2025-10-28")
    (undated,) = co_mentions(mentions(rows[-2:]), days=DAYS).to_dict("records")
    assert (undated["first_seen"], undated["last_seen"]) == ("", "")


def test_period_labels_are_iso_weeks_months_or_days_and_map_back_to_their_days():
    assert period_of("2025-10-21", "week") == "2025-W43"
    assert period_of("2026-01-01", "week") == "2026-W01" and period_of("2027-01-01", "week") == "2026-W53"
    assert period_of("2025-10-21", "month") == "2025-10" and period_of("2025-10-21", "day") == "2025-10-21"
    assert [d.isoformat() for d in period_days("2026-W53")] == ["2026-12-28", "2027-01-03"]
    assert [d.isoformat() for d in period_days("2025-12")] == ["2025-12-01", "2025-12-31"]
    with pytest.raises(ValueError, match="unknown period"):
        period_of("2025-10-21", "year")


def test_edges_by_period_split_the_weight_by_week_and_leave_undated_stories_out():
    rows = XI_PUTIN + [("c", 0, "vladimir-putin", "PERSON"), ("c", 0, "xi-jinping", "PERSON")]
    table = edges_by_period(mentions(rows), days=DAYS)
    assert table.to_dict("records") == [
        {
            "source": "vladimir-putin",
            "target": "xi-jinping",
            "period": "2025-W43",
            "weight": 2,
            "articles": 1,
        },
        {
            "source": "vladimir-putin",
            "target": "xi-jinping",
            "period": "2025-W44",
            "weight": 1,
            "articles": 1,
        },
    ]
    monthly = edges_by_period(mentions(rows), days=DAYS, period="month")
    assert monthly[["period", "weight", "articles"]].values.tolist() == [["2025-10", 3, 2]]


def test_a_story_republished_later_counts_once_in_the_period_of_its_first_publication():
    """b (week 44) is a copy of a (week 43): one story, counted in week 43 only, as in edges.csv."""
    rows = [("a", 0, "rusia", "COUNTRY"), ("a", 0, "tiongkok", "COUNTRY"),
            ("b", 0, "rusia", "COUNTRY"), ("b", 0, "tiongkok", "COUNTRY")]  # fmt: skip
    copies = story_table([("a", "a", 1.0), ("b", "a", 1.0)])
    table = edges_by_period(mentions(rows), copies, DAYS)
    assert table[["period", "weight", "articles"]].values.tolist() == [["2025-W43", 1, 1]]
    (edge,) = co_mentions(mentions(rows), copies, DAYS).to_dict("records")
    assert (edge["weight"], edge["first_seen"], edge["last_seen"]) == (1, "2025-10-21", "2025-10-28")


# --- evidence ---------------------------------------------------------------------------------------


def test_cooccurrences_list_every_sentence_of_every_article_behind_an_edge():
    rows = XI_PUTIN + [("a", 3, "rusia", "COUNTRY")]
    table = cooccurrences(mentions(rows))
    assert table.values.tolist() == [
        ["rusia", "vladimir-putin", "a", 3], ["rusia", "xi-jinping", "a", 3],
        ["vladimir-putin", "xi-jinping", "a", 0], ["vladimir-putin", "xi-jinping", "a", 3],
        ["vladimir-putin", "xi-jinping", "b", 1],
    ]  # fmt: skip
    edges = co_mentions(mentions(rows)).set_index(["source", "target"])
    assert table.groupby(["source", "target"]).size().to_dict() == edges["raw_weight"].to_dict()


# --- the networkx graph and the time spells of the GEXF ---------------------------------------------


def test_networkx_graph_carries_labels_types_weights_and_dates():
    entities = pd.DataFrame([
        {"entity_id": "rusia", "label": "Rusia", "type": "COUNTRY", "aliases": "Rusia", "mentions": 4,
         "articles": 2, "qid": "Q159", "first_seen": "2025-10-20", "last_seen": "2025-10-22"},
        {"entity_id": "tiongkok", "label": "Tiongkok", "type": "COUNTRY", "aliases": "China|Tiongkok",
         "mentions": 3, "articles": 2, "qid": "", "first_seen": "", "last_seen": ""},
        {"entity_id": "beijing", "label": "Beijing", "type": "LOCATION", "aliases": "Beijing", "mentions": 1,
         "articles": 1, "qid": "", "first_seen": "", "last_seen": ""},
    ])  # fmt: skip
    edges = pd.DataFrame([{"source": "rusia", "target": "tiongkok", "weight": 2, "articles": 1,
                           "first_seen": "2025-10-21", "last_seen": "2025-10-21", "raw_weight": 4,
                           "raw_articles": 2}])  # fmt: skip
    graph = to_networkx(entities, edges)
    assert sorted(graph.nodes) == ["rusia", "tiongkok"]
    assert graph.nodes["tiongkok"] == {"label": "Tiongkok", "type": "COUNTRY", "mentions": 3, "articles": 2}
    assert graph.nodes["rusia"]["qid"] == "Q159" and graph.nodes["rusia"]["first_seen"] == "2025-10-20"
    assert graph.edges["rusia", "tiongkok"] == {
        "weight": 2, "articles": 1, "raw_weight": 4, "raw_articles": 2,
        "first_seen": "2025-10-21", "last_seen": "2025-10-21",
    }  # fmt: skip


def test_spells_merge_consecutive_periods_and_undated_entities_get_none():
    entities = pd.DataFrame({
        "entity_id": ["rusia", "tiongkok", "iran", "mali"],
        "first_seen": ["2025-10-01", "2025-10-20", "2025-11-03", ""],
        "last_seen": ["2025-11-20", "2025-11-20", "2025-11-05", ""],
    })  # fmt: skip
    by_period = pd.DataFrame({
        "source": ["rusia"] * 3, "target": ["tiongkok"] * 3, "period": ["2025-W43", "2025-W44", "2025-W47"],
    })  # fmt: skip
    nodes, edges = spells(entities, by_period)
    assert edges == {("rusia", "tiongkok"): [("2025-10-20", "2025-11-03"), ("2025-11-17", "2025-11-24")]}
    assert nodes["rusia"] == nodes["tiongkok"] == edges[("rusia", "tiongkok")]
    assert nodes["iran"] == [("2025-11-03", "2025-11-06")]  # no tie: first_seen to the day after last_seen
    assert "mali" not in nodes


# --- the stage --------------------------------------------------------------------------------------


def write_inputs(folder, rows, dates):
    frame = mentions(rows).assign(start=0, end=1, text="x")
    schema.write_table(folder / "mentions.csv", frame, schema.MENTIONS)
    articles = pd.DataFrame({"id": list(dates), "date": list(dates.values())})
    for column in ("source", "title", "url", "file", "text"):
        articles[column] = ""
    schema.write_table(folder / "articles.csv", articles, schema.ARTICLES)
    schema.write_table(folder / "duplicates.csv", story_table([]), schema.DUPLICATES)


def test_the_stage_writes_three_contract_tables_byte_for_byte_again(tmp_path):
    write_inputs(tmp_path, XI_PUTIN, {"a": "2025-10-21T08:00", "b": "10/28/2025 09:00"})
    argv = [
        "--mentions", str(tmp_path / "mentions.csv"), "--articles", str(tmp_path / "articles.csv"),
        "--duplicates", str(tmp_path / "duplicates.csv"), "--period", "day", "--out", str(tmp_path / "out"),
    ]  # fmt: skip
    assert graph.main(argv) == 0
    names = ("edges.csv", "edges_by_period.csv", "cooccurrences.csv")
    first = {name: (tmp_path / "out" / name).read_bytes() for name in names}
    assert first["edges_by_period.csv"].decode().splitlines() == [
        "source,target,period,weight,articles",
        "vladimir-putin,xi-jinping,2025-10-21,2,1",  # b's date is not ISO: no period
    ]
    assert (
        first["edges.csv"].decode().splitlines()[1]
        == "vladimir-putin,xi-jinping,3,2,2025-10-21,2025-10-21,3,2"
    )
    assert graph.main(argv) == 0
    assert {name: (tmp_path / "out" / name).read_bytes() for name in names} == first
