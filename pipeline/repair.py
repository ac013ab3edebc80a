"""Step 1 of normalisation: one NER span of an article into clean mentions.

The model's spans carry what Indonesian news writes around a name: titles and ranks ("Presiden Rusia
Putin", "Kasat Reskrim Polres Sukabumi Iptu Hartono"), a region or common word glued before it ("Sumut
Bobby Nasution", "Janji Burhanuddin"), a footnote digit or a verb the scraper glued to it
("Utara3", "Lahadaliamengatakan"), a firm's legal form ("Tbk"). :func:`repair` cuts a span into the
mentions it holds, each with its name and NER label, and :func:`extend_names` grows a name the model cut
short. Everything here reads one article's text only, so it is cached with the article
(:mod:`pipeline.normalise`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from pipeline.acronyms import syllabic
from pipeline.definitions import INSTITUTION_HEADS, LEGAL_FORMS, untitled
from pipeline.gazetteer import Gazetteer, Known, province_names
from pipeline.mentions import Mention, is_person, trim, words
from pipeline.titles import LONGEST, opens_noun, ranks, title_length, titles

_WORD_CHARS = re.compile(r"\w+")
#: digits glued to the end of a word of three letters or more ("Utara3", not "G20")
_FOOTNOTE = re.compile(r"(?<=[^\W\d_]{3})\d{1,2}\b")
#: separators inside a span that the model sometimes tags across ("KOMPAS.TV - Presiden ...", "Foto: AFP")
_SEPARATOR = re.compile(r"\s+[-–—]\s+|[,;|()]|:\s")


def title_before(text: str, start: int) -> bool:
    """Whether the words right before ``start`` are a title ("Presiden" in "Presiden [Tiongkok Xi Jinping]").

    Example:
        >>> title_before("Menteri Luar Negeri China Wang Yi", 20), title_before("di China", 3)
        (True, False)
    """
    window = text[max(0, start - 100) : start].split()  # titles are at most four short words
    before = (window if start <= 100 else window[1:])[-LONGEST:]  # the window's first word may be cut
    known = titles()
    for n in range(1, len(before) + 1):
        if " ".join(before[-n:]).lower() in known:  # and no noun with the words after it ("Ibu [Kota ...]")
            return not opens_noun(before[-n:] + text[start : start + 100].split()[:LONGEST])
    return False


def strip_titles(
    text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer, titled: bool = False
) -> tuple[list[tuple[int, int]], bool]:
    """Words of a span without leading titles, and without a country right after a title.

    Returns the remaining words and whether a title-and-country prefix was removed, which marks the rest
    as a person whatever the model said ("Presiden China Xi Jinping" tagged ORG is Xi Jinping). ``titled``
    says a title stands right before the span, outside it ("Presiden [Tiongkok Xi Jinping]" tagged LOC).

    Example:
        >>> text = "Presiden Rusia Putin"
        >>> strip_titles(text, words(text, 0, len(text)), Gazetteer.build([]))
        ([(15, 20)], True)
    """
    with_country = False
    while len(spans) > 1:
        title = title_length([text[a:b] for a, b in spans[:LONGEST]], most=len(spans) - 1)
        if title:
            spans, titled = spans[title:], True
            continue
        for n in range(min(4, len(spans) - 1), 0, -1):
            known = gazetteer.lookup(text[spans[0][0] : spans[n - 1][1]])
            if titled and known is not None and known.type == "COUNTRY":
                spans, with_country = spans[n:], True
                break
        else:
            break
    return spans, with_country


def _is_country(gazetteer: Gazetteer, name: str) -> bool:
    known = gazetteer.lookup(name)
    return known is not None and known.type == "COUNTRY"


def is_region(gazetteer: Gazetteer, word: str) -> bool:
    """Whether a word names a country or a province, or abbreviates a province ("Sumut", "Jatim", "Kaltim"),
    as news glues before an official's name ("Gubernur Sumut Bobby Nasution")."""
    known = gazetteer.lookup(word)
    if known is not None and known.type in ("COUNTRY", "LOCATION"):
        return True
    return word[:1].isupper() and abbreviates_province(word)


@lru_cache(maxsize=1 << 14)
def abbreviates_province(word: str) -> bool:
    """Whether a word is a syllabic abbreviation of one of Indonesia's provinces ("Sumut", "Jatim")."""
    return any(syllabic(word, province) for province in province_names())


