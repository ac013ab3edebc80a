"""A trigger's arguments read from the sentence's dependency tree (:mod:`pipeline.parse`).

The word-order search (:mod:`pipeline.relations.arguments`) is precise on the short patterns it knows, but
real news puts lists, titles, appositions and nested verb phrases between an actor and its verb. The tree
sees through them: the source is the trigger's subject (``nsubj``; for a passive the ``oleh`` agent), the
target its object or the oblique whose case word the trigger allows (``obl``/``nmod`` with ``case``), a noun
trigger's owner is its ``nmod`` ("kunjungan *Putin*") or the subject of the verb that takes it as object
("X menyatakan *dukungan* terhadap Y"), and every argument is expanded over ``conj`` ("A, B dan C") and
through the title it may hang from ("Ketua KPU RI, *Mochammad Afifuddin*").

A verb without a subject of its own borrows one up the tree: the shared subject of a coordination ("A tiba
dan *bertemu* B"), the controller of ``xcomp`` or of an ``untuk`` clause (its object when it has one:
"mengundang Xi untuk *mengunjungi* Moskow"), the noun a relative clause hangs from ("Kishida, yang
*mengunjungi* Bucha").
"""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.conllu import Tree
from pipeline.relations.inventory import ACTOR_TYPES, JUDGING, Trigger
from pipeline.relations.lexicon import NEGATION_STEMS, NEGATIONS, PLANNED_STEMS, PLANNED_WORDS
from pipeline.relations.sentence import Mention, Sentence

#: relations by which a title word hangs its holder's name or the body it speaks for
NAME_LINKS = frozenset({"flat", "flat:name", "appos", "nmod", "compound", "nmod:poss"})
#: nouns that stand for the country or body named after them ("pemerintah Indonesia", "pihak Australia")
GOVERNMENT = frozenset(
    "pemerintah pemerintahan pihak delegasi rezim kabinet otoritas elite elit jajaran perwakilan pengurus "
    "kader".split()
)
#: prepositions of a fronted phrase whose noun trigger's actor is the clause's subject ("*Dalam pertemuan*
#: dengan Li Lecheng, Cook menyampaikan …": Cook met Li Lecheng)
FRAME_PREPS = frozenset("dalam usai seusai setelah sesudah saat ketika selama sebelum pada".split())
SUBJECTS = frozenset({"nsubj", "nsubj:pass"})
OBJECTS = frozenset({"obj", "iobj"})
OBLIQUES = frozenset({"obl", "nmod", "obl:agent", "obl:arg"})
#: relations through which a verb shares its subject with the verb it hangs from
SHARED_SUBJECT = frozenset({"conj", "xcomp", "advcl", "ccomp"})
#: verbs whose subject receives what the noun object names ("mendapat dukungan dari X"): the subject is the
#: target and ``dari`` gives the source
RECEIVING_STEMS = frozenset("dapat terima oleh raih tuai banjir".split())
#: how far up the tree a subject is borrowed, and how deep a title is searched for the name it hangs
MAX_CLIMB = 3
MAX_NAME_DEPTH = 3


