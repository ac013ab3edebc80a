"""The notebooks run top to bottom on the pipeline's outputs (the HTML view is tested in test_html_view.py).

The notebooks are executed (nbclient, the venv's own Python as kernel) on a copy of ``data/`` in a temporary
folder, so the test never writes into ``data/``; the committed notebooks must carry no outputs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbclient import NotebookClient

from pipeline import schema

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
DATA = ROOT / "data"
OUTPUTS = [
    "mentions.csv",
    "entities.csv",
    "resolution.csv",
    "edges.csv",
    "edges_by_period.csv",
    "graph.graphml",
    "quotes.csv",
]
# the article dates: not committed (data/interim/ is ignored), so copied only where `make all` left them; the
# timeline notebook reads an undated corpus the same from its final tables alone
ARTICLES = "interim/articles.csv"
TIMELINE = ["timeline-entities.png", "timeline-pairs.png", "timeline-change.png"]
FIGURES = {
    "01-explore-entities.ipynb": ["top-entities.png", "mentions-per-article.png"],
    # ego-*.png: Vladimir Putin's ego network, or that of the best-linked person if he is not in the data
    "02-network.ipynb": ["network.png", "ego-*.png", "centrality.png", "communities.png"],
    # on undated articles (the seeds) each says "No dated articles" instead of drawing a timeline
    "03-timeline.ipynb": TIMELINE,
}


def test_every_notebook_is_listed():
    assert [p.name for p in NOTEBOOKS] == list(FIGURES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]
        assert "execution" not in cell.metadata


def test_nbstripout_would_change_nothing():
    """The committed files are what nbstripout makes of them, so a diff shows only edited sources."""
    result = subprocess.run(
        [sys.executable, "-m", "nbstripout", "--verify", *map(str, NOTEBOOKS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _copied() -> list[str]:
    """The files of data/ the notebooks are run on."""
    return [*OUTPUTS, ARTICLES] if (DATA / ARTICLES).exists() else OUTPUTS


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """The real outputs copied to tmp_path/data, the notebooks pointed at them, the venv's Python as kernel."""
    missing = [name for name in OUTPUTS if not (DATA / name).exists()]
    if missing:
        pytest.skip(f"run `make all` first: data/ lacks {', '.join(missing)}")
    data = tmp_path / "data"
    (data / "interim").mkdir(parents=True)
    for name in _copied():
        shutil.copy(DATA / name, data / name)
    # a kernelspec of our own comes first on JUPYTER_PATH, so a user-wide "python3" kernel cannot take over
    spec = tmp_path / "jupyter" / "kernels" / "python3"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "venv", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    # the kernel runs in tmp_path, not notebooks/: the repository on its path for `pipeline.backbone`
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("KABAR_DATA", str(data))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    return data


