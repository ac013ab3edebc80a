"""CoNLL-style NER files: reading, label mapping to PER/LOC/ORG, IOB repair, entity scoring.

The three shared corpora each use their own label names and some contain broken IOB (an ``I-`` tag
after ``O``). Training, tagging and evaluation all go through this module so that one mapping and one
repair rule apply everywhere.

Example:
    >>> repair_iob(["O", "I-PER", "I-PER", "B-LOC", "I-ORG"])
    ['O', 'B-PER', 'I-PER', 'B-LOC', 'B-ORG']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Corpus label -> project label. EVT (events) and FNB (food and beverage) of NER-PROSA become O:
#: none of the other corpora marks them, the graph has no use for them, and the targets score them as O.
LABEL_MAP: dict[str, str | None] = {
    "PER": "PER",
    "PERSON": "PER",
    "PPL": "PER",
    "LOC": "LOC",
    "PLACE": "LOC",
    "PLC": "LOC",
    "GPE": "LOC",
    "ORG": "ORG",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "IND": "ORG",
    "EVT": None,
    "FNB": None,
    "MISC": None,
}

#: Types that only NER-PROSA marks (events, food and beverage). Reading maps them to O unless a caller keeps
#: them: a model trained with them as classes of their own need not learn "Piala Dunia" or "Indomie" as O
#: beside look-alike names it must tag ORG or LOC; its tags for them are dropped when tagging.
AUXILIARY = ("EVT", "FNB")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a CoNLL file: tokens and their (mapped, repaired) IOB tags."""

    tokens: list[str]
    tags: list[str]


def map_tag(tag: str, keep: Collection[str] = ()) -> str:
    """Map one corpus tag (``B-PPL``, ``I-PLACE``, ``E-ORG`` ...) to B-/I- PER/LOC/ORG, a kept type, or ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    mapped = label.upper() if label.upper() in keep else LABEL_MAP.get(label.upper())
    if mapped is None:
        return "O"
    return ("B-" if prefix.upper() in ("B", "S") else "I-") + mapped


def repair_iob(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` span into ``B-X``."""
    fixed: list[str] = []
    previous = "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def parse_conll(lines: Iterable[str], keep: Collection[str] = ()) -> Iterator[Sentence]:
    """Sentences from CoNLL lines: token first column, tag last, blank line between sentences.

    Columns may be separated by tabs or spaces; ``-DOCSTART-`` lines are skipped. A line with a single
    column is a token without a tag (tagged ``O``), so the same reader serves unlabelled input. Types in
    ``keep`` (see :data:`AUXILIARY`) stay as they are instead of being mapped.
    """
    tokens: list[str] = []
    tags: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if not line.strip():
            if tokens:
                yield Sentence(tokens, repair_iob([map_tag(t, keep) for t in tags]))
                tokens, tags = [], []
            continue
        fields = line.split("\t") if "\t" in line else line.split()
        if fields[0].startswith("-DOCSTART-"):
            continue
        tokens.append(fields[0])
        tags.append(fields[-1] if len(fields) > 1 else "O")
    if tokens:
        yield Sentence(tokens, repair_iob([map_tag(t, keep) for t in tags]))


def read_conll(path: Path, keep: Collection[str] = ()) -> list[Sentence]:
    """All sentences of a CoNLL file (see :func:`parse_conll`)."""
    with open(path, encoding="utf-8") as handle:
        return list(parse_conll(handle, keep))


def format_conll(sentences: Iterable[Sentence]) -> str:
    r"""``token<TAB>tag`` lines with a blank line after each sentence: what :func:`parse_conll` reads back.

    Example:
        >>> format_conll([Sentence(["di", "Bali"], ["O", "B-LOC"])])
        'di\tO\nBali\tB-LOC\n\n'
    """
    return "".join(
        "".join(f"{token}\t{tag}\n" for token, tag in zip(s.tokens, s.tags)) + "\n" for s in sentences
    )


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end_exclusive, label)`` of an IOB sequence, seqeval-style.

    Example:
        >>> sorted(spans(["B-PER", "I-PER", "O", "B-LOC"]))
        [(0, 2, 'PER'), (3, 4, 'LOC')]
    """
    found: set[tuple[int, int, str]] = set()
    start, label = None, None
    for i, tag in enumerate([*repair_iob(tags), "O"]):
        if label is not None and not (tag.startswith("I-") and tag[2:] == label):
            found.add((start, i, label))
            start, label = None, None
        if tag.startswith("B-"):
            start, label = i, tag[2:]
    return found


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, float]:
    """Entity-level micro precision, recall and F1 over sentences (exact span and label match)."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    tp = n_gold = n_pred = 0
    for g, p in zip(gold, predicted):
        gs, ps = spans(g), spans(p)
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "sentences": len(gold)}
