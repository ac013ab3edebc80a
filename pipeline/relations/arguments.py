"""A trigger's arguments: its subject to the left, its object, possessor or agent to the right.

:func:`arguments` is the entry point; the rest are the steps it takes, each a function of the
:class:`~pipeline.relations.sentence.Sentence` (the search keeps no state of its own, so it is no class).
"""

from __future__ import annotations

from pipeline.relations.inventory import ACTOR_TYPES, JUDGING, Trigger
from pipeline.relations.lexicon import (
    AUX,
    CLAUSE_WORDS,
    CLOSING,
    COORDINATORS,
    LIGHT_STEMS,
    LIGHT_WORDS,
    MAX_LONG_DISTANCE,
    MAX_SUBJECT_DISTANCE,
    PREPOSITIONS,
    PUNCT_BOUNDARY,
    SPEECH_STEMS,
    SUBJECT_LEFT,
)
from pipeline.relations.sentence import Mention, Sentence

#: person-or-country possessors of a noun trigger ("kunjungan Putin", not "pertemuan puncak Kremlin")
_POSSESSOR_TYPES = frozenset({"PERSON", "COUNTRY"})
#: the agent of a passive verb: an actor right after it or after "oleh"
_OLEH = Trigger("", "", False, ACTOR_TYPES, (), frozenset(), "auto", frozenset({"oleh"}), 0, "")


def arguments(
    sentence: Sentence, i: int, j: int, trigger: Trigger
) -> tuple[list[Mention], list[Mention], bool]:
    """Sources and targets of the trigger at tokens ``i..j-1``; the flag says they are one pair list."""
    head = sentence.words[i]
    if trigger.pattern == "parse":
        return [], [], False
    if trigger.pattern == "agent":
        return agent_after(sentence, j), subject(sentence, i, "main", trigger.targets), False
    if head.form == "passive":
        # "Perpres itu diteken Prabowo": a document signed is no party to it
        targets = (
            []
            if trigger.pattern == "prep"
            else subject(sentence, i, subject_mode(sentence, i, "verb"), trigger.targets)
        )
        sources, _ = obj(sentence, j, _OLEH, True, ACTOR_TYPES)
        return sources, targets, False
    if head.form == "noun" or (head.form == "bare" and "bare-noun" in trigger.forms):
        owner, slot_filled = possessor(sentence, j, trigger)
        targets, prep = obj(sentence, j, trigger, False, trigger.targets)
        if prep == "antara" and trigger.symmetric and len(targets) > 1:
            return targets, [], True
        end = max((m.last for m in targets), default=j - 1) + 1
        sources = agent(sentence, end) or ([owner] if owner else [])
        if not sources and not slot_filled and not head.nya:
            sources = subject(sentence, i, "light", ACTOR_TYPES)
        return sources, targets, False
    sources = subject(sentence, i, subject_mode(sentence, i, "verb"), ACTOR_TYPES)
    if not sources and sentence.sentence_initial(i):
        sources = fronted(sentence, j)
    targets, prep = obj(sentence, j, trigger, trigger.pattern != "prep", trigger.targets)
    if prep == "antara" and trigger.symmetric and len(targets) > 1:
        return targets, [], True
    return sources, targets, False


# -- looking left: subjects -------------------------------------------------------------------------------


def left_context(sentence: Sentence, m: Mention) -> tuple[bool, list[Mention]]:
    """Whether ``m`` stands where a subject stands, and the mentions coordinated with it before "dan".

    A subject follows the start of the sentence, punctuation, a clause word or a reporting verb; a
    mention after a preposition, a verb or a noun is an object or a possessor ("invasi Rusia").
    """
    k = sentence.person_start(m)
    # "Gubernur Sumatra Utara (Sumut) Bobby Nasution": the gloss of the region in the title is looked through
    modifier = sentence.ending.get(sentence.before_gloss(k) - 1)
    if modifier is not None and sentence.modifies_person(modifier):
        k = modifier.first
    k = sentence.title_start(k)
    if k == 0:
        return True, []
    w = sentence.words[k - 1]
    if w.lower in COORDINATORS:
        partner = sentence.ending.get(k - 2)
        if partner is not None and sentence.argument(partner):
            ok, others = left_context(sentence, partner)
            return ok, [*others, partner]
        return False, []
    if w.lower in CLOSING:  # "Dewan Perwakilan Wilayah (DPW) PPP": still inside a noun phrase
        return False, []
    if w.lower in PUNCT_BOUNDARY or w.lower in CLAUSE_WORDS or w.stem in SPEECH_STEMS:
        return True, []
    return w.lower in SUBJECT_LEFT, []


