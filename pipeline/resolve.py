"""Which names, across a whole corpus, are one entity: every merge made by a rule, with its evidence.

Within an article the normalise stage already joins a short name to the full name beside it and an
acronym to the name its bracket defines. Across articles, a name written alone ("Prabowo", "Kemenkeu",
"DPR RI", "KPU") needs the corpus: this module proposes each such merge by one rule that follows how
Indonesian news writes names, and says why:

``definition``
    the short form is defined somewhere in the corpus ("Badan Pusat Statistik (BPS)", "Saifullah Yusuf
    (Gus Ipul)", "Pajar Permana alias Ojan") and always as the same name, or as one name in at least
    :data:`DOMINANCE` times as many articles as any other ("IKN"): it holds in every article that does not
    define it otherwise;
``expansion``
    a name written with a short form inside it is the name written out: "Kementerian PU" is "Kementerian
    Pekerjaan Umum" where PU is defined as Pekerjaan Umum and both are in the corpus; a standard short form
    of a head word (``resources/short_forms.csv``) counts too ("Ditjen Pajak" is "Direktorat Jenderal
    Pajak"), and a head word the long form opens with is not repeated ("Bank BJB");
``suffix``
    "DPR RI", "KPU RI", "Kementerian Sosial RI": an organisation of the Republic is the organisation;
    "Provinsi Jawa Barat", "DKI Jakarta": the region is the region;
``party``, ``firm``, ``article``
    "Partai Gerindra" and "Gerindra" are one party, "PT Pertamina" and "Pertamina" one firm, "The Federal
    Reserve" and "Federal Reserve" one bank;
``short-name``
    a person's first or last names ("Prabowo", "Sri Mulyani", "Tito Karnavian"), or one inner name ("Doli"
    of Ahmad Doli Kurnia), are the full name they are part of when the stories clearly say which: the
    short name's articles share far more with one candidate's than with any other's ("Prasetyo" in a
    story on the cabinet is Prasetyo Hadi, though Budi Prasetyo of the KPK is written in more articles);
    else when only one full name in the corpus fits, or one clearly dominates (written in at least
    :data:`DOMINANCE` times as many articles as the next). Otherwise the short name is *ambiguous* and
    kept apart; so is one whose stories share more with another candidate's than with the dominant one's,
    or nothing at all with the candidate's (a union leader "Suharyanto" and police general Toto
    Suharyanto). A full name written in under half as many articles as the short one is no
    candidate: "Noel" in three articles is not the "Noel Wicks" of one. On the stories alone, a clipped
    first name joins a full name ("Pras" of Prasetyo Hadi), and so does a short name spelt like one that
    joined ("Affifudin" as "Afifuddin", Muhammad Afifuddin);
``spelling``
    two full names of people that differ in one word by a letter or two ("Gibran Rakabubing Raka",
    "Mochammad Afifuddin"), or by a word of the language glued to the end of one ("Purbaya Yudhi
    Sadewabuka", :func:`glued`), are one person, the name written in more articles, when they share a story or
    something their stories mention (:class:`Context`); a definition's variant long
    forms too ("Badan Pusat Statistika" beside "Badan Pusat Statistik", both defined as BPS). Places and
    one-word names are never merged on spelling alone: Badung is not Bandung, nor Serang Semarang;
``initials``
    an acronym never defined in the corpus is the one multi-word name of its type whose initials it is
    ("BPS" and Badan Pusat Statistik), an acronym among its words giving all its letters ("PDIP", "PDI-P"
    and PDI Perjuangan);
``syllabic``
    a syllabic abbreviation ("Kemenkeu", "Jabar", "Sumut") is the one name of its type, in the corpus or in
    the province list, whose words it abbreviates (:func:`pipeline.acronyms.syllabic`); of several, the one
    province ("Jatim" fits Jawa Timur and Jakarta Timur: the province owns the form);
``letters``
    an acronym never defined that no name's initials give is the one name written in an article with it
    whose initials it is with some further letters of its words ("PT AJS" beside PT Asuransi Jiwasraya).

Every merge can be vetoed: a ``DIFFERENT`` row of the alias table (``Prabowo,Listyo Sigit Prabowo,DIFFERENT``)
keeps the two names apart whatever the rules say, on every run. The merges, the vetoed ones and the
ambiguous names are what the review report (``resolution.csv``) lists.

Example:
    >>> names = pd.DataFrame({"name": ["Prabowo Subianto", "Prabowo", "Listyo Sigit Prabowo"],
    ...     "type": "PERSON", "articles": [70, 20, 2]})
    >>> [(m.alias, m.canonical, m.rule) for m in propose(names, {})[0]]
    [('Prabowo', 'Prabowo Subianto', 'short-name')]
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pandas as pd

from pipeline.acronyms import (
    PREFIXES,
    content_words,
    initials,
    initials_and_letters,
    initials_of,
    syllabic,
)
from pipeline.gazetteer import name_key
from pipeline.paths import resource, resource_lines
from pipeline.titles import titles

#: a short name joins the dominant full name when that is written in this many times as many articles
DOMINANCE = 3
#: a short name whose stories share nothing with its candidate's is kept apart when both mention this many
#: other names (with fewer, a short report, the context says nothing)
RICH_CONTEXT = 5
#: a short name joins the candidate whose stories share this much with its own (:meth:`Context.affinity`,
#: about two names written in a handful of articles each), and :data:`DOMINANCE` times what any other shares
CLEAR_AFFINITY = 10.0
#: a first name that opens this many full names in the corpus is too common to call a person by
COMMON_FIRST_NAME = 3
#: what may follow an organisation's name and still name the same organisation
REPUBLIC_SUFFIXES = (" RI", " Republik Indonesia")
#: what may precede a province's name and still name the province ("Provinsi Jawa Barat", "DKI Jakarta")
REGION_PREFIXES = ("Provinsi ", "DKI ")
#: words an organisation's name may open with or go without: (word, rule, evidence)
_HEADS = (
    ("Partai ", "party", "the same party without 'Partai'"),
    ("PT ", "firm", "the same firm without its legal form 'PT'"),
    ("The ", "article", "the same name without the English article 'The'"),
)
#: types a name may be merged across; LOCATION only by the abbreviation rules
ORGANISATION_TYPES = frozenset({"ORGANISATION", "LOCATION", "COUNTRY"})


@dataclass(frozen=True)
class Merge:
    """A rule's proposal that ``alias`` names the same entity as ``canonical``."""

    alias: str
    canonical: str
    rule: str
    evidence: str


