"""Columns of every file passed between stages, and the one way to read and write them.

Writers and readers both use these tables, so a column renamed here is renamed everywhere. All CSV files
are UTF-8, comma-separated, RFC 4180 quoted, ``\\n`` line ends, rows sorted by the stage that writes them,
and are written atomically (temporary file in the same folder, then rename), so a killed run leaves the
previous file whole.

Example:
    >>> list(MENTIONS)[:4]
    ['article', 'sentence', 'start', 'end']
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pandas as pd

#: interim/articles.csv: one row per ingested article (text after boilerplate removal).
ARTICLES: dict[str, str] = {
    "id": "string",
    "date": "string",
    "source": "string",
    "title": "string",
    "url": "string",
    "file": "string",
    "text": "string",
}

#: interim/sentences.csv: sentence boundaries found by the NER stage.
SENTENCES: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
}

#: interim/ner.csv: raw NER spans, label PER, LOC or ORG, offsets into the article text.
NER_SPANS: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "label": "string",
}

#: mentions.csv (contract): one row per entity mention.
MENTIONS: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "type": "string",
    "entity_id": "string",
}

#: entities.csv (contract): one row per canonical entity.
ENTITIES: dict[str, str] = {
    "entity_id": "string",
    "label": "string",
    "type": "string",
    "aliases": "string",
    "mentions": "int64",
    "articles": "int64",
    "qid": "string",
}

#: edges.csv (contract): one row per undirected co-mentioned pair, ``source < target``.
EDGES: dict[str, str] = {
    "source": "string",
    "target": "string",
    "weight": "int64",
    "articles": "int64",
}

#: relations.csv (contract, relations stage).
RELATIONS: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "source": "string",
    "relation": "string",
    "target": "string",
    "trigger": "string",
    "evidence": "string",
}

#: entity types that take part in the co-mention graph
GRAPH_TYPES = ("PERSON", "COUNTRY", "ORGANISATION")


def empty(columns: dict[str, str]) -> pd.DataFrame:
    """An empty frame with the schema's columns and dtypes."""
    return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})


def conform(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The frame with exactly the schema's columns, in order and with its dtypes.

    Raises ``ValueError`` naming the missing columns, so a stage fed the wrong file says so.
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    return frame[list(columns)].astype(columns).reset_index(drop=True)


def read_table(path: Path, columns: dict[str, str]) -> pd.DataFrame:
    """Read a stage file, checking it has the schema's columns.

    Empty strings stay empty strings (not NaN): an article without a date is ``""``.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        return empty(columns)
    try:
        return conform(frame, columns)
    except ValueError as error:
        raise ValueError(f"{path}: {error}") from None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, so readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_bytes(frame: pd.DataFrame, columns: dict[str, str]) -> bytes:
    """The frame as contract CSV bytes (schema columns, RFC 4180 quoting, ``\\n`` line ends)."""
    buffer = io.StringIO()
    conform(frame, columns).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_table(path: Path, frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """Write a stage file atomically with exactly the schema's columns; rows are written as given."""
    atomic_write_bytes(path, csv_bytes(frame, columns))
