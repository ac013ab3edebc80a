"""Average the weights of NER models continued from one shared model, chosen greedily on dev (``make soup``).

Runs continued from the same model stay in one basin of the loss, so the average of their weights is a
model too, and often a better one than any of them alone: the "greedy soup" of Wortsman et al. (ICML 2022).
The ingredients are taken best first by mean dev F1; each is kept only if the soup with it scores higher on
the dev splits than the soup without it, by the least gain promotion asks for. The soup then goes through
the same scoring and promotion as a trained candidate
(:func:`pipeline.training.selection.score_and_promote`), so it is shipped only if it beats the shipped model
on dev. The averaged model has the ingredients' size and speed: nothing changes at tagging time.

Test splits are scored once, for the chosen soup's model card, and never used for any choice.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import logging
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from pipeline.ner import MODELS_DIR, NER_MODEL, PRETRAIN
from pipeline.training.card import RESOURCES_JSON
from pipeline.training.selection import beats, dev_f1, evaluate_all, score_and_promote

logger = logging.getLogger("pipeline.training.soup")

T = TypeVar("T")


def greedy_soup(ingredients: Sequence[T], mean_dev: Callable[[list[T]], float]) -> tuple[list[T], float]:
    """The ingredients kept, best alone first, each added only if it raises ``mean_dev`` enough to count.

    "Enough" is what promotion asks for (:func:`pipeline.training.selection.beats`, a rise of at least
    ``MIN_GAIN``): a rise too small to replace the shipped model is too small to change the soup either, so a
    soup is never built on a step that is one tagging decision.

    Example, with the score of a soup given by a table ("c" raises it, but by less than the threshold):
        >>> table = {("a",): 0.80, ("b",): 0.82, ("c",): 0.79, ("b", "a"): 0.83, ("b", "a", "c"): 0.83004}
        >>> greedy_soup(["a", "b", "c"], lambda soup: table[tuple(soup)])
        (['b', 'a'], 0.83)
    """
    alone = {i: mean_dev([ingredient]) for i, ingredient in enumerate(ingredients)}
    order = sorted(alone, key=lambda i: -alone[i])
    soup, best = [ingredients[order[0]]], alone[order[0]]
    for i in order[1:]:
        score = mean_dev([*soup, ingredients[i]])
        logger.info("adding ingredient %d: dev F1 %.5f against %.5f", i, score, best)
        if beats(score, best):
            soup, best = [*soup, ingredients[i]], score
    return soup, best


def average_checkpoints(checkpoints: Sequence[dict], names: Sequence[str]) -> dict:
    """One stanza NER checkpoint whose weights are the mean of ``checkpoints``' (the first's vocab and config).

    Averaging only means something for models that index the same words and tags the same way, so a
    checkpoint whose vocabulary or weight shapes differ from the first's is refused, named by ``names``.
    """
    first = checkpoints[0]
    first_shapes = {k: tuple(v.shape) for k, v in first["model"].items()}
    for checkpoint, name in zip(checkpoints[1:], names[1:]):
        if checkpoint["vocab"] != first["vocab"]:
            raise ValueError(
                f"{name}: its vocabulary differs from {names[0]}'s; only continuations of one model average"
            )
        if {k: tuple(v.shape) for k, v in checkpoint["model"].items()} != first_shapes:
            raise ValueError(f"{name}: its weights differ in name or shape from {names[0]}'s")
    model = {key: sum(c["model"][key] for c in checkpoints) / len(checkpoints) for key in first["model"]}
    return {**first, "model": model}


def cook(folders: Sequence[Path], out: Path) -> None:
    """Write the averaged model of ``folders`` into ``out`` as a loadable model folder."""
    import torch

    checkpoints = [torch.load(f / NER_MODEL, map_location="cpu", weights_only=False) for f in folders]
    out.mkdir(parents=True, exist_ok=True)
    torch.save(average_checkpoints(checkpoints, [str(f) for f in folders]), out / NER_MODEL)
    shutil.copy(folders[0] / PRETRAIN, out / PRETRAIN)
    (out / "resources.json").write_text(RESOURCES_JSON, encoding="utf-8")


def check_ingredients(folders: Sequence[Path]) -> None:
    """Refuse folders that are not models, or whose word vectors differ (the tagger reads them at load time)."""
    for folder in folders:
        for name in (NER_MODEL, PRETRAIN):
            if not (folder / name).is_file():
                raise FileNotFoundError(f"{folder}: no {name}; an ingredient is a model folder")
        if not filecmp.cmp(folder / PRETRAIN, folders[0] / PRETRAIN, shallow=False):
            raise ValueError(
                f"{folder}: its {PRETRAIN} differs from {folders[0]}'s; only continuations of one model average"
            )


def soup_record(folders: Sequence[Path]) -> dict:
    """training.json of the soup: the first ingredient's record, with every other ingredient's under ``soup``.

    A first ingredient that is itself a soup keeps the runs already averaged into it, so the model card still
    names every run whose weights the model holds.
    """
    records = [json.loads((f / "training.json").read_text(encoding="utf-8")) for f in folders]
    return {**records[0], "soup": records[0].get("soup", []) + records[1:]}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.training.soup", description=__doc__.splitlines()[0]
    )
    parser.add_argument("ingredients", type=Path, nargs="+", help="model folders continued from one model")
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets"), help="datasets folder")
    parser.add_argument("--work", type=Path, default=Path("build/soup"), help="work folder (not committed)")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="where the shipped model goes")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    try:
        check_ingredients(args.ingredients)
    except (OSError, ValueError) as error:
        parser.error(str(error))

    def mean_dev(soup: list[Path]) -> float:
        cook(soup, args.work / "trial")
        return dev_f1(evaluate_all(args.data, args.work / "trial", splits=("dev",)))

    soup, score = greedy_soup(args.ingredients, mean_dev)
    logger.info("soup of %s: dev F1 %.5f", ", ".join(map(str, soup)), score)
    candidate = args.work / "candidate"
    cook(soup, candidate)
    (candidate / "training.json").write_text(json.dumps(soup_record(soup), indent=1), encoding="utf-8")
    score_and_promote(candidate, args.out, args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