@dataclass(frozen=True)
class Ambiguous:
    """A name that several entities could own; it is kept apart and listed for review."""

    alias: str
    candidates: tuple[str, ...]
    rule: str
    evidence: str


def _grouped(pairs: Iterable[tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The values paired with each key. Why a loop: pandas' groupby builds a Series per group, 4,000 of
    them on detik-2025, a tenth of normalising the corpus again when one article is added."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, value in pairs:
        found[key].add(value)
    return {key: frozenset(values) for key, values in found.items()}


@dataclass(frozen=True)
class Context:
    """Which names each article mentions: whether two names were written about the same things.

    Why: two full names a letter apart are one person misspelt ("Gibran Rakabubing Raka") only when they
    share a story; "Zainal Abidin", a police officer in Sekadau, and "Zaenal Abidin", who chairs an alumni
    association, are written in different stories with nothing in common.
    """

    articles: dict[str, frozenset[str]]  # name -> the articles it is written in
    names: dict[str, frozenset[str]]  # article -> the names written in it
    ranks: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> the ranks written before it
    regions: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> the regions written before it

    @classmethod
    def of(cls, mentions: pd.DataFrame) -> Context:
        """From mentions with ``article`` and ``name`` columns, and ``rank`` and ``region`` where they have them
        (the police or army rank, or the regency, written right before the mention; "" for none)."""
        articles, names = mentions["article"].tolist(), mentions["name"].tolist()

        def before(column: str) -> dict[str, frozenset[str]]:
            if column not in mentions:
                return {}
            return _grouped((n, r) for n, r in zip(names, mentions[column].tolist()) if r != "")

        return cls(
            _grouped(zip(names, articles)), _grouped(zip(articles, names)), before("rank"), before("region")
        )

    def other_regions(self, one: str, other: str) -> bool:
        """Whether both names are written after a region, and never after the same one: local officials of
        two regencies ("Sekwan Bantaeng Saharuddin", "Pemkab Bone Andi Saharuddin")."""
        mine, theirs = self.regions.get(one, frozenset()), self.regions.get(other, frozenset())
        return bool(mine and theirs) and not mine & theirs

    def affinity(self, short: str, full: str) -> float:
        """How much the stories of ``short`` and of ``full`` (each without the other) mention the same
        things: the names both write, each weighted by how rare it is in the corpus (log N / articles), so
        sharing "Indonesia" counts little and sharing "KPK" or "Kemensetneg" much."""
        mine, theirs = self.around(short, full)
        total = len(self.names)
        return sum(math.log(total / len(self.articles[name])) for name in mine & theirs)

    def around(self, one: str, other: str) -> tuple[set[str], set[str]]:
        """The names written around ``one`` in its articles, and around ``other`` in its articles that are
        not ``one``'s, both names left out."""
        mine = self.articles.get(one, frozenset())
        theirs = self.articles.get(other, frozenset()) - mine

        def written(articles: frozenset[str]) -> set[str]:
            return set().union(*(self.names[a] for a in articles)) - {one, other}

        return written(mine), written(theirs)

    def together(self, one: str, other: str) -> bool:
        """Whether the two names are written in one article."""
        return bool(self.articles.get(one, frozenset()) & self.articles.get(other, frozenset()))

    def shared(self, one: str, other: str) -> bool:
        """Whether the two names are written in one article, or their articles share another name."""
        if self.together(one, other):
            return True
        mine, theirs = self.around(one, other)
        return bool(mine & theirs)


def propose(
    names: pd.DataFrame,
    definitions: dict[str, dict[str, str]],
    places: Iterable[str] = (),
    context: Context | None = None,
    vocabulary: frozenset[str] = frozenset(),
) -> tuple[list[Merge], list[Ambiguous]]:
    """Merges and ambiguous names for a corpus.

    ``names`` has one row per distinct entity name with its ``type`` and the number of ``articles`` it is
    written in; ``definitions`` maps each article to the short -> long definitions made in it; ``places``
    are names of regions known without the corpus (the province list), candidates for abbreviations;
    ``context``, where given, is what the articles mention, which a spelling merge needs in common;
    ``vocabulary`` holds the words the corpus writes in lower case, which a name may have glued to its end.
    """
    merges: list[Merge] = []
    ambiguous: list[Ambiguous] = []
    types = dict(zip(names["name"], names["type"]))
    articles = dict(zip(names["name"], names["articles"]))
    defined: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )  # short -> long -> articles
    for article in sorted(definitions):
        for short, long in definitions[article].items():
            defined[short][long].append(article)
    for short in sorted(defined):
        found, unclear = _definitions(short, defined[short])
        merges += found
        ambiguous += unclear
    merges += _expansions(types, {m.alias: m.canonical for m in merges if m.rule == "definition"})
    spellings = _spellings(types, articles, context, vocabulary)
    merges += spellings
    merges += _suffixes(types)
    found, unclear = _short_names(types, articles, {m.alias: m.canonical for m in spellings}, context)
    merges += found
    ambiguous += unclear
    joined = apply(merges, []).renames  # "Otorita IKN" and "Otorita Ibu Kota Nusantara" are one by now
    merges += _abbreviations(types, set(defined), places, context, joined)
    return merges, ambiguous


def _definitions(short: str, longs: dict[str, list[str]]) -> tuple[list[Merge], list[Ambiguous]]:
    """The merges of one short form's definitions: to its one long form, or to the variant the most
    articles define when all long forms are spellings of one name; ambiguous when they name different
    things ("PBB": Perserikatan Bangsa-Bangsa and Pajak Bumi dan Bangunan)."""
    ranked = sorted(longs, key=lambda long: (-len(longs[long]), long))
    main = next(
        (long for long in ranked if ranked[0] in _ends(long)), ranked[0]
    )  # "Yusuf" -> "Saifullah Yusuf"
    others = [long for long in ranked if long != main]
    if all(long in _ends(main) or variant(long, main, loose=True) for long in others):
        evidence = f"defined in {', '.join(longs[main][:3])}"
        merges = [Merge(short, main, "definition", evidence)]
        merges += [Merge(long, main, "spelling", f"both defined as {short}") for long in others]
        return merges, []
    where = "; ".join(f"{long} in {len(longs[long])} ({', '.join(longs[long][:3])})" for long in ranked)
    if len(longs[ranked[0]]) >= DOMINANCE * len(longs[ranked[1]]):
        # "IKN": Ibu Kota Nusantara in 11 articles, Ibu Kota Negara in 2; those 2 keep their own reading
        return [Merge(short, ranked[0], "definition", f"mostly defined as {where}")], []
    return [], [Ambiguous(short, tuple(ranked), "definition", f"defined as {where}")]


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalnum())


