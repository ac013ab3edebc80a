"""The one-process driver (`make all`): it runs exactly what make's rules would, stages that do not depend on
each other at the same time, and stops at a failing stage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from test_stages import make_rules

from pipeline import run

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["ingest", "ner", "normalise", "stories", "graph", "quotes", "export", "relations"]
STAGE_LINE = re.compile(r"^(\w+): .* in \d+(?:\.\d+)? s$", re.MULTILINE)
#: the outputs that `make all` used to ask make for; their rules cover every stage
FINAL = ("graph.graphml", "relations.csv", "quotes.csv")


@pytest.fixture(scope="module")
def built(seed_outputs, tmp_path_factory) -> Path:
    """The seeds, the alias table and the session's outputs on them, copied once with their times kept."""
    folder = tmp_path_factory.mktemp("run")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    shutil.copy2(ROOT / "data" / "aliases.csv", folder / "aliases.csv")
    shutil.copytree(seed_outputs, folder / "out")
    return folder


@pytest.fixture
def work(built, tmp_path) -> Path:
    """A copy of ``built`` of this test's own (``copytree`` keeps the times, so it is up to date)."""
    shutil.copytree(built, tmp_path / "work")
    return tmp_path / "work"


def drive(work: Path, *options: str) -> subprocess.CompletedProcess:
    """``python -m pipeline.run`` on ``work``, as `make all` calls it."""
    paths = {"--seeds": work / "seeds", "--out": work / "out", "--aliases": work / "aliases.csv"}
    command = [sys.executable, "-m", "pipeline.run", *(str(a) for pair in paths.items() for a in pair)]
    return subprocess.run([*command, *options], cwd=ROOT, capture_output=True, text=True)


def stages_make_would_run(work: Path) -> list[str]:
    """The stages whose rules `make -n` would run for the final outputs, in its order.

    Only where ingest's output is out of date: with ``-n``, GNU make 4.3 does not count the outputs of a
    grouped rule (``mentions.csv entities.csv resolution.csv &:``) as remade, so a change that starts at one
    would list that stage alone.
    """
    variables = [f"SEEDS={work / 'seeds'}", f"OUT={work / 'out'}", f"ALIASES={work / 'aliases.csv'}"]
    targets = [str(work / "out" / name) for name in FINAL]
    done = subprocess.run(["make", "-n", *variables, *targets], cwd=ROOT, capture_output=True, text=True)
    return re.findall(r"-m pipeline\.(\w+)", done.stdout)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and modification time."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_second_run_with_nothing_changed_runs_no_stage(work):
    before = snapshot(work / "out")
    done = drive(work)
    assert done.returncode == 0, done.stderr
    assert STAGE_LINE.findall(done.stderr) == []
    assert snapshot(work / "out") == before


def test_a_touched_seed_reruns_every_stage_after_ingest_from_the_caches(work):
    contents = {name: data for name, (data, _) in snapshot(work / "out").items() if "/" not in name}
    os.utime(work / "seeds" / "000_d258bb2581b52854.txt")
    assert stages_make_would_run(work) == ORDER
    done = drive(work)
    assert done.returncode == 0, done.stderr
    assert sorted(STAGE_LINE.findall(done.stderr)) == sorted(ORDER)
    said = {line.split(":")[0]: line for line in done.stderr.splitlines()}
    assert "(0 tagged, 5 cached)" in said["ner"]
    assert "0 articles normalised, 5 cached" in said["normalise"]
    assert "0 signatures computed, 5 cached" in said["stories"]
    assert "0 articles read, 5 cached" in said["quotes"] and "0 articles read, 5 cached" in said["relations"]
    assert {name: data for name, (data, _) in snapshot(work / "out").items() if "/" not in name} == contents


def test_a_changed_alias_table_reruns_normalise_and_what_follows_it_but_not_ner(work):
    with open(work / "aliases.csv", "a", encoding="utf-8") as handle:
        handle.write("Negeri Antah Berantah,Antah Berantah,COUNTRY,\n")
    done = drive(work)
    assert done.returncode == 0, done.stderr
    assert sorted(STAGE_LINE.findall(done.stderr)) == ["export", "graph", "normalise", "quotes", "relations"]
    assert drive(work).stderr == ""


