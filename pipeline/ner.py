"""NER stage: split, tokenise and tag every article with the stanza model shipped in ``pipeline/models``.

Reads ``interim/articles.csv``; writes ``interim/sentences.csv`` (sentence boundaries) and
``interim/ner.csv`` (raw PER/LOC/ORG spans with character offsets into the ingested text).

Tagging dominates the cost of the whole pipeline, so results are cached per article under
``interim/ner-cache/`` (:mod:`pipeline.cache`), keyed by a hash of the article text and of everything the
stage declares in :mod:`pipeline.stages` (this code and what it imports, the segmenter's abbreviations, the
model files, the stanza and torch versions): re-running with nothing changed tags nothing, an edited article
is re-tagged alone, and a new model or a change to the tagging code invalidates all.

Also two commands on CoNLL files (token first column, tag last, blank line between sentences)::

    python -m pipeline.ner run                 # the stage (see --help for paths)
    python -m pipeline.ner tag FILE            # prints token<TAB>predicted IOB tag
    python -m pipeline.ner evaluate FILE --json
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline import cache, cli, schema
from pipeline.conll import Sentence, format_conll, read_conll, score
from pipeline.conll import spans as iob_spans
from pipeline.local_stanza import local_pipeline
from pipeline.paths import MODELS_DIR, PRETRAIN
from pipeline.segment import segment
from pipeline.stages import STAGES

NER_MODEL = "id_ner.pt"
#: optional character language models (forward, backward); a model trained with them needs them to load
CHARLMS = ("id_forward_charlm.pt", "id_backward_charlm.pt")


def load_tagger(model_dir: Path = MODELS_DIR, threads: int | None = None):
    """A stanza ``Pipeline`` (pretokenised input, NER only) built from local files alone
    (:func:`pipeline.local_stanza.local_pipeline`).

    Any stanza NER model can be used by pointing ``model_dir`` at a folder holding the same three files
    (``resources.json`` included), plus the two character language models of :data:`CHARLMS` for a model
    trained with them.
    """
    import torch

    if threads:
        torch.set_num_threads(threads)
    model_dir = Path(model_dir)
    forward, backward = (model_dir / name for name in CHARLMS)
    charlm = {"ner_forward_charlm_path": str(forward), "ner_backward_charlm_path": str(backward)}
    return local_pipeline(
        model_dir,
        "NER model",
        (NER_MODEL, PRETRAIN),
        "tokenize,ner",
        ner_model_path=str(model_dir / NER_MODEL),
        ner_pretrain_path=str(model_dir / PRETRAIN),
        ner_batch_size=256,
        **(charlm if forward.is_file() and backward.is_file() else {}),
    )


#: the entity types the pipeline outputs; a model may know more (see :data:`pipeline.conll.AUXILIARY`)
NER_LABELS = ("PER", "LOC", "ORG")


def bioes_to_iob(tags: Sequence[str]) -> list[str]:
    """stanza's BIOES tags as IOB (``S-PER`` -> ``B-PER``, ``E-ORG`` -> ``I-ORG``), other types as ``O``.

    Example:
        >>> bioes_to_iob(["S-PER", "O", "B-ORG", "E-ORG", "S-EVT"])
        ['B-PER', 'O', 'B-ORG', 'I-ORG', 'O']
    """
    out = []
    for tag in tags:
        prefix, _, label = tag.partition("-")
        out.append("O" if label not in NER_LABELS else ("B-" if prefix in ("B", "S") else "I-") + label)
    return out


def tag_sentences(tagger, sentences: list[list[str]]) -> list[list[str]]:
    """IOB tags for pretokenised sentences, in one stanza call (stanza batches internally)."""
    if not sentences:
        return []
    document = tagger(sentences)
    return [bioes_to_iob([token.ner for token in sentence.tokens]) for sentence in document.sentences]


@dataclass(frozen=True)
class ArticleTags:
    """What tagging one article yields: sentence boundaries and entity spans, offsets into its text."""

    sentences: list[tuple[int, int]]
    spans: list[tuple[int, int, int, str]]  # (sentence, start, end, label)


def tag_articles(tagger, texts: Sequence[str]) -> list[ArticleTags]:
    """Segment and tag several articles with one stanza call, mapping tags back to character offsets."""
    segmented = [segment(text) for text in texts]
    flat = [[token.text for token in sentence] for sentences in segmented for sentence in sentences]
    tags = iter(tag_sentences(tagger, flat))
    results = []
    for sentences in segmented:
        boundaries, spans = [], []
        for index, tokens in enumerate(sentences):
            boundaries.append((tokens[0].start, tokens[-1].end))
            for first, last, label in sorted(iob_spans(next(tags))):
                spans.append((index, tokens[first].start, tokens[last - 1].end, label))
        results.append(ArticleTags(boundaries, spans))
    return results


def model_files(model_dir: Path = MODELS_DIR) -> list[Path]:
    """The files of a model folder that tagging reads (the charlms only where the model has them)."""
    charlms = [model_dir / name for name in CHARLMS if (model_dir / name).is_file()]
    return [model_dir / NER_MODEL, model_dir / PRETRAIN, *charlms]


def fingerprint(model_dir: Path = MODELS_DIR) -> str:
    """The stage's declared inputs (code, resources, package versions) and the model files: every cache key."""
    return STAGES["ner"].fingerprint(*model_files(model_dir))