def variant(one: str, other: str, loose: bool = False) -> bool:
    """Whether two names are spellings of one name: equal but for case, function words and punctuation,
    or one word of six letters or more off by a letter or two. ``loose`` (for two long forms of one defined
    short form) lets the word be shorter, and longer by a suffix ("Makanan Bergizi Gratis", "Makan ...").

    Example:
        >>> variant("Data Tunggal Sosial dan Ekonomi Nasional", "Data Tunggal Sosial Ekonomi Nasional")
        True
        >>> variant("Sumatra Utara", "Sumatera Utara"), variant("Jawa Barat", "Jawa Timur")
        (True, False)
        >>> variant("Budi Santoso", "Budi Susanto"), variant("Ali Haji", "Ali Hajo")  # too far; too short
        (False, False)
    """
    a, b = content_words(one), content_words(other)
    if [_letters(w) for w in a] == [_letters(w) for w in b]:
        return True
    if len(a) != len(b):
        return False
    differing = [(x.casefold(), y.casefold()) for x, y in zip(a, b) if _letters(x) != _letters(y)]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if loose and (x.startswith(y) or y.startswith(x)) and abs(len(x) - len(y)) <= 3:
        return True
    return min(len(x), len(y)) >= (4 if loose else 6) and x[0] == y[0] and _edits(x, y) <= 2


