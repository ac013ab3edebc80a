"""A stanza ``Pipeline`` built from files in one folder only: what the NER stage and the parser share.

``download_method=None`` makes stanza read ``resources.json`` from the folder and never touch the network;
input is pretokenised (:mod:`pipeline.segment` tokenises), and the models run on the CPU.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from unittest.mock import patch


def local_pipeline(model_dir: Path, kind: str, required: Iterable[str], processors: str, **options):
    """The pipeline of ``processors`` from ``model_dir``; ``FileNotFoundError`` names the first of the
    ``required`` files missing (``kind`` says whose: "NER model", "parser model").

    stanza's trainers build an optimizer even to predict, and torch's optimizer constructor imports
    torch._dynamo: about 1 s, a third of the NER stage's fixed cost when one new article is tagged (the
    tagger and parser trainers build theirs by ``get_split_optimizer``, 1.2 s of the parser's 1.5 s load).
    Predicting never touches the optimizer (only training's update and save do), so none is built here.
    """
    import stanza
    from stanza.models.common import utils as stanza_utils

    model_dir = Path(model_dir)
    for name in (*required, "resources.json"):
        if not (model_dir / name).is_file():
            raise FileNotFoundError(f"{kind} file missing: {model_dir / name}")
    with (
        patch.object(stanza_utils, "get_optimizer", lambda *args, **kwargs: None),
        patch.object(stanza_utils, "get_split_optimizer", lambda *args, **kwargs: {}),
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
