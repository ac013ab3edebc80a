"""Relations stage: typed, directed relations between entities (who visits, meets, sanctions whom).

Eleven types: VISIT, HOST, MEET, INVITE, SIGN, SANCTION, ACCUSE, CRITICISE, PRAISE, SUPPORT, OPPOSE.

Reads ``interim/articles.csv``, ``interim/sentences.csv``, ``mentions.csv`` and ``entities.csv``; writes
``relations.csv`` (one row per relation found in a sentence) and ``relations.graphml`` (one directed edge per
``(source, relation, target)``). The relation types follow CAMEO, the event codebook GDELT uses for English
news; their Indonesian triggers live in ``pipeline/resources/relations.csv``, one row per trigger.

Why rules and not a model: there is no Indonesian event-coding corpus to learn from, the relations must be
explainable row by row (each carries its trigger and sentence), and the seeds call for precision first.

How a sentence is read:

1. **Triggers.** Tokens (``pipeline.segment``) are stemmed with Sastrawi, whose root dictionary is extended
   with the inventory's stems (it lacks ``tandatangan``), so ``mengunjungi``, ``berkunjung``, ``kunjungan``
   and ``dikunjungi`` are all ``kunjung``. The affixes left on the surface give the form: ``di-`` passive,
   ``meN-``/``ber-`` active verb, ``-an`` noun, or the bare root; each trigger lists the forms it accepts.
   Triggers preceded closely by a negation (``tidak``, ``belum``, ``menolak untuk``, ``alih-alih``) are
   skipped.
2. **Arguments.** Only entities from the mentions count. People, countries and organisations are actors;
   a place is never an actor, but may be the target of the types whose ``targets`` column lists
   ``LOCATION`` (a visited city, or a capital standing for its government: "menuduh Beijing"). A country or
   organisation written as part of a person's title ("Presiden *Tiongkok* Xi Jinping", "pemimpin *Rusia*
   itu") and names glued by a hyphen ("Rusia-Tiongkok") are not arguments.

   * active verb: the source is the subject before the trigger (same clause; ", yang" relative clauses and
     ", sekretaris ..., " appositions are looked through; after "untuk" or "dan" the subject of the main
     verb), the target the object right after it, or after one of the trigger's prepositions;
   * passive verb (``di-``): flipped, the agent after the verb (optionally after ``oleh``) is the source and
     the subject the target: "Wang Yi dijamu oleh Putin" is Putin HOST Wang Yi;
   * noun: the source is the possessor right after it ("kunjungan *Putin* ke China"), an ``oleh`` agent, or
     the subject of a light verb before it ("Putin akan *melakukan* kunjungan ... ke China"); the target
     follows one of the trigger's prepositions;
   * ``agent`` pattern ("atas undangan X", "memenuhi undangan X"): X is the source, the clause subject the
     target: X invited the subject;
   * symmetric types (MEET, SIGN) are stored with ``source < target``; "antara X dan Y" and "X dan Y bertemu"
     give the pair. No relation links an entity to itself.

Example:
    >>> text = "Putin menjamu diplomat top China Wang Yi di Moskow."
    >>> articles = pd.DataFrame({"id": ["a"], "text": [text]})
    >>> sentences = pd.DataFrame({"article": ["a"], "sentence": [0], "start": [0], "end": [len(text)]})
    >>> mentions = pd.DataFrame({"article": "a", "sentence": 0, "start": [0, 27, 33, 44], "end": [5, 32, 40, 50],
    ...     "type": ["PERSON", "COUNTRY", "PERSON", "LOCATION"],
    ...     "entity_id": ["vladimir-putin", "tiongkok", "wang-yi", "moskow"]})
    >>> extract_relations(articles, sentences, mentions)[["source", "relation", "target", "trigger"]].values.tolist()
    [['vladimir-putin', 'HOST', 'wang-yi', 'menjamu']]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

import networkx as nx
import pandas as pd
from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from pipeline import export, schema
from pipeline.cache import ArticleCache, fingerprint, versions
from pipeline.normalise import TITLES_FILE, titles
from pipeline.segment import SEGMENTER_FILES, Token, segment

INVENTORY_FILE = Path(__file__).parent / "resources" / "relations.csv"
#: entity types that can act (be a source, and a target of every relation type)
ACTOR_TYPES = frozenset(schema.GRAPH_TYPES)
#: word forms a trigger row may accept (``bare-verb``/``bare-noun``: the bare root, read as a verb or a noun)
FORMS = frozenset({"verb", "passive", "noun", "bare-verb", "bare-noun"})
PATTERNS = frozenset({"auto", "agent"})

# Function words the argument search relies on. They are grammar, not the trigger inventory, hence code.
_PUNCT_BOUNDARY = frozenset(",;:()[]{}“”\"‘’'«»–—-/?!.…") | {"--", "``", "''"}
_CLOSING = frozenset(")]}")
#: words that open a new clause: the subject of a trigger after them is never before them
_CLAUSE_WORDS = frozenset(
    "bahwa ketika saat sementara sedangkan tetapi namun karena sejak setelah sebelum meskipun meski walaupun "
    "walau sambil jika apabila agar supaya sehingga hingga seraya mana".split()
)
#: roots of reporting verbs ("mengatakan", "ujar", "menurut"): what follows them is a new clause
_SPEECH_STEMS = frozenset("kata ujar nyata tambah umum turut tegas jelas".split())
_PREPOSITIONS = frozenset(
    "di ke dari dengan kepada terhadap untuk bagi oleh atas pada antara tentang sebagai menuju dalam selama "
    "soal mengenai sekitar".split()
)
#: words that may stand right before a subject ("Bulan lalu Putin", "juga Xi")
_SUBJECT_LEFT = frozenset("lalu kemudian juga pun bahkan kini lantas akhirnya".split())
_COORDINATORS = frozenset({"dan", "serta"})
#: auxiliaries and adverbs between a subject and its verb ("akan", "telah", "terakhir kali")
_AUX = frozenset(
    "akan telah sudah juga sedang tengah masih pernah baru saja segera ingin hendak mau bisa dapat harus "
    "mungkin terakhir kali kembali secara langsung resmi terbuka politik konsisten diam-diam pun lalu "
    "kemudian sempat belum tidak".split()
)
#: roots of verbs that leave the subject in place ("diperkirakan akan mengunjungi", "melakukan kunjungan")
_LIGHT_STEMS = frozenset(
    "jadi kira jadwal rencana harap kabar lapor janji niat upaya usaha coba laku ada gelar mulai".split()
)
#: words allowed between a subject and a noun trigger ("sedang dalam kunjungan", "empat setengah jam pembicaraan")
_LIGHT_WORDS = _AUX | frozenset(
    "dalam dari sebuah suatu serangkaian beberapa jam hari putaran satu dua tiga empat lima enam tujuh "
    "delapan sembilan sepuluh setengah".split()
)
_NEGATIONS = frozenset("tidak tak tiada belum bukan enggan tanpa jangan alih-alih urung".split())
_NEGATION_STEMS = frozenset("tolak batal tunda gagal enggan urung".split())
_NEGATION_WINDOW = 4
#: person-or-country possessors of a noun trigger ("kunjungan Putin", not "pertemuan puncak Kremlin")
_POSSESSOR_TYPES = frozenset({"PERSON", "COUNTRY"})
_MAX_SUBJECT_DISTANCE = 10
_MAX_LONG_DISTANCE = 16
_MAX_TITLE_WORDS = 3


@dataclass(frozen=True)
class Trigger:
    """One row of the inventory: a stem sequence that signals ``relation``, and how to find its arguments."""

    relation: str
    cameo: str
    symmetric: bool
    targets: frozenset[str]
    stems: tuple[str, ...]
    forms: frozenset[str]
    pattern: str
    preps: frozenset[str]
    gap: int
    suffix: str


@dataclass(frozen=True)
class Inventory:
    """The trigger inventory: triggers longest first, and the relation types with their CAMEO codes."""

    triggers: tuple[Trigger, ...]
    cameo: dict[str, str]
    #: single-word stems of the triggers, added to Sastrawi's root dictionary
    roots: frozenset[str]

    def stem(self, word: str) -> str:
        """Sastrawi stem of ``word`` (lowercased), cached.

        >>> load_inventory().stem("menandatangani"), load_inventory().stem("Kunjungan")
        ('tandatangan', 'kunjung')
        """
        return _stem(word, self.roots)

    @cached_property
    def by_first_stem(self) -> dict[str, tuple[Trigger, ...]]:
        """Triggers by the stem of their first word, longest first: one lookup per token, not one per trigger."""
        index: dict[str, list[Trigger]] = defaultdict(list)
        for trigger in self.triggers:
            index[trigger.stems[0]].append(trigger)
        return {stem: tuple(triggers) for stem, triggers in index.items()}

    def is_word(self, lower: str) -> bool:
        """Whether ``lower`` is in the root dictionary (so a capitalised form of it is no name)."""
        return _stemmer(self.roots).dictionary.contains(lower)


def load_inventory(path: Path = INVENTORY_FILE) -> Inventory:
    """Read the trigger inventory (cached per path); raises ``ValueError`` naming a bad row.

    >>> sorted(load_inventory().cameo.items())[:2]
    [('ACCUSE', '112'), ('CRITICISE', '111')]
    """
    return _load_inventory(Path(path).resolve())


@cache
def _load_inventory(path: Path) -> Inventory:
    triggers: list[Trigger] = []
    types: dict[str, tuple[str, bool, frozenset[str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            forms = frozenset(row["forms"].split("|"))
            targets = frozenset(row["targets"].split("|"))
            if not forms <= FORMS:
                raise ValueError(f"{where}: unknown forms {sorted(forms - FORMS)}")
            if row["pattern"] not in PATTERNS:
                raise ValueError(f"{where}: unknown pattern {row['pattern']!r}")
            if not targets <= ACTOR_TYPES | {"LOCATION"}:
                raise ValueError(f"{where}: unknown target types {sorted(targets - ACTOR_TYPES)}")
            kind = (row["cameo"], row["symmetric"] == "yes", targets)
            if types.setdefault(row["relation"], kind) != kind:
                raise ValueError(f"{where}: {row['relation']} has other cameo/symmetric/targets above")
            triggers.append(
                Trigger(
                    relation=row["relation"],
                    cameo=row["cameo"],
                    symmetric=kind[1],
                    targets=targets,
                    stems=tuple(row["trigger"].split()),
                    forms=forms,
                    pattern=row["pattern"],
                    preps=frozenset(p for p in row["preps"].split("|") if p),
                    gap=int(row["gap"]),
                    suffix=row["suffix"],
                )
            )
    triggers.sort(key=lambda t: -len(t.stems))
    cameo = {relation: kind[0] for relation, kind in sorted(types.items())}
    return Inventory(tuple(triggers), cameo, frozenset(s for t in triggers for s in t.stems))


@cache
def _stemmer(roots: frozenset[str]) -> Stemmer:
    return Stemmer(ArrayDictionary(StemmerFactory().get_words() + sorted(roots)))


@lru_cache(maxsize=1 << 16)
def _stem(word: str, roots: frozenset[str]) -> str:
    lower = word.lower()
    if not any(c.isalpha() for c in lower) or not lower.replace("-", "").isalpha():
        return lower
    return _stemmer(roots).stem(lower)


@dataclass(frozen=True)
class _Word:
    """A token with its stem and form (verb, passive, noun, bare or other)."""

    text: str
    lower: str
    stem: str
    form: str
    nya: bool  # carries the possessive clitic -nya: "kunjungannya" is someone's visit, not a named one


def _word(token: Token, inventory: Inventory) -> _Word:
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
    return _Word(token.text, lower, stem, form, nya)


@dataclass(frozen=True)
class _Mention:
    first: int  # first token index
    last: int  # last token index (inclusive)
    entity_id: str
    type: str


class _Sentence:
    """One tokenised sentence with its mentions; finds the arguments of the triggers in it."""

    def __init__(self, words: list[_Word], mentions: list[_Mention], inventory: Inventory):
        self.words = words
        self.n = len(words)
        self.inventory = inventory
        self.titles = titles()
        shared = Counter(i for m in mentions for i in range(m.first, m.last + 1))
        self.starting: dict[int, _Mention] = {}
        self.ending: dict[int, _Mention] = {}
        self.covered: set[int] = set()
        for m in sorted(mentions, key=lambda m: (m.first, -m.last)):
            if m.first in self.starting:
                continue
            self.starting[m.first] = m
            self.ending.setdefault(m.last, m)
            self.covered.update(range(m.first, m.last + 1))
        self.compound = {m for m in mentions if any(shared[i] > 1 for i in range(m.first, m.last + 1))}
        self.trigger_tokens: set[int] = set()

    # -- small predicates -------------------------------------------------------------------------------

    def title_end(self, i: int) -> int:
        """Index after the longest run of titles starting at ``i`` ("Menteri Luar Negeri", "Bapak")."""
        while i < self.n:
            for size in range(_MAX_TITLE_WORDS, 0, -1):
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
            for size in range(_MAX_TITLE_WORDS, 0, -1):
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

    def person_start(self, m: _Mention) -> int:
        """First token of a person's name, with up to two first names the model missed before it."""
        k = m.first
        if m.type == "PERSON":
            for _ in range(2):
                if k > 0 and self.name_part(k - 1):
                    k -= 1
        return k

    def modifies_person(self, m: _Mention) -> bool:
        """A country or organisation in a person's title: "Presiden Tiongkok Xi Jinping"."""
        after = self.starting.get(m.last + 1)
        return m.type != "PERSON" and after is not None and after.type == "PERSON"

    def unnamed_official(self, m: _Mention) -> bool:
        """A country or organisation after a title, naming nobody: "pemimpin Rusia itu", "para pejabat AS"."""
        return m.type != "PERSON" and self.title_start(m.first) < m.first

    def argument(self, m: _Mention | None) -> bool:
        """Whether a mention can be an argument at all (not a title part, not half of "Rusia-Tiongkok")."""
        return (
            m is not None
            and m not in self.compound
            and not self.modifies_person(m)
            and not self.unnamed_official(m)
        )

    def boundary(self, i: int) -> bool:
        w = self.words[i]
        return w.lower in _PUNCT_BOUNDARY or w.lower in _CLAUSE_WORDS or w.stem in _SPEECH_STEMS

    def blocking_verb(self, i: int) -> bool:
        """A full verb: a subject found beyond it belongs to that verb, not to the trigger."""
        w = self.words[i]
        return w.form in ("verb", "passive") and w.stem not in _LIGHT_STEMS and i not in self.covered

    def negated(self, i: int) -> bool:
        for k in range(i - 1, max(-1, i - 1 - _NEGATION_WINDOW), -1):
            w = self.words[k]
            if w.lower in _PUNCT_BOUNDARY:
                return False
            if w.lower in _NEGATIONS or w.stem in _NEGATION_STEMS:
                return True
        return False

    # -- looking left: subjects -------------------------------------------------------------------------

    def left_context(self, m: _Mention) -> tuple[bool, list[_Mention]]:
        """Whether ``m`` stands where a subject stands, and the mentions coordinated with it before "dan".

        A subject follows the start of the sentence, punctuation, a clause word or a reporting verb; a
        mention after a preposition, a verb or a noun is an object or a possessor ("invasi Rusia").
        """
        k = self.person_start(m)
        modifier = self.ending.get(k - 1)
        if modifier is not None and self.modifies_person(modifier):
            k = modifier.first
        k = self.title_start(k)
        if k == 0:
            return True, []
        w = self.words[k - 1]
        if w.lower in _COORDINATORS:
            partner = self.ending.get(k - 2)
            if partner is not None and self.argument(partner):
                ok, others = self.left_context(partner)
                return ok, [*others, partner]
            return False, []
        if w.lower in _CLOSING:  # "Dewan Perwakilan Wilayah (DPW) PPP": still inside a noun phrase
            return False, []
        if w.lower in _PUNCT_BOUNDARY or w.lower in _CLAUSE_WORDS or w.stem in _SPEECH_STEMS:
            return True, []
        return w.lower in _SUBJECT_LEFT, []

    def subject(self, i: int, mode: str, types: frozenset[str]) -> list[_Mention]:
        """Subject mention(s) of the trigger at ``i``, searching left within the clause.

        Modes: ``verb`` (stop at another full verb), ``light`` (only light verbs and auxiliaries between, for
        noun triggers), ``control`` (after "untuk": the nearest actor, objects included: "mengundang Xi untuk
        mengunjungi"), ``main`` (after "dan" or for "atas undangan": the subject of the main verb).
        """
        limit = _MAX_LONG_DISTANCE if mode in ("control", "main") else _MAX_SUBJECT_DISTANCE
        k = i - 1
        steps = 0
        while k >= 0 and steps < limit:
            w = self.words[k]
            if w.lower == "yang":
                return self.antecedent(k, types)
            if w.lower == ",":
                jump = self.apposition_start(k)
                if jump is None:
                    return []
                k = jump - 1
                continue
            m = self.ending.get(k)
            if m is not None:
                if self.argument(m):
                    eligible = m.type in types
                    if mode == "control" and eligible:
                        return [m]
                    ok, partners = self.left_context(m)
                    if ok and eligible:
                        return [p for p in partners if p.type in types] + [m]
                    if mode == "light" or (ok and mode == "verb"):
                        return []
                k = m.first - 1
                steps += 1
                continue
            if self.boundary(k):
                return []
            if mode == "light" and w.lower not in _LIGHT_WORDS and w.stem not in _LIGHT_STEMS:
                if self.title_start(k + 1) == k + 1:
                    return []
            if mode == "verb" and self.blocking_verb(k):
                return []
            k -= 1
            steps += 1
        return []

    def antecedent(self, yang: int, types: frozenset[str]) -> list[_Mention]:
        """The head of a relative clause: "Fumio Kishida, yang mengunjungi Bucha"; "AS dan sekutunya, yang"."""
        k = yang - 1
        if k >= 0 and self.words[k].lower == ",":
            k -= 1
        for _ in range(3):
            if k < 0:
                return []
            m = self.ending.get(k)
            if m is not None:
                return [m] if self.argument(m) and m.type in types else []
            if self.boundary(k):
                return []
            k -= 1
        return []

    def apposition_start(self, comma: int) -> int | None:
        """Index of the comma opening an apposition that ends at ``comma`` (", sekretaris Dewan ..., ")."""
        for k in range(comma - 1, max(-1, comma - 10), -1):
            if self.words[k].lower == ",":
                return k if self.title_end(k + 1) > k + 1 else None
            if self.words[k].lower in _PUNCT_BOUNDARY:
                return None
        return None

    def mode(self, i: int, default: str) -> str:
        """``control`` after "untuk", ``main`` after "dan" (skipping auxiliaries), else ``default``."""
        k = i - 1
        while k >= 0 and self.words[k].lower in _AUX:
            k -= 1
        if k >= 0 and self.words[k].lower in ("untuk", "guna"):
            return "control"
        if k >= 0 and self.words[k].lower in _COORDINATORS:
            return "main"
        return default

    # -- looking right: objects, possessors, agents -----------------------------------------------------

    def mention_at(self, k: int) -> _Mention | None:
        """The argument mention starting at ``k`` after titles; a country in a person's title is skipped."""
        k = self.title_end(k)
        m = self.starting.get(k)
        if m is not None and self.modifies_person(m):
            m = self.starting.get(m.last + 1)
        for skip in (1, 2):
            if m is None and all(k + x < self.n and self.name_part(k + x) for x in range(skip)):
                after = self.starting.get(k + skip)
                m = after if after is not None and after.type == "PERSON" else None
        return m if self.argument(m) else None

    def with_coordinates(self, m: _Mention, types: frozenset[str]) -> list[_Mention]:
        """``m`` and the mentions joined to it by "dan" or ", termasuk".

        "dengan Presiden Macron dan Ursula von der Leyen", "ke Eropa, termasuk Hungaria dan Serbia".
        """
        found = [m]
        while True:
            k = m.last + 1
            if k < self.n and self.words[k].lower == ",":
                k += 1
            if k >= self.n or not (
                self.words[k].lower == "termasuk"
                or (k == m.last + 1 and self.words[k].lower in _COORDINATORS)
            ):
                return found
            nxt = self.mention_at(k + 1)
            if nxt is None or nxt.type not in types:
                return found
            found.append(nxt)
            m = nxt

    def obj(
        self, j: int, trigger: Trigger, direct: bool, types: frozenset[str]
    ) -> tuple[list[_Mention], str]:
        """Target(s) after the trigger ending at ``j``: a direct object, or the mention after a preposition.

        Returns the mentions and the preposition used (``""`` for a direct object). After a verb (``direct``)
        another verb ends the search; after a noun it does not, as ``meN-`` adjectives are common there
        ("pembicaraan mendalam antara", "kunjungan mendadak ke").
        """
        if direct:
            m = self.mention_at(j)
            if m is not None and m.type in types:
                return self.with_coordinates(m, types), ""
        for k in range(j, min(self.n, j + trigger.gap + 1)):
            w = self.words[k]
            if w.lower in trigger.preps:
                m = self.mention_at(k + 1)
                if m is None or m.type not in types:
                    return [], w.lower
                return self.with_coordinates(m, types), w.lower
            if self.boundary(k) or k in self.trigger_tokens or (direct and self.blocking_verb(k)):
                break
        return [], ""

    def possessor(self, j: int, trigger: Trigger) -> tuple[_Mention | None, bool]:
        """The named owner of a noun trigger ("kunjungan pertama Xi ke"), and whether an unknown one is there.

        A capitalised word that is no person or country mention ("Kremlin", a name the model missed)
        fills the slot, so no subject is then borrowed from before the noun.
        """
        k = j
        while k < min(self.n, j + trigger.gap + 1):
            w = self.words[k]
            if w.lower in trigger.preps or w.lower in _PREPOSITIONS or self.boundary(k):
                break
            m = self.starting.get(k)
            if m is not None:
                if self.modifies_person(m):
                    k = m.last + 1
                    continue
                if self.argument(m) and m.type in _POSSESSOR_TYPES:
                    return m, True
                return None, True
            if w.text[:1].isupper() and self.title_end(k) == k:
                return None, True
            k += 1
        return None, False

    def agent(self, k: int) -> list[_Mention]:
        """The agent in an "oleh X" phrase starting at ``k``."""
        if k < self.n and self.words[k].lower == "oleh":
            m = self.mention_at(k + 1)
            if m is not None and m.type in ACTOR_TYPES:
                return [m]
        return []

    def fronted(self, j: int) -> list[_Mention]:
        """Subject of a sentence opened by the trigger: "Bertemu di Paris dengan Macron, Xi berjanji"."""
        for k in range(j, self.n):
            if self.words[k].lower == ",":
                m = self.mention_at(k + 1)
                return [m] if m is not None and m.type in ACTOR_TYPES else []
        return []

    # -- putting it together ----------------------------------------------------------------------------

    def arguments(self, i: int, j: int, trigger: Trigger) -> tuple[list[_Mention], list[_Mention], bool]:
        """Sources and targets of the trigger at tokens ``i..j-1``; the flag says they are one pair list."""
        head = self.words[i]
        if trigger.pattern == "agent":
            return self.agent_after(j), self.subject(i, "main", trigger.targets), False
        if head.form == "passive":
            targets = self.subject(i, self.mode(i, "verb"), trigger.targets)
            sources, _ = self.obj(j, _OLEH, True, ACTOR_TYPES)
            return sources, targets, False
        if head.form == "noun" or (head.form == "bare" and "bare-noun" in trigger.forms):
            owner, slot_filled = self.possessor(j, trigger)
            targets, prep = self.obj(j, trigger, False, trigger.targets)
            if prep == "antara" and trigger.symmetric and len(targets) > 1:
                return targets, [], True
            end = max((m.last for m in targets), default=j - 1) + 1
            sources = self.agent(end) or ([owner] if owner else [])
            if not sources and not slot_filled and not head.nya:
                sources = self.subject(i, "light", ACTOR_TYPES)
            return sources, targets, False
        sources = self.subject(i, self.mode(i, "verb"), ACTOR_TYPES)
        if not sources and self.sentence_initial(i):
            sources = self.fronted(j)
        targets, prep = self.obj(j, trigger, True, trigger.targets)
        if prep == "antara" and trigger.symmetric and len(targets) > 1:
            return targets, [], True
        return sources, targets, False

    def agent_after(self, j: int) -> list[_Mention]:
        m = self.mention_at(j)
        return [m] if m is not None and m.type in ACTOR_TYPES else []

    def sentence_initial(self, i: int) -> bool:
        return all(w.lower in _PUNCT_BOUNDARY for w in self.words[:i])

    def matches(self) -> Iterable[tuple[int, int, Trigger]]:
        """Trigger occurrences ``(first token, end token, trigger)``, longest match first, no overlaps."""
        i = 0
        while i < self.n:
            found = self.match_at(i)
            if found is None:
                i += 1
                continue
            yield i, i + len(found.stems), found
            i += len(found.stems)

    def match_at(self, i: int) -> Trigger | None:
        for trigger in self.inventory.by_first_stem.get(self.words[i].stem, ()):
            size = len(trigger.stems)
            if i + size > self.n or any(k in self.covered for k in range(i, i + size)):
                continue
            if tuple(w.stem for w in self.words[i : i + size]) != trigger.stems:
                continue
            head = self.words[i]
            form = (
                f"bare-{'noun' if 'bare-noun' in trigger.forms else 'verb'}"
                if head.form == "bare"
                else head.form
            )
            if form not in trigger.forms:
                continue
            base = head.lower[:-3] if head.nya else head.lower
            if trigger.suffix.startswith("!") and base.endswith(trigger.suffix[1:]):
                continue
            if trigger.suffix and not trigger.suffix.startswith("!") and not base.endswith(trigger.suffix):
                continue
            return trigger
        return None


