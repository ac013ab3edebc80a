"""The trigger inventory (``pipeline/resources/relations.csv``) and the Sastrawi stemmer that reads triggers.

The inventory is data, one row per trigger; this module checks it and indexes it. The stemmer lives here
because its root dictionary is extended with the inventory's stems (Sastrawi lacks ``tandatangan``), so a
stem is only defined relative to an inventory.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from pathlib import Path

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from pipeline import schema
from pipeline.paths import resource

INVENTORY_FILE = resource("relations.csv")
#: entity types that can act (be a source, and a target of every relation type)
ACTOR_TYPES = frozenset(schema.GRAPH_TYPES)
#: word forms a trigger row may accept (``bare-verb``/``bare-noun``: the bare root, read as a verb or a noun)
FORMS = frozenset({"verb", "passive", "noun", "bare-verb", "bare-noun"})
#: how a trigger's arguments are found: ``auto`` by its form, ``agent`` as in "atas undangan X" (X is the
#: source, the clause's subject the target), ``prep`` by its form but with targets only after one of its
#: prepositions, never as a direct object ("menandatangani *perjanjian* dengan X": one signs a document
#: *with* a party), ``parse`` by the dependency tree only (word order cannot tell "melaporkan *X*", an
#: accusation, from "Reuters melaporkan *X* akan …", news reporting X's plans)
PATTERNS = frozenset({"auto", "agent", "prep", "parse"})
#: relations that judge: their target may be named as the owner of what is judged ("mengkritik kebijakan
#: *Trump*", "mendukung sikap dan langkah *X*", "menggugat yurisdiksi *ICC*"); one visits or meets a named
#: party, never the owner of a thing, and accuses a person, not the owner of what is reported ("melaporkan
#: statistik *BPS*")
JUDGING = frozenset({"SUPPORT", "OPPOSE", "PRAISE", "CRITICISE"})
#: relations whose parties all take part together: "A meneken MoU dengan B dan C" is one agreement of the
#: three, so B and C signed it with each other too (a meeting "dengan B dan C" says nothing of B and C)
JOINT = frozenset({"SIGN"})


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
