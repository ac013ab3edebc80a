"""Each stage declares its inputs once: the caches, the Makefile and the import layering all follow it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import stages
from pipeline.stages import STAGES

ROOT = Path(__file__).resolve().parents[1]
RUNTIME = ROOT / "pipeline"
#: the order data flows in (design notes); a stage may import earlier stages, never later ones
ORDER = ("ingest", "stories", "ner", "normalise", "graph", "relations", "quotes", "export")


def relative(paths) -> set[str]:
    return {p.relative_to(ROOT).as_posix() for p in paths}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_modules() -> list[str]:
    files = sorted(RUNTIME.rglob("*.py"))
    return [module_name(p) for p in files if "training" not in p.relative_to(RUNTIME).parts]


# --- the declaration --------------------------------------------------------------------------------


def test_the_ner_stage_depends_on_its_own_code_and_the_iob_conversion():
    """The stale-cache bug: the NER cache key once hashed the model and the segmenter, not ner.py or conll.py."""
    code = relative(STAGES["ner"].code())
    assert {"pipeline/ner.py", "pipeline/conll.py", "pipeline/segment.py", "pipeline/schema.py"} <= code
    assert relative(STAGES["ner"].resources()) == {"pipeline/resources/abbreviations.txt"}


def test_the_relations_stage_depends_on_every_module_of_its_package():
    package = relative((RUNTIME / "relations").glob("*.py"))
    assert package <= relative(STAGES["relations"].code())
    assert "pipeline/resources/relations.csv" in relative(STAGES["relations"].resources())


@pytest.mark.parametrize("name", ["ner", "normalise", "relations"])
def test_every_declared_file_changes_the_cache_fingerprint(name, tmp_path, monkeypatch):
    """Flip one byte of any code or resource file of a cached stage: its cache key changes."""
    copy = tmp_path / "repo"
    shutil.copytree(RUNTIME, copy / "pipeline", ignore=shutil.ignore_patterns("models", "__pycache__"))
    monkeypatch.setattr(stages, "ROOT", copy)
    monkeypatch.setattr(stages, "PACKAGE", copy / "pipeline")
    stages.direct_imports.cache_clear()
    stage = STAGES[name]
    before = stage.fingerprint()
    for path in stage.files():
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert stage.fingerprint() != before, path
        path.write_bytes(original)
    assert stage.fingerprint() == before
    stages.direct_imports.cache_clear()


def test_a_resource_call_must_name_its_file_literally(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from pipeline.paths import resource\nNAME = 'x.txt'\nresource(NAME)\n")
    with pytest.raises(ValueError, match=r"m.py:3: resource\(\) takes one file name written as a literal"):
        stages.resource_names(module)


def test_every_resource_file_is_used_by_some_stage():
    used = {p.name for stage in STAGES.values() for p in stage.resources()}
    shipped = {p.name for p in (RUNTIME / "resources").iterdir()}
    assert shipped == used


# --- the Makefile follows the declaration -----------------------------------------------------------


def make_rules(tmp_path: Path) -> dict[str, set[str]]:
    """Target -> prerequisites, from make's own database (`make -p`), for OUT in a temporary folder."""
    done = subprocess.run(
        ["make", "-pnq", f"OUT={tmp_path}", "all"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    rules: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        match = re.match(r"^([^\s#:=][^:=]*?):{1,2}(?!=)\s*(.*)$", line)
        if match:
            prerequisites = match.group(2).replace("|", " ").split()
            rules.setdefault(match.group(1).strip(), set()).update(prerequisites)
    return rules


def test_every_makefile_rule_lists_exactly_the_declared_files(tmp_path):
    rules = make_rules(tmp_path)
    outputs = {
        "ingest": f"{tmp_path}/interim/articles.csv",
        "stories": f"{tmp_path}/duplicates.csv",
        "ner": f"{tmp_path}/interim/ner.csv",
        "normalise": f"{tmp_path}/mentions.csv",
        "graph": f"{tmp_path}/edges.csv",
        "export": f"{tmp_path}/graph.graphml",
        "relations": f"{tmp_path}/relations.csv",
        "quotes": f"{tmp_path}/quotes.csv",
    }
    assert set(outputs) == set(STAGES)
    for name, target in outputs.items():
        listed = {
            p for p in rules[target] if p.startswith("pipeline/") and not p.startswith("pipeline/models/")
        }
        assert listed == relative(STAGES[name].files()), name


def test_the_declaration_runs_without_the_venv():
    """The Makefile calls it with the system Python before `.venv` exists: standard library only."""
    done = subprocess.run(
        [sys.executable, "-S", "-s", "-E", "-m", "pipeline.stages"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "ner:pipeline/ner.py" in done.stdout.split()


# --- layering ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", runtime_modules())
def test_no_runtime_module_imports_the_training_package(module):
    assert not [m for m in stages.import_closure(module) if m.startswith("pipeline.training")]


@pytest.mark.parametrize("name", ORDER)
def test_no_stage_imports_a_later_stage(name):
    later = {STAGES[n].module for n in ORDER[ORDER.index(name) + 1 :]}
    assert not later & stages.import_closure(STAGES[name].module)


def test_benchmarks_live_outside_the_runtime_package():
    assert not (RUNTIME / "bench.py").exists()
    assert "benchmarks.bench" not in " ".join(runtime_modules())


# --- the stale-cache bug, end to end ----------------------------------------------------------------


@pytest.mark.slow
def test_editing_the_ner_code_invalidates_its_cache(tmp_path):
    """Drop ORG from NER_LABELS in a copy of the code: the warm cache must not return the old ORG spans."""
    copy = tmp_path / "repo"
    shutil.copytree(RUNTIME, copy / "pipeline", ignore=shutil.ignore_patterns("models", "__pycache__"))
    (copy / "pipeline" / "models").symlink_to(RUNTIME / "models")
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "000_d258bb2581b52854.txt", tmp_path / "seeds")

    def run(*args: str) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", *args], cwd=copy, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done

    run("pipeline.ingest", "--seeds", str(tmp_path / "seeds"), "--out", str(tmp_path / "articles.csv"))
    tag = (
        "pipeline.ner",
        "run",
        "--articles",
        str(tmp_path / "articles.csv"),
        "--cache",
        str(tmp_path / "c"),
    )

    run(*tag, "--out", str(tmp_path / "before.csv"), "--out-sentences", str(tmp_path / "s.csv"))
    assert ",ORG\n" in (tmp_path / "before.csv").read_text()
    ner = copy / "pipeline" / "ner.py"
    ner.write_text(
        ner.read_text().replace('NER_LABELS = ("PER", "LOC", "ORG")', 'NER_LABELS = ("PER", "LOC")')
    )
    done = run(*tag, "--out", str(tmp_path / "after.csv"), "--out-sentences", str(tmp_path / "s.csv"))
    assert "(1 tagged in this process, 0 cached)" in done.stderr
    assert ",ORG\n" not in (tmp_path / "after.csv").read_text()


# --- the scan store ---------------------------------------------------------------------------------


def test_a_module_is_parsed_once_until_its_bytes_change(tmp_path, monkeypatch):
    """What a module imports is kept with its bytes' digest: another process reads it without parsing,
    until the module changes."""
    module = tmp_path / "pipeline" / "m.py"
    module.parent.mkdir()
    module.write_text("from pipeline import schema\nfrom pipeline.paths import resource\nresource('a.txt')\n")
    first = stages.ScanStore(tmp_path)
    found = first.scan(module)
    assert found == stages.Scan(
        ((0, "pipeline", ("schema",)), (0, "pipeline.paths", ("resource",))), ("a.txt",)
    )
    first.save()

    def parse(path, source):
        raise AssertionError(f"{path} parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(stages, "read_source", parse)
        assert stages.ScanStore(tmp_path).scan(module) == found
    module.write_text("import json\n")
    assert stages.ScanStore(tmp_path).scan(module) == stages.Scan(((0, None, ("json",)),), ())


def test_an_unreadable_scan_store_costs_only_the_parse(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from . import cli\n")
    (tmp_path / stages.SCANS).parent.mkdir()
    (tmp_path / stages.SCANS).write_text("{not json")
    assert stages.ScanStore(tmp_path).scan(module).imports == ((1, None, ("cli",)),)