def _execute(path: Path, folder: Path) -> nbformat.NotebookNode:
    """Run the notebook at `path` top to bottom in a fresh kernel started in `folder`; return it run."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(folder)}}
    )
    client.execute()  # raises CellExecutionError, with the failing cell and traceback, on any error
    return nb


def _printed(nb: nbformat.NotebookNode) -> str:
    """What the cells of a run notebook printed (stdout), in order."""
    return "".join(
        output.get("text", "") for cell in nb.cells if cell.cell_type == "code" for output in cell.outputs
    )


def _figures(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.png"))}


def _differing(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in one.keys() | other.keys() if one.get(name) != other.get(name))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_and_saves_its_figures(path, data_copy, tmp_path):
    _execute(path, tmp_path)
    for pattern in FIGURES[path.name]:
        figures = list((data_copy / "figures").glob(pattern))
        assert len(figures) == 1 and figures[0].read_bytes().startswith(b"\x89PNG"), pattern
    # the notebook wrote its figures and nothing else
    written = sorted(p.relative_to(data_copy).as_posix() for p in data_copy.rglob("*") if p.is_file())
    assert [name for name in written if not name.startswith("figures/")] == sorted(_copied())


def test_timeline_says_when_the_articles_have_no_dates(data_copy, tmp_path):
    """The seed articles carry no dates: the timeline says so in its output and in each of its figures (still
    written, so `make notebooks` works on the seeds), and draws nothing."""
    printed = _printed(_execute(ROOT / "notebooks" / "03-timeline.ipynb", tmp_path))
    assert "NO DATED ARTICLES" in printed and "nothing to compare" in printed
    for name in TIMELINE:
        assert (data_copy / "figures" / name).read_bytes().startswith(b"\x89PNG"), name


#: the seed articles spread over three ISO weeks: 2025-W41 (two), W42 (one) and W43 (two); times are ignored
DAYS = ["2025-10-06T08:00", "2025-10-08", "2025-10-14T20:43", "2025-10-21", "2025-10-23"]


@pytest.fixture
def dated_copy(data_copy):
    """The copy of data/ with dated articles: an interim/articles.csv giving each article of mentions.csv a
    day of DAYS (by sorted id), and the graph stage re-run on it, so edges_by_period.csv has rows."""
    ids = sorted(set(pd.read_csv(data_copy / "mentions.csv", dtype=str)["article"]))
    articles = pd.DataFrame({column: "" for column in schema.ARTICLES}, index=range(len(ids)))
    articles["id"], articles["date"] = ids, [DAYS[i % len(DAYS)] for i in range(len(ids))]
    articles.to_csv(data_copy / ARTICLES, index=False)
    shutil.copy(DATA / "duplicates.csv", data_copy / "duplicates.csv")  # the seeds have none
    # the graph stage as `make all` runs it (see `make -n all`), on the dated articles
    stage = [sys.executable, "-m", "pipeline.graph", "--mentions", str(data_copy / "mentions.csv")]
    stage += ["--articles", str(data_copy / ARTICLES), "--duplicates", str(data_copy / "duplicates.csv")]
    stage += ["--period", "week", "--out", str(data_copy)]
    done = subprocess.run(stage, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(set(pd.read_csv(data_copy / "edges_by_period.csv")["period"])) == [
        "2025-W41",
        "2025-W42",
        "2025-W43",
    ]
    return data_copy


def _size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of a PNG image, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def test_timeline_of_dated_articles(dated_copy, tmp_path, monkeypatch):
    """On dated articles the timeline draws the mentions per week, the pairs per period and the change between
    the halves of the weeks (W41 against W42-W43: no week has MIN_ARTICLES), not the empty figures of an
    undated corpus; two runs with different hash seeds draw the same bytes."""
    path = ROOT / "notebooks" / "03-timeline.ipynb"
    runs = []
    for hash_seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", hash_seed)
        printed = _printed(_execute(path, tmp_path))
        assert "5 of 5 articles dated, 2025-10-06 to 2025-10-23 (3 weeks with articles)" in printed
        assert "Comparing 2025-W41, 2 dated articles\n     with 2025-W42 to 2025-W43 (2 weeks)" in printed
        assert "Nothing to draw" not in printed and "NO DATED ARTICLES" not in printed
        runs.append(_figures(dated_copy / "figures"))
        shutil.rmtree(dated_copy / "figures")
    assert sorted(runs[0]) == sorted(TIMELINE)
    assert _differing(*runs) == []
    for name, png in runs[0].items():
        # the figures of an undated corpus are a line of text, 10 by 3 inches (about 1200 by 400 pixels and
        # 30 kB); these are charts of ten rows or more
        assert png.startswith(b"\x89PNG") and len(png) > 60_000, (name, len(png))
        assert _size(png)[1] > 700, (name, _size(png))


def test_rerun_writes_byte_identical_figures(data_copy, tmp_path, monkeypatch):
    """Two runs of the notebooks, in kernels with different hash seeds (so different set orders), write the
    same PNG files byte for byte: layouts and community detection are seeded, labels placed by a fixed rule,
    and no version stamp goes into the files. A rerun of `make notebooks` leaves `git status` clean."""
    runs = []
    for hash_seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", hash_seed)
        for path in NOTEBOOKS:
            _execute(path, tmp_path)
        runs.append(_figures(data_copy / "figures"))
        shutil.rmtree(data_copy / "figures")
    assert len(runs[0]) >= 6
    assert _differing(*runs) == []


def test_committed_figures_are_what_the_notebooks_draw_of_the_committed_data(data_copy, tmp_path):
    """data/figures/ is up to date with data/: after `make all` on the seeds, run `make notebooks` too."""
    for path in NOTEBOOKS:
        _execute(path, tmp_path)
    assert _differing(_figures(data_copy / "figures"), _figures(DATA / "figures")) == []
