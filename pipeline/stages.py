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
        """Code and resources: the files of this repository that the stage's results depend on."""
        return self.code() + self.resources()

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


def _imported(module: str, node: ast.AST) -> Iterator[str]:
    """The project modules an import statement in ``module`` names (``from pipeline import schema`` too)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level:  # a relative import, resolved against the importing package
            package = module if module_file(module).name == "__init__.py" else module.rpartition(".")[0]
            base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
            base = f"{base}.{node.module}" if node.module else base
        else:
            base = node.module or ""
        yield base
        yield from (f"{base}.{alias.name}" for alias in node.names)


@cache
def statements(path: Path) -> tuple[ast.AST, ...]:
    """The imports and calls of a source file, in ``ast.walk`` order, read once.

    Why: the stages share most of their code, and walking every file's whole tree again for each stage's
    imports and again for its resources cost half a second, paid by every ``make`` and ``pipeline.run``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return tuple(node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom, ast.Call)))


@cache
def direct_imports(module: str) -> frozenset[str]:
    """The project modules ``module`` imports anywhere in its source, with the packages that hold them."""
    found: set[str] = set()
    for node in statements(module_file(module)):
        for name in _imported(module, node):
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


def _called(node: ast.Call) -> str | None:
    """The name a call is made through: ``resource`` for ``resource(...)`` and ``paths.resource(...)``."""
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def resource_names(path: Path) -> list[str]:
    """The file names a module passes to ``resource(...)``; anything but a string literal is an error."""
    names = []
    for node in statements(path):
        if not isinstance(node, ast.Call) or _called(node) != "resource":
            continue
        if len(node.args) != 1 or not isinstance(node.args[0], ast.Constant) or node.keywords:
            raise ValueError(f"{path}:{node.lineno}: resource() takes one file name written as a literal")
        names.append(node.args[0].value)
    return names


def makefile_inputs() -> str:
    """``stage:path`` words for every stage's files, relative to the repository, for the Makefile."""
    return " ".join(
        f"{name}:{path.relative_to(ROOT).as_posix()}"
        for name, stage in STAGES.items()
        for path in stage.files()
    )


if __name__ == "__main__":
    print(makefile_inputs())
