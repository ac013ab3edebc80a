"""One tokenised sentence as the argument search sees it: words with stems and forms, and the mentions in it.

:class:`Sentence` holds the data (which mention starts or ends at a token, which tokens a mention covers)
and the small predicates on it (titles, clause boundaries, negation); ``arguments`` searches it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from pipeline.relations.inventory import Inventory
from pipeline.relations.lexicon import (
    CLAUSE_WORDS,
    LIGHT_STEMS,
    MAX_TITLE_WORDS,
    NEGATION_STEMS,
    NEGATION_WINDOW,
    NEGATIONS,
    PLANNED_STEMS,
    PLANNED_WORDS,
    PREPOSITIONS,
    PUNCT_BOUNDARY,
    SPEECH_STEMS,
)
from pipeline.segment import Token
from pipeline.titles import titles


@dataclass(frozen=True)
class Word:
    """A token with its stem and form (verb, passive, noun, bare or other)."""

    text: str
    lower: str
    stem: str
    form: str
    nya: bool  # carries the possessive clitic -nya: "kunjungannya" is someone's visit, not a named one


def word(token: Token, inventory: Inventory) -> Word:
    """The token's stem, and its form read from the affixes the stemmer took off.

    >>> from pipeline.relations.inventory import load_inventory
    >>> [word(Token(text, 0, 0), load_inventory()).form for text in ("dikunjungi", "kunjungannya", "kunjung")]
    ['passive', 'noun', 'bare']
    """
    lower = token.text.lower()
    stem = inventory.stem(token.text)
    nya = lower.endswith("nya") and not stem.endswith("nya") and len(lower) > 3
    base = lower[:-3] if nya else lower
    if base == stem:
        form = "bare"
    elif base.startswith(stem):
        form = "noun" if base.endswith("an") else "verb"
    elif base.startswith("di"):
        form = "passive"
    elif base.startswith(("me", "ber", "be")):
        form = "verb"
    elif base.endswith("an") and base.startswith(("pe", "ke")):
        form = "noun"
    else:
        form = "other"
    return Word(token.text, lower, stem, form, nya)


@dataclass(frozen=True)
class Mention:
    """An entity mention as a span of token indices (the mentions table has character offsets)."""

    first: int  # first token index
    last: int  # last token index (inclusive)
    entity_id: str
    type: str


class Sentence:
    """One tokenised sentence with its mentions, and what can be told of a token or a mention in it."""

    def __init__(self, words: list[Word], mentions: list[Mention], inventory: Inventory):
        self.words = words
        self.n = len(words)
        self.inventory = inventory
        self.titles = titles()
        shared = Counter(i for m in mentions for i in range(m.first, m.last + 1))
        self.starting: dict[int, Mention] = {}
        self.ending: dict[int, Mention] = {}
        self.covered: set[int] = set()
        for m in sorted(mentions, key=lambda m: (m.first, -m.last)):
            if m.first in self.starting:
                continue
            self.starting[m.first] = m
            self.ending.setdefault(m.last, m)
            self.covered.update(range(m.first, m.last + 1))
        self.compound = {m for m in mentions if any(shared[i] > 1 for i in range(m.first, m.last + 1))}
        #: tokens of the triggers found in the sentence, set once they are matched
        self.trigger_tokens: set[int] = set()

    def title_end(self, i: int) -> int:
        """Index after the longest run of titles starting at ``i`` ("Menteri Luar Negeri", "Bapak")."""
        while i < self.n:
            for size in range(MAX_TITLE_WORDS, 0, -1):
                if i + size <= self.n and " ".join(w.lower for w in self.words[i : i + size]) in self.titles:
                    if not any(j in self.covered for j in range(i, i + size)):
                        i += size
                        break
            else:
                return i
        return i

    def title_start(self, end: int) -> int:
        """Index of the first title word of the run of titles ending right before ``end`` (``end`` if none)."""
        while end > 0:
            for size in range(MAX_TITLE_WORDS, 0, -1):
                if end - size >= 0 and " ".join(w.lower for w in self.words[end - size : end]) in self.titles:
                    if not any(j in self.covered for j in range(end - size, end)):
                        end -= size
                        break
            else:
                return end
        return end

    def name_part(self, k: int) -> bool:
        """A capitalised non-word the model left out of a person's name: "Presiden Vladimir [Putin]"."""
        w = self.words[k]
        return (
            k not in self.covered
            and w.text[:1].isupper()
            and w.form == "bare"
            and not self.inventory.is_word(w.lower)
            and w.lower not in self.titles
        )

    def person_start(self, m: Mention) -> int:
        """First token of a person's name, with up to two first names the model missed before it."""
        k = m.first
        if m.type == "PERSON":
            for _ in range(2):
                if k > 0 and self.name_part(k - 1):
                    k -= 1
        return k

    def person_after(self, m: Mention) -> Mention | None:
        """The person a mention in a title introduces: right after it ("Presiden Tiongkok *Xi Jinping*"), or,
        when a title stands before it, after its bracketed short form and a comma ("Menteri Pekerjaan Umum
        (PU), *Dody Hanggodo*")."""
        k = m.last + 1
        if self.title_start(m.first) < m.first:
            k = self.past_gloss(k)
            if k < self.n and self.words[k].lower == ",":
                k += 1
        after = self.starting.get(k)
        return after if after is not None and after.type == "PERSON" else None

    def past_gloss(self, k: int) -> int:
        """Index after a one-word bracketed short form that opens at ``k`` ("(PU)"); ``k`` when none does."""
        bracketed = k + 2 < self.n and self.words[k].lower == "(" and self.words[k + 2].lower == ")"
        return k + 3 if bracketed else k

    def before_gloss(self, k: int) -> int:
        """Index of the "(" of a one-word bracketed short form that closes right before ``k``; ``k`` when
        none does."""
        bracketed = k >= 3 and self.words[k - 1].lower == ")" and self.words[k - 3].lower == "("
        return k - 3 if bracketed else k

    def modifies_person(self, m: Mention) -> bool:
        """A country or organisation in a person's title: "Presiden Tiongkok Xi Jinping"."""
        return m.type != "PERSON" and self.person_after(m) is not None

    def unnamed_official(self, m: Mention) -> bool:
        """A country or organisation after a title, naming nobody: "pemimpin Rusia itu", "para pejabat AS"."""
        return m.type != "PERSON" and self.title_start(m.first) < m.first

    def glossed(self, m: Mention) -> bool:
        """A mention in brackets right after another: "ICE (*Indonesia*)", "Amerika Serikat (*AS*)" glosses
        the name before it, and is no party of its own."""
        return (
            m.first >= 2
            and m.last + 1 < self.n
            and self.words[m.first - 1].lower == "("
            and self.words[m.last + 1].lower == ")"
            and m.first - 2 in self.ending
        )

    def argument(self, m: Mention | None) -> bool:
        """Whether a mention can be an argument at all (not a title part, not half of "Rusia-Tiongkok", not
        a gloss in brackets)."""
        return (
            m is not None
            and m not in self.compound
            and not self.modifies_person(m)
            and not self.unnamed_official(m)
            and not self.glossed(m)
        )

    def boundary(self, i: int) -> bool:
        """Punctuation, a clause word or a reporting verb: no argument is looked for across it."""
        w = self.words[i]
        return w.lower in PUNCT_BOUNDARY or w.lower in CLAUSE_WORDS or w.stem in SPEECH_STEMS

    def blocking_verb(self, i: int) -> bool:
        """A full verb: a subject found beyond it belongs to that verb, not to the trigger."""
        w = self.words[i]
        return w.form in ("verb", "passive") and w.stem not in LIGHT_STEMS and i not in self.covered

    def negated(self, i: int) -> bool:
        """Whether a negation stands shortly before token ``i``, in the same stretch between punctuation."""
        return self._shortly_before(i, NEGATIONS, NEGATION_STEMS)

    def planned(self, i: int) -> bool:
        """Whether a word announcing the event ("akan", "berencana", "rencana") stands shortly before ``i``."""
        return self._shortly_before(i, PLANNED_WORDS, PLANNED_STEMS)

    def _shortly_before(self, i: int, words: frozenset[str], stems: frozenset[str]) -> bool:
        """Whether one of ``words`` (or a word of one of ``stems``) is among the few tokens before ``i``, with
        no punctuation between."""
        for k in range(i - 1, max(-1, i - 1 - NEGATION_WINDOW), -1):
            w = self.words[k]
            if w.lower in PUNCT_BOUNDARY:
                return False
            if w.lower in words or w.stem in stems:
                return True
        return False

    def thing(self, k: int) -> bool:
        """A lowercase word that may name a thing: no clause word, preposition, verb, title or punctuation
        ("langkah", "kebijakan", "sikap")."""
        w = self.words[k]
        return (
            w.text[:1].islower()
            and k not in self.covered
            and w.form in ("bare", "noun", "other")
            and w.lower not in PREPOSITIONS
            and w.lower not in self.titles
            and not self.boundary(k)
        )

    def sentence_initial(self, i: int) -> bool:
        """Whether only punctuation stands before token ``i``."""
        return all(w.lower in PUNCT_BOUNDARY for w in self.words[:i])