def is_lower_word(word: str) -> bool:
    """Whether a word starts in lower case (names do not): "kota", "timur", but not "von" inside a name."""
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and letters[0].islower()


def common_word(text: str, word: str) -> bool:
    """Whether ``word`` also occurs written in lower case in the text, so it is a word, not a name.

    The text's words are collected once per article (:func:`_text_words`), so a long article with many
    spans costs one pass over it, not one search per span.

    Example:
        >>> common_word("Kunjungan itu singkat; kunjungan berikutnya ...", "Kunjungan")
        True
    """
    lower = word.lower()
    if _WORD_CHARS.fullmatch(lower):
        return lower in text_words(text)
    return re.search(rf"(?<![\w]){re.escape(lower)}(?![\w])", text) is not None


@lru_cache(maxsize=4)
def _runs(text: str) -> tuple[str, ...]:
    """The maximal runs of word characters in ``text``, in order: read once per article, for
    :func:`text_words`, :func:`_word_counts` and :func:`_pair_counts`."""
    return tuple(_WORD_CHARS.findall(text))


@lru_cache(maxsize=4)
def text_words(text: str) -> frozenset[str]:
    """The maximal runs of word characters in ``text``: a word occurs there as a whole word iff it is one."""
    return frozenset(_runs(text))


@lru_cache(maxsize=4)
def _word_counts(text: str) -> Counter[str]:
    """How often each maximal run of word characters occurs in ``text``."""
    return Counter(_runs(text))


#: Indonesian inflectional and derivational prefixes, the nasal ones (meN-, peN-) in each of their forms
_AFFIX_PREFIXES = ("ber", "be", "di", "ter", "ke", "se", "per", "memper", "diper")
_NASAL_PREFIXES = ("me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny")
#: suffixes and clitics after a prefix: "-an", "-kan", "-i", "-nya" and their combinations
_AFFIX_SUFFIXES = ("", "an", "kan", "i", "nya", "annya", "kannya", "inya")
#: suffixes that alone mark a derived word; not "-an" nor "-i", whose words are often roots of their own
#: ("dengan" is no "deng" + "-an")
_LONE_SUFFIXES = ("nya", "kan", "annya", "kannya")


@lru_cache(maxsize=1 << 14)
def _affixed_forms(root: str) -> frozenset[str]:
    """The lower-case words Indonesian builds on ``root`` with a prefix and maybe a suffix, or with a
    suffix that cannot be part of a root ("janji": "berjanji", "dijanjikan", "menjanjikan", "janjinya");
    meN- and peN- drop a first k, p, t or s."""
    stems = [(prefix, root) for prefix in (*_AFFIX_PREFIXES, *_NASAL_PREFIXES)]
    if root[0] in "kpts":
        stems += [(prefix, root[1:]) for prefix in _NASAL_PREFIXES]
    forms = {prefix + stem + suffix for prefix, stem in stems for suffix in _AFFIX_SUFFIXES}
    return frozenset(forms | {root + suffix for suffix in _LONE_SUFFIXES})


def affixed_word(text: str, word: str) -> bool:
    """Whether the article writes ``word`` in lower case with an Indonesian affix, so it is a common word,
    not a name: "Janji Burhanuddin diucapkan" ('Burhanuddin's promise') where the article says "berjanji".

    Only words of four letters or more count (a short name is too easily a piece of some word).

    Example:
        >>> affixed_word("Jaksa Agung berjanji ... Janji Burhanuddin diucapkan", "Janji")
        True
        >>> affixed_word("Presiden Prabowo Subianto ... Prabowo berkata", "Prabowo")
        False
    """
    root = word.lower()
    if len(root) < 4 or not root.isalpha():
        return False
    present = text_words(text)
    return any(form in present for form in _affixed_forms(root))


#: the administrative units that Indonesian news names by their region right after the word ("Kabupaten
#: Bone", "Kota Bima"; "Kota" where it is no part of "Wali Kota" or "Ibu Kota")
_UNIT = re.compile(r"(?<![\w.])(?:Kabupaten|Kab\.|(?<!Wali )(?<!Ibu )Kota|Provinsi)\s+([A-Z][a-z]+)\b")
#: regional governments and bodies, also written with their region after them ("Pemkab Bone", "DPRD
#: Bone"), but just as often with an official's name after them ("Ketua DPRD Kurniawan Ramadhan"), so only
#: a region that ends the name counts (no capitalised word after it)
REGIONAL_BODIES = ("Pemkab", "Pemkot", "Pemprov", "DPRD", "Polres", "Polresta", "Polda")
_BODY = re.compile(rf"(?<![\w.])(?:{'|'.join(REGIONAL_BODIES)})\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")


