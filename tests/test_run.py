"""The one-process driver (`make all`): it runs exactly what make's rules would, and stops at a failing stage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
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
    assert STAGE_LINE.findall(done.stderr) == ORDER
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
    assert STAGE_LINE.findall(done.stderr) == ["normalise", "graph", "quotes", "export", "relations"]
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
