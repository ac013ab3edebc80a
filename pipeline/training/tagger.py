"""Running stanza's NER trainer (``stanza.models.ner_tagger``) on a work folder made ready for it.

The work folder holds ``train.json`` and ``dev.json`` (:func:`pipeline.training.data.to_stanza_json`), the
pretrain file and, with ``--charlm``, the character language models (:mod:`pipeline.training.vectors`).
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path

from pipeline.conll import AUXILIARY
from pipeline.ner import CHARLMS, NER_MODEL, PRETRAIN

logger = logging.getLogger("pipeline.training.tagger")

#: optimisers stanza's trainer builds (``stanza.models.common.utils.dispatch_optimizer``)
OPTIMISERS = ("sgd", "adam", "adamw", "adamax", "adagrad")


def train_tagger(work: Path, args: argparse.Namespace) -> Path:
    """Run stanza's NER trainer in a child process, stopped after ``--max-minutes`` if given.

    stanza saves the checkpoint that is best on dev at each evaluation, so a run stopped by the clock still
    leaves the best model it reached; a child process is what lets the clock stop it. The checkpoint is
    loaded once afterwards, so a stop that landed in the middle of a save fails here, not at promotion.
    """
    save = work / "saved"
    command = [
        sys.executable, "-m", "stanza.models.ner_tagger",
        "--mode", "train",
        "--shorthand", "id_kabar",
        "--train_file", str(work / "train.json"),
        "--eval_file", str(work / "dev.json"),
        "--wordvec_pretrain_file", str(work / PRETRAIN),
        "--save_dir", str(save),
        "--save_name", NER_MODEL,
        "--max_steps", str(args.max_steps),
        "--max_steps_no_improve", str(args.max_steps_no_improve),
        "--eval_interval", str(args.eval_interval),
        "--word_dropout", str(args.word_dropout),
        "--dropout", str(args.dropout),
        "--batch_size", "32",
        "--seed", str(args.seed),
        *([] if args.gpu else ["--cpu"]),
        *(["--charlm", "--charlm_shorthand", "id_kabar", "--charlm_forward_file", str(work / CHARLMS[0]),
           "--charlm_backward_file", str(work / CHARLMS[1])] if args.charlm else []),
        *(["--finetune", "--finetune_load_name", str(continuation(args, work))] if args.init_from else []),
        *(["--ignore_tag_scores", ",".join(AUXILIARY)] if args.auxiliary else []),  # dev scored as ours is
        *args.tagger_arg,
    ]  # fmt: skip
    child = subprocess.Popen(command)
    try:
        code = child.wait(timeout=args.max_minutes * 60 if args.max_minutes else None)
    except subprocess.TimeoutExpired:
        logger.info(
            "stopping the tagger training after %s minutes; keeping its best checkpoint", args.max_minutes
        )
        child.terminate()
        child.wait()
    else:
        if code:
            raise RuntimeError(f"stanza's NER trainer failed with exit status {code}; its log is above")
    model = save / NER_MODEL
    if not model.is_file():
        raise RuntimeError(f"the NER trainer stopped before its first dev evaluation saved {model}")
    import torch

    torch.load(model, map_location="cpu", weights_only=False)
    return model


def continuation(args: argparse.Namespace, work: Path) -> Path:
    """The checkpoint to continue training from.

    stanza builds the optimiser from the learning rate saved in the loaded checkpoint, not from ``--lr``,
    so a continued run restarts at 0.1. ``--init-lr`` writes a copy of the checkpoint carrying the rate to
    resume at, which lets a run go on near the optimum it left instead of climbing out of it again.
    ``--init-optim`` swaps the optimiser in the same copy, as stanza's own ``--second_optim`` does once its
    first optimiser stalls: an adaptive one takes per-weight steps that SGD's single rate cannot.
    """
    model = args.init_from / NER_MODEL
    if args.init_lr is None:
        return model
    import torch

    checkpoint = torch.load(model, map_location="cpu", weights_only=False)
    checkpoint["config"]["lr"] = args.init_lr
    if args.init_optim:
        checkpoint["config"]["optim"] = args.init_optim
    copy = work / f"init_{NER_MODEL}"
    torch.save(checkpoint, copy)
    return copy


def device(gpu: bool) -> str:
    """What the training ran on, for the model card."""
    import torch

    return f"one {torch.cuda.get_device_name(0)} GPU" if gpu else f"a {os.cpu_count()}-core CPU"
