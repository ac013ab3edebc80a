"""Silver training data: the shared unlabelled news text tagged by a committee of models (``make silver``).

Self-training: the labelled corpora hold about 10,000 sentences, while the shared unlabelled text holds
15,600 more of mostly news, the domain the pipeline reads. Tagged by the models already trained, it shows
the tagger many more contexts and names. A committee of several runs is a stronger teacher than any one
of them, and a sentence on which every member finds the same spans is the most likely to be tagged right;
the sentences they disagree on are left out rather than guessed, because a wrong silver tag teaches the
error it holds. ``python -m pipeline.training.train_ner --silver FILE`` adds the result to the training mix.

No dev or test sentence is read here: the committee only tags the unlabelled text, which holds none of them.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pipeline.conll import Sentence, format_conll, spans
from pipeline.ner import NER_MODEL, load_tagger, tag_sentences
from pipeline.schema import atomic_write_bytes
from pipeline.training.data import unlabelled_text

logger = logging.getLogger("pipeline.training.silver")


def agreed(predictions: Sequence[list[str]]) -> list[str] | None:
    """The tags of one sentence if every committee member found the same entity spans, else ``None``.

    Example:
        >>> agreed([["B-PER", "I-PER", "O"], ["B-PER", "I-PER", "O"]])
        ['B-PER', 'I-PER', 'O']
        >>> agreed([["B-PER", "I-PER", "O"], ["B-PER", "O", "O"]]) is None
        True
    """
    first = spans(predictions[0])
    if any(spans(other) != first for other in predictions[1:]):
        return None
    return list(predictions[0])


def committee_tags(sentences: list[list[str]], predictions: Sequence[list[list[str]]]) -> list[Sentence]:
    """The sentences every model tagged alike, with those tags; ``predictions`` holds one list per model."""
    kept = []
    for i, tokens in enumerate(sentences):
        tags = agreed([model[i] for model in predictions])
        if tags is not None:
            kept.append(Sentence(tokens, tags))
    return kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.training.silver", description=__doc__.splitlines()[0]
    )
    parser.add_argument("models", nargs="+", type=Path, help="model folders: the committee (two or more)")
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets"), help="datasets folder")
    parser.add_argument("--out", type=Path, default=Path("build/silver.conll"), help="silver CoNLL file")
    args = parser.parse_args(argv)
    if len(args.models) < 2:
        parser.error("a committee needs at least two models")
    for folder in args.models:  # before minutes of tagging with the others
        if not (folder / NER_MODEL).is_file():
            parser.error(f"{folder}: not a model folder (no {NER_MODEL})")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    sentences = [line.split() for line in unlabelled_text(args.data)]
    predictions = []
    for folder in args.models:
        predictions.append(tag_sentences(load_tagger(folder), sentences))
        logger.info("tagged %d sentences with %s", len(sentences), folder)
    kept = committee_tags(sentences, predictions)
    atomic_write_bytes(args.out, format_conll(kept).encode("utf-8"))
    counts = Counter(label for s in kept for _, _, label in spans(s.tags))
    logger.info(
        "%d of %d sentences tagged alike by all %d models (%.1f%%), written to %s; entities: %s",
        len(kept), len(sentences), len(args.models), 100 * len(kept) / len(sentences), args.out, dict(counts),
    )  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