class Parsed:
    """A sentence's tree as the argument search needs it: children, case words and mentions by token."""

    def __init__(self, sentence: Sentence, tree: Tree):
        self.sentence = sentence
        words = tree.words
        self.head = [w.head - 1 for w in words]  # -1: the root
        self.deprel = [w.deprel for w in words]
        self.upos = [w.upos for w in words]
        self.children: list[list[int]] = [[] for _ in words]
        for k, h in enumerate(self.head):
            if h >= 0:
                self.children[h].append(k)
        self.mention: dict[int, Mention] = {}
        for m in sentence.starting.values():
            for k in range(m.first, m.last + 1):
                self.mention[k] = m

    def case(self, k: int) -> str:
        """The preposition of the phrase headed by ``k`` ("dengan", "terhadap"), or ``""``."""
        return self._function_word(k, "case")

    def marker(self, k: int) -> str:
        """The subordinating word of the clause headed by ``k`` ("untuk", "agar"), or ``""``."""
        return self._function_word(k, "mark")

    def _function_word(self, k: int, relation: str) -> str:
        """The first child of ``k`` attached by ``relation`` (or a subtype of it), lowercased; ``""`` if none."""
        for c in self.children[k]:
            if self.deprel[c].split(":")[0] == relation:
                return self.sentence.words[c].lower
        return ""

    def span_children(self, k: int) -> list[int]:
        """Children of ``k``, or of every token of the mention it is in that fall outside the mention."""
        m = self.mention.get(k)
        if m is None:
            return self.children[k]
        return [c for t in range(m.first, m.last + 1) for c in self.children[t] if not m.first <= c <= m.last]

    def actors(self, k: int, types: frozenset[str], owned: bool = False) -> list[Mention]:
        """The argument mentions node ``k`` names, with those coordinated to it ("A, B dan C"); ``owned``:
        also the owner of a thing named at ``k`` (for :data:`JUDGING` targets)."""
        found: list[Mention] = []
        self._collect(k, types, found, 0, owned)
        return found

    def _collect(self, k: int, types: frozenset[str], found: list[Mention], depth: int, owned: bool) -> None:
        for m in self.named(k, types, owned):
            if m not in found:
                found.append(m)
        if depth < 6:
            for c in self.span_children(k):
                if self.deprel[c] == "conj":
                    self._collect(c, types, found, depth + 1, owned)
                elif self.deprel[c] == "appos" and self._place(k) and self._place(c):
                    # a place and the city it is in: "tiba di Halim Perdanakusuma, Jakarta"
                    self._collect(c, types, found, depth + 1, owned)

    def _place(self, k: int) -> bool:
        m = self.mention.get(k)
        return m is not None and m.type == "LOCATION"

    def named(self, k: int, types: frozenset[str], owned: bool = False) -> list[Mention]:
        """The mention at ``k``, or the name a title or a proper noun at ``k`` hangs ("Presiden Tiongkok *Xi
        Jinping*", "Ketua KPU RI, *Mochammad Afifuddin*", "pemerintah *Indonesia*").

        A person under the title wins over a country or body in it, and a title without a person names
        nobody ("Politikus PKB ini"). Other nouns hang no actor: "menyambut baik keputusan Trump" welcomes a
        decision, not Trump (unless ``owned``).
        """
        m = self.mention.get(k)
        if m is not None:
            return [m] if self.sentence.argument(m) and m.type in types else []
        word = self.sentence.words[k]
        if not (
            owned or self.upos[k] == "PROPN" or word.lower in self.sentence.titles or word.lower in GOVERNMENT
        ):
            return []
        frontier, seen = [k], []
        for _ in range(MAX_NAME_DEPTH):
            frontier = [
                c
                for p in frontier
                for c in self.children[p]
                if self.deprel[c] in NAME_LINKS and not self.case(c)
            ]
            for c in frontier:
                m = self.mention.get(c)
                if m is not None and m not in seen and self.sentence.argument(m):
                    seen.append(m)
        people = [m for m in seen if m.type == "PERSON"]
        if word.lower in self.sentence.titles and word.lower not in GOVERNMENT:
            # a title names its holder: "Politikus PKB ini" is an unnamed politician, not PKB
            return [m for m in people if m.type in types]
        return [m for m in (people or seen[:1]) if m.type in types]

    def with_relation(
        self,
        nodes: Iterable[int],
        relations: frozenset[str],
        preps: frozenset[str] | None,
        types: frozenset[str],
        first: bool = False,
        owned: bool = False,
    ) -> list[Mention]:
        """Actors among the children of ``nodes`` by one of ``relations``; with ``preps``, only phrases whose
        case word is one of them (``None``: phrases without a case word); with ``first``, those of the first
        such phrase that names any."""
        found: list[Mention] = []
        for node in nodes:
            for c in self.span_children(node):
                if self.deprel[c] not in relations:
                    continue
                case = self.case(c)
                if (preps is None and case) or (preps is not None and case not in preps):
                    continue
                found += [m for m in self.actors(c, types, owned) if m not in found]
                if first and found:
                    return found
        return found

    def subject(self, k: int, types: frozenset[str]) -> list[Mention]:
        """The subject of the verb at ``k``, borrowed up the tree when it has none (module docstring)."""
        for _ in range(MAX_CLIMB + 1):
            if any(
                self.deprel[c] in SUBJECTS and self.sentence.words[c].lower != "yang"
                for c in self.children[k]
            ):
                # a subject of its own, named or not ("ketika pemimpin Rusia itu mengunjungi", "dia akan …"):
                # never the subject of the clause above; a relative "yang" stands for the noun above
                return self.with_relation([k], SUBJECTS, None, types, first=True)
            relation, up = self.deprel[k], self.head[k]
            if up < 0:
                return []
            if relation.startswith("acl"):
                return self.actors(up, types)
            if relation.split(":")[0] not in SHARED_SUBJECT:
                return []
            if relation in ("xcomp", "advcl"):
                controller = self.with_relation([up], OBJECTS, None, types)
                if controller and (relation == "xcomp" or self.marker(k) in ("untuk", "guna")):
                    return controller
            k = up
        return []

    def top(self, i: int, j: int) -> int:
        """The token of the trigger at ``i..j-1`` that heads it in the tree."""
        for k in range(i, j):
            if not i <= self.head[k] < j:
                return k
        return i

    def negated(self, top: int) -> bool:
        """A negation on the trigger ("tidak mendukung") or a verb that cancels it ("menolak bertemu")."""
        words = self.sentence.words
        if any(words[c].lower in NEGATIONS for c in self.children[top] if self.deprel[c] == "advmod"):
            return True
        up = self.head[top]
        return up >= 0 and self.deprel[top] in ("xcomp", "ccomp") and words[up].stem in NEGATION_STEMS

    def planned(self, top: int) -> bool:
        """Whether the event is announced, not done: "akan bertemu", "berencana mengunjungi", "rencana
        kunjungan", "dijadwalkan menandatangani" (the trigger or a verb or noun it hangs from)."""
        words = self.sentence.words
        k = top
        for _ in range(MAX_CLIMB + 1):
            if any(
                words[c].lower in PLANNED_WORDS
                for c in self.children[k]
                if self.deprel[c] in ("aux", "advmod")
            ):
                return True
            up = self.head[k]
            if up < 0 or self.deprel[k].split(":")[0] not in ("xcomp", "ccomp", "nmod", "obj", "conj"):
                return False
            if words[up].lower in PLANNED_WORDS or words[up].stem in PLANNED_STEMS:
                return True
            k = up
        return False


