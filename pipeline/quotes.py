"""Quotes stage: who said what, one row per speech act (``quotes.csv``).

Indonesian news reports speech in a few fixed shapes, each keyed by a speech verb listed in
``pipeline/resources/speech_verbs.csv`` with the side its speaker stands on:

- ``after``: the words come first, closed by a quote mark or a comma, the speaker follows the verb, often
  behind a title: ``“…,” kata Menteri Luar Negeri Sugiono.`` / ``…, kata Kremlin.``; a quote may open
  sentences earlier in the same paragraph;
- ``source``: ``Menurut X, …`` or ``…, menurut X.``: the speaker follows, the clause stands on either side;
- ``before``: ``X mengatakan (bahwa) …`` or ``X mengatakan, “…”``: the speaker is the subject right before
  the verb, titles and an apposition allowed (``Ketua KPU RI, Mochammad Afifuddin, mengatakan …``).

A speaker is always a mention of a person, organisation or country (``schema.GRAPH_TYPES``); a pronoun
(``kata dia``), a clitic (``katanya``) or a description without a name (``kata pejabat itu``) gives no row,
because a wrong speaker is worse than a missing one. Direct quotes (``kind`` ``direct``) keep the quoted
words without the marks; reported speech keeps the clause. A quote that starts inside a clause
(``telah “memastikan …”, kata X``) quotes a fragment, so the whole clause is kept as reported speech.

Cost is linear in the text: mentions are indexed by sentence and token, every search looks at a bounded
window of tokens, and a quote's opening mark is found by bisection over the article's quote marks. Each
article's quotes are cached (``--cache``, :mod:`pipeline.cache`), keyed by its text, sentences and mentions,
so adding one article re-reads only the articles whose mentions changed.

The command line, ``python -m pipeline.quotes``, reads articles, sentences and mentions and writes
``quotes.csv``.

Example:
    >>> import pandas as pd
    >>> text = "“Kami siap,” kata Ketua KPU Mochammad Afifuddin."
    >>> articles = pd.DataFrame({"id": ["a"], "text": [text]})
    >>> sentences = pd.DataFrame({"article": ["a"], "sentence": [0], "start": [0], "end": [len(text)]})
    >>> mentions = pd.DataFrame({"article": ["a", "a"], "sentence": [0, 0], "start": [24, 28],
    ...     "end": [27, 47], "type": ["ORGANISATION", "PERSON"], "entity_id": ["kpu", "afifuddin"]})
    >>> extract_quotes(articles, sentences, mentions)[["speaker", "verb", "kind", "text"]].values.tolist()
    [['afifuddin', 'kata', 'direct', 'Kami siap']]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from pipeline import cli, schema
from pipeline.cache import ArticleCache
from pipeline.paths import resource
from pipeline.segment import Token, segment
from pipeline.stages import STAGES
from pipeline.titles import titles

SPEECH_VERBS_FILE = resource("speech_verbs.csv")
PATTERNS = frozenset({"after", "before", "source"})
SPEAKER_TYPES = frozenset(schema.GRAPH_TYPES)

#: how far (in tokens) a speaker's title may run before the name: "kata Direktur Jenderal … Eniya Listiani Dewi"
MAX_TITLE_TOKENS = 20
#: how far (in tokens) "bahwa" may stand after a speech verb to open what was said ("mengatakan pekan lalu bahwa")
MAX_ADJUNCT_TOKENS = 8
#: words that end the phrase naming a speaker: what follows them is an adjunct ("kata X dalam …") or a clause
PHRASE_END = frozenset(
    "di ke dalam kepada pada saat ketika usai seusai selepas setelah sesudah sebelum menjelang jelang melalui "
    "lewat via dengan terhadap tentang soal mengenai terkait seperti sebagaimana yang ini itu tersebut sambil "
    "sembari seraya sementara karena namun tetapi bahwa untuk agar jika kemarin tadi hari juga pun lagi lalu "
    "kemudian kembali lebih dilansir dikutip mengutip".split()
)
#: words that open a time adjunct between a speech verb and what was said ("mengatakan pekan lalu bahwa")
TIME_WORDS = frozenset("pekan minggu bulan tahun pagi siang sore malam".split())
#: words that give only the topic of what was said ("menjelaskan terkait alasan penyitaan")
TOPIC_WORDS = frozenset("terkait soal tentang mengenai".split())
#: words that mark a predicate, so that "terkait X telah …" is a clause and "terkait X" only a topic
PREDICATE_WORDS = frozenset(
    "adalah merupakan telah sudah akan sedang masih bisa dapat harus tidak belum".split()
)
#: nouns that name a speech act instead of reporting it: "menyampaikan apresiasi", "menegaskan dukungannya"
ACT_NOUNS = frozenset(
    "apresiasi terima ucapan selamat duka belasungkawa permohonan permintaan rasa dukungan dukungannya".split()
)
#: pronouns: "kata dia", "Menurut saya": the speaker is not named in the sentence
PRONOUNS = frozenset("dia ia beliau mereka saya aku kami kita anda kalian engkau kamu".split())
#: lowercase words that join the parts of a long title ("Kebijakan Ekonomi dan Moneter BI")
TITLE_JOINERS = frozenset("dan dari bidang urusan wilayah untuk".split())
#: words allowed between a subject and its speech verb ("Purbaya juga menegaskan")
SUBJECT_ADVERBS = frozenset(
    "juga pun kemudian lalu lantas telah sudah sebelumnya kembali bahkan pernah sempat turut lebih lanjut "
    "secara terpisah pula".split()
)
#: words that may stand before a sentence's subject without being part of its noun phrase ("Sementara itu")
SUBJECT_LEAD = frozenset(
    "sementara itu namun kemudian lalu lantas kini sedangkan adapun selanjutnya terpisah sebelumnya bahkan "
    "akhirnya sedang".split()
)
#: lowercase nouns that look like prefixed verbs (me-, di-) but can stand in a title ("kata media pemerintah")
PREFIX_NOUNS = frozenset("media dinas divisi direksi diaspora".split())
_DATELINE = re.compile(r"^[A-Z][A-Z .,/]*(?:,\s*[\w.]+)?\s+[-–—]\s+")
_PUNCT = re.compile(r"^\W+$")
_OPENING = frozenset('“"')


@lru_cache(maxsize=4)
def load_speech_verbs(path: Path = SPEECH_VERBS_FILE) -> dict[str, str]:
    """The speech verbs, lowercased, each with its pattern (``after``, ``before`` or ``source``).

    Why a data file: the list grows as people read the output, and is reviewed by people who do not read
    the code. A bad row is reported as ``file:line``.

    >>> load_speech_verbs()["kata"], load_speech_verbs()["mengatakan"], load_speech_verbs()["menurut"]
    ('after', 'before', 'source')
    """
    verbs: dict[str, str] = {}
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"word", "pattern"} <= set(reader.fieldnames):
            raise ValueError(f"{path}: needs the columns word and pattern")
        for line, row in enumerate(reader, 2):
            word, pattern = (row["word"] or "").strip().lower(), (row["pattern"] or "").strip()
            if not word or " " in word or pattern not in PATTERNS:
                raise ValueError(f"{path}:{line}: want one word and a pattern in {sorted(PATTERNS)}")
            verbs[word] = pattern
    return verbs


@dataclass(frozen=True, slots=True)
class _Mention:
    first: int  # first token index
    last: int  # last token index (inclusive)
    type: str
    entity_id: str


class _Sentence:
    """One sentence's tokens and the mentions in it, indexed by the token they start and end at."""

    def __init__(self, start: int, end: int, tokens: list[Token], mentions: list[_Mention]):
        self.start, self.end = start, end
        self.tokens = tokens
        self.lower = [t.text.lower() for t in tokens]
        self.n = len(tokens)
        self.starting: dict[int, _Mention] = {}
        self.ending: dict[int, _Mention] = {}
        for m in sorted(mentions, key=lambda m: (m.first, -m.last)):
            if m.first not in self.starting:
                self.starting[m.first] = m
                self.ending.setdefault(m.last, m)

    def text(self, k: int) -> str:
        return self.tokens[k].text

    def punct(self, k: int) -> bool:
        return bool(_PUNCT.match(self.tokens[k].text))

    def capitalised(self, k: int) -> bool:
        return self.tokens[k].text[:1].isupper()

    def title(self, k: int) -> bool:
        return self.lower[k] in titles()

    def verb_like(self, k: int) -> bool:
        """A lowercase prefixed verb ("menanggapi", "dihubungi"): a clause has begun."""
        w = self.lower[k]
        return (
            not self.capitalised(k)
            and len(w) > 5
            and w.startswith(("me", "di"))
            and w not in titles()
            and w not in PREFIX_NOUNS
        )

    def name_end(self, k: int) -> int:
        """Index after the rest of a name the model cut short ("Prabowo [Subianto]") and an acronym
        in brackets ("Kamus Besar Bahasa Indonesia [(KBBI)]"), from token ``k``."""
        while k < self.n and k not in self.starting and self.capitalised(k) and not self.punct(k):
            k += 1
        if k + 2 < self.n and self.lower[k] == "(" and self.lower[k + 2] == ")":
            k += 3
        return k

    def phrase_end(self, k: int) -> bool:
        """Whether the phrase naming a speaker can end before token ``k`` ("kata X, Senin", "kata X dalam")."""
        k = self.name_end(k)
        if k >= self.n:
            return True
        w = self.lower[k]
        return (self.punct(k) and w not in "-–") or w in PHRASE_END or self.verb_like(k) or w.endswith("nya")

    def in_title(self, m: _Mention) -> bool:
        """A person mention that is the tail of a title: "Kantor Jaksa [Agung]" names no one."""
        name = " ".join(self.lower[m.first : m.last + 1])
        return any(
            " ".join(self.lower[m.first - size : m.first] + [name]) in titles()
            for size in (1, 2)
            if m.first - size >= 0
        )


