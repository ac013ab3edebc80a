"""The shipped dependency parser: loads offline, reproduces its model card, and the relations stage skips what
it should not be given."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from spans import surface_spans

from pipeline import parse
from pipeline.paths import MODELS_DIR
from pipeline.relations.extract import Parser, extract_relations

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
UD = ROOT.parent / "shared" / "datasets" / "ud"
CARD = json.loads((MODELS_DIR / parse.CARD).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parser():
    return parse.load_parser()


def test_the_parser_loads_and_parses_with_the_network_cut(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    (tree,) = parse.parse(parse.load_parser(), [["Prabowo", "bertemu", "Albanese", "di", "Jakarta", "."]])
    assert [w.text for w in tree.words][0] == "Prabowo"
    assert sum(w.head == 0 for w in tree.words) == 1


@pytest.mark.skipif(not UD.is_dir(), reason="needs ../shared/datasets/ud")
def test_evaluate_reproduces_the_model_cards_csui_test_scores():
    done = subprocess.run(
        [sys.executable, "-m", "pipeline.parse", "evaluate", "--json",
         str(UD / "UD_Indonesian-CSUI" / "id_csui-ud-test.conllu")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(done.stdout)
    for name in ("UAS", "LAS", "UPOS"):
        assert scores[name] == pytest.approx(CARD["scores"]["csui_test"][name], abs=0.003), name


def test_the_card_says_what_the_issue_asks(parser):
    for split in ("csui_test", "gsd_test"):
        assert 0.5 < CARD["scores"][split]["LAS"] <= CARD["scores"][split]["UAS"] < 1
    assert set(CARD["files_mb"]) == {parse.POS_MODEL, parse.PARSER_MODEL}


def test_sentences_the_parser_should_not_get_are_skipped_and_counted(parser):
    long_text = " ".join(["Prabowo bertemu Albanese"] * 60) + "."
    odd_text = "Prabowo ☂ ☂ ☂ Albanese ☂ bertemu ☂."
    text = f"{long_text} {odd_text}"
    frame = pd.DataFrame
    second = len(long_text) + 1
    albanese = text.index("Albanese", second)
    counting = Parser(MODELS_DIR)
    found = extract_relations(
        frame({"id": ["a"], "text": [text]}),
        frame({"article": ["a", "a"], "sentence": [0, 1], "start": [0, second], "end": [len(long_text), len(text)]}),
        frame({"article": "a", "sentence": [0, 0, 1, 1], "start": [0, 16, second, albanese],
               "end": [7, 24, second + 7, albanese + 8],
               "type": "PERSON", "entity_id": ["prabowo", "albanese", "prabowo", "albanese"]}),
        parser=counting,
    )  # fmt: skip
    assert counting.skipped == 1  # the 180-token sentence
    assert counting.parsed == 1  # odd characters are parsed, whatever the tree
    assert set(found["relation"]) == {"MEET"}  # the word-order rules still read the long one


def test_parseable_refuses_long_and_letterless_sentences():
    assert parse.parseable(["Prabowo", "datang", "."])
    assert not parse.parseable(["x"] * (parse.MAX_TOKENS + 1))
    assert not parse.parseable(["12", "/", "3", "."])
    assert not parse.parseable(["Prabowo"])


def parsed_relations(text, *mentions):
    """``(source, relation, target, mode)`` found in one sentence with the shipped parser."""
    spans = [
        {"article": "a", "sentence": 0, "start": s, "end": e, "type": kind, "entity_id": entity_id}
        for s, e, kind, entity_id in surface_spans(text, mentions)
    ]
    found = extract_relations(
        pd.DataFrame({"id": ["a"], "text": [text]}),
        pd.DataFrame({"article": ["a"], "sentence": [0], "start": [0], "end": [len(text)]}),
        pd.DataFrame(spans),
        parser=Parser(MODELS_DIR),
    )
    return sorted(map(tuple, found[["source", "relation", "target", "mode"]].values.tolist()))


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        (
            "Pihak Australia menyatakan dukungan terhadap Indonesia.",
            [("Australia", "COUNTRY", "australia"), ("Indonesia", "COUNTRY", "indonesia")],
            [("australia", "SUPPORT", "indonesia", "done")],
        ),
        (
            "Partai Demokrat mendukung sikap dan langkah Prabowo.",
            [("Partai Demokrat", "ORGANISATION", "demokrat"), ("Prabowo", "PERSON", "prabowo")],
            [("demokrat", "SUPPORT", "prabowo", "done")],
        ),
        (
            "Presiden Amerika Serikat (AS) Donald Trump memuji Presiden Prabowo Subianto.",
            [("Amerika Serikat", "COUNTRY", "as"), ("AS", "COUNTRY", "as"), ("Donald Trump", "PERSON", "trump"),
             ("Prabowo Subianto", "PERSON", "prabowo")],
            [("trump", "PRAISE", "prabowo", "done")],
        ),
        (
            "Prabowo, Albanese dan Ishiba akan bertemu di Jakarta.",
            [("Prabowo", "PERSON", "prabowo"), ("Albanese", "PERSON", "albanese"), ("Ishiba", "PERSON", "ishiba"),
             ("Jakarta", "LOCATION", "jakarta")],
            [("albanese", "MEET", "ishiba", "planned"), ("albanese", "MEET", "prabowo", "planned"),
             ("ishiba", "MEET", "prabowo", "planned")],
        ),
    ],
)  # fmt: skip
def test_constructions_word_order_misses_are_read_from_the_parse(text, mentions, expected):
    assert parsed_relations(text, *mentions) == expected
