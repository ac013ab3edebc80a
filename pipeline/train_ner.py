"""Train the shipped Indonesian NER model with stanza's own trainer (``make model``).

Steps, each writing into a work folder so a crashed run can be inspected:
1. convert the three shared corpora to one PER/LOC/ORG scheme (see :mod:`pipeline.conll`) as stanza JSON;
2. train 100-d skip-gram word2vec vectors (gensim) on the unlabelled Indonesian text plus the training
   sentences, and turn them into a stanza pretrain file;
3. train ``stanza.models.ner_tagger`` on the concatenated training splits, choosing the best checkpoint on the
   concatenated dev splits;
4. copy the model into ``pipeline/models/`` and score it on every dev and test split (``model_scores.json``).

Test splits are never read before step 4.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
from pathlib import Path

from pipeline.conll import Sentence, read_conll, score
from pipeline.ner import MODELS_DIR, NER_MODEL, PRETRAIN, load_tagger, tag_sentences

logger = logging.getLogger("pipeline.train_ner")


#: corpus folder -> (train, dev, test) file names
CORPORA: dict[str, tuple[str, str, str]] = {
    "idner-news-2k": ("train.txt", "dev.txt", "test.txt"),
    "indonlu-nergrit": ("train.txt", "valid.txt", "test.txt"),
    "indonlu-nerp": ("train.txt", "valid.txt", "test.txt"),
}


def to_stanza_json(sentences: list[Sentence]) -> list[list[dict[str, str]]]:
    """The JSON document layout ``stanza.models.ner_tagger`` trains on."""
    return [[{"text": t, "ner": g} for t, g in zip(s.tokens, s.tags)] for s in sentences]


def split_sentences(data_dir: Path, split: int) -> list[Sentence]:
    """All corpora's sentences of one split (0 train, 1 dev, 2 test), corpus order kept."""
    out: list[Sentence] = []
    for corpus, files in CORPORA.items():
        out.extend(read_conll(data_dir / "ner" / corpus / files[split]))
    return out


def train_vectors(data_dir: Path, train: list[Sentence], out_txt: Path, dim: int, seed: int) -> None:
    """Skip-gram vectors on lowercased tokens (stanza looks pretrained words up lowercased)."""
    from gensim.models import Word2Vec

    text = data_dir / "text" / "indonesian-sentences.txt"
    corpus = [line.lower().split() for line in text.read_text(encoding="utf-8").splitlines() if line]
    corpus += [[t.lower() for t in s.tokens] for s in train]
    logger.info("word2vec on %d sentences", len(corpus))
    model = Word2Vec(
        corpus, vector_size=dim, window=5, min_count=2, sg=1, negative=10, epochs=15, workers=2, seed=seed
    )
    model.wv.save_word2vec_format(str(out_txt), binary=False)


def build_pretrain(vec_txt: Path, out_pt: Path) -> None:
    from stanza.models.common.pretrain import Pretrain

    Pretrain(str(out_pt), str(vec_txt), max_vocab=100000).load()


def train_tagger(work: Path, args: argparse.Namespace) -> Path:
    from stanza.models import ner_tagger

    save = work / "saved"
    ner_tagger.main(
        [
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
            "--cpu",
        ]
    )  # fmt: skip
    return save / NER_MODEL


def evaluate_all(data_dir: Path, model_dir: Path) -> dict[str, dict[str, float]]:
    """Score the model in ``model_dir`` on every dev and test split, and time the tagging."""
    tagger = load_tagger(model_dir)
    results: dict[str, dict[str, float]] = {}
    for corpus, files in CORPORA.items():
        for split, name in (("dev", files[1]), ("test", files[2])):
            sentences = read_conll(data_dir / "ner" / corpus / name)
            start = time.perf_counter()
            predicted = tag_sentences(tagger, [s.tokens for s in sentences])
            seconds = time.perf_counter() - start
            result = score([s.tags for s in sentences], predicted)
            result["tokens_per_second"] = sum(len(s.tokens) for s in sentences) / seconds
            results[f"{corpus}/{split}"] = result
            logger.info("%s %s: %s", corpus, split, result)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.train_ner", description=__doc__.splitlines()[0])
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
    parser.add_argument("--evaluate-only", action="store_true", help="only score the model in --out")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    random.seed(args.seed)

    if not args.evaluate_only:
        args.work.mkdir(parents=True, exist_ok=True)
        train = split_sentences(args.data, 0)
        dev = split_sentences(args.data, 1)
        for name, sentences in (("train", train), ("dev", dev)):
            (args.work / f"{name}.json").write_text(json.dumps(to_stanza_json(sentences)), encoding="utf-8")
        logger.info("%d train, %d dev sentences", len(train), len(dev))
        start = time.perf_counter()
        vec_txt = args.work / "vectors.txt"
        train_vectors(args.data, train, vec_txt, args.dim, args.seed)
        build_pretrain(vec_txt, args.work / PRETRAIN)
        model = train_tagger(args.work, args)
        minutes = (time.perf_counter() - start) / 60
        staging = args.work / "candidate"
        staging.mkdir(exist_ok=True)
        shutil.copy(model, staging / NER_MODEL)
        shutil.copy(args.work / PRETRAIN, staging / PRETRAIN)
        (staging / "training.json").write_text(
            json.dumps(
                {"minutes": round(minutes, 1), **{k: str(v) for k, v in vars(args).items()}}, indent=1
            ),
            encoding="utf-8",
        )
        logger.info("trained in %.1f minutes; candidate in %s", minutes, staging)
        model_dir = staging
    else:
        model_dir = args.out
    scores = evaluate_all(args.data, model_dir)
    (model_dir / "model_scores.json").write_text(
        json.dumps(scores, indent=1, sort_keys=True), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