class _Article:
    """An article's text with the positions of its line breaks and quote marks, for bisection."""

    def __init__(self, text: str):
        self.text = text
        self.newlines = [m.start() for m in re.finditer(r"\n", text)]
        self.curly_open = [m.start() for m in re.finditer("“", text)]
        self.curly_close = [m.start() for m in re.finditer("”", text)]
        self.straight = [m.start() for m in re.finditer('"', text)]

    def line_start(self, position: int) -> int:
        k = bisect_left(self.newlines, position)
        return self.newlines[k - 1] + 1 if k else 0

    def line_end(self, position: int) -> int:
        k = bisect_left(self.newlines, position)
        return self.newlines[k] if k < len(self.newlines) else len(self.text)

    def opener(self, closer: int) -> tuple[int, bool]:
        """Where the quote closed at ``closer`` starts (after its mark), and whether a mark was found.

        Searched in the same paragraph only; a paragraph without an opening mark (a quote run on from the
        paragraph before) starts at the paragraph, or after the previous closing mark in it.
        """
        line = self.line_start(closer)
        if self.text[closer] == "”":
            k = bisect_left(self.curly_open, closer) - 1
            previous_close = bisect_left(self.curly_close, closer) - 1
            last_close = self.curly_close[previous_close] if previous_close >= 0 else -1
            if k >= 0 and self.curly_open[k] >= line and self.curly_open[k] > last_close:
                return self.curly_open[k] + 1, True
            return max(line, last_close + 1), False
        k = bisect_left(self.straight, closer)
        first = bisect_left(self.straight, line)
        if (k - first) % 2 == 1:
            return self.straight[k - 1] + 1, True
        return (self.straight[k - 1] + 1 if k > first else line), False

    def closer(self, opener: int) -> int:
        """Where the quote opened at ``opener`` ends: its closing mark, or the end of the paragraph."""
        end = self.line_end(opener)
        marks = self.curly_close if self.text[opener] == "“" else self.straight
        k = bisect_right(marks, opener)
        return marks[k] if k < len(marks) and marks[k] < end else end

    def clause_initial(self, opener: int) -> bool:
        """Whether a quote mark opens a clause (a whole quote) rather than a fragment inside one."""
        k = opener - 1
        while k >= 0 and self.text[k] in " \t":
            k -= 1
        return k < 0 or self.text[k] in '\n.!?:;,”"’)' or self.text[k] == "…"


