"""Train the shipped Indonesian NER model with stanza's own trainer (``make model``).

Steps, each writing into a work folder so a crashed run can be inspected:
1. convert the three shared corpora to one PER/LOC/ORG scheme (see :mod:`pipeline.conll`) as stanza JSON,
   with ``--silver`` adding machine-tagged sentences (see :mod:`pipeline.silver`);
2. train 100-d skip-gram word2vec vectors (gensim) on the unlabelled Indonesian text plus the training
   sentences, and turn them into a stanza pretrain file; with ``--charlm``, also a forward and a backward
   character language model (stanza's charlm trainer) on the same text;
3. train ``stanza.models.ner_tagger`` on the concatenated training splits, choosing the best checkpoint on the
   concatenated dev splits;
4. score the candidate on every dev and test split, and promote it into ``pipeline/models/`` (with a new
   model card) only if its mean dev F1 beats the shipped model's, so the repository history only grows
   when the model gets better.

Test splits are never read before step 4 and never used for any choice.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.conll import AUXILIARY, Sentence, read_conll, score, spans
from pipeline.ner import CHARLMS, MODELS_DIR, NER_MODEL, PRETRAIN, load_tagger, tag_sentences

logger = logging.getLogger("pipeline.train_ner")


#: corpus folder -> (train, dev, test) file names
CORPORA: dict[str, tuple[str, str, str]] = {
    "idner-news-2k": ("train.txt", "dev.txt", "test.txt"),
    "indonlu-nergrit": ("train.txt", "valid.txt", "test.txt"),
    "indonlu-nerp": ("train.txt", "valid.txt", "test.txt"),
}


#: optimisers stanza's trainer builds (``stanza.models.common.utils.dispatch_optimizer``)
OPTIMISERS = ("sgd", "adam", "adamw", "adamax", "adagrad")

#: corpora written in normal case (NER-PROSA is lowercased), used for mention replacement
CASED = ("idner-news-2k", "indonlu-nergrit")


def to_stanza_json(sentences: list[Sentence]) -> list[list[dict[str, str]]]:
    """The JSON document layout ``stanza.models.ner_tagger`` trains on."""
    return [[{"text": t, "ner": g} for t, g in zip(s.tokens, s.tags)] for s in sentences]


def replace_mentions(sentences: list[Sentence], seed: int) -> list[Sentence]:
    """One copy of each sentence with entities, every entity swapped for a random one of the same type.

    Mention replacement (Dai and Adel, COLING 2020): the same contexts with other names teach the tagger to
    read the context, not to remember names, which matters for names it never saw (and for names that
    collide with common tokens, like "Xi" with the numeral XI).

    Example:
        >>> s = Sentence(["Jokowi", "ke", "Bali"], ["B-PER", "O", "B-LOC"])
        >>> replace_mentions([s, Sentence(["Budi", "Santoso"], ["B-PER", "I-PER"])], seed=0)[0]
        Sentence(tokens=['Budi', 'Santoso', 'ke', 'Bali'], tags=['B-PER', 'I-PER', 'O', 'B-LOC'])
    """
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {}
    for s in sentences:
        for start, end, label in sorted(spans(s.tags)):
            pool.setdefault(label, []).append(s.tokens[start:end])
    out = []
    for s in sentences:
        found = sorted(spans(s.tags))
        if not found:
            continue
        tokens, tags, position = [], [], 0
        for start, end, label in found:
            tokens += s.tokens[position:start]
            tags += s.tags[position:start]
            name = rng.choice(pool[label])
            tokens += name
            tags += ["B-" + label] + ["I-" + label] * (len(name) - 1)
            position = end
        out.append(Sentence(tokens + s.tokens[position:], tags + s.tags[position:]))
    return out


def corpus_split(data_dir: Path, corpus: str, split: int, keep: tuple[str, ...] = ()) -> list[Sentence]:
    """One split (0 train, 1 dev, 2 test) of one corpus, labels mapped (but those in ``keep``), IOB repaired."""
    return read_conll(data_dir / "ner" / corpus / CORPORA[corpus][split], keep)


def split_sentences(data_dir: Path, split: int, keep: tuple[str, ...] = ()) -> list[Sentence]:
    """All corpora's sentences of one split (0 train, 1 dev, 2 test), corpus order kept."""
    return [s for corpus in CORPORA for s in corpus_split(data_dir, corpus, split, keep)]


