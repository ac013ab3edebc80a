"""End to end: `make all` on the seeds, as a user runs it, and what they expect to find in the outputs."""

import io
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "data"
CONTRACT_FILES = (
    "mentions.csv", "entities.csv", "resolution.csv", "duplicates.csv", "edges.csv", "edges_by_period.csv",
    "cooccurrences.csv",
    "graph.graphml", "graph.gexf", "graph.html", "relations.csv", "relations.graphml",
)  # fmt: skip


def make(*args, check=True):
    done = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def out(seed_outputs):
    return seed_outputs


@pytest.fixture(scope="module")
def entities(out):
    return pd.read_csv(out / "entities.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def edges(out, entities):
    frame = pd.read_csv(out / "edges.csv")
    types = entities.set_index("entity_id")["type"]
    return frame.assign(source_type=frame["source"].map(types), target_type=frame["target"].map(types))


def entity_id(entities, label):
    (found,) = entities.loc[entities["label"] == label, "entity_id"]
    return found


@pytest.mark.parametrize("name", CONTRACT_FILES)
def test_make_all_reproduces_the_committed_outputs_byte_for_byte(out, name):
    assert (out / name).read_bytes() == (DATA / name).read_bytes()


def test_rerunning_with_nothing_changed_does_no_work(out):
    assert not re.search(r"^\w+: .* in [\d.]+ s$", make("all", f"OUT={out}").stderr, re.MULTILINE)
    # the per-stage rules (`make notebooks`) agree: none of the final outputs is out of date
    final = [str(out / name) for name in ("graph.graphml", "relations.csv", "quotes.csv")]
    assert make("-q", f"OUT={out}", *final, check=False).returncode == 0


def test_every_seed_article_has_mentions(out):
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    assert set(mentions["article"]) == {p.stem for p in SEEDS.glob("*.txt")}


def test_mention_offsets_point_at_the_mention_text(out):
    articles = pd.read_csv(out / "interim" / "articles.csv", keep_default_na=False).set_index("id")["text"]
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False)
    assert all(articles[m.article][m.start : m.end] == m.text for m in mentions.itertuples())


def test_xi_and_putin_are_the_strongest_person_tie(edges, entities):
    people = edges[(edges["source_type"] == "PERSON") & (edges["target_type"] == "PERSON")]
    strongest = people.sort_values("weight", ascending=False).iloc[0]
    pair = {strongest["source"], strongest["target"]}
    assert pair == {entity_id(entities, "Xi Jinping"), entity_id(entities, "Vladimir Putin")}


def test_china_and_russia_are_a_strong_country_tie(edges, entities):
    countries = edges[(edges["source_type"] == "COUNTRY") & (edges["target_type"] == "COUNTRY")]
    top = countries.sort_values("weight", ascending=False).head(3)
    pairs = [{s, t} for s, t in zip(top["source"], top["target"])]
    assert {entity_id(entities, "Tiongkok"), entity_id(entities, "Rusia")} in pairs


def test_china_however_written_is_one_country(entities):
    china = entities[entities["label"] == "Tiongkok"].iloc[0]
    assert china["type"] == "COUNTRY"
    assert {"China", "Tiongkok"} <= set(china["aliases"].split("|"))


def test_wang_yi_and_wang_wenbin_are_two_people(entities):
    people = entities[entities["type"] == "PERSON"]["label"].tolist()
    assert "Wang Yi" in people and "Wang Wenbin" in people


def test_graph_has_no_self_loops_and_no_duplicate_labels(out):
    graph = nx.read_graphml(out / "graph.graphml")
    assert nx.number_of_selfloops(graph) == 0
    labels = [d["label"] for _, d in graph.nodes(data=True)]
    assert len(labels) == len(set(labels))


def test_graphml_opens_in_igraph_with_labels_types_and_weights(out):
    import igraph

    graph = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert {"label", "type", "mentions", "articles"} <= set(graph.vs.attributes())
    assert {"weight", "articles"} <= set(graph.es.attributes())
    assert set(graph.vs["type"]) <= {"PERSON", "COUNTRY", "ORGANISATION"}