def _clean(text: str) -> str:
    """Whitespace collapsed, a dateline ("BEIJING, KOMPAS.TV - ") and a trailing comma dropped."""
    text = _DATELINE.sub("", " ".join(text.split()))
    text = re.sub(r",(?=[”\"]?$)", "", text).strip()
    return text


def _speaker_after(s: _Sentence, k: int) -> tuple[_Mention, int] | None:
    """The speaker named from token ``k`` on, and the index after the name; ``None`` when none is named.

    A person is looked for through titles and job descriptions ("kata Wakil Ketua Komisi I DPR Dave
    Laksono"), and across one comma for an apposition ("ujar Direktur …, Brigjen Toto Suharyanto, dalam");
    an organisation or country counts only right after the verb ("kata Kremlin"), since one met later is
    part of a title ("kata juru bicara Kremlin" names nobody).
    """
    first = k
    after_comma = False
    while k < s.n and k - first < MAX_TITLE_TOKENS:
        m = s.starting.get(k)
        if m is not None:
            if m.type == "PERSON" and not s.in_title(m):
                if after_comma and not s.phrase_end(m.last + 1):
                    return None  # "Menurut Ketua KPU, Prabowo akan …": the person opens the clause
                return m, m.last + 1
            if k == first and m.type in SPEAKER_TYPES:
                after = s.starting.get(m.last + 1)
                if after is not None and after.type == "PERSON":
                    return after, after.last + 1
                return m, m.last + 1
            k = m.last + 1
            continue
        w = s.lower[k]
        if w == ",":
            if k + 1 >= s.n or not (s.capitalised(k + 1) or s.title(k + 1)):
                return None
            after_comma = True
        elif w in "()":
            pass
        elif s.punct(k) or w in PHRASE_END or w in PRONOUNS or s.verb_like(k) or w.endswith("nya"):
            return None
        elif (
            not s.capitalised(k)
            and k > first
            and s.capitalised(k - 1)
            and not s.title(k - 1)
            and k - 1 not in s.ending
            and w not in TITLE_JOINERS
            and not s.title(k)
        ):
            return None  # an unrecognised name then a clause: "kata Anton menirukan Jokowi"
        k += 1
    return None