@lru_cache(maxsize=4)
def article_regions(text: str) -> frozenset[str]:
    """The words the article writes as a region's name after an administrative unit or regional body
    ("Bone" in "Kabupaten Bone", or in "Pemkab Bone" or "DPRD Bone" ending a name): regions of this
    article, which news glues before the name of an official ("Ketua DPRD Bone Andi Tenri Walinonong").

    Example:
        >>> sorted(article_regions("Pemkab Bone. Wali Kota Bima Arya; Ketua DPRD Kurniawan Ramadhan"))
        ['Bone']
    """
    return frozenset(_UNIT.findall(text)) | frozenset(_BODY.findall(text))


#: the words of an office held, read backwards from a name: brackets, commas, capitalised words, "dan"
_OFFICE_TOKEN = re.compile(r"[(),]|[^\s(),]+")
#: the most words an office may put between its title and the holder's name
_OFFICE_WORDS = 10


def office_before(text: str, start: int) -> int | None:
    """How many words of an office stand between a title and ``start`` (0: the title itself), or None where
    no title opens the words before it ("Kepala Biro Humas Kementerian Ketenagakerjaan (Kemnaker), ",
    "Deputi Bidang Statistik Sosial BPS, ").

    Example:
        >>> office_before("ungkap Deputi Bidang Statistik Sosial BPS, Ateng Hartono", 43)
        4
        >>> office_before("Rektor IPB Arif Satria", 7), office_before("di gedung BPS, Ateng", 15)
        (0, None)
    """
    window = max(0, start - 200)  # an office is a few words: never a search back through the article
    line = text.rfind("\n", window, start) + 1
    tokens = [m.group() for m in _OFFICE_TOKEN.finditer(text, max(line, window), start)]
    known = titles()
    words = 0
    for i in range(len(tokens) - 1, -1, -1):
        for n in range(min(LONGEST, i + 1), 0, -1):
            title = tokens[i - n + 1 : i + 1]
            before = tokens[i - n] if i >= n else ""
            if " ".join(title).lower() in known and title[0][:1].isupper() and not before[:1].isupper():
                return None if opens_noun(title) else words
        token = tokens[i]
        if token in "(),":
            continue
        if not (token[:1].isupper() or token == "dan") or words == _OFFICE_WORDS:
            return None
        words += 1
    return None


def office_holder(text: str, spans: list[tuple[int, int]], gazetteer: Gazetteer) -> bool:
    """Whether a span the model tagged a place or organisation is the name of a person holding the office
    written before it, set off by a comma: "Kepala Biro Humas Kementerian Ketenagakerjaan (Kemnaker),
    [Sunardi Manampiar Sinaga]", "Deputi Bidang Statistik Sosial BPS, [Ateng Hartono]".

    Without the comma the office's own body or place may follow ("Ketua DPD [Partai Golkar]", "Kepala
    Kantor Pertanahan [Jakarta Pusat]"), and after a comma a region may ("Ketua DPRD Bantaeng, [Sulawesi
    Selatan]"): so only a name of two words or more, each capitalised and none a common word of the
    article, a region, a title, a head word or a legal form.
    """
    start = spans[0][0] if spans else 0
    comma = text.rfind(",", max(0, start - 3), start)  # a bounded look back: this runs for every span
    if len(spans) < 2 or comma == -1 or text[comma + 1 : start].strip() or not office_before(text, comma):
        return False
    name = [text[a:b] for a, b in spans]
    return gazetteer.lookup(" ".join(name)) is None and all(
        word.isalpha()
        and word[1:].islower()
        and word not in INSTITUTION_HEADS | LEGAL_FORMS
        and word not in REGIONAL_BODIES
        and word.lower() not in titles()
        and not _not_a_name(text, word, gazetteer)
        for word in name
    )