def test_dask_executor_gives_byte_identical_outputs_and_says_where_it_ran(out, tmp_path):
    done = make("all", f"OUT={tmp_path}", "EXECUTOR=dask")
    assert re.search(
        r"\(5 tagged on the dask local cluster tcp://\S+ with 2 workers, 0 cached\)", done.stderr
    )
    for name in CONTRACT_FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_adding_an_article_computes_only_it_and_gives_the_outputs_of_a_full_run(out, tmp_path):
    seeds, target = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(SEEDS, seeds)
    held = sorted(seeds.glob("*.txt"))[-1]
    text = held.read_bytes()
    held.unlink()
    make("all", f"SEEDS={seeds}", f"OUT={target}")
    held.write_bytes(text)
    done = make("all", f"SEEDS={seeds}", f"OUT={target}")
    assert "(1 tagged in this process, 4 cached)" in done.stderr
    assert "1 articles normalised, 4 cached" in done.stderr
    for name in CONTRACT_FILES:
        assert (target / name).read_bytes() == (out / name).read_bytes(), name


def broken_seeds(folder: Path) -> Path:
    """The five seeds next to every kind of bad file a real dump holds."""
    folder.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes(
        "Kafé di Bandung menjual kopi dengan harga murah dan enak.".encode("cp1252")
    )
    (folder / "bom_crlf.txt").write_bytes(b"\xef\xbb\xbfHujan turun di kota itu.\r\nWarga tetap bekerja.\r\n")
    (folder / "pasted.txt").write_text("<html><script>var x=1;</script><p>Harga beras naik lagi.</p></html>")
    (folder / "rows.csv").write_text('id,text\nc1,"Harga cabai naik."\nc2,a,b,c\n', encoding="utf-8")
    (folder / "lines.jsonl").write_text('{"id": "j1", "text": "Pasar ramai."}\n{bad json\n', encoding="utf-8")
    (folder / "dup.jsonl").write_text(
        '{"id": "000_d258bb2581b52854", "text": "Ulang id."}\n', encoding="utf-8"
    )
    (folder / "english.txt").write_text("The market was busy today and prices went up again for everyone.")
    return folder


def test_broken_files_beside_the_seeds_leave_the_seed_entities_unchanged(out, tmp_path):
    seeds = broken_seeds(tmp_path / "seeds")
    done = make("all", f"SEEDS={seeds}", f"OUT={tmp_path / 'out'}")
    assert "Traceback" not in done.stderr
    for name in ("empty.txt", "binary.txt", "latin1.txt", "rows.csv:3", "lines.jsonl:2", "dup.jsonl"):
        assert name in done.stderr
    columns = ["article", "start", "end", "text", "type", "entity_id"]
    clean = pd.read_csv(out / "mentions.csv", keep_default_na=False)[columns]
    broken = pd.read_csv(tmp_path / "out" / "mentions.csv", keep_default_na=False)[columns]
    broken = broken[broken["article"].isin(set(clean["article"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(broken, clean)


def test_a_killed_run_leaves_the_previous_outputs_whole_and_the_next_run_recovers(out, tmp_path):
    seeds, target = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(SEEDS, seeds)
    shutil.copytree(out, target)
    before = {name: (target / name).read_bytes() for name in CONTRACT_FILES}
    with open(seeds / "000_d258bb2581b52854.txt", "a", encoding="utf-8") as handle:
        handle.write("Presiden Joko Widodo juga menelepon Presiden Emmanuel Macron.\n")
    ingested = target / "interim" / "articles.csv"
    written = ingested.stat().st_mtime_ns
    run = subprocess.Popen(
        ["make", "all", f"SEEDS={seeds}", f"OUT={target}"], cwd=ROOT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while ingested.stat().st_mtime_ns == written and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)  # ingest is done: the NER stage is importing torch and loading the model
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    assert {name: (target / name).read_bytes() for name in CONTRACT_FILES} == before
    make("all", f"SEEDS={seeds}", f"OUT={target}")
    mentions = pd.read_csv(target / "mentions.csv", keep_default_na=False)
    assert "Joko Widodo" in set(mentions["text"])
    assert nx.read_graphml(io.BytesIO((target / "graph.graphml").read_bytes())).number_of_nodes() > 0
