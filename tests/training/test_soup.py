"""make soup: weight averaging of continued models, the refusals, and the greedy choice on real dev data."""

import copy
import json
import shutil
from pathlib import Path

import pytest
import torch

from pipeline.ner import MODELS_DIR, NER_MODEL, PRETRAIN
from pipeline.training.card import model_card
from pipeline.training.soup import average_checkpoints, check_ingredients, main, soup_record

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"


@pytest.fixture(scope="module")
def shipped():
    return torch.load(MODELS_DIR / NER_MODEL, map_location="cpu", weights_only=False)


def shifted(checkpoint: dict, by: float) -> dict:
    """The checkpoint with ``by`` added to every weight."""
    return {**checkpoint, "model": {k: v + by for k, v in checkpoint["model"].items()}}


def test_the_average_of_two_models_is_their_midpoint_with_the_first_ones_vocab(shipped):
    averaged = average_checkpoints([shifted(shipped, -1.0), shifted(shipped, 3.0)], ["a", "b"])
    for key, weights in shipped["model"].items():
        assert torch.allclose(averaged["model"][key], weights + 1.0, atol=1e-6)
    assert averaged["vocab"] is shipped["vocab"]
    assert averaged["config"] is shipped["config"]


def test_a_model_with_another_vocabulary_is_refused_by_name(shipped):
    other = copy.deepcopy(shipped)
    other["vocab"]["tag"]["_id2unit"] = list(reversed(other["vocab"]["tag"]["_id2unit"]))
    with pytest.raises(ValueError, match="other.pt: its vocabulary differs from shipped.pt's"):
        average_checkpoints([shipped, other], ["shipped.pt", "other.pt"])


def test_a_model_with_other_shapes_is_refused_by_name(shipped):
    other = {**shipped, "model": {**shipped["model"], "tag_clfs.0.bias": torch.zeros(3)}}
    with pytest.raises(ValueError, match="other.pt: its weights differ in name or shape"):
        average_checkpoints([shipped, other], ["shipped.pt", "other.pt"])


def test_ingredients_must_be_model_folders_with_the_same_vectors(tmp_path):
    with pytest.raises(FileNotFoundError, match=f"{tmp_path}: no {NER_MODEL}"):
        check_ingredients([MODELS_DIR, tmp_path])
    (tmp_path / NER_MODEL).write_bytes(b"")
    (tmp_path / PRETRAIN).write_bytes(b"other vectors")
    with pytest.raises(ValueError, match=f"{tmp_path}: its {PRETRAIN} differs"):
        check_ingredients([MODELS_DIR, tmp_path])


def test_the_command_refuses_a_folder_that_is_not_a_model_by_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main([str(MODELS_DIR), str(tmp_path), "--work", str(tmp_path / "work")])
    assert stop.value.code == 2
    assert f"{tmp_path}: no {NER_MODEL}; an ingredient is a model folder" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not (DATA / "ner").is_dir(), reason="shared datasets not present")
def test_a_damaged_ingredient_is_left_out_and_an_equal_soup_is_not_promoted(tmp_path, shipped):
    """Greedy on real dev data: noise that wrecks a model keeps it out; the soup is then the shipped model."""
    good, bad, out = tmp_path / "good", tmp_path / "bad", tmp_path / "out"
    for folder in (good, bad, out):
        shutil.copytree(MODELS_DIR, folder)
    torch.manual_seed(0)
    noisy = {k: v + torch.randn_like(v) for k, v in shipped["model"].items()}
    torch.save({**shipped, "model": noisy}, bad / NER_MODEL)
    main([str(bad), str(good), "--data", str(DATA), "--work", str(tmp_path / "work"), "--out", str(out)])
    soup = torch.load(tmp_path / "work" / "candidate" / NER_MODEL, map_location="cpu", weights_only=False)
    for key, weights in shipped["model"].items():
        assert torch.equal(soup["model"][key], weights)
    assert (out / NER_MODEL).read_bytes() == (MODELS_DIR / NER_MODEL).read_bytes()  # not better: not promoted


def test_the_model_card_names_what_was_averaged_in_and_counts_each_run_once(tmp_path):
    score = {"precision": 0.8, "recall": 0.8, "f1": 0.8, "sentences": 1, "tokens_per_second": 1.0}
    scores = {"corpus/dev": score}
    parent = {"seed": "29", "minutes": 68.6, "max_steps": "40000"}
    twin = {"seed": "37", "init_lr": "0.05", "max_minutes": "46.0", "minutes": 46.0}
    run = {"seed": "41", "minutes": 46.0, "previous": parent, "soup": [parent, twin]}
    card = model_card(scores, run, None, tmp_path)
    assert "with the model it was continued from (seed=29)" in card
    assert "with a run of seed=37, init_lr=0.05, max_minutes=46.0" in card
    assert card.count("68.6 minutes") == 1
    assert "plus 46.0 minutes for the run averaged in" in card


def test_a_soup_of_a_soup_keeps_the_runs_already_averaged_into_it(tmp_path):
    records = {
        "first": {"seed": "41", "soup": [{"seed": "29"}]},
        "second": {"seed": "31"},
    }
    for name, record in records.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "training.json").write_text(json.dumps(record), encoding="utf-8")
    record = soup_record([tmp_path / "first", tmp_path / "second"])
    assert record["seed"] == "41"
    assert [run["seed"] for run in record["soup"]] == ["29", "31"]


def test_the_model_card_of_a_run_continued_from_a_soup_names_what_was_averaged_into_it(tmp_path):
    score = {"precision": 0.8, "recall": 0.8, "f1": 0.8, "sentences": 1, "tokens_per_second": 1.0}
    twin = {"seed": "31", "init_lr": "0.05", "max_minutes": "78.0", "minutes": 55.5}
    soup = {"seed": "41", "minutes": 46.0, "soup": [twin]}
    run = {"seed": "53", "minutes": 50.0, "previous": soup}
    card = model_card({"corpus/dev": score}, run, None, tmp_path)
    assert "with a run of seed=31, init_lr=0.05, max_minutes=78.0" in card
    assert "after 46.0 minutes on a 2-core CPU, plus 55.5 minutes for the run averaged in" in card
