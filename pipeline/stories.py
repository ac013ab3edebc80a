"""Stories stage: articles whose text is the same or nearly the same are one story.

Reads ``interim/articles.csv``; writes ``duplicates.csv``: every article that belongs to a group of two or
more, the group's representative (``story``) and its similarity to it. The graph stage counts each story
once, so a wire story republished by five outlets does not weigh five times.

How (details in docs/stories.md):

1. each text becomes the set of its word 5-shingles (every run of five consecutive words, lower-cased);
2. MinHash signatures (128 permutations) and locality-sensitive hashing propose candidate pairs in about
   linear time (datasketch; banding tuned for Jaccard 0.5, well below the threshold, so true pairs are not
   missed); each article's signature is cached (``--cache``, :mod:`pipeline.cache`), so adding an article
   hashes only its shingles;
3. every candidate is verified by the exact Jaccard similarity of the two shingle sets: a pair is a duplicate
   when it is at least ``THRESHOLD`` (0.8), so an LSH false positive never folds two stories;
4. duplicates are grouped transitively (connected components); the representative is the earliest-dated
   article (undated ones last), then the smallest id.

Example:
    >>> text = "Presiden Prabowo bertemu Presiden Xi Jinping di Beijing pada hari Senin untuk membahas kerja sama"
    >>> articles = pd.DataFrame({"id": ["a", "b", "c"], "date": ["2025-10-21", "2025-10-20T08:00", ""],
    ...                          "text": [text, text + ".", "Harga beras naik lagi di pasar induk."]})
    >>> duplicates(articles).to_dict("records")
    [{'article': 'a', 'story': 'b', 'similarity': 1.0}, {'article': 'b', 'story': 'b', 'similarity': 1.0}]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pipeline import cli, schema
from pipeline.cache import ArticleCache
from pipeline.dates import iso_days
from pipeline.stages import STAGES

if TYPE_CHECKING:
    from datasketch import MinHash

#: words per shingle
SHINGLE = 5
#: Jaccard similarity of the shingle sets at or above which two articles are one story
THRESHOLD = 0.8
#: MinHash permutations, and the Jaccard similarity the LSH banding is tuned for (candidates only)
PERMUTATIONS = 128
CANDIDATE_THRESHOLD = 0.5
#: fixed, so the signatures (and the candidates) are the same on every run
SEED = 1

_WORD = re.compile(r"\w+")
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?")


def shingles(text: str, size: int = SHINGLE) -> frozenset[str]:
    """The word ``size``-shingles of a text, lower-cased; a shorter text is one shingle, an empty one none.

    Example:
        >>> sorted(shingles("Xi bertemu Putin di Moskow hari ini", 5))
        ['bertemu putin di moskow hari', 'putin di moskow hari ini', 'xi bertemu putin di moskow']
    """
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0 when both are empty)."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def signature(shingle_set: frozenset[str], store: ArticleCache) -> MinHash:
    """The MinHash signature of a shingle set, read from ``store`` where it holds it (keyed by the set).

    Why cached: hashing every shingle of every article is most of the stage's work, and adding one article
    to a corpus would otherwise hash all the others again.
    """
    from datasketch import LeanMinHash, MinHash

    ordered = sorted(shingle_set)
    key = store.key("\n".join(ordered))
    cached = store.get(key)
    if cached is not None:
        return LeanMinHash(seed=SEED, hashvalues=cached["hashvalues"], scheme=cached["scheme"])
    computed = MinHash(num_perm=PERMUTATIONS, seed=SEED)
    computed.update_batch([s.encode("utf-8") for s in ordered])
    store.put(key, {"scheme": computed.scheme, "hashvalues": computed.hashvalues.tolist()})
    return computed


def candidate_pairs(
    sets: dict[str, frozenset[str]], store: ArticleCache | None = None
) -> list[tuple[str, str]]:
    """Pairs of ids that MinHash LSH puts in a common bucket, each once as ``(a, b)`` with ``a < b``, sorted.

    ``store`` holds the signatures of earlier runs (default: none, every signature is computed).
    """
    from datasketch import MinHashLSH

    store = ArticleCache(None, "") if store is None else store
    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=PERMUTATIONS)
    signatures = {}
    for key, shingle_set in sets.items():
        signatures[key] = signature(shingle_set, store)
        lsh.insert(key, signatures[key])
    pairs = {(a, b) if a < b else (b, a) for a in sets for b in lsh.query(signatures[a]) if a != b}
    return sorted(pairs)


def similar_pairs(
    sets: dict[str, frozenset[str]], threshold: float = THRESHOLD, store: ArticleCache | None = None
) -> list[tuple[str, str, float]]:
    """Candidate pairs whose exact Jaccard similarity is at least ``threshold``: ``(a, b, similarity)``."""
    found = []
    for a, b in candidate_pairs(sets, store):
        similarity = jaccard(sets[a], sets[b])
        if similarity >= threshold:
            found.append((a, b, similarity))
    return found


def _groups(pairs: list[tuple[str, str, float]]) -> list[set[str]]:
    """Connected components of the pairs (union-find)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    components: dict[str, set[str]] = {}
    for x in parent:
        components.setdefault(root(x), set()).add(x)
    return list(components.values())


