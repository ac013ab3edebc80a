"""Per-article results on disk, so an incremental run recomputes only the articles that changed.

Every stage that works article by article (tagging, the article pass of normalisation, relation
extraction) stores each article's result as one small JSON file, keyed by a hash of everything the result
depends on: the article's own inputs and a *fingerprint* of the code and data that compute it. A changed
article, model, rule file or alias table changes the key, so a stale result is never read; entries that no
key points at any more are simply left behind (``make clean`` removes them with the rest of ``interim/``).

Example:
    >>> import tempfile
    >>> cache = ArticleCache(Path(tempfile.mkdtemp()), fingerprint(b"rules v1"))
    >>> key = cache.key("Xi bertemu Putin.")
    >>> cache.get(key) is None
    True
    >>> cache.put(key, {"spans": [[0, 2, "PER"]]})
    >>> cache.get(key)
    {'spans': [[0, 2, 'PER']]}
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline import schema


def fingerprint(*parts: Path | bytes | str) -> str:
    """Hash of files (their bytes), raw bytes and strings (package versions, say), in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part
        digest.update(data.encode("utf-8") if isinstance(data, str) else data)
        digest.update(b"\0")
    return digest.hexdigest()


def versions(*packages: str) -> str:
    """Installed versions of packages whose data a result depends on (Sastrawi's root dictionary, say)."""
    return " ".join(f"{name}=={version(name)}" for name in packages)


class ArticleCache:
    """JSON values on disk under ``folder``, one file per key; with ``folder=None``, a cache that never hits."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.folder = None if folder is None else Path(folder)
        self.fingerprint = fingerprint
        self.hits = self.misses = 0  # for the stage's summary line

    def key(self, *inputs: str) -> str:
        """The key of one article's result: its inputs and the fingerprint."""
        return hashlib.sha256("\0".join((self.fingerprint, *inputs)).encode("utf-8")).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> Any | None:
        """The stored value, or None when absent or unreadable (a damaged entry is recomputed)."""
        try:
            value = None if self.folder is None else json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            value = None
        self.hits += value is not None
        self.misses += value is None
        return value

    def put(self, key: str, value: Any) -> None:
        if self.folder is not None:
            schema.atomic_write_bytes(self._path(key), json.dumps(value, ensure_ascii=False).encode("utf-8"))
