"""Trigger matching and the relations of a sentence, an article and a table of articles.

Triggers are matched on stems, longest first; each trigger found and not negated has its arguments looked up
(``arguments``), and every (source, target) pair of them is a relation. ``extract_relations`` runs this over
the sentences that mention at least two entities, with a per-article cache.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from pipeline import schema
from pipeline.cache import ArticleCache
from pipeline.relations.arguments import arguments
from pipeline.relations.inventory import INVENTORY_FILE, Inventory, Trigger, load_inventory
from pipeline.relations.sentence import Mention, Sentence, word
from pipeline.segment import Token, segment
from pipeline.stages import STAGES


def matches(sentence: Sentence) -> Iterable[tuple[int, int, Trigger]]:
    """Trigger occurrences ``(first token, end token, trigger)``, longest match first, no overlaps."""
    i = 0
    while i < sentence.n:
        found = match_at(sentence, i)
        if found is None:
            i += 1
            continue
        yield i, i + len(found.stems), found
        i += len(found.stems)


def match_at(sentence: Sentence, i: int) -> Trigger | None:
    """The longest trigger whose stems, form and suffix match at token ``i`` (no token of it in a mention)."""
    words = sentence.words
    for trigger in sentence.inventory.by_first_stem.get(words[i].stem, ()):
        size = len(trigger.stems)
        if i + size > sentence.n or any(k in sentence.covered for k in range(i, i + size)):
            continue
        if tuple(w.stem for w in words[i : i + size]) != trigger.stems:
            continue
        head = words[i]
        form = (
            f"bare-{'noun' if 'bare-noun' in trigger.forms else 'verb'}" if head.form == "bare" else head.form
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
    words = [word(t, inventory) for t in tokens]
    spans = []
    for m_start, m_end, m_type, entity_id in mentions:
        inside = [k for k, t in enumerate(tokens) if t.start < m_end and t.end > m_start]
        if inside:
            spans.append(Mention(inside[0], inside[-1], entity_id, m_type))
    sentence = Sentence(words, spans, inventory)
    occurrences = list(matches(sentence))
    sentence.trigger_tokens = {k for i, j, _ in occurrences for k in range(i, j)}
    found: dict[tuple[str, str, str], str] = {}
    for i, j, trigger in occurrences:
        if sentence.negated(i):
            continue
        sources, targets, paired = arguments(sentence, i, j, trigger)
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

    Example:
        >>> text = "Putin menjamu diplomat top China Wang Yi di Moskow."
        >>> articles = pd.DataFrame({"id": ["a"], "text": [text]})
        >>> sentences = pd.DataFrame({"article": ["a"], "sentence": [0], "start": [0], "end": [len(text)]})
        >>> mentions = pd.DataFrame({"article": "a", "sentence": 0, "start": [0, 27, 33, 44], "end": [5, 32, 40, 50],
        ...     "type": ["PERSON", "COUNTRY", "PERSON", "LOCATION"],
        ...     "entity_id": ["vladimir-putin", "tiongkok", "wang-yi", "moskow"]})
        >>> found = extract_relations(articles, sentences, mentions)
        >>> found[["source", "relation", "target", "trigger"]].values.tolist()
        [['vladimir-putin', 'HOST', 'wang-yi', 'menjamu']]
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
    """What an article's relations depend on besides its inputs: the stage's declared files and packages
    (:mod:`pipeline.stages`: this package, the tokeniser, the titles, Sastrawi) and the trigger inventory used,
    which ``--inventory`` may take from outside the repository."""
    return STAGES["relations"].fingerprint(Path(inventory_file))