def _subject_ok(s: _Sentence, m: _Mention) -> bool:
    """Whether a mention ending right before a speech verb is its subject, not part of something else.

    Its noun phrase (titles, capitalised words, lowercase nouns) must reach back to the sentence start, a
    punctuation mark or a lead word ("Sementara itu, …"), not to a preposition or a verb ("di Universitas
    Renmin Beijing mengatakan"); an organisation or country must not be the tail of a longer noun phrase
    ("Layanan pers Kremlin mengatakan": the press office speaks, not the Kremlin).
    """
    if m.type not in SPEAKER_TYPES:
        return False
    k = m.first - 1
    if m.type != "PERSON" and k >= 0 and not s.punct(k) and s.lower[k] not in SUBJECT_LEAD:
        return False
    while k >= 0 and m.first - k <= MAX_TITLE_TOKENS:
        w = s.lower[k]
        if w in "()":
            k -= 1
            continue
        if s.punct(k) or w in SUBJECT_LEAD:
            return True
        if w in PHRASE_END or w in PRONOUNS or s.verb_like(k) or w in ("dan", "atau", "oleh"):
            return False
        k -= 1
    return k < 0


def _subject_before(s: _Sentence, j: int) -> _Mention | None:
    """The subject of a speech verb whose preceding token (adverbs skipped) is ``j``."""
    if j < 0:
        return None
    if s.lower[j] != ",":
        m = s.ending.get(j)
        return m if m is not None and _subject_ok(s, m) else None
    # an apposition: "Ketua KPU RI, Mochammad Afifuddin, mengatakan", "Alex Pastoor, asisten Kluivert, menegaskan"
    p = j - 1
    while p >= 0 and j - p <= MAX_TITLE_TOKENS and not (s.punct(p) and s.lower[p] not in "()"):
        p -= 1
    if p == j - 1:
        return None
    m = s.ending.get(j - 1)
    if m is not None and m.type == "PERSON" and s.capitalised(p + 1):
        if all(s.capitalised(k) or s.title(k) or s.punct(k) for k in range(p + 1, m.first)):
            return m
    if not s.capitalised(p + 1) and p >= 1 and s.lower[p] == ",":
        m = s.ending.get(p - 1)
        return m if m is not None and _subject_ok(s, m) else None
    return None


