"""Where the runtime's own files are: the package, its resource files and the shipped model.

One place, so that a stage, the fingerprint of its cache and the Makefile's prerequisites name the same
files. A module reads a resource through :func:`resource` with the file name written out as a literal:
:mod:`pipeline.stages` finds those calls in the source to know which stage depends on which file.

Example:
    >>> resource("titles.txt").name
    'titles.txt'
    >>> resource("titles.txt").is_file()
    True
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
RESOURCES = PACKAGE / "resources"
MODELS_DIR = PACKAGE / "models"
#: the word vectors in ``MODELS_DIR`` that the NER model and the dependency parser share
PRETRAIN = "id_pretrain.pt"


def resource(name: str) -> Path:
    """The path of a file in ``pipeline/resources/`` (data such as patterns and word lists, not code)."""
    return RESOURCES / name


def resource_lines(path: Path) -> list[tuple[int, str]]:
    """The numbered, stripped lines of a resource file, without blank lines and ``#`` comment lines.

    Line numbers are kept so that a bad entry can be reported as ``file:line``.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
