"""Names an article defines for itself: "Badan Pusat Statistik (BPS)", "Saifullah Yusuf (Gus Ipul)", "X alias Y".

A definition makes the short form a mention of the entity it stands for, in its article and, through
:mod:`pipeline.resolve`, in every article of the corpus. An acronym counts only where its letters fit the
words before it (Schwartz-Hearst, :mod:`pipeline.acronyms`), which also says where the name starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace

from pipeline.acronyms import FUNCTION_WORDS, content_words, schwartz_hearst
from pipeline.mentions import Mention, is_person, select, words
from pipeline.titles import LONGEST, title_length, titles

#: a bracket right after a name: "(BPS)", "(Kemenkeu)", "(Gus Ipul)"
_BRACKET = re.compile(r"[ \t]*\(\s*([^()\n]{1,40}?)\s*\)")
#: one to three capitalised words of a name; a dot inside a word ("A.Md") but not the full stop after it
_NAME_WORDS = r"([A-Z][\w'\-]*(?:\.[\w'\-]+)*(?:\s+[A-Z][\w'\-]*(?:\.[\w'\-]+)*){0,2})"
#: how news introduces another name of a person: "X alias Y", "X, yang akrab disapa Y"
_CALLED = re.compile(
    r",?\s+(?:alias|(?:atau\s+)?(?:yang\s+)?(?:akrab|biasa|lebih\s+dikenal)\s+(?:disapa|dipanggil|dikenal)"
    r"(?:\s+dengan)?(?:\s+nama)?)\s+" + _NAME_WORDS
)
#: "Immanuel Ebenezer atau Noel": 'or' before another name of a person (see :func:`link_definitions`)
_OR_CALLED = re.compile(r"\s+atau\s+" + _NAME_WORDS + r"(?![\w-])")
#: how far before a bracket a long form may start, in words (Schwartz and Hearst: min(|A| + 5, 2|A|))
_MAX_LONG_WORDS = 10
_CLAUSE_END = re.compile(r"[.,;:!?()\[\]\"“”]")
#: the legal forms of Indonesian firms, which are no name on their own ("PT", "Tbk", "(Persero)")
LEGAL_FORMS = frozenset({"PT", "CV", "Tbk", "Persero", "Perseroda", "Perum"})
#: words that open an institution's name and that its short form often leaves out: "Kementerian
#: Komunikasi dan Digital (Komdigi)", "Otorita Ibu Kota Nusantara (IKN)", "PT Asuransi Jiwasraya (AJS)"
INSTITUTION_HEADS = frozenset(
    {"Kementerian", "Badan", "Otorita", "Otoritas", "Lembaga", "Komisi", "Direktorat", "Majelis"}
)  # not "Dinas": every region has its Dinas Lingkungan Hidup, so "LH" alone is no one region's agency
_HEAD_BEFORE = re.compile(r"(?<![\w.])([A-Z]\w+) $")
#: legal forms between a firm's name and its bracketed code: "PT Bank Tabungan Negara (Persero) Tbk (BTN)"
_LEGAL_TAIL = re.compile(r"(?:\s*\((?:Persero|Perseroda|Perum)\))?(?:\s*,?\s*Tbk\.?)?$")


def name_like(name: str) -> bool:
    """Whether every word that is not a function word starts with a capital or a digit ("Badan Gizi
    Nasional", "Kamar Dagang dan Industri Indonesia"), as names do and phrases ("dolar Australia") do not."""
    words = name.split()
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or w.lower() in FUNCTION_WORDS for w in words)


def _capitalised_words(text: str) -> bool:
    """1 to 3 words, each capitalised and not all capitals: a person's other name ("Gus Ipul", "Jokowi")."""
    words = text.split()
    return 0 < len(words) <= 3 and all(w[0].isupper() and not w.isupper() for w in words)


