"""Universal Dependencies CoNLL-U files, read as the pipeline tokenises: one token per written word.

UD splits clitics off their host ("menyetujuinya" is the multi-word token ``menyetujui`` + ``nya``), while
:mod:`pipeline.segment`, which tokenises the articles, keeps the written word whole. A parser trained on the
split words would see words at run time that it never saw split, so the treebanks are read with each
multi-word token folded back into one word: the word keeps the syntax of the part whose head lies outside the
token (the verb, not its ``-nya`` object), and the parts' dependents attach to it.

Two more choices make the treebanks one training set: the language-specific ``XPOS`` column is dropped
(CSUI writes Penn tags, GSD MorphInd tags), and the lemma is the word itself, which is what stanza's identity
lemmatiser gives the parser at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Word:
    """One word of a parsed sentence: 1-based ``head`` (0 for the root) and the relation to it."""

    text: str
    upos: str
    feats: str
    head: int
    deprel: str


@dataclass(frozen=True)
class Tree:
    """A sentence with its gold or predicted analysis."""

    sent_id: str
    words: tuple[Word, ...]


def read_conllu(path: Path) -> list[Tree]:
    """The sentences of a CoNLL-U file, multi-word tokens folded (module docstring).

    Raises ``ValueError`` naming the file and line of a malformed row.
    """
    trees: list[Tree] = []
    with Path(path).open(encoding="utf-8") as handle:
        for sent_id, rows in _blocks(handle, str(path)):
            trees.append(Tree(sent_id or f"{Path(path).stem}-{len(trees) + 1}", tuple(_fold(rows))))
    return trees


def _blocks(lines: Iterable[str], where: str) -> Iterator[tuple[str, list[tuple[int, list[str]]]]]:
    sent_id, rows = "", []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if line.startswith("#"):
            if line.startswith("# sent_id"):
                sent_id = line.partition("=")[2].strip()
            continue
        if not line.strip():
            if rows:
                yield sent_id, rows
            sent_id, rows = "", []
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise ValueError(
                f"{where}:{number}: a CoNLL-U row has 10 tab-separated fields, this one {len(fields)}"
            )
        rows.append((number, fields))
    if rows:
        yield sent_id, rows


def _fold(rows: list[tuple[int, list[str]]]) -> list[Word]:
    """The words of one sentence with each multi-word token made one word (module docstring)."""
    spans: dict[int, tuple[int, str]] = {}  # first word id -> (last word id, surface)
    words: dict[int, list[str]] = {}
    for _, fields in rows:
        if "-" in fields[0]:
            first, last = (int(x) for x in fields[0].split("-"))
            spans[first] = (last, fields[1])
        elif "." not in fields[0]:  # empty nodes of enhanced UD carry no basic tree
            words[int(fields[0])] = fields
    new_id: dict[int, int] = {0: 0}
    kept: list[tuple[str, list[str]]] = []
    ids = sorted(words)
    k = 0
    while k < len(ids):
        first = ids[k]
        last, surface = spans.get(first, (first, words[first][1]))
        parts = [i for i in ids[k:] if i <= last]
        host = next((i for i in parts if not first <= int(words[i][6]) <= last), first)
        for i in parts:
            new_id[i] = len(kept) + 1
        kept.append((surface, words[host]))
        k += len(parts)
    return [
        Word(surface, fields[3], fields[5], new_id[int(fields[6])], fields[7]) for surface, fields in kept
    ]


def format_conllu(trees: Iterable[Tree]) -> str:
    """CoNLL-U text of ``trees`` in the form stanza's trainers read (lemma = word, no XPOS)."""
    out = []
    for tree in trees:
        out.append(f"# sent_id = {tree.sent_id}")
        out.append(f"# text = {' '.join(w.text for w in tree.words)}")
        for i, w in enumerate(tree.words, start=1):
            out.append(f"{i}\t{w.text}\t{w.text}\t{w.upos}\t_\t{w.feats}\t{w.head}\t{w.deprel}\t_\t_")
        out.append("")
    return "\n".join(out) + "\n"


def attachment_scores(gold: list[Tree], predicted: list[Tree]) -> dict[str, float]:
    """UAS, LAS and UPOS accuracy over all words, punctuation included (CoNLL 2018 shared task style).

    ``LAS`` compares the universal part of the relation (``nsubj:pass`` counts as ``nsubj``), as the
    shared task's evaluation does.
    """
    total = uas = las = upos = 0
    for g_tree, p_tree in zip(gold, predicted, strict=True):
        if len(g_tree.words) != len(p_tree.words):
            raise ValueError(
                f"sentence {g_tree.sent_id}: {len(g_tree.words)} gold words, {len(p_tree.words)} parsed"
            )
        for g, p in zip(g_tree.words, p_tree.words):
            total += 1
            upos += g.upos == p.upos
            if g.head == p.head:
                uas += 1
                las += g.deprel.split(":")[0] == p.deprel.split(":")[0]
    if not total:
        raise ValueError("no words to score")
    return {"UAS": uas / total, "LAS": las / total, "UPOS": upos / total, "words": total}
