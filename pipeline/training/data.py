"""Training data: the three shared NER corpora, their splits, and the one training file made of them.

Every sentence is read through :func:`pipeline.conll.read_conll`, so training and scoring see the same
PER/LOC/ORG scheme and the same IOB repairs.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from pipeline.conll import AUXILIARY, Sentence, read_conll, spans

#: corpus folder -> (train, dev, test) file names
CORPORA: dict[str, tuple[str, str, str]] = {
    "idner-news-2k": ("train.txt", "dev.txt", "test.txt"),
    "indonlu-nergrit": ("train.txt", "valid.txt", "test.txt"),
    "indonlu-nerp": ("train.txt", "valid.txt", "test.txt"),
}

#: corpora written in normal case (NER-PROSA is lowercased), used for mention replacement
CASED = ("idner-news-2k", "indonlu-nergrit")


def to_stanza_json(sentences: list[Sentence]) -> list[list[dict[str, str]]]:
    """The JSON document layout ``stanza.models.ner_tagger`` trains on."""
    return [[{"text": t, "ner": g} for t, g in zip(s.tokens, s.tags)] for s in sentences]


def replace_mentions(sentences: list[Sentence], seed: int) -> list[Sentence]:
    """One copy of each sentence with entities, every entity swapped for a random one of the same type.

    Mention replacement (Dai and Adel, COLING 2020): the same contexts with other names teach the tagger to
    read the context, not to remember names, which matters for names it never saw (and for names that
    collide with common tokens, like "Xi" with the numeral XI).

    Example:
        >>> s = Sentence(["Jokowi", "ke", "Bali"], ["B-PER", "O", "B-LOC"])
        >>> replace_mentions([s, Sentence(["Budi", "Santoso"], ["B-PER", "I-PER"])], seed=0)[0]
        Sentence(tokens=['Budi', 'Santoso', 'ke', 'Bali'], tags=['B-PER', 'I-PER', 'O', 'B-LOC'])
    """
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for s in sentences:
        for start, end, label in sorted(spans(s.tags)):
            pool.setdefault(label, []).append(s.tokens[start:end])
    out = []
    for s in sentences:
        found = sorted(spans(s.tags))
        if not found:
            continue
        tokens, tags, position = [], [], 0
        for start, end, label in found:
            tokens += s.tokens[position:start]
            tags += s.tags[position:start]
            name = rng.choice(pool[label])
            tokens += name
            tags += ["B-" + label] + ["I-" + label] * (len(name) - 1)
            position = end
        out.append(Sentence(tokens + s.tokens[position:], tags + s.tags[position:]))
    return out


def corpus_split(data_dir: Path, corpus: str, split: int, keep: tuple[str, ...] = ()) -> list[Sentence]:
    """One split (0 train, 1 dev, 2 test) of one corpus, labels mapped (but those in ``keep``), IOB repaired."""
    return read_conll(data_dir / "ner" / corpus / CORPORA[corpus][split], keep)


def split_sentences(data_dir: Path, split: int, keep: tuple[str, ...] = ()) -> list[Sentence]:
    """All corpora's sentences of one split (0 train, 1 dev, 2 test), corpus order kept."""
    return [s for corpus in CORPORA for s in corpus_split(data_dir, corpus, split, keep)]


def repeat_spec(spec: str) -> tuple[str, int]:
    """``"indonlu-nergrit=3"`` -> ``("indonlu-nergrit", 3)``: the ``--repeat`` argument type.

    Repeating a small corpus gives its annotation conventions (NERGrit tags schools as places, say) more
    weight in the one mixed training file, without touching any dev or test data.
    """
    corpus, _, times = spec.partition("=")
    if corpus not in CORPORA or not times.isdigit() or int(times) < 1:
        raise argparse.ArgumentTypeError(
            f"{spec!r}: expected CORPUS=N with N >= 1 and CORPUS one of {', '.join(CORPORA)}"
        )
    return corpus, int(times)


def unlabelled_text(data_dir: Path) -> list[str]:
    """The non-empty lines of the shared unlabelled text, one tokenised sentence each."""
    lines = (data_dir / "text" / "indonesian-sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


def kept_types(args: argparse.Namespace) -> tuple[str, ...]:
    """The corpus types training keeps as classes of their own: :data:`AUXILIARY` with ``--auxiliary``."""
    return AUXILIARY if args.auxiliary else ()


def training_mix(args: argparse.Namespace) -> list[Sentence]:
    """The one training file: every corpus's training split, its ``--augment`` and ``--repeat`` copies, and the
    ``--silver`` sentences."""
    keep = kept_types(args)
    mix = split_sentences(args.data, 0, keep)
    if args.augment:
        mix += replace_mentions(
            [s for corpus in CASED for s in corpus_split(args.data, corpus, 0, keep)], args.seed
        )
    for corpus, times in args.repeat:
        mix += corpus_split(args.data, corpus, 0, keep) * (times - 1)
    if args.silver:
        mix += read_conll(args.silver, keep)
    return mix
