"""Entity resolution measured on the real development corpus (issue 25): are the people and bodies each
article is about found, as one entity each, and kept apart from the others?

Reads a finished run (``--out OUT``: ``mentions.csv``, ``entities.csv``) of the pipeline on the Detik
development corpus and scores it against two independent references:

1. **Stakeholder recall per article.** The dataset authors listed, per article, the stakeholders as the
   article names them. Two kinds of those strings have a checkable meaning (all comparisons on
   :func:`words`: casefolded, accents, mojibake and edge punctuation removed):

   - *titled persons* ("Gubernur Riau Abdul Wahid", "Presiden ke-7 Joko Widodo (Jokowi)"): the string
     starts with a title of ``pipeline/resources/titles.txt`` or :data:`EXTRA_TITLES`; the name is the
     trailing run of capitalised words after the last title, cut after the last acronym in it, and a
     bracket at the end is a nickname (:func:`parse_titled`). Found when a PERSON entity mentioned in that
     article has a label or alias that is the nickname, a trailing part of the name ("Abdul Wahid",
     "Wahid"), or a longer form holding a trailing part of two or more words ("Kang Dedi Mulyadi") or the
     whole one-word name ("Purbaya Yudhi Sadewa" for "Menteri Purbaya"), or the whole name or a trailing
     part of two or more words in another spelling ("Zaenal Abidin" for "Zainal Abidin", "Soemitro" for
     "Sumitro": :func:`spelled_alike`), and its *label* does not
     contradict the name (shares a word with it without matching it: "Prabowo Subianto" never counts for
     "Listyo Sigit Prabowo", whatever aliases a wrong merge gave it) (:func:`person_found`);
   - *bracketed names* ("Badan Pusat Statistik (BPS)", also "BPS (Badan Pusat Statistik)") where the
     bracket abbreviates the rest (:func:`parse_bracketed`): found, the figure the aim is for, when one
     ORGANISATION, LOCATION or COUNTRY entity of that article holds every form the article writes (one at
     least) as label or aliases (:func:`bracketed_as_written`); stricter, *both forms in one entity* when
     such an entity holds both, written or not; *at all* when any entity there holds either; a long form
     may lose a first "PT" or "The" ("Bank Negara Indonesia" for "PT Bank Negara Indonesia"), an acronym
     may gain the long form's first word ("Kementerian PKP").

   Each class is also reported over the strings whose name (or both forms) the article text writes, since
   the stakeholder lists sometimes spell a name the article does not. Every miss goes to
   ``OUT/resolution-misses.txt`` with the article's closest entities.
2. **Cluster checks** from ``benchmarks/detik_clusters.csv`` (``kind,forms,note``): a ``same`` row passes
   when one entity holds all its forms as label or aliases, an ``apart`` row when no entity holds two.
3. **Fragmentation**: the 30 entities in most articles, and for each person among the 100 leading entities
   the entities whose label shares a word with it (missed merges?), in ``OUT/resolution-fragments.txt``.

Run ``python -m benchmarks.resolution --out OUT`` (``--json`` prints one JSON object instead of the table).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.paths import ROOT

DATASETS = ROOT.parent / "shared" / "datasets" / "news"
STAKEHOLDERS = DATASETS / "detik-2025-stakeholders.jsonl"
CORPUS = DATASETS / "detik-2025" / "articles.jsonl"
CLUSTERS = Path(__file__).resolve().parent / "detik_clusters.csv"

#: the issue's aims, percent
AIM_TITLED, AIM_BRACKETED = 97.0, 95.0

#: offices, ranks and roles that open stakeholder strings of this corpus but are not in titles.txt; the
#: class is titles.txt plus these, so it does not shrink or grow with the pipeline's own list
EXTRA_TITLES = frozenset(
    """menko mensos mensesneg mendikdasmen menaker wamen wamenkeu wamensos wamenkomdigi wamensesneg wamenaker
    wamendagri seskab sekda sestama kapolri kapolda kapolres kapolresta kapolrestabes kapolsek wakapolda
    wakapolres kakorlantas kapuspen kapuspenkum kasat kasi kasubdit kasubbid kasubid kabid kadis kanit kajati
    kajari wadir plt plh pj deputi jaksa jpu hakim rektor dekan dosen peneliti pakar pengamat ekonom analis
    ceo founder pendiri dirut waketum ketum atase perbekel eks terdakwa tersangka terpidana pengusaha
    apoteker dokter humas koordinator komisioner pengajar pengadu brigjen irjen komjen kombes akbp akp
    kompol iptu ipda aiptu bripka brigadir letkol mayjen letda pol kades""".split()
) | {
    "jaksa agung",
    "jaksa penuntut umum",
    "hakim ketua",
    "staf ahli",
    "guru besar",
    "ketua umum",
    "wakil gubernur",
}

#: last words that end office-only stakeholder strings of this corpus ("Kepala Daerah", "Presiden Brasil",
#: "Kapolres Garut"): places and bodies, never the end of a personal name
NOT_NAME_WORDS = frozenset(
    """daerah kabinet putih ampat timur barat utara selatan tengah pusat garut medan kuta ciamis makassar
    brasil partai pemerintah ri sekuritas umum sekolah tambang sumut karanganyar sumatera""".split()
)


#: lower-case particles inside a personal name ("Charlotte de Montpellier")
PARTICLES = frozenset(
    {"de", "van", "von", "der", "den", "da", "dos", "du", "la", "le", "bin", "binti", "al", "el"}
)

#: first words a long form may lose ("Bank Negara Indonesia" for "PT Bank Negara Indonesia"), and first
#: words an all-capitals acronym may gain ("Kementerian PU", "Otorita IKN")
DROPPABLE_LEADS = frozenset({"pt", "the"})
ACRONYM_LEADS = frozenset({"pt", "kementerian", "otorita", "otoritas", "universitas", "institut"})
#: a firm's legal form after its name, which the name may go without ("... Energy Tbk")
DROPPABLE_TAILS = frozenset({"tbk"})

#: first words of bracketed strings that name a group of people or a thing, not a body ("Masyarakat
#: Berpenghasilan Rendah (MBR)", "Survei Penilaian Integritas (SPI)"), and whole generic long forms
#: ("Partai Politik (Parpol)"); and the long forms of this corpus that are persons with their initials
#: ("Ridwan Kamil (RK)"): a person is no bracketed *name* of a body
NOT_BODY_HEADS = frozenset(
    {
        "masyarakat",
        "keluarga",
        "warga",
        "pekerja",
        "tenaga",
        "penerima",
        "kelompok",
        "juru",
        "orang",
        "survei",
    }
)
GENERIC_LONG_FORMS = frozenset({("partai", "politik"), ("pemerintah", "daerah")})
PERSON_LONG_FORMS = frozenset({("ridwan", "kamil"), ("lisa", "mariana"), ("shin", "tae-yong")})

ORG_TYPES = frozenset({"ORGANISATION", "LOCATION", "COUNTRY"})

_BRACKET = re.compile(r"\(([^()]*)\)")
_QUOTED = re.compile(r"(?:^|(?<=\s))['\"‘“]([^'\"’”]+)['\"’”](?=\s|$)")
_EDGE = ".,;:!?'\"‘’“”()[]"
_LOWER_WORD = re.compile(r"(?<![\w'-])[a-z][a-z'-]*(?![\w'-])")


def not_name_words() -> frozenset[str]:
    """:data:`NOT_NAME_WORDS` and every country name the pipeline knows (CLDR via Babel), as :func:`words`
    joined by spaces: "Pengusaha Pakistan" names no person."""
    from pipeline.gazetteer import country_names

    return NOT_NAME_WORDS | {" ".join(words(name)) for name in country_names()}


Words = tuple[str, ...]


def demojibake(text: str) -> str:
    """UTF-8 read as cp1252, once or twice over, read back ("AntÃƒÂ³nio" -> "António"); else unchanged.

    Why: the corpus and its stakeholder file were scraped with this damage, each to a different depth.

    Example:
        >>> demojibake("AntÃƒÂ³nio"), demojibake("AntÃ³nio"), demojibake("Dody")
        ('António', 'António', 'Dody')
    """
    for _ in range(2):
        if not any(c in text for c in "ÃÂ"):
            break
        try:
            text = text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            break
    return text


def words(text: str) -> Words:
    """The comparable words of a name: casefolded, accents and edge punctuation removed, '/' splits.

    Why: the stakeholder lists, the aliases and the cluster file write the same name with different case,
    dots, accents and mojibake; comparisons are on these words, never on raw strings.

    Example:
        >>> words("Dedie A. Rachim"), words("António  Guterres"), words("Hilirisasi/Kepala")
        (('dedie', 'a', 'rachim'), ('antonio', 'guterres'), ('hilirisasi', 'kepala'))
    """
    text = demojibake(text)
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    out = (w.strip(_EDGE).casefold() for w in plain.replace("/", " ").split())
    return tuple(w for w in out if w)


def contains(longer: Words, shorter: Words) -> bool:
    """Whether ``shorter`` occurs as a contiguous run of words in ``longer``.

    Example:
        >>> contains(("purbaya", "yudhi", "sadewa"), ("yudhi", "sadewa")), contains(("a", "b"), ("b", "a"))
        (True, False)
    """
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


# --- the two stakeholder classes -------------------------------------------------------------------------


@dataclass(frozen=True)
class TitledPerson:
    """A stakeholder string read as title + name, e.g. "Menteri Keuangan (Menkeu) Purbaya Yudhi Sadewa".

    ``name`` is the run of capitalised words after the last title, ``nickname`` a trailing bracket or a
    quoted word ("Jokowi", "Appi"), ``known_title`` whether the leading title is in titles.txt itself.
    """

    text: str
    name: Words
    nickname: Words
    known_title: bool


@dataclass(frozen=True)
class BracketedName:
    """A stakeholder string "Long Form (ACR)" or "ACR (Long Form)", with the written variants it allows."""

    text: str
    long: Words
    short: Words
    long_forms: frozenset[Words]
    short_forms: frozenset[Words]


def _capitalised(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return bool(letters) and letters[0].isupper()


def _acronym(token: str) -> bool:
    """An acronym or Roman numeral ("KPK", "RI", "XI", "V"), not an initial ("A.", "M", "S.W.")."""
    letters = [c for c in token if c.isalpha()]
    return (
        "." not in token and (len(letters) >= 2 or token in {"V", "X"}) and all(c.isupper() for c in letters)
    )


def _title_spans(tokens: list[str], known: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) token indices of every title among the tokens, scanning left to right, longest first."""
    spans, i = [], 0
    while i < len(tokens):
        for n in range(min(5, len(tokens) - i), 0, -1):
            if " ".join(words(" ".join(tokens[i : i + n]))) in known:
                spans.append((i, i + n))
                i += n
                break
        else:
            i += 1
    return spans


