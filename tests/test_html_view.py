"""graph.html: a page that draws at once at any size (layout computed in Python, physics off), opens on a
readable backbone with its rule stated, can show more, finds entities, shows the evidence of every link, works
offline and repeats its bytes."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from benchmarks import html_check
from pipeline import export, graph_layout, schema
from pipeline.graph import to_networkx
from pipeline.html_view import WHOLE_UP_TO, Evidence, default_view, edge_evidence, graph_html

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def payload(page: bytes) -> dict:
    """The data the page hands to vis-network: ``shown``, ``nodes``, ``edges``, ``options``."""
    match = re.search(rb'<script id="kabar-data" type="application/json">(.*?)</script>', page, re.S)
    assert match, "no data in the page"
    return json.loads(match.group(1))


def text(page: bytes) -> str:
    """The page's visible text, roughly: tags dropped, entities left as they are."""
    body = page.decode("utf-8").split("<body>", 1)[1]
    return re.sub(r"<script\b.*?</script>|<[^>]+>", " ", body, flags=re.S)


@pytest.fixture(scope="module")
def small():
    """Five entities of the seeds: small enough to be shown whole."""
    g = nx.Graph()
    g.add_node("rusia", label="Rusia", type="COUNTRY", mentions=56, articles=5)
    g.add_node("vladimir-putin", label="Vladimir Putin", type="PERSON", mentions=37, articles=5)
    g.add_node("kremlin", label="Kremlin </script><b>", type="ORGANISATION", mentions=14, articles=5)
    g.add_node("xi-jinping", label="Xi Jinping", type="PERSON", mentions=17, articles=3)
    g.add_node("bucha", label="Bucha “kota”", type="LOCATION", mentions=2, articles=1)
    g.add_edge(
        "rusia", "vladimir-putin", weight=12, articles=5, first_seen="2025-03-17", last_seen="2025-03-21"
    )
    g.add_edge("vladimir-putin", "xi-jinping", weight=9, articles=3)
    return g


def hubs(n_leaves: int = 300) -> nx.Graph:
    """A graph larger than WHOLE_UP_TO: three hubs tied strongly to each other and to a few close
    entities, each also named once with many passing ones; in sorted order, as to_networkx builds it."""
    g = nx.Graph()
    names = [f"hub-{h}" for h in "abc"] + [f"close-{i:02d}" for i in range(9)]
    names += [f"leaf-{i:03d}" for i in range(n_leaves)]
    for name in sorted(names):
        g.add_node(name, label=name.replace("-", " ").title(), type="PERSON", mentions=3, articles=1)
    edges = [("hub-a", "hub-b", 40), ("hub-b", "hub-c", 35), ("hub-a", "hub-c", 30)]
    edges += [(f"hub-{'abc'[i % 3]}", f"close-{i:02d}", 20) for i in range(9)]
    edges += [(f"hub-{'abc'[i % 3]}", f"leaf-{i:03d}", 1) for i in range(n_leaves)]
    for u, v, w in sorted((min(u, v), max(u, v), w) for u, v, w in edges):
        g.add_edge(u, v, weight=w, articles=1)
    return g


def islands(n_leaves: int = 300) -> nx.Graph:
    """:func:`hubs` and, apart from them, six chains of four entities named only with each other."""
    g = hubs(n_leaves)
    for k in range(6):
        chain = [f"isle-{k}-{i}" for i in range(4)]
        for name in chain:
            g.add_node(name, label=name, type="PERSON", mentions=1, articles=1)
        for u, v in zip(chain, chain[1:]):
            g.add_edge(u, v, weight=1, articles=1)
    return g


# --- drawn at once: positions in the page, physics off ------------------------------------------------


def test_every_node_has_its_position_in_the_page_and_physics_is_off(small):
    data = payload(graph_html(small))
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])  # no two on one spot
    assert data["options"]["physics"] == {"enabled": False}
    assert data["options"]["layout"]["improvedLayout"] is False


def test_building_the_page_of_3000_entities_and_8000_links_takes_seconds():
    """A functional bound (about 2.5 s here), not a benchmark: the layout must not be quadratic in Python."""
    g = nx.gnm_random_graph(3000, 8000, seed=1)
    nx.set_edge_attributes(g, {e: 1 + i % 7 for i, e in enumerate(g.edges)}, "weight")
    start = time.perf_counter()
    data = payload(graph_html(g))
    assert time.perf_counter() - start < 10
    assert len(data["nodes"]) == 3000 and len(data["edges"]) == 8000


