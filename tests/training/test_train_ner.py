"""make model: promotion only of a better candidate, the training-mix options, and the training clock."""

import json
import shutil
import time
from pathlib import Path

import pytest
import torch

from pipeline.conll import Sentence
from pipeline.ner import CHARLMS, MODELS_DIR, NER_MODEL, PRETRAIN
from pipeline.training.data import corpus_split, to_stanza_json, training_mix
from pipeline.training.selection import promote
from pipeline.training.tagger import train_tagger
from pipeline.training.train_ner import build_parser, main

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "datasets"


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


def test_a_candidate_better_by_less_than_the_least_reported_digit_is_not_promoted(tmp_path):
    shipped = model_folder(tmp_path / "shipped", 0.83147, charlm=False)
    assert not promote(model_folder(tmp_path / "candidate", 0.83151, charlm=False), shipped, tmp_path)
    assert (shipped / "id_ner.pt").read_bytes() == b"shipped id_ner.pt"


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


def test_the_card_names_silver_data_of_any_run_the_model_holds(tmp_path):
    shipped = model_folder(tmp_path / "shipped", 0.6, charlm=False)
    assert promote(model_folder(tmp_path / "plain", 0.7, charlm=False), shipped, tmp_path)
    assert "silver" not in (shipped / "README.md").read_text(encoding="utf-8")
    candidate = model_folder(tmp_path / "candidate", 0.8, charlm=False)
    training = json.loads((candidate / "training.json").read_text(encoding="utf-8"))
    training["previous"] = {"minutes": 2.0, "silver": "build/silver5.conll"}
    training["soup"] = [{"minutes": 3.0, "previous": {"minutes": 4.0, "silver": "build/silver6.conll"}}]
    (candidate / "training.json").write_text(json.dumps(training), encoding="utf-8")
    assert promote(candidate, shipped, tmp_path)
    card = (shipped / "README.md").read_text(encoding="utf-8")
    assert (
        "(silver tags, `python -m pipeline.training.silver`: `build/silver5.conll`, `build/silver6.conll`)"
        in card
    )


def test_repeat_names_a_corpus_and_how_often(tmp_path):
    args = build_parser().parse_args(["--repeat", "indonlu-nergrit=3", "--repeat", "idner-news-2k=1"])
    assert args.repeat == [("indonlu-nergrit", 3), ("idner-news-2k", 1)]


@pytest.mark.parametrize("spec", ["nergrit=3", "indonlu-nergrit=0", "indonlu-nergrit", "indonlu-nergrit=x"])
def test_a_bad_repeat_is_refused_with_its_text(spec, capsys):
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["--repeat", spec])
    assert stop.value.code == 2
    assert repr(spec) in capsys.readouterr().err