def common_words(texts: Iterable[str], at_least: int = 3) -> frozenset[str]:
    """Words the texts write in lower case at least ``at_least`` times: common words, not names.

    Why: the stakeholder lists capitalise every word ("Pelaku Usaha", "Menteri Sosial Saifullah Yusuf");
    the articles themselves tell a common word ("usaha", "sosial") from a name ("Saifullah").

    Example:
        >>> sorted(common_words(["pelaku usaha dan usaha kecil", "Usaha Saifullah usaha"], at_least=2))
        ['usaha']
    """
    counts: Counter = Counter()
    for text in texts:
        counts.update(_LOWER_WORD.findall(demojibake(text)))
    return frozenset(w for w, n in counts.items() if n >= at_least)


def parse_titled(
    text: str,
    known_titles: frozenset[str],
    extra_titles: frozenset[str],
    not_names: frozenset[str],
    common: frozenset[str] = frozenset(),
) -> TitledPerson | None:
    """The stakeholder as a titled person, or None when it does not start with a title or end in a name.

    Rule, in order:

    1. brackets are removed; the last one, if it ends the string and holds one or two capitalised words
       that are no title, is the nickname ("(Jokowi)", "(Gus Ipul)"; not "(Sekjen UCLG ASPAC)"); a quoted
       word is one too ("Munafri 'Appi' Arifuddin");
    2. the string must start with a title (``known_titles`` or ``extra_titles``, longest match of up to
       five words), and some word must follow the last title ("Menteri Keuangan" alone names nobody);
    3. the name is the trailing run of capitalised words (lower-case particles such as "de" inside it)
       after the last title, cut after the last acronym or Roman numeral in it ("Ketua KPU Afifuddin");
       office words without capitals stay ("Gubernur Riau Abdul Wahid" -> "Riau Abdul Wahid"), which the
       matching tolerates by reading the name from its end;
    4. leading words of the name that the corpus writes in lower case (``common``, see
       :func:`common_words`) go while two words remain ("Menteri Sosial Saifullah Yusuf" -> "Saifullah
       Yusuf"); a name made of such words only is a group, not a person ("Pelaku Usaha", "Korban
       Penipuan");
    5. the name must end in a word with lower-case letters, and neither its last word nor the whole name
       may be a title or in ``not_names`` (places and bodies: "Kepala Daerah", "Presiden Brasil").

    Example:
        >>> t = frozenset({"presiden", "menteri keuangan", "gubernur", "ketua"})
        >>> p = parse_titled("Presiden ke-7 Joko Widodo (Jokowi)", t, frozenset(), frozenset())
        >>> p.name, p.nickname, p.known_title
        (('joko', 'widodo'), ('jokowi',), True)
        >>> parse_titled("Ketua KPU Afifuddin", t, frozenset(), frozenset()).name
        ('afifuddin',)
        >>> parse_titled("Gubernur Riau Abdul Wahid", t, frozenset(), frozenset()).name
        ('riau', 'abdul', 'wahid')
        >>> parse_titled("Presiden Brasil", t, frozenset(), frozenset({"brasil"})) is None
        True
        >>> common = frozenset({"sosial", "usaha"})
        >>> parse_titled("Ketua Sosial Budi Santoso", t, frozenset(), frozenset(), common).name
        ('budi', 'santoso')
        >>> parse_titled("Ketua Usaha", t, frozenset(), frozenset(), common) is None
        True
    """
    body, nickname = text.strip(), ()
    known = known_titles | extra_titles
    brackets = list(_BRACKET.finditer(body))
    if brackets and not body[brackets[-1].end() :].strip():
        inner = brackets[-1].group(1).split()
        if 0 < len(inner) <= 2 and all(_capitalised(w) and not set(w) & set(",/") for w in inner):
            nickname = words(" ".join(inner)) if not set(words(" ".join(inner))) & known else ()
    quoted = _QUOTED.search(body)
    if quoted and not nickname:
        nickname = words(quoted.group(1))
    tokens = _QUOTED.sub(" ", _BRACKET.sub(" ", body)).replace("/", " / ").split()
    spans = [span for span in _title_spans(tokens, known) if span[1] < len(tokens)]
    if not spans or spans[0][0] != 0:
        return None
    start = len(tokens)
    while start > spans[-1][1] and (
        _capitalised(tokens[start - 1]) or (tokens[start - 1] in PARTICLES and start < len(tokens))
    ):
        start -= 1
    run = tokens[start:]
    run = run[max((i + 1 for i, token in enumerate(run) if _acronym(token)), default=0) :]
    name = words(" ".join(run))
    if name and all(w in common for w in name):
        return None
    while len(name) > 2 and name[0] in common:
        name = name[1:]
    if not name or not any(c.islower() for c in run[-1]) or {name[-1], " ".join(name)} & (not_names | known):
        return None
    leading = " ".join(words(" ".join(tokens[: spans[0][1]])))
    return TitledPerson(text, name, nickname, leading in known_titles)


