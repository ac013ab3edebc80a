"""The parser's training driver: its data split, promotion rule and model card (no training here)."""

import json
from pathlib import Path

import pytest

from pipeline import parse
from pipeline.training.train_parser import card_markdown, promote, split

UD = Path(__file__).resolve().parents[3] / "shared" / "datasets" / "ud"
SCORES = {"UAS": 0.8, "LAS": 0.7, "UPOS": 0.9, "words": 100}
TRAINING = {
    "train_files": [], "train_sentences": 9, "dev_sentences": 1, "hidden_dim": 200, "tagger_steps": 600,
    "parser_steps": 1200, "max_minutes": 50.0, "seed": 1, "training_minutes": 50.0, "cores": 2,
}  # fmt: skip


def card(las: float) -> dict:
    return {"scores": {"dev": dict(SCORES, LAS=las)}, "words_per_second": 1234, "training": TRAINING}


@pytest.mark.skipif(not UD.is_dir(), reason="needs ../shared/datasets/ud")
def test_every_tenth_training_sentence_is_dev_and_no_test_sentence_is_read():
    train, dev = split(UD)
    assert (len(train), len(dev)) == (1093, 122)
    assert not any(t.sent_id.startswith(("csui-test", "gsd-test")) for t in train + dev)


def test_a_candidate_is_promoted_only_when_its_dev_las_is_better(tmp_path):
    work, models = tmp_path / "work", tmp_path / "models"
    (work / "candidate").mkdir(parents=True)
    models.mkdir()
    for name in (parse.POS_MODEL, parse.PARSER_MODEL):
        (work / "candidate" / name).write_bytes(b"model")
    assert promote(card(0.70), work, models)
    assert json.loads((models / parse.CARD).read_text())["scores"]["dev"]["LAS"] == 0.70
    assert "| dev | 100 | **0.8000** | **0.7000** | 0.9000 |" in (models / "PARSER.md").read_text()
    assert not promote(card(0.70), work, models)
    assert promote(card(0.71), work, models)


def test_the_card_states_its_figures():
    text = card_markdown(card(0.7))
    assert "1,234 words/s" in text
    assert "50 minutes of training on a 2-core CPU" in text
