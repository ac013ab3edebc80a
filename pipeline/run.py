"""Every stage of ``make all`` in one Python process, each only when make would re-run it.

Why one process: adding one article to a corpus re-runs every stage after ingest, and as eight processes
that re-run spent more time importing modules (pandas in each, torch and stanza twice) and starting up than
on its work ([docs/scale.md](../docs/scale.md)). Here each module is imported once, each stage's ``main``
is called with the command line the Makefile used to give it, and the process ends with
:func:`pipeline.cli.finish`.

A stage runs when make would run its rule: when one of its outputs is missing or older than one of its
inputs, checked right before it would run (so a table rewritten by an earlier stage re-runs the stages that
read it). Its inputs are the tables it reads, the seed files and folder (ingest), the model files (ner,
relations), the alias table (normalise), the period stamp (graph), and its code and resource files as
:mod:`pipeline.stages` declares them. The Makefile keeps a rule per stage with the same prerequisites, for
targets that need one output (``make notebooks``); a test checks that both agree. A stage that fails stops
the run with its exit status; what earlier stages wrote stays (every file is written atomically).

Example::

    python -m pipeline.run --seeds seeds --out data      # what `make all` runs
"""

from __future__ import annotations

import argparse
import glob
import importlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pipeline import cli
from pipeline.paths import MODELS_DIR
from pipeline.stages import STAGES, module_file

#: the files of the ``--model`` folder each stage reads (``*`` as in make's ``$(wildcard)``): the
#: Makefile's MODEL_FILES and PARSER_FILES
MODEL_FILES = {
    "ner": ("id_ner.pt", "id_pretrain.pt", "resources.json", "id_*_charlm.pt"),
    "relations": ("id_pos.pt", "id_depparse.pt", "id_pretrain.pt"),
}


@dataclass(frozen=True)
class Step:
    """One stage in a run: what it writes, what it reads besides its own files, and its command line."""

    stage: str
    outputs: tuple[Path, ...]
    reads: tuple[Path, ...]
    argv: tuple[str, ...]

    def inputs(self) -> list[Path]:
        """Everything whose change re-runs the stage: what it reads, its code and its resource files."""
        return [*self.reads, *STAGES[self.stage].files()]


def matching(folder: Path, names: Iterable[str]) -> list[Path]:
    """``folder/name`` for each name; a name with ``*`` gives the existing files it matches, sorted (make's
    ``$(wildcard)``), so an optional file (a character language model) counts only where it exists."""
    paths: list[Path] = []
    for name in names:
        if "*" in name:
            paths.extend(Path(p) for p in sorted(glob.glob(os.path.join(glob.escape(str(folder)), name))))
        else:
            paths.append(folder / name)
    return paths


def period_stamp(interim: Path, period: str) -> Path:
    """The empty file ``interim/period.PERIOD``, created (and any other period's removed) when missing.

    Why: the period is a parameter of the graph stage, not a file; a new stamp is newer than the graph's
    outputs, so changing ``--period`` re-runs the graph stage, as the Makefile's stamp rule does.
    """
    stamp = interim / f"period.{period}"
    if not stamp.exists():
        interim.mkdir(parents=True, exist_ok=True)
        for old in interim.glob("period.*"):
            old.unlink()
        stamp.touch()
    return stamp