def repeat_spec(spec: str) -> tuple[str, int]:
    """``"indonlu-nergrit=3"`` -> ``("indonlu-nergrit", 3)``: the ``--repeat`` argument type.

    Repeating a small corpus gives its annotation conventions (NERGrit tags schools as places, say) more
    weight in the one mixed training file, without touching any dev or test data.
    """
    corpus, _, times = spec.partition("=")
    if corpus not in CORPORA or not times.isdigit() or int(times) < 1:
        raise argparse.ArgumentTypeError(
            f"{spec!r}: expected CORPUS=N with N >= 1 and CORPUS one of {', '.join(CORPORA)}"
        )
    return corpus, int(times)


def unlabelled_text(data_dir: Path) -> list[str]:
    """The non-empty lines of the shared unlabelled text, one tokenised sentence each."""
    lines = (data_dir / "text" / "indonesian-sentences.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


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


def build_pretrain(vec_txt: Path, out_pt: Path) -> None:
    from stanza.models.common.pretrain import Pretrain

    Pretrain(str(out_pt), str(vec_txt), max_vocab=100000).load()


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


def evaluate_all(
    data_dir: Path, model_dir: Path, splits: tuple[str, ...] = ("dev", "test")
) -> dict[str, dict[str, float]]:
    """Score the model in ``model_dir`` on every corpus's ``splits``, and time the tagging.

    Choices made between models (the greedy soup's) ask for the dev splits alone, so no test split is read
    before the one model shipped is chosen.
    """
    tagger = load_tagger(model_dir)
    results: dict[str, dict[str, float]] = {}
    for corpus in CORPORA:
        for split, index in (("dev", 1), ("test", 2)):
            if split not in splits:
                continue
            sentences = corpus_split(data_dir, corpus, index)
            start = time.perf_counter()
            predicted = tag_sentences(tagger, [s.tokens for s in sentences])
            seconds = time.perf_counter() - start
            result = score([s.tags for s in sentences], predicted)
            result["tokens_per_second"] = sum(len(s.tokens) for s in sentences) / seconds
            results[f"{corpus}/{split}"] = result
            logger.info("%s %s: %s", corpus, split, result)
    return results


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``make model``; a function so tests build the same arguments."""
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
        help="add this CoNLL file's sentences to the training mix (silver tags: python -m pipeline.silver)",
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


def score_and_promote(candidate: Path, shipped: Path, data_dir: Path) -> bool:
    """Step 4 for any candidate folder, trained or averaged: score every split, keep the scores, maybe promote."""
    scores = evaluate_all(data_dir, candidate)
    (candidate / "model_scores.json").write_text(
        json.dumps(scores, indent=1, sort_keys=True), encoding="utf-8"
    )
    return promote(candidate, shipped, data_dir)


def kept_types(args: argparse.Namespace) -> tuple[str, ...]:
    """The corpus types training keeps as classes of their own: :data:`AUXILIARY` with ``--auxiliary``."""
    return AUXILIARY if args.auxiliary else ()


def training_mix(args: argparse.Namespace) -> list[Sentence]:
    """The one training file: every corpus's training split, its ``--augment`` and ``--repeat`` copies, and the
    ``--silver`` sentences."""
    keep = kept_types(args)
    mix = split_sentences(args.data, 0, keep)
    if args.augment:
        mix += replace_mentions(
            [s for corpus in CASED for s in corpus_split(args.data, corpus, 0, keep)], args.seed
        )
    for corpus, times in args.repeat:
        mix += corpus_split(args.data, corpus, 0, keep) * (times - 1)
    if args.silver:
        mix += read_conll(args.silver, keep)
    return mix


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


def device(gpu: bool) -> str:
    """What the training ran on, for the model card."""
    import torch

    return f"one {torch.cuda.get_device_name(0)} GPU" if gpu else f"a {os.cpu_count()}-core CPU"


def dev_f1(scores: dict[str, dict[str, float]]) -> float:
    """Mean entity F1 over the dev splits: the one number that decides whether a model is shipped."""
    values = [v["f1"] for k, v in scores.items() if k.endswith("/dev")]
    return sum(values) / len(values)


#: the least rise in mean dev F1 that replaces the shipped model: the last digit every score is reported with.
#: A smaller rise is what one tagging decision moves (one false positive fewer on NER-PROSA dev, the largest
#: split, raises the mean by about 0.00009): no measurable gain, while each model committed adds about 17 MB
#: to the repository's history.
MIN_GAIN = 0.0001


def beats(new: float, old: float) -> bool:
    """Whether mean dev F1 ``new`` is better than ``old`` by enough to count: promotion and soups both ask."""
    return new >= old + MIN_GAIN


def promote(candidate: Path, shipped: Path, data_dir: Path) -> bool:
    """Copy the candidate over the shipped model if it is better on the dev splits; write the model card."""
    new = json.loads((candidate / "model_scores.json").read_text(encoding="utf-8"))
    old_file = shipped / "model_scores.json"
    old = json.loads(old_file.read_text(encoding="utf-8")) if old_file.is_file() else None
    if old is not None and not beats(dev_f1(new), dev_f1(old)):
        logger.info(
            "candidate dev F1 %.5f does not beat shipped %.5f by %s: not promoted",
            dev_f1(new),
            dev_f1(old),
            MIN_GAIN,
        )
        return False
    shipped.mkdir(parents=True, exist_ok=True)
    for name in CHARLMS:  # a model without character language models must not load stale ones
        (shipped / name).unlink(missing_ok=True)
    for name in (NER_MODEL, PRETRAIN, *CHARLMS, "resources.json", "model_scores.json", "training.json"):
        if (candidate / name).is_file():
            shutil.copy(candidate / name, shipped / name)
    from pipeline.segment import evaluate as evaluate_segmenter

    ud = data_dir / "ud" / "UD_Indonesian-GSD" / "id_gsd-ud-test.conllu"
    segmentation = evaluate_segmenter(ud) if ud.is_file() else None
    training = json.loads((candidate / "training.json").read_text(encoding="utf-8"))
    (shipped / "README.md").write_text(model_card(new, training, segmentation, shipped), encoding="utf-8")
    logger.info("promoted: dev F1 %.5f", dev_f1(new))
    return True


#: stanza reads resources.json from the model folder even with download_method=None; this is all it needs
RESOURCES_JSON = '{"id": {"lang_name": "Indonesian"}}\n'


def lineage(record: dict) -> Iterator[dict]:
    """Every run whose weights a model holds, from its training.json: its own, the runs it was continued from,
    and the runs averaged into it or into any of those."""
    yield record
    for other in [record.get("previous"), *record.get("soup", [])]:
        if other:
            yield from lineage(other)


def model_card(scores: dict, training: dict, segmentation: dict | None, folder: Path) -> str:
    """The model card (``pipeline/models/README.md``), every figure taken from the measurements."""
    size = sum(p.stat().st_size for p in folder.glob("*.pt")) / 1e6
    rows = "\n".join(
        f"| {name} | {s['sentences']} | {s['precision']:.4f} | {s['recall']:.4f} | **{s['f1']:.4f}** "
        f"| {s['tokens_per_second']:,.0f} |"
        for name, s in sorted(scores.items())
    )
    seg = (
        f"| token | {segmentation['token_precision']:.4f} | {segmentation['token_recall']:.4f} "
        f"| {segmentation['token_f1']:.4f} |\n"
        f"| sentence | {segmentation['sentence_precision']:.4f} | {segmentation['sentence_recall']:.4f} "
        f"| {segmentation['sentence_f1']:.4f} |"
        if segmentation
        else "| (UD Indonesian-GSD test not found) | | | |"
    )
    keys = (
        "init_from",
        "init_lr",
        "init_optim",
        "augment",
        "auxiliary",
        "max_steps",
        "max_steps_no_improve",
        "dropout",
        "word_dropout",
        "dim",
        "seed",
        "charlm",
        "pretrain",
        "repeat",
        "silver",
        "tagger_arg",
        "max_minutes",
    )
    hyper = ", ".join(f"{k}={training[k]}" for k in keys if training.get(k) not in (None, "", "None"))
    unrecorded = "a 2-core CPU"  # runs from before the device was recorded all ran on this machine
    minutes = f"{training.get('minutes', '?')} minutes on {training.get('device', unrecorded)}"
    chain = [training]  # a model trained on from an earlier one: say what each run did
    while chain[-1].get("previous"):
        previous = chain[-1]["previous"]
        hyper += f"; continued from a model trained with max_steps={previous.get('max_steps')}"
        minutes += f", after {previous.get('minutes')} minutes on {previous.get('device', unrecorded)}"
        chain.append(previous)
    averaged = "; weights averaged (greedy soup, `python -m pipeline.soup`) with"
    for run in chain:  # any of them may be a soup (written by pipeline.soup): the runs averaged in
        for other in run.get("soup", []):
            if other == run.get("previous"):  # its own starting point, whose time is counted above
                hyper += f"{averaged} the model it was continued from (seed={other.get('seed')})"
                continue
            hyper += (
                f"{averaged} a run of seed={other.get('seed')}, init_lr={other.get('init_lr')}"
                f", max_minutes={other.get('max_minutes')}"
            )
            minutes += f", plus {other.get('minutes')} minutes for the run averaged in"
    silver = list(
        dict.fromkeys(run["silver"] for run in lineage(training) if run.get("silver") not in (None, "None"))
    )
    silver_note = (
        f", with the sentences of the unlabelled text below that a committee of models tagged alike "
        f"(silver tags, `python -m pipeline.silver`: {', '.join(f'`{path}`' for path in silver)})"
        if silver
        else ""
    )
    with_charlm = all((folder / name).is_file() for name in CHARLMS)
    facts = training.get("charlm_models", {})
    charlm = (
        f", and a forward and a backward character language model ({facts.get('hidden')} hidden units, "
        f"{facts.get('epochs')} epochs of stanza's charlm trainer on the same text)"
        if with_charlm
        else ""
    )
    charlm_files = ", " + " and ".join(f"`{name}`" for name in CHARLMS) if with_charlm else ""
    return MODEL_CARD.format(
        size=size, rows=rows, seg=seg, hyper=hyper, minutes=minutes, dev=dev_f1(scores), charlm=charlm,
        charlm_files=charlm_files, silver=silver_note,
        auxiliary=AUXILIARY_NOTE if training.get("auxiliary") == "True" else "",
    )  # fmt: skip


AUXILIARY_NOTE = """ This model was trained with EVT and FNB as classes of
their own (`--auxiliary`), so event and food names need not be learnt as O beside look-alike names of
organisations and places; its EVT and FNB tags become O when tagging."""

MODEL_CARD = """# kabar-graph Indonesian NER model (stanza)

Written by `make model` (`python -m pipeline.train_ner`); every figure below is measured by it.

## What it is
A stanza BiLSTM-CRF-style sequence tagger (`stanza.models.ner_tagger`, stanza 1.15.0) tagging **PER, LOC,
ORG** in tokenised Indonesian text, with 100-d skip-gram word2vec vectors (gensim) trained here{charlm}. Files:
`id_ner.pt` (tagger), `id_pretrain.pt` (word vectors), `resources.json` (minimal, so stanza loads with
`download_method=None`){charlm_files}; {size:.1f} MB in all.

## Data
Training: the training splits of IDNer-news-2k, NERGrit and NER-PROSA (`../shared/datasets/ner`), in one
file{silver}. Model selection: the three dev splits together. Test splits: scoring only.
Word vectors: `../shared/datasets/text/indonesian-sentences.txt` plus the training sentences, lowercased
(stanza looks pretrained words up lowercased).

Label mapping (`pipeline/conll.py`): PER/PERSON/PPL -> PER; LOC/PLACE/PLC -> LOC; ORG/ORGANISATION/IND -> ORG;
NER-PROSA's EVT (events) and FNB (food and beverage) -> O, because no other corpus marks them, the graph
has no use for them, and the targets score them as O.{auxiliary} Broken IOB (`I-X` after `O` or after another type) is
repaired to `B-X` when reading, in training and scoring alike.

## Training
Hyper-parameters: {hyper}; stanza defaults otherwise (SGD lr 0.1, batch 32, BIOES, char model on).
Training time: {minutes} (each whole `make model` run, vectors included).
Mean dev F1 (the promotion criterion): {dev:.4f}.

## Scores (entity-level, exact span and type, seqeval semantics; `python -m pipeline.ner evaluate FILE`)
| split | sentences | precision | recall | F1 | tokens/s |
|---|---|---|---|---|---|
{rows}

tokens/s: tagging speed on this 2-core machine, model loaded, one process, torch's default threads.
NER-PROSA is lowercased text; IDNer and NERGrit are cased.

## Sentence splitting and tokenisation (`pipeline/segment.py`, rule-based)
Measured on UD Indonesian-GSD test (`python -m pipeline.segment evaluate FILE`):

| level | precision | recall | F1 |
|---|---|---|---|
{seg}

## Limits
Trained on news and Wikipedia text of 2017-2020; names of later events and people rarer in that data are
tagged less reliably. The normalise stage corrects what it can (titles, repeats, types by vote).
"""


if __name__ == "__main__":
    raise SystemExit(main())