def _substantive(text: str) -> bool:
    """Whether a clause says something: two lowercase words at least (not just "Selasa (14/5/2024)")."""
    return sum(1 for w in re.findall(r"\w+", text) if w[:1].islower()) >= 2


@dataclass(frozen=True, slots=True)
class _Quote:
    speaker: str
    kind: str
    text: str


def _after(a: _Article, s: _Sentence, i: int) -> _Quote | None:
    """``“…,” kata X`` (direct) or ``…, kata X`` (reported)."""
    j = i - 1
    closer: Token | None = None
    comma: Token | None = None
    while j >= 0 and s.lower[j] in (",", "”", '"'):
        if s.lower[j] == ",":
            comma = comma or s.tokens[j]
        elif closer is None:
            closer = s.tokens[j]
        j -= 1
    if closer is None and comma is None:
        return None
    found = _speaker_after(s, i + 1)
    if found is None or not s.phrase_end(found[1]):
        return None
    speaker = found[0].entity_id
    if closer is not None:
        start, marked = a.opener(closer.start)
        if not marked or a.clause_initial(start - 1):
            text = _clean(a.text[start : closer.start])
            return _Quote(speaker, "direct", text) if text else None
        # a fragment quoted inside a clause: the clause, with the fragment's marks, is reported speech
        text = _clean(a.text[min(s.start, start - 1) : closer.end])
    else:
        text = _said_around(a, s, comma.start, found[1])
    return _Quote(speaker, "reported", text) if text else None


def _said_around(a: _Article, s: _Sentence, before_end: int, k: int) -> str | None:
    """What was said around a speaker named after its verb: the clause before ``before_end`` (a character
    offset) and the one after the speaker's phrase, which ends at token ``k``.

    ``…, kata X.`` keeps the clause before, ``Menurut X, …`` the one after, and a parenthetical
    ``Hal itu, kata Djarot, sesuai dengan UUD 1945.`` both, joined by a comma. A clause after the phrase
    that says nothing ("…, kata X, Senin (20/10/2025).") is left out.
    """
    k = s.name_end(k)
    if k < s.n and s.lower[k] != "," and (s.lower[k] in PHRASE_END or s.verb_like(k)):
        while k < s.n and s.lower[k] != ",":  # "Menurut Purbaya dalam rapat itu, …": skip the adjunct
            k += 1
    if k < s.n and s.lower[k] == ",":
        k += 1
        if k < s.n and (s.title(k) or k + 1 < s.n and s.lower[k] + " " + s.lower[k + 1] in titles()):
            # an apposition: "menurut Jhony Boy Nababan, pengacara Lisa Mariana, kliennya …"
            j = k
            while j < s.n and j - k < MAX_TITLE_TOKENS and not (s.punct(j) and s.lower[j] not in "()"):
                j += 1
            if j < s.n and s.lower[j] == ",":
                k = j + 1
    after = ""
    if k < s.n and (not s.punct(k) or s.lower[k] in _OPENING):
        after = _until_closing_mark(a.text[s.tokens[k].start : s.end])
        after = _clean(after).rstrip(".")
    before = _clean(a.text[s.start : before_end])
    if _substantive(after):
        return ", ".join(part for part in (before, after) if part)
    return before if _substantive(before) else None


def _until_closing_mark(text: str) -> str:
    """``text`` up to a closing quote mark it did not open: "menurut Mahkamah" said inside a quote.

    >>> _until_closing_mark('agar tidak terjadi, maka penting," ujar MK.')
    'agar tidak terjadi, maka penting,'
    >>> _until_closing_mark('akan "mengumpulkan bukti" sehingga')
    'akan "mengumpulkan bukti" sehingga'
    """
    open_curly = straight = 0
    for match in re.finditer(r"[“”\"]", text):
        mark, at = match.group(), match.start()
        closing = at > 0 and not text[at - 1].isspace() and (at + 1 == len(text) or text[at + 1].isspace())
        if mark == "“":
            open_curly += 1
        elif mark == "”":
            if open_curly == 0:
                return text[:at]
            open_curly -= 1
        else:
            if closing and straight % 2 == 0:
                return text[:at]
            straight += 1
    return text