def test_another_period_reruns_the_graph_and_what_follows_it_once(work):
    done = drive(work, "--period", "month")
    assert done.returncode == 0, done.stderr
    assert STAGE_LINE.findall(done.stderr) == ["graph", "export"]
    assert [p.name for p in (work / "out" / "interim").glob("period.*")] == ["period.month"]
    assert drive(work, "--period", "month").stderr == ""


def test_a_failing_stage_stops_the_run_with_status_2_and_leaves_the_outputs(work):
    aliases = work / "aliases.csv"
    aliases.write_text("alias,canonical,type,qid\nMars,Mars,PLANET,\n", encoding="utf-8")
    before = snapshot(work / "out")
    done = drive(work)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"normalise: error: {aliases}:2: type 'PLANET'")
    assert snapshot(work / "out") == before


def test_each_stage_reads_what_its_makefile_rule_lists(tmp_path):
    """Same prerequisites as make's per-stage rules (which `make notebooks` uses), the venv stamp aside."""
    rules = make_rules(tmp_path)
    steps = run.plan(run._parser().parse_args(["--out", str(tmp_path), "--model", "pipeline/models"]))
    assert [step.stage for step in steps] == ORDER
    for step in steps:
        inputs = {os.path.relpath(ROOT / p, ROOT) for p in step.inputs()}
        for output in step.outputs:
            listed = {p for p in rules[str(output)] if not p.startswith(".venv/")}
            assert inputs == {os.path.relpath(ROOT / p, ROOT) for p in listed}, output


def contents(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the caches too), by name: its bytes."""
    return {name: data for name, (data, _) in snapshot(folder).items()}


def test_stages_run_together_write_the_same_bytes_as_one_at_a_time(work):
    """From an empty output folder, then after adding an article (a seed of its own), with and without
    concurrency (``--jobs 2`` forks even on one core)."""
    outs = {jobs: work / f"out-{jobs}" for jobs in (1, 2)}
    for jobs, out in outs.items():
        done = drive(work, "--out", str(out), "--jobs", str(jobs))
        assert done.returncode == 0, done.stderr
    assert contents(outs[1]) == contents(outs[2])
    first = work / "seeds" / "000_d258bb2581b52854.txt"
    (work / "seeds" / "zz_added.txt").write_text("Tambahan: " + first.read_text(encoding="utf-8"), "utf-8")
    for jobs, out in outs.items():
        done = drive(work, "--out", str(out), "--jobs", str(jobs))
        assert done.returncode == 0, done.stderr
        assert "6 articles" in done.stderr
    assert contents(outs[1]) == contents(outs[2])


def steps_of(folder: Path) -> list[run.Step]:
    """The driver's steps for an output folder (the period stamp is made there)."""
    return run.plan(run._parser().parse_args(["--out", str(folder), "--model", "pipeline/models"]))


def test_a_step_needs_the_earlier_steps_whose_outputs_it_reads_and_torch_stays_in_the_driver(tmp_path):
    steps = steps_of(tmp_path)
    assert run.dependencies(steps) == {
        "ingest": set(),
        "ner": {"ingest"},
        "normalise": {"ingest", "ner"},
        "stories": {"ingest"},
        "graph": {"ingest", "normalise", "stories"},
        "quotes": {"ingest", "ner", "normalise"},
        "export": {"ingest", "ner", "normalise", "graph", "quotes"},
        "relations": {"ingest", "ner", "normalise"},
    }
    assert {step.stage for step in steps if not step.forkable} == set(run.MODEL_FILES) == {"ner", "relations"}


def rounds(steps: Sequence[run.Step], jobs: int) -> list[list[str]]:
    """What :func:`run.startable` starts together when every stage takes the same time: the stages of each
    round, the ones started in a round ending before the next."""
    needs, finished, started = run.dependencies(steps), set(), []
    while batch := run.startable(steps, needs, finished, [], jobs):
        started.append([step.stage for step in batch])
        finished.update(started[-1])
    return started


def test_what_runs_together_is_what_the_dependencies_allow(tmp_path):
    steps = steps_of(tmp_path)
    # stories while ner tags; graph and quotes, then export while relations parses
    together = [["ingest"], ["stories", "ner"], ["normalise"], ["graph", "quotes"], ["export", "relations"]]
    assert rounds(steps, 2) == rounds(steps, 3) == together
    by_name = {step.stage: step for step in steps}
    needs, done = run.dependencies(steps), {"ingest", "ner", "stories", "normalise"}
    # the driver holds relations back while export waits only on running stages: it forks nothing meanwhile
    for running in (["graph", "quotes"], ["graph"], ["quotes"]):
        ended = done | ({"graph", "quotes"} - set(running))
        assert run.startable(steps, needs, ended, [by_name[s] for s in running], 3) == []


