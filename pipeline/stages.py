"""What each stage reads besides its input tables: its code, its resource files, the model, package data.

Declared once, here, and used twice: the fingerprint of a stage's per-article cache hashes these files, and
the Makefile lists them as the stage's prerequisites (it runs ``python -m pipeline.stages`` to get them), so
editing any of them re-runs the stage and invalidates what it cached. Nothing is listed by hand that the
source already says: a stage's code is its module and every project module it imports, directly or not
(read from the source with :mod:`ast`, lazy imports inside functions included), and its resources are the
files those modules open with :func:`pipeline.paths.resource`. What the declaration adds is what the source
cannot say: whether the stage reads the NER model, and which installed packages carry data its results
depend on (stanza and torch compute the tags, pycountry and Babel hold the country names, PySastrawi the
root words).

This module uses the standard library only: the Makefile runs it before the virtual environment exists.

Example:
    >>> [p.name for p in STAGES["graph"].code()]
    ['__init__.py', 'cache.py', 'cli.py', 'dates.py', 'graph.py', 'schema.py', 'stages.py', 'stories.py']
    >>> STAGES["ingest"].resources()[0].name
    'boilerplate.txt'
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
PROJECT = PACKAGE.name


@dataclass(frozen=True)
class Stage:
    """A stage of the pipeline: its entry module and what the source alone does not tell about it."""

    name: str
    module: str
    model: bool = False
    packages: tuple[str, ...] = ()

    def code(self) -> list[Path]:
        """The stage's module and every project module it imports, directly or not, sorted."""
        return sorted(module_file(m) for m in import_closure(self.module))

    def resources(self) -> list[Path]:
        """The resource files that the stage's code opens with ``paths.resource("name")``, sorted."""
        names = {name for path in self.code() for name in resource_names(path)}
        return sorted(PACKAGE / "resources" / name for name in names)

    def files(self) -> list[Path]:
        """Code and resources: the files of this repository that the stage's results depend on (the scan
        store is saved when a module had to be read anew)."""
        files = self.code() + self.resources()
        store(ROOT).save()
        return files

    def fingerprint(self, *extra: Path | bytes | str) -> str:
        """The cache fingerprint: the stage's files, its packages' versions and ``extra`` (model files…)."""
        from pipeline.cache import fingerprint, versions

        return fingerprint(*self.files(), versions(*self.packages), *extra)


STAGES: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("ingest", "pipeline.ingest"),
        Stage("stories", "pipeline.stories", packages=("datasketch",)),
        Stage("ner", "pipeline.ner", model=True, packages=("stanza", "torch")),
        Stage("normalise", "pipeline.normalise", packages=("pycountry", "babel")),
        Stage("graph", "pipeline.graph"),
        Stage("export", "pipeline.export", packages=("networkx", "pyvis")),
        Stage("relations", "pipeline.relations", packages=("PySastrawi", "stanza", "torch")),
        Stage("quotes", "pipeline.quotes"),
    )
}


def module_file(module: str) -> Path:
    """The source file of a project module (``pipeline.relations`` is a package: its ``__init__.py``)."""
    path = ROOT.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


#: an import statement as :func:`scan` keeps it: the relative level, the module after ``from`` (``None`` for a
#: plain ``import``) and the names imported
Import = tuple[int, "str | None", tuple[str, ...]]


@dataclass(frozen=True)
class Scan:
    """What a source file says about its stage's inputs: its import statements and the files it opens with
    ``resource("name")``."""

    imports: tuple[Import, ...]
    resources: tuple[str, ...]


#: where :func:`scan` keeps what it read from each source file, keyed by the file's bytes
SCANS = "build/stage-scans.json"


def _imported(module: str, statement: Import) -> Iterator[str]:
    """The modules an import statement in ``module`` names (``from pipeline import schema`` too)."""
    level, source, names = statement
    if source is None and not level:
        yield from names
        return
    if level:  # a relative import, resolved against the importing package
        package = module if module_file(module).name == "__init__.py" else module.rpartition(".")[0]
        base = ".".join(package.split(".")[: len(package.split(".")) - level + 1])
        base = f"{base}.{source}" if source else base
    else:
        base = source or ""
    yield base
    yield from (f"{base}.{name}" for name in names)