def is_abbreviation(short: str, long: str) -> bool:
    """Whether ``short`` can be read off ``long``: two or more letters, in order, the first one opening a
    word; shorter in words, not one of its words, no commas.

    Why: brackets in the stakeholder lists also hold roles and remarks ("KPM (Pelaku Judi Online)");
    only a bracket that abbreviates the rest makes a pair that one entity must hold.

    Example:
        >>> is_abbreviation("BPS", "Badan Pusat Statistik"), is_abbreviation("Kemenkeu", "Kementerian Keuangan")
        (True, True)
        >>> is_abbreviation("PKP", "Kementerian Perumahan dan Kawasan Permukiman"), is_abbreviation("JPY", "Jepang")
        (True, False)
    """
    letters = [c for c in "".join(words(short)) if c.isalnum()]
    long_words = words(long)
    if len(letters) < 2 or len(long_words) < 2 or len(words(short)) >= len(long_words) or "," in short + long:
        return False
    if set(words(short)) - ACRONYM_LEADS - DROPPABLE_LEADS & set(long_words):
        return False
    if not any(w.startswith(letters[0]) for w in long_words):
        return False
    source = iter("".join(long_words))
    return all(c in source for c in letters)


def parse_bracketed(text: str, offices: frozenset[str] = frozenset()) -> BracketedName | None:
    """The stakeholder as a long form with its abbreviation, or None.

    Rule: the whole string is "A (B)" with B abbreviating A, or A abbreviating B (:func:`is_abbreviation`);
    groups of people ("Masyarakat ...", "Keluarga ..."), "Partai Politik"/"Pemerintah Daerah", persons
    (:data:`PERSON_LONG_FORMS`) and offices (first word in ``offices``: "Bupati Kolaka Timur (Koltim)") are
    not names of bodies. A long form may lose a first word of :data:`DROPPABLE_LEADS` if two words
    remain, and so may the acronym ("PT AJS", "AJS"), and a last word of :data:`DROPPABLE_TAILS` ("...
    Energy Tbk"); an all-capitals acronym may gain a first word of :data:`ACRONYM_LEADS` ("Kementerian PKP").

    Example:
        >>> b = parse_bracketed("Kementerian Perumahan dan Kawasan Permukiman (PKP)")
        >>> sorted(b.short_forms)
        [('kementerian', 'pkp'), ('pkp',)]
        >>> parse_bracketed("KPM (Pelaku Judi Online)") is None, parse_bracketed("Bank Indonesia (BI)").short
        (True, ('bi',))
    """
    match = re.fullmatch(r"\s*([^()]+?)\s*\(([^()]+)\)\s*", text)
    if not match:
        return None
    outer, inner = match.group(1), match.group(2)
    if is_abbreviation(inner, outer):
        long, short = words(outer), words(inner)
    elif is_abbreviation(outer, inner) and _capitalised(inner):
        long, short = words(inner), words(outer)
    else:
        return None
    if long[0] in NOT_BODY_HEADS or long in GENERIC_LONG_FORMS | PERSON_LONG_FORMS or long[0] in offices:
        return None
    if not _capitalised(text.split()[0]):
        return None
    long_forms, short_forms = {long}, {short}
    if long[0] in ACRONYM_LEADS and short[0] != long[0] and inner.isupper() and short != words(outer):
        short_forms.add((long[0], *short))
    if long[0] in DROPPABLE_LEADS and len(long) >= 3:
        long_forms.add(long[1:])
    if short[0] in DROPPABLE_LEADS and len(short) >= 2:
        short_forms.add(short[1:])
    if long[-1] in DROPPABLE_TAILS and len(long) >= 3:  # "PT Pertamina Geothermal Energy Tbk"
        long_forms |= {form[:-1] for form in long_forms}
    return BracketedName(text, long, short, frozenset(long_forms), frozenset(short_forms))