def long_form(text: str, end: int, short: str) -> tuple[int, int] | None:
    """Offsets of what ``short``, in a bracket at ``end``, abbreviates in the words right before it.

    The window stops at the clause's start; :func:`~pipeline.acronyms.schwartz_hearst` finds the long form
    in it, which must read as a name; a short form that is a title defines nothing ("Menteri Keuangan (Menkeu)").

    Example:
        >>> text = "Ketua Kamar Dagang dan Industri Indonesia (KADIN) hadir"
        >>> start, end = long_form(text, 41, "KADIN"); text[start:end]
        'Kamar Dagang dan Industri Indonesia'
        >>> long_form("harga dolar Australia (AUD) naik", 21, "AUD") is None
        True
    """
    window_start = max(0, end - 200)
    clause = max((m.end() for m in _CLAUSE_END.finditer(text, window_start, end)), default=window_start)
    spans = words(text, clause, end)[-_MAX_LONG_WORDS:]
    if not spans:
        return None
    found = schwartz_hearst(short, text[spans[0][0] : end])
    if found is None:
        return None
    start = end - len(found)
    name = " ".join(found.split())
    if not name_like(name) or name == short or short.lower() in titles():
        return None
    return start, end


def heads_only(words: str) -> bool:
    """Whether a stretch of text is a legal form, an institution head word, or the two ("PT", "Kementerian"):
    the words a short form leaves out of the name it stands for ("PT Bank Tabungan Negara (BTN)").

    Why: "Kantor Gubernur [Jawa Tengah] (Jateng)" leaves out more than a head, and there the bracket names
    the part its letters give, the province.

    Example:
        >>> heads_only("Kementerian "), heads_only("PT "), heads_only("Kantor Gubernur "), heads_only(" ")
        (True, True, False, False)
    """
    parts = words.split()
    if parts and parts[0] in LEGAL_FORMS:
        parts = parts[1:]
    return bool(words.split()) and len(parts) <= 1 and all(part in INSTITUTION_HEADS for part in parts)


def untitled(text: str, start: int, end: int) -> int:
    """Where a stretch of text starts once its leading titles are left out.

    Example:
        >>> text = "Kang Dedi Mulyadi"; text[untitled(text, 0, len(text)):]
        'Dedi Mulyadi'
    """
    spans, i = words(text, start, end), 0
    while i < len(spans):
        n = title_length([text[a:b] for a, b in spans[i : i + LONGEST]])
        if not n:
            break
        i += n
    return spans[i][0] if i < len(spans) else end


