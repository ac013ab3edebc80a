"""The shipped Indonesian dependency parser: stanza's POS tagger and parser, trained here on UD.

stanza has no reachable Indonesian models, so ``python -m pipeline.training.train_parser`` trains both on the
UD treebanks in the shared data and ships them in ``pipeline/models`` next to the NER model, whose word
vectors they share. They are loaded from local files only (``download_method=None``); lemmas are the words
themselves (stanza's identity lemmatiser), as they were in training (:mod:`pipeline.conllu`).

The relations stage parses only the sentences that can hold a relation. A sentence the parser should not be
given (too long, or without a letter) is refused by :func:`parseable`, and counted by the caller.

Command line::

    python -m pipeline.parse evaluate FILE.conllu [--json]   # UAS, LAS and UPOS against FILE's gold trees
    python -m pipeline.parse parse "Kalimat yang akan diurai."  # one sentence, CoNLL-U on stdout
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from pipeline.conllu import Tree, Word, attachment_scores, format_conllu, read_conllu
from pipeline.local_stanza import local_pipeline
from pipeline.paths import MODELS_DIR, PRETRAIN

POS_MODEL = "id_pos.pt"
PARSER_MODEL = "id_depparse.pt"
#: what a parser folder holds, and what the relations stage's cache is keyed on
MODEL_FILES = (POS_MODEL, PARSER_MODEL, PRETRAIN)
#: the parser's model card: scores on dev and the two test sets, how it was trained, file sizes
CARD = "parser_scores.json"

#: longest sentence parsed, in tokens: the biaffine scorer is quadratic in it, and news sentences past it are
#: lists, tables or text run together by the scraper, not prose the relation rules can read
MAX_TOKENS = 120


def load_parser(model_dir: Path = MODELS_DIR):
    """A stanza ``Pipeline`` (pretokenised input, POS, identity lemmas, depparse) built from local files
    (:func:`pipeline.local_stanza.local_pipeline`)."""
    model_dir = Path(model_dir)
    return local_pipeline(
        model_dir,
        "parser model",
        MODEL_FILES,
        "tokenize,pos,lemma,depparse",
        pos_model_path=str(model_dir / POS_MODEL),
        pos_pretrain_path=str(model_dir / PRETRAIN),
        lemma_use_identity=True,
        depparse_model_path=str(model_dir / PARSER_MODEL),
        depparse_pretrain_path=str(model_dir / PRETRAIN),
        pos_batch_size=3000,
        depparse_batch_size=3000,
    )


def parseable(tokens: Sequence[str]) -> bool:
    """Whether a sentence is one the parser is given: 2 to :data:`MAX_TOKENS` tokens, some of them words."""
    return 2 <= len(tokens) <= MAX_TOKENS and any(any(c.isalpha() for c in t) for t in tokens)


def parse(parser, sentences: Sequence[Sequence[str]]) -> list[Tree]:
    """Trees of pretokenised ``sentences``, one word per token, in order."""
    if not sentences:
        return []
    document = parser([list(tokens) for tokens in sentences])
    return [
        Tree(
            str(k),
            tuple(
                Word(w.text, w.upos or "X", w.feats or "_", int(w.head or 0), w.deprel or "dep")
                for w in sentence.words
            ),
        )
        for k, sentence in enumerate(document.sentences)
    ]


def evaluate(parser, gold: list[Tree]) -> dict[str, float]:
    """UAS, LAS and UPOS of ``parser`` on the gold trees' words (:func:`pipeline.conllu.attachment_scores`)."""
    predicted = parse(parser, [[w.text for w in tree.words] for tree in gold])
    return {k: round(v, 4) for k, v in attachment_scores(gold, predicted).items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.parse", description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=MODELS_DIR, help="folder with the parser's files")
    commands = parser.add_subparsers(dest="command", required=True)
    evaluate_cmd = commands.add_parser("evaluate", help="score against a CoNLL-U file's gold trees")
    evaluate_cmd.add_argument("file", type=Path)
    evaluate_cmd.add_argument("--json", action="store_true", help="print the scores as JSON")
    parse_cmd = commands.add_parser("parse", help="parse one sentence (tokenised by pipeline.segment)")
    parse_cmd.add_argument("text")
    args = parser.parse_args(argv)
    try:
        if args.command == "evaluate":
            gold = read_conllu(args.file)
            scores = evaluate(load_parser(args.model), gold)
            print(json.dumps(scores) if args.json else "  ".join(f"{k} {v}" for k, v in scores.items()))
        else:
            from pipeline.segment import segment

            sentences = [[t.text for t in piece] for piece in segment(args.text)]
            print(format_conllu(parse(load_parser(args.model), sentences)), end="")
    except (OSError, ValueError) as error:
        print(f"parse: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
