"""Site furniture: lines that the corpus itself shows to be page furniture, not news, found by repetition.

The patterns in ``resources/boilerplate.txt`` know the furniture of the sites someone has looked at; a new
site brings its own ("SCROLL TO CONTINUE WITH CONTENT", "Saksikan Live DetikPagi :", "Tonton juga video
"..." di sini:"). What all of it has in common is that the site's template puts it into article after
article, whatever the story. So ingest learns it from the corpus being ingested, in two forms:

- **A repeated line**: a short line (at most :data:`MAX_LINE` characters) that occurs in at least
  :func:`threshold` articles, every time in different surroundings. Lines are compared normalised: case
  folded, whitespace removed, digit runs read as one digit ("Saksikan LiveDetikpagi:" is
  "Saksikan Live DetikPagi :"). "Different surroundings" is what tells furniture from syndication: a
  paragraph that agencies or rewrites copy into several stories carries its neighbours along, while the
  template drops furniture between unrelated lines. So a line counts only as many times as it has
  distinct lines before it *and* distinct lines after it (the smaller of the two; the start and the end
  of an article differ in every article; a line next to furniture already found, like "ADVERTISEMENT"
  always before "SCROLL TO CONTINUE WITH CONTENT", is judged by the lines beyond that furniture). Two
  lines that always come together are therefore never learned: that is what a copied passage looks like;
  such a site's furniture belongs in the patterns file.
- **A link prefix**: the first 2 to 4 words of a line ("Tonton juga", "Lihat juga", "Simak Video") that
  begin *link lines* in at least :func:`threshold` articles, followed by at least that many different
  texts, and begin almost nothing else (at most :data:`MAX_PROSE_SHARE` of the lines under the prefix may
  be prose). A link line is what a promotion of another page looks like: at most :data:`MAX_LINK_LINE`
  characters, not ending in a full stop, and the text after the prefix is a title (three words or more, at
  least half of them capitalised): "Tonton juga video "Purbaya Ungkap Rahasia Soeharto" di sini:".
  Sentences that start with common words ("Selain itu, ...", "Lalu bagaimana hasilnya?", "Berikut rincian
  anggaran ...:") fail these tests. Only the link lines under a learned prefix are removed.

The threshold, ``max(3, 1% of the articles)``, grows with the corpus, so a larger corpus needs more
evidence, and three articles is the least that can show a pattern; a corpus of five articles (the seeds)
loses a line only if it truly repeats in three of them in three different places. The share can be this
low because the surroundings, not the count, are what keep copied passages: in detik-2025 (502 articles,
clusters of up to five rewrites of one story) no short line in three or more articles other than furniture
has even two different lines before it and two after it. Learning is a few passes over the lines (two for
prefixes, at most 1 + :data:`MAX_ROUNDS` for lines), counting with dictionaries: linear in the size of the
corpus, and memory grows with the number of distinct *short* lines only.

Example:
    >>> stories = [f"Berita {n} dimulai.\\nSCROLL TO CONTINUE WITH CONTENT\\nBerita {n} berakhir." for n in "ABC"]
    >>> furniture = learn(stories)
    >>> furniture.remove(stories[0])
    'Berita A dimulai.\\nBerita A berakhir.'
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

#: The fewest articles that can show a line or prefix to be furniture.
MIN_ARTICLES = 3
#: The share of the corpus's articles that must show it, when that is more than :data:`MIN_ARTICLES`.
MIN_SHARE = 0.01
#: Repeated lines longer than this are never furniture: a quoted paragraph is not a label.
MAX_LINE = 100
#: Link lines longer than this are prose.
MAX_LINK_LINE = 200
#: The fewest words a title after a link prefix has ("Merunut Logika Menteri Purbaya").
MIN_TITLE_WORDS = 3
#: Rounds of :func:`learn`'s search for repeated lines (each finds the lines next to the last round's).
MAX_ROUNDS = 4
#: How many words at the start of a line may make a link prefix.
PREFIX_WORDS = (2, 3, 4)
#: The most of the lines under a prefix that may be prose (not link lines) for it to be furniture.
MAX_PROSE_SHARE = 0.1

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]+")
_CLOSERS = "\"'”’)]»"


def threshold(articles: int) -> int:
    """How many articles must show a line or prefix for it to count as furniture: ``max(3, 1%)``.

    Example:
        >>> threshold(5), threshold(502), threshold(10_000)
        (3, 6, 100)
    """
    return max(MIN_ARTICLES, math.ceil(MIN_SHARE * articles))


def line_key(line: str) -> str:
    """A line as furniture is compared: case folded, whitespace removed, each run of digits one ``0``.

    Example:
        >>> line_key(" Saksikan LiveDetikPagi: ") == line_key("Saksikan Live Detikpagi :")
        True
    """
    return _DIGITS.sub("0", _SPACE.sub("", line.casefold()))


def _prefixes(line: str) -> list[tuple[int, str]]:
    """``(words, prefix)`` for each prefix size of :data:`PREFIX_WORDS` that leaves some text after it.

    Only the first words are split off and normalised, so a long paragraph costs no more than a short line.
    """
    head = line.split(None, max(PREFIX_WORDS))
    words = [_DIGITS.sub("0", word.casefold()) for word in head[: max(PREFIX_WORDS)]]
    return [(size, " ".join(words[:size])) for size in PREFIX_WORDS if len(head) > size]


def _link_shaped(line: str) -> bool:
    """Short and not ending in a full stop (closing quotes and brackets aside): the outline of a link."""
    return len(line) <= MAX_LINK_LINE and not line.rstrip(_CLOSERS + " ").endswith(".")


def is_link_line(line: str, prefix_words: int) -> bool:
    """Whether ``line`` looks like a promotion of another page after its first ``prefix_words`` words.

    Short, not ending in a full stop (closing quotes and brackets aside), and the rest a title: at least
    :data:`MIN_TITLE_WORDS` words, at least half of them capitalised.

    Example:
        >>> is_link_line('Tonton juga video "Mensos Tinjau Evakuasi Korban" di sini:', 2)
        True
        >>> is_link_line("Selain itu, Purbaya meminta agar TPIP dan TPID terus bersinergi.", 2)
        False
        >>> is_link_line("Berikut rincian pemangkasan dana transfer daerah:", 2)
        False
    """
    line = line.strip()
    if not _link_shaped(line):
        return False
    words = _LETTERS.findall(" ".join(line.split()[prefix_words:]))
    return len(words) >= MIN_TITLE_WORDS and 2 * sum(word[0].isupper() for word in words) >= len(words)


def _digest(key: str) -> bytes:
    """A short stable fingerprint of a neighbouring line, so counting its variety keeps no paragraph."""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()


@dataclass(frozen=True)
class Furniture:
    """What :func:`learn` found: repeated lines and link prefixes, each with the articles that showed it.

    ``lines`` maps a :func:`line_key` to the articles it occurs in, ``prefixes`` maps a prefix (normalised
    words joined by one space) to the articles with a link line under it, and ``examples`` gives each of
    them as first written, for reports.
    """

    lines: Mapping[str, int] = field(default_factory=dict)
    prefixes: Mapping[str, int] = field(default_factory=dict)
    examples: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.lines or self.prefixes)

    def match(self, line: str) -> str | None:
        """The learned line key or prefix that makes ``line`` furniture, or None.

        Example:
            >>> Furniture(prefixes={"lihat juga": 4}).match("Lihat juga Video: Merunut Logika Menteri Purbaya")
            'lihat juga'
        """
        stripped = line.strip()
        if len(stripped) <= MAX_LINE and self.lines:
            key = line_key(stripped)
            if key in self.lines:
                return key
        if self.prefixes and _link_shaped(stripped):
            for size, prefix in _prefixes(stripped):
                if prefix in self.prefixes and is_link_line(stripped, size):
                    return prefix
        return None

    def remove(self, text: str, removed: Counter[str] | None = None) -> str:
        """``text`` without its furniture lines; every other line is kept as it is, in order.

        If ``removed`` is given, it counts the lines removed under each learned line key or prefix.

        Example:
            >>> Furniture(lines={"advertisement": 9}).remove("Putin tiba.\\nADVERTISEMENT\\nXi menyambut.")
            'Putin tiba.\\nXi menyambut.'
        """
        if not self:
            return text
        kept = []
        for line in text.split("\n"):
            item = self.match(line)
            if item is None:
                kept.append(line)
            elif removed is not None:
                removed[item] += 1
        return "\n".join(kept)


def _repeated_lines(articles: Sequence[list[str]], needed: int) -> tuple[dict[str, int], dict[str, str]]:
    """Short lines in ``needed`` articles or more, each time between different lines (see the module).

    Found in rounds: a line next to furniture found in an earlier round is judged by the lines beyond it
    ("ADVERTISEMENT" always comes before "SCROLL TO CONTINUE WITH CONTENT"). Each round is one pass over
    the corpus, and there are at most :data:`MAX_ROUNDS`.
    """
    seen: Counter[str] = Counter()
    for lines in articles:
        seen.update({line_key(line) for line in lines if len(line.strip()) <= MAX_LINE})
    candidates = {key for key, count in seen.items() if count >= needed}
    found: dict[str, int] = {}
    examples: dict[str, str] = {}
    for _ in range(MAX_ROUNDS):
        before: defaultdict[str, set[object]] = defaultdict(set)
        after: defaultdict[str, set[object]] = defaultdict(set)
        for number, lines in enumerate(articles):
            keys = [line_key(line) if len(line.strip()) <= MAX_LINE else None for line in lines]
            if not candidates.intersection(keys):
                continue
            kept = [(key, line) for key, line in zip(keys, lines) if key not in found]
            for index, (key, line) in enumerate(kept):
                if key is None or key not in candidates:
                    continue
                before[key].add(_digest(line_key(kept[index - 1][1])) if index else ("start", number))
                after[key].add(
                    _digest(line_key(kept[index + 1][1])) if index + 1 < len(kept) else ("end", number)
                )
                examples.setdefault(key, line.strip())
        new = {key: seen[key] for key in before if min(len(before[key]), len(after[key])) >= needed}
        if not new:
            break
        found.update(new)
        candidates -= new.keys()
    return found, {key: examples[key] for key in found}


def _link_prefixes(articles: Sequence[list[str]], needed: int) -> tuple[dict[str, int], dict[str, str]]:
    """Prefixes of link lines in ``needed`` articles or more, with as many texts after them (see the module)."""
    seen: Counter[str] = Counter()
    for lines in articles:
        prefixes = set()
        for line in lines:
            if _link_shaped(line.strip()):
                prefixes.update(prefix for size, prefix in _prefixes(line) if is_link_line(line, size))
        seen.update(prefixes)
    candidates = {prefix for prefix, count in seen.items() if count >= needed}
    if not candidates:
        return {}, {}
    texts: defaultdict[str, set[bytes]] = defaultdict(set)
    links: Counter[str] = Counter()
    prose: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for lines in articles:
        for line in lines:
            for size, prefix in _prefixes(line):
                if prefix not in candidates:
                    continue
                if is_link_line(line, size):
                    links[prefix] += 1
                    texts[prefix].add(_digest(line_key(" ".join(line.split()[size:]))))
                    examples.setdefault(prefix, line.strip())
                else:
                    prose[prefix] += 1
    found = {
        prefix: seen[prefix]
        for prefix in candidates
        if len(texts[prefix]) >= needed and prose[prefix] <= MAX_PROSE_SHARE * (links[prefix] + prose[prefix])
    }
    # "simak juga" covers "simak juga video": keep the shortest prefix of each family.
    found = {
        prefix: count
        for prefix, count in found.items()
        if not any(prefix.startswith(shorter + " ") for shorter in found if shorter != prefix)
    }
    return found, {prefix: examples[prefix] for prefix in found}


def learn(texts: Iterable[str], needed: int | None = None) -> Furniture:
    """The furniture of a corpus of cleaned article texts (lines split on ``\\n``).

    ``needed`` is the number of articles that must show each line or prefix; by default
    :func:`threshold` of the number of texts.

    Example:
        >>> same = "Kasus ini berawal dari lelang proyek PLTU."  # syndicated: same neighbours each time
        >>> stories = [f"Awal {n}.\\n{same}\\nAkhir.\\nSimak Video: Prabowo Tiba di {n}" for n in "ABC"]
        >>> furniture = learn(stories)
        >>> dict(furniture.lines), dict(furniture.prefixes)
        ({}, {'simak video:': 3})
    """
    articles = [text.split("\n") for text in texts]
    needed = threshold(len(articles)) if needed is None else needed
    lines, line_examples = _repeated_lines(articles, needed)
    prefixes, prefix_examples = _link_prefixes(articles, needed)
    return Furniture(lines, prefixes, {**line_examples, **prefix_examples})


def report(furniture: Furniture, removed: Mapping[str, int]) -> list[tuple[str, str, str, int, int]]:
    """One row per learned line or prefix: kind, key, first example, articles that showed it, lines removed.

    ``removed`` is what :meth:`Furniture.remove` counted. Sorted by lines removed, most first, then by key,
    so a user can read what was taken out and why.

    Example:
        >>> learned = Furniture(lines={"advertisement": 3}, examples={"advertisement": "ADVERTISEMENT"})
        >>> removed = Counter()
        >>> _ = [learned.remove(text, removed) for text in ["a\\nADVERTISEMENT", "ADVERTISEMENT\\nb"]]
        >>> report(learned, removed)
        [('line', 'advertisement', 'ADVERTISEMENT', 3, 2)]
    """
    kinds = [("line", furniture.lines), ("prefix", furniture.prefixes)]
    rows = [
        (kind, key, furniture.examples.get(key, key), articles, removed.get(key, 0))
        for kind, learned in kinds
        for key, articles in learned.items()
    ]
    return sorted(rows, key=lambda row: (-row[4], row[1]))