def link_definitions(
    text: str, mentions: list[Mention], spans: list[tuple[int, int, str]] = ()
) -> tuple[list[Mention], dict[str, str]]:
    """Names the article defines, as mentions of the entity they stand for, and the short -> long map.

    - "Badan Pusat Statistik (BPS)": an acronym or syllabic abbreviation in a bracket whose letters fit the
      words before it (:func:`long_form`). Where the long form is longer than the mention before the bracket
      ("Kamar Dagang dan Industri Indonesia (KADIN)" around a mention of Indonesia), the long form becomes the
      mention, an organisation unless the model tagged most of it otherwise; a bracket with no mention before
      it defines one too, if the long form reads as a name of two words or more.
      Where the letters take in an honorific before a person's name ("Kang Dedi Mulyadi (KDM)": the K is
      Kang's), the mention is written with it and remains the person (Dedi Mulyadi).
    - "Saifullah Yusuf (Gus Ipul)", "Joko Widodo (Jokowi)": one to three capitalised words in a bracket after
      a person are another name of that person.
    - "Pajar Permana alias Ojan", "Dedi Mulyadi, yang akrab disapa KDM": the same, said in words.

    The short form then stands for the long one in this article (the repeats step finds its other
    occurrences) and, through the returned map, in every article of the corpus.
    """
    definitions: dict[str, str] = {}
    added: list[Mention] = []
    dropped: set[Mention] = set()
    ending = {m.end: m for m in mentions}
    known_at = {(m.start, m.end): m for m in mentions if m.known is not None}
    overlapping = SpanIndex(spans).overlapping

    for bracket in _BRACKET.finditer(text):
        short, before = " ".join(bracket.group(1).split()), bracket.start()
        before -= len(_LEGAL_TAIL.search(text, max(0, before - 30), before).group())
        inside = Mention(bracket.start(1), bracket.end(1), "")
        m = ending.get(before)
        head, _, rest = short.partition(" ")
        shared = m is not None and m.name.startswith(head + " ")
        if m is not None and (shared or head == "The") and _clipped_like(rest):
            # "PT Asuransi Jiwasraya (PT AJS)", "The Federal Reserve (The Fed)": the shared first word aside;
            # "Federal Reserve (The Fed)": an English article is no letter of the short form
            long = m.name[len(head) + 1 :] if shared else m.name
            fits = schwartz_hearst(rest, long) == long
            if fits and not is_person(m):
                definitions.setdefault(short, m.name)
                added.append(replace(inside, name=m.name, known=m.known))
            continue
        spelled = long_form(text, before, short) if _abbreviation_like(short) else None
        named = untitled(text, *spelled) if spelled is not None else None
        if spelled is not None and named > spelled[0]:
            # "Kang Dedi Mulyadi (KDM)" defines a person's name; "Menteri Sosial (Mensos)" an office, nothing
            if m is not None and is_person(m) and m.start == named:
                if schwartz_hearst(short, text[named : spelled[1]]) is None:
                    # the K of KDM is Kang's: the honorific is part of the name the bracket abbreviates,
                    # so the mention is written "Kang Dedi Mulyadi" (its name stays Dedi Mulyadi)
                    dropped.add(m)
                    added.append(replace(m, start=spelled[0]))
                spelled = (named, spelled[1])
            else:
                spelled = None
        if m is not None and is_person(m) and spelled is None:
            if short == m.name or not _capitalised_words(short) or short.split()[0].lower() in titles():
                continue  # "(Menkeu)", "AHY (Menko Infra)": an office, not another name
            inner = [
                label
                for a, b, label in overlapping(inside.start, inside.end)
                if a >= inside.start and b <= inside.end
            ]
            if any(label != "PER" for label in inner):
                continue  # "Bobby Nasution (Medan)": a place
            if len(short.split()) <= len(m.name.split()):
                definitions.setdefault(short, m.name)
                added.append(replace(inside, name=m.name, known=m.known))
            else:  # "Gus Ipul (Saifullah Yusuf)": the fuller name is the entity's
                definitions.setdefault(m.name, short)
                dropped.add(m)
                added += [replace(m, name=short), replace(inside, name=short, label="PER")]
            continue
        if spelled is None:
            continue
        start, end = spelled
        if m is not None and (m.start == start or heads_only(text[m.start : start])):
            long, known = (
                m.name,
                m.known,
            )  # "Kementerian [Perumahan dan Kawasan Permukiman] (PKP)": the ministry
        else:  # the letters say where the name starts: "Kamar Dagang dan Industri Indonesia (KADIN)"
            long, known = " ".join(text[start:end].split()), None
            if m is None and len(content_words(long)) < 2:
                continue
            if m is not None and m.start < start and untitled(text, m.start, start) < start:
                pass  # "Kantor Gubernur [Jawa Tengah] (Jateng)": the mention stays; the bracket names a part
            elif m is not None and m.start < start:
                dropped.add(m)  # "Kepala Badan Pusat Statistik (BPS)": a title before the name
                label = m.label or _label_of(start, end, overlapping(start, end))
                added.append(Mention(start, end, long, label))
            elif m is not None and is_person(m) and m.known is None and _initials_of_words(short, long):
                # "Kanisius [Jerry Tengker] (KJT)": a suspect's initials, one letter a word, give the first
                # name the model missed
                dropped.add(m)
                long = f"{text[start : m.start].strip()} {m.name}"
                added.append(replace(m, start=start, name=long))
            else:  # a person tagged inside it is part of a name of something else: "Daya Anagata Nusantara"
                label = _label_of(start, end, overlapping(start, end)).replace("PER", "ORG")
                head = _HEAD_BEFORE.search(text, max(0, start - 20), start)
                if m is None and head is not None and head.group(1) in INSTITUTION_HEADS:
                    # "Otorita [Ibu Kota Nusantara] (IKN)": the letters name the capital, the mention with
                    # the head word before them its authority
                    added.append(Mention(head.start(1), end, f"{head.group(1)} {long}", "ORG"))
                else:
                    added.append(Mention(start, end, long, label))
        listed = known_at.get((inside.start, inside.end))
        if listed is not None and schwartz_hearst(short, listed.name) != listed.name:
            # "International Monetary Fund (IMF)" where the alias table knows IMF as Dana Moneter
            # Internasional, whose letters are not IMF's: the name the letters fit is that entity's too
            long, known = listed.name, listed.known
            if m is not None and m.start <= start:
                dropped.add(m)
                added.append(replace(m, name=long, known=known))
        elif listed is not None:  # "Pajak Bumi dan Bangunan (PBB)": not the PBB the alias table knows
            dropped.add(listed)
        if long != short:
            definitions.setdefault(short, long)
            added.append(replace(inside, name=long, known=known))
    others = {word for m in mentions if is_person(m) and " " in m.name for word in m.name.split()}
    for m in mentions:
        if not is_person(m):
            continue
        called = _CALLED.match(text, m.end) or _or_called(text, m, others)
        if called and called.group(1) != m.name and called.group(1).lower() not in titles():
            definitions.setdefault(called.group(1), m.name)
            added.append(Mention(called.start(1), called.end(1), m.name, None, m.known))
    return select(added + [m for m in mentions if m not in dropped]), definitions