SENTENCES = [
    Sentence(
        ["Presiden", "Joko", "Widodo", "tiba", "di", "Bandung", "."],
        ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"],
    ),
    Sentence(
        ["Bank", "Indonesia", "menaikkan", "suku", "bunga", "."], ["B-ORG", "I-ORG", "O", "O", "O", "O"]
    ),
    Sentence(
        ["Sri", "Mulyani", "berbicara", "di", "Jakarta", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    ),
    Sentence(
        ["Warga", "Surabaya", "menolak", "rencana", "Pertamina", "."], ["O", "B-LOC", "O", "O", "B-ORG", "O"]
    ),
]


def stanza_training_files(work: Path) -> None:
    """A tiny train/dev pair and the shipped vectors: what train_tagger expects in its work folder."""
    work.mkdir()
    for name in ("train", "dev"):
        (work / f"{name}.json").write_text(json.dumps(to_stanza_json(SENTENCES * 4)), encoding="utf-8")
    shutil.copy(MODELS_DIR / PRETRAIN, work / PRETRAIN)


@pytest.mark.slow
def test_the_clock_stops_tagger_training_and_keeps_the_best_checkpoint(tmp_path):
    """--max-minutes: the trainer is stopped mid-run and what it saved last is a whole, loadable model."""
    work = tmp_path / "work"
    stanza_training_files(work)
    minutes = 0.4
    args = build_parser().parse_args(
        ["--max-steps", "100000", "--max-steps-no-improve", "100000", "--eval-interval", "1",
         "--max-minutes", str(minutes), "--tagger-arg=--lr_decay=0"]
    )  # fmt: skip
    start = time.monotonic()
    model = train_tagger(work, args)
    assert minutes * 60 <= time.monotonic() - start < minutes * 60 + 30
    checkpoint = torch.load(model, map_location="cpu", weights_only=False)
    assert set(checkpoint) >= {"model", "vocab", "config"}


@pytest.mark.slow
def test_a_continued_model_trains_at_the_learning_rate_and_with_the_optimiser_it_is_given(tmp_path):
    """stanza would restart a loaded model with the rate and optimiser saved in it; --init-lr and --init-optim
    are what the optimiser really gets."""
    work = tmp_path / "work"
    stanza_training_files(work)
    args = build_parser().parse_args(
        ["--work", str(work), "--init-from", str(MODELS_DIR), "--init-lr", "0.003", "--init-optim", "adam",
         "--max-steps", "2", "--eval-interval", "1"]
    )  # fmt: skip
    saved = torch.load(MODELS_DIR / NER_MODEL, map_location="cpu", weights_only=False)["config"]
    assert (saved["lr"], saved["optim"]) != (0.003, "adam")
    model = train_tagger(work, args)
    continued = torch.load(model, map_location="cpu", weights_only=False)
    assert (continued["config"]["lr"], continued["config"]["optim"]) == (0.003, "adam")
    shipped = torch.load(MODELS_DIR / NER_MODEL, map_location="cpu", weights_only=False)
    assert shipped["config"] == saved  # the shipped file itself is left as it was
    assert continued["vocab"]["tag"] == shipped["vocab"]["tag"]


def test_init_lr_without_a_model_to_continue_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--init-lr", "0.01"])
    assert stop.value.code == 2
    assert "--init-lr continues a model: it needs --init-from" in capsys.readouterr().err


def test_another_optimiser_without_a_rate_for_it_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--init-from", str(MODELS_DIR), "--init-optim", "adam"])
    assert stop.value.code == 2
    assert "--init-optim needs --init-lr" in capsys.readouterr().err


@pytest.mark.skipif(not (DATA / "ner").is_dir(), reason="shared datasets not present")
def test_the_training_mix_follows_augment_repeat_and_auxiliary():
    def mix(*options):
        return training_mix(build_parser().parse_args(["--data", str(DATA), *options]))

    def types(sentences):
        return {tag[2:] for s in sentences for tag in s.tags if tag != "O"}

    plain, auxiliary = mix(), mix("--auxiliary")
    assert types(plain) == {"PER", "LOC", "ORG"}
    assert types(auxiliary) == {"PER", "LOC", "ORG", "EVT", "FNB"}
    assert [s.tokens for s in auxiliary] == [s.tokens for s in plain]
    nergrit = corpus_split(DATA, "indonlu-nergrit", 0)
    assert mix("--repeat", "indonlu-nergrit=3")[len(plain) :] == nergrit * 2
    augmented = mix("--augment")[len(plain) :]
    assert augmented and all(types([s]) for s in augmented)  # one copy of each cased sentence with entities


@pytest.mark.skipif(not (DATA / "ner").is_dir(), reason="shared datasets not present")
def test_silver_sentences_join_the_training_mix(tmp_path):
    silver = tmp_path / "silver.conll"
    silver.write_text("Jokowi\tB-PER\nke\tO\nBali\tB-LOC\n\nhujan\tO\n\n", encoding="utf-8")
    plain = training_mix(build_parser().parse_args(["--data", str(DATA)]))
    mixed = training_mix(build_parser().parse_args(["--data", str(DATA), "--silver", str(silver)]))
    assert mixed[len(plain) :] == [
        Sentence(["Jokowi", "ke", "Bali"], ["B-PER", "O", "B-LOC"]),
        Sentence(["hujan"], ["O"]),
    ]
