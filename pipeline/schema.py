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
import secrets
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

#: interim/articles.csv: one row per ingested article (text after boilerplate removal). ``date`` is ISO 8601
#: text, ``YYYY-MM-DDTHH:MM`` when the source gives a time (kept as written, zone dropped) and ``YYYY-MM-DD``
#: when not, so its first ten characters are always the day; ``""`` when the source has no date or one that
#: cannot be read without guessing (ingest warns). See :mod:`pipeline.dates`.
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
    "first_seen": "string",
    "last_seen": "string",
}

#: resolution.csv (contract, normalise stage): the review report of resolution across the corpus. One row per
#: name that a rule merged into an entity (``merged``), that a DIFFERENT row of the alias table kept apart
#: (``vetoed``: ``entity_id`` is the entity it would have joined) or that several entities could own
#: (``ambiguous``: ``candidates`` are their ids joined with ``|``); ``articles`` counts where it is written.
RESOLUTION: dict[str, str] = {
    "status": "string",
    "rule": "string",
    "alias": "string",
    "entity_id": "string",
    "candidates": "string",
    "articles": "int64",
    "evidence": "string",
}

#: edges.csv (contract): one row per undirected co-mentioned pair, ``source < target``. ``weight`` and
#: ``articles`` count distinct stories (duplicates.csv), ``raw_weight`` and ``raw_articles`` every article.
EDGES: dict[str, str] = {
    "source": "string",
    "target": "string",
    "weight": "int64",
    "articles": "int64",
    "first_seen": "string",
    "last_seen": "string",
    "raw_weight": "int64",
    "raw_articles": "int64",
}

#: edges_by_period.csv (contract): the edges of each period (ISO week ``2025-W43``, month ``2025-10`` or day).
EDGES_BY_PERIOD: dict[str, str] = {
    "source": "string",
    "target": "string",
    "period": "string",
    "weight": "int64",
    "articles": "int64",
}

#: cooccurrences.csv (contract): the evidence of every edge, one row per pair per sentence, every article.
COOCCURRENCES: dict[str, str] = {
    "source": "string",
    "target": "string",
    "article": "string",
    "sentence": "int64",
}

#: duplicates.csv (contract, stories stage): every article of a group of two or more (nearly) identical texts.
DUPLICATES: dict[str, str] = {
    "article": "string",
    "story": "string",
    "similarity": "float64",
}

#: relations.csv (contract, relations stage).
RELATIONS: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "source": "string",
    "relation": "string",
    "target": "string",
    "trigger": "string",
    "mode": "string",
    "evidence": "string",
}

#: quotes.csv (quotes stage): who said what, one row per speech act. ``sentence`` holds the speech verb,
#: ``speaker`` is the entity of a PERSON, ORGANISATION or COUNTRY mention, ``verb`` is written as in the text
#: ("kata", "Menurut", "mengatakan"), ``kind`` is ``direct`` (the words in quote marks, without them; a
#: quote opened sentences earlier is joined) or ``reported`` (the clause said).
QUOTES: dict[str, str] = {
    "article": "string",
    "sentence": "int64",
    "speaker": "string",
    "verb": "string",
    "kind": "string",
    "text": "string",
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


def rows(table: pd.DataFrame, columns: tuple[str, ...]) -> Iterator[tuple]:
    """The table's rows as tuples of Python values, the given columns in order.

    Why not ``itertuples`` or a selection per row: they read arrow-backed strings one element at a time, a
    tenth of the export stage on 3,000 entities and more than normalise's per-article cache saves.
    """
    return zip(*(table[column].tolist() for column in columns))


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
    """Write ``data`` to ``path`` via a temporary file and a rename, so readers never see half a file.

    The temporary file is created with mode 0666 less the umask, as any tool's output is (0644 under the
    usual umask 0022, 0640 under 0027): ``tempfile.mkstemp`` would make it 0600, and the rename would carry
    that private mode over to the output, hiding it from the rest of a group or a web server.

    Example:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     atomic_write_bytes(Path(folder) / "a.csv", b"id\\n")
        ...     print([p.name for p in Path(folder).iterdir()], (Path(folder) / "a.csv").read_bytes())
        ['a.csv'] b'id\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"cannot create a temporary file next to {path}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def csv_bytes(frame: pd.DataFrame, columns: dict[str, str]) -> bytes:
    """The frame as contract CSV bytes (schema columns, RFC 4180 quoting, ``\\n`` line ends)."""
    buffer = io.StringIO()
    conform(frame, columns).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def write_table(path: Path, frame: pd.DataFrame, columns: dict[str, str]) -> None:
    """Write a stage file atomically with exactly the schema's columns; rows are written as given."""
    atomic_write_bytes(path, csv_bytes(frame, columns))
