"""The shipped NER model: loads from the repo alone, tags real sentences, round-trips through CoNLL."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.cache import ArticleCache
from pipeline.conll import read_conll, spans
from pipeline.ner import (
    MODELS_DIR,
    NER_MODEL,
    PRETRAIN,
    bioes_to_iob,
    cache_tags,
    cached_tags,
    load_tagger,
    tag_articles,
    tag_sentences,
)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tagger():
    return load_tagger()


def entities(tokens, tags):
    return sorted((" ".join(tokens[a:b]), label) for a, b, label in spans(tags))


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "Presiden Vladimir Putin bertemu Xi Jinping di Beijing .",
            marks=pytest.mark.xfail(
                strict=True,
                reason="known model error: 'Jinping' is in no training file and 'xi' is the numeral XI in the "
                "vectors; the normalise stage recovers Xi from other mentions "
                "(pipeline/models/HISTORY.md, Known errors)",
            ),
        ),
        "Presiden Vladimir Putin bertemu Narendra Modi di Beijing .",
        "Presiden Joko Widodo bertemu Li Qiang di Beijing .",
    ],
)
def test_a_meeting_in_beijing_has_two_people_and_a_place(tagger, sentence):
    tokens = sentence.split()
    (tags,) = tag_sentences(tagger, [tokens])
    found = entities(tokens, tags)
    assert [label for _, label in found].count("PER") == 2
    assert ("Beijing", "LOC") in found


def test_article_offsets_point_at_the_tagged_words(tagger):
    text = (
        "Pemimpin China Xi Jinping akan mengunjungi Rusia.\nIni kunjungan pertama Xi ke Moskow sejak invasi."
    )
    (result,) = tag_articles(tagger, [text])
    assert len(result.sentences) == 2
    assert all(text[start:end].strip() == text[start:end] for _, start, end, _ in result.spans)
    assert ("Rusia", "LOC") in [(text[start:end], label) for _, start, end, label in result.spans]
    assert all(
        result.sentences[i][0] <= start < end <= result.sentences[i][1] for i, start, end, _ in result.spans
    )
    assert "Moskow" in [text[start:end] for i, start, end, _ in result.spans if i == 1]


def test_types_outside_per_loc_org_are_not_output():
    # a model trained with --auxiliary knows events and food; the pipeline has no place for them
    assert bioes_to_iob(["B-EVT", "E-EVT", "S-FNB", "S-ORG"]) == ["O", "O", "O", "B-ORG"]


def test_bioes_becomes_iob():
    assert bioes_to_iob(["S-LOC", "B-PER", "I-PER", "E-PER", "O"]) == [
        "B-LOC",
        "B-PER",
        "I-PER",
        "I-PER",
        "O",
    ]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "pipeline.ner", *args], cwd=ROOT, capture_output=True, text=True
    )


CONLL = "Presiden\tO\nJoko\tB-PER\nWidodo\tI-PER\nke\tO\nJakarta\tB-LOC\n.\tO\n\nKremlin\tB-ORG\nmenolak\tO\n.\tO\n"


@pytest.mark.slow
def test_tag_prints_every_token_with_a_tag_and_keeps_sentence_breaks(tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(CONLL, encoding="utf-8")
    done = run("tag", str(source))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split("\n")
    expected = [row.split("\t")[0] for row in CONLL.split("\n") if row]
    assert [line.split("\t")[0] for line in lines if line] == expected
    assert lines[6] == ""  # the sentence break
    assert all(line.split("\t")[1][:2] in ("O", "B-", "I-") for line in lines if line)


@pytest.mark.slow
def test_evaluate_scores_tag_output_as_perfect_against_itself(tmp_path):
    source = tmp_path / "in.conll"
    source.write_text(CONLL, encoding="utf-8")
    tagged = tmp_path / "tagged.conll"
    tagged.write_text(run("tag", str(source)).stdout, encoding="utf-8")
    done = run("evaluate", str(tagged), "--json")
    result = json.loads(done.stdout.strip().split("\n")[-1])
    assert result["sentences"] == 2
    assert result["f1"] == 1.0 or not any(t != "O" for s in read_conll(tagged) for t in s.tags)


@pytest.mark.slow
def test_evaluate_of_a_missing_file_says_so_without_traceback(tmp_path):
    done = run("evaluate", str(tmp_path / "nope.conll"))
    assert done.returncode == 2
    assert "nope.conll" in done.stderr and "Traceback" not in done.stderr


def test_cache_returns_what_was_stored_and_misses_for_another_model(tmp_path, tagger):
    text = "Xi Jinping tiba di Moskow."
    (result,) = tag_articles(tagger, [text])
    cache_tags(ArticleCache(tmp_path, "model-a"), text, result)
    assert cached_tags(ArticleCache(tmp_path, "model-a"), text) == result
    assert cached_tags(ArticleCache(tmp_path, "model-b"), text) is None


def test_the_shipped_model_files_unpickle_to_the_same_values_in_full_as_restricted():
    """The NER stage reads the repository's own model files with torch's full unpickler (faster,
    pipeline/local_stanza.trusting_load); what it reads must be what the restricted one reads."""
    import torch

    def same(a, b) -> bool:
        if isinstance(a, torch.Tensor):
            return isinstance(b, torch.Tensor) and torch.equal(a, b)
        if isinstance(a, dict):
            return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list | tuple):
            return type(a) is type(b) and len(a) == len(b) and all(map(same, a, b))
        return a == b

    for name in (NER_MODEL, PRETRAIN):
        full = torch.load(MODELS_DIR / name, map_location="cpu", weights_only=False)
        restricted = torch.load(MODELS_DIR / name, map_location="cpu", weights_only=True)
        assert same(full, restricted), name