def test_every_order_of_ending_runs_each_stage_once_after_what_it_needs(tmp_path):
    """Whichever running stage ends first, at most ``jobs`` run, the driver runs one torch stage at a time,
    and every stage starts once, after the stages it needs."""
    steps = steps_of(tmp_path)
    needs = run.dependencies(steps)
    for jobs in (2, 3):
        todo = [(frozenset(), ())]
        while todo:
            finished, running = todo.pop()
            batch = run.startable(steps, needs, set(finished), running, jobs)
            now = (*running, *batch)
            assert len(now) <= jobs and sum(not step.forkable for step in now) <= 1
            assert all(needs[step.stage] <= finished for step in batch)
            assert not {step.stage for step in batch} & {*finished, *(step.stage for step in running)}
            if not now:
                assert finished == set(ORDER)
            todo.extend((finished | {step.stage}, tuple(s for s in now if s != step)) for step in now)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="stages run side by side only where os.fork exists")
def test_a_failing_stage_in_a_child_ends_the_run_with_its_status_and_nothing_starts_after_it(
    tmp_path, monkeypatch, capfd
):
    """stories fails (an exception) in its child while ner runs in the driver: normalise, which needs only
    ner, does not start; the run's status is the child's, its traceback on standard error."""
    ran = tmp_path / "ran"
    ran.mkdir()

    def stage(name: str) -> Callable[[Sequence[str]], int]:
        def main(argv: Sequence[str]) -> int:
            (ran / name).touch()  # a file: most stages run in a child
            if name == "stories":
                raise RuntimeError("stories broke")
            if name == "ner":  # until the stories child has ended (left for the driver to collect)
                while os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
                    time.sleep(0.01)
            return 0

        return main

    monkeypatch.setattr(run, "entry", stage)
    assert run.run(steps_of(tmp_path / "out"), jobs=2) == 1
    assert sorted(p.name for p in ran.iterdir()) == ["ingest", "ner", "stories"]
    assert "RuntimeError: stories broke" in capfd.readouterr().err


def test_one_job_runs_the_stages_in_this_process_in_make_order(tmp_path, monkeypatch):
    called: list[str] = []
    monkeypatch.setattr(run, "entry", lambda name: lambda argv: called.append(name) or 0)
    assert run.run(steps_of(tmp_path), jobs=1) == 0
    assert called == ORDER


def up_to_date_steps(folder: Path) -> list[run.Step]:
    """The steps of a run on the seeds whose outputs all exist and are newer than every input."""
    options = ["--seeds", ROOT / "seeds", "--out", folder, "--model", ROOT / "pipeline" / "models"]
    steps = run.plan(
        run._parser().parse_args([*map(str, options), "--aliases", str(ROOT / "data/aliases.csv")])
    )
    later = time.time() + 3600
    for path in (path for step in steps for path in step.outputs):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
        os.utime(path, (later, later))
    return steps


def test_the_driver_imports_ahead_only_what_will_run_in_order(tmp_path, monkeypatch):
    """While children run, the driver imports the modules of the steps to come, one step per call: with
    stories running, graph and export (which read its output, directly or not), and nothing when nothing
    will run; a module that cannot be imported is left for its stage to report when it runs."""
    steps = up_to_date_steps(tmp_path)
    by_name, needs = {step.stage: step for step in steps}, run.dependencies(steps)
    imported: list[str] = []
    monkeypatch.setattr(run, "entry", lambda name: imported.append(name))
    monkeypatch.setattr(run, "PRELOAD", {"graph": ("json", "kabar_no_such_module")})  # left for the stage
    assert not run.import_ahead(steps, needs, set(), [], set())
    done: set[str] = set()
    while run.import_ahead(steps, needs, {"ingest", "ner", "normalise"}, [by_name["stories"]], done):
        pass
    assert imported == ["graph", "export"] and done == {"graph", "export"}
    imported.clear()
    assert not run.import_ahead(steps, needs, set(), [by_name["stories"]], done)
    assert imported == []
