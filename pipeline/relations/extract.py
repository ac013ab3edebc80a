"""Trigger matching and the relations of a sentence, an article and a table of articles.

Triggers are matched on stems, longest first; each trigger found and not negated has its arguments looked up
(``arguments``), and every (source, target) pair of them is a relation. ``extract_relations`` runs this over
the sentences that mention at least two entities, with a per-article cache.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from pipeline import parse, schema
from pipeline.cache import ArticleCache
from pipeline.conllu import Tree
from pipeline.relations.arguments import arguments
from pipeline.relations.dependency import Parsed, tree_arguments
from pipeline.relations.inventory import INVENTORY_FILE, JOINT, Inventory, Trigger, load_inventory
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


@dataclass
class Reading:
    """A sentence read for relations: its tokens, the sentence, and the trigger occurrences not negated."""

    tokens: list[Token]
    sentence: Sentence
    occurrences: list[tuple[int, int, Trigger]]


def read_sentence(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int, str, str]], inventory: Inventory
) -> Reading:
    """Tokens, words, mentions and the trigger occurrences of ``text[start:end]`` not negated before them.

    ``mentions`` are ``(start, end, type, entity_id)`` with offsets into ``text``.
    """
    tokens = [
        Token(t.text, t.start + start, t.end + start) for piece in segment(text[start:end]) for t in piece
    ]
    words = [word(t, inventory) for t in tokens]
    spans = []
    for m_start, m_end, m_type, entity_id in mentions:
        inside = [k for k, t in enumerate(tokens) if t.start < m_end and t.end > m_start]
        if inside:
            spans.append(Mention(inside[0], inside[-1], entity_id, m_type))
    sentence = Sentence(words, spans, inventory)
    occurrences = list(matches(sentence))
    sentence.trigger_tokens = {k for i, j, _ in occurrences for k in range(i, j)}
    return Reading(tokens, sentence, [(i, j, t) for i, j, t in occurrences if not sentence.negated(i)])


def sentence_relations(
    text: str, reading: Reading, tree: Tree | None = None
) -> list[tuple[str, str, str, str, str]]:
    """Relations in a sentence read by :func:`read_sentence`: ``(source, relation, target, trigger, mode)``
    in trigger order, deduplicated.

    The word-order search always runs; with the sentence's dependency ``tree``, the arguments read from the
    tree are added (:mod:`pipeline.relations.dependency`), and a trigger the tree shows negated is dropped.
    """
    sentence, tokens = reading.sentence, reading.tokens
    parsed = Parsed(sentence, tree) if tree is not None else None
    found: dict[tuple[str, str, str], tuple[str, str]] = {}
    for i, j, trigger in reading.occurrences:
        finds = [arguments(sentence, i, j, trigger)]
        planned = sentence.planned(i)
        if parsed is not None:
            top = parsed.top(i, j)
            if parsed.negated(top):
                continue
            finds.append(tree_arguments(parsed, i, j, trigger))
            planned = planned or parsed.planned(top)
        # "akan mengunjungi Rusia atas undangan Putin": the visit is announced, the invitation was made
        mode = "planned" if planned and trigger.pattern != "agent" else "done"
        surface = text[tokens[i].start : tokens[j - 1].end]
        for sources, targets, paired in finds:
            if paired or (trigger.symmetric and not targets):
                pairs = list(combinations(sources, 2))
            elif trigger.relation in JOINT:  # one agreement signed by all its parties
                pairs = list(combinations(dict.fromkeys(sources + targets), 2))
            else:
                pairs = [(s, t) for s in sources for t in targets]
            for s, t in pairs:
                if s.entity_id == t.entity_id:
                    continue
                ids = sorted((s.entity_id, t.entity_id)) if trigger.symmetric else [s.entity_id, t.entity_id]
                found.setdefault((ids[0], trigger.relation, ids[1]), (surface, mode))
    return [(s, r, t, surface, mode) for (s, r, t), (surface, mode) in found.items()]


class Parser:
    """The dependency parser as the stage uses it: loaded on first use (an article read from the cache needs
    none), fed only sentences it can take (:func:`pipeline.parse.parseable`), counting those it skips.

    A sentence on which stanza fails (a character or shape its models were never built for) is skipped and
    counted too, never a traceback: the batch is retried one sentence at a time to find it.
    """

    def __init__(self, model_dir: Path | None):
        self.model_dir = model_dir
        self.parsed = 0
        self.skipped = 0
        self._pipeline = None

    def __call__(self, sentences: list[list[str]]) -> list[Tree | None]:
        trees: list[Tree | None] = [None] * len(sentences)
        if self.model_dir is None:
            return trees
        wanted = [k for k, tokens in enumerate(sentences) if parse.parseable(tokens)]
        self.skipped += len(sentences) - len(wanted)
        if not wanted:
            return trees
        if self._pipeline is None:
            self._pipeline = parse.load_parser(self.model_dir)
        try:
            parsed = parse.parse(self._pipeline, [sentences[k] for k in wanted])
        except (RuntimeError, ValueError, IndexError, KeyError):
            parsed = [self._one(sentences[k]) for k in wanted]
        for k, tree in zip(wanted, parsed):
            trees[k] = tree
            self.parsed += tree is not None
            self.skipped += tree is None
        return trees

    def _one(self, tokens: list[str]) -> Tree | None:
        try:
            return parse.parse(self._pipeline, [tokens])[0]
        except (RuntimeError, ValueError, IndexError, KeyError):
            return None


def extract_relations(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    mentions: pd.DataFrame,
    inventory: Inventory | None = None,
    store: ArticleCache | None = None,
    parser: Parser | None = None,
) -> pd.DataFrame:
    """The relations table (``schema.RELATIONS``), sorted by article, sentence, source, relation, target.

    ``articles`` needs ``id`` and ``text``; ``sentences`` ``article``, ``sentence``, ``start``, ``end``;
    ``mentions`` ``article``, ``sentence``, ``start``, ``end``, ``type`` and ``entity_id``. With a
    ``store``, each article's relations are cached, keyed by its text and the mentions of its sentences.
    With a ``parser``, the sentences holding a trigger are parsed and read with their trees too.

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
    keys = {article: store.key(texts[article], json.dumps(found)) for article, found in work.items()}
    cached = {article: store.get(key) for article, key in keys.items()}
    missing = [article for article, found in cached.items() if found is None]
    computed = articles_relations([(texts[a], work[a]) for a in missing], inventory, parser or Parser(None))
    for article, found in zip(missing, computed):
        store.put(keys[article], found)
        cached[article] = found
    rows = [(article, *row) for article, found in cached.items() for row in found]
    if not rows:
        return schema.empty(schema.RELATIONS)
    columns = ["article", "sentence", "source", "relation", "target", "trigger", "mode", "evidence"]
    frame = pd.DataFrame(rows, columns=columns).sort_values(
        ["article", "sentence", "source", "relation", "target"]
    )
    return schema.conform(frame, schema.RELATIONS)


