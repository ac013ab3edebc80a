"""Normalise stage: turn raw NER spans into mentions of canonical entities with stable ids.

Reads ``interim/articles.csv``, ``interim/sentences.csv``, ``interim/ner.csv`` and the alias table; writes
``mentions.csv``, ``entities.csv`` and the review report ``resolution.csv`` (see the output contract).

Within an article, in order (cached per article):

1. **repair** each NER span (:mod:`pipeline.repair`): strip titles and honorifics from person names
   ("Presiden Rusia Putin" -> "Putin", "Gubernur Sumut Bobby Nasution" -> "Bobby Nasution"; but "Ibu Kota"
   is the noun 'capital'), and a first word that is a common word of the article, also with an affix
   ("Janji Burhanuddin" beside "berjanji"), or a region it names after an administrative unit ("Bone" of
   "Pemkab Bone"); drop spans with no capital letter, footnote digits, split hyphenated compounds of known
   names ("Rusia-Tiongkok" -> two mentions), and grow a person's name by a first name the article tags on
   its own ("Purbaya [Yudhi Sadewa]") or by initials written nowhere else ("ST [Burhanuddin]");
2. **gazetteer**: every country and province name and alias-table name in the text is a candidate too;
   overlapping candidates keep the longest, so "Kementerian Luar Negeri China" stays one organisation;
3. **definitions** (:mod:`pipeline.definitions`): "Badan Pusat Statistik (BPS)" when the letters fit, "Saifullah Yusuf
   (Gus Ipul)", "X alias Y" make the short form a name of the same entity;
4. **short names**: a person name that is part of a longer person name in the same article is that person
   ("Xi" -> "Xi Jinping"); with several candidates, the nearest preceding one wins; a regional body named
   by its head word alone is the one the article names with its region ("DPRD" -> "DPRD Bantaeng");
5. **repeats**: later occurrences of any name found in the article, short forms included, are mentions
   too, even where the model missed them.

Across articles, spans the model cut or joined are mended with what the corpus knows of their words
(:mod:`pipeline.corpus_spans`: "Risal [Wasal]", "Ketua [The Fed] [Jerome Powell]"), names the model found
in one article are looked for in all, hyphenated pairs of known names are split, and
:mod:`pipeline.resolve` merges names by rule (definitions, short names by prominence,
abbreviations, spellings, "RI" suffixes), each with its evidence and subject to the alias table's vetoes;
then a body the corpus writes before several regions or organisations is named with the one it is written
before (:mod:`pipeline.bodies`: "Kejati Sumsel" is Kejaksaan Tinggi Sumatera Selatan, not the Kejaksaan
Tinggi; "DPP Golkar" is Golkar's board).
An entity's type is decided by the alias table or the country and province lists where they know it, or
a rank before the name (a person), else by the majority of its mentions' NER labels weighted by their
words, never by one tag.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import astuple, replace
from pathlib import Path

import pandas as pd

from pipeline import cli, resolve, schema
from pipeline.bodies import owned_names
from pipeline.cache import ArticleCache
from pipeline.corpus_spans import Lexicon, mend
from pipeline.dates import iso_days
from pipeline.definitions import LEGAL_FORMS, link_definitions
from pipeline.gazetteer import Gazetteer, Known, NameIndex, name_key, province_names, read_aliases
from pipeline.mentions import Mention, is_person, select
from pipeline.repair import (
    REGIONAL_BODIES,
    abbreviates_province,
    article_regions,
    extend_names,
    is_region,
    name_portfolios,
    rank_before,
    region_before,
    repair,
    text_words,
)
from pipeline.stages import STAGES
from pipeline.things import MISC, is_thing
from pipeline.titles import titles

#: NER label -> entity type
LABEL_TYPES = {"PER": "PERSON", "ORG": "ORGANISATION", "LOC": "LOCATION"}
#: order that breaks ties in the type vote
TYPE_ORDER = ("PERSON", "ORGANISATION", "COUNTRY", "LOCATION")
#: name particles that are never a short form on their own
_PARTICLES = {
    "bin",
    "binti",
    "al",
    "el",
    "van",
    "von",
    "de",
    "der",
    "da",
    "di",
    "la",
    "le",
    "del",
    "dos",
    "ibn",
}
#: a one-word organisation or place name is looked for in every article when the model tags it so in this
#: many articles, and in this many times as many articles as it tags it otherwise
ONE_WORD_ARTICLES = 2
ONE_WORD_MAJORITY = 4


def nearest(position: int, options: list[tuple[int, str]]) -> str:
    """The name whose mention is nearest before ``position``, else nearest after it.

    ``options`` must be sorted; a bisection finds the answer, so a name repeated all over a long article
    costs log n per lookup. Of two names at one position, the alphabetically last wins.

    Example:
        >>> nearest(10, [(0, "Wang Yi"), (8, "Wang Wenbin"), (20, "Wang Yi")])
        'Wang Wenbin'
    """
    i = bisect_right(options, position, key=lambda option: option[0])
    return options[i - 1][1] if i else options[0][1]


def sub_runs(name: str) -> list[tuple[str, ...]]:
    """The contiguous runs of words shorter than ``name`` itself: the short forms it contains.

    Example:
        >>> sub_runs("Xi Jin Ping")
        [('Xi',), ('Jin',), ('Ping',), ('Xi', 'Jin'), ('Jin', 'Ping')]
    """
    parts = tuple(name.split())
    return [parts[i : i + n] for n in range(1, len(parts)) for i in range(len(parts) - n + 1)]


def apart(different: frozenset[frozenset[str]], one: str, other: str) -> bool:
    """Whether the alias table keeps ``one`` and ``other`` apart (a ``DIFFERENT`` row)."""
    return bool(different) and frozenset((name_key(one), name_key(other))) in different


def resolve_short_names(
    mentions: list[Mention], different: frozenset[frozenset[str]] = frozenset()
) -> list[Mention]:
    """Person names that are part of a longer person name in the article become that name.

    A one-word name the model typed otherwise counts too ("Kishida" tagged LOC beside "Fumio Kishida").
    Full names are indexed by the runs of words they contain, so each mention costs a lookup, not a scan
    of every full name in the article.
    """
    by_run: dict[tuple[str, ...], list[tuple[int, str]]] = defaultdict(list)
    for m in mentions:
        if is_person(m) and len(m.name.split()) > 1:
            for run in set(sub_runs(m.name)):
                if not apart(different, " ".join(run), m.name):
                    by_run[run].append((m.start, m.name))
    for options in by_run.values():
        options.sort()
    out = []
    for m in mentions:
        if is_person(m) or (m.known is None and len(m.name.split()) == 1):
            options = by_run.get(tuple(m.name.split()))
            if options:
                m = replace(m, name=nearest(m.start, options))
        out.append(m)
    return out


def resolve_bare_bodies(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """A regional body named by its head word alone ("DPRD", "Pemkot", "Polresta") is the one body of that
    head the article names with its region ("DPRD Bantaeng"), as a person's short name is the full name
    beside it; never where the article names two ("DPRD Jabar" and "DPRD Bekasi"), nor where the rest is no
    region ("Pertamina" beside "Pertamina Patra Niaga", a subsidiary).

    A region is one the article writes after an administrative unit or body (:func:`article_regions`), a
    country or province (or its abbreviation, "Jateng"), or a name the article tags as a place.

    Example:
        >>> text = "Ketua DPRD Bantaeng hadir. DPRD menolak usulan itu."
        >>> ms = [Mention(6, 19, "DPRD Bantaeng", "ORG"), Mention(27, 31, "DPRD", "ORG")]
        >>> [m.name for m in resolve_bare_bodies(text, ms, Gazetteer.build([]))]
        ['DPRD Bantaeng', 'DPRD Bantaeng']
    """
    places = article_regions(text) | {m.name for m in mentions if m.label == "LOC" and m.known is None}
    bodies: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        head, _, rest = m.name.partition(" ")
        if (
            rest
            and not is_person(m)
            and (rest in places or is_region(gazetteer, rest) or abbreviates_province(rest))
        ):
            bodies[head].add(m.name)
    if not bodies:
        return mentions
    return [
        replace(m, name=next(iter(bodies[m.name])))
        if m.known is None and not is_person(m) and len(bodies.get(m.name, ())) == 1
        else m
        for m in mentions
    ]


def repeat_forms(
    mentions: list[Mention], acronyms: dict[str, str], different: frozenset[frozenset[str]] = frozenset()
) -> dict[str, list[tuple[int, Mention]]]:
    """Surface form -> the mentions it may repeat: every mention's text and a full person name's words
    (unless the alias table keeps that word apart from the name)."""
    forms: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    by_name: dict[str, list[Mention]] = defaultdict(list)
    skip = _PARTICLES | titles()
    for m in mentions:
        forms[m.name].append((m.start, m))
        by_name[m.name].append(m)
        if is_person(m):
            for word in m.name.split():
                if (
                    len(word) > 1
                    and word[0].isupper()
                    and word.lower() not in skip
                    and not apart(different, word, m.name)
                ):
                    forms[word].append((m.start, m))
    for acronym, name in acronyms.items():
        if by_name[
            name
        ]:  # a definition whose long form lost its place to a longer mention defines nothing here
            forms[acronym] += [(m.start, m) for m in by_name[name]]
    return forms


def add_repeats(
    text: str,
    mentions: list[Mention],
    acronyms: dict[str, str],
    different: frozenset[frozenset[str]] = frozenset(),
) -> list[Mention]:
    """Every further occurrence of a name already found in the article, as a mention of the same entity.

    Each form's candidate names are sorted once, so every occurrence costs a bisection (:func:`nearest`).
    """
    forms = repeat_forms(mentions, acronyms, different)
    if not forms:
        return mentions
    options = {form: sorted((position, m.name) for position, m in found) for form, found in forms.items()}
    known = {form: {m.name: m.known for _, m in found} for form, found in forms.items()}
    found = []
    for start, end in NameIndex(forms).find(text):
        form = text[start:end]
        name = nearest(start, options[form])
        found.append(Mention(start, end, name, None, known[form][name]))
    return select(mentions + found)


def lower_words(texts: Iterable[str]) -> frozenset[str]:
    """The words a corpus writes in lower case somewhere: words of the language, not names."""
    return frozenset(word for text in texts for word in text_words(text) if word[0].islower())


def corpus_names(articles: dict[str, tuple[str, list[Mention]]], lower: frozenset[str]) -> dict[str, str]:
    """Names the model found somewhere in the corpus, to look for in every article.

    Full (multi-word) names of people and organisations, and the one-word short forms and acronyms seen
    standing for exactly one of them, or for spellings of one (:func:`_one_name`) ("Xi" for "Xi Jinping" in
    another article), so an article that only ever writes "Xi" still mentions Xi Jinping. A short form
    seen for two people ("Wang") is left out, and so is a word of a title ("Agung", a first name, and a word
    of "Jaksa Agung"), and a person's short name seen in fewer than :data:`ONE_WORD_ARTICLES` articles: the
    "Risal" of one story (Risal Wasal) is not the CNN contributor "Risal" of another.
    A one-word name counts on its own when the model tags it an organisation (or a place) in
    :data:`ONE_WORD_ARTICLES` articles or more and almost never as anything else ("Kemensos", "KKP";
    "Kemenag" tagged LOC): the model misses such names in a list or after a title ("Staf Ahli ...
    Kemensos,"). Not a word of two letters ("PT", "HP", "AI" are too often something else), nor one the
    corpus also writes in lower case ("Pajak" opening a sentence, "Wali" of "Wali Kota") or a title holds
    ("Agung" of "Jaksa Agung"); and a one-word person name ("Dian") names different people in different
    articles, so it is never looked for alone. Nor is a firm's legal form or a regional body's head word:
    "Pengadilan Tinggi (PT)" defines PT in one article, but "pihak PT" in another is a company, and a bare
    "Polresta" is the one Polresta its own article names (:func:`resolve_bare_bodies`).
    """
    title_words = {word for title in titles() for word in title.split()}  # "agung" of "jaksa agung"
    heads = LEGAL_FORMS | set(REGIONAL_BODIES)  # "PT", "Polresta": what opens a name, never one alone
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    personal: dict[str, set[str]] = defaultdict(set)  # a person's short name -> the articles it stood in
    one_word: dict[str, dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
    for article, (text, mentions) in articles.items():
        people = {m.name for m in mentions if is_person(m)}
        for m in mentions:
            if m.known is not None:
                continue
            surface = text[m.start : m.end]
            if len(m.name.split()) < 2:
                if surface == m.name:
                    one_word[surface][m.label].add(article)
            elif m.label in ("PER", "ORG") and surface == m.name:
                forms[surface][m.name] += 1
            elif len(surface.split()) == 1:  # a short form or acronym that stood for the full name
                forms[surface][m.name] += 1
                if m.name in people:
                    personal[surface].add(article)
    for name, labels in one_word.items():
        if len(name) <= 2 or not name[0].isupper() or name.lower() in lower or name.lower() in title_words:
            continue  # "Agung" of "Jaksa Agung" is a title's word, not the Kejaksaan Agung
        tagged = Counter({label: len(found) for label, found in labels.items() if label is not None})
        (label, most), *rest = tagged.most_common() or [("", 0)]
        others = sum(count for _, count in rest)
        if label != "PER" and most >= ONE_WORD_ARTICLES and ONE_WORD_MAJORITY * others <= most:
            forms.setdefault(name, Counter({name: 1}))  # unless it stood for a full name already
    found = {form: _one_name(names) for form, names in forms.items()}
    return {
        form: name
        for form, name in found.items()
        if name is not None
        and form.lower() not in title_words
        and form not in heads
        and (form not in personal or len(personal[form]) >= ONE_WORD_ARTICLES)
    }


def _one_name(names: Counter[str]) -> str | None:
    """The one name a form stood for: the only one, or the one it stood for most often when each other is
    a beginning or a spelling of it ("Gibran" for Gibran Rakabuming Raka, Gibran Rakabuming and the misspelt
    Gibran Rakabubing Raka); None when it stood for different names."""
    main = max(names, key=lambda n: (names[n], len(n.split()), n))
    words = main.split()
    alike = all(words[: len(n.split())] == n.split() or resolve.variant(n, main) for n in names)
    return main if alike else None


def add_corpus_names(
    text: str, mentions: list[Mention], names: dict[str, str], index: NameIndex
) -> list[Mention]:
    """Occurrences of :func:`corpus_names` (indexed by ``index``) that no mention of the article covers yet."""
    found = [Mention(start, end, names[text[start:end]]) for start, end in index.find(text)]
    return select(mentions + found) if found else mentions


def article_mentions(
    text: str, spans: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> tuple[list[Mention], dict[str, str]]:
    """All mentions of one article (steps 1 to 5 of the module docstring) in text order, and its acronyms."""
    candidates = [m for start, end, label in spans for m in repair(text, start, end, label, gazetteer)]
    candidates = extend_names(text, candidates, gazetteer)
    candidates += [Mention(s, e, text[s:e], None, k) for s, e, k in gazetteer.find(text)]
    mentions = select([replace(m, name=m.known.label) if m.known else m for m in candidates])
    mentions, acronyms = link_definitions(text, mentions, spans)
    mentions, here = name_portfolios(text, mentions, acronyms, gazetteer)  # the corpus reads ``acronyms``
    different = frozenset(frozenset((name_key(a), name_key(b))) for a, b in gazetteer.different)
    mentions = resolve_bare_bodies(text, resolve_short_names(mentions, different), gazetteer)
    return add_repeats(text, mentions, here, different), acronyms


def article_fingerprint(known: Gazetteer) -> str:
    """What :func:`article_mentions` depends on besides its inputs: the stage's declared files and the names.

    The declared files (:mod:`pipeline.stages`) are this code, what it imports and the titles; the names
    are the alias table and the country list as the gazetteer holds them.
    """
    return STAGES["normalise"].fingerprint(repr(sorted(known.names.items())), repr(known.different))


def cached_article_mentions(
    store: ArticleCache, text: str, spans: list[tuple[int, int, str]], known: Gazetteer
) -> tuple[list[Mention], dict[str, str]]:
    """:func:`article_mentions`, read from ``store`` when this article was normalised before."""
    key = store.key(text, json.dumps(spans))
    data = store.get(key)
    if data is not None:
        mentions = [
            Mention(a, b, n, label, Known(*k) if k else None) for a, b, n, label, k in data["mentions"]
        ]
        return mentions, data["acronyms"]
    mentions, acronyms = article_mentions(text, spans, known)
    rows = [(m.start, m.end, m.name, m.label, m.known and astuple(m.known)) for m in mentions]
    store.put(key, {"mentions": rows, "acronyms": acronyms})
    return mentions, acronyms


def slug(name: str) -> str:
    """A stable, readable id for a name: ASCII, lowercase, words joined by hyphens.

    Example:
        >>> slug("Xi Jinping"), slug("Perserikatan Bangsa-Bangsa")
        ('xi-jinping', 'perserikatan-bangsa-bangsa')
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not text:
        text = "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return text


def normalise(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    spans: pd.DataFrame,
    gazetteer: Gazetteer,
    store: ArticleCache | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The ``mentions``, ``entities`` and ``resolution`` tables for a corpus (see the output contract).

    With a ``store``, each article's own pass (steps 1 to 5) is cached, so adding an article costs that
    article's pass and the corpus-wide steps only (:mod:`pipeline.resolve`).
    """
    store = store or ArticleCache(None, "")
    # one pass over each table (not a pandas selection per article, which costs more than the cache saves)
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article, start, end, label in schema.rows(spans, ("article", "start", "end", "label")):
        by_article[article].append((start, end, label))
    starts: dict[str, list[int]] = defaultdict(list)
    ordered = sentences.sort_values(["article", "sentence"], kind="stable")
    for article, start in zip(ordered["article"].tolist(), ordered["start"].tolist()):
        starts[article].append(start)
    rows = []
    definitions: dict[str, dict[str, str]] = {}
    found: dict[str, tuple[str, list[Mention]]] = {}
    texts = dict(schema.rows(articles, ("id", "text")))
    for article, text in texts.items():
        raw = by_article.get(article, [])
        mentions, definitions[article] = cached_article_mentions(store, text, raw, gazetteer)
        found[article] = (text, mentions)
    lower = lower_words(text for text, _ in found.values())
    lexicon = Lexicon.of(found.values(), lower, definitions.values())
    found = {article: (text, mend(text, mentions, lexicon)) for article, (text, mentions) in found.items()}
    names = corpus_names(found, lower)
    index = NameIndex(names)
    for article, (text, mentions) in found.items():
        sentence_starts = starts.get(article, [0])
        for m in add_corpus_names(text, mentions, names, index):
            sentence = max(bisect_right(sentence_starts, m.start) - 1, 0)
            known = m.known or Known("", "", "")
            rows.append((article, sentence, m.start, m.end, text[m.start : m.end], m.name, m.label or "",
                         known.type, known.qid))  # fmt: skip
    frame = pd.DataFrame(
        rows, columns=["article", "sentence", "start", "end", "text", "name", "label", "known_type", "qid"]
    )
    frame = split_pairs(frame)
    regions = {article: article_regions(text) for article, text in texts.items()}  # once per article
    where = list(zip(frame["article"].tolist(), frame["start"].tolist()))
    frame["rank"] = [rank_before(texts[a], start) for a, start in where]
    frame["region"] = [region_before(texts[a], start, regions[a]) for a, start in where]
    written = frame.groupby("name")["article"].nunique()
    names = _entity_attributes(frame.assign(key=frame["name"]))
    table = pd.DataFrame({"name": names.index, "type": names["type"].values}).assign(
        articles=lambda t: t["name"].map(written)
    )
    context = resolve.Context.of(frame)
    merges, ambiguous = resolve.propose(table, definitions, province_names(), context, lower)
    outcome = resolve.apply(merges, ambiguous, gazetteer.different)
    frame["name"] = first_names(frame, outcome.renames).map(lambda n: outcome.renames.get(n, n))
    places = frozenset().union(*regions.values())
    types = _entity_attributes(frame.assign(key=frame["name"]), places)["type"].to_dict()
    columns = (frame[c].tolist() for c in ("article", "start", "end", "text", "name", "known_type"))
    named = pd.Series(owned_names(*columns, types, texts, places), index=frame.index)
    # a body named with its owner is an organisation, whatever the model tagged its words ("Kejati" untagged)
    frame["known_type"] = frame["known_type"].mask(named != frame["name"], "ORGANISATION")
    frame["name"] = named
    frame["key"] = frame["name"].map(slug)
    attributes = _entity_attributes(frame, places)
    return (
        _mentions_table(frame, attributes),
        _entities_table(frame, attributes, articles),
        _resolution_table(outcome, written),
    )


#: the parts of a hyphenated span, without the spaces around the hyphen
_PART = re.compile(r"[^\s\-–](?:[^\-–]*[^\s\-–])?")


def split_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions of two names joined by a hyphen ("Prabowo-Gibran", "Prabowo Subianto-Gibran Rakabuming Raka"),
    as a mention of each where every part is a name the corpus has on its own; "Shin Tae-yong" and
    "Jean-Pierre Lacroix" stay whole (their parts are no names of the corpus).

    Example:
        >>> frame = pd.DataFrame({"article": "a", "sentence": 0, "start": [0, 20, 40], "end": [14, 27, 46],
        ...     "text": ["Prabowo-Gibran", "Prabowo", "Gibran"], "name": ["Prabowo-Gibran", "Prabowo", "Gibran"],
        ...     "label": "PER", "known_type": "", "qid": ""})
        >>> split_pairs(frame)[["start", "end", "name"]].values.tolist()
        [[0, 7, 'Prabowo'], [8, 14, 'Gibran'], [20, 27, 'Prabowo'], [40, 46, 'Gibran']]
    """
    names = set(frame["name"])
    joined = frame["text"].str.contains("[-–]") & frame["name"].eq(frame["text"]) & frame["known_type"].eq("")
    if not joined.any():
        return frame
    rows = []
    for row in frame[joined].to_dict("records"):
        parts = list(_PART.finditer(row["text"]))
        if len(parts) < 2 or not all(p.group() in names and p.group()[0].isupper() for p in parts):
            rows.append(row)
            continue
        start = row["start"]
        rows += [row | {"start": start + p.start(), "end": start + p.end(), "text": p.group(), "name": p.group()}
                 for p in parts]  # fmt: skip
    split = pd.DataFrame(rows, columns=frame.columns)
    return pd.concat([frame[~joined], split], ignore_index=True).sort_values(
        ["article", "start", "end"], kind="stable", ignore_index=True
    )


def first_names(frame: pd.DataFrame, renames: dict[str, str]) -> pd.Series:
    """Mention names, with a one-word name that the article gave to a fuller name it ends ("Prabowo" as the
    last word of "Listyo Sigit Prabowo") given back to the person the corpus calls by that name first.

    Indonesians are named by their first or single name: where the corpus resolves "Prabowo" to Prabowo
    Subianto, a "Prabowo" in an article that also names Listyo Sigit Prabowo is still the president, not
    the Kapolri, whom news calls Listyo or Sigit. A name that ends the corpus's choice too (Western surnames:
    "Trump") keeps the article's reading.
    """
    text, name = frame["text"], frame["name"]
    target = text.map(lambda t: renames.get(t, "")).astype("string")
    given_back = (
        ~text.str.contains(" ", regex=False)
        & (name != text)
        & (name.str.split().str[0] != text)
        & (target.str.split().str[0] == text)
        & frame["known_type"].eq("")
    )
    return name.where(~given_back, text)


def _resolution_table(outcome: resolve.Resolution, written: pd.Series) -> pd.DataFrame:
    """The review report: merges made, merges vetoed, names left ambiguous (see ``schema.RESOLUTION``)."""

    def entity(name: str) -> str:
        return slug(outcome.renames.get(name, name))

    rows = [("merged", m.rule, m.alias, entity(m.alias), "", m.evidence) for m in outcome.applied]
    rows += [("vetoed", m.rule, m.alias, entity(m.canonical), "", m.evidence) for m in outcome.vetoed]
    rows += [
        ("ambiguous", a.rule, a.alias, "", "|".join(entity(c) for c in a.candidates), a.evidence)
        for a in outcome.ambiguous
    ]
    columns = ["status", "rule", "alias", "entity_id", "candidates", "evidence"]
    table = pd.DataFrame(rows, columns=columns).assign(
        articles=lambda t: t["alias"].map(written).fillna(0).astype("int64")
    )
    return schema.conform(table.sort_values(["status", "rule", "alias"], kind="stable"), schema.RESOLUTION)


def _entity_attributes(frame: pd.DataFrame, regions: frozenset[str] | None = None) -> pd.DataFrame:
    """Per entity key: label (most frequent name, ties to the alphabetically first), type and QID.

    The type is the alias table's or country list's where they know the entity, else the majority of its
    mentions' NER labels (ties broken by ``TYPE_ORDER``), else LOCATION. Each label counts as many times as
    its mention has words: the model reads a name written out better than a short form of it, so "Bambang
    Haryo Soekartono" tagged PER outvotes "BHS" tagged ORG twice.

    With the corpus's ``regions`` (the final types; resolution reads the vote alone, its rules joining
    "APBN" to its long form as organisations' names), an organisation or person by the vote whose longest
    name opens with a thing's head noun is a thing (:mod:`pipeline.things`), and one whose label is a region
    the corpus names after an administrative unit or a regional body ("Kabupaten Gresik", "Polres Gresik":
    :func:`pipeline.repair.article_regions`) is that place, whatever the model tagged "Gresik" alone.
    """
    names = frame.groupby(["key", "name"], sort=False).size().rename("n").reset_index()
    names = names.sort_values(["key", "n", "name"], ascending=[True, False, True], kind="stable")
    attributes = names.drop_duplicates("key").set_index("key")[["name"]].rename(columns={"name": "label"})
    votes = (
        frame.assign(vote=frame["label"].map(LABEL_TYPES), words=frame["text"].str.count(" ") + 1)
        .dropna(subset=["vote"])
        .groupby(["key", "vote"])["words"]
        .sum()
        .unstack(fill_value=0)
        .reindex(index=attributes.index, columns=list(TYPE_ORDER), fill_value=0)
    )
    voted = votes.idxmax(axis=1).where(votes.sum(axis=1) > 0, "LOCATION")
    if regions is not None:
        by_words = names.assign(words=names["name"].str.count(" ")).sort_values(
            ["key", "words"], ascending=[True, False], kind="stable"
        )
        longest = by_words.drop_duplicates("key").set_index("key")["name"]
        actor = voted.isin(("ORGANISATION", "PERSON"))
        voted = voted.mask(actor & longest.reindex(voted.index).map(is_thing), MISC)
        voted = voted.mask(actor & attributes["label"].isin(regions), "LOCATION")
    known = frame[frame["known_type"] != ""].groupby("key")["known_type"].min()
    qids = frame[frame["qid"] != ""].groupby("key")["qid"].min()
    attributes["type"] = known.reindex(attributes.index).fillna(voted)
    attributes["qid"] = qids.reindex(attributes.index).fillna("")
    return attributes


def _mentions_table(frame: pd.DataFrame, attributes: pd.DataFrame) -> pd.DataFrame:
    out = frame.assign(type=frame["key"].map(attributes["type"]), entity_id=frame["key"])
    return out.sort_values(["article", "start", "end"], kind="stable")[list(schema.MENTIONS)]


def _entities_table(frame: pd.DataFrame, attributes: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """One row per entity; ``first_seen`` and ``last_seen`` are the earliest and latest ISO day of the
    articles that mention it (``""`` when none is dated, :func:`pipeline.dates.iso_days`)."""
    dates = articles["date"] if "date" in articles else pd.Series("", index=articles.index)
    days = frame["article"].map(dict(zip(articles["id"], iso_days(dates)))).fillna("")
    dated = frame.assign(day=days)[days != ""].groupby("key")["day"]
    grouped = frame.groupby("key", sort=True)
    written: dict[str, set[str]] = defaultdict(set)  # a loop, not a pandas aggregation per entity (3,000)
    for key, text in zip(frame["key"].tolist(), frame["text"].tolist()):
        written[key].add(" ".join(text.split()))
    table = pd.DataFrame(
        {
            "entity_id": attributes.index,
            "label": attributes["label"].values,
            "type": attributes["type"].values,
            "qid": attributes["qid"].values,
            "aliases": ["|".join(sorted(written[key])) for key in attributes.index],
            "mentions": grouped.size().values,
            "articles": grouped["article"].nunique().values,
            "first_seen": dated.min().reindex(attributes.index).fillna("").values,
            "last_seen": dated.max().reindex(attributes.index).fillna("").values,
        }
    )
    return table[list(schema.ENTITIES)]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.normalise", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("data/interim/articles.csv"))
    parser.add_argument("--sentences", type=Path, default=Path("data/interim/sentences.csv"))
    parser.add_argument("--ner", type=Path, default=Path("data/interim/ner.csv"))
    parser.add_argument("--aliases", type=Path, default=Path("data/aliases.csv"), help="the alias table")
    parser.add_argument(
        "--out", type=Path, default=Path("data"), help="folder for mentions.csv, entities.csv"
    )
    parser.add_argument("--cache", type=Path, help="folder for per-article results (default: no cache)")
    return parser


def read(args: argparse.Namespace) -> tuple[Gazetteer, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The gazetteer built from the alias table, and the articles, sentences and NER spans."""
    return (
        Gazetteer.build(read_aliases(args.aliases)),
        schema.read_table(args.articles, schema.ARTICLES),
        schema.read_table(args.sentences, schema.SENTENCES),
        schema.read_table(args.ner, schema.NER_SPANS),
    )


def process(
    args: argparse.Namespace, inputs: tuple[Gazetteer, pd.DataFrame, pd.DataFrame, pd.DataFrame]
) -> str:
    gazetteer, articles, sentences, spans = inputs
    store = ArticleCache(args.cache, article_fingerprint(gazetteer))
    mentions, entities, resolution = normalise(articles, sentences, spans, gazetteer, store)
    schema.write_table(args.out / "mentions.csv", mentions, schema.MENTIONS)
    schema.write_table(args.out / "entities.csv", entities, schema.ENTITIES)
    schema.write_table(args.out / "resolution.csv", resolution, schema.RESOLUTION)
    return (
        f"{len(mentions)} mentions of {len(entities)} entities "
        f"({len(spans)} NER spans; {store.misses} articles normalised, {store.hits} cached)"
    )


def main(argv: list[str] | None = None) -> int:
    return cli.main("normalise", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
