"""Graph stage: co-mention edges between people, countries and organisations, over time and with evidence.

Reads ``mentions.csv``, ``interim/articles.csv`` (dates) and ``duplicates.csv`` (stories); writes
``edges.csv``, ``edges_by_period.csv`` and ``cooccurrences.csv``. Two entities co-occur once per sentence in
which both are mentioned (``cooccurrences.csv`` lists every such sentence, so any edge can be traced to its
evidence). In ``edges.csv`` each story counts once: ``weight`` sums, over the pair's stories, the most
sentences any one article of the story has with the pair, and ``articles`` counts the stories; a duplicate's
sentences are not counted again. ``raw_weight`` and ``raw_articles`` count every article. ``first_seen`` and
``last_seen`` are the earliest and latest ISO day of the articles that mention the pair together.
``edges_by_period.csv`` splits ``weight`` and ``articles`` by the period (ISO week, month or day) of each
story's date (its earliest article's); undated stories are left out. The aggregation is a pandas self-join
per sentence, so it stays vectorised for large corpora.

Example:
    >>> m = pd.DataFrame({"article": ["a", "a", "a"], "sentence": [0, 0, 1],
    ...                   "entity_id": ["xi-jinping", "vladimir-putin", "xi-jinping"],
    ...                   "type": ["PERSON", "PERSON", "PERSON"]})
    >>> co_mentions(m).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'source': 'vladimir-putin', 'target': 'xi-jinping', 'weight': 1, 'articles': 1, 'first_seen': '',
      'last_seen': '', 'raw_weight': 1, 'raw_articles': 1}]
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import networkx as nx
import pandas as pd

from pipeline import cli, schema
from pipeline.dates import iso_days
from pipeline.stories import story_of

#: the period lengths of ``edges_by_period.csv`` (``--period``)
PERIODS = ("week", "month", "day")
PAIR = ["source", "target"]


def cooccurrences(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every sentence in which two graph-type entities are mentioned together, ``source < target``, sorted."""
    nodes = mentions[mentions["type"].isin(schema.GRAPH_TYPES)]
    nodes = nodes[["article", "sentence", "entity_id"]].drop_duplicates()
    pairs = nodes.merge(nodes, on=["article", "sentence"], suffixes=("_s", "_t"))
    pairs = pairs[pairs["entity_id_s"] < pairs["entity_id_t"]]
    pairs = pairs.rename(columns={"entity_id_s": "source", "entity_id_t": "target"})
    pairs = pairs.sort_values(["source", "target", "article", "sentence"], kind="stable")
    return schema.conform(pairs, schema.COOCCURRENCES)


def _stories_and_days(
    occurrences: pd.DataFrame, stories: pd.DataFrame | None, days: pd.Series | None
) -> pd.DataFrame:
    """The co-occurrences with each article's ``story`` and ISO ``day`` (``""`` when undated)."""
    articles = occurrences["article"].astype(str)
    story = story_of(articles, stories) if stories is not None else articles
    day = articles.map(days).fillna("") if days is not None else pd.Series("", index=articles.index)
    return occurrences.assign(story=story.astype(str), day=day.astype(str))


def _per_story(occurrences: pd.DataFrame) -> pd.DataFrame:
    """Per pair and story: the most sentences any one article of the story has with the pair."""
    per_article = occurrences.groupby([*PAIR, "story", "article"], sort=True).size().rename("sentences")
    return per_article.groupby(level=[0, 1, 2], sort=True).max().reset_index()


def co_mentions(
    mentions: pd.DataFrame, stories: pd.DataFrame | None = None, days: pd.Series | None = None
) -> pd.DataFrame:
    """The edges table: one row per pair of graph-type entities sharing a sentence, ``source < target``.

    ``stories`` is the duplicates table (none: every article is its own story); ``days`` maps article ids
    to ISO days (``""`` or absent when undated).
    """
    return edges_table(cooccurrences(mentions), stories, days)


def edges_table(
    occurrences: pd.DataFrame, stories: pd.DataFrame | None = None, days: pd.Series | None = None
) -> pd.DataFrame:
    """:func:`co_mentions` from the co-occurrences table."""
    occurrences = _stories_and_days(occurrences, stories, days)
    raw = occurrences.groupby(PAIR, sort=True).agg(
        raw_weight=("sentence", "size"), raw_articles=("article", "nunique")
    )
    distinct = (
        _per_story(occurrences)
        .groupby(PAIR, sort=True)
        .agg(weight=("sentences", "sum"), articles=("story", "size"))
    )
    dated = occurrences[occurrences["day"] != ""].groupby(PAIR, sort=True)["day"]
    seen = pd.DataFrame({"first_seen": dated.min(), "last_seen": dated.max()})
    edges = distinct.join(raw).join(seen).fillna({"first_seen": "", "last_seen": ""}).reset_index()
    return schema.conform(edges, schema.EDGES)


