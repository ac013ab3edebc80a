"""Relations stage: typed, directed relations between entities (who visits, meets, sanctions whom).

The command line, ``python -m pipeline.relations``: reads the four input tables, writes ``relations.csv`` and
``relations.graphml``, and prints a one-line summary.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from pipeline import cli, schema
from pipeline.cache import ArticleCache
from pipeline.paths import MODELS_DIR
from pipeline.relations.extract import Parser, code_fingerprint, extract_relations
from pipeline.relations.graph import graphml_bytes, relation_graph, summary
from pipeline.relations.inventory import INVENTORY_FILE, Inventory, load_inventory


def _parser() -> argparse.ArgumentParser:
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
    parser.add_argument(
        "--parser", type=Path, default=MODELS_DIR, help="folder of the dependency parser (pipeline.parse)"
    )
    parser.add_argument(
        "--no-parse",
        action="store_true",
        help="word-order rules only: no dependency parser (faster, misses more)",
    )
    return parser


Inputs = tuple[Inventory, pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]


def read(args: argparse.Namespace) -> Inputs:
    """The trigger inventory and the four tables: articles, sentences, mentions, entities."""
    return (
        load_inventory(args.inventory),
        schema.read_table(args.articles, schema.ARTICLES),
        schema.read_table(args.sentences, schema.SENTENCES),
        schema.read_table(args.mentions, schema.MENTIONS),
        schema.read_table(args.entities or args.mentions.parent / "entities.csv", schema.ENTITIES),
    )


def process(args: argparse.Namespace, inputs: Inputs) -> str:
    inventory, articles, sentences, mentions, entities = inputs
    parser_dir = None if args.no_parse else args.parser
    store = ArticleCache(args.cache, code_fingerprint(args.inventory, parser_dir))
    parser = Parser(parser_dir)
    relations = extract_relations(articles, sentences, mentions, inventory, store, parser)
    graph = relation_graph(relations, entities, inventory)
    schema.write_table(args.out / "relations.csv", relations, schema.RELATIONS)
    schema.atomic_write_bytes(args.out / "relations.graphml", graphml_bytes(graph))
    counts = summary(relations)
    parsing = (
        "parser off" if parser_dir is None else
        f"{parser.parsed} sentences parsed, {parser.skipped} too long or odd to parse"
    )  # fmt: skip
    return (
        f"{len(relations)} relations{f' ({counts})' if counts else ''}; "
        f"{store.misses} articles read, {store.hits} cached; {parsing}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the stage; 0 when done, 2 when an input cannot be read (the message on stderr says which)."""
    return cli.main("relations", _parser(), read, process, argv)