def tree_arguments(
    parsed: Parsed, i: int, j: int, trigger: Trigger
) -> tuple[list[Mention], list[Mention], bool]:
    """Sources and targets of the trigger at tokens ``i..j-1``; the flag says the sources are one pair list
    (``antara A dan B``, or a symmetric trigger whose subject names both sides)."""
    top = parsed.top(i, j)
    nodes = list(range(i, j))
    head = parsed.sentence.words[i]
    preps = trigger.preps
    if trigger.pattern == "agent":
        noun = j - 1
        sources = parsed.with_relation([noun], frozenset({"nmod", "nmod:poss"}), None, ACTOR_TYPES)
        clause = parsed.head[top] if parsed.head[top] >= 0 else top
        return sources, parsed.subject(clause, trigger.targets), False
    if head.form == "passive":
        sources = parsed.with_relation(nodes, frozenset({"obl:agent"}), None, ACTOR_TYPES)
        sources += parsed.with_relation(nodes, OBLIQUES | OBJECTS, frozenset({"oleh"}), ACTOR_TYPES)
        sources += parsed.with_relation(nodes, OBJECTS, None, ACTOR_TYPES)
        # "Perpres itu diteken Prabowo": a document signed is no party to it
        targets = [] if trigger.pattern == "prep" else parsed.subject(top, trigger.targets)
        return _unique(sources), targets, False
    between = parsed.with_relation(nodes, OBLIQUES, frozenset({"antara"}) & preps, ACTOR_TYPES)
    if trigger.symmetric and len(between) > 1:
        return between, [], True
    if head.form == "noun" or (head.form == "bare" and "bare-noun" in trigger.forms):
        return _noun_arguments(parsed, top, nodes, trigger, between)
    owned = trigger.relation in JUDGING
    sources = parsed.subject(top, ACTOR_TYPES)
    targets = (
        []
        if trigger.pattern == "prep"
        else parsed.with_relation(nodes, OBJECTS, None, trigger.targets, owned=owned)
    )
    # the phrase may hang from the object: "menandatangani [perjanjian dengan Rusia]"
    objects = [c for n in nodes for c in parsed.children[n] if parsed.deprel[c] in OBJECTS]
    targets += parsed.with_relation(
        nodes + objects, OBLIQUES, preps - {"antara"}, trigger.targets, owned=owned
    )
    return sources, _unique(targets), False