def subject(sentence: Sentence, i: int, mode: str, types: frozenset[str]) -> list[Mention]:
    """Subject mention(s) of the trigger at ``i``, searching left within the clause.

    Modes: ``verb`` (stop at another full verb), ``light`` (only light verbs and auxiliaries between, for
    noun triggers), ``control`` (after "untuk": the nearest actor, objects included: "mengundang Xi untuk
    mengunjungi"), ``main`` (after "dan" or for "atas undangan": the subject of the main verb).
    """
    limit = MAX_LONG_DISTANCE if mode in ("control", "main") else MAX_SUBJECT_DISTANCE
    k = i - 1
    steps = 0
    while k >= 0 and steps < limit:
        w = sentence.words[k]
        if w.lower == "yang":
            return antecedent(sentence, k, types)
        if w.lower == ",":
            jump = apposition_start(sentence, k)
            if jump is None:
                return []
            k = jump - 1
            continue
        m = sentence.ending.get(k)
        if m is not None:
            if sentence.argument(m):
                eligible = m.type in types
                if mode == "control" and eligible:
                    return [m]
                ok, partners = left_context(sentence, m)
                if ok and eligible:
                    return [p for p in partners if p.type in types] + [m]
                if mode == "light" or (ok and mode == "verb"):
                    return []
            k = m.first - 1
            steps += 1
            continue
        if sentence.boundary(k):
            return []
        if mode == "light" and w.lower not in LIGHT_WORDS and w.stem not in LIGHT_STEMS:
            if sentence.title_start(k + 1) == k + 1:
                return []
        if mode == "verb" and sentence.blocking_verb(k):
            return []
        k -= 1
        steps += 1
    return []


def antecedent(sentence: Sentence, yang: int, types: frozenset[str]) -> list[Mention]:
    """The head of a relative clause: "Fumio Kishida, yang mengunjungi Bucha"; "AS dan sekutunya, yang"."""
    k = yang - 1
    if k >= 0 and sentence.words[k].lower == ",":
        k -= 1
    for _ in range(3):
        if k < 0:
            return []
        m = sentence.ending.get(k)
        if m is not None:
            return [m] if sentence.argument(m) and m.type in types else []
        if sentence.boundary(k):
            return []
        k -= 1
    return []


def apposition_start(sentence: Sentence, comma: int) -> int | None:
    """Index of the comma opening an apposition that ends at ``comma`` (", sekretaris Dewan ..., ")."""
    for k in range(comma - 1, max(-1, comma - 10), -1):
        if sentence.words[k].lower == ",":
            return k if sentence.title_end(k + 1) > k + 1 else None
        if sentence.words[k].lower in PUNCT_BOUNDARY:
            return None
    return None


def subject_mode(sentence: Sentence, i: int, default: str) -> str:
    """``control`` after "untuk", ``main`` after "dan" (skipping auxiliaries), else ``default``."""
    k = i - 1
    while k >= 0 and sentence.words[k].lower in AUX:
        k -= 1
    if k >= 0 and sentence.words[k].lower in ("untuk", "guna"):
        return "control"
    if k >= 0 and sentence.words[k].lower in COORDINATORS:
        return "main"
    return default


# -- looking right: objects, possessors, agents -----------------------------------------------------------


def mention_at(sentence: Sentence, start: int) -> Mention | None:
    """The argument mention starting at ``start`` after titles (and a title's bracketed short form and a
    comma: "Menteri Agama (Menag), *Nasaruddin Umar*"); a country in a person's title is skipped."""
    k = sentence.title_end(start)
    words = sentence.words
    if k > start:  # the rest of an office's name, its short form and a comma: "Menteri Agama (Menag), X"
        j = k
        while j < min(sentence.n, k + 4) and words[j].text[:1].isupper() and j not in sentence.covered:
            j += 1
        after = sentence.past_gloss(j)
        if j < after < sentence.n and words[after].lower == ",":
            k = after + 1
    m = sentence.starting.get(k)
    if m is not None and sentence.modifies_person(m):
        m = sentence.person_after(m)
    for skip in (1, 2):
        if m is None and all(k + x < sentence.n and sentence.name_part(k + x) for x in range(skip)):
            after = sentence.starting.get(k + skip)
            m = after if after is not None and after.type == "PERSON" else None
    return m if sentence.argument(m) else None