def repair(text: str, start: int, end: int, label: str, gazetteer: Gazetteer) -> list[Mention]:
    """Clean one NER span into zero, one or several mentions (see the module docstring, step 1).

    Example:
        >>> text = "KOMPAS.TV - Presiden Rusia Vladimir Putin"
        >>> [(text[m.start:m.end], m.label) for m in repair(text, 0, len(text), "ORG", Gazetteer.build([]))]
        [('KOMPAS.TV', 'ORG'), ('Vladimir Putin', 'PER')]
    """
    pieces, position = [], start
    for separator in _SEPARATOR.finditer(text, start, end):
        pieces.append((position, separator.start()))
        position = separator.end()
    pieces.append((position, end))
    return [m for a, b in pieces for m in _repair_piece(text, a, b, label, gazetteer)]


def _repair_piece(
    text: str, start: int, end: int, label: str, gazetteer: Gazetteer, ranked: bool = False
) -> list[Mention]:
    """One piece of a span (see :func:`repair`); ``ranked``: a rank or an office stands before it, so it is
    a person.

    A person known by a rank is known as one whatever the model tags the name elsewhere in the article
    (its mention carries a :class:`Known` of type PERSON, as an alias-table person's does).
    """
    start, end = trim(text, start, end)
    spans = words(text, start, end)
    before = _word_before(text, start)
    if not ranked:
        rank = next((i for i, (a, b) in enumerate(spans[:-1]) if _is_rank(text[a:b])), None)
        if rank is not None and text[slice(*spans[0])] not in _STREETS:
            # "[Kasat Reskrim Polres Sukabumi] Iptu Hartono": a place or body, then a person after the rank
            head_start = untitled(text, start, spans[rank][0])  # "Kasat Reskrim": an office, no name
            body = "ORG" if label == "PER" else label  # "[Kapuspen TNI] Brigjen TNI Kristomei" tagged PER
            head = _repair_piece(text, head_start, spans[rank - 1][1], body, gazetteer) if rank else []
            return head + _repair_piece(text, spans[rank][0], end, "PER", gazetteer, True)
        if before and _is_rank(before.group(1)):
            return _repair_piece(text, start, end, "PER", gazetteer, True)  # "AKP [Gede Sukarmadiyasa]" (LOC)
        if label != "PER" and office_holder(text, spans, gazetteer):  # "Deputi ... BPS, [Ateng Hartono]"
            return _repair_piece(text, start, end, "PER", gazetteer, True)
    if spans and before and before.group(1)[:1].isupper():
        head = [before.group(1)] + [text[a:b] for a, b in spans[: LONGEST - 1]]
        # "Ibu [Kota Nusantara]": the noun 'capital' the model cut, not a title; "Otorita [IKN]": an
        # institution's head word it left out; "PT [Dosni Roha]" (tagged PER): a firm's legal form
        if opens_noun(head) or (label != "PER" and before.group(1) in INSTITUTION_HEADS):
            spans = [(before.start(1), before.end(1))] + spans
        elif before.group(1) in LEGAL_FORMS:
            spans, label = [(before.start(1), before.end(1))] + spans, "ORG"
    while spans and is_lower_word(text[slice(*spans[0])]) and text[slice(*spans[0])].lower() not in titles():
        spans = spans[1:]
    while spans and (is_lower_word(text[slice(*spans[-1])]) or text[slice(*spans[-1])] in LEGAL_FORMS):
        spans = spans[:-1]  # "PT Pertamina Geothermal Energy [Tbk]": the firm's name without its legal form
    titled = (  # a title right before a span that is not itself a known name ("Presiden [Amerika Serikat]")
        bool(spans)
        and title_before(text, spans[0][0])
        and gazetteer.lookup(text[spans[0][0] : spans[-1][1]]) is None
    )
    stripped, person = strip_titles(text, spans, gazetteer, titled)
    if len(stripped) == 2 and text[slice(*stripped[0])] in REGIONAL_BODIES:
        label, person = "ORG", False  # "Polres Cimahi" tagged PER is a body; "DPRD Kurniawan Ramadhan" is not
    if label == "PER" or person:
        spans, label = stripped, "PER"
        while len(spans) > 1 and (
            _not_a_name(text, text[slice(*spans[0])], gazetteer)
            or acronym_apart(text, text[slice(*spans[0])], text[slice(*spans[1])])
        ):
            spans = spans[
                1:
            ]  # "Kunjungan Putin", "Tiongkok Xi Jinping", "Sumut Bobby Nasution", "AJS Hendrisman"
            spans = strip_titles(text, spans, gazetteer, True)[0]  # "[Barru] AKBP Ananda Fauzi Harahap"
    if not spans:
        return []
    start, end = spans[0][0], spans[-1][1]
    glued = _FOOTNOTE.search(text, start, end)
    if glued and glued.end() == end:
        end = glued.start()  # "Sumatera Utara3": a footnote or a slipped digit, not part of the name
    surface = text[start:end]
    if not any(c.isupper() for c in surface) or surface.lower() in titles() or surface in LEGAL_FORMS:
        return []
    known = gazetteer.lookup(surface)
    if len(spans) == 1 and known is None and surface[1:].islower() and common_word(text, surface):
        return []  # a capitalised common word ("Kunjungan" opening a sentence), not a name
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^-]+", surface)]
    known_parts = [gazetteer.lookup(text[a:b]) for a, b in parts] if len(parts) > 1 else []
    if known_parts and all(known_parts):
        return [Mention(a, b, text[a:b], None, k) for (a, b), k in zip(parts, known_parts)]
    name = " ".join(surface.split())
    if label == "PER" and known is None:
        end, name = unglue(text, start, end, name)
        name = _NICKNAME.sub("", name)  # "Munafri 'Appi' Arifuddin" is Munafri Arifuddin
    if ranked and label == "PER" and known is None and not surface.isupper():  # "Brigjen [TNI]": a force
        known = Known(name, "PERSON", "")
    return [Mention(start, end, name, label, known)]