def glued(name: str, other: str, words: frozenset[str]) -> bool:
    """Whether ``name`` is ``other`` with a word of the language glued to its end, as scraped text loses the
    space after a name ("Purbaya Yudhi Sadewabuka suara": "buka"); a word of three letters or more the
    corpus writes in lower case, so "Wijayanto" is no "Wijaya" with "nto".

    Example:
        >>> glued("Purbaya Yudhi Sadewabuka", "Purbaya Yudhi Sadewa", frozenset({"buka"}))
        True
        >>> glued("Teddy Wijayanto", "Teddy Wijaya", frozenset({"buka"}))
        False
    """
    tail = name[len(other) :]
    return " " in other and name.startswith(other) and len(tail) >= 3 and tail in words


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (the words compared are short)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _spellings(
    types: dict[str, str],
    articles: dict[str, int],
    context: Context | None = None,
    vocabulary: frozenset[str] = frozenset(),
) -> list[Merge]:
    """Full names of people that are spellings of one name, to the one written in the most articles, where
    the ``context`` shows them in one story or in stories about the same things (:class:`Context`). A name
    with a word of the ``vocabulary`` glued to its end is the name (:func:`glued`). Names of organisations
    too, where one article writes both and the word that differs begins with the same two letters: a typo
    in that article ("Bank Sentra Swiss" beside "Bank Sentral Swiss", "PT Praba Indopersasa" beside "PT
    Praba Indopersada"), not an office beside its body ("Kakorlantas Polri", "Korlantas Polri").

    Names are grouped by type, number of words and their first letters, so only a few are compared.
    """
    groups: dict[tuple, list[str]] = defaultdict(list)
    for name, kind in types.items():
        words = content_words(name)
        if kind in ("PERSON", "ORGANISATION") and len(words) >= 2:
            groups[(kind, len(words), tuple(w[0].casefold() for w in words))].append(name)
    # an organisation's spelling written in as many articles as another: the one whose words the corpus's
    # other names write more ("Bank Sentral Swiss", not "Bank Sentra Swiss")
    usage = Counter(w.casefold() for name in types for w in set(content_words(name)))
    merges = []
    for (kind, *_), names in groups.items():
        support = {n: sum(usage[w.casefold()] for w in content_words(n)) if kind == "ORGANISATION" else 0
                   for n in names}  # fmt: skip
        ranked = sorted(names, key=lambda n: (-articles[n], -support[n], n))
        for i, name in enumerate(ranked[1:], 1):
            better = next((n for n in ranked[:i] if _spelt_alike(kind, name, n, context, vocabulary)), None)
            if better is not None:
                merges.append(Merge(name, better, "spelling", f"{better}: {articles[better]} articles"))
    return merges


def _spelt_alike(
    kind: str, name: str, other: str, context: Context | None, vocabulary: frozenset[str]
) -> bool:
    """Whether two names of one type are spellings of one name (:func:`_spellings`): people's where their
    stories are shared, organisations' where one article writes both (:func:`_typo`)."""
    if _letters(name) == _letters(other):
        return False
    if kind == "PERSON":
        alike = variant(name, other) or glued(name, other, vocabulary)
        return alike and (context is None or context.shared(name, other))
    return context is not None and context.together(name, other) and _typo(name, other)