# --- entities of a run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One row of ``entities.csv`` with its label and aliases as :func:`words`."""

    entity_id: str
    label: str
    type: str
    aliases: tuple[str, ...]
    articles: int = 0

    @property
    def forms(self) -> frozenset[Words]:
        return frozenset(words(f) for f in (self.label, *self.aliases) if words(f))


def read_entities(entities: pd.DataFrame) -> dict[str, Entity]:
    """``entities.csv`` as :class:`Entity` by id (aliases split on '|')."""
    return {
        row.entity_id: Entity(
            row.entity_id,
            str(row.label),
            row.type,
            tuple(a for a in str(row.aliases).split("|") if a),
            int(getattr(row, "articles", 0) or 0),
        )
        for row in entities.fillna("").itertuples(index=False)
    }


def article_entities(mentions: pd.DataFrame, entities: Mapping[str, Entity]) -> dict[str, list[Entity]]:
    """The entities mentioned in each article, in id order.

    Why: a stakeholder counts as found only through an entity of *its* article, never one elsewhere.
    """
    ids: dict[str, set[str]] = defaultdict(set)
    for article, entity_id in zip(mentions["article"].astype(str), mentions["entity_id"].astype(str)):
        ids[article].add(entity_id)
    return {a: [entities[e] for e in sorted(found) if e in entities] for a, found in ids.items()}


# --- scoring (pure) -------------------------------------------------------------------------------------

#: spellings of "Muhammad" in names of this corpus and its stakeholder lists ("Moh" is its short form)
MUHAMMAD_FORMS = frozenset(
    """muhammad muhamad muhammed mohammad mohamad mohammed mohamed mochammad mochamad muchammad muchamad
    mokhammad moh mohd""".split()
)

#: old (pre-1972) Indonesian spellings and their modern letters, applied in this order: "Soemitro" ->
#: "sumitro", "Djojo" -> "yoyo" (old "dj" is modern "j", old "j" modern "y", so both read as "y"),
#: "Tjahjo" -> "cahyo", "Chairul" -> "khairul"
OLD_SPELLINGS = (("oe", "u"), ("tj", "c"), ("dj", "j"), ("j", "y"), ("ch", "kh"))

_DOUBLED = re.compile(r"(.)\1+")


def spelling_key(word: str) -> str:
    """One word of a name reduced to what its spellings share: a form of "Muhammad" is "muhammad"; else
    old spellings are modern (:data:`OLD_SPELLINGS`), doubled letters single, and a last "y" an "i".

    Example:
        >>> [spelling_key(w) for w in ("soemitro", "djojohadikusumo", "eddy", "edi", "mochammad", "moh")]
        ['sumitro', 'yoyohadikusumo', 'edi', 'edi', 'muhammad', 'muhammad']
    """
    if word in MUHAMMAD_FORMS:
        return "muhammad"
    for old, new in OLD_SPELLINGS:
        word = word.replace(old, new)
    word = _DOUBLED.sub(r"\1", word)
    return word[:-1] + "i" if len(word) > 1 and word.endswith("y") else word


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with at most one letter replaced, inserted or deleted (Levenshtein <= 1)."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return a[i + 1 :] == b[i + 1 :] or a[i:] == b[i + 1 :] or a[i + 1 :] == b[i:]


def spelled_alike(one: Words, other: Words) -> bool:
    """Whether two forms spell the same name word by word: as many words, and each pair equal, equal as
    :func:`spelling_key`, or (keys of four or more letters with the same first letter) one letter apart.

    Why: the stakeholder lists and the articles spell some names differently ("Zainal Abidin" in the list,
    "Zaenal Abidin" in the article; "Sumitro"/"Soemitro", "Mochammad"/"Muhammad", "Eddy"/"Edi"); a label
    in another spelling names the same person and is not a wrong merge. It stays strict: one edit per
    word at most, in words long enough that one edit does not make another name, and never a word more
    or less ("Prabowo Subianto" is not "Listyo Sigit Prabowo").

    Example:
        >>> spelled_alike(words("Zaenal Abidin"), words("Zainal Abidin"))
        True
        >>> spelled_alike(words("Soemitro Djojohadikusumo"), words("Sumitro Djojohadikusumo"))
        True
        >>> spelled_alike(words("Muhammad Afifuddin"), words("Mochammad Afifuddin"))
        True
        >>> spelled_alike(words("Edi Soeparno"), words("Eddy Soeparno"))
        True
        >>> spelled_alike(words("Budi Santoso"), words("Budi Susanto")), spelled_alike(words("Rudi"), words("Budi"))
        (False, False)
        >>> spelled_alike(words("Sigit Prabowo"), words("Listyo Sigit Prabowo"))
        False
    """
    if len(one) != len(other) or not one:
        return False
    for a, b in zip(one, other):
        if a == b:
            continue
        ka, kb = spelling_key(a), spelling_key(b)
        if ka == kb:
            continue
        if min(len(ka), len(kb)) < 4 or ka[0] != kb[0] or not _one_edit(ka, kb):
            return False
    return True