#: a minister's title written right before the portfolio it names ("Menteri [Lingkungan Hidup]", "Menko [IPK]")
_MINISTER = re.compile(r"(?:(?:Wakil )?Menteri(?P<co> Koordinator)?|Wamen|(?P<menko>Menko))(?: Bidang)? $")


def portfolio(text: str, start: int, name: str, gazetteer: Gazetteer) -> Known | None:
    """The ministry whose portfolio ``name`` is, where a minister's title stands right before it, or None.

    Why: a minister's title is the ministry's name with "Menteri" for "Kementerian", and the model tags the
    rest of it as an organisation ("Menteri [Lingkungan Hidup] (LH)", "Menko [Infrastruktur dan Pembangunan
    Kewilayahan]"), which made a bare portfolio an entity of its own. The ministry is known from
    ``resources/ministries.csv``, so "Menteri [Hak Asasi Manusia]" is the ministry and "Hak Asasi Manusia"
    elsewhere the rights.

    Example:
        >>> g = Gazetteer.build([])
        >>> portfolio("kata Menteri Lingkungan Hidup (LH)", 13, "Lingkungan Hidup", g).label
        'Kementerian Lingkungan Hidup'
        >>> portfolio("Menko IPK AHY", 6, "IPK", g).label, portfolio("soal Lingkungan Hidup", 5, "Lingkungan Hidup", g)
        ('Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan', None)
    """
    title = _MINISTER.search(text, max(0, start - 40), start)
    if title is None:
        return None
    heads = (
        ("Kementerian Koordinator Bidang ", "Kemenko ")
        if title["co"] or title["menko"]
        else ("Kementerian ",)
    )
    found = (gazetteer.lookup(head + name) for head in heads)
    return next((k for k in found if k is not None and k.type == "ORGANISATION"), None)


def name_portfolios(
    text: str, mentions: list[Mention], acronyms: dict[str, str], gazetteer: Gazetteer
) -> tuple[list[Mention], dict[str, str]]:
    """The article's mentions and short forms with every name that one of them writes as a portfolio after
    a minister's title (:func:`portfolio`) renamed to its ministry: "Menteri Lingkungan Hidup (LH)" makes
    "Lingkungan Hidup" and "LH" of that article the Kementerian Lingkungan Hidup.

    Only this article reads them so: across the corpus a short form stands for what its letters spell
    ("Lingkungan Hidup", which "Dinas LH" elsewhere is written out with; "HAM" in "perlindungan HAM" is the
    rights, not the ministry), so the caller keeps the article's definitions as they were for the corpus.
    """
    ministries = {
        m.name: known
        for m in mentions
        if m.known is None and not is_person(m) and (known := portfolio(text, m.start, m.name, gazetteer))
    }
    if not ministries:
        return mentions, acronyms
    here = {short: ministries[long].label if long in ministries else long for short, long in acronyms.items()}
    ministries.update((short, ministries[long]) for short, long in acronyms.items() if long in ministries)
    renamed = [
        replace(m, name=ministries[m.name].label, known=ministries[m.name]) if m.name in ministries else m
        for m in mentions
    ]  # "PANRB" of "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (PANRB)" too
    return renamed, here