def period_of(day: str, period: str) -> str:
    """The label of the period holding an ISO day: ``2025-W43`` (ISO week), ``2025-10`` or the day itself.

    Example:
        >>> [period_of("2025-10-21", p) for p in PERIODS], period_of("2024-12-30", "week")
        (['2025-W43', '2025-10', '2025-10-21'], '2025-W01')
    """
    date = dt.date.fromisoformat(day)
    if period == "week":
        year, week, _ = date.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "month":
        return f"{date.year}-{date.month:02d}"
    if period == "day":
        return date.isoformat()
    raise ValueError(f"unknown period {period!r}: one of {', '.join(PERIODS)}")


def period_days(label: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of a period label written by :func:`period_of`.

    Example:
        >>> [d.isoformat() for d in period_days("2025-W43") + period_days("2024-02")]
        ['2025-10-20', '2025-10-26', '2024-02-01', '2024-02-29']
    """
    if "-W" in label:
        year, week = label.split("-W")
        first = dt.date.fromisocalendar(int(year), int(week), 1)
        return first, first + dt.timedelta(days=6)
    if len(label) == 7:
        year, month = map(int, label.split("-"))
        first = dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day = dt.date.fromisoformat(label)
    return day, day


def edges_by_period(
    mentions: pd.DataFrame,
    stories: pd.DataFrame | None = None,
    days: pd.Series | None = None,
    period: str = "week",
) -> pd.DataFrame:
    """The edges of each period: ``weight`` and ``articles`` as in :func:`co_mentions`, each story counted in
    the period of its date (the earliest day of its articles); undated stories are left out."""
    return period_table(cooccurrences(mentions), stories, days, period)


def period_table(
    occurrences: pd.DataFrame,
    stories: pd.DataFrame | None = None,
    days: pd.Series | None = None,
    period: str = "week",
) -> pd.DataFrame:
    """:func:`edges_by_period` from the co-occurrences table."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}: one of {', '.join(PERIODS)}")
    occurrences = _stories_and_days(occurrences, stories, days)
    story_day = occurrences[occurrences["day"] != ""].groupby("story")["day"].min()
    per_story = _per_story(occurrences)
    per_story["day"] = per_story["story"].map(story_day)
    per_story = per_story.dropna(subset=["day"])
    labels = {day: period_of(day, period) for day in per_story["day"].unique()}
    per_story["period"] = per_story["day"].map(labels)
    table = (
        per_story.groupby([*PAIR, "period"], sort=True)
        .agg(weight=("sentences", "sum"), articles=("story", "size"))
        .reset_index()
    )
    return schema.conform(table, schema.EDGES_BY_PERIOD)