def name_matches(person: TitledPerson, form: Words) -> bool:
    """Whether one label or alias names the titled person: the nickname; a trailing part of the name (the
    full name, "Abdul Wahid" for "Riau Abdul Wahid", the surname alone); the full name or a trailing part
    of two or more words in another spelling ("Abdul Wahit", :func:`spelled_alike`); or a longer form
    holding a trailing part of two or more words, or the whole name if it is one word ("Kang Dedi Mulyadi"
    for "Jawa Barat Dedi Mulyadi", "Purbaya Yudhi Sadewa" for "Purbaya").

    Why: the name may keep office words the rule could not cut ("Riau"), so it is matched from its end;
    one word inside a longer form is not enough ("Prabowo Subianto" is not "Listyo Sigit Prabowo").

    Example:
        >>> p = TitledPerson("Gubernur Riau Abdul Wahid", ("riau", "abdul", "wahid"), (), True)
        >>> [name_matches(p, words(f)) for f in ("Abdul Wahid", "Wahid", "Abdul", "Wahid Hasyim", "H Abdul Wahid")]
        [True, True, False, False, True]
        >>> [name_matches(p, words(f)) for f in ("Abdoel Wahid", "Wahit", "Abdul Wahab")]
        [True, False, False]
    """
    name = person.name
    if not form:
        return False
    if form == person.nickname or (len(form) <= len(name) and name[-len(form) :] == form):
        return True
    if (len(form) >= 2 or len(form) == len(name)) and spelled_alike(name[-len(form) :], form):
        return True
    return any(contains(form, name[-n:]) for n in range(min(2, len(name)), len(name) + 1))


def label_contradicts(person: TitledPerson, label: Words) -> bool:
    """Whether an entity's label shares a word with the name (or nickname) without naming the person.

    Why: an alias list can hold a wrong merge ("Listyo Sigit Prabowo" among the aliases of "Prabowo
    Subianto"); the label says which person the entity is. A label spelling the name another way names
    the person (:func:`name_matches`): "Zaenal Abidin" for "Zainal Abidin" is no wrong merge.

    Example:
        >>> p = TitledPerson("Kapolri Listyo Sigit Prabowo", ("listyo", "sigit", "prabowo"), (), False)
        >>> label_contradicts(p, ("prabowo", "subianto")), label_contradicts(p, ("gus", "ipul"))
        (True, False)
        >>> z = TitledPerson("Kasat Reskrim Iptu Zainal Abidin", ("zainal", "abidin"), (), False)
        >>> label_contradicts(z, words("Zaenal Abidin")), label_contradicts(z, words("Zainal Arifin"))
        (False, True)
    """
    return not name_matches(person, label) and bool(set(label) & (set(person.name) | set(person.nickname)))


def person_found(person: TitledPerson, entities: Iterable[Entity]) -> Entity | None:
    """The PERSON entity of the article that names the titled person, or None (see the module docstring).

    Example:
        >>> p = TitledPerson("Presiden ke-7 Joko Widodo (Jokowi)", ("joko", "widodo"), ("jokowi",), True)
        >>> person_found(p, [Entity("jokowi", "Jokowi", "PERSON", ("Jokowi",))]).entity_id
        'jokowi'
        >>> person_found(p, [Entity("joko-widodo", "Joko Widodo", "ORGANISATION", ())]) is None
        True
    """
    for entity in entities:
        if entity.type != "PERSON" or label_contradicts(person, words(entity.label)):
            continue
        if any(name_matches(person, form) for form in entity.forms):
            return entity
    return None


def bracketed_found(name: BracketedName, entities: Iterable[Entity]) -> tuple[Entity | None, Entity | None]:
    """(the ORGANISATION/LOCATION/COUNTRY entity holding both forms, an entity holding either), None if none.

    Example:
        >>> b = parse_bracketed("Badan Pusat Statistik (BPS)")
        >>> split = [Entity("bps", "BPS", "ORGANISATION", ("BPS",)),
        ...          Entity("badan-pusat-statistik", "Badan Pusat Statistik", "ORGANISATION", ())]
        >>> one, anywhere = bracketed_found(b, split)
        >>> one, anywhere.entity_id
        (None, 'bps')
    """
    entities = list(entities)
    one = next(
        (
            e
            for e in entities
            if e.type in ORG_TYPES and e.forms & name.long_forms and e.forms & name.short_forms
        ),
        None,
    )
    anywhere = one or next((e for e in entities if e.forms & (name.long_forms | name.short_forms)), None)
    return one, anywhere


def bracketed_as_written(
    name: BracketedName, entities: Iterable[Entity], written_forms: Iterable[str]
) -> bool:
    """Whether one ORGANISATION/LOCATION/COUNTRY entity holds every form of the name the article writes
    (``written_forms``: "long", "short"), and the article writes one at least.

    Why beside :func:`bracketed_found`: the stakeholder lists often give a form the article never writes
    ("Presidential Communication Office (PCO)" where the article says "PCO" only), and sometimes one the
    corpus never writes; an entity can hold only what is written.

    Example:
        >>> b = parse_bracketed("Presidential Communication Office (PCO)")
        >>> pco = [Entity("pco", "PCO", "ORGANISATION", ("PCO",))]
        >>> bracketed_as_written(b, pco, ["short"]), bracketed_as_written(b, pco, ["long", "short"])
        (True, False)
    """
    forms = {"long": name.long_forms, "short": name.short_forms}
    kinds = [forms[kind] for kind in written_forms]
    return bool(kinds) and any(e.type in ORG_TYPES and all(e.forms & f for f in kinds) for e in entities)


