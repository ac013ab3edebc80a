"""The tagger's inputs learnt from raw text: word2vec vectors, the stanza pretrain file, character LMs.

All of them are trained on the shared unlabelled Indonesian text plus the training sentences, never on a
dev or test sentence.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from pipeline.conll import Sentence
from pipeline.ner import CHARLMS
from pipeline.training.data import unlabelled_text

logger = logging.getLogger("pipeline.training.vectors")


def train_vectors(data_dir: Path, train: list[Sentence], out_txt: Path, dim: int, seed: int) -> None:
    """Skip-gram vectors on lowercased tokens (stanza looks pretrained words up lowercased)."""
    from gensim.models import Word2Vec

    corpus = [line.lower().split() for line in unlabelled_text(data_dir)]
    corpus += [[t.lower() for t in s.tokens] for s in train]
    logger.info("word2vec on %d sentences", len(corpus))
    model = Word2Vec(
        corpus, vector_size=dim, window=5, min_count=2, sg=1, negative=10, epochs=15, workers=2, seed=seed
    )
    model.wv.save_word2vec_format(str(out_txt), binary=False)


def build_pretrain(vec_txt: Path, out_pt: Path) -> None:
    """The stanza pretrain file of ``vec_txt``'s word2vec text vectors: the form the NER trainer loads."""
    from stanza.models.common.pretrain import Pretrain

    Pretrain(str(out_pt), str(vec_txt), max_vocab=100000).load()


def train_charlms(data_dir: Path, train: list[Sentence], work: Path, hidden: int, epochs: int) -> None:
    """Forward and backward character language models, side by side (one core each), into ``work``.

    Trained on the unlabelled text plus the training sentences; the last 600 lines of the unlabelled text
    are held out to choose each model's best epoch. The text is small (4 M characters), so a small model
    (``hidden`` units) learns what it can in a few epochs of a few minutes each.
    """
    lines = unlabelled_text(data_dir)
    folder = work / "charlm"
    (folder / "train").mkdir(parents=True, exist_ok=True)
    text = lines[:-600] + [" ".join(s.tokens) for s in train]
    (folder / "train" / "text.txt").write_text("\n".join(text) + "\n", encoding="utf-8")
    (folder / "dev.txt").write_text("\n".join(lines[-600:]) + "\n", encoding="utf-8")
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    runs = []
    for direction, name in zip(("forward", "backward"), CHARLMS):
        command = [
            sys.executable, "-m", "stanza.models.charlm", "--train_dir", str(folder / "train"),
            "--eval_file", str(folder / "dev.txt"), "--shorthand", "id_kabar", "--direction", direction,
            "--char_hidden_dim", str(hidden), "--cutoff", "5", "--epochs", str(epochs), "--eval_steps", "-1",
            "--save_dir", str(folder), "--save_name", name, "--vocab_save_name", f"{direction}_vocab.pt", "--cpu",
        ]  # fmt: skip
        log = open(folder / f"{direction}.log", "w", encoding="utf-8")
        runs.append((subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env), log))
    codes = [process.wait() for process, _ in runs]
    for (_, log), code in zip(runs, codes):
        log.close()
        if code != 0:
            raise RuntimeError(f"charlm training failed: see {log.name}")
    for name in CHARLMS:
        shutil.copy(folder / name, work / name)


def charlm_facts(path: Path) -> dict[str, int]:
    """Size and training epochs of a stanza character language model file, for the model card."""
    import torch

    saved = torch.load(path, map_location="cpu", weights_only=False)
    return {"hidden": saved["model"]["args"]["char_hidden_dim"], "epochs": saved["epoch"]}
