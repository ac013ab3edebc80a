"""The performance benchmark (``make bench``): every figure in one run, as ratios, on this machine.

Measures, on one corpus (``--corpus DIR``, or by default about 800 articles of 20 sentences built
reproducibly from the unlabelled sentences in ``../shared/datasets/text``; ``--articles 1000 --sentences 15``
gives the 1,000 articles that the re-run's aim is stated for):

- the full pipeline (``make all`` from an empty output folder) against bare tagging of the same sentences
  (``python -m pipeline.ner tag``), and their ratio;
- a re-run with nothing changed, and a re-run after adding one article, as fractions of the full run;
- tokens per second of bare tagging, and the peak resident memory of any one stage;
- the gain of batching many sentences per stanza call, and of two torch threads over one;
- the same full run with ``EXECUTOR=dask`` (a local two-worker cluster), and whether its outputs are
  byte-identical to the local run's;
- on a real corpus (``--real DIR``, by default ``../shared/datasets/news/detik-2025``): a full run, the
  relations stage's time (its dependency parsing included) against the NER stage's in that run, a
  re-run after adding one article as a fraction of it (what resolution across the corpus costs), and,
  where Chromium is installed, whether and when its ``graph.html`` draws (:mod:`benchmarks.html_check`);
- input shapes (``--shapes``): 5,000 small files, one large JSONL file (``--big-mb``, 50 MB by default)
  and one long single document at two lengths (4x apart), each against bare tagging of the same
  sentences, so that a stage that grows faster than NER would show.

Results are printed and written to ``build/bench/results.json``.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import html_check
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
    return conll_of_texts(corpus_texts(folder), out)


def conll_of_texts(texts: list[str], out: Path) -> int:
    """Texts segmented exactly as the NER stage does, as a CoNLL file; returns the token count."""
    tokens = 0
    with open(out, "w", encoding="utf-8") as handle:
        for text in texts:
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


STAGE_LINE = re.compile(r"^(\w+): .* in (\d+(?:\.\d+)?) s$", re.MULTILINE)


def timed_stages(command: list[str]) -> tuple[float, dict[str, float]]:
    """Wall seconds of a ``make`` run and each stage's own seconds, read from the summary lines the stages
    print (``relations: ... in 12.3 s``, :mod:`pipeline.cli`)."""
    start = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    return wall, {name: float(seconds) for name, seconds in STAGE_LINE.findall(done.stderr)}


def make_all(corpus: Path, out: Path, executor: str = "local") -> list[str]:
    return ["make", "--no-print-directory", "all", f"SEEDS={corpus}", f"OUT={out}", f"EXECUTOR={executor}"]


def versus_tagging(name: str, corpus: Path, texts: list[str], work: Path) -> dict[str, float]:
    """``make all`` on ``corpus`` from an empty output folder against bare tagging of ``texts``' sentences."""
    tokens = conll_of_texts(texts, work / f"{name}.conll")
    bare = timed([sys.executable, "-m", "pipeline.ner", "tag", str(work / f"{name}.conll")])
    full = timed(make_all(corpus, work / f"{name}-out"))
    return {
        f"{name}_tokens": tokens,
        f"{name}_full_s": round(full, 1),
        f"{name}_full_over_bare": round(full / bare, 3),
    }


def sentences_of(text_file: Path) -> list[str]:
    return [line.strip() for line in text_file.read_text(encoding="utf-8").splitlines() if line.strip()]


def shapes(text_file: Path, work: Path, big_mb: float) -> dict[str, float]:
    """Full runs on input shapes that break assumptions, each against bare tagging of its sentences.

    - 5,000 files of three sentences: per-file and per-article costs (reading, caching, start-up) show;
    - one JSONL file of ``big_mb`` MB of 20-sentence articles, each a different mix of the corpus sentences;
    - one article of 2,000 sentences and one of 8,000: the ratio of their full runs says whether any stage
      grows faster than linearly in an article's length (NER itself is linear).
    """
    lines = sentences_of(text_file)
    results: dict[str, float] = {}
    small = work / "small-files"
    small.mkdir(parents=True)
    texts = []
    for i in range(5000):
        body = " ".join(lines[(3 * i + k) % len(lines)] for k in range(3))
        (small / f"f{i:05d}.txt").write_text(body + "\n", encoding="utf-8")
        texts.append(body)
    results.update(versus_tagging("small_files", small, texts, work))
    big = work / "big"
    big.mkdir()
    texts, size, i = [], 0, 0
    with open(big / "articles.jsonl", "w", encoding="utf-8") as handle:
        while size < big_mb * 1e6:
            # a different mix of sentences in every article, so no two texts repeat (the NER cache and the
            # stories stage would otherwise make the full run cheaper than bare tagging)
            body = "\n".join(lines[(37 * i + 101 * k) % len(lines)] for k in range(20))
            line = json.dumps({"id": f"a{i:06d}", "text": body}, ensure_ascii=False) + "\n"
            handle.write(line)
            texts.append(body)
            size += len(line.encode("utf-8"))
            i += 1
    results["big_jsonl_mb"] = round(size / 1e6, 1)
    results.update(versus_tagging("big_jsonl", big, texts, work))
    for sentences in (2000, 8000):
        folder = work / f"long-{sentences}"
        folder.mkdir()
        body = " ".join(lines[k % len(lines)] for k in range(sentences))
        (folder / "long.txt").write_text(body + "\n", encoding="utf-8")
        results.update(versus_tagging(f"long_{sentences}", folder, [body], work))
    results["long_4x_ratio"] = round(results["long_8000_full_s"] / results["long_2000_full_s"], 2)
    return results


