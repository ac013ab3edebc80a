"""A stanza ``Pipeline`` built from files in one folder only: what the NER stage and the parser share.

``download_method=None`` makes stanza read ``resources.json`` from the folder and never touch the network;
input is pretokenised (:mod:`pipeline.segment` tokenises), and the models run on the CPU.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from unittest.mock import patch

from pipeline.paths import MODELS_DIR


def trusting_load(load: Callable, folder: Path = MODELS_DIR) -> Callable:
    """``torch.load`` that reads the files of ``folder`` (the models this repository ships) with the full
    unpickler, and every other file as asked.

    Why: stanza loads its files with ``weights_only=True``, torch's restricted unpickler, which is written in
    Python and reads these files ten times slower (the NER model and its word vectors: 0.58 s against 0.06
    s); building the tagger takes 0.19 s instead of 0.52 s (``load_tagger()`` timed by hand, fifth session
    of 2026-11-29), when tagging one added article costs about 2.5 s, torch's and stanza's imports included.
    The restriction guards against a model file that runs code when unpickled; the files of the
    repository's own model folder are as trusted as its code, which could do the same. A model folder given
    with ``--model`` elsewhere keeps the restricted unpickler.

    Example:
        >>> seen = []
        >>> load = trusting_load(lambda f, **kw: seen.append(kw["weights_only"]))
        >>> load(MODELS_DIR / "id_ner.pt", weights_only=True); load("/elsewhere/id_ner.pt", weights_only=True)
        >>> seen
        [False, True]
    """
    root = Path(folder).resolve()

    def trusted(f, *args, **kwargs):
        if isinstance(f, str | os.PathLike) and Path(f).resolve().parent == root:
            kwargs["weights_only"] = False
        return load(f, *args, **kwargs)

    return trusted


def local_pipeline(model_dir: Path, kind: str, required: Iterable[str], processors: str, **options):
    """The pipeline of ``processors`` from ``model_dir``; ``FileNotFoundError`` names the first of the
    ``required`` files missing (``kind`` says whose: "NER model", "parser model").

    stanza's trainers build an optimizer even to predict, and torch's optimizer constructor imports
    torch._dynamo: about 1 s, a third of the NER stage's fixed cost when one new article is tagged (the
    tagger and parser trainers build theirs by ``get_split_optimizer``, 1.2 s of the parser's 1.5 s load).
    Predicting never touches the optimizer (only training's update and save do), so none is built here.
    The repository's own model files are unpickled in full (:func:`trusting_load`).
    """
    import stanza
    import torch
    from stanza.models.common import utils as stanza_utils

    model_dir = Path(model_dir)
    for name in (*required, "resources.json"):
        if not (model_dir / name).is_file():
            raise FileNotFoundError(f"{kind} file missing: {model_dir / name}")
    with (
        patch.object(stanza_utils, "get_optimizer", lambda *args, **kwargs: None),
        patch.object(stanza_utils, "get_split_optimizer", lambda *args, **kwargs: {}),
        patch.object(torch, "load", trusting_load(torch.load)),
    ):
        return stanza.Pipeline(
            lang="id",
            dir=str(model_dir),
            processors=processors,
            tokenize_pretokenized=True,
            download_method=None,
            logging_level="WARN",
            use_gpu=False,
            **options,
        )
