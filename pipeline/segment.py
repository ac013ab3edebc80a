"""Rule-based sentence splitting and tokenisation of Indonesian news text, with exact character offsets.

Why rules and not a model: the pipeline needs offsets that always round-trip into the article, behaviour that
can be read and fixed line by line, and speed; the conventions to follow are those of UD Indonesian-GSD
(measured with the ``evaluate`` command below), which a handful of regular expressions reproduce well.

Approach, in three passes over each line (a line break always ends a sentence: the articles here have one
paragraph per line):

1. **Tokens.** One compiled regular expression is scanned over the line. Its alternatives, tried in order:
   URLs, e-mail addresses, web domains (``Kompas.com``), @handles, dotted abbreviations
   (``S.H``, ``a.n``, ``A.S``: accepted only when listed or made of single capitals, otherwise re-tokenised),
   ``Rp`` glued to a number, words, then single punctuation characters. A word is a run of letters/digits
   joined by inner hyphens (``isu-isu``, ``Rusia-Tiongkok``, ``ke-5``, ``1960-an``) or apostrophes
   (``Jum'at``); digits joined by ``.``, ``,`` or ``:`` stay one number (``1.000``, ``3,5``, ``10.30``).
   Everything else is one token per character, as in GSD: ``98%`` is ``98 %``, ``14/5/2024`` is five
   tokens, an ellipsis ``...`` is three ``.`` tokens, and the period of an abbreviation is its own token
   (GSD writes ``Dr . Soetomo``); only GSD's LaTeX-style quotes (two backticks, two apostrophes) and runs of
   ``-`` are kept together. Clitics
   (``-nya``, ``-lah``, ``-ku``) stay inside the word: GSD splits them only as syntactic words under one
   surface token. Every alternative is written so that no position is rescanned more than a constant
   number of times, so a 5 MB line without spaces is still processed in linear time.
2. **Abbreviation periods.** A ``.`` right after a listed abbreviation (``pipeline/resources/
   abbreviations.txt``) or a single capital letter is marked as never (titles: ``Dr.``, ``Jl.``, ``J.``) or
   only sometimes (``dll.``, ``Tbk.``, degrees) ending a sentence.
3. **Sentences.** A sentence ends after ``.``, ``!``, ``?``, ``…`` (or a run of them) plus any closing
   quotes/brackets attached to it (``kata dia.”``), when the next token starts a sentence: a capital letter,
   a digit, or an opening quote/bracket/dash. So ``“Apa?” tanya dia`` and ``tunggu... lalu`` stay one
   sentence. Sentences longer than ``max_tokens`` are cut (preferably after a comma or semicolon in the
   second half of the window) so downstream memory stays bounded.

Command line: ``python -m pipeline.segment evaluate FILE.conllu [--json]`` scores the segmenter against a
CoNLL-U treebank (see :func:`evaluate`).

Example:
    >>> [[t.text for t in s] for s in segment("Dr. Budi tiba pukul 10.30. Dia senang.")]
    [['Dr', '.', 'Budi', 'tiba', 'pukul', '10.30', '.'], ['Dia', 'senang', '.']]
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pipeline.paths import resource

ABBREVIATIONS_FILE = resource("abbreviations.txt")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: ``text == article_text[start:end]`` for the text given to :func:`segment`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Abbreviations:
    """Abbreviations (with their final period) whose period never / only sometimes ends a sentence."""

    never_final: frozenset[str]
    may_end: frozenset[str]

    def kind(self, form: str) -> int:
        """``_NEVER``, ``_MAY_END`` or ``_NOT_ABBR`` for ``form`` written with its final period.

        Why the ALL-CAPS fallback: headlines and addresses are often capitalised (``JL. SUDIRMAN``, ``DLL.``).

        >>> load_abbreviations().kind("Dr.") == _NEVER, load_abbreviations().kind("dll.") == _MAY_END
        (True, True)
        """
        candidates = (form, form.title(), form.lower()) if form.isupper() else (form,)
        for candidate in candidates:
            if candidate in self.never_final:
                return _NEVER
            if candidate in self.may_end:
                return _MAY_END
        return _NOT_ABBR


_NOT_ABBR, _NEVER, _MAY_END = 0, 1, 2


@lru_cache(maxsize=4)
def load_abbreviations(path: Path = ABBREVIATIONS_FILE) -> Abbreviations:
    """Read the abbreviation list once (cached): one form per line, ``#`` comments, optional ``end`` column.

    Why a data file: the list grows with the corpus and is reviewed by people who do not read regexes.

    >>> "Prof." in load_abbreviations().never_final
    True
    """
    never: set[str] = set()
    may_end: set[str] = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = line.split()
        form = fields[0]
        if not form.endswith("."):
            raise ValueError(f"{path}: abbreviation {form!r} must end with a period")
        (may_end if len(fields) > 1 and fields[1] == "end" else never).add(form)
    return Abbreviations(frozenset(never), frozenset(may_end))


# Characters that never belong to a URL, and those that may not end one (trailing sentence punctuation).
_URL_STOP = r"""\s<>"“”‘’«»()\[\]{}"""
_URL_TAIL_STOP = _URL_STOP + r""".,;:!?'…\-"""
_TLDS = r"com|net|org|id|co\.id|go\.id|ac\.id|or\.id|info|io|gov|edu|tv|news|asia|ru|uk|au|my|sg|cn|jp|us"

_TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?<![\w@])(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^{_URL_STOP}]*[^{_URL_TAIL_STOP}])
  | (?P<email>(?<![\w.+\-])[\w.+\-]+@[^\W_][\w\-]*(?:\.[\w\-]+)+)
  | (?P<domain>(?<![\w.@/\-])[^\W_][\w\-]*(?:\.[\w\-]+)*\.(?i:{_TLDS})(?![\w\-]|\.\w))
  | (?P<handle>(?<![\w@])@[^\W\d_]\w*)
  | (?P<dotted>(?<![\w.])(?:[^\W\d_]{{1,4}}\.)+[^\W\d_]{{1,4}}(?=\.))
  | (?P<currency>(?<!\w)Rp(?=\d))
  | (?P<word>\w+(?:(?:[\-'’]|(?<=\d)[.,:](?=\d))\w+)*)
  | (?P<multi>``|''|-{{2,}})
  | (?P<skip>[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+)
  | (?P<other>\S)
    """,
    re.VERBOSE,
)
#: Used to re-tokenise a rejected ``dotted`` candidate: words and single characters only.
_PLAIN_RE = re.compile(r"(?P<word>\w+)|(?P<other>\S)")
#: Line breaks: the same set as ``str.splitlines``; each one ends a sentence.
_LINE_RE = re.compile(r"[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")

_END_MARKS = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({"”", "’", ")", "]", "»", "''", '"', "'", "}"})
_AMBIGUOUS_QUOTES = frozenset({'"', "'"})
_OPENERS = frozenset({"“", "‘", "(", "[", "«", "``", '"', "'", "–", "—", "-", "{", "¿", "¡"})
_SOFT_BREAKS = frozenset({",", ";", ":", "–", "—"})

# Token kinds used internally while splitting.
_K_WORD, _K_PUNCT, _K_ABBR_DOT_NEVER, _K_ABBR_DOT_MAY = 0, 1, 2, 3


def _tokenize_line(
    text: str, start: int, end: int, abbreviations: Abbreviations
) -> list[tuple[int, int, int]]:
    """``(start, end, kind)`` triples for ``text[start:end]``, a line without line breaks.

    Why triples and not Tokens: the sentence pass needs the kind, and a 5 MB line has a million tokens.

    >>> _tokenize_line("Dr. Budi", 0, 8, load_abbreviations())
    [(0, 2, 0), (2, 3, 2), (4, 8, 0)]
    """
    out: list[tuple[int, int, int]] = []
    for match in _TOKEN_RE.finditer(text, start, end):
        kind = match.lastgroup
        s, e = match.span()
        if kind == "skip":
            continue
        if kind == "dotted":
            form = text[s:e] + "."
            if abbreviations.kind(form) == _NOT_ABBR and not _is_initialism(form):
                for sub in _PLAIN_RE.finditer(text, s, e):
                    _append(out, text, sub.start(), sub.end(), sub.lastgroup == "word", abbreviations)
                continue
        _append(out, text, s, e, kind not in ("other", "multi"), abbreviations)
    return out


def _append(
    out: list[tuple[int, int, int]], text: str, s: int, e: int, is_word: bool, abbreviations: Abbreviations
) -> None:
    """Append one token; a period glued to a preceding word is classified as abbreviation period or not."""
    if is_word:
        out.append((s, e, _K_WORD))
    elif text[s:e] == "." and out and out[-1][1] == s and out[-1][2] == _K_WORD:
        out.append((s, e, _abbreviation_dot_kind(text[out[-1][0] : e], abbreviations)))
    else:
        out.append((s, e, _K_PUNCT))


def _is_initialism(form: str) -> bool:
    """True for dotted single capitals such as ``A.S.`` or ``J.K.`` (``form`` includes the final period)."""
    parts = form[:-1].split(".")
    return all(len(p) == 1 and p.isupper() for p in parts)


def _abbreviation_dot_kind(form: str, abbreviations: Abbreviations) -> int:
    """Kind of the period closing ``form`` (word plus period): abbreviation period or plain punctuation."""
    listed = abbreviations.kind(form)
    if listed == _NEVER:
        return _K_ABBR_DOT_NEVER
    if listed == _MAY_END:
        return _K_ABBR_DOT_MAY
    if _is_initialism(form):
        return _K_ABBR_DOT_NEVER
    return _K_PUNCT


def _starts_sentence(text: str, token: tuple[int, int, int], previous_end: int) -> bool:
    """Whether ``token`` can open a sentence: capital letter, digit, or an opening quote/bracket/dash.

    An ambiguous straight quote opens only when it is separated from what precedes it.
    """
    first = text[token[0]]
    if first.isupper() or first.isdigit():
        return True
    form = text[token[0] : token[1]]
    if form in _OPENERS:
        return form not in _AMBIGUOUS_QUOTES or token[0] > previous_end
    return False


def _split_line(text: str, tokens: list[tuple[int, int, int]]) -> Iterator[list[tuple[int, int, int]]]:
    """Group one line's tokens into sentences (see the module docstring, step 3)."""
    n = len(tokens)
    begin = 0
    i = 0
    while i < n:
        if not _is_end_mark(text, tokens[i]):
            i += 1
            continue
        marks_end = i + 1  # a run of end marks ("...", "?!") counts as one
        while marks_end < n and _is_end_mark(text, tokens[marks_end]):
            marks_end += 1
        j = marks_end  # closing quotes and brackets stay with the sentence; a straight quote only if attached
        while j < n:
            form = text[tokens[j][0] : tokens[j][1]]
            if form not in _CLOSERS or (form in _AMBIGUOUS_QUOTES and tokens[j][0] > tokens[j - 1][1]):
                break
            j += 1
        if j < n and _ends_before(text, tokens[i:marks_end], tokens[j], tokens[j - 1][1]):
            yield tokens[begin:j]
            begin = j
        i = j
    if begin < n:
        yield tokens[begin:]


def _is_end_mark(text: str, token: tuple[int, int, int]) -> bool:
    """``.``, ``!``, ``?`` or ``…`` that is not the period of a never-final abbreviation."""
    return token[2] != _K_ABBR_DOT_NEVER and token[2] != _K_WORD and text[token[0] : token[1]] in _END_MARKS


def _ends_before(
    text: str, marks: list[tuple[int, int, int]], following: tuple[int, int, int], gap: int
) -> bool:
    """Whether the end marks ``marks`` close a sentence, given the token ``following`` them (and closers).

    Why the distinctions: after ``dll.`` or an ellipsis a sentence goes on unless a capitalised word
    follows; after ``.``, ``!``, ``?`` a digit or an opening quote/bracket/dash also starts a new one.
    """
    forms = [text[s:e] for s, e, _ in marks]
    first = text[following[0]]
    capitalised = first.isupper()
    if marks[-1][2] == _K_ABBR_DOT_MAY and len(marks) == 1:
        return capitalised
    if "…" in forms or forms.count(".") > 1:
        return capitalised or text[following[0] : following[1]] in _OPENERS
    return _starts_sentence(text, following, gap)


def _cap(
    sentence: list[tuple[int, int, int]], text: str, max_tokens: int
) -> Iterator[list[tuple[int, int, int]]]:
    """Cut a sentence into pieces of at most ``max_tokens``, preferably after a comma-like mark.

    Why: a line without punctuation (a table, a list, scraped junk) would otherwise become one huge
    sentence and blow up the memory of the tagger downstream.
    """
    begin = 0
    n = len(sentence)
    while n - begin > max_tokens:
        cut = begin + max_tokens
        for k in range(begin + max_tokens - 1, begin + max_tokens // 2, -1):
            if text[sentence[k][0] : sentence[k][1]] in _SOFT_BREAKS:
                cut = k + 1
                break
        yield sentence[begin:cut]
        begin = cut
    yield sentence[begin:]


def segment(text: str, max_tokens: int = 150) -> list[list[Token]]:
    """Sentences of tokens, offsets into ``text``.

    Why one call for both steps: sentence ends depend on the tokens (abbreviation periods, numbers), and
    callers need both with offsets that round-trip into the article.

    >>> [[t.text for t in s] for s in segment("“Sejumlah dokumen akan ditandatangani.” Xi tiba.")]
    [['“', 'Sejumlah', 'dokumen', 'akan', 'ditandatangani', '.', '”'], ['Xi', 'tiba', '.']]
    """
    if max_tokens < 1:
        raise ValueError("max_tokens must be at least 1")
    abbreviations = load_abbreviations()
    sentences: list[list[Token]] = []
    for line in _LINE_RE.finditer(text):
        tokens = _tokenize_line(text, line.start(), line.end(), abbreviations)
        for sentence in _split_line(text, tokens):
            for piece in _cap(sentence, text, max_tokens):
                sentences.append([Token(text[s:e], s, e) for s, e, _ in piece])
    return sentences


# ---------------------------------------------------------------------------------------------------------
# Evaluation against a CoNLL-U treebank


@dataclass(frozen=True)
class GoldSentence:
    """One CoNLL-U sentence: raw text, surface token forms, and whether it opens a paragraph or document."""

    text: str
    forms: list[str]
    new_paragraph: bool


def read_conllu(path: Path) -> list[GoldSentence]:
    """Sentences of a CoNLL-U file with their surface tokens.

    Surface tokens: a multiword range line (``3-4 bukunya``) gives the token and its syntactic words are
    skipped; empty nodes (``5.1``) are skipped. Without a ``# text`` comment the text is rebuilt from the
    forms and ``SpaceAfter=No``. Why surface tokens: they are what a tokeniser can see in raw text.
    """
    sentences: list[GoldSentence] = []
    text: str | None = None
    forms: list[str] = []
    space_after: list[bool] = []
    new_paragraph = False
    covered_until = 0

    def flush() -> None:
        nonlocal text, forms, space_after, new_paragraph, covered_until
        if forms:
            raw = text
            if raw is None:
                raw = "".join(f + (" " if sp else "") for f, sp in zip(forms, space_after)).rstrip()
            sentences.append(GoldSentence(raw, forms, new_paragraph))
        text, forms, space_after, new_paragraph, covered_until = None, [], [], False, 0

    with path.open(encoding="utf-8") as handle:
        for raw_line in handle:
            line = raw_line.rstrip("\r\n")
            if not line.strip():
                flush()
            elif line.startswith("#"):
                comment = line[1:].strip()
                if comment.startswith("text ="):
                    text = comment[len("text =") :].strip()
                elif comment.startswith(("newpar", "newdoc")):
                    new_paragraph = True
            else:
                columns = line.split("\t")
                if len(columns) < 2:
                    continue
                token_id, form = columns[0], columns[1]
                misc = columns[9] if len(columns) > 9 else "_"
                if "-" in token_id:
                    covered_until = int(token_id.split("-", 1)[1])
                elif "." in token_id or int(token_id) <= covered_until:
                    continue
                forms.append(form)
                space_after.append("SpaceAfter=No" not in misc.split("|"))
    flush()
    return sentences


def _f1(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0.0 when undefined)."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(path: Path, max_tokens: int = 150) -> dict[str, float | int]:
    """Token and sentence-boundary precision/recall/F1 of :func:`segment` on a CoNLL-U file.

    The raw text is the sentences' ``# text`` joined by one space, or by a newline before a sentence that
    carries ``# newpar`` / ``# newdoc`` (a paragraph break is a sentence end for the segmenter too, and a
    gold sentence never spans paragraphs). Gold token spans are found by matching each surface form in
    order (a form that cannot be found is left out and counted in ``unaligned``). A token is correct when
    its span equals a gold span; a sentence when its first-token start and last-token end both do.
    """
    gold_sentences = read_conllu(path)
    use_paragraphs = any(g.new_paragraph for g in gold_sentences)
    parts: list[str] = []
    gold_tokens: set[tuple[int, int]] = set()
    gold_spans: set[tuple[int, int]] = set()
    unaligned = 0
    offset = 0
    for index, gold in enumerate(gold_sentences):
        if index:
            separator = "\n" if use_paragraphs and gold.new_paragraph else " "
            parts.append(separator)
            offset += len(separator)
        parts.append(gold.text)
        position = 0
        spans: list[tuple[int, int]] = []
        for form in gold.forms:
            while position < len(gold.text) and gold.text[position].isspace():
                position += 1
            if gold.text.startswith(form, position):
                found = position
            else:
                found = gold.text.find(form, position)
                if found < 0:
                    unaligned += 1
                    continue
            spans.append((offset + found, offset + found + len(form)))
            position = found + len(form)
        gold_tokens.update(spans)
        if spans:
            gold_spans.add((spans[0][0], spans[-1][1]))
        offset += len(gold.text)
    text = "".join(parts)
    predicted = segment(text, max_tokens=max_tokens)
    predicted_tokens = {(t.start, t.end) for sentence in predicted for t in sentence}
    predicted_spans = {(s[0].start, s[-1].end) for s in predicted if s}
    tp, tr, tf = _f1(len(predicted_tokens & gold_tokens), len(predicted_tokens), len(gold_tokens))
    sp, sr, sf = _f1(len(predicted_spans & gold_spans), len(predicted_spans), len(gold_spans))
    return {
        "token_f1": round(tf, 4),
        "token_precision": round(tp, 4),
        "token_recall": round(tr, 4),
        "sentence_f1": round(sf, 4),
        "sentence_precision": round(sp, 4),
        "sentence_recall": round(sr, 4),
        "sentences": len(gold_sentences),
        "predicted_sentences": len(predicted),
        "gold_tokens": len(gold_tokens),
        "predicted_tokens": len(predicted_tokens),
        "unaligned": unaligned,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m pipeline.segment", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    evaluate_parser = commands.add_parser(
        "evaluate", help="score token and sentence boundaries against a CoNLL-U file"
    )
    evaluate_parser.add_argument("file", type=Path, help="CoNLL-U file (e.g. UD Indonesian-GSD dev)")
    evaluate_parser.add_argument(
        "--json", action="store_true", help="also print one JSON object as last line"
    )
    evaluate_parser.add_argument(
        "--max-tokens", type=int, default=150, help="sentence length cap (default 150)"
    )
    args = parser.parse_args(argv)
    if not args.file.is_file():
        parser.error(f"no such file: {args.file}")
    result = evaluate(args.file, max_tokens=args.max_tokens)
    print(f"file: {args.file}")
    print(f"gold sentences: {result['sentences']}  predicted: {result['predicted_sentences']}")
    print(f"gold tokens: {result['gold_tokens']}  predicted: {result['predicted_tokens']}")
    if result["unaligned"]:
        print(f"gold tokens not found in the text (left out): {result['unaligned']}")
    for level in ("token", "sentence"):
        print(
            f"{level:<8}  P {result[f'{level}_precision']:.4f}  R {result[f'{level}_recall']:.4f}"
            f"  F1 {result[f'{level}_f1']:.4f}"
        )
    if args.json:
        keys = (
            "token_f1",
            "token_precision",
            "token_recall",
            "sentence_f1",
            "sentence_precision",
            "sentence_recall",
            "sentences",
        )
        print(json.dumps({key: result[key] for key in keys}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
