"""Titles and honorifics: the words before a name that are not part of it ("Presiden", "Menteri Luar Negeri").

Read by normalisation, which strips them from person names, and by relation extraction, which looks through
them to the name they introduce; the list is data in ``resources/titles.txt``.

Example:
    >>> "menteri luar negeri" in titles()
    True
"""

from __future__ import annotations

from functools import cache

from pipeline.paths import resource, resource_lines


@cache
def titles() -> frozenset[str]:
    """Lowercased titles and honorifics, one per line in ``resources/titles.txt``, spaces normalised."""
    return frozenset(" ".join(line.split()).lower() for _, line in resource_lines(resource("titles.txt")))
