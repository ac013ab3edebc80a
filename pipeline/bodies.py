"""Bodies named with their region: "Kejati Sumsel" is the Kejaksaan Tinggi of South Sumatra, not "the"
Kejaksaan Tinggi.

Indonesia's state repeats its bodies in every province, regency and city: a Kejaksaan Tinggi (Kejati) per
province, a Kejaksaan Negeri (Kejari), a DPRD, a Pemkab or Pemkot per regency or city. News names each by
the body's name and the region's, one after the other ("Kejati Sumsel", "DPRD Kota Palembang", "Pemerintah
Kabupaten (Pemkab) Bandung"), and the model tags the two as two names, a body and a place. Left so, every
regional prosecutor's office of the corpus is one organisation linking stories of Jember, Majalengka and
Bandar Lampung that have nothing to do with each other.

Which bodies are regional the corpus says: a body written right before two different places or more, in two
articles or more and in a quarter of the articles that write it at all (a body mostly written alone, "PDIP"
or "BPS", is one body whose branches a region names in passing: "PDIP Bali"). A place is a name typed as
one, or a word the corpus writes after an administrative unit ("Kabupaten Bone"), tagged or not.

Each such body written right before a place (one space between, or the closing bracket of its short form
and a space) is that place's body, "Kejaksaan Tinggi Sumatera Selatan", with the names resolution gave
both; the place stays a mention of its own. Where an article names one body of that kind with its region,
the article's other mentions of the bare body are that one too, as a short name is the full name beside
it. The bare body stays where the article names no region ("Kejati dan Kejari di seluruh Indonesia") or
two. A place that is the Republic itself ("Kemenkes RI") adds nothing: resolution's suffix rule reads
"X RI" as X. A name the alias table or the country list knows keeps its meaning.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from pipeline.resolve import REPUBLIC_SUFFIXES

#: a body is regional when the corpus writes it before this many different places, in as many articles,
#: and in this share of the articles that write it at all: a body mostly written alone is one body whose
#: branches a region names in passing ("PDIP Bali", "BPS Jabar", "KPU Makassar")
REGIONAL_PLACES = 2
REGIONAL_ARTICLES = 2
REGIONAL_SHARE = 0.25
#: what may stand between a body and its region: a space, or its short form's closing bracket and a space
_BETWEEN = re.compile(r"\)? ")
#: a word right after a body, which may be a region the model left untagged ("Pemkab [Bone] Andi Saharuddin")
_WORD_AFTER = re.compile(r"\)? ([A-Z][a-z]+)\b")
_NEXT_CAPITAL = re.compile(r" [A-Z]")
#: the Republic's own names after a body: "Kemenkes RI" is the Kemenkes
_REPUBLIC = frozenset(suffix.strip() for suffix in REPUBLIC_SUFFIXES) | {"Indonesia"}
_PLACES = ("LOCATION", "COUNTRY")


def regional_names(
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
    """The mentions' names with each regional body named with its region (see the module docstring).

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
        >>> named = regional_names(article, start, end, written, name, [""] * 7, types, text)
        >>> [n for n, w in zip(named, written) if w == "Kejati"]
        ['Kejati Sumatera Selatan', 'Kejati Sumatera Selatan', 'Kejati Jawa Barat', 'Kejati Papua']
    """
    order = sorted(range(len(names)), key=lambda k: (articles[k], starts[k], ends[k]))
    pairs = []  # (index of the body's mention, the place's name)
    for i, j in zip(order, [*order[1:], None]):
        if known[i] or types.get(names[i]) != "ORGANISATION":
            continue
        text = article_texts[articles[i]]
        if (
            j is not None
            and articles[j] == articles[i]
            and types.get(names[j]) in _PLACES
            and _BETWEEN.fullmatch(text, ends[i], starts[j])
        ):
            if texts[j] not in _REPUBLIC and names[j] not in _REPUBLIC:
                pairs.append((i, names[j]))
        elif (word := _WORD_AFTER.match(text, ends[i])) and word.group(1) in regions:
            # a region of one word: not the first of a longer name ("Jawa" of "Jawa Barat"), unless what
            # follows is the next mention, the official the region is glued before
            more = _NEXT_CAPITAL.match(text, word.end())
            if more is None or (j is not None and articles[j] == articles[i] and starts[j] == more.end() - 1):
                pairs.append((i, word.group(1)))
    places: dict[str, set[str]] = defaultdict(set)
    written_in: dict[str, set[str]] = defaultdict(set)
    for i, place in pairs:
        places[names[i]].add(place)
        written_in[names[i]].add(articles[i])
    everywhere: dict[str, set[str]] = defaultdict(set)
    for article, name in zip(articles, names):
        if name in places:
            everywhere[name].add(article)
    regional = {
        body
        for body in places
        if len(places[body]) >= REGIONAL_PLACES
        and len(written_in[body]) >= max(REGIONAL_ARTICLES, REGIONAL_SHARE * len(everywhere[body]))
    }
    renamed = list(names)
    here: dict[tuple[str, str], set[str]] = defaultdict(set)  # (article, body) -> its regional names there
    for i, place in pairs:
        if names[i] in regional:
            renamed[i] = f"{names[i]} {place}"
            here[articles[i], names[i]].add(renamed[i])
    for i, name in enumerate(names):
        found = here.get((articles[i], name))
        if renamed[i] == name and not known[i] and found is not None and len(found) == 1:
            renamed[i] = next(iter(found))
    return renamed