@dataclass(frozen=True)
class ClusterResult:
    """One row of the cluster file, checked: ``entities`` are the ids holding any of its forms."""

    kind: str
    forms: tuple[str, ...]
    note: str
    passed: bool
    detail: str


def check_cluster(
    kind: str, forms: Iterable[str], entities: Iterable[Entity], note: str = ""
) -> ClusterResult:
    """A ``same`` row passes when one entity holds every form as label or alias; an ``apart`` row when no
    entity holds two of them.

    Example:
        >>> es = [Entity("indonesia", "Indonesia", "COUNTRY", ("Indonesia", "KADIN")),
        ...       Entity("kemenkeu", "Kemenkeu", "ORGANISATION", ("Kemenkeu",))]
        >>> check_cluster("apart", ["Indonesia", "KADIN"], es).passed
        False
        >>> check_cluster("same", ["Kementerian Keuangan", "Kemenkeu"], es).detail
        'Kementerian Keuangan: -; Kemenkeu: kemenkeu'
    """
    forms = tuple(f.strip() for f in forms if f.strip())
    keys = [words(f) for f in forms]
    entities = list(entities)
    holders = {f: [e.entity_id for e in entities if k in e.forms] for f, k in zip(forms, keys)}
    detail = "; ".join(f"{f}: {','.join(ids) or '-'}" for f, ids in holders.items())
    if kind == "same":
        passed = any(all(k in e.forms for k in keys) for e in entities)
    elif kind == "apart":
        passed = not any(sum(k in e.forms for k in keys) >= 2 for e in entities)
    else:
        raise ValueError(f"cluster kind must be 'same' or 'apart', not {kind!r}")
    return ClusterResult(kind, forms, note, passed, detail)


def closest(text: str, entities: Iterable[Entity], n: int = 3) -> list[Entity]:
    """The article's entities sharing most words with a stakeholder string, for reading a miss.

    Example:
        >>> es = [Entity("bps", "BPS", "ORGANISATION", ("BPS",)), Entity("bi", "Bank Indonesia", "ORGANISATION", ())]
        >>> [e.entity_id for e in closest("Badan Pusat Statistik (BPS)", es)]
        ['bps']
    """
    target = set(words(text))
    scored = []
    for e in entities:
        shared = len(target & {w for form in e.forms for w in form})
        if shared:
            scored.append((-shared, -e.articles, e.entity_id, e))
    return [e for *_, e in sorted(scored, key=lambda s: s[:3])[:n]]


def _merge_rank(label: Words, other: Entity) -> tuple[bool, int, str]:
    """Sort key of a merge candidate: labels that are part of the person's label or hold it come first."""
    theirs = words(other.label)
    return (not (contains(label, theirs) or contains(theirs, label)), -other.articles, other.entity_id)


def fragmentation(entities: Iterable[Entity], top: int = 30, persons: int = 100, per_person: int = 8) -> dict:
    """The ``top`` entities by articles, and for each PERSON among the ``persons`` leading entities the other
    entities whose label shares a word of three or more letters with its label: first those whose label is
    part of its label or holds it ("Prabowo", "Prabowo Hormat"), then the rest, most articles first.

    Why: a person split into "Prabowo Subianto" and "Prabowo", or "Purbaya" and "Yudhi Sadewa", shows up
    as two leading entities sharing a word.

    Example:
        >>> es = [Entity("prabowo-subianto", "Prabowo Subianto", "PERSON", (), 71),
        ...       Entity("prabowo", "Prabowo", "PERSON", (), 21), Entity("bali", "Bali", "LOCATION", (), 19)]
        >>> fragmentation(es, top=2)["candidates"]["prabowo-subianto"]
        [['prabowo', 'Prabowo', 'PERSON', 21]]
    """
    ranked = sorted(entities, key=lambda e: (-e.articles, e.entity_id))
    by_word: dict[str, list[Entity]] = defaultdict(list)
    for e in ranked:
        for w in set(words(e.label)):
            if len(w) >= 3:
                by_word[w].append(e)
    candidates = {}
    for person in (e for e in ranked[:persons] if e.type == "PERSON"):
        others: dict[str, Entity] = {}
        for w in set(words(person.label)):
            if len(w) >= 3:
                others.update((e.entity_id, e) for e in by_word[w] if e.entity_id != person.entity_id)
        label = words(person.label)
        chosen = sorted(others.values(), key=lambda e, label=label: _merge_rank(label, e))[:per_person]
        if chosen:
            candidates[person.entity_id] = [[e.entity_id, e.label, e.type, e.articles] for e in chosen]
    return {
        "top": [[e.entity_id, e.label, e.type, e.articles] for e in ranked[:top]],
        "candidates": candidates,
    }


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, one decimal; 0 of 0 is 0.

    Example:
        >>> percent(1, 3), percent(0, 0)
        (33.3, 0.0)
    """
    return round(100.0 * part / whole, 1) if whole else 0.0


# --- reading the references -----------------------------------------------------------------------------


def read_stakeholders(path: Path) -> dict[str, list[str]]:
    """Article id -> its distinct stakeholder strings, in file order, every category together."""
    out: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as handle:
        lines = list(handle)
    for line in lines:
        if line.strip():
            row = json.loads(line)
            strings = [s for group in row.get("stakeholders", {}).values() for s in group]
            out[str(row["id"])] = list(dict.fromkeys(s.strip() for s in strings if s and s.strip()))
    return out


def read_clusters(path: Path) -> list[tuple[str, list[str], str]]:
    """Rows of the cluster file: (kind, forms, note); forms are separated by '|'."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            (row["kind"].strip(), row["forms"].split("|"), row.get("note", "") or "")
            for row in csv.DictReader(handle)
            if row.get("kind", "").strip() and not row["kind"].lstrip().startswith("#")
        ]