def _typo(one: str, other: str) -> bool:
    """Whether two names of organisations are one misspelt: spellings of one name (:func:`variant`) whose
    differing words, if any, begin with the same two letters and are no title (an office is no spelling of
    its body: "Kakorlantas Polri", "Dirjen Pajak" beside "Ditjen Pajak").

    Example:
        >>> _typo("Bank Sentra Swiss", "Bank Sentral Swiss"), _typo("Kakorlantas Polri", "Korlantas Polri")
        (True, False)
        >>> _typo("Dirjen Pajak", "Ditjen Pajak")
        False
    """
    differing = [
        (x, y) for x, y in zip(content_words(one), content_words(other)) if _letters(x) != _letters(y)
    ]
    return variant(one, other) and all(
        x[:2].casefold() == y[:2].casefold() and not {x.casefold(), y.casefold()} & titles()
        for x, y in differing
    )


@cache
def short_forms() -> dict[str, str]:
    """Standard short forms of institutions' head words -> the words written out ("Ditjen" -> "Direktorat
    Jenderal"), from ``resources/short_forms.csv``."""
    lines = [line for _, line in resource_lines(resource("short_forms.csv"))]
    return {row["short"]: row["long"] for row in csv.DictReader(lines)}


def written_out(name: str, defined: dict[str, str]) -> str:
    """``name`` with its defined short forms (``defined``) and standard ones (:func:`short_forms`) written
    out; a word the long form opens with is not written twice ("Bank BJB": Bank Pembangunan Daerah ...).

    Example:
        >>> written_out("Bank BJB", {"BJB": "Bank Pembangunan Daerah Jawa Barat dan Banten"})
        'Bank Pembangunan Daerah Jawa Barat dan Banten'
        >>> written_out("Ditjen Pajak", {})
        'Direktorat Jenderal Pajak'
    """
    out: list[str] = []
    for i, word in enumerate(name.split()):
        long = defined.get(word) or (short_forms().get(word) if i == 0 else None) or word
        parts = long.split()
        if out and len(parts) > 1 and parts[0] == out[-1]:
            parts = parts[1:]  # "Bank" + "Bank Pembangunan Daerah ...": one head word
        out += parts
    return " ".join(out)


def _expansions(types: dict[str, str], defined: dict[str, str]) -> list[Merge]:
    """Names with a short form among their words, defined in the corpus ("Kementerian PU") or standard
    ("Ditjen Pajak"), to the same name with the long form written out (:func:`written_out`)."""
    standard = short_forms()
    merges = []
    for name, kind in sorted(types.items()):
        words = name.split()
        if len(words) < 2 or not (any(w in defined for w in words) or words[0] in standard):
            continue
        written = written_out(name, defined)
        if written != name and types.get(written) == kind:
            merges.append(Merge(name, written, "expansion", f"{name} with its short forms written out"))
    return merges


def _suffixes(types: dict[str, str]) -> list[Merge]:
    """ "DPR RI" -> "DPR" where the corpus writes "DPR"; "Partai Gerindra" <-> "Gerindra" (to the form
    written in more places: the table has no counts here, so to the one with the word Partai, a party's full
    name)."""
    merges = []
    for name, kind in sorted(types.items()):
        if kind != "ORGANISATION":
            continue
        # only to a name the corpus writes: not "Kepolisian Negara", nor "Universitas Kebangsaan"
        for suffix in REPUBLIC_SUFFIXES:
            if name.endswith(suffix) and types.get(name[: -len(suffix)]) == "ORGANISATION":
                merges.append(
                    Merge(name, name[: -len(suffix)], "suffix", f"'{suffix.strip()}': of the Republic")
                )
        for head, rule, why in _HEADS:
            if name.startswith(head) and types.get(name[len(head) :]) == "ORGANISATION":
                merges.append(Merge(name[len(head) :], name, rule, why))
    for name, kind in sorted(types.items()):
        for prefix in REGION_PREFIXES:
            if (
                kind == "LOCATION"
                and name.startswith(prefix)
                and types.get(name[len(prefix) :]) == "LOCATION"
            ):
                merges.append(
                    Merge(name, name[len(prefix) :], "suffix", f"'{prefix.strip()}': the region itself")
                )
    return merges


def _ends(name: str) -> set[str]:
    """The shorter names a full name begins or ends with ("Sri Mulyani", "Indrawati", "Sri")."""
    parts = name.split()
    return {" ".join(parts[:n]) for n in range(1, len(parts))} | {
        " ".join(parts[n:]) for n in range(1, len(parts))
    }


def _parts(name: str, common: set[str]) -> set[str]:
    """The shorter names a person may go by: those the full name begins or ends with, and, after a first
    name shared by many people (``common``: "Muhammad", "Ahmad", Bali's "I"), each inner name: Ahmad Doli
    Kurnia is "Doli", Muhammad Tito Karnavian "Tito". After a rarer first name the inner one is no name
    of its own (Munir Said Thalib is not the "Said" of Said Abdullah)."""
    words = name.split()
    return _ends(name) | (set(words[1:-1]) if words[0] in common else set())


