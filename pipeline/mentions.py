"""A mention inside one article, and the few operations on mentions that every step of normalisation uses.

Example:
    >>> text = "Presiden Xi Jinping"
    >>> [text[m.start : m.end] for m in select([Mention(9, 11, "Xi"), Mention(9, 19, "Xi Jinping", "PER")])]
    ['Xi Jinping']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.gazetteer import Known

_WORD = re.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?–—-"


@dataclass(frozen=True)
class Mention:
    """A mention inside one article; ``name`` is the entity's name as resolved so far."""

    start: int
    end: int
    name: str
    label: str | None = None  # NER label (PER/LOC/ORG); None where a rule found it
    known: Known | None = None


def words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Whitespace-separated words of ``text[start:end]`` as absolute offsets."""
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets with whitespace and surrounding punctuation (quotes, brackets) removed."""
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
        end -= 1
    return start, end


def select(candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longer first, then model spans before rule spans, then leftmost.

    The characters taken so far are marked in a byte array, so a candidate costs its own length, not a
    comparison with every mention taken: selection is linear in the article, not quadratic.
    """
    ranked = sorted(candidates, key=lambda m: (-(m.end - m.start), m.label is None, m.start))
    covered = bytearray(max((m.end for m in candidates), default=0))
    taken: list[Mention] = []
    for m in ranked:
        if covered.find(1, m.start, m.end) == -1:
            covered[m.start : m.end] = b"\x01" * (m.end - m.start)
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def is_person(m: Mention) -> bool:
    """Whether a mention is of a person: by the alias table where it knows the name, else by the model."""
    return (m.known is None and m.label == "PER") or (m.known is not None and m.known.type == "PERSON")
