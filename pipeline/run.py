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
targets that need one output (``make notebooks``); a test checks that both agree.

Stages that do not depend on each other run at the same time, up to ``--jobs`` (default: the number of
cores), as ``make -j`` would: a stage depends on the earlier stages whose outputs it reads, so stories runs
while ner tags, graph beside quotes, and export while relations parses. A stage that may run beside another
runs in a child made with :func:`os.fork`, which shares every module the driver has imported; the stages
that run torch (ner, relations) always run in the driver itself (:attr:`Step.forkable`). While children
run, the driver imports the modules of the stages to come (:func:`import_ahead`: torch while ingest runs).
With one job, or where there is no ``fork``, the stages run one after another in make's order. The outputs
are the same bytes either way.

A stage that fails stops the run with its exit status: the stages already running finish, none starts
after it; what the stages wrote stays (every file is written atomically).

Example::

    python -m pipeline.run --seeds seeds --out data      # what `make all` runs
    python -m pipeline.run --seeds seeds --out data --jobs 1      # one stage at a time
"""

from __future__ import annotations

import argparse
import gc
import glob
import importlib
import io
import os
import sys
import time
import traceback
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TextIO

from pipeline import cli
from pipeline.paths import MODELS_DIR
from pipeline.stages import STAGES, module_file

#: the files of the ``--model`` folder each stage reads (``*`` as in make's ``$(wildcard)``): the
#: Makefile's MODEL_FILES and PARSER_FILES
MODEL_FILES = {
    "ner": ("id_ner.pt", "id_pretrain.pt", "resources.json", "id_*_charlm.pt"),
    "relations": ("id_pos.pt", "id_depparse.pt", "id_pretrain.pt"),
}

#: the slow imports of the stages the driver runs itself (torch 1.3 s, stanza 0.4 s), done ahead
#: (:func:`import_ahead`)
PRELOAD = {"ner": ("torch", "stanza"), "relations": ("torch", "stanza")}


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

    @property
    def forkable(self) -> bool:
        """Whether the stage may run in a forked child: not when it reads model files (:data:`MODEL_FILES`).

        Why: the stages that read model files run them with torch, and torch's OpenMP thread pool does not
        survive a fork: a child that runs torch after the driver has started those threads (ner, in the
        driver) can wait forever on a thread the child does not have. So they run in the driver itself.
        """
        return self.stage not in MODEL_FILES


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


def dependencies(steps: Sequence[Step]) -> dict[str, frozenset[str]]:
    """Each step's earlier steps whose outputs it reads: make's prerequisites between the rules."""
    maker: dict[Path, str] = {}
    needs: dict[str, frozenset[str]] = {}
    for step in steps:
        needs[step.stage] = frozenset(maker[path] for path in step.reads if path in maker)
        maker.update(dict.fromkeys(step.outputs, step.stage))
    return needs


def startable(
    steps: Sequence[Step],
    needs: dict[str, frozenset[str]],
    finished: set[str],
    running: Collection[Step],
    jobs: int,
) -> list[Step]:
    """The steps to start now: those not started whose needed steps have finished, in make's order, no more
    than ``jobs`` running in all; the forkable ones first, then at most one the driver runs itself.

    The driver's own step is held back while a forkable step waits on nothing but running steps. Why: the
    driver forks nothing until its own step ends, so that step would wait for it too: export for the 14 s
    of relations' parsing, when graph and quotes end a second later.
    """
    started = {*finished, *(step.stage for step in running)}
    ready = [step for step in steps if step.stage not in started and needs[step.stage] <= finished]
    free = jobs - len(running)
    chosen = [step for step in ready if step.forkable][:free]
    if len(chosen) == free or not all(step.forkable for step in running):
        return chosen
    soon = started | {step.stage for step in chosen}
    if any(step.forkable and needs[step.stage] <= soon for step in steps if step.stage not in soon):
        return chosen
    return chosen + [step for step in ready if not step.forkable][:1]


def run(steps: Sequence[Step], jobs: int = 1) -> int:
    """Run each out-of-date step, up to ``jobs`` at once; 0, or the first non-zero exit status."""
    if jobs < 2 or not hasattr(os, "fork"):
        return run_in_order(steps)
    return run_concurrently(steps, jobs)


def run_in_order(steps: Iterable[Step]) -> int:
    """Run each out-of-date step in order; the first non-zero exit status stops the run and is returned."""
    for step in steps:
        if out_of_date(step.outputs, step.inputs()):
            status = entry(step.stage)(list(step.argv))
            if status:
                return status
    return 0


def run_concurrently(steps: Sequence[Step], jobs: int) -> int:
    """Run each out-of-date step once the steps it needs have finished, up to ``jobs`` at once (forkable
    ones in children, the others in this process); after a failure none starts and the running ones finish.

    Returns 0, or the first non-zero exit status.
    """
    needs = dependencies(steps)
    finished: set[str] = set()
    imported: set[str] = set()
    children: dict[int, Step] = {}
    with whole_lines(sys.stderr):
        try:
            status = 0
            while not status:
                batch = startable(steps, needs, finished, list(children.values()), jobs)
                if not batch and not children:
                    return 0
                for step in batch:  # the children first: the driver's own step blocks until it ends
                    status = status or _start(step, finished, children)
                ahead = (
                    not status
                    and children
                    and all(step.forkable for step in batch)
                    and import_ahead(steps, needs, finished, children.values(), imported)
                )
                status = status or _reap(children, finished, block=not batch and not ahead)
            return status
        finally:
            while children:
                _reap(children, finished, block=True)


def import_ahead(
    steps: Sequence[Step],
    needs: dict[str, frozenset[str]],
    finished: set[str],
    running: Iterable[Step],
    imported: set[str],
) -> bool:
    """Import the modules of the first step that will run and whose modules are not imported yet (its
    :func:`entry` and its :data:`PRELOAD` modules); whether there was one.

    Why: a re-run after adding one article is a chain of stages, each waiting for the one before, while
    the driver waits idle for the child running the current one. Imports done then are off the chain:
    torch and stanza (1.7 s) while ingest runs, export's networkx and scipy (0.3 s) while normalise does.
    One step at a time, so that the driver soon looks again at the children. A step will run when it is
    out of date now, or reads what a running step or another step that will run writes; a run with
    nothing to do imports nothing. Importing changes no step's result, only when its time is spent.
    """
    coming = {step.stage for step in running}
    for step in steps:
        if step.stage in coming or step.stage in finished:
            continue
        if needs[step.stage] & coming or out_of_date(step.outputs, step.inputs()):
            coming.add(step.stage)
            if step.stage not in imported:
                imported.add(step.stage)
                try:
                    entry(step.stage)
                    for module in PRELOAD.get(step.stage, ()):
                        importlib.import_module(module)
                except ImportError:  # the stage reports it when it runs, as it would have without this
                    pass
                return True
    return False


@contextmanager
def whole_lines(stream: TextIO) -> Iterator[None]:
    """``stream`` written one whole line per write while stages run side by side; then as it was.

    Why: standard error, when not a terminal, writes through: ``print`` hands a line's text and its newline
    to the system in two writes, and a line another stage wrote between them would land inside it. Line
    buffering without writing through makes each line one write (a pipe keeps up to 4 KiB in one piece).
    """
    if not isinstance(stream, io.TextIOWrapper):  # replaced by something that buffers in its own way
        yield
        return
    before = {"line_buffering": stream.line_buffering, "write_through": stream.write_through}
    stream.reconfigure(line_buffering=True, write_through=False)
    try:
        yield
    finally:
        stream.reconfigure(**before)


def _start(step: Step, finished: set[str], children: dict[int, Step]) -> int:
    """Start a step: skip it if up to date, fork it into ``children`` or run it here; its status so far."""
    if not out_of_date(step.outputs, step.inputs()):
        finished.add(step.stage)
        return 0
    main = entry(step.stage)  # imported here, before the fork: later children and the driver share it
    if step.forkable:
        children[_fork(main, step.argv)] = step
        return 0
    status = main(list(step.argv))
    if not status:
        finished.add(step.stage)
    return status


def _fork(main: Callable[[Sequence[str]], int], argv: Sequence[str]) -> int:
    """Run ``main(argv)`` in a child process; its process id."""
    sys.stdout.flush()  # else the child would write again what the driver had buffered
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(main, argv)
    return pid


def _child(main: Callable[[Sequence[str]], int], argv: Sequence[str]) -> NoReturn:
    """Run a stage in the child and end the child with its status, whatever happens.

    Why ``os._exit``: the child must never return into the driver's loop, nor run the driver's exit
    handlers or tear down the driver's modules (:func:`pipeline.cli.finish`). An exception is a bug: its
    traceback goes to standard error and the status is 1, as an uncaught exception would give. Why
    :func:`gc.freeze`: the child's garbage collections would otherwise walk every object the driver had
    made (the NER model's among them) and copy each memory page they touch; none of those objects becomes
    the child's garbage before it ends.
    """
    status = 1
    try:
        gc.freeze()
        status = main(list(argv))
    except SystemExit as stop:  # the stage's argument parser refused its command line
        status = _exit_status(stop)
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def _exit_status(stop: SystemExit) -> int:
    """The status Python gives for an uncaught ``SystemExit``: its code, 0 for none, else 1 (the code is
    printed).

        >>> _exit_status(SystemExit(2)), _exit_status(SystemExit())
        (2, 0)
    """
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=sys.stderr)
    return 1


#: seconds between two looks at the children while waiting for one to end
POLL_S = 0.005


def _reap(children: dict[int, Step], finished: set[str], block: bool) -> int:
    """Collect the children that have ended (with ``block``, wait until one has): a stage whose child ended
    with 0 is finished; the first non-zero status is returned (a signal N as a shell reports it, 128 + N).

    Why it polls each child's id rather than waiting for any child: a wait for any child could collect a
    process this one did not start (dask's workers, a test runner's), which its owner would then miss.
    """
    while True:
        status, ended = 0, False
        for pid in list(children):
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if not done:
                continue
            ended, step = True, children.pop(pid)
            code = os.waitstatus_to_exitcode(wait_status)
            if code == 0:
                finished.add(step.stage)
            elif not status:
                status = code if code > 0 else 128 - code
        if ended or not block or not children:
            return status
        time.sleep(POLL_S)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline.run", description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="the input folder")
    parser.add_argument("--out", type=Path, default=Path("data"), help="the output folder")
    parser.add_argument("--aliases", type=Path, default=Path("data/aliases.csv"), help="the alias table")
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="the NER model and parser folder")
    parser.add_argument("--executor", default="local", help="where tagging runs: local or dask")
    parser.add_argument("--scheduler", help="dask scheduler address tcp://host:port (with --executor dask)")
    parser.add_argument("--period", default="week", help="the period of edges_by_period.csv")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="how many stages may run at once (default: the number of cores; 1: one after another)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run what is out of date; 0 when every stage is up to date or ran, else the failing stage's status."""
    args = _parser().parse_args(argv)
    return run(plan(args), args.jobs)


if __name__ == "__main__":
    cli.finish(main())