def articles_relations(
    articles: list[tuple[str, list[tuple[int, int, int, list[tuple[int, int, str, str]]]]]],
    inventory: Inventory,
    parser: Parser,
) -> list[list[tuple]]:
    """The relation rows of each ``(text, sentences)`` article; the sentences holding a trigger, in all the
    articles, go to the parser in one batch (one call per article costs the tagger's and parser's fixed
    overhead each time: several times the parsing itself)."""
    readings = [
        [read_sentence(text, start, end, present, inventory) for _, start, end, present in sentences]
        for text, sentences in articles
    ]
    wanted = [
        (a, k)
        for a, article in enumerate(readings)
        for k, reading in enumerate(article)
        if reading.occurrences
    ]
    trees: dict[tuple[int, int], Tree | None] = dict(
        zip(wanted, parser([[t.text for t in readings[a][k].tokens] for a, k in wanted]))
    )
    return [
        [
            (sentence, *relation, text[start:end].strip())
            for k, ((sentence, start, end, _), reading) in enumerate(zip(sentences, readings[a]))
            for relation in sentence_relations(text, reading, trees.get((a, k)))
        ]
        for a, (text, sentences) in enumerate(articles)
    ]


def code_fingerprint(inventory_file: Path = INVENTORY_FILE, parser_dir: Path | None = None) -> str:
    """What an article's relations depend on besides its inputs: the stage's declared files and packages
    (:mod:`pipeline.stages`: this package, the tokeniser, the titles, Sastrawi, stanza), the trigger
    inventory used, which ``--inventory`` may take from outside the repository, and the parser's files
    (``None``: no parser)."""
    parser_files = (
        [parser_dir / name for name in parse.MODEL_FILES] if parser_dir is not None else ["no parser"]
    )
    return STAGES["relations"].fingerprint(Path(inventory_file), *parser_files)