def _moments(dates: pd.Series) -> pd.Series:
    """The ISO date (and time, when given) each article date starts with, ``""`` when it is not ISO."""
    moments = dates.fillna("").astype(str).str.extract(f"^({_ISO_MOMENT.pattern})")[0].fillna("")
    return moments.where(iso_days(dates) != "", "")


def duplicates(
    articles: pd.DataFrame, threshold: float = THRESHOLD, store: ArticleCache | None = None
) -> pd.DataFrame:
    """The duplicates table: every article of a group of two or more, sorted by story then article.

    ``story`` is the group's representative (earliest ISO date, undated last, then smallest id) and
    ``similarity`` the exact Jaccard similarity of the article's shingles to the representative's (1.0 for
    the representative; a member joined through another member may be below ``threshold``), to 3 decimals.
    ``store`` caches the MinHash signatures (:func:`signature`).
    """
    sets = {key: shingles(text) for key, text in zip(articles["id"], articles["text"])}
    sets = {key: value for key, value in sets.items() if value}
    moments = dict(zip(articles["id"], _moments(articles["date"])))
    rows = []
    for group in _groups(similar_pairs(sets, threshold, store)):
        story = min(group, key=lambda key: (moments[key] == "", moments[key], key))
        rows.extend((key, story, round(jaccard(sets[key], sets[story]), 3)) for key in group)
    table = pd.DataFrame(rows, columns=list(schema.DUPLICATES))
    return schema.conform(table.sort_values(["story", "article"]), schema.DUPLICATES)


def story_of(ids: pd.Series, table: pd.DataFrame) -> pd.Series:
    """The story each article id belongs to: its group's representative, or the article itself.

    Example:
        >>> table = pd.DataFrame({"article": ["a", "b"], "story": ["b", "b"], "similarity": [0.9, 1.0]})
        >>> story_of(pd.Series(["a", "b", "c"]), table).tolist()
        ['b', 'b', 'c']
    """
    return ids.map(dict(zip(table["article"], table["story"]))).fillna(ids).astype("string")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.stories", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=Path("data/interim/articles.csv"))
    parser.add_argument("--out", type=Path, default=Path("data/duplicates.csv"))
    parser.add_argument(
        "--threshold",
        type=float,
        default=THRESHOLD,
        help=f"Jaccard similarity of word {SHINGLE}-shingles at or above which two texts are one story "
        f"(default {THRESHOLD})",
    )
    parser.add_argument("--cache", type=Path, help="folder for per-article signatures (default: no cache)")
    return parser


def read(args: argparse.Namespace) -> pd.DataFrame:
    if not 0 < args.threshold <= 1:
        raise ValueError(f"--threshold must be in (0, 1], not {args.threshold}")
    return schema.read_table(args.articles, schema.ARTICLES)


def process(args: argparse.Namespace, articles: pd.DataFrame) -> str:
    store = ArticleCache(args.cache, STAGES["stories"].fingerprint())
    table = duplicates(articles, args.threshold, store)
    schema.write_table(args.out, table, schema.DUPLICATES)
    stories = table["story"].nunique()
    folded = len(table) - stories
    hashed = f"{store.misses} signatures computed, {store.hits} cached"
    if not folded:
        return (
            f"{len(articles)} articles, no duplicates (Jaccard >= {args.threshold} on word {SHINGLE}-shingles); "
            f"{hashed}"
        )
    return (
        f"{len(articles)} articles: {folded} folded into {stories} stories "
        f"({len(table)} articles in groups of two or more; {len(articles) - folded} distinct stories); {hashed}"
    )


def main(argv: list[str] | None = None) -> int:
    return cli.main("stories", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