def with_coordinates(sentence: Sentence, m: Mention, types: frozenset[str]) -> list[Mention]:
    """``m`` and the mentions joined to it by "dan" or ", termasuk".

    "dengan Presiden Macron dan Ursula von der Leyen", "ke Eropa, termasuk Hungaria dan Serbia".
    """
    found = [m]
    while True:
        k = m.last + 1
        if k < sentence.n and sentence.words[k].lower == ",":
            k += 1
        if k >= sentence.n or not (
            sentence.words[k].lower == "termasuk"
            or (k == m.last + 1 and sentence.words[k].lower in COORDINATORS)
        ):
            return found
        nxt = mention_at(sentence, k + 1)
        if nxt is None or nxt.type not in types:
            return found
        found.append(nxt)
        m = nxt


def obj(
    sentence: Sentence, j: int, trigger: Trigger, direct: bool, types: frozenset[str]
) -> tuple[list[Mention], str]:
    """Target(s) after the trigger ending at ``j``: a direct object, or the mention after a preposition.

    Returns the mentions and the preposition used (``""`` for a direct object). After a verb (``direct``)
    another verb ends the search; after a noun it does not, as ``meN-`` adjectives are common there
    ("pembicaraan mendalam antara", "kunjungan mendadak ke").
    """
    if direct:
        m = mention_at(sentence, j)
        if m is None and trigger.relation in JUDGING and j + 1 < sentence.n and sentence.thing(j):
            m = mention_at(sentence, j + 1)  # "mendukung langkah *Prabowo*": the owner of what is judged
        if m is not None and m.type in types:
            return with_coordinates(sentence, m, types), ""
    for k in range(j, min(sentence.n, j + trigger.gap + 1)):
        w = sentence.words[k]
        if w.lower in trigger.preps:
            m = mention_at(sentence, k + 1)
            if m is None or m.type not in types:
                return [], w.lower
            return with_coordinates(sentence, m, types), w.lower
        if sentence.boundary(k) or k in sentence.trigger_tokens or (direct and sentence.blocking_verb(k)):
            break
    return [], ""


def possessor(sentence: Sentence, j: int, trigger: Trigger) -> tuple[Mention | None, bool]:
    """The named owner of a noun trigger ("kunjungan pertama Xi ke"), and whether an unknown one is there.

    A capitalised word that is no person or country mention ("Kremlin", a name the model missed)
    fills the slot, so no subject is then borrowed from before the noun.
    """
    k = j
    while k < min(sentence.n, j + trigger.gap + 1):
        w = sentence.words[k]
        if w.lower in trigger.preps or w.lower in PREPOSITIONS or sentence.boundary(k):
            break
        m = sentence.starting.get(k)
        if m is not None:
            if sentence.modifies_person(m):
                k = m.last + 1
                continue
            if sentence.argument(m) and m.type in _POSSESSOR_TYPES:
                return m, True
            return None, True
        if w.text[:1].isupper() and sentence.title_end(k) == k:
            return None, True
        k += 1
    return None, False


def agent(sentence: Sentence, k: int) -> list[Mention]:
    """The agent in an "oleh X" phrase starting at ``k``."""
    if k < sentence.n and sentence.words[k].lower == "oleh":
        m = mention_at(sentence, k + 1)
        if m is not None and m.type in ACTOR_TYPES:
            return [m]
    return []


def agent_after(sentence: Sentence, j: int) -> list[Mention]:
    """The actor right after an ``agent`` pattern trigger: "atas undangan *Putin*"."""
    m = mention_at(sentence, j)
    return [m] if m is not None and m.type in ACTOR_TYPES else []


def fronted(sentence: Sentence, j: int) -> list[Mention]:
    """Subject of a sentence opened by the trigger: "Bertemu di Paris dengan Macron, Xi berjanji"."""
    for k in range(j, sentence.n):
        if sentence.words[k].lower == ",":
            m = mention_at(sentence, k + 1)
            return [m] if m is not None and m.type in ACTOR_TYPES else []
    return []