# --- a readable part first, the rule stated, a way to show more, a search box ------------------------


def test_a_small_graph_is_shown_whole_and_the_page_says_so(small):
    page = graph_html(small)
    assert "Shown: the whole graph (5 entities, 2 links)" in text(page)
    assert not any(n.get("hidden") for n in payload(page)["nodes"])
    assert b'id="kabar-all"' not in page  # nothing more to show


def test_a_large_graph_opens_on_its_backbone_and_the_page_states_the_rule():
    graph = hubs()
    page = graph_html(graph)
    data = payload(page)
    shown = {n["id"] for n in data["nodes"] if not n.get("hidden")}
    assert graph.number_of_nodes() > WHOLE_UP_TO
    assert shown == {"hub-a", "hub-b", "hub-c", *(f"close-{i:02d}" for i in range(9))}
    assert data["shown"] == len(shown)
    assert {n["id"] for n in data["nodes"] if n["rank"] < data["shown"]} == shown  # shown first, then more
    words = " ".join(text(page).split())
    assert "Shown first: the backbone, 12 of 312 entities" in words
    assert "disparity filter" in words and "α = 0.1" in words and "largest connected group" in words


def test_a_large_graph_has_a_slider_and_buttons_to_show_more():
    page = graph_html(hubs()).decode("utf-8")
    slider = re.search(r'<input id="kabar-level" type="range" min="(\d+)" max="(\d+)"', page)
    assert slider and slider.groups() == ("12", "312")
    assert 'id="kabar-more"' in page and 'id="kabar-all"' in page and 'id="kabar-backbone"' in page


def test_the_shown_entities_keep_their_own_layout_and_have_a_place_in_the_whole_graph():
    data = payload(graph_html(hubs()))
    first = [n for n in data["nodes"] if n["rank"] < data["shown"]]
    assert all("fx" in n and "fy" in n for n in first)  # the place it takes when more is shown
    assert not any("fx" in n for n in data["nodes"] if n["rank"] >= data["shown"])


def test_components_of_one_shape_are_laid_out_once_and_alike_whatever_their_names():
    """A small component's layout depends on its shape alone (its links and weights between its nodes in
    graph order), so each shape is computed once however many components repeat it."""
    g = nx.Graph()
    g.add_edges_from([("a", "b", {"weight": 2}), ("b", "c", {"weight": 1})])
    g.add_edges_from([("x", "y", {"weight": 2}), ("y", "z", {"weight": 1})])
    g.add_edges_from([("p", "q", {"weight": 1}), ("q", "r", {"weight": 2})])
    graph_layout._shape_layout.cache_clear()
    one, same, other = (graph_layout._component_layout(g, list(part)) for part in ("abc", "xyz", "pqr"))
    assert graph_layout._shape_layout.cache_info().misses == 2
    assert (one == same).all() and not (one == other).all()
    one[0] += 1  # the caller's copy: the next component of that shape is not moved
    assert (graph_layout._component_layout(g, list("abc")) == same).all()


def test_a_large_graph_without_links_opens_on_its_strongest_entities():
    g = nx.empty_graph(WHOLE_UP_TO + 10)
    shown, rule = default_view(g)
    assert shown.number_of_nodes() == WHOLE_UP_TO and rule.startswith("Shown first: the 150 entities")


def test_the_page_has_a_search_box_and_the_aliases_it_searches(small):
    page = graph_html(small, aliases={"vladimir-putin": ["Vladimir Putin", "Putin", "Presiden Putin"]})
    assert re.search(rb'<input id="kabar-search" type="search"', page)
    putin = next(n for n in payload(page)["nodes"] if n["id"] == "vladimir-putin")
    assert putin["aliases"] == ["Putin", "Presiden Putin"]  # the label itself is not repeated
    assert "also written: Putin, Presiden Putin" in putin["title"]


# --- evidence on every link ---------------------------------------------------------------------------

