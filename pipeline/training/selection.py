"""Choosing models: a candidate is scored on the dev splits and shipped only if it beats the shipped model.

One number decides, the mean entity F1 over the three dev splits (:func:`dev_f1`), for a trained candidate
(``make model``) and an averaged one (``make soup``) alike. Test splits are scored only for the model card
of a candidate already chosen, never for a choice.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

from pipeline.conll import score
from pipeline.ner import CHARLMS, NER_MODEL, PRETRAIN, load_tagger, tag_sentences
from pipeline.training.data import CORPORA, corpus_split

logger = logging.getLogger("pipeline.training.selection")

#: the least rise in mean dev F1 that replaces the shipped model: the last digit every score is reported with.
#: A smaller rise is what one tagging decision moves (one false positive fewer on NER-PROSA dev, the largest
#: split, raises the mean by about 0.00009): no measurable gain, while each model committed adds about 17 MB
#: to the repository's history.
MIN_GAIN = 0.0001


def evaluate_all(
    data_dir: Path, model_dir: Path, splits: tuple[str, ...] = ("dev", "test")
) -> dict[str, dict[str, float]]:
    """Score the model in ``model_dir`` on every corpus's ``splits``, and time the tagging.

    Choices made between models (the greedy soup's) ask for the dev splits alone, so no test split is read
    before the one model shipped is chosen.
    """
    tagger = load_tagger(model_dir)
    results: dict[str, dict[str, float]] = {}
    for corpus in CORPORA:
        for split, index in (("dev", 1), ("test", 2)):
            if split not in splits:
                continue
            sentences = corpus_split(data_dir, corpus, index)
            start = time.perf_counter()
            predicted = tag_sentences(tagger, [s.tokens for s in sentences])
            seconds = time.perf_counter() - start
            result = score([s.tags for s in sentences], predicted)
            result["tokens_per_second"] = sum(len(s.tokens) for s in sentences) / seconds
            results[f"{corpus}/{split}"] = result
            logger.info("%s %s: %s", corpus, split, result)
    return results


def dev_f1(scores: dict[str, dict[str, float]]) -> float:
    """Mean entity F1 over the dev splits: the one number that decides whether a model is shipped."""
    values = [v["f1"] for k, v in scores.items() if k.endswith("/dev")]
    return sum(values) / len(values)


def beats(new: float, old: float) -> bool:
    """Whether mean dev F1 ``new`` is better than ``old`` by enough to count: promotion and soups both ask."""
    return new >= old + MIN_GAIN


def promote(candidate: Path, shipped: Path, data_dir: Path) -> bool:
    """Copy the candidate over the shipped model if it is better on the dev splits; write the model card."""
    new = json.loads((candidate / "model_scores.json").read_text(encoding="utf-8"))
    old_file = shipped / "model_scores.json"
    old = json.loads(old_file.read_text(encoding="utf-8")) if old_file.is_file() else None
    if old is not None and not beats(dev_f1(new), dev_f1(old)):
        logger.info(
            "candidate dev F1 %.5f does not beat shipped %.5f by %s: not promoted",
            dev_f1(new),
            dev_f1(old),
            MIN_GAIN,
        )
        return False
    shipped.mkdir(parents=True, exist_ok=True)
    for name in CHARLMS:  # a model without character language models must not load stale ones
        (shipped / name).unlink(missing_ok=True)
    for name in (NER_MODEL, PRETRAIN, *CHARLMS, "resources.json", "model_scores.json", "training.json"):
        if (candidate / name).is_file():
            shutil.copy(candidate / name, shipped / name)
    from pipeline.training.card import (
        write_card,
    )  # here, not at the top: the card quotes this module's dev_f1

    training = json.loads((candidate / "training.json").read_text(encoding="utf-8"))
    write_card(shipped, new, training, data_dir)
    logger.info("promoted: dev F1 %.5f", dev_f1(new))
    return True


def score_and_promote(candidate: Path, shipped: Path, data_dir: Path) -> bool:
    """Step 4 for any candidate folder, trained or averaged: score every split, keep the scores, maybe promote."""
    scores = evaluate_all(data_dir, candidate)
    (candidate / "model_scores.json").write_text(
        json.dumps(scores, indent=1, sort_keys=True), encoding="utf-8"
    )
    return promote(candidate, shipped, data_dir)