def cached_tags(store: cache.ArticleCache, text: str) -> ArticleTags | None:
    data = store.get(store.key(text))
    if data is None:
        return None
    return ArticleTags([tuple(s) for s in data["sentences"]], [tuple(s) for s in data["spans"]])


def cache_tags(store: cache.ArticleCache, text: str, tags: ArticleTags) -> None:
    store.put(store.key(text), {"sentences": tags.sentences, "spans": tags.spans})


def batched(items: Sequence, size: int) -> Iterator[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def tables(ids: Iterable[str], results: Iterable[ArticleTags], texts: Iterable[str]):
    """The ``sentences`` and ``ner`` frames for tagged articles, rows sorted by article and offset."""
    sentence_rows, span_rows = [], []
    for article, tags, text in zip(ids, results, texts):
        sentence_rows += [(article, i, start, end) for i, (start, end) in enumerate(tags.sentences)]
        span_rows += [(article, s, start, end, text[start:end], label) for s, start, end, label in tags.spans]
    sentences = pd.DataFrame(sentence_rows, columns=list(schema.SENTENCES))
    spans = pd.DataFrame(span_rows, columns=list(schema.NER_SPANS))
    return (
        sentences.sort_values(["article", "sentence"], kind="stable"),
        spans.sort_values(["article", "start", "end"], kind="stable"),
    )


def tag_locally(texts: dict[str, str], model_dir: Path, batch_articles: int, threads: int | None):
    """Tag articles in this process, yielding ``(article ids, results)`` chunk by chunk."""
    tagger = load_tagger(model_dir, threads)
    for chunk in batched(list(texts), batch_articles):
        yield chunk, tag_articles(tagger, [texts[a] for a in chunk])


def tagger_plugin(model_dir: Path, threads: int | None):
    """A dask worker plugin with which each worker loads the model once, not once per task."""
    from distributed import WorkerPlugin

    class TaggerPlugin(WorkerPlugin):
        name = "kabar-tagger"

        def setup(self, worker) -> None:
            worker.data_kabar_tagger = load_tagger(Path(model_dir), threads)

    return TaggerPlugin()


def _tag_on_worker(texts: list[str]) -> list[ArticleTags]:
    from distributed import get_worker

    return tag_articles(get_worker().data_kabar_tagger, texts)


def tag_with_dask(
    texts: dict[str, str],
    model_dir: Path,
    batch_articles: int,
    scheduler: str | None,
    where: list[str],
    workers: int = 2,
):
    """Tag articles on a dask.distributed cluster, whole articles per task, yielding chunks as they finish.

    ``scheduler`` is a ``tcp://host:port`` address; without one a ``LocalCluster`` of ``workers`` one-thread
    processes is started (and closed) here. Where the tagging ran (the scheduler's address and its number
    of workers) is appended to ``where``, for the stage's summary line: on a cluster, "it ran" is not
    evidence enough that it ran there.
    """
    from distributed import Client, LocalCluster, as_completed

    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = Client(scheduler or cluster)
    try:
        client.register_plugin(tagger_plugin(model_dir, threads=1))
        info = client.scheduler_info()
        kind = "scheduler" if scheduler else "local cluster"
        where.append(f"on the dask {kind} {info['address']} with {len(info['workers'])} workers")
        chunks = list(batched(list(texts), batch_articles))
        futures = {client.submit(_tag_on_worker, [texts[a] for a in c], pure=False): c for c in chunks}
        for future, results in as_completed(futures, with_results=True):
            yield futures[future], results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


@dataclass
class StageResult:
    """What the stage made and the facts of its summary line."""

    sentences: pd.DataFrame
    spans: pd.DataFrame
    tagged: int
    where: (
        str  # "in this process", "on the dask scheduler tcp://… with 4 workers"; "" when nothing was tagged
    )


def run_stage(
    articles: pd.DataFrame,
    model_dir: Path,
    cache_dir: Path | None,
    batch_articles: int = 32,
    threads: int | None = None,
    executor: str = "local",
    scheduler: str | None = None,
) -> StageResult:
    """Tag the articles not yet in the cache; the tables of all of them, and where the tagging ran."""
    from tqdm import tqdm

    store = cache.ArticleCache(cache_dir, fingerprint(model_dir))
    texts = dict(zip(articles["id"], articles["text"]))
    results = {article: cached_tags(store, text) for article, text in texts.items()}
    todo = {article: texts[article] for article, found in results.items() if found is None}
    where = ["in this process"]
    if todo:
        if executor == "dask":
            where = []
            chunks = tag_with_dask(todo, model_dir, batch_articles, scheduler, where)
        else:
            chunks = tag_locally(todo, model_dir, batch_articles, threads)
        with tqdm(total=len(todo), desc="ner", unit="article", file=sys.stderr, disable=None) as bar:
            for chunk, tagged in chunks:
                for article, tags in zip(chunk, tagged):
                    cache_tags(store, texts[article], tags)
                    results[article] = tags
                bar.update(len(chunk))
    ids = list(texts)
    sentences, spans = tables(ids, [results[a] for a in ids], [texts[a] for a in ids])
    return StageResult(sentences, spans, len(todo), where[0] if todo else "")


def _read_stage(args: argparse.Namespace) -> pd.DataFrame:
    return schema.read_table(args.articles, schema.ARTICLES)


def _process_stage(args: argparse.Namespace, articles: pd.DataFrame) -> str:
    scheduler = args.scheduler or os.environ.get("DASK_SCHEDULER") or None
    result = run_stage(
        articles, args.model, args.cache, threads=args.threads, executor=args.executor, scheduler=scheduler
    )
    schema.write_table(args.out_sentences, result.sentences, schema.SENTENCES)
    schema.write_table(args.out, result.spans, schema.NER_SPANS)
    cached = len(articles) - result.tagged
    return (
        f"{len(articles)} articles ({result.tagged} tagged{' ' if result.where else ''}{result.where}, "
        f"{cached} cached), "
        f"{len(result.sentences)} sentences, {len(result.spans)} spans"
    )


def _tag_file(args: argparse.Namespace):
    """The sentences of ``args.file`` and the model's tags for them."""
    sentences = read_conll(args.file)
    return sentences, tag_sentences(load_tagger(args.model, args.threads), [s.tokens for s in sentences])


def _tag_main(args: argparse.Namespace) -> int:
    sentences, predicted = _tag_file(args)
    sys.stdout.write(format_conll(Sentence(s.tokens, tags) for s, tags in zip(sentences, predicted)))
    return 0


def _evaluate_main(args: argparse.Namespace) -> int:
    sentences, predicted = _tag_file(args)
    result = score([s.tags for s in sentences], predicted)
    if args.json:
        print(json.dumps(result))
    else:
        print(
            f"{args.file}: {result['sentences']} sentences, precision {result['precision']:.4f}, "
            f"recall {result['recall']:.4f}, F1 {result['f1']:.4f}"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.ner", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--model", type=Path, default=MODELS_DIR, help="folder with the stanza NER model files"
    )
    parser.add_argument("--threads", type=int, default=None, help="torch threads (default: torch's choice)")
    commands = parser.add_subparsers(dest="command", required=True)
    stage = commands.add_parser("run", help="the pipeline stage: articles.csv to sentences.csv and ner.csv")
    stage.add_argument("--articles", type=Path, default=Path("data/interim/articles.csv"))
    stage.add_argument("--out", type=Path, default=Path("data/interim/ner.csv"))
    stage.add_argument("--out-sentences", type=Path, default=Path("data/interim/sentences.csv"))
    stage.add_argument("--cache", type=Path, default=Path("data/interim/ner-cache"))
    stage.add_argument("--executor", choices=("local", "dask"), default="local", help="where tagging runs")
    stage.add_argument(
        "--scheduler",
        help="dask scheduler address tcp://host:port (default: $DASK_SCHEDULER, else a LocalCluster)",
    )
    tag = commands.add_parser("tag", help="tag a CoNLL file, print token<TAB>tag")
    tag.add_argument("file", type=Path)
    evaluate = commands.add_parser("evaluate", help="entity-level P/R/F1 against a CoNLL file's last column")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="last line: one JSON object")
    args = parser.parse_args(argv)
    logging.getLogger("stanza").setLevel(logging.WARNING)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if args.command in ("tag", "evaluate") and not args.file.is_file():
        print(f"ner: error: {args.file}: no such file", file=sys.stderr)
        return 2
    if args.command == "run":
        return cli.run("ner", args, _read_stage, _process_stage)
    return {"tag": _tag_main, "evaluate": _evaluate_main}[args.command](args)


if __name__ == "__main__":
    cli.finish(main())