_OLEH = Trigger("", "", False, ACTOR_TYPES, (), frozenset(), "auto", frozenset({"oleh"}), 0, "")


def sentence_relations(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int, str, str]], inventory: Inventory
) -> list[tuple[str, str, str, str]]:
    """Relations in ``text[start:end]``: ``(source, relation, target, trigger)`` in trigger order, deduplicated.

    ``mentions`` are ``(start, end, type, entity_id)`` with offsets into ``text``.
    """
    tokens = [
        Token(t.text, t.start + start, t.end + start) for piece in segment(text[start:end]) for t in piece
    ]
    if not tokens:
        return []
    words = [_word(t, inventory) for t in tokens]
    spans = []
    for m_start, m_end, m_type, entity_id in mentions:
        inside = [k for k, t in enumerate(tokens) if t.start < m_end and t.end > m_start]
        if inside:
            spans.append(_Mention(inside[0], inside[-1], entity_id, m_type))
    sentence = _Sentence(words, spans, inventory)
    occurrences = list(sentence.matches())
    sentence.trigger_tokens = {k for i, j, _ in occurrences for k in range(i, j)}
    found: dict[tuple[str, str, str], str] = {}
    for i, j, trigger in occurrences:
        if sentence.negated(i):
            continue
        sources, targets, paired = sentence.arguments(i, j, trigger)
        if paired or (trigger.symmetric and not targets):
            pairs = [(a, b) for x, a in enumerate(sources) for b in sources[x + 1 :]]
        else:
            pairs = [(s, t) for s in sources for t in targets]
        surface = text[tokens[i].start : tokens[j - 1].end]
        for s, t in pairs:
            if s.entity_id == t.entity_id:
                continue
            ids = sorted((s.entity_id, t.entity_id)) if trigger.symmetric else [s.entity_id, t.entity_id]
            found.setdefault((ids[0], trigger.relation, ids[1]), surface)
    return [(s, r, t, trigger) for (s, r, t), trigger in found.items()]


