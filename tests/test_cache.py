"""Per-article caches: a warm cache gives exactly what a cold run gives, and stale entries are never read."""

from pathlib import Path

import pandas as pd
import pytest

from pipeline import schema
from pipeline.cache import ArticleCache, fingerprint
from pipeline.gazetteer import Alias, Gazetteer, read_aliases
from pipeline.normalise import article_fingerprint, normalise
from pipeline.relations import code_fingerprint, extract_relations

ALIASES = Path(__file__).resolve().parents[1] / "data" / "aliases.csv"


def test_a_damaged_entry_is_a_miss_not_an_error(tmp_path):
    cache = ArticleCache(tmp_path, fingerprint(b"v1"))
    key = cache.key("teks")
    cache.put(key, [1, 2])
    next(tmp_path.rglob("*.json")).write_text("{trunc", encoding="utf-8")
    assert cache.get(key) is None
    assert (cache.hits, cache.misses) == (0, 1)


def test_without_a_folder_nothing_is_kept(tmp_path):
    cache = ArticleCache(None, "")
    cache.put(cache.key("teks"), 1)
    assert cache.get(cache.key("teks")) is None


def test_the_fingerprint_changes_with_any_input_file(tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("a\n", encoding="utf-8")
    before = fingerprint(rules, "PySastrawi==1.2.1")
    rules.write_text("b\n", encoding="utf-8")
    assert fingerprint(rules, "PySastrawi==1.2.1") != before


@pytest.fixture(scope="module")
def interim(seed_outputs):
    folder = seed_outputs / "interim"
    return (
        schema.read_table(folder / "articles.csv", schema.ARTICLES),
        schema.read_table(folder / "sentences.csv", schema.SENTENCES),
        schema.read_table(folder / "ner.csv", schema.NER_SPANS),
    )


def test_normalise_from_a_warm_cache_equals_a_run_without_one(interim, tmp_path):
    articles, sentences, spans = interim
    gazetteer = Gazetteer.build(read_aliases(ALIASES))
    expected = normalise(articles, sentences, spans, gazetteer)
    for run in range(2):
        store = ArticleCache(tmp_path, article_fingerprint(gazetteer))
        result = normalise(articles, sentences, spans, gazetteer, store)
        assert (store.hits, store.misses) == ((0, 5) if run == 0 else (5, 0))
        for got, want in zip(result, expected):
            pd.testing.assert_frame_equal(got, want)


def test_an_edited_alias_table_invalidates_the_normalise_cache():
    aliases = read_aliases(ALIASES)
    edited = [*aliases, Alias("Negeri Tirai Bambu", "Tiongkok", "COUNTRY")]
    assert article_fingerprint(Gazetteer.build(edited)) != article_fingerprint(Gazetteer.build(aliases))


def test_relations_from_a_warm_cache_equal_a_run_without_one(interim, seed_outputs, tmp_path):
    articles, sentences, _ = interim
    mentions = schema.read_table(seed_outputs / "mentions.csv", schema.MENTIONS)
    expected = extract_relations(articles, sentences, mentions)
    store = ArticleCache(tmp_path, code_fingerprint())
    extract_relations(articles, sentences, mentions, store=store)
    store = ArticleCache(tmp_path, code_fingerprint())
    warm = extract_relations(articles, sentences, mentions, store=store)
    assert store.hits == 5 and store.misses == 0
    pd.testing.assert_frame_equal(warm, expected)
    # an entity renamed elsewhere in the corpus changes this article's key: recomputed, not read stale
    renamed = mentions.assign(entity_id=mentions["entity_id"].replace("xi-jinping", "xi"))
    store = ArticleCache(tmp_path, code_fingerprint())
    result = extract_relations(articles, sentences, renamed, store=store)
    assert store.misses > 0 and "xi" in set(result["source"]) | set(result["target"])
