"""Duplicate and near-duplicate stories: found by MinHash LSH, confirmed by exact Jaccard, grouped, reported."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline import normalise, schema, stories
from pipeline.dates import iso_days
from pipeline.stories import duplicates, shingles, similar_pairs, story_of

ROOT = Path(__file__).resolve().parents[1]
DETIK = ROOT.parent / "shared" / "datasets" / "news" / "detik-2025" / "articles.jsonl"

# A real wire story (seed article 001, first paragraphs), and a rewrite that changes one clause.
STORY = (
    "Presiden Rusia Vladimir Putin menerima kunjungan Presiden China Xi Jinping di Kremlin, Moskow, pada Senin "
    "(20/3/2023). Kedua pemimpin membahas kerja sama ekonomi, energi dan situasi di Ukraina. Xi menyebut "
    "hubungan kedua negara sebagai kemitraan strategis yang komprehensif untuk era baru. Putin mengatakan "
    "Rusia menyambut baik rencana perdamaian yang diajukan Beijing untuk mengakhiri perang di Ukraina. "
    "Pertemuan itu berlangsung selama lebih dari empat jam dan dilanjutkan dengan jamuan makan malam resmi "
    "di istana kepresidenan. Para pengamat menilai kunjungan ini menunjukkan dukungan China kepada Rusia "
    "di tengah sanksi negara-negara Barat yang terus bertambah sejak invasi dimulai pada Februari tahun lalu."
)
REWRITE = STORY.replace("selama lebih dari empat jam", "hampir lima jam")
OTHER = (
    "Harga beras di Pasar Induk Cipinang naik lagi pekan ini. Pedagang menyebut pasokan dari Jawa Tengah "
    "berkurang karena panen mundur, sementara permintaan menjelang akhir tahun meningkat. Bulog berjanji "
    "menggelar operasi pasar di sejumlah kota untuk menahan kenaikan harga lebih lanjut."
)


def articles(rows):
    return pd.DataFrame(rows, columns=["id", "date", "text"])


def test_the_same_text_published_twice_is_one_story_led_by_the_earliest_article():
    table = duplicates(articles([
        ("b", "2025-10-21T08:00", STORY), ("a", "2025-10-22", STORY), ("c", "2025-10-20", OTHER),
    ]))  # fmt: skip
    assert table.to_dict("records") == [
        {"article": "a", "story": "b", "similarity": 1.0},
        {"article": "b", "story": "b", "similarity": 1.0},
    ]


def test_without_dates_the_smallest_id_leads_and_an_undated_copy_never_leads_a_dated_one():
    table = duplicates(articles([("z", "", STORY), ("y", "", STORY), ("x", "10/21/2025 20:43", STORY)]))
    assert set(table["story"]) == {"x"}  # a date that is not ISO is no date: x wins on its id
    table = duplicates(articles([("a", "", STORY), ("b", "2025-10-22", STORY)]))
    assert set(table["story"]) == {"b"}


def test_a_lightly_rewritten_copy_is_folded_with_its_similarity_and_another_story_is_not():
    table = duplicates(articles([("a", "", STORY), ("b", "", REWRITE), ("c", "", OTHER)]))
    assert table["article"].tolist() == ["a", "b"]
    similarity = table.set_index("article")["similarity"]
    assert similarity["a"] == 1.0 and 0.8 <= similarity["b"] < 1.0


def test_only_the_exact_jaccard_decides_so_an_lsh_false_positive_never_folds_two_stories(monkeypatch):
    """Feed a candidate pair that shares half its shingles: verification must reject it."""
    half = STORY[: len(STORY) // 2]
    sets = {"a": shingles(STORY), "b": shingles(half + " " + OTHER)}
    monkeypatch.setattr(stories, "candidate_pairs", lambda sets, store: [("a", "b")])
    assert 0.2 < stories.jaccard(sets["a"], sets["b"]) < 0.8
    assert similar_pairs(sets) == []


def test_lsh_proposes_every_pair_above_the_threshold_on_many_articles():
    """The banding is tuned well below 0.8: no true pair among 200 articles is missed (recall, not luck)."""
    words = OTHER.split() + STORY.split()
    texts = {f"n{i:03d}": " ".join(words[i % 40 :] + words[: i % 40]) + f" nomor {i}" for i in range(200)}
    texts["copy"] = texts["n007"]
    sets = {k: shingles(v) for k, v in texts.items()}
    pairs = {(a, b) for a, b, _ in similar_pairs(sets)}
    expected = {
        (a, b) for a in sets for b in sets if a < b and stories.jaccard(sets[a], sets[b]) >= stories.THRESHOLD
    }
    assert ("copy", "n007") in expected and pairs == expected


def test_groups_are_transitive():
    """a ~ b and b ~ c make one story even when a and c are below the threshold."""
    words = STORY.split()
    a = " ".join(words)
    b = " ".join(words[:-6] + ["kata", "juru", "bicara", "Kremlin", "Dmitry", "Peskov"])
    c = " ".join(words[:-12] + ["kata", "juru", "bicara", "Kremlin", "Dmitry", "Peskov"] * 2)
    table = duplicates(articles([("a", "", a), ("b", "", b), ("c", "", c)]))
    assert stories.jaccard(shingles(a), shingles(c)) < stories.THRESHOLD
    assert table["story"].tolist() == ["a", "a", "a"]


def test_empty_and_distinct_texts_give_an_empty_report_with_its_columns():
    table = duplicates(articles([("a", "", ""), ("b", "", ""), ("c", "", OTHER)]))
    assert table.empty and list(table.columns) == list(schema.DUPLICATES)


def test_story_of_maps_duplicates_to_their_representative_and_others_to_themselves():
    table = duplicates(articles([("a", "", STORY), ("b", "", STORY)]))
    assert story_of(pd.Series(["a", "b", "c"]), table).tolist() == ["a", "a", "c"]


def test_iso_days_and_the_entity_dates_of_normalise_follow_one_rule():
    dates = ["2025-10-21T08:00", "2025-10-20", "10/21/2025 20:43", "2025-02-30", "", "2025-10-2"]
    expected = ["2025-10-21", "2025-10-20", "", "", "", ""]
    assert iso_days(pd.Series(dates)).tolist() == expected
    ids = [f"a{i}" for i in range(len(dates))]
    frame = pd.DataFrame({"key": [f"e{i}" for i in range(len(dates))], "article": ids, "text": "X"})
    attributes = pd.DataFrame(
        {"label": "X", "type": "PERSON", "qid": ""}, index=pd.Index(frame["key"], name="key")
    )
    table = normalise._entities_table(frame, attributes, pd.DataFrame({"id": ids, "date": dates}))
    assert table["first_seen"].tolist() == expected and table["last_seen"].tolist() == expected


def test_the_stage_writes_the_report_says_what_it_folded_and_repeats_byte_for_byte(tmp_path, capsys):
    frame = articles([("a", "", STORY), ("b", "", STORY), ("c", "", REWRITE), ("d", "", OTHER)])
    for column in ("source", "title", "url", "file"):
        frame[column] = ""
    schema.write_table(tmp_path / "articles.csv", frame, schema.ARTICLES)
    argv = ["--articles", str(tmp_path / "articles.csv"), "--out", str(tmp_path / "duplicates.csv")]
    argv += ["--cache", str(tmp_path / "cache")]
    assert stories.main(argv) == 0
    summary = capsys.readouterr().err
    assert "4 articles: 2 folded into 1 stories" in summary
    assert "3 signatures computed, 1 cached" in summary  # a and b are the same text
    first = (tmp_path / "duplicates.csv").read_bytes()
    assert first.decode().splitlines()[0] == "article,story,similarity"
    assert stories.main(argv) == 0
    assert "0 signatures computed, 4 cached" in capsys.readouterr().err
    assert (tmp_path / "duplicates.csv").read_bytes() == first
    assert stories.main([*argv, "--threshold", "1.5"]) == 2
    assert "--threshold must be in (0, 1]" in capsys.readouterr().err


@pytest.mark.skipif(not DETIK.exists(), reason="needs ../shared/datasets/news/detik-2025")
def test_on_detik_2025_every_repeated_crawl_is_one_story_and_a_rewrite_is_caught():
    """502 articles; 40 pages crawled two to four times (same url, same text) and a story rewritten with
    added paragraphs (dt0492, dt0494: Jaccard 0.80 before boilerplate removal)."""
    corpus = pd.read_json(DETIK, lines=True, dtype=False)[["id", "date", "url", "text"]].astype(str)
    table = duplicates(corpus.assign(date=""))
    story = story_of(corpus["id"], table)
    repeated = corpus[corpus.duplicated(["url", "text"], keep=False)]
    assert repeated["url"].nunique() == 40
    assert (story[repeated.index].groupby(repeated["url"]).nunique() == 1).all()
    assert story_of(pd.Series(["dt0492", "dt0494"]), table).nunique() == 1
    assert table["story"].nunique() >= 40