def _runs(periods: list[str]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive periods merged: ``(first day, day after the last)`` for each run, in time order."""
    runs: list[list[dt.date]] = []
    for first, last in sorted(period_days(p) for p in set(periods)):
        if runs and first <= runs[-1][1] + dt.timedelta(days=1):
            runs[-1][1] = max(runs[-1][1], last)
        else:
            runs.append([first, last])
    return [(first, last + dt.timedelta(days=1)) for first, last in runs]


def spells(
    entities: pd.DataFrame, by_period: pd.DataFrame
) -> tuple[dict[str, list[tuple[str, str]]], dict[tuple[str, str], list[tuple[str, str]]]]:
    """Time spells for the dynamic GEXF: ``(node spells, edge spells)``, each a list of ``(start, end)`` ISO
    days, ``end`` the day after the spell (GEXF 1.3 intervals are closed, so this covers the last day whole).

    An edge lives in the periods where the pair is co-mentioned (consecutive periods merged into one spell);
    a node in the periods of its edges, or, when it has no dated edge, from ``first_seen`` to ``last_seen``.
    Entities and edges with no date get no spell (GEXF: always present).

    Example:
        >>> entities = pd.DataFrame({"entity_id": ["a", "b", "c"], "first_seen": ["2025-10-21", "", "2025-11-03"],
        ...                          "last_seen": ["2025-10-21", "", "2025-11-05"]})
        >>> by_period = pd.DataFrame({"source": ["a", "a"], "target": ["b", "b"], "period": ["2025-W43", "2025-W44"]})
        >>> nodes, edges = spells(entities, by_period)
        >>> edges[("a", "b")], nodes["b"], nodes["c"]
        ([('2025-10-20', '2025-11-03')], [('2025-10-20', '2025-11-03')], [('2025-11-03', '2025-11-06')])
    """

    def iso(runs: list[tuple[dt.date, dt.date]]) -> list[tuple[str, str]]:
        return [(first.isoformat(), end.isoformat()) for first, end in runs]

    edge_periods: dict[tuple[str, str], list[str]] = {}
    node_periods: dict[str, list[str]] = {}
    for source, target, period in zip(by_period["source"], by_period["target"], by_period["period"]):
        edge_periods.setdefault((source, target), []).append(period)
        node_periods.setdefault(source, []).append(period)
        node_periods.setdefault(target, []).append(period)
    node_spells = {node: iso(_runs(periods)) for node, periods in node_periods.items()}
    for node, first, last in zip(entities["entity_id"], entities["first_seen"], entities["last_seen"]):
        if node not in node_spells and first and last:
            start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
            node_spells[node] = iso([(start, end + dt.timedelta(days=1))])
    return node_spells, {pair: iso(_runs(periods)) for pair, periods in edge_periods.items()}


def to_networkx(entities: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """The co-mention graph: every graph-type entity a node (sorted by id), edges as in ``edges``.

    Node attributes ``label``, ``type``, ``mentions``, ``articles`` (and ``qid``, ``first_seen``,
    ``last_seen`` where known); edge attributes ``weight`` and ``articles`` (distinct stories),
    ``raw_weight``, ``raw_articles`` (and ``first_seen``, ``last_seen`` where dated). Insertion order is
    sorted, so writers are deterministic.
    """
    graph = nx.Graph()
    nodes = entities[entities["type"].isin(schema.GRAPH_TYPES)].sort_values("entity_id")
    for row in schema.rows(
        nodes, ("entity_id", "label", "type", "mentions", "articles", "qid", "first_seen", "last_seen")
    ):
        entity_id, label, kind, mentions, articles, *optional = row
        attributes = {"label": label, "type": kind, "mentions": int(mentions), "articles": int(articles)}
        attributes.update(
            (name, value) for name, value in zip(("qid", "first_seen", "last_seen"), optional) if value
        )
        graph.add_node(entity_id, **attributes)
    counts = ("weight", "articles", "raw_weight", "raw_articles")
    for row in schema.rows(
        edges.sort_values(["source", "target"]), ("source", "target", *counts, "first_seen", "last_seen")
    ):
        source, target, *numbers, first_seen, last_seen = row
        attributes = {name: int(value) for name, value in zip(counts, numbers)}
        attributes.update(
            (name, value) for name, value in (("first_seen", first_seen), ("last_seen", last_seen)) if value
        )
        graph.add_edge(source, target, **attributes)
    return graph


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.graph", description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=Path, default=Path("data/mentions.csv"))
    parser.add_argument(
        "--articles", type=Path, default=Path("data/interim/articles.csv"), help="the article dates"
    )
    parser.add_argument(
        "--duplicates", type=Path, help="duplicates.csv of the stories stage (default: every article a story)"
    )
    parser.add_argument(
        "--period", choices=PERIODS, default="week", help="period of edges_by_period.csv (default: week)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data"),
        help="folder for edges.csv, edges_by_period.csv, cooccurrences.csv",
    )
    return parser


def read(args: argparse.Namespace) -> tuple[pd.DataFrame, pd.DataFrame | None, pd.Series]:
    mentions = schema.read_table(args.mentions, schema.MENTIONS)
    articles = schema.read_table(args.articles, schema.ARTICLES)
    stories = schema.read_table(args.duplicates, schema.DUPLICATES) if args.duplicates else None
    days = pd.Series(iso_days(articles["date"]).values, index=articles["id"].astype(str))
    return mentions, stories, days


def process(args: argparse.Namespace, inputs: tuple[pd.DataFrame, pd.DataFrame | None, pd.Series]) -> str:
    mentions, stories, days = inputs
    evidence = cooccurrences(mentions)
    edges = edges_table(evidence, stories, days)
    by_period = period_table(evidence, stories, days, args.period)
    schema.write_table(args.out / "cooccurrences.csv", evidence, schema.COOCCURRENCES)
    schema.write_table(args.out / "edges_by_period.csv", by_period, schema.EDGES_BY_PERIOD)
    schema.write_table(args.out / "edges.csv", edges, schema.EDGES)
    return (
        f"{len(edges)} edges from {len(evidence)} co-occurrences; "
        f"{by_period['period'].nunique()} {args.period}s with dated edges"
    )


def main(argv: list[str] | None = None) -> int:
    return cli.main("graph", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