def extract_relations(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    inventory: Inventory | None = None,
    store: ArticleCache | None = None,
) -> pd.DataFrame:
    """The relations table (``schema.RELATIONS``), sorted by article, sentence, source, relation, target.

    ``articles`` needs ``id`` and ``text``; ``sentences`` ``article``, ``sentence``, ``start``, ``end``;
    ``mentions`` ``article``, ``sentence``, ``start``, ``end``, ``type`` and ``entity_id``. With a
    ``store``, each article's relations are cached, keyed by its text and the mentions of its sentences.
    """
    inventory = inventory or load_inventory()
    store = store or ArticleCache(None, "")
    texts = dict(zip(articles["id"], articles["text"]))
    by_sentence: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    for row in mentions.itertuples(index=False):
        by_sentence.setdefault((row.article, int(row.sentence)), []).append(
            (int(row.start), int(row.end), row.type, row.entity_id)
        )
    work: dict[str, list[tuple[int, int, int, list[tuple[int, int, str, str]]]]] = defaultdict(list)
    for row in sentences.itertuples(index=False):
        present = by_sentence.get((row.article, int(row.sentence)), [])
        if row.article in texts and len({entity for *_, entity in present}) >= 2:
            # a relation links two different entities: other sentences have nothing to find
            work[row.article].append((int(row.sentence), int(row.start), int(row.end), present))
    rows = []
    for article, article_sentences in work.items():
        text = texts[article]
        key = store.key(text, json.dumps(article_sentences))
        found = store.get(key)
        if found is None:
            found = [
                (sentence, *relation, text[start:end].strip())
                for sentence, start, end, sentence_mentions in article_sentences
                for relation in sentence_relations(text, start, end, sentence_mentions, inventory)
            ]
            store.put(key, found)
        rows += [(article, *row) for row in found]
    if not rows:
        return schema.empty(schema.RELATIONS)
    columns = ["article", "sentence", "source", "relation", "target", "trigger", "evidence"]
    frame = pd.DataFrame(rows, columns=columns).sort_values(
        ["article", "sentence", "source", "relation", "target"]
    )
    return schema.conform(frame, schema.RELATIONS)