def real_corpus(corpus: Path, work: Path) -> dict[str, float]:
    """A full run on a real corpus, then the re-run after adding one article (a second file of one)."""
    folder = work / "real"
    shutil.copytree(corpus, folder)
    full, stages = timed_stages(make_all(folder, work / "real-out"))
    source = next(p for p in sorted(folder.iterdir()) if p.suffix == ".jsonl")
    first = json.loads(source.read_text(encoding="utf-8").splitlines()[0])
    added = dict(first, id="added-1", text="Tambahan: " + first["text"])
    (folder / "zz_added.jsonl").write_text(json.dumps(added, ensure_ascii=False) + "\n", encoding="utf-8")
    again = timed(make_all(folder, work / "real-out"))
    results = {"real_full_run_s": round(full, 1), "real_one_added_s": round(again, 2),
               "real_one_added_fraction": round(again / full, 4),
               "real_ner_stage_s": stages["ner"], "real_relations_stage_s": stages["relations"],
               "real_relations_over_ner": round(stages["relations"] / stages["ner"], 3)}  # fmt: skip
    browser = html_check.find_browser()
    if browser is not None:  # graph.html in a real browser (Debian's chromium; absent on CI machines)
        page = html_check.check(work / "real-out" / "graph.html", browser, screenshot=work / "real-graph.png")
        results.update({"real_html_mb": round(page.page_bytes / 1e6, 2), "real_html_drawn_ms": page.drawn_ms,
                        "real_html_shows": page.shown})  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, help="folder of articles (default: generated)")
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--work", type=Path, default=Path("build/bench"))
    parser.add_argument("--articles", type=int, default=800, help="articles of the generated corpus")
    parser.add_argument("--sentences", type=int, default=20, help="sentences per generated article")
    parser.add_argument("--no-dask", action="store_true", help="skip the dask run")
    parser.add_argument(
        "--real", type=Path, default=Path("../shared/datasets/news/detik-2025"), help="a real corpus to run"
    )
    parser.add_argument("--shapes", action="store_true", help="also time the input shapes (long)")
    parser.add_argument("--big-mb", type=float, default=50.0, help="size of the large JSONL file (--shapes)")
    parser.add_argument("--only", choices=("core", "real", "shapes"), help="run one part alone")
    args = parser.parse_args(argv)

    work = args.work.resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    results: dict[str, object] = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    }
    if args.only in (None, "core"):
        results.update(core(args, work))
    if args.only in (None, "real") and args.real.is_dir():
        results.update(real_corpus(args.real, work))
    if args.only == "shapes" or (args.only is None and args.shapes):
        results.update(shapes(args.data / "text" / "indonesian-sentences.txt", work, args.big_mb))
    (work / "results.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")
    return 0


def core(args: argparse.Namespace, work: Path) -> dict[str, object]:
    """The main figures on the generated (or given) corpus: see the module docstring."""
    corpus = work / "corpus"
    if args.corpus:
        shutil.copytree(args.corpus, corpus)
    else:
        build_corpus(args.data / "text" / "indonesian-sentences.txt", corpus, args.articles, args.sentences)
    articles = len(list(corpus.iterdir()))
    tokens = conll_of(corpus, work / "corpus.conll")
    python = sys.executable

    bare = timed([python, "-m", "pipeline.ner", "tag", str(work / "corpus.conll")])
    full = timed(make_all(corpus, work / "out"))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rerun = timed(make_all(corpus, work / "out"))
    results: dict[str, object] = {
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
    return results


if __name__ == "__main__":
    raise SystemExit(main())
