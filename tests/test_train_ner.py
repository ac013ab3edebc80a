"""Promotion of a trained candidate: only a better one replaces the shipped model, and it replaces it whole."""

import json

from pipeline.ner import CHARLMS
from pipeline.train_ner import promote


def model_folder(folder, dev_f1, charlm):
    folder.mkdir()
    names = ["id_ner.pt", "id_pretrain.pt", *(CHARLMS if charlm else ())]
    for name in names:
        (folder / name).write_bytes(f"{folder.name} {name}".encode())
    (folder / "resources.json").write_text("{}", encoding="utf-8")
    score = {"precision": dev_f1, "recall": dev_f1, "f1": dev_f1, "sentences": 1, "tokens_per_second": 1.0}
    scores = {f"corpus/{split}": score for split in ("dev", "test")}
    (folder / "model_scores.json").write_text(json.dumps(scores), encoding="utf-8")
    training = {"minutes": 1.0, "charlm": str(charlm), "charlm_models": {"hidden": 256, "epochs": 7}}
    (folder / "training.json").write_text(json.dumps(training), encoding="utf-8")
    return folder


def test_a_worse_candidate_is_not_promoted(tmp_path):
    shipped = model_folder(tmp_path / "shipped", 0.8, charlm=False)
    before = {p.name: p.read_bytes() for p in shipped.iterdir()}
    assert not promote(model_folder(tmp_path / "candidate", 0.7, charlm=True), shipped, tmp_path)
    assert {p.name: p.read_bytes() for p in shipped.iterdir()} == before


def test_a_better_candidate_replaces_every_file_and_describes_its_language_models(tmp_path):
    shipped = model_folder(tmp_path / "shipped", 0.7, charlm=False)
    assert promote(model_folder(tmp_path / "candidate", 0.8, charlm=True), shipped, tmp_path)
    assert (shipped / CHARLMS[0]).read_bytes() == b"candidate id_forward_charlm.pt"
    card = (shipped / "README.md").read_text(encoding="utf-8")
    assert "256 hidden units, 7 epochs" in card and "0.8000" in card


def test_a_candidate_without_language_models_leaves_no_stale_ones(tmp_path):
    shipped = model_folder(tmp_path / "shipped", 0.7, charlm=True)
    assert promote(model_folder(tmp_path / "candidate", 0.8, charlm=False), shipped, tmp_path)
    assert not any((shipped / name).exists() for name in CHARLMS)
    assert "character language model" not in (shipped / "README.md").read_text(encoding="utf-8")