def _doubles_single(name: str) -> str:
    """A name with its doubled letters single and its case folded: Indonesian names double consonants at will
    ("Affifudin" and "Afifuddin", "Muhamad" and "Muhammad").

    Example:
        >>> _doubles_single("Affifudin") == _doubles_single("Afifuddin")
        True
    """
    return re.sub(r"(.)\1+", r"\1", name.casefold())


def _short_names(
    types: dict[str, str], articles: dict[str, int], spelled: dict[str, str], context: Context | None = None
) -> tuple[list[Merge], list[Ambiguous]]:
    """A person's shorter name to the full name it is part of, when one fits or one clearly dominates,
    unless (with a ``context``) the stories speak against it (:func:`_unsupported`).

    Spellings of one full name (``spelled``: variant -> name) count as one candidate, with their articles;
    a short name matches a part of a full name with its doubled letters single ("Affifudin" is the
    "Afifuddin" of Muhammad Afifuddin). A short name that is no candidate's on its own, being written in
    more than twice as many articles as the full name, follows a spelling of it that joined one when their
    stories clearly share (:func:`_siblings`): "Affifudin", in seven articles on the KPU, is its chair
    Muhammad Afifuddin, as "Afifuddin" is, though three articles write his full name.
    """
    written: dict[str, int] = defaultdict(int)
    for name, count in articles.items():
        written[spelled.get(name, name)] += count
    people = defaultdict(list)  # spelling key -> the person names written so
    for name, kind in types.items():
        if kind == "PERSON":
            people[_doubles_single(name)].append(name)
    openers = Counter(name.split()[0] for name, kind in types.items() if kind == "PERSON" and " " in name)
    common = {word for word, count in openers.items() if count >= COMMON_FIRST_NAME}
    fuller: dict[str, set[str]] = defaultdict(set)
    for name, kind in types.items():
        full = spelled.get(name, name)
        for run in _parts(name, common) if kind == "PERSON" else ():
            for short in people.get(_doubles_single(run), ()):
                if 2 * written[full] >= articles[short]:
                    fuller[short].add(full)
    merges, ambiguous = [], []
    for short in sorted(fuller):
        ranked = sorted(fuller[short], key=lambda n: (-written[n], n))
        counts = ", ".join(f"{n}: {written[n]} articles" for n in ranked)
        closest = against = None
        if context is not None:  # each candidate's affinity, computed once for both tests
            scores = {name: context.affinity(short, name) for name in ranked}
            closest = _closest(short, scores, context)
            against = _unsupported(short, ranked, scores, context) if closest is None else None
        if closest is not None:
            merges.append(Merge(short, closest[0], "short-name", f"{counts}; {closest[1]}"))
        elif against is not None:
            ambiguous.append(Ambiguous(short, tuple(ranked), "short-name", f"{counts}; {against}"))
        elif len(ranked) == 1 or written[ranked[0]] >= DOMINANCE * written[ranked[1]]:
            merges.append(Merge(short, ranked[0], "short-name", counts))
        else:
            ambiguous.append(Ambiguous(short, tuple(ranked), "short-name", counts))
    if context is not None:
        merges += _siblings(people, merges, context)
        merges += _clippings(types, set(fuller) | {m.alias for m in merges}, context)
    return merges, ambiguous


def _clippings(types: dict[str, str], taken: set[str], context: Context) -> list[Merge]:
    """One-word names of people that begin a word of full names ("Pras" of Prasetyo Hadi), to the one whose
    stories clearly share with theirs (:func:`_closest`): a clipped nickname is no evidence on its own."""
    by_start: dict[str, set[str]] = defaultdict(set)  # a word's first four letters -> the names holding it
    for name, kind in types.items():
        for word in name.split() if kind == "PERSON" and " " in name else ():
            by_start[word[:4].casefold()].add(name)
    found = []
    for short, kind in sorted(types.items()):
        if kind != "PERSON" or " " in short or short in taken or len(short) < 4 or not short.isalpha():
            continue
        fold = short.casefold()
        ranked = sorted(
            n
            for n in by_start[fold[:4]]
            if any(w.casefold().startswith(fold) and w.casefold() != fold for w in n.split())
        )
        closest = (
            _closest(short, {n: context.affinity(short, n) for n in ranked}, context) if ranked else None
        )
        if closest is not None:
            found.append(Merge(short, closest[0], "short-name", f"a clipping of {closest[0]}; {closest[1]}"))
    return found


