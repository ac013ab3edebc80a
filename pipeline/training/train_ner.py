"""Train the shipped Indonesian NER model with stanza's own trainer (``make model``).

Steps, each writing into a work folder so a crashed run can be inspected:
1. convert the three shared corpora to one PER/LOC/ORG scheme (see :mod:`pipeline.conll`) as stanza JSON,
   with ``--silver`` adding machine-tagged sentences (see :mod:`pipeline.training.silver`);
2. train 100-d skip-gram word2vec vectors (gensim) on the unlabelled Indonesian text plus the training
   sentences, and turn them into a stanza pretrain file; with ``--charlm``, also a forward and a backward
   character language model (stanza's charlm trainer) on the same text;
3. train ``stanza.models.ner_tagger`` on the concatenated training splits, choosing the best checkpoint on the
   concatenated dev splits;
4. score the candidate on every dev and test split, and promote it into ``pipeline/models/`` (with a new
   model card) only if its mean dev F1 beats the shipped model's, so the repository history only grows
   when the model gets better.

Test splits are never read before step 4 and never used for any choice.

This module runs the steps in order; they live in :mod:`pipeline.training.data` (1),
:mod:`pipeline.training.vectors` (2), :mod:`pipeline.training.tagger` (3), and
:mod:`pipeline.training.selection` with :mod:`pipeline.training.card` (4).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
from pathlib import Path

from pipeline.conll import AUXILIARY
from pipeline.ner import CHARLMS, MODELS_DIR, NER_MODEL, PRETRAIN
from pipeline.training.card import RESOURCES_JSON
from pipeline.training.data import kept_types, repeat_spec, split_sentences, to_stanza_json, training_mix
from pipeline.training.selection import score_and_promote
from pipeline.training.tagger import OPTIMISERS, device, train_tagger
from pipeline.training.vectors import build_pretrain, charlm_facts, train_charlms, train_vectors

logger = logging.getLogger("pipeline.training.train_ner")


def train_candidate(args: argparse.Namespace, candidate: Path) -> None:
    """Steps 1 to 3: data, vectors and tagger, copied with a record of how they were made into ``candidate``."""
    args.work.mkdir(parents=True, exist_ok=True)
    mix = training_mix(args)
    dev = split_sentences(args.data, 1, kept_types(args))
    for name, sentences in (("train", mix), ("dev", dev)):
        (args.work / f"{name}.json").write_text(json.dumps(to_stanza_json(sentences)), encoding="utf-8")
    logger.info("%d train, %d dev sentences", len(mix), len(dev))
    start = time.perf_counter()
    vectors = args.init_from / PRETRAIN if args.init_from else args.pretrain  # the model's own, if trained on
    if vectors:
        shutil.copy(vectors, args.work / PRETRAIN)
    else:
        vec_txt = args.work / "vectors.txt"
        train_vectors(args.data, mix, vec_txt, args.dim, args.seed)
        build_pretrain(vec_txt, args.work / PRETRAIN)
    charlm_from = args.charlm_from or args.init_from  # a model trained on keeps its language models
    if args.charlm and charlm_from:
        for name in CHARLMS:
            shutil.copy(charlm_from / name, args.work / name)
    elif args.charlm:
        train_charlms(
            args.data, split_sentences(args.data, 0), args.work, args.charlm_dim, args.charlm_epochs
        )
    model = train_tagger(args.work, args)
    minutes = (time.perf_counter() - start) / 60
    candidate.mkdir(exist_ok=True)
    shutil.copy(model, candidate / NER_MODEL)
    for name in (PRETRAIN, *(CHARLMS if args.charlm else ())):
        shutil.copy(args.work / name, candidate / name)
    record = {
        "minutes": round(minutes, 1),
        **{k: str(v) for k, v in vars(args).items()},
        "repeat": " ".join(f"{corpus}={times}" for corpus, times in args.repeat),
        "tagger_arg": " ".join(args.tagger_arg),
        "device": device(args.gpu),
    }
    if args.charlm:
        record["charlm_models"] = charlm_facts(args.work / CHARLMS[0])
    if args.init_from and (args.init_from / "training.json").is_file():
        record["previous"] = json.loads((args.init_from / "training.json").read_text(encoding="utf-8"))
    (candidate / "training.json").write_text(json.dumps(record, indent=1), encoding="utf-8")
    logger.info("trained in %.1f minutes; candidate in %s", minutes, candidate)


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``make model``; a function so tests build the same arguments."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.training.train_ner", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets"), help="datasets folder")
    parser.add_argument("--work", type=Path, default=Path("build/ner"), help="work folder (not committed)")
    parser.add_argument("--out", type=Path, default=MODELS_DIR, help="where the shipped model goes")
    parser.add_argument("--max-steps", type=int, default=12000)
    parser.add_argument("--max-steps-no-improve", type=int, default=3000)
    parser.add_argument("--eval-interval", type=int, default=500)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--word-dropout", type=float, default=0.05)
    parser.add_argument("--dim", type=int, default=100, help="word vector size")
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument(
        "--augment", action="store_true", help="add mention-replaced copies of the cased training sentences"
    )
    parser.add_argument(
        "--init-from", type=Path, help="continue training the model in this folder (its vectors are reused)"
    )
    parser.add_argument(
        "--init-lr",
        type=float,
        help="with --init-from: the learning rate to continue at (stanza restarts at the saved model's 0.1)",
    )
    parser.add_argument(
        "--init-optim",
        choices=OPTIMISERS,
        help="with --init-lr: the optimiser to continue with (stanza reuses the saved model's, SGD)",
    )
    parser.add_argument(
        "--pretrain", type=Path, help="use these stanza word vectors instead of training new ones"
    )
    parser.add_argument(
        "--charlm", action="store_true", help="train and use forward/backward character language models"
    )
    parser.add_argument("--charlm-dim", type=int, default=256, help="character language model hidden units")
    parser.add_argument("--charlm-epochs", type=int, default=8)
    parser.add_argument(
        "--charlm-from", type=Path, help="folder with already trained character language models to use"
    )
    parser.add_argument(
        "--auxiliary",
        action="store_true",
        help=f"train {' and '.join(AUXILIARY)} as classes of their own (tagging still outputs only PER/LOC/ORG)",
    )
    parser.add_argument(
        "--repeat",
        action="append",
        default=[],
        type=repeat_spec,
        metavar="CORPUS=N",
        help="put CORPUS's training sentences N times into the training mix (repeatable)",
    )
    parser.add_argument(
        "--silver",
        type=Path,
        help="add this CoNLL file's sentences to the training mix "
        "(silver tags: python -m pipeline.training.silver)",
    )
    parser.add_argument(
        "--tagger-arg",
        action="append",
        default=[],
        metavar="--OPTION=VALUE",
        help="pass an option on to stanza's NER trainer, e.g. --tagger-arg=--hidden_dim=512 (repeatable)",
    )
    parser.add_argument("--max-minutes", type=float, help="stop the tagger training after this many minutes")
    parser.add_argument(
        "--gpu", action="store_true", help="train the tagger on the GPU (stanza's default device)"
    )
    parser.add_argument(
        "--skip-training", action="store_true", help="score and maybe promote the candidate already in --work"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """``make model``: train a candidate (unless ``--skip-training``), then score it and maybe promote it."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.init_lr is not None and not args.init_from:
        parser.error("--init-lr continues a model: it needs --init-from")
    if args.init_optim and args.init_lr is None:
        parser.error("--init-optim needs --init-lr: the rate saved for SGD would throw it off")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    random.seed(args.seed)
    candidate = args.work / "candidate"
    if not args.skip_training:
        train_candidate(args, candidate)
    (candidate / "resources.json").write_text(RESOURCES_JSON, encoding="utf-8")
    score_and_promote(candidate, args.out, args.data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