def _noun_arguments(
    parsed: Parsed, top: int, nodes: list[int], trigger: Trigger, between: list[Mention]
) -> tuple[list[Mention], list[Mention], bool]:
    """A noun trigger: the owner, or the subject of the verb taking it as object; targets after its
    prepositions, on the noun or on that verb ("menyatakan dukungan terhadap X", "dukungannya kepada X").
    ``between``: the actors of its "antara" phrase, one at most here ("antara KPK dengan …")."""
    preps = trigger.preps
    # the owner is one phrase, coordinated or not: "rapat Banggar DPRD Bone" is no meeting of the two
    owners = parsed.with_relation(nodes, frozenset({"nmod", "nmod:poss"}), None, ACTOR_TYPES, first=True)
    owners += parsed.with_relation(nodes, OBLIQUES, frozenset({"oleh", "dari"}), ACTOR_TYPES, first=True)
    owned = trigger.relation in JUDGING
    targets = parsed.with_relation(nodes, OBLIQUES, preps - {"antara"}, trigger.targets, owned=owned)
    # the noun may sit inside the verb's object or frame: "mengungkap isi [pertemuannya dengan Puan]",
    # "menyampaikan rencana [kunjungannya ke Kementerian PU]"
    anchor = top
    for _ in range(MAX_NAME_DEPTH - 1):
        if parsed.deprel[anchor] != "nmod" or parsed.case(anchor) or parsed.head[anchor] < 0:
            break
        anchor = parsed.head[anchor]
        # the parser may hang the trigger's phrase on the noun above it: "isi pertemuannya [dengan Puan]"
        targets += parsed.with_relation([anchor], OBLIQUES, preps - {"antara"}, trigger.targets, owned=owned)
    verb = parsed.head[anchor]
    if verb >= 0 and parsed.deprel[anchor] in OBJECTS:
        targets += parsed.with_relation(
            [verb], OBLIQUES, preps - {"antara", "dari"}, trigger.targets, owned=owned
        )
        if anchor == top and parsed.sentence.words[verb].stem in RECEIVING_STEMS:
            owners += parsed.with_relation([verb], OBLIQUES, frozenset({"dari"}), ACTOR_TYPES)
            targets = parsed.subject(verb, trigger.targets) + targets
        elif not owners:
            # "-nya" on the noun names its owner as the clause's subject, as Indonesian news writes it
            owners = parsed.subject(verb, ACTOR_TYPES)
    elif verb >= 0 and parsed.deprel[anchor] == "obl" and parsed.case(anchor) in FRAME_PREPS and not owners:
        owners = parsed.subject(verb, ACTOR_TYPES)
    if not owners and len(between) == 1 and targets:  # "koordinasi antara KPK dengan Kementerian PU"
        owners = between
    owners = [m for m in _unique(owners) if m not in targets]
    return owners, _unique(targets), False


def _unique(mentions: list[Mention]) -> list[Mention]:
    return list(dict.fromkeys(mentions))