def code_fingerprint(inventory_file: Path = INVENTORY_FILE) -> str:
    """What an article's relations depend on besides its inputs: this code, its rules, its tokeniser."""
    return fingerprint(Path(__file__), inventory_file, TITLES_FILE, *SEGMENTER_FILES, versions("PySastrawi"))


def relation_graph(
    relations: pd.DataFrame, entities: pd.DataFrame, inventory: Inventory | None = None
) -> nx.MultiDiGraph:
    """The relation graph: one edge per ``(source, relation, target)``, keyed by the relation.

    A ``MultiDiGraph`` because two entities can be linked by several types ("Putin INVITE Xi" and "Putin
    MEET Xi"); the key is the relation, so ``graph["vladimir-putin"]["xi-jinping"]["MEET"]`` is one edge.
    Edge attributes ``relation``, ``cameo``, ``weight`` (sentences) and ``articles``; nodes are the entities
    taking part, with ``label`` and ``type`` from ``entities``. Insertion is sorted, so output is stable.

    Example:
        >>> rel = pd.DataFrame({"article": ["a", "b"], "sentence": [0, 3], "source": "xi-jinping",
        ...                     "relation": "VISIT", "target": "moskow", "trigger": "", "evidence": ""})
        >>> ent = pd.DataFrame({"entity_id": ["moskow"], "label": ["Moskow"], "type": ["LOCATION"]})
        >>> g = relation_graph(rel, ent)
        >>> g["xi-jinping"]["moskow"]["VISIT"]
        {'relation': 'VISIT', 'cameo': '042', 'weight': 2, 'articles': 2}
        >>> g.nodes["xi-jinping"]
        {'label': 'xi-jinping', 'type': ''}
    """
    inventory = inventory or load_inventory()
    known = {row.entity_id: (row.label, row.type) for row in entities.itertuples(index=False)}
    graph = nx.MultiDiGraph()
    for entity_id in sorted(set(relations["source"]) | set(relations["target"])):
        label, kind = known.get(entity_id, (entity_id, ""))
        graph.add_node(entity_id, label=label, type=kind)
    grouped = (
        relations.groupby(["source", "relation", "target"], sort=True)
        .agg(weight=("sentence", "size"), articles=("article", "nunique"))
        .reset_index()
    )
    for row in grouped.itertuples(index=False):
        graph.add_edge(
            row.source,
            row.target,
            key=row.relation,
            relation=row.relation,
            cameo=inventory.cameo.get(row.relation, ""),
            weight=int(row.weight),
            articles=int(row.articles),
        )
    return graph


