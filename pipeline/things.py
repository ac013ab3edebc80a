"""Names of things that are no actor: laws, documents, budgets, taxes, programmes, rights.

Indonesian news names them as it names bodies, in capitals with an acronym ("Peraturan Presiden (Perpres)",
"Anggaran Pendapatan dan Belanja Negara (APBN)", "Pajak Penghasilan (PPh)"), and the NER model tags them ORG.
As organisations they sit among the actors of the graph, linked to everyone the article names. What they are
shows in their first word, a head noun of the language ("peraturan", "anggaran", "pajak"): the words of
``resources/things.txt``. An entity whose name opens with one is typed :data:`MISC` and stays out of the
co-mention graph, as places do.

Example:
    >>> is_thing("Anggaran Pendapatan dan Belanja Negara"), is_thing("Badan Anggaran"), is_thing("APBN")
    (True, False, False)
"""

from __future__ import annotations

from functools import cache

from pipeline.paths import resource, resource_lines

#: the entity type of a named thing that is no actor
MISC = "MISC"


@cache
def thing_heads() -> frozenset[str]:
    """The lower-case head nouns of ``resources/things.txt``."""
    return frozenset(line.lower() for _, line in resource_lines(resource("things.txt")))


def is_thing(name: str) -> bool:
    """Whether a name of two words or more opens with the head noun of a thing (a one-word name says
    nothing of what it names: "Pajak" may be a surname, "Data" a firm)."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in thing_heads()
