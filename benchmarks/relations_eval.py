"""Precision and recall of ``relations.csv`` against the hand-made gold of 25 detik-2025 articles.

The gold (``benchmarks/relations_gold.csv``, written blind to the system, see ``relations_gold.md``) names
actors as written in the sentence; the system writes entity ids. A gold name stands for every entity of a
mention in that article whose text is the name, or holds it or is held by it as whole words ("Prabowo" and
"Prabowo Subianto"). Both sides are compared per article as sets of ``(source, relation, target)``, MEET and
SIGN without direction; a gold relation whose names match no mention counts as missed.

    make all SEEDS=../shared/datasets/news/detik-2025 OUT=/tmp/dt
    python -m benchmarks.relations_eval --out /tmp/dt [--json]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
GOLD = HERE / "relations_gold.csv"
NOTES = HERE / "relations_gold.md"
SYMMETRIC = frozenset({"MEET", "SIGN"})


def gold_articles(notes: Path = NOTES) -> list[str]:
    """The 25 annotated article ids, from the ``articles:`` line of the gold's notes."""
    for line in notes.read_text(encoding="utf-8").splitlines():
        if line.startswith("articles:"):
            return [a.strip() for a in line.partition(":")[2].split(",") if a.strip()]
    raise ValueError(f"{notes}: no 'articles:' line")


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def name_index(mentions: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """Per article, ``(mention text as words, entity id)`` pairs."""
    index: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in mentions.itertuples(index=False):
        index[row.article].append((_words(row.text), row.entity_id))
    return index


def entities_named(name: str, article_mentions: list[tuple[str, str]]) -> frozenset[str]:
    """Entity ids of the article's mentions that are ``name``, hold it or are held by it as whole words."""
    wanted = _words(name)
    return frozenset(e for text, e in article_mentions if wanted in text or text in wanted)


def score(out: Path, gold_file: Path = GOLD, notes: Path = NOTES) -> dict:
    """Per-type and overall precision and recall, and how often the ``mode`` of a found relation is right."""
    articles = set(gold_articles(notes))
    gold = pd.read_csv(gold_file, dtype=str)
    system = pd.read_csv(out / "relations.csv", dtype={"article": str})
    system = system[system["article"].isin(articles)]
    index = name_index(pd.read_csv(out / "mentions.csv", dtype={"article": str}))
    found: dict[tuple[str, str, str, str], str] = {}
    for row in system.itertuples(index=False):
        found.setdefault((row.article, row.source, row.relation, row.target), row.mode)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    matched_system: set[tuple[str, str, str, str]] = set()
    seen_gold: set[tuple] = set()
    mode_right = mode_total = 0
    misses = []
    for row in gold.itertuples(index=False):
        sources = entities_named(row.source, index[row.article])
        targets = entities_named(row.target, index[row.article])
        key = (row.article, sources, row.relation, targets, row.source, row.target)
        if key in seen_gold:
            continue
        seen_gold.add(key)
        counts[row.relation]["gold"] += 1
        hits = [
            k for k in found
            if k[0] == row.article and k[2] == row.relation and (
                (k[1] in sources and k[3] in targets)
                or (row.relation in SYMMETRIC and k[1] in targets and k[3] in sources)
            )
        ]  # fmt: skip
        if hits:
            counts[row.relation]["recalled"] += 1
            matched_system.update(hits)
            mode_total += 1
            mode_right += found[hits[0]] == row.mode
        else:
            misses.append(f"{row.article}: {row.source} {row.relation} {row.target} | {row.sentence_text}")
    for key in found:
        counts[key[2]]["system"] += 1
        counts[key[2]]["correct"] += key in matched_system
    table = {}
    for relation in sorted(counts):
        c = counts[relation]
        table[relation] = {
            "gold": c["gold"],
            "system": c["system"],
            "precision": round(c["correct"] / c["system"], 3) if c["system"] else None,
            "recall": round(c["recalled"] / c["gold"], 3) if c["gold"] else None,
        }
    total = {k: sum(counts[r][k] for r in counts) for k in ("gold", "system", "correct", "recalled")}
    table["ALL"] = {
        "gold": total["gold"],
        "system": total["system"],
        "precision": round(total["correct"] / total["system"], 3) if total["system"] else None,
        "recall": round(total["recalled"] / total["gold"], 3) if total["gold"] else None,
    }
    wrong = [
        f"{row.article}/{row.sentence}: {row.source} {row.relation} {row.target} ({row.trigger}) | {row.evidence}"
        for row in system.itertuples(index=False)
        if (row.article, row.source, row.relation, row.target) not in matched_system
    ]
    return {
        "types": table,
        "mode_accuracy": round(mode_right / mode_total, 3) if mode_total else None,
        "misses": misses,
        "wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="a pipeline output folder of detik-2025")
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--errors", action="store_true", help="list the rows found wrongly and the rows missed"
    )
    args = parser.parse_args(argv)
    result = score(args.out)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print("| type | gold | found | precision | recall |\n|---|---|---|---|---|")
    for relation, c in result["types"].items():
        print(f"| {relation} | {c['gold']} | {c['system']} | {c['precision']} | {c['recall']} |")
    print(f"\nmode right on {result['mode_accuracy']} of the relations found")
    if args.errors:
        print("\n## found, not in the gold\n" + "\n".join(result["wrong"]))
        print("\n## in the gold, not found\n" + "\n".join(result["misses"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
