"""The model card (``pipeline/models/README.md``): what the shipped model is, how it was made, how it scores.

Written on every promotion from the measurements and the ``training.json`` records alone, so no figure in it
is typed by hand and a model's card follows it through continuations and soups.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pipeline.ner import CHARLMS
from pipeline.training.selection import dev_f1

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
    averaged = "; weights averaged (greedy soup, `python -m pipeline.training.soup`) with"
    for run in chain:  # any of them may be a soup (written by pipeline.training.soup): the runs averaged in
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
        f"(silver tags, `python -m pipeline.training.silver`: {', '.join(f'`{path}`' for path in silver)})"
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


def write_card(folder: Path, scores: dict, training: dict, data_dir: Path) -> None:
    """Write the card of the model in ``folder`` as its README.md.

    The card also reports the rule-based segmenter that splits text before it is tagged, measured here on
    UD Indonesian-GSD test when the datasets hold it, so its figures are as fresh as the model's.
    """
    from pipeline.segment import evaluate as evaluate_segmenter

    ud = data_dir / "ud" / "UD_Indonesian-GSD" / "id_gsd-ud-test.conllu"
    segmentation = evaluate_segmenter(ud) if ud.is_file() else None
    (folder / "README.md").write_text(model_card(scores, training, segmentation, folder), encoding="utf-8")


AUXILIARY_NOTE = """ This model was trained with EVT and FNB as classes of
their own (`--auxiliary`), so event and food names need not be learnt as O beside look-alike names of
organisations and places; its EVT and FNB tags become O when tagging."""

MODEL_CARD = """# kabar-graph Indonesian NER model (stanza)

Written by `make model` (`python -m pipeline.training.train_ner`); every figure below is measured by it.

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