def _called(node: ast.Call) -> str | None:
    """The name a call is made through: ``resource`` for ``resource(...)`` and ``paths.resource(...)``."""
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def read_source(path: Path, source: bytes) -> Scan:
    """The imports and resource calls of a module's source; a resource named by anything but a string
    literal is an error (the stage's inputs could not be known)."""
    imports: list[Import] = []
    resources: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imports.append((0, None, tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.ImportFrom):
            imports.append((node.level, node.module, tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.Call) and _called(node) == "resource":
            if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or node.keywords:
                raise ValueError(f"{path}:{node.lineno}: resource() takes one file name written as a literal")
            resources.append(node.args[0].value)
    return Scan(tuple(imports), tuple(resources))


class ScanStore:
    """:func:`read_source`'s result for each file, kept in :data:`SCANS` with the SHA-1 of the bytes read.

    Why: every ``make`` reads the declaration (``python -m pipeline.stages``) and so does every
    ``pipeline.run``; parsing and walking the package's 40-odd modules cost 0.4 s and 0.2 s of each run,
    about a tenth of re-running the pipeline after adding one article, for files that had not changed. An
    entry serves only the bytes it was read from, so an edited module is read again. A store that cannot
    be read or written only costs the parse.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / SCANS
        try:
            found = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = {}
        self.known: dict[str, tuple[str, Scan]] = {}
        for name, (digest, imports, resources) in found.items() if isinstance(found, dict) else ():
            statements = tuple((level, source, tuple(names)) for level, source, names in imports)
            self.known[name] = (digest, Scan(statements, tuple(resources)))
        self.changed = False

    def scan(self, path: Path) -> Scan:
        source = path.read_bytes()
        digest = hashlib.sha1(source).hexdigest()
        name = path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) else str(path)
        kept = self.known.get(name)
        if kept is None or kept[0] != digest:
            kept = self.known[name] = (digest, read_source(path, source))
            self.changed = True
        return kept[1]

    def save(self) -> None:
        """Write the store when a file was read anew, without the files since removed (atomically: two
        processes may save at once)."""
        if not self.changed:
            return
        entries = {
            name: [digest, scan.imports, scan.resources]
            for name, (digest, scan) in self.known.items()
            if (self.root / name).is_file()
        }
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, suffix=".tmp", delete=False) as out:
                json.dump(entries, out)
            os.replace(out.name, self.path)
        except OSError:
            return
        self.changed = False


@cache
def store(root: Path) -> ScanStore:
    """The scan store of a checkout, loaded once per process."""
    return ScanStore(root)


def scan(path: Path) -> Scan:
    """What ``path`` imports and opens as resources (:class:`ScanStore`)."""
    return store(ROOT).scan(path)


@cache
def direct_imports(module: str) -> frozenset[str]:
    """The project modules ``module`` imports anywhere in its source, with the packages that hold them."""
    found: set[str] = set()
    for statement in scan(module_file(module)).imports:
        for name in _imported(module, statement):
            parts = name.split(".")
            if parts[0] != PROJECT:
                continue
            # "pipeline.relations.extract" also runs pipeline/__init__ and pipeline/relations/__init__
            for end in range(1, len(parts) + 1):
                candidate = ".".join(parts[:end])
                if module_file(candidate).is_file():
                    found.add(candidate)
    return frozenset(found - {module})


def import_closure(module: str) -> set[str]:
    """``module`` and every project module reachable from it through imports.

    A package's ``__main__`` module counts as part of the package, since ``python -m package`` runs it.
    """
    seen: set[str] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(direct_imports(current))
        main = module_file(current).parent / "__main__.py"
        if module_file(current).name == "__init__.py" and main.is_file():
            todo.append(f"{current}.__main__")
    return seen


def resource_names(path: Path) -> list[str]:
    """The file names a module passes to ``resource(...)``."""
    return list(scan(path).resources)


def makefile_inputs() -> str:
    """``stage:path`` words for every stage's files, relative to the repository, for the Makefile."""
    return " ".join(
        f"{name}:{path.relative_to(ROOT).as_posix()}"
        for name, stage in STAGES.items()
        for path in stage.files()
    )


if __name__ == "__main__":
    print(makefile_inputs())
