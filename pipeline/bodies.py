"""Bodies of many named with whose they are: "Kejati Sumsel" is the Kejaksaan Tinggi of South Sumatra, not
"the" Kejaksaan Tinggi, and "DPP Golkar" is Golkar's central board, not one board of every party.

Indonesia's state repeats its bodies in every province, regency and city: a Kejaksaan Tinggi (Kejati) per
province, a Kejaksaan Negeri (Kejari), a DPRD, a Pemkab or Pemkot per regency or city; parties and unions
repeat theirs (a DPP, a DPD per province). News names each by the body's name and its owner's, one after the
other ("Kejati Sumsel", "DPRD Kota Palembang", "Pemerintah Kabupaten (Pemkab) Bandung", "DPP Partai
Golkar"), and the model tags the two as two names. Left so, every regional prosecutor's office of the
corpus is one organisation linking stories of Jember, Majalengka and Bandar Lampung that have nothing to do
with each other, and the party boards of Golkar, PSI and PKB are one.

Which bodies are of many the corpus says: a body written right before two different owners of a kind or
more (places, or organisations), in two articles or more and in a quarter of the articles that write it at
all (a body mostly written alone, "PDIP" or "BPS", is one body whose branches a region names in passing:
"PDIP Bali"). A place is a name typed as one, or a word the corpus writes after an administrative unit
("Kabupaten Bone"), tagged or not.

Each such body written right before an owner of that kind (one space between, or the closing bracket of its
short form and a space) is that owner's, "Kejaksaan Tinggi Sumatera Selatan", with the names resolution gave
both; the owner stays a mention of its own. Where an article names one body of that kind with its owner,
the article's other mentions of the bare body are that one too, as a short name is the full name beside
it. The bare body stays where the article names no owner ("Kejati dan Kejari di seluruh Indonesia") or two,
and so does one written before an owner of the other kind ("Anggota DPRD Partai Amanat Nasional", PAN's
members of some DPRD). A place that is the Republic itself ("Kemenkes RI") adds nothing: resolution's
suffix rule reads "X RI" as X. A name the alias table or the country list knows keeps its meaning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from pipeline.resolve import REPUBLIC_SUFFIXES

#: a body is one of many when the corpus writes it before this many different owners of a kind (places, or
#: organisations), in as many articles, and in this share of the articles that write it at all: a body
#: mostly written alone is one body whose branches a region names in passing ("PDIP Bali", "BPS Jabar")
OWNERS = 2
OWNED_ARTICLES = 2
OWNED_SHARE = 0.25
#: what may stand between a body and its owner: a space, or its short form's closing bracket and a space
_BETWEEN = re.compile(r"\)? ")
#: a word right after a body, which may be a region the model left untagged ("Pemkab [Bone] Andi Saharuddin")
_WORD_AFTER = re.compile(r"\)? ([A-Z][a-z]+)\b")
_NEXT_CAPITAL = re.compile(r" [A-Z]")
#: the Republic's own names after a body: "Kemenkes RI" is the Kemenkes
_REPUBLIC = frozenset(suffix.strip() for suffix in REPUBLIC_SUFFIXES) | {"Indonesia"}
#: the types of a body's owners, by kind
_OWNERS = {"LOCATION": "place", "COUNTRY": "place", "ORGANISATION": "organisation"}


def owned_names(
    articles: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    texts: Sequence[str],
    names: Sequence[str],
    known: Sequence[str],
    types: Mapping[str, str],
    article_texts: Mapping[str, str],
    regions: Collection[str] = frozenset(),
) -> list[str]:
    """The mentions' names with each body of many named with whose it is (see the module docstring).

    The mentions are given column by column; ``known`` is the known type of each ("" for none), ``types``
    the type of each name. A word right after a body that is none of the mentions is its region when it is
    one of the corpus's ``regions`` (:func:`pipeline.repair.article_regions`).

    Example:
        >>> text = {"a": "Kejati Sumsel menahan X. Kejati menolak.", "b": "Kejati Jabar dan Kejati Papua."}
        >>> rows = [("a", 0, 6, "Kejati"), ("a", 7, 13, "Sumsel"), ("a", 25, 31, "Kejati"), ("b", 0, 6, "Kejati"),
        ...         ("b", 7, 12, "Jabar"), ("b", 17, 23, "Kejati"), ("b", 24, 29, "Papua")]
        >>> article, start, end, written = zip(*rows)
        >>> name = [{"Sumsel": "Sumatera Selatan", "Jabar": "Jawa Barat"}.get(w, w) for w in written]
        >>> types = {"Kejati": "ORGANISATION", "Sumatera Selatan": "LOCATION", "Jawa Barat": "LOCATION",
        ...          "Papua": "LOCATION"}
        >>> named = owned_names(article, start, end, written, name, [""] * 7, types, text)
        >>> [n for n, w in zip(named, written) if w == "Kejati"]
        ['Kejati Sumatera Selatan', 'Kejati Sumatera Selatan', 'Kejati Jawa Barat', 'Kejati Papua']
    """
    order = sorted(range(len(names)), key=lambda k: (articles[k], starts[k], ends[k]))
    pairs = []  # (index of the body's mention, the owner's name, the owner's kind)
    for i, j in zip(order, [*order[1:], None]):
        if known[i] or types.get(names[i]) != "ORGANISATION":
            continue
        text = article_texts[articles[i]]
        beside = j is not None and articles[j] == articles[i]  # the next mention is in the same article
        owner = types.get(names[j]) if beside else None
        if owner in _OWNERS and _BETWEEN.fullmatch(text, ends[i], starts[j]):
            if texts[j] not in _REPUBLIC and names[j] not in _REPUBLIC:
                pairs.append((i, names[j], _OWNERS[owner]))
        elif (word := _WORD_AFTER.match(text, ends[i])) and word.group(1) in regions:
            # a region of one word: not the first of a longer name ("Jawa" of "Jawa Barat"), unless what
            # follows is the next mention, the official the region is glued before
            more = _NEXT_CAPITAL.match(text, word.end())
            if more is None or (beside and starts[j] == more.end() - 1):
                pairs.append((i, word.group(1), "place"))
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)  # (body, kind) -> its owners of that kind
    written_in: dict[tuple[str, str], set[str]] = defaultdict(set)  # (body, kind) -> where it is so written
    for i, owner, kind in pairs:
        owners[names[i], kind].add(owner)
        written_in[names[i], kind].add(articles[i])
    everywhere: dict[str, set[str]] = defaultdict(set)  # body -> the articles that write it
    bodies = {body for body, _ in owners}
    for article, name in zip(articles, names):
        if name in bodies:
            everywhere[name].add(article)
    many = {
        (body, kind)
        for (body, kind), found in owners.items()
        if len(found) >= OWNERS
        and len(written_in[body, kind]) >= max(OWNED_ARTICLES, OWNED_SHARE * len(everywhere[body]))
    }
    renamed = list(names)
    here: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, body) -> its owned names there
    for i, owner, kind in pairs:
        if (names[i], kind) in many:
            renamed[i] = f"{names[i]} {owner}"
            here[articles[i], names[i]].add(renamed[i])
    for i, name in enumerate(names):
        found = here.get((articles[i], name))
        if renamed[i] == name and not known[i] and found is not None and len(found) == 1:
            renamed[i] = next(iter(found))
    return renamed
