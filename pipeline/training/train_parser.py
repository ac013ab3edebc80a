"""Train the shipped Indonesian dependency parser: stanza's POS tagger and parser on UD (``make parser``).

Steps, each writing into a work folder so a crashed run can be inspected:

1. read the training treebanks as the pipeline tokenises (:mod:`pipeline.conllu`): UD_Indonesian-CSUI train
   (news) and UD_Indonesian-GSD dev, the only training material the shared data holds; every tenth sentence of
   each is held out as the dev set that picks checkpoints;
2. train ``stanza.models.tagger`` (UPOS and features) and ``stanza.models.parser`` (heads and relations, on
   gold tags) on them, with the NER model's own word vectors (``pipeline/models/id_pretrain.pt``), so the
   parser ships no second embedding file;
3. score the pair as it runs in the pipeline (predicted tags, then parse) on the held-out dev set and on the
   two test sets, CSUI test and GSD test, which no step above reads;
4. promote the pair into ``pipeline/models/`` with its card (``parser_scores.json``) only if its dev LAS
   beats the shipped parser's, so the repository history only grows when the parser gets better.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from pipeline import parse
from pipeline.conllu import Tree, format_conllu, read_conllu
from pipeline.paths import MODELS_DIR, PRETRAIN
from pipeline.training.card import RESOURCES_JSON

logger = logging.getLogger("pipeline.training.train_parser")

TRAIN_FILES = ("UD_Indonesian-CSUI/id_csui-ud-train.conllu", "UD_Indonesian-GSD/id_gsd-ud-dev.conllu")
TEST_FILES = {
    "csui_test": "UD_Indonesian-CSUI/id_csui-ud-test.conllu",
    "gsd_test": "UD_Indonesian-GSD/id_gsd-ud-test.conllu",
}


def split(ud: Path) -> tuple[list[Tree], list[Tree]]:
    """Training and dev sentences: every tenth sentence of each training treebank is dev."""
    train: list[Tree] = []
    dev: list[Tree] = []
    for name in TRAIN_FILES:
        for k, tree in enumerate(read_conllu(ud / name)):
            (dev if k % 10 == 0 else train).append(tree)
    return train, dev


def trainer_command(
    module: str, work: Path, save_name: str, args: argparse.Namespace, max_steps: int, extra: list[str]
) -> list[str]:
    """The command line of one of stanza's trainers on ``work``'s train and dev files."""
    return [
        sys.executable, "-m", module,
        "--mode", "train",
        "--lang", "id",
        "--shorthand", "id_kabar",
        "--train_file", str(work / "train.conllu"),
        "--eval_file", str(work / "dev.conllu"),
        "--output_file", str(work / f"dev.{save_name}.conllu"),
        "--wordvec_pretrain_file", str(args.pretrain),
        "--save_dir", str(work / "saved"),
        "--save_name", save_name,
        "--max_steps", str(max_steps),
        "--max_steps_before_stop", str(max_steps // 3),
        "--eval_interval", str(args.eval_interval),
        "--seed", str(args.seed),
        *extra,
    ]  # fmt: skip


def run_trainers(commands: list[list[str]], work: Path, minutes: float) -> None:
    """Run the trainers side by side, one thread each, each stopped after ``minutes``.

    The parser trains on gold tags, so it needs nothing from the tagger, and two single-threaded trainers
    use two cores better than one two-threaded one. stanza saves the checkpoint that is best on dev at each
    evaluation, so a trainer stopped by the clock leaves the best model it reached.
    """
    env = {**os.environ, "CUDA_VISIBLE_DEVICES": "", "OMP_NUM_THREADS": "1"}
    children = []
    for command in commands:
        logger.info("running %s", " ".join(command))
        children.append(subprocess.Popen(command, env=env))
    deadline = time.monotonic() + minutes * 60
    failed = []
    for child in children:
        try:
            code = child.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            logger.info("stopping %s after %s minutes; keeping its best checkpoint", child.args[2], minutes)
            child.terminate()
            child.wait()
        else:
            if code:
                failed.append(child.args[2])
    if failed:
        raise RuntimeError(f"stanza trainer(s) failed: {', '.join(failed)}; their logs are above")
    for name in (parse.POS_MODEL, parse.PARSER_MODEL):
        if not (work / "saved" / name).is_file():
            raise RuntimeError(f"a trainer stopped before its first dev evaluation saved {name}")


def evaluate_all(model_dir: Path, ud: Path, dev: list[Tree]) -> tuple[dict[str, dict[str, float]], float]:
    """Scores of the parser in ``model_dir`` as the pipeline runs it, on dev and the two test sets, and its
    speed in words per second over the three (tagging and parsing, one process, this machine's threads)."""
    parser = parse.load_parser(model_dir)
    sets = {"dev": dev, **{name: read_conllu(ud / path) for name, path in TEST_FILES.items()}}
    start = time.perf_counter()
    scores = {name: parse.evaluate(parser, trees) for name, trees in sets.items()}
    words = sum(score["words"] for score in scores.values())
    return scores, round(words / (time.perf_counter() - start))


def train(args: argparse.Namespace) -> dict:
    """Steps 1 and 2; returns how the models were trained, also kept in the work folder's ``training.json``
    so that :func:`score` can be rerun on them alone (``--score-only``)."""
    work = args.work
    work.mkdir(parents=True, exist_ok=True)
    train_trees, dev = split(args.ud)
    (work / "train.conllu").write_text(format_conllu(train_trees), encoding="utf-8")
    (work / "dev.conllu").write_text(format_conllu(dev), encoding="utf-8")
    logger.info("%d train, %d dev sentences", len(train_trees), len(dev))
    start = time.perf_counter()
    size = ["--hidden_dim", str(args.hidden), "--char_hidden_dim", str(args.hidden)]
    tagger = ["--batch_size", "100", *size]
    parser = [
        "--batch_size", "3000", "--deep_biaff_hidden_dim", str(args.hidden), "--no_xpos",
        "--hidden_dim", str(args.hidden), "--char_hidden_dim", str(args.hidden // 2),
    ]  # fmt: skip
    run_trainers(
        [
            trainer_command("stanza.models.tagger", work, parse.POS_MODEL, args, args.tagger_steps, tagger),
            trainer_command(
                "stanza.models.parser", work, parse.PARSER_MODEL, args, args.parser_steps, parser
            ),
        ],
        work,
        args.max_minutes,
    )
    training = {
        "train_files": list(TRAIN_FILES),
        "train_sentences": len(train_trees),
        "dev_sentences": len(dev),
        "hidden_dim": args.hidden,
        "tagger_steps": args.tagger_steps,
        "parser_steps": args.parser_steps,
        "max_minutes": args.max_minutes,
        "seed": args.seed,
        "training_minutes": round((time.perf_counter() - start) / 60, 1),
        "cores": os.cpu_count(),
    }
    (work / "training.json").write_text(json.dumps(training, indent=2) + "\n", encoding="utf-8")
    return training


def score(args: argparse.Namespace, training: dict) -> dict:
    """Step 3: the trained models as a candidate folder (with the pretrain and stanza's ``resources.json``),
    scored; returns the candidate's card."""
    work = args.work
    candidate = work / "candidate"
    candidate.mkdir(exist_ok=True)
    for name in (parse.POS_MODEL, parse.PARSER_MODEL):
        shutil.copy(work / "saved" / name, candidate / name)
    shutil.copy(args.pretrain, candidate / PRETRAIN)
    (candidate / "resources.json").write_text(RESOURCES_JSON, encoding="utf-8")
    dev = read_conllu(work / "dev.conllu")  # the dev set the trainers picked their checkpoints on
    scores, speed = evaluate_all(candidate, args.ud, dev)
    return {"scores": scores, "words_per_second": speed, "training": training}


def card_markdown(card: dict) -> str:
    """The parser's model card (``PARSER.md``), every figure from ``card`` (``parser_scores.json``)."""
    t = card["training"]
    rows = "\n".join(
        f"| {name} | {s['words']:,} | **{s['UAS']:.4f}** | **{s['LAS']:.4f}** | {s['UPOS']:.4f} |"
        for name, s in card["scores"].items()
    )
    sizes = ", ".join(f"`{name}` {mb} MB" for name, mb in card.get("files_mb", {}).items())
    return f"""# kabar-graph Indonesian dependency parser (stanza)

Written by `make parser` (`python -m pipeline.training.train_parser`); every figure below is measured by it
and stored in `parser_scores.json`. Used by the relations stage (`pipeline/parse.py`, docs/relations.md).

## What it is
stanza's POS tagger (`stanza.models.tagger`: UPOS and features) and biaffine dependency parser
(`stanza.models.parser`), both with BiLSTMs of {t["hidden_dim"]} units, a character model, and the NER model's
100-d word vectors (`id_pretrain.pt`, shared, so the parser ships no embeddings of its own). Lemmas are the
words themselves (stanza's identity lemmatiser); XPOS is not used (the two treebanks use different tag sets).
Files: {sizes}. Loaded with `download_method=None` from this folder.

## Data
Training: UD_Indonesian-CSUI train (news) and UD_Indonesian-GSD dev, the training material in
`../shared/datasets/ud`, read as the pipeline tokenises (multi-word tokens such as *menyetujuinya* folded into
one word, `pipeline/conllu.py`): {t["train_sentences"]} sentences; every tenth sentence of each
({t["dev_sentences"]}) is held out as dev, which picks the checkpoints and decides promotion. Test: CSUI test
and GSD test, scored only.

## Training
Both trainers side by side, one thread each, stopped after {t["max_minutes"]:g} minutes or
{t["tagger_steps"]} / {t["parser_steps"]} steps (tagger / parser) with stanza's early stopping; the parser on gold
tags. Seed {t["seed"]}; {t["training_minutes"]:g} minutes of training on a {t["cores"]}-core CPU.

## Scores (`python -m pipeline.parse evaluate FILE.conllu`: tags predicted, then parsed)
| split | words | UAS | LAS | UPOS |
|---|---|---|---|---|
{rows}

UAS/LAS over all words, punctuation included; LAS on the universal relation (`nsubj:pass` counts as `nsubj`),
as in the CoNLL 2018 shared task. The test files' multi-word tokens are folded as in training, so these are
scores on the pipeline's tokens, not the treebanks' official word segmentation.
Speed: {card["words_per_second"]:,} words/s (tagging and parsing, one process, this machine's default torch
threads), over the three sets above.
"""


def promote(card: dict, work: Path, models: Path) -> bool:
    """Copy the candidate into ``models`` if its dev LAS beats the shipped parser's; whether it did."""
    shipped = models / parse.CARD
    best = json.loads(shipped.read_text())["scores"]["dev"]["LAS"] if shipped.is_file() else -1.0
    if card["scores"]["dev"]["LAS"] <= best:
        logger.info(
            "dev LAS %.4f does not beat the shipped %.4f: kept apart", card["scores"]["dev"]["LAS"], best
        )
        return False
    for name in (parse.POS_MODEL, parse.PARSER_MODEL):
        shutil.copy(work / "candidate" / name, models / name)
    card["files_mb"] = {
        name: round((models / name).stat().st_size / 2**20, 1)
        for name in (parse.POS_MODEL, parse.PARSER_MODEL)
    }
    shipped.write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    (models / "PARSER.md").write_text(card_markdown(card), encoding="utf-8")
    logger.info("promoted: dev LAS %.4f (was %.4f)", card["scores"]["dev"]["LAS"], best)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.training.train_parser", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--ud", type=Path, default=Path("../shared/datasets/ud"), help="folder of the UD treebanks"
    )
    parser.add_argument("--work", type=Path, default=Path("build/parser"))
    parser.add_argument("--pretrain", type=Path, default=MODELS_DIR / PRETRAIN)
    parser.add_argument("--models", type=Path, default=MODELS_DIR, help="where a better parser is promoted")
    parser.add_argument("--hidden", type=int, default=200, help="LSTM and biaffine sizes of both models")
    parser.add_argument(
        "--tagger-steps", type=int, default=600, help="at most; a third without gain stops it"
    )
    parser.add_argument(
        "--parser-steps", type=int, default=1200, help="at most; a third without gain stops it"
    )
    parser.add_argument("--eval-interval", type=int, default=50)
    parser.add_argument("--max-minutes", type=float, default=50, help="stop both trainers after this long")
    parser.add_argument(
        "--score-only", action="store_true", help="score and promote the models already trained in --work"
    )
    parser.add_argument("--seed", type=int, default=1234)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    training = json.loads((args.work / "training.json").read_text()) if args.score_only else train(args)
    card = score(args, training)
    (args.work / parse.CARD).write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(card["scores"], indent=2))
    promote(card, args.work, args.models)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