ARTICLES = pd.DataFrame(
    {
        "id": ["a-late", "b-early", "c-undated"],
        "date": ["2025-03-22T10:00", "2025-03-20", ""],
        "source": ["", "", ""],
        "title": ["Xi tiba di Moskow", "Putin sambut Xi", ""],
        "url": ["https://example.id/late", "https://example.id/early", "javascript:alert(1)"],
        "file": ["", "", ""],
        "text": [
            "Xi dan Putin bertemu lagi.",
            "Kremlin mengumumkan kunjungan. Putin akan menyambut Xi di Moskow. Putin dan Xi makan malam.",
            "Rusia, kata Putin, siap.",
        ],
    }
)
SENTENCES = pd.DataFrame(
    {
        "article": ["a-late", "b-early", "b-early", "b-early", "c-undated"],
        "sentence": [0, 0, 1, 2, 0],
        "start": [0, 0, 31, 66, 0],
        "end": [26, 30, 65, 91, 24],
    }
)
COOCCURRENCES = pd.DataFrame(
    {
        "source": ["vladimir-putin", "vladimir-putin", "vladimir-putin", "rusia"],
        "target": ["xi-jinping", "xi-jinping", "xi-jinping", "vladimir-putin"],
        "article": ["a-late", "b-early", "b-early", "c-undated"],
        "sentence": [0, 2, 1, 0],
    }
)


def test_the_example_sentence_is_the_first_of_the_earliest_dated_article():
    found = edge_evidence(COOCCURRENCES, SENTENCES, ARTICLES)
    assert found[("vladimir-putin", "xi-jinping")] == Evidence(
        sentence="Putin akan menyambut Xi di Moskow.",
        title="Putin sambut Xi",
        url="https://example.id/early",
        date="2025-03-20",
    )


def test_an_undated_article_without_title_is_named_by_its_id_and_keeps_no_unsafe_address():
    found = edge_evidence(COOCCURRENCES, SENTENCES, ARTICLES)[("rusia", "vladimir-putin")]
    assert (found.sentence, found.title, found.url, found.date) == (
        "Rusia, kata Putin, siap.",
        "article c-undated",
        "",
        "",
    )


def test_a_long_sentence_is_cut_to_about_300_characters_at_a_word():
    words = "Presiden Vladimir Putin menyambut Xi Jinping " * 20
    articles = ARTICLES.assign(text=[words, words, words])
    sentences = SENTENCES.assign(start=0, end=len(words))
    sentence = edge_evidence(COOCCURRENCES, sentences, articles)[("vladimir-putin", "xi-jinping")].sentence
    assert 250 <= len(sentence) <= 302 and sentence.endswith(" …") and words.startswith(sentence[:-2])


def test_hovering_a_link_shows_its_weight_dates_sentence_and_the_articles_title_and_link(small):
    evidence = edge_evidence(COOCCURRENCES, SENTENCES, ARTICLES)
    edges = {(e["from"], e["to"]): e for e in payload(graph_html(small, evidence=evidence))["edges"]}
    putin_russia = edges["rusia", "vladimir-putin"]["title"].splitlines()
    assert putin_russia[:3] == [
        "Rusia – Vladimir Putin",
        "weight 12: named together in 12 sentences, 5 articles",
        "seen 2025-03-17 … 2025-03-21",
    ]
    xi = edges["vladimir-putin", "xi-jinping"]
    assert xi["title"].splitlines()[2:] == [
        "no dated article",
        "“Putin akan menyambut Xi di Moskow.”",
        "— Putin sambut Xi, 2025-03-20",
        "https://example.id/early",
    ]
    assert xi["url"] == "https://example.id/early"  # the panel's clickable link
    assert "url" not in edges["rusia", "vladimir-putin"]  # its article has no safe address


