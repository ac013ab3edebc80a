"""Tests for the one way stage files are written: whole or not at all, with the mode any tool's output has."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pandas as pd
import pytest

from pipeline import schema


@pytest.fixture
def umask():
    """Set the process umask for one test and put the previous one back afterwards."""
    previous = os.umask(0o022)

    def set_umask(mask: int) -> None:
        os.umask(mask)

    yield set_umask
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("mask", "expected"),
    [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600), (0o002, 0o664)],
    ids=["umask-022", "umask-027", "umask-077", "umask-002"],
)
def test_written_file_gets_the_mode_the_umask_gives(tmp_path, umask, mask, expected):
    umask(mask)
    schema.atomic_write_bytes(tmp_path / "graph.graphml", b"<graphml/>")
    assert mode(tmp_path / "graph.graphml") == expected


def test_replaced_file_gets_the_umask_mode_too(tmp_path, umask):
    umask(0o022)
    path = tmp_path / "articles.csv"
    path.write_bytes(b"old\n")
    path.chmod(0o600)
    schema.atomic_write_bytes(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert mode(path) == 0o644


def test_write_table_gets_the_umask_mode(tmp_path, umask):
    umask(0o027)
    path = tmp_path / "interim" / "counts.csv"
    schema.write_table(path, pd.DataFrame({"id": ["a"], "n": [1]}), {"id": "string", "n": "int64"})
    assert path.read_text(encoding="utf-8") == "id,n\na,1\n"
    assert mode(path) == 0o640


def test_no_temporary_file_is_left_behind(tmp_path):
    schema.atomic_write_bytes(tmp_path / "a.csv", b"id\n")
    schema.atomic_write_bytes(tmp_path / "a.csv", b"id\nx\n")
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_failed_write_leaves_the_previous_file_whole_and_no_temporary_file(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(b"previous\n")
    with pytest.raises(TypeError):
        schema.atomic_write_bytes(path, "not bytes")  # type: ignore[arg-type]
    assert path.read_bytes() == b"previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_missing_folders_are_created(tmp_path):
    schema.atomic_write_bytes(tmp_path / "out" / "interim" / "a.csv", b"id\n")
    assert (tmp_path / "out" / "interim" / "a.csv").read_bytes() == b"id\n"


@pytest.mark.parametrize(
    "table",
    ["MENTIONS", "ENTITIES", "RESOLUTION", "EDGES", "EDGES_BY_PERIOD", "COOCCURRENCES", "DUPLICATES", "RELATIONS",
     "QUOTES"],
)  # fmt: skip
def test_every_contract_column_is_documented_in_the_readme(table):
    """The README is the output contract users read: a column added to a table must be named there."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert [c for c in getattr(schema, table) if f"`{c}`" not in readme] == []