#: a person's last word with a verb glued to it ("Lahadaliamengatakan"): the verb's prefix and the rest
_GLUED_VERB = re.compile(r"(?<=[a-z]{3})(?:me|ber|di|ter)[a-z]{4,}$")
#: a nickname quoted inside a person's name ("Munafri 'Appi' Arifuddin")
_NICKNAME = re.compile(r" ['\"‘“][A-Z][\w-]*['\"’”](?= )")
#: two capitalised words glued ("RikaRaffiudin"): each three letters or more, unlike "McDonald"
_GLUED_NAMES = re.compile(r"(?<=\b[A-Z][a-z]{2})(?=[A-Z][a-z]{2,})|(?<=[a-z]{3})(?=[A-Z][a-z]{2,})")


def unglue(text: str, start: int, end: int, name: str) -> tuple[int, str]:
    """A person's name where the scraped text lost a space after or inside it: a verb the article also
    writes on its own, or one with a prefix and "-kan", is no part of it ("Bahlil Lahadaliamengatakan," ->
    Bahlil Lahadalia, ending there), and two capitalised words glued are two words where the article also
    writes one of them alone ("RikaRaffiudin" beside "Rika" -> Rika Raffiudin; not "TikTok").

    Example:
        >>> text = "Menteri ESDM Bahlil Lahadaliamengatakan, impor naik. Ia mengatakan itu."
        >>> unglue(text, 13, 39, "Bahlil Lahadaliamengatakan")
        (29, 'Bahlil Lahadalia')
        >>> unglue("Prof. Dr. RikaRaffiudin, menjelaskan. Menurut Rika, ...", 10, 23, "RikaRaffiudin")[1]
        'Rika Raffiudin'
        >>> unglue("Video TikTok itu viral.", 6, 12, "TikTok")[1]
        'TikTok'
    """
    verb = _GLUED_VERB.search(name)
    if (
        verb
        and (verb.group() in text_words(text) or verb.group().endswith("kan"))
        and text[start:end].endswith(verb.group())
    ):
        return end - len(verb.group()), name[: verb.start()]
    last = name.rsplit(" ", 1)[-1]
    parts = _GLUED_NAMES.sub(" ", last).split()
    if len(parts) > 1 and any(part in text_words(text) for part in parts):
        return end, name[: len(name) - len(last)] + " ".join(parts)
    return end, name


#: words that open a street's name, which may hold a rank ("Jalan Brigjen Katamso"); not a person there
_STREETS = frozenset({"Jalan", "Jl.", "Jln.", "Jl"})


def _is_rank(word: str) -> bool:
    """Whether a word is an abbreviated police or army rank ("Iptu", "AKBP"), written before a person only."""
    return word.lower().rstrip(".") in ranks()


def acronym_apart(text: str, first: str, second: str) -> bool:
    """Whether the all-capitals first word of a person span is an acronym the article also writes without
    the name after it: an organisation's, glued before its officer's name ("Dirut AJS Hendrisman" beside
    "PT AJS"), not the person's initials, which come with the name every time ("ST Burhanuddin").

    Example:
        >>> acronym_apart("PT AJS rugi. Dirut AJS Hendrisman hadir.", "AJS", "Hendrisman")
        True
        >>> acronym_apart("Jaksa Agung ST Burhanuddin hadir. ST Burhanuddin pulang.", "ST", "Burhanuddin")
        False
    """
    return (
        len(first) >= 2
        and first.isalpha()
        and first.isupper()
        and _word_counts(text)[first] > _pair_counts(text)[(first, second)]
    )


@lru_cache(maxsize=4)
def _pair_counts(text: str) -> Counter[tuple[str, str]]:
    """How often each word follows another in ``text`` (words as :func:`_word_counts` reads them): one pass
    per article, so a test per span costs a lookup, not a search of the whole text."""
    found = _runs(text)
    return Counter(zip(found, found[1:]))


def rank_before(text: str, start: int) -> str:
    """The abbreviated rank written right before ``start`` ("kombes" in "Kombes [Susatyo]"), or "".

    Example:
        >>> rank_before("kata Kombes Susatyo hari ini", 12), rank_before("kata Susatyo", 5)
        ('kombes', '')
    """
    before = _word_before(text, start)
    return before.group(1).lower().rstrip(".") if before and _is_rank(before.group(1)) else ""