def test_the_export_stage_reads_the_evidence_files_into_the_page(tmp_path, small):
    entities = pd.DataFrame(
        [
            {"entity_id": n, "label": d["label"], "type": d["type"], "aliases": d["label"], "mentions": 3,
             "articles": 1, "qid": "", "first_seen": "", "last_seen": ""}
            for n, d in small.nodes(data=True)
        ]
    )  # fmt: skip
    edges = pd.DataFrame(
        [{"source": "vladimir-putin", "target": "xi-jinping", "weight": 2, "articles": 1, "first_seen": "2025-03-20",
          "last_seen": "2025-03-22", "raw_weight": 2, "raw_articles": 1}]
    )  # fmt: skip
    schema.write_table(tmp_path / "entities.csv", entities, schema.ENTITIES)
    schema.write_table(tmp_path / "edges.csv", edges, schema.EDGES)
    schema.write_table(
        tmp_path / "edges_by_period.csv", schema.empty(schema.EDGES_BY_PERIOD), schema.EDGES_BY_PERIOD
    )
    schema.write_table(tmp_path / "co.csv", COOCCURRENCES, schema.COOCCURRENCES)
    schema.write_table(tmp_path / "articles.csv", ARTICLES, schema.ARTICLES)
    schema.write_table(tmp_path / "sentences.csv", SENTENCES, schema.SENTENCES)
    argv = ["--entities", str(tmp_path / "entities.csv"), "--edges", str(tmp_path / "edges.csv"),
            "--cooccurrences", str(tmp_path / "co.csv"), "--articles", str(tmp_path / "articles.csv"),
            "--sentences", str(tmp_path / "sentences.csv"), "--out", str(tmp_path / "out")]  # fmt: skip
    assert export.main(argv) == 0
    (edge,) = payload((tmp_path / "out" / "graph.html").read_bytes())["edges"]
    assert "“Putin akan menyambut Xi di Moskow.”" in edge["title"]
    (tmp_path / "sentences.csv").unlink()  # a file named on the command line must be there
    assert export.main(argv) == 2


# --- offline, escaped, deterministic ------------------------------------------------------------------


def test_the_page_loads_nothing_from_the_network(small):
    page = graph_html(small).decode("utf-8")
    remote = re.findall(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", page)
    assert remote == []
    assert "<script src" not in page and "<link" not in page
    assert "vis.Network" in page  # vis-network is inlined instead


def test_labels_are_escaped_and_every_entity_and_link_is_in_the_page(small):
    page = graph_html(small)
    data = payload(page)
    assert {n["label"] for n in data["nodes"]} == {d["label"] for _, d in small.nodes(data=True)}
    assert {n["color"] for n in data["nodes"] if n["id"] in ("vladimir-putin", "xi-jinping")} == {"#4e79a7"}
    assert {(e["from"], e["to"]) for e in data["edges"]} == set(small.edges)
    assert b"</script><b>" not in page


def test_the_same_graph_gives_the_same_bytes(small):
    assert graph_html(small) == graph_html(nx.Graph(small))


_DIGEST = """
import hashlib, sys
sys.path.insert(0, {root!r})
from tests.test_html_view import islands
from pipeline.html_view import graph_html
print(hashlib.sha256(graph_html(islands(400))).hexdigest())
"""


def test_the_same_graph_gives_the_same_bytes_in_processes_with_different_set_orders():
    """Layout, backbone and page never depend on set or dict order, which changes with the hash seed (a
    component of fewer than half the nodes, laid out alone, once took its order from a set)."""
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _DIGEST.format(root=str(ROOT))], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        digests.add(done.stdout.strip())
    assert len(digests) == 1
    assert digests == {hashlib.sha256(graph_html(islands(400))).hexdigest()}


def test_the_page_of_the_committed_graph_names_every_entity():
    if not (DATA / "entities.csv").exists():
        pytest.skip("run `make all` first")
    entities = schema.read_table(DATA / "entities.csv", schema.ENTITIES)
    edges = schema.read_table(DATA / "edges.csv", schema.EDGES)
    graph = to_networkx(entities, edges)
    nodes = payload(graph_html(graph))["nodes"]
    assert [n["label"] for n in nodes] == [d["label"] for _, d in graph.nodes(data=True)]


# --- in a real browser (skipped where there is none, as on CI) -----------------------------------------


@pytest.fixture(scope="module")
def browser():
    found = html_check.find_browser()
    if found is None:
        pytest.skip("no chromium (benchmarks/html_check.py is the check to run by hand)")
    return found


def test_chromium_draws_the_page_and_the_search_finds_an_entity_by_alias(browser, tmp_path):
    page = tmp_path / "graph.html"
    page.write_bytes(graph_html(hubs(), aliases={"close-03": ["Close 03", "Mbak Tiga"]}))
    result = html_check.check(page, browser, seconds=10)
    assert result.drew_within(10), result
    assert result.shown == "12 of 312 entities, 12 of 312 links shown"
    found = html_check.check(page, browser, seconds=10, view="find=mbak tiga")
    assert found.drew_within(10)
    assert found.found == "Close 03 (by alias)"
