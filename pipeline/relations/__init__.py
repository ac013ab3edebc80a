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

The package, in the order a sentence goes through it:

* ``inventory``: the trigger inventory and the Sastrawi stemmer extended with its stems;
* ``lexicon``: the closed-class words (clause words, prepositions, auxiliaries, negations) and distances;
* ``sentence``: a tokenised sentence with its words, mentions and the predicates on them;
* ``arguments``: a trigger's sources and targets in a sentence;
* ``extract``: trigger matching, the relations of a sentence and of the articles, the cache fingerprint;
* ``graph``: the relation graph and its GraphML;
* ``stage``: the command line, ``python -m pipeline.relations``.
"""

from pipeline.relations.extract import code_fingerprint, extract_relations, sentence_relations
from pipeline.relations.graph import graphml_bytes, relation_graph, summary
from pipeline.relations.inventory import INVENTORY_FILE, Inventory, Trigger, load_inventory
from pipeline.relations.stage import main

__all__ = [
    "INVENTORY_FILE",
    "Inventory",
    "Trigger",
    "code_fingerprint",
    "extract_relations",
    "graphml_bytes",
    "load_inventory",
    "main",
    "relation_graph",
    "sentence_relations",
    "summary",
]