def region_before(text: str, start: int, regions: frozenset[str]) -> str:
    """The region written right before ``start`` where the article names it after an administrative unit
    or a regional body (``regions``: :func:`article_regions` of ``text``, which the caller reads once per
    article): "Bantaeng" in "Sekwan Bantaeng [Saharuddin]", or "".

    Example:
        >>> text = "Ketua DPRD Bantaeng hadir. Sekwan Bantaeng Saharuddin berkata."
        >>> regions = article_regions(text)
        >>> region_before(text, text.index("Saharuddin"), regions), region_before(text, text.index("berkata"), regions)
        ('Bantaeng', '')
    """
    before = _word_before(text, start)
    return before.group(1) if before is not None and before.group(1) in regions else ""


def _not_a_name(text: str, word: str, gazetteer: Gazetteer) -> bool:
    """Whether the first word of a person span is no part of the name: a common word of the article, also
    with an affix ("Janji Burhanuddin" beside "berjanji"), a country or province, or a region the article
    names after an administrative unit ("Bone Andi Tenri Walinonong" beside "Pemkab Bone")."""
    return (
        common_word(text, word)
        or is_region(gazetteer, word)
        or word in article_regions(text)
        or affixed_word(text, word)
    )


_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*) $")


def _word_before(text: str, start: int) -> re.Match[str] | None:
    """The word right before ``start``, one space between (group 1), looked for in the 40 characters before
    it only: a title, rank, region or first name glued before a span, never a search back through the
    article."""
    return _WORD_BEFORE.search(text, max(0, start - 40), start)


#: two capitals: a person's initials before the name ("Jaksa Agung ST Burhanuddin") or an acronym
_INITIALS = re.compile(r"[A-Z]{2}")
#: Roman numerals ("Komisi II") and the legal forms of Indonesian firms ("PT", "CV"), never initials
_NOT_INITIALS = re.compile(r"[IVXLC]+|PT|CV|UD|PD")


def initials_before(text: str, word: str, start: int, covered: bytearray, gazetteer: Gazetteer) -> bool:
    """Whether ``word``, right before a person's name at ``start``, is that person's initials: two capitals
    ("ST Burhanuddin", "BJ Habibie") that the article writes nowhere else and that no other name covers,
    neither a known name ("RI", "AS"), a Roman numeral ("Komisi II") nor a firm's legal form ("PT")."""
    return (
        _INITIALS.fullmatch(word) is not None
        and _NOT_INITIALS.fullmatch(word) is None
        and _word_counts(text)[word] == 1
        and covered.find(1, start - len(word) - 1, start) == -1
        and not is_region(gazetteer, word)
        and word.lower() not in titles()
    )


def extend_names(text: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Person names grown by the word right before them when that word is a name of its own in the article,
    or the person's initials.

    The model tags "Menteri Keuangan Purbaya [Yudhi Sadewa]", missing the first name it has never seen,
    but tags "Purbaya" alone elsewhere in the same article: so the first name is part of the name. A word
    the article never tags as the start of a person's name ("Golkar" in "Ketua Umum Golkar Bahlil
    Lahadalia"), a title, a region or an acronym never joins, except two capitals that can only be
    initials (:func:`initials_before`: "Jaksa Agung ST [Burhanuddin]").

    Example:
        >>> text = "Menkeu Purbaya Yudhi Sadewa hadir. Purbaya berkata."
        >>> found = [Mention(15, 27, "Yudhi Sadewa", "PER"), Mention(35, 42, "Purbaya", "PER")]
        >>> [m.name for m in extend_names(text, found, Gazetteer.build([]))]
        ['Purbaya Yudhi Sadewa', 'Purbaya']
    """
    first_names = {m.name.split()[0] for m in mentions if m.label == "PER" and m.known is None}
    covered = bytearray(max((m.end for m in mentions), default=0))
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    out = []
    for m in mentions:
        if m.label == "PER" and m.known is None:
            before = _word_before(text, m.start)
            word = before.group(1) if before else ""
            if (
                word in first_names
                and word not in m.name.split()
                and not word.isupper()
                and word.lower() not in titles()
                and not is_region(gazetteer, word)
                and word not in article_regions(text)
            ) or (word and initials_before(text, word, m.start, covered, gazetteer)):
                m = replace(m, start=before.start(1), name=f"{word} {m.name}")
        out.append(m)
    return out