def _source(a: _Article, s: _Sentence, i: int) -> _Quote | None:
    """``Menurut X, …`` or ``…, menurut X.``: the clause after the speaker, else the one before the verb."""
    found = _speaker_after(s, i + 1)
    if found is None:
        return None
    text = _said_around(a, s, s.tokens[i].start, found[1])
    return _Quote(found[0].entity_id, "reported", text) if text else None


def _clause_start(s: _Sentence, k: int) -> int:
    """The first token of what was said after a speech verb: past a comma or colon, and past a short adjunct
    up to ``bahwa`` ("menyampaikan kepada Bapak Mishustin bahwa …", "mengatakan pekan lalu bahwa …"); a
    ``bahwa`` further in belongs to the clause ("menilai langkah ini sebagai sinyal bahwa …")."""
    adjunct = k < s.n and (s.lower[k] in PHRASE_END or s.lower[k] in TIME_WORDS)
    for j in range(k, min(s.n, k + MAX_ADJUNCT_TOKENS) if adjunct else k):
        if s.lower[j] == "bahwa":
            k = j + 1
            break
        if s.punct(j) and s.lower[j] not in "()":
            break
    while k < s.n and s.lower[k] in (",", ":", "bahwa"):
        k += 1
    return k


def _before(a: _Article, s: _Sentence, i: int) -> _Quote | None:
    """``X mengatakan (bahwa) …`` (reported) or ``X mengatakan, “…”`` (direct)."""
    j = i - 1
    while j >= 0 and s.lower[j] in SUBJECT_ADVERBS:
        j -= 1
    m = _subject_before(s, j)
    if m is None:
        return None
    k = _clause_start(s, i + 1)
    if k < s.n and s.lower[k] in TOPIC_WORDS:
        # "menjelaskan terkait Sekolah Rakyat, tahun ini 166 titik …": what was said follows the topic;
        # without a comma the topic is the clause's subject only if a predicate follows
        comma = next((j for j in range(k, s.n) if s.lower[j] == ","), None)
        if comma is not None:
            k = comma + 1
        elif not any(s.lower[j] in PREDICATE_WORDS or s.verb_like(j) for j in range(k + 1, s.n)):
            return None
    if k >= s.n or s.lower[k] in ACT_NOUNS:
        return None
    opener = s.tokens[k]
    if opener.text in _OPENING:
        kind, text = "direct", _clean(a.text[opener.end : a.closer(opener.start)])
    else:
        kind, text = "reported", _clean(a.text[opener.start : s.end]).rstrip(".")
    return _Quote(m.entity_id, kind, text) if text else None


_PATTERN_FUNCTIONS = {"after": _after, "source": _source, "before": _before}


def _sentence(text: str, start: int, end: int, mentions: list[tuple[int, int, str, str]]) -> _Sentence:
    """Tokenise one sentence and place its mentions on its tokens."""
    tokens = [
        Token(t.text, t.start + start, t.end + start) for piece in segment(text[start:end]) for t in piece
    ]
    starts = [t.start for t in tokens]
    placed = []
    for m_start, m_end, kind, entity_id in mentions:
        first = max(0, bisect_right(starts, m_start) - 1)
        last = bisect_left(starts, m_end) - 1
        if tokens and first <= last:
            placed.append(_Mention(first, last, kind, entity_id))
    return _Sentence(start, end, tokens, placed)


#: one article's quote: sentence index, speaker, verb, kind, text (``schema.QUOTES`` without the article)
QuoteRow = tuple[int, str, str, str, str]


def article_quotes(
    text: str,
    spans: list[tuple[int, int, int]],
    mentions: dict[int, list[tuple[int, int, str, str]]],
    verbs: dict[str, str],
) -> list[QuoteRow]:
    """One article's quotes, from its sentences (``(index, start, end)``, in order) and its mentions by
    sentence index (``(start, end, type, entity_id)``): what the cache stores for the article."""
    if not any(word.group() in verbs for word in re.finditer(r"\w+", text.lower())):
        return []
    context = _Article(text)
    rows = []
    for index, start, end in spans:
        s = _sentence(text, start, end, mentions.get(index, []))
        for i, w in enumerate(s.lower):
            pattern = verbs.get(w)
            if pattern is None:
                continue
            quote = _PATTERN_FUNCTIONS[pattern](context, s, i)
            if quote is not None:
                rows.append((index, quote.speaker, s.text(i), quote.kind, quote.text))
    return rows