def _siblings(people: dict[str, list[str]], merges: list[Merge], context: Context) -> list[Merge]:
    """One-word names written like a short name that joined a full name (the same letters, some doubled
    or not), whose stories clearly share with its (:data:`CLEAR_AFFINITY`): the same name, so the same
    person."""
    joined = {m.alias: m.canonical for m in merges}
    found = []
    for names in people.values():
        done = [n for n in names if n in joined and " " not in n]
        for short in (n for n in names if done and n not in joined and " " not in n):
            score, sibling = max((context.affinity(short, n), n) for n in done)
            if score >= CLEAR_AFFINITY:
                why = f"written like {sibling}, whose stories it shares ({score:.1f})"
                found.append(Merge(short, joined[sibling], "short-name", why))
    return found


def _closest(short: str, scores: dict[str, float], context: Context) -> tuple[str, str] | None:
    """The candidate whose stories clearly share most with the short name's (``scores``: candidate -> its
    :meth:`Context.affinity`), and why, or None: at least :data:`CLEAR_AFFINITY`, and :data:`DOMINANCE`
    times what any other candidate's share; never one written after another region. The articles a
    short name is written in say who it is better than how often each full name is written elsewhere."""
    ranked = sorted(
        ((score, name) for name, score in scores.items() if not context.other_regions(short, name)),
        key=lambda s: (-s[0], s[1]),
    )
    if not ranked:
        return None
    best, name = ranked[0]
    runner = ranked[1][0] if len(ranked) > 1 else 0.0
    if best >= CLEAR_AFFINITY and best >= DOMINANCE * runner:
        return name, f"its stories share far more with {name} ({best:.1f}) than with any other ({runner:.1f})"
    return None


def _unsupported(short: str, ranked: list[str], scores: dict[str, float], context: Context) -> str | None:
    """Why the story context speaks against joining ``short`` to the most written candidate, or None.

    - another candidate's stories share more with the short name's (:meth:`Context.affinity`): "Prasetyo"
      in a story on the cabinet is not Budi Prasetyo, the KPK's spokesman, though he is written in more
      articles;
    - each is written after a region, never the same one: "Sekwan Bantaeng Saharuddin" is not "Pemkab Bone
      Andi Saharuddin", though both are South Sulawesi stories;
    - the two share no story, no name and no rank before them ("Kombes Susatyo" and "Kombes Susatyo
      Purnomo Condro" share one), though each has :data:`RICH_CONTEXT` names around it: a union leader
      "Suharyanto" is not police general Toto Suharyanto, nor a student "Dwi" Dwi Astuti.
      Where either side mentions little (a short report), there is no evidence either way, and prominence
      decides as before.
    """
    if context.other_regions(short, ranked[0]):
        mine, theirs = sorted(context.regions[short]), sorted(context.regions[ranked[0]])
        return f"written after {', '.join(mine)}, {ranked[0]} after {', '.join(theirs)}"
    best = max(ranked, key=lambda name: scores[name])
    if scores[best] > scores[ranked[0]]:
        closer, top = f"{best} ({scores[best]:.1f})", f"{ranked[0]} ({scores[ranked[0]]:.1f})"
        return f"its stories share more with {closer} than with {top}"
    top = ranked[0]
    same_rank = context.ranks.get(short, frozenset()) & context.ranks.get(top, frozenset())
    if scores[top] == 0 and not context.together(short, top) and not same_rank:
        if min(len(names) for names in context.around(short, top)) >= RICH_CONTEXT:
            return f"its stories share no name with {top}'s"
    return None


def _bare(name: str) -> str:
    """A name without the head word it may go without ("PT AJS": "AJS"; see :data:`_HEADS`)."""
    return next((name[len(head) :] for head, _, _ in _HEADS if name.startswith(head)), name)


def _fitting_beside(short: str, kind: str, types: dict[str, str], context: Context) -> list[str]:
    """The multi-word names of ``kind`` written in an article with the acronym ``short`` whose initials it
    is with some further letters of their words (:func:`initials_and_letters`): "PT AJS" and PT Asuransi
    Jiwasraya. Only beside it: across a corpus, so loose a fit finds names by chance."""
    letters = _bare(short)
    beside = set().union(*(context.names[a] for a in context.articles.get(short, ())))
    return sorted(
        name
        for name in beside
        if types.get(name) == kind
        and len(_bare(name).split()) >= 2
        and initials_and_letters(letters, _bare(name))
    )