def read_texts(path: Path | None) -> dict[str, str]:
    """Article id -> raw text of the corpus JSONL, to tell a miss of the pipeline from a name the article
    never writes; empty when the file is absent."""
    if path is None or not Path(path).is_file():
        return {}
    with open(path, encoding="utf-8") as handle:  # not splitlines(): texts hold U+2028
        rows = [json.loads(line) for line in handle if line.strip()]
    return {str(r["id"]): str(r.get("text", "")) for r in rows}


def written(text_words: Words, form: Words) -> bool:
    """Whether a form occurs in an article's words (:func:`words` of its text).

    Example:
        >>> written(words("Kata Menkeu Purbaya, kemarin."), ("purbaya",)), written((), ())
        (True, False)
    """
    return contains(text_words, form)


@dataclass
class Recall:
    """Stakeholder recall of one run: counts by class and the misses, each with what the article has."""

    titled: Counter
    bracketed: Counter
    person_misses: list[tuple[str, str, TitledPerson, list[str], list[Entity]]]
    bracket_misses: list[tuple[str, str, bool, list[str], list[Entity]]]

    def figures(self) -> dict:
        """Counts and percentages, as the JSON report gives them."""
        t, b = self.titled, self.bracketed
        return {
            "titled_persons": {
                "total": t["total"],
                "found": t["found"],
                "percent": percent(t["found"], t["total"]),
                "aim": AIM_TITLED,
                "title_in_titles_txt": {"total": t["known"], "found": t["known_found"]},
                "written": {"total": t["written"], "found": t["written_found"]},
            },
            "bracketed_names": {
                "total": b["total"],
                "as_written": b["as_written"],
                "as_written_percent": percent(b["as_written"], b["total"]),
                "one_entity": b["one"],
                "one_entity_percent": percent(b["one"], b["total"]),
                "at_all": b["any"],
                "at_all_percent": percent(b["any"], b["total"]),
                "aim": AIM_BRACKETED,
                "both_written": {"total": b["both_written"], "one_entity": b["both_written_one"]},
            },
            "misses": {
                "titled_persons": [[a, s, " ".join(p.name)] for a, s, p, _, _ in self.person_misses],
                "bracketed_names": [[a, s, anywhere] for a, s, anywhere, _, _ in self.bracket_misses],
            },
        }


def _tally(counter: Counter, **flags: bool) -> None:
    """Add each true flag to its count (and make every count exist, so that 0 is written as 0)."""
    counter.update({name: int(flag) for name, flag in flags.items()})


def stakeholder_recall(
    references: Mapping[str, list[str]],
    per_article: Mapping[str, list[Entity]],
    texts: Mapping[str, str],
    known_titles: frozenset[str],
    extra_titles: frozenset[str] = EXTRA_TITLES,
    not_names: frozenset[str] = NOT_NAME_WORDS,
) -> Recall:
    """Score every stakeholder string of every article against the entities mentioned in that article.

    ``texts`` (article id -> raw text) gives the corpus's common words (:func:`common_words`) and labels
    the misses: whether the name, surname or nickname (a person) or each form (a bracketed name) is written
    in the article at all; an article without a text counts as written.

    Example:
        >>> es = {"dt1": [Entity("jokowi", "Joko Widodo", "PERSON", ("Jokowi",)),
        ...               Entity("bps", "BPS", "ORGANISATION", ("BPS",))]}
        >>> refs = {"dt1": ["Presiden Joko Widodo", "Badan Pusat Statistik (BPS)", "Masyarakat"]}
        >>> r = stakeholder_recall(refs, es, {}, frozenset({"presiden"}))
        >>> r.titled["found"], r.bracketed["total"], r.bracketed["one"], r.bracketed["any"]
        (1, 1, 0, 1)
    """
    titled, bracketed = Counter(), Counter()
    person_misses, bracket_misses = [], []
    common = common_words(texts.values())
    for article, strings in references.items():
        present = per_article.get(article, [])
        text = words(texts[article]) if article in texts else None
        for s in strings:
            person = parse_titled(s, known_titles, extra_titles - known_titles, not_names, common)
            if person is not None:
                hit = person_found(person, present)
                have = [w for w in dict.fromkeys(person.name + person.nickname) if text is None or w in text]
                is_written = text is None or any(
                    written(text, form) for form in (person.name, person.name[-1:], person.nickname) if form
                )
                _tally(
                    titled,
                    total=True,
                    found=hit is not None,
                    known=person.known_title,
                    known_found=person.known_title and hit is not None,
                    written=is_written,
                    written_found=is_written and hit is not None,
                )
                if hit is None:
                    persons = [e for e in present if e.type == "PERSON"]
                    near = closest(" ".join(person.name + person.nickname), persons) or persons[:3]
                    person_misses.append((article, s, person, have, near))
                continue
            name = parse_bracketed(s, known_titles | extra_titles)
            if name is not None:
                one, anywhere = bracketed_found(name, present)
                forms = {"long": name.long_forms, "short": name.short_forms}
                have = [k for k, fs in forms.items() if text is None or any(written(text, f) for f in fs)]
                _tally(
                    bracketed,
                    total=True,
                    as_written=bracketed_as_written(name, present, have),
                    one=one is not None,
                    any=anywhere is not None,
                    both_written=len(have) == 2,
                    both_written_one=len(have) == 2 and one is not None,
                )
                if one is None:
                    bracket_misses.append((article, s, anywhere is not None, have, closest(s, present)))
    return Recall(titled, bracketed, person_misses, bracket_misses)


# --- the report -----------------------------------------------------------------------------------------


def _describe(e: Entity) -> str:
    aliases = "|".join(a for a in e.aliases if a != e.label)
    return f"{e.entity_id} [{e.type}] {e.label!r}" + (f" aka {aliases[:120]}" if aliases else "")


