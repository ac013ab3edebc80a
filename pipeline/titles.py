"""Titles and honorifics: the words before a name that are not part of it ("Presiden", "Menteri Luar Negeri").

Read by normalisation, which strips them from person names, and by relation extraction, which looks through
them to the name they introduce; the list is data in ``resources/titles.txt``.

A few title words also open a common noun that is never a title before a name: "Ibu Kota" is the noun
'capital', not "Ibu" (Mrs) before a name, so "Ibu Kota Nusantara" keeps its first word. Such compounds are
the lines of ``titles.txt`` marked with a leading ``!`` (:func:`not_titles`); :func:`title_length` is the one
test that honours them.

Example:
    >>> "menteri luar negeri" in titles(), "ibu kota" in titles()
    (True, False)
    >>> title_length(["Ibu", "Iriana"]), title_length(["Ibu", "Kota", "Nusantara"])
    (1, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pipeline.paths import resource, resource_lines

#: the longest title or compound, in words
LONGEST = 4


@cache
def _lines() -> tuple[str, ...]:
    return tuple(" ".join(line.split()).lower() for _, line in resource_lines(resource("titles.txt")))


@cache
def titles() -> frozenset[str]:
    """Lowercased titles and honorifics, one per line in ``resources/titles.txt``, spaces normalised."""
    return frozenset(line.lstrip("+") for line in _lines() if not line.startswith("!"))


@cache
def ranks() -> frozenset[str]:
    """The abbreviated police and army ranks ("iptu", "akbp", "brigjen pol"): titles written before a
    person and nothing else, the ``+`` lines of ``titles.txt``.

    Example:
        >>> "iptu" in ranks(), "presiden" in ranks(), "iptu" in titles()
        (True, False, True)
    """
    return frozenset(line[1:] for line in _lines() if line.startswith("+"))


@cache
def not_titles() -> frozenset[str]:
    """Lowercased common nouns that open with a title word ("ibu kota"): the ``!`` lines of ``titles.txt``."""
    return frozenset(line[1:].strip() for line in _lines() if line.startswith("!"))


def opens_noun(words: Sequence[str]) -> bool:
    """Whether the leading ``words`` are a common noun that starts with a title word (:func:`not_titles`).

    Example:
        >>> opens_noun(["Ibu", "Kota", "Nusantara"]), opens_noun(["Ibu", "Iriana"])
        (True, False)
    """
    if not words or words[0].lower() not in _noun_heads():
        return False
    lowered = [w.lower() for w in words[:LONGEST]]
    return any(" ".join(lowered[:n]) in not_titles() for n in range(2, len(lowered) + 1))


@cache
def _noun_heads() -> frozenset[str]:
    return frozenset(noun.split()[0] for noun in not_titles())


def title_length(words: Sequence[str], most: int = LONGEST) -> int:
    """How many of the leading ``words`` are a title (the longest, of at most ``most`` words), 0 when they
    are none or open a common noun that starts with a title word ("Ibu Kota", :func:`not_titles`).

    Example:
        >>> title_length(["Menteri", "Luar", "Negeri", "Sugiono"]), title_length(["Sugiono"])
        (3, 0)
        >>> title_length(["Menteri", "Luar", "Negeri"], most=2)
        1
    """
    lowered = [w.lower() for w in words[: min(most, LONGEST)]]
    if not lowered or opens_noun(words):
        return 0
    known = titles()
    return next((n for n in range(len(lowered), 0, -1) if " ".join(lowered[:n]) in known), 0)