def _initials_of_words(short: str, long: str) -> bool:
    """Whether ``short`` is the first letter of each word of ``long``, one letter a word, as a person's
    initials are written ("Herry Tho (HT)"); a syllabic abbreviation ("Daya Anagata Nusantara
    (Danantara)") or an acronym skipping function words is not."""
    parts = long.split()
    return short.isupper() and len(short) == len(parts) and all(w[0] == c for w, c in zip(parts, short))


def _or_called(text: str, m: Mention, names: set[str]) -> re.Match[str] | None:
    """ "Saifullah Yusuf atau Gus Ipul", "Immanuel Ebenezer atau Noel": 'or' after a person's full name and
    before a name no longer than it that no other full name of the article has a word of; not "Prabowo
    Subianto atau Gibran" beside Gibran Rakabuming Raka (two people, 'or')."""
    called = _OR_CALLED.match(text, m.end)
    if called is None or " " not in m.name or len(called.group(1).split()) > len(m.name.split()):
        return None
    return None if set(called.group(1).split()) & (names - set(m.name.split())) else called


def _clipped_like(rest: str) -> bool:
    """One capitalised word of three letters or more: what a short form keeps after a first word it shares
    with its long form, an abbreviation ("AJS") or a clipping ("Fed" of Federal Reserve)."""
    return " " not in rest and rest[:1].isupper() and sum(c.isalpha() for c in rest) >= 3


def _abbreviation_like(short: str) -> bool:
    """One word with a capital and two letters or more: "BPS", "Kemenkeu", "Jokowi" (not "20/10", "ini")."""
    letters = sum(c.isalpha() for c in short)
    capitals = sum(c.isupper() for c in short)
    return " " not in short and short[:1].isupper() and letters >= 2 and (capitals >= 2 or len(short) >= 4)


class SpanIndex:
    """The model's spans of an article, sorted, to find those overlapping a stretch of text by bisection
    (an article with a bracket in every sentence would otherwise scan every span for every bracket).

    Example:
        >>> SpanIndex([(0, 5, "PER"), (10, 20, "ORG"), (30, 35, "LOC")]).overlapping(12, 31)
        [(10, 20, 'ORG'), (30, 35, 'LOC')]
    """

    def __init__(self, spans: Iterable[tuple[int, int, str]]):
        self.spans = sorted(spans)
        self.starts = [a for a, _, _ in self.spans]
        self.longest = max((b - a for a, b, _ in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        first = bisect_left(self.starts, start - self.longest)
        last = bisect_left(self.starts, end)
        return [(a, b, label) for a, b, label in self.spans[first:last] if b > start]


def _label_of(start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    """The NER label of a long form made from a definition: the model's, where one of its spans covers most
    of it ("Nusa Tenggara Barat" tagged LOC), else ORG, which most defined names are."""
    covering = [(min(b, end) - max(a, start), label) for a, b, label in spans if a < end and b > start]
    length, label = max(covering, default=(0, "ORG"))
    return label if 2 * length >= end - start else "ORG"