def misses_lines(recall: Recall, out: Path) -> list[str]:
    """The misses file: one line per miss, then the closest entities of its article, indented."""
    lines = [
        f"# titled persons missed: {len(recall.person_misses)} of {recall.titled['total']} (run: {out})",
        "# article<TAB>stakeholder<TAB>name as read<TAB>its words written in the article",
        "#     the article's PERSON entities sharing a word with it (else its first three)",
    ]
    for article, s, person, have, near in recall.person_misses:
        lines.append(f"{article}\t{s}\t{' '.join(person.name)}\twritten: {' '.join(have) or 'none'}")
        lines.extend(f"    {_describe(e)}" for e in near)
        if not near:
            lines.append("    (no PERSON entity in the article)")
    lines += [
        "",
        f"# bracketed names not found as one entity: {len(recall.bracket_misses)} of {recall.bracketed['total']}",
        "# article<TAB>stakeholder<TAB>found at all<TAB>forms written in the article",
        "#     the article's entities sharing a word with it",
    ]
    for article, s, anywhere, have, near in recall.bracket_misses:
        found = "split or wrong type" if anywhere else "not at all"
        lines.append(f"{article}\t{s}\t{found}\twritten: {' and '.join(have) or 'neither'}")
        lines.extend(f"    {_describe(e)}" for e in near)
        if not near:
            lines.append("    (no entity shares a word)")
    return lines


def fragment_lines(fragments: dict, entities: Mapping[str, Entity]) -> list[str]:
    """The fragments file: the leading entities, then each leading person's possible missed merges."""
    lines = ["# the 30 entities in most articles: id, type, label, articles"]
    lines += [f"{i}\t{t}\t{label}\t{n}" for i, label, t, n in fragments["top"]]
    lines += ["", "# persons among the 100 leading entities, and the entities whose label shares a word"]
    for pid, others in fragments["candidates"].items():
        lines.append(f"{pid} ({entities[pid].label!r}, {entities[pid].articles} articles)")
        lines.extend(f"    {i} [{t}] {label!r} {n}" for i, label, t, n in others)
    return lines


def score(
    out: Path, stakeholders: Path, clusters: Path | None, corpus: Path | None
) -> tuple[dict, list[str], list[str]]:
    """All figures of one run, the lines of the misses file and those of the fragments file."""
    from pipeline.titles import titles

    entities = read_entities(pd.read_csv(out / "entities.csv", keep_default_na=False, dtype=str))
    mentions = pd.read_csv(out / "mentions.csv", keep_default_na=False, dtype=str)
    recall = stakeholder_recall(
        read_stakeholders(stakeholders),
        article_entities(mentions, entities),
        read_texts(corpus),
        titles(),
        not_names=not_name_words(),
    )
    rows = (
        [check_cluster(k, f, entities.values(), n) for k, f, n in read_clusters(clusters)] if clusters else []
    )
    same, apart = [r for r in rows if r.kind == "same"], [r for r in rows if r.kind == "apart"]
    fragments = fragmentation(entities.values())
    result = {"out": str(out), **recall.figures()}
    result["clusters"] = {
        "total": len(rows),
        "passed": sum(r.passed for r in rows),
        "same": {"total": len(same), "passed": sum(r.passed for r in same)},
        "apart": {"total": len(apart), "passed": sum(r.passed for r in apart)},
        "rows": [
            {
                "kind": r.kind,
                "forms": "|".join(r.forms),
                "passed": r.passed,
                "held_by": r.detail,
                "note": r.note,
            }
            for r in rows
        ],
    }
    result["fragmentation"] = fragments
    return result, misses_lines(recall, out), fragment_lines(fragments, entities)


def table(result: dict) -> str:
    """The short text report: one line per figure, the failing cluster rows, the leading entities."""
    t, b, c = result["titled_persons"], result["bracketed_names"], result["clusters"]

    def line(label: str, found: int, total: int, aim: float | None = None) -> str:
        return f"{label:<52}{found:>5}/{total:<5}{percent(found, total):>7}" + (f"{aim:>8}" if aim else "")

    lines = [
        f"entity resolution of {result['out']}",
        f"{'':<52}{'found':>11}{'%':>7}{'aim %':>8}",
        line("titled persons", t["found"], t["total"], t["aim"]),
        line(
            "  whose title is in titles.txt",
            t["title_in_titles_txt"]["found"],
            t["title_in_titles_txt"]["total"],
        ),
        line("  whose name, surname or nickname is written", t["written"]["found"], t["written"]["total"]),
        line("bracketed names, each written form in one entity", b["as_written"], b["total"], b["aim"]),
        line("bracketed names, both forms in one entity", b["one_entity"], b["total"]),
        line(
            "  both forms written in the article", b["both_written"]["one_entity"], b["both_written"]["total"]
        ),
        line("bracketed names, at all", b["at_all"], b["total"]),
        line("cluster rows passing", c["passed"], c["total"]),
        line("  same", c["same"]["passed"], c["same"]["total"]),
        line("  apart", c["apart"]["passed"], c["apart"]["total"]),
        "",
        "cluster rows failing (form: entities holding it):",
    ]
    failing = [r for r in c["rows"] if not r["passed"]]
    lines += [f"  {r['kind']:<6}{r['forms']:<40} {r['held_by']}" for r in failing] or ["  none"]
    top = result["fragmentation"]["top"]
    lines += ["", "entities in most articles: " + ", ".join(f"{label} ({n})" for _, label, _, n in top)]
    lines += [f"misses and fragments: {', '.join(result.get('files', []))}"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score the run in ``--out``, write the misses and fragments files there, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="a finished run's output folder")
    parser.add_argument("--stakeholders", type=Path, default=STAKEHOLDERS, help="stakeholder lists (JSONL)")
    parser.add_argument("--clusters", type=Path, default=CLUSTERS, help="cluster checks (kind,forms,note)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="articles.jsonl, to tell unwritten names")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    for need in (args.out / "entities.csv", args.out / "mentions.csv", args.stakeholders, args.clusters):
        if not need.is_file():
            print(f"resolution: {need} not found", file=sys.stderr)
            return 2
    result, misses, fragments = score(args.out, args.stakeholders, args.clusters, args.corpus)
    files = args.out / "resolution-misses.txt", args.out / "resolution-fragments.txt"
    for path, lines in zip(files, (misses, fragments)):
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result["files"] = [str(f) for f in files]
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
