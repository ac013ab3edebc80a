"""The performance benchmark (``make bench``): every figure in one run, as ratios, on this machine.

Measures, on one corpus (``--corpus DIR``, or by default about 800 articles of 20 sentences built
reproducibly from the unlabelled sentences in ``../shared/datasets/text``):

- the full pipeline (``make all`` from an empty output folder) against bare tagging of the same sentences
  (``python -m pipeline.ner tag``), and their ratio;
- a re-run with nothing changed, and a re-run after adding one article, as fractions of the full run;
- tokens per second of bare tagging, and the peak resident memory of any one stage;
- the gain of batching many sentences per stanza call, and of two torch threads over one;
- the same full run with ``EXECUTOR=dask`` (a local two-worker cluster), and whether its outputs are
  byte-identical to the local run's.

Results are printed and written to ``build/bench/results.json``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline.segment import segment

OUTPUTS = ("mentions.csv", "entities.csv", "edges.csv", "graph.graphml", "relations.csv")


def build_corpus(text_file: Path, folder: Path, articles: int = 800, sentences: int = 20) -> int:
    """Write ``articles`` articles of ``sentences`` consecutive corpus sentences each; returns how many."""
    lines = [line.strip() for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    folder.mkdir(parents=True, exist_ok=True)
    count = min(articles, len(lines) // sentences)
    for i in range(count):
        body = "\n".join(lines[i * sentences : (i + 1) * sentences])
        (folder / f"bench_{i:05d}.txt").write_text(body + "\n", encoding="utf-8")
    return count


def corpus_texts(folder: Path) -> list[str]:
    """The article texts of a folder of ``*.txt`` files, cleaned as ingest cleans them, in name order."""
    from pipeline import ingest

    patterns = ingest.load_patterns()
    return [ingest.clean_text(p.read_text(encoding="utf-8"), patterns) for p in sorted(folder.glob("*.txt"))]


def conll_of(folder: Path, out: Path) -> int:
    """The corpus segmented exactly as the NER stage does, as a CoNLL file; returns the token count."""
    tokens = 0
    with open(out, "w", encoding="utf-8") as handle:
        for text in corpus_texts(folder):
            for sentence in segment(text):
                handle.write("".join(f"{t.text}\n" for t in sentence) + "\n")
                tokens += len(sentence)
    return tokens


def batching_gain(corpus: Path, articles: int = 40) -> dict[str, float]:
    """Seconds to tag the first ``articles`` articles one sentence per stanza call, one article per call,
    and 32 articles per call (what the NER stage does), and with 1 and 2 torch threads."""
    import torch

    from pipeline.ner import load_tagger, tag_articles, tag_sentences

    texts = corpus_texts(corpus)[:articles]
    tagger = load_tagger()
    timings = {}
    for threads in (1, 2):
        torch.set_num_threads(threads)
        start = time.perf_counter()
        tag_articles(tagger, texts)
        timings[f"batched_{threads}_threads_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    for text in texts:
        tag_articles(tagger, [text])
    timings["per_article_2_threads_s"] = round(time.perf_counter() - start, 2)
    start = time.perf_counter()
    for text in texts:
        for sentence in segment(text):
            tag_sentences(tagger, [[t.text for t in sentence]])
    timings["per_sentence_2_threads_s"] = round(time.perf_counter() - start, 2)
    timings["batched_speedup_over_per_sentence"] = round(
        timings["per_sentence_2_threads_s"] / timings["batched_2_threads_s"], 2
    )
    return timings


def timed(command: list[str]) -> float:
    """Wall seconds of a command; its output is discarded, a failure stops the benchmark."""
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def make_all(corpus: Path, out: Path, executor: str = "local") -> list[str]:
    return ["make", "--no-print-directory", "all", f"SEEDS={corpus}", f"OUT={out}", f"EXECUTOR={executor}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: generated)")
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--work", type=Path, default=Path("build/bench"))
    parser.add_argument("--articles", type=int, default=800)
    parser.add_argument("--no-dask", action="store_true", help="skip the dask run")
    args = parser.parse_args(argv)

    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    corpus = work / "corpus"
    if args.corpus:
        shutil.copytree(args.corpus, corpus)
    else:
        build_corpus(args.data / "text" / "indonesian-sentences.txt", corpus, args.articles)
    articles = len(list(corpus.iterdir()))
    tokens = conll_of(corpus, work / "corpus.conll")
    python = sys.executable

    bare = timed([python, "-m", "pipeline.ner", "tag", str(work / "corpus.conll")])
    full = timed(make_all(corpus, work / "out"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rerun = timed(make_all(corpus, work / "out"))
    results = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "articles": articles,
        "tokens": tokens,
        "bare_tagging_s": round(bare, 1),
        "full_run_s": round(full, 1),
        "full_over_bare": round(full / bare, 3),
        "no_change_rerun_s": round(rerun, 2),
        "no_change_fraction": round(rerun / full, 4),
        "tokens_per_second": round(tokens / bare),
        "peak_memory_mb": round(peak_mb),
    }
    if not args.no_dask:
        results["dask_full_run_s"] = round(timed(make_all(corpus, work / "out-dask", "dask")), 1)
        results["dask_over_local"] = round(results["dask_full_run_s"] / full, 3)
        same = [filecmp.cmp(work / "out" / f, work / "out-dask" / f, shallow=False) for f in OUTPUTS]
        results["dask_identical"] = all(same)
    extra = sorted(corpus.iterdir())[0].read_text(encoding="utf-8")
    (corpus / "zz_added.txt").write_text("Tambahan: " + extra, encoding="utf-8")
    added = timed(make_all(corpus, work / "out"))
    results["one_added_s"] = round(added, 2)
    results["one_added_fraction"] = round(added / full, 4)
    results.update(batching_gain(corpus))
    (work / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