def _abbreviations(
    types: dict[str, str],
    defined: set[str],
    places: Iterable[str],
    context: Context | None = None,
    joined: dict[str, str] | None = None,
) -> list[Merge]:
    """Acronyms and syllabic abbreviations never defined in the corpus, to the one name of their type
    that they fit; a short form that fits two names is left alone, unless the other rules already made
    them one (``joined``: name -> its entity's name; "OIKN" fits Otorita IKN and Otorita Ibu Kota
    Nusantara). An acronym no name's initials give is, with a ``context``, the one name written beside it
    whose letters it takes (:func:`_fitting_beside`).

    Long forms are indexed by what a short form must begin with (their initials; the first two letters of
    their first word, or of that word without its prefix), so each short form is checked against the few
    names it could abbreviate, not against every name of the corpus.
    """
    by_initials: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_start: dict[tuple[str, str], list[str]] = defaultdict(list)
    longs = [(n, k) for n, k in types.items() if len(n.split()) >= 2 and k in ORGANISATION_TYPES]
    known_places = set(places)
    longs += [(place, "LOCATION") for place in sorted(known_places) if place not in types]
    for name, kind in longs:
        words = content_words(name)
        if not words:
            continue
        for letters in initials_of(name):
            by_initials[(kind, letters)].append(name)
        first = words[0].lower()
        stems = {first} | {first[len(p) :] for p in PREFIXES if first.startswith(p)}
        for start in {stem[:2] for stem in stems if len(stem) >= 2}:
            by_start[(kind, start)].append(name)
    merges = []
    for short, kind in sorted(types.items()):
        bare = _bare(short)
        if short in defined or " " in bare or kind not in ORGANISATION_TYPES or len(bare) < 3:
            continue
        letters = bare.replace("-", "")
        if bare.isupper() and letters.isalpha():
            fits, rule = [n for n in by_initials[(kind, letters)] if initials(bare, n)], "initials"
            if not fits and context is not None:
                fits, rule = _fitting_beside(short, kind, types, context), "letters"
        elif " " in short:
            continue
        elif len(short) >= 4 and short[1:].islower():
            fits, rule = [n for n in by_start[(kind, short[:2].lower())] if syllabic(short, n)], "syllabic"
        else:
            continue
        provinces = [n for n in fits if n in known_places]
        entities = {(joined or {}).get(n, n) for n in fits}
        if len(entities) == 1:
            merges.append(Merge(short, entities.pop(), rule, f"the only {kind.lower()} it abbreviates"))
        elif len(provinces) == 1:  # "Jatim" is Jawa Timur, not Jakarta Timur: provinces own these forms
            merges.append(
                Merge(short, provinces[0], rule, f"the only province it abbreviates (of {len(fits)})")
            )
    return merges


@dataclass(frozen=True)
class Resolution:
    """The outcome: name -> the name of its entity, and what was applied, vetoed and left ambiguous."""

    renames: dict[str, str]
    applied: list[Merge]
    vetoed: list[Merge]
    ambiguous: list[Ambiguous]


def apply(
    merges: list[Merge], ambiguous: list[Ambiguous], vetoes: Iterable[tuple[str, str]] = ()
) -> Resolution:
    """Join the names merge by merge, unless a veto stands between the two groups being joined.

    A group's name is that of the merge target that founded it, so chains resolve ("KPU RI" -> "KPU" ->
    "Komisi Pemilihan Umum"); a merge whose alias already belongs to another group is not applied twice.
    Vetoes compare names as the alias table does (case-insensitively, acronyms exactly).

    Example:
        >>> out = apply([Merge("KPU RI", "KPU", "suffix", ""), Merge("KPU", "Komisi Pemilihan Umum", "initials", "")],
        ...             [], vetoes=[])
        >>> out.renames
        {'KPU': 'Komisi Pemilihan Umum', 'KPU RI': 'Komisi Pemilihan Umum'}
    """
    blocked = {frozenset((name_key(a), name_key(b))) for a, b in vetoes}
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = defaultdict(set)

    def root(name: str) -> str:
        while name in parent:
            name = parent[name]
        return name

    applied, vetoed = [], []
    for merge in merges:
        a, b = root(merge.alias), root(merge.canonical)
        if a == b or merge.alias in parent:
            continue
        group_a, group_b = members[a] | {a}, members[b] | {b}
        if any(frozenset((name_key(x), name_key(y))) in blocked for x in group_a for y in group_b):
            vetoed.append(merge)
            continue
        parent[a] = b
        members[b] |= group_a
        applied.append(merge)
    renames = {name: root(name) for name in sorted(parent)}
    return Resolution(renames, applied, vetoed, [x for x in ambiguous if x.alias not in renames])