def plan(args: argparse.Namespace) -> list[Step]:
    """The stages in the order make runs them for ``all``, with the Makefile's paths and arguments (the
    period stamp is made here, before any stage runs; make makes it just before the graph stage, to the same
    effect)."""
    out, model = args.out, args.model
    interim = out / "interim"
    articles, ner, sentences = interim / "articles.csv", interim / "ner.csv", interim / "sentences.csv"
    mentions, entities, duplicates = out / "mentions.csv", out / "entities.csv", out / "duplicates.csv"
    edges, quotes = out / "edges.csv", out / "quotes.csv"
    graph = (edges, out / "edges_by_period.csv", out / "cooccurrences.csv")
    scheduler = ("--scheduler", args.scheduler) if args.scheduler else ()
    steps = [
        ("ingest", (articles,), (*matching(args.seeds, ["*"]), args.seeds),
         ("--seeds", args.seeds, "--out", articles)),
        ("ner", (ner, sentences), (articles, *matching(model, MODEL_FILES["ner"])),
         ("--model", model, "run", "--articles", articles, "--out", ner, "--out-sentences", sentences,
          "--cache", interim / "ner-cache", "--executor", args.executor, *scheduler)),
        ("normalise", (mentions, entities, out / "resolution.csv"), (articles, ner, sentences, args.aliases),
         ("--articles", articles, "--sentences", sentences, "--ner", ner, "--aliases", args.aliases,
          "--out", out, "--cache", interim / "normalise-cache")),
        ("stories", (duplicates,), (articles,),
         ("--articles", articles, "--out", duplicates, "--cache", interim / "stories-cache")),
        ("graph", graph, (mentions, articles, duplicates, period_stamp(interim, args.period)),
         ("--mentions", mentions, "--articles", articles, "--duplicates", duplicates,
          "--period", args.period, "--out", out)),
        ("quotes", (quotes,), (mentions, articles, sentences),
         ("--articles", articles, "--sentences", sentences, "--mentions", mentions, "--out", out,
          "--cache", interim / "quotes-cache")),
        ("export", (out / "graph.graphml",), (entities, *graph, quotes, articles, sentences),
         ("--entities", entities, "--edges", edges, "--cooccurrences", out / "cooccurrences.csv",
          "--articles", articles, "--sentences", sentences, "--quotes", quotes, "--out", out)),
        ("relations", (out / "relations.csv", out / "relations.graphml"),
         (mentions, entities, articles, sentences, *matching(model, MODEL_FILES["relations"])),
         ("--articles", articles, "--sentences", sentences, "--mentions", mentions, "--entities", entities,
          "--parser", model, "--out", out, "--cache", interim / "relations-cache")),
    ]  # fmt: skip
    return [Step(stage, outputs, reads, tuple(str(a) for a in argv)) for stage, outputs, reads, argv in steps]


def out_of_date(outputs: Iterable[Path], inputs: Iterable[Path]) -> bool:
    """make's rule: an output is missing, or an input was modified after the oldest output.

    An input that does not exist (make would stop: "no rule to make target") runs the stage, whose one-line
    error names the file.
    """
    try:
        oldest = min(path.stat().st_mtime_ns for path in outputs)
    except FileNotFoundError:
        return True
    for path in inputs:
        try:
            if path.stat().st_mtime_ns > oldest:
                return True
        except FileNotFoundError:
            return True
    return False


def entry(stage: str) -> Callable[[Sequence[str]], int]:
    """The ``main`` that ``python -m <module>`` calls for a stage (a package's ``__main__`` imports it)."""
    module = STAGES[stage].module
    if module_file(module).name == "__init__.py":
        module += ".__main__"
    return importlib.import_module(module).main


def run(steps: Iterable[Step]) -> int:
    """Run each out-of-date step in order; the first non-zero exit status stops the run and is returned."""
    for step in steps:
        if out_of_date(step.outputs, step.inputs()):
            status = entry(step.stage)(list(step.argv))
            if status:
                return status
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.run", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="the input folder")
    parser.add_argument("--out", type=Path, default=Path("data"), help="the output folder")
    parser.add_argument("--aliases", type=Path, default=Path("data/aliases.csv"), help="the alias table")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="the NER model and parser folder")
    parser.add_argument("--executor", default="local", help="where tagging runs: local or dask")
    parser.add_argument("--scheduler", help="dask scheduler address tcp://host:port (with --executor dask)")
    parser.add_argument("--period", default="week", help="the period of edges_by_period.csv")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run what is out of date; 0 when every stage is up to date or ran, else the failing stage's status."""
    return run(plan(_parser().parse_args(argv)))


if __name__ == "__main__":
    cli.finish(main())