def extract_quotes(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    verbs: dict[str, str] | None = None,
    store: ArticleCache | None = None,
) -> pd.DataFrame:
    """Who said what: one row per speech act, in ``schema.QUOTES`` columns, sorted by article and sentence.

    ``articles`` needs ``id`` and ``text``; ``sentences`` ``article``, ``sentence``, ``start``, ``end``;
    ``mentions`` ``article``, ``sentence``, ``start``, ``end``, ``type``, ``entity_id``. ``verbs`` maps a
    lowercased speech verb to its pattern (default: :func:`load_speech_verbs`). ``store`` keeps each
    article's rows from earlier runs (default: none); its fingerprint must cover ``verbs``, as the stage's
    does (the verbs file is one of the stage's resources).
    """
    verbs = load_speech_verbs() if verbs is None else verbs
    store = ArticleCache(None, "") if store is None else store
    by_sentence: dict[str, dict[int, list[tuple[int, int, str, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article, sentence, start, end, kind, entity_id in zip(
        mentions["article"],
        mentions["sentence"],
        mentions["start"],
        mentions["end"],
        mentions["type"],
        mentions["entity_id"],
    ):
        by_sentence[str(article)][int(sentence)].append((int(start), int(end), str(kind), str(entity_id)))
    spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for article, sentence, start, end in zip(
        sentences["article"], sentences["sentence"], sentences["start"], sentences["end"]
    ):
        spans[str(article)].append((int(sentence), int(start), int(end)))
    rows = []
    for article, text in zip(articles["id"], articles["text"]):
        article, text = str(article), str(text)
        article_spans, article_mentions = sorted(spans.get(article, ())), by_sentence.get(article, {})
        key = store.key(text, json.dumps([article_spans, sorted(article_mentions.items())]))
        found = store.get(key)
        if found is None:
            found = article_quotes(text, article_spans, article_mentions, verbs)
            store.put(key, found)
        rows.extend((article, *row) for row in found)
    frame = pd.DataFrame(rows, columns=list(schema.QUOTES)) if rows else schema.empty(schema.QUOTES)
    return schema.conform(frame.sort_values(["article", "sentence"], kind="stable"), schema.QUOTES)


def summary(quotes: pd.DataFrame) -> str:
    """The summary line's counts: ``12 quotes (9 direct, 3 reported) by 5 speakers``."""
    kinds = quotes["kind"].value_counts()
    return (
        f"{len(quotes)} quotes ({kinds.get('direct', 0)} direct, {kinds.get('reported', 0)} reported) "
        f"by {quotes['speaker'].nunique()} speakers"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.quotes", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("data/interim/articles.csv"))
    parser.add_argument("--sentences", type=Path, default=Path("data/interim/sentences.csv"))
    parser.add_argument("--mentions", type=Path, default=Path("data/mentions.csv"))
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder for quotes.csv")
    parser.add_argument("--cache", type=Path, help="folder for per-article results (default: no cache)")
    return parser


Inputs = tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]


def read(args: argparse.Namespace) -> Inputs:
    """The three tables: articles, sentences, mentions."""
    return (
        schema.read_table(args.articles, schema.ARTICLES),
        schema.read_table(args.sentences, schema.SENTENCES),
        schema.read_table(args.mentions, schema.MENTIONS),
    )


def process(args: argparse.Namespace, inputs: Inputs) -> str:
    store = ArticleCache(args.cache, STAGES["quotes"].fingerprint())
    quotes = extract_quotes(*inputs, store=store)
    try:
        schema.write_table(args.out / "quotes.csv", quotes, schema.QUOTES)
    except OSError as error:
        raise cli.StageError(f"cannot write {args.out / 'quotes.csv'}: {error.strerror or error}") from None
    return f"{summary(quotes)}; {store.misses} articles read, {store.hits} cached"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the stage; 0 when done, 2 when an input cannot be read (the message on stderr says which)."""
    return cli.main("quotes", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