def graphml_bytes(graph: nx.MultiDiGraph) -> bytes:
    """GraphML of the relation graph; each edge's id is ``source:relation:target``, unique in the file.

    Gephi drops edges whose id it has already seen, and a multigraph's key (the relation) would repeat.
    """
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    out.add_edges_from((u, v, f"{u}:{k}:{v}", d) for u, v, k, d in graph.edges(keys=True, data=True))
    return export.graphml_bytes(out)


def summary(relations: pd.DataFrame) -> str:
    """Counts by type, most frequent first: ``VISIT 17, MEET 8``."""
    counts = Counter(relations["relation"])
    return ", ".join(f"{r} {n}" for r, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.relations", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("data/interim/articles.csv"))
    parser.add_argument("--sentences", type=Path, default=Path("data/interim/sentences.csv"))
    parser.add_argument("--mentions", type=Path, default=Path("data/mentions.csv"))
    parser.add_argument(
        "--entities", type=Path, default=None, help="entities.csv (default: next to --mentions)"
    )
    parser.add_argument("--inventory", type=Path, default=INVENTORY_FILE, help="trigger inventory CSV")
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder for relations.csv/.graphml")
    parser.add_argument("--cache", type=Path, help="folder for per-article results (default: no cache)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    entities_path = args.entities or args.mentions.parent / "entities.csv"
    try:
        inventory = load_inventory(args.inventory)
        articles = schema.read_table(args.articles, schema.ARTICLES)
        sentences = schema.read_table(args.sentences, schema.SENTENCES)
        mentions = schema.read_table(args.mentions, schema.MENTIONS)
        entities = schema.read_table(entities_path, schema.ENTITIES)
    except (ValueError, OSError) as error:
        print(f"relations: error: {error}", file=sys.stderr)
        return 2
    store = ArticleCache(args.cache, code_fingerprint(args.inventory))
    relations = extract_relations(articles, sentences, mentions, inventory, store)
    graph = relation_graph(relations, entities, inventory)
    schema.write_table(args.out / "relations.csv", relations, schema.RELATIONS)
    schema.atomic_write_bytes(args.out / "relations.graphml", graphml_bytes(graph))
    counts = summary(relations)
    print(
        f"relations: {len(relations)} relations{f' ({counts})' if counts else ''} "
        f"in {time.perf_counter() - start:.1f} s; {store.misses} articles read, {store.hits} cached",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
