"""Stage 1, ingest: article files in, one clean table of articles out (``data/interim/articles.csv``).

Every later stage measures character offsets in the text written here, so this is the one place where
text is changed: decoded, HTML stripped, control characters removed, boilerplate lines removed (those the
patterns in ``resources/boilerplate.txt`` know, and those the corpus itself shows to be site furniture by
repeating them across articles: :mod:`pipeline.furniture`), blank lines dropped. After that the text is
never touched again. Dates become ISO 8601 text (:mod:`pipeline.dates`); see ``docs/input.md``.

Input problems (an empty or binary file, a broken CSV row, an unreadable date, a duplicate id ...) are
reported on stderr as ``ingest: warning: FILE[:LINE]: PROBLEM`` and the rest of the input is still
ingested; the run fails only when no article at all could be read, and then leaves the previous output
file as it was.

Example:
    >>> patterns = load_patterns()
    >>> clean_text("CNN\\r\\n\\u2014\\r\\nXi Jinping akan mengunjungi Rusia.\\r\\nBaca Juga: Lainnya", patterns)
    'Xi Jinping akan mengunjungi Rusia.'
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from pipeline import cli, dates, furniture, schema
from pipeline.paths import resource, resource_lines

BOILERPLATE = resource("boilerplate.txt")
STOPWORDS = resource("indonesian_stopwords.txt")

#: Boilerplate lines are short; longer lines are never tested, so no pattern can remove a paragraph and
#: a huge single-line article costs nothing here.
MAX_BOILERPLATE_LINE = 300

#: An article with fewer words than this is too short to judge its language.
MIN_WORDS_FOR_LANGUAGE = 8
#: Share of Indonesian function words below which an article looks non-Indonesian (the seeds: 0.19-0.25).
MIN_INDONESIAN_RATIO = 0.05

#: Metadata columns a CSV or JSONL file may have besides the required ``id`` and ``text``.
OPTIONAL_FIELDS = ("date", "source", "title", "url")
SUFFIXES = (".txt", ".csv", ".jsonl")

# Every character str.splitlines() breaks on becomes "\n", so "a line" means the same to every stage.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_HTML_TAG = re.compile(
    r"<\s*/?\s*(?:!doctype|html|head|body|p|div|br|span|a|b|i|em|strong|h[1-6]|ul|ol|li|table|tr|td|th"
    r"|article|section|header|footer|nav|figure|figcaption|blockquote|img|iframe|script|style|meta|link)"
    r"(?:\s[^<>]{0,500})?/?\s*>",
    re.IGNORECASE,
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_WORD = re.compile(r"[^\W\d_]+")
_BINARY_SAMPLE = 8192
# cp1252 with its five undefined bytes read as Latin-1 (control characters, removed by cleaning).
_CP1252 = [bytes([byte]).decode("cp1252", errors="ignore") or chr(byte) for byte in range(256)]


@dataclass(frozen=True)
class Problem:
    """One input problem, reported as a warning; the run goes on without the bad part.

    Example:
        >>> str(Problem("berita.csv", 4, "expected 2 fields, found 3; row skipped"))
        'berita.csv:4: expected 2 fields, found 3; row skipped'
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Record:
    """One article as read from its file, before cleaning; ``line`` locates it for warnings."""

    id: str
    text: str
    file: str
    line: int | None = None
    date: str = ""
    source: str = ""
    title: str = ""
    url: str = ""


# --- resources -------------------------------------------------------------------------------------


def load_patterns(path: Path = BOILERPLATE) -> list[re.Pattern[str]]:
    """The boilerplate patterns, kept in a data file so that a new site's furniture needs no code change.

    Raises ``ValueError`` naming the file and line of a pattern that does not compile.

    Example:
        >>> any(p.fullmatch("Komentar (0)") for p in load_patterns())
        True
    """
    patterns = []
    for number, line in resource_lines(path):
        try:
            patterns.append(re.compile(line, re.IGNORECASE))
        except re.error as error:
            raise ValueError(f"{path}:{number}: bad pattern {line!r}: {error}") from None
    return patterns


def load_stopwords(path: Path = STOPWORDS) -> frozenset[str]:
    """The Indonesian function words used to spot articles in another language.

    Example:
        >>> "yang" in load_stopwords()
        True
    """
    return frozenset(line.lower() for _, line in resource_lines(path))


# --- decoding and cleaning (pure) --------------------------------------------------------------------


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is not text at all (an image, a PDF, a zip), so it is skipped, not decoded to noise.

    A NUL byte anywhere, many control bytes, or (for data that is not UTF-8) mostly bytes above 0x7F
    in the first 8 KiB. UTF-16 with a byte order mark is text.

    Example:
        >>> looks_binary(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), looks_binary("Kabar baik".encode())
        (True, False)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in data:
        return True
    sample = data[:_BINARY_SAMPLE]
    if not sample:
        return False
    control = sum(1 for byte in sample if (byte < 0x20 and byte not in b"\t\n\r\x0b\x0c") or byte == 0x7F)
    if control / len(sample) > 0.1:
        return True
    if sum(1 for byte in sample if byte >= 0x80) / len(sample) <= 0.3:
        return False
    try:  # mostly high bytes: fine for UTF-8 Chinese or Russian, not for cp1252 text
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a warning.

    Old Windows exports are cp1252 (a superset of Latin-1 for text); reading them as cp1252 keeps
    "Rp 5.000 – naik" readable where a UTF-8 error would drop the file. Bytes cp1252 leaves undefined are
    read as Latin-1 control characters, which cleaning removes. A leading UTF-8 BOM is kept here
    (``clean_text`` strips it) so the readers see the file as it is.

    Example:
        >>> decode("Menlu Retno".encode()), decode(b"caf\\xe9")
        (('Menlu Retno', None), ('café', 'not UTF-8; decoded as cp1252'))
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    warning = "not UTF-8; decoded as cp1252"
    try:
        return data.decode("cp1252"), warning
    except UnicodeDecodeError:
        return "".join(_CP1252[byte] for byte in data), warning


def looks_like_html(text: str) -> bool:
    """Whether ``text`` contains HTML tags (``<p>``, ``<div>``, ``<br>``, ``<script>`` ...).

    Only known tag names count, so "harga < 5 dan > 3" is not HTML.

    Example:
        >>> looks_like_html("<p>Xi tiba.</p>"), looks_like_html("nilai a < b")
        (True, False)
    """
    return _HTML_TAG.search(text) is not None


class _TextExtractor(HTMLParser):
    """Collects the visible text of an HTML fragment, one block element per line."""

    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
    BLOCK = frozenset(
        [
            "address",
            "article",
            "aside",
            "blockquote",
            "br",
            "caption",
            "dd",
            "div",
            "dl",
            "dt",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "header",
            "hr",
            "li",
            "main",
            "nav",
            "ol",
            "p",
            "pre",
            "section",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "title",
            "tr",
            "ul",
        ]
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            # HTML whitespace is not significant; block tags alone make lines.
            self.parts.append(_HTML_SPACE.sub(" ", data))


def strip_html(text: str) -> str:
    """The visible text of HTML pasted into an article: no tags, no script or style, entities unescaped.

    Block elements (``<p>``, ``<div>``, ``<br>``, ``<li>`` ...) become line breaks.

    Example:
        >>> strip_html("<p>Putin &amp; Xi</p><script>track()</script><p>bertemu.</p>")
        'Putin & Xi\\nbertemu.'
    """
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    lines = (line.strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _is_boilerplate(line: str, patterns: Sequence[re.Pattern[str]]) -> bool:
    return len(line) <= MAX_BOILERPLATE_LINE and any(p.fullmatch(line) for p in patterns)


def clean_text(raw: str, patterns: Sequence[re.Pattern[str]]) -> str:
    """The article text every later stage works on and measures offsets in.

    In order: line ends to ``\\n``, a leading BOM removed, HTML stripped (only if the text looks like
    HTML), control characters other than ``\\n`` and ``\\t`` removed, boilerplate lines removed, trailing
    whitespace and blank lines dropped. Nothing inside a line is re-spaced.

    Example:
        >>> clean_text("\\ufeffPutin tiba.  \\r\\n\\r\\n[iklan_2]\\r\\nKomentar (0)", load_patterns())
        'Putin tiba.'
    """
    text = _LINE_BREAKS.sub("\n", raw).removeprefix("\ufeff")
    if looks_like_html(text):
        text = _LINE_BREAKS.sub("\n", strip_html(text))  # entities like &#8232; may add line breaks
    text = _CONTROL.sub("", text)
    kept = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not _is_boilerplate(stripped, patterns):
            kept.append(line.rstrip())
    return "\n".join(kept)


def remove_boilerplate(text: str, patterns: Sequence[re.Pattern[str]]) -> str:
    """``text``, already cleaned without patterns, less its boilerplate lines.

    ``remove_boilerplate(clean_text(raw, []), patterns) == clean_text(raw, patterns)``: ingest cleans
    without patterns first, so that the furniture it learns from the corpus is learned from every line.

    Example:
        >>> remove_boilerplate("Putin tiba.\\n[iklan_2]\\nXi menyambut.", load_patterns())
        'Putin tiba.\\nXi menyambut.'
    """
    if not patterns:
        return text
    return "\n".join(line for line in text.split("\n") if not _is_boilerplate(line.strip(), patterns))


def indonesian_ratio(text: str, stopwords: frozenset[str], max_chars: int = 20_000) -> tuple[float, int]:
    """Share of Indonesian function words among the words of ``text`` (first ``max_chars`` only), and
    how many words were counted.

    Example:
        >>> indonesian_ratio("Xi dan Putin bertemu di Moskow", frozenset({"dan", "di"}))
        (0.3333333333333333, 6)
    """
    words = _WORD.findall(text[:max_chars].lower())
    if not words:
        return 0.0, 0
    return sum(1 for word in words if word in stopwords) / len(words), len(words)


def looks_non_indonesian(text: str, stopwords: frozenset[str]) -> bool:
    """Whether an article is long enough to judge and has almost no Indonesian function words.

    Example:
        >>> looks_non_indonesian("The president will visit Moscow next week for talks.", load_stopwords())
        True
    """
    ratio, words = indonesian_ratio(text, stopwords)
    return words >= MIN_WORDS_FOR_LANGUAGE and ratio < MIN_INDONESIAN_RATIO


# --- readers: file contents to records (pure) ---------------------------------------------------------


def parse_txt(name: str, text: str) -> tuple[list[Record], list[Problem]]:
    """A ``.txt`` file is one article; its name without the extension is the id.

    Example:
        >>> parse_txt("000_putin.txt", "Putin tiba.")[0][0].id
        '000_putin'
    """
    return [Record(id=Path(name).stem, text=text, file=name)], []


def _field(value: object) -> str:
    """A metadata value as one line of text (titles, dates, urls never span lines)."""
    if value is None:
        return ""
    return " ".join(_CONTROL.sub("", str(value)).split())


def _missing_columns(name: str, columns: Iterable[str], kind: str = "column") -> Problem | None:
    """The file-level problem if ``id`` or ``text`` is not among ``columns``."""
    missing = [c for c in ("id", "text") if c not in set(columns)]
    if not missing:
        return None
    listed = ", ".join(f"'{c}'" for c in missing)
    return Problem(name, None, f"missing {kind}{'s' if len(missing) > 1 else ''} {listed}; file skipped")


def _record(name: str, line: int, values: dict[str, object]) -> tuple[Record | None, Problem | None]:
    """A record from one CSV row or JSONL object, or the problem that makes it unusable."""
    raw_id, text = values.get("id"), values.get("text")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or not str(raw_id).strip():
        return None, Problem(name, line, "missing id; skipped")
    if not isinstance(text, str) or not text.strip():
        return None, Problem(name, line, f"article '{str(raw_id).strip()}' has no text; skipped")
    extra = {key: _field(values.get(key)) for key in OPTIONAL_FIELDS}
    return Record(id=str(raw_id).strip(), text=text, file=name, line=line, **extra), None


def _csv_rows(name: str, lines: Sequence[str]) -> Iterator[tuple[int, list[str] | None, Problem | None]]:
    """The rows of a CSV file split into ``lines`` (line ends kept): ``(first line, row, None)``, or
    ``(first line, None, problem)`` for a row that breaks the quoting rules.

    The file is read strictly (RFC 4180): a lenient reader would read a quote that never closes as one
    field running to the end of the file, and a stray character after a closing quote as part of the
    field. After a broken row, reading starts again on the line after the row's first line: the break is
    most likely in that row, so the lines a runaway quote swallowed are read as the rows they are.
    """
    start = 0
    while start < len(lines):
        reader = csv.reader((lines[index] for index in range(start, len(lines))), strict=True)
        while True:
            first = start + reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "end of data" in str(error) and first < len(lines):
                    span = (
                        f"line {first + 1}" if first + 1 == len(lines) else f"lines {first + 1}-{len(lines)}"
                    )
                    message = (
                        f"a quote opened in this row never closes (it would take in {span} as text); "
                        f"row skipped, reading on from line {first + 1}"
                    )
                    problem = Problem(name, first, message)
                elif "end of data" in str(error):
                    problem = Problem(name, first, "a quote opened in this row never closes; row skipped")
                else:
                    problem = Problem(name, first, f"unreadable row ({error}); row skipped")
                yield first, None, problem
                start = first
                break
            yield first, row, None


def parse_csv(name: str, text: str) -> tuple[list[Record], list[Problem]]:
    """Articles from a CSV file with a header row: ``id``, ``text`` required, ``date``, ``source``,
    ``title``, ``url`` optional, other columns ignored. Quoted fields may span lines.

    A row with the wrong number of fields, broken quoting, or no id or text is reported with its first line
    number and skipped; the other rows are kept. A quote that never closes is reported, never read as one
    field holding the rest of the file: the lines after it are read as rows again.

    Example:
        >>> records, problems = parse_csv("b.csv", 'id,text\\na1,"Xi tiba.\\nPutin menyambut."\\na2,x,y\\n')
        >>> [r.id for r in records], [str(p) for p in problems]
        (['a1'], ['b.csv:4: expected 2 fields, found 3; row skipped'])
        >>> records, problems = parse_csv("c.csv", 'id,text\\na1,Xi tiba.\\na2,"Putin\\na3,Wang Yi tiba.\\n')
        >>> [r.id for r in records], [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
        (['a1', 'a3'], ['c.csv:3: a quote opened in this row never closes (it would take in line 4 as
        text); row skipped, reading on from line 4'])
    """
    # Articles are long: lift the csv module's default 128 KiB field limit.
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    lines = io.StringIO(text.removeprefix("\ufeff"), newline="").readlines()
    rows = _csv_rows(name, lines)
    first = next(rows, None)
    if first is None:
        return [], [Problem(name, None, "no header row; file skipped")]
    if first[1] is None:
        return [], [Problem(name, 1, "unreadable header (broken quoting); file skipped")]
    header = [column.strip().lower() for column in first[1]]
    missing = _missing_columns(name, header)
    if missing:
        return [], [missing]
    records, problems = [], []
    for start, row, problem in rows:
        if row is None:
            problems.extend([problem] if problem else [])
            continue
        if not row or row == [""]:
            continue
        if len(row) != len(header):
            problems.append(
                Problem(name, start, f"expected {len(header)} fields, found {len(row)}; row skipped")
            )
            continue
        record, trouble = _record(name, start, dict(zip(header, row)))
        records.extend([record] if record else [])
        problems.extend([trouble] if trouble else [])
    if not records and not problems:
        problems.append(Problem(name, None, "no rows; file skipped"))
    return records, problems


def parse_jsonl(name: str, text: str) -> tuple[list[Record], list[Problem]]:
    """Articles from a JSON Lines file, one object per line with keys as for CSV.

    A line that is not a JSON object, or has no id or text, is reported with its line number and
    skipped. If no object has an ``id`` (or ``text``) key at all, the file is reported once and skipped.

    Example:
        >>> records, problems = parse_jsonl("c.jsonl", '{"id": 7, "text": "Xi tiba."}\\n{oops\\n')
        >>> [r.id for r in records], [p.line for p in problems]
        (['7'], [2])
    """
    objects, problems = [], []
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(name, number, f"not valid JSON ({error.msg}); line skipped"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(name, number, "not a JSON object; line skipped"))
            continue
        objects.append((number, value))
    if objects:
        missing = _missing_columns(name, set().union(*(value.keys() for _, value in objects)), "key")
        if missing:
            return [], [*problems, missing]
    records = []
    for number, value in objects:
        record, problem = _record(name, number, value)
        records.extend([record] if record else [])
        problems.extend([problem] if problem else [])
    if not records and not problems:
        problems.append(Problem(name, None, "no records; file skipped"))
    return records, problems


PARSERS = {".txt": parse_txt, ".csv": parse_csv, ".jsonl": parse_jsonl}


def iso_dates(name: str, records: Sequence[Record]) -> tuple[list[Record], list[Problem]]:
    """The records of one file with their dates as ISO 8601 text (see :mod:`pipeline.dates`).

    One file is one export, so numbers-only dates follow the convention the file's own unambiguous dates
    show. A date that cannot be read without guessing is reported at its line and left empty.

    Example:
        >>> records, problems = iso_dates("d.csv", [Record("a", "x", "d.csv", 2, "10/21/2025 20:43"),
        ...                                         Record("b", "x", "d.csv", 3, "kemarin")])
        >>> [r.date for r in records], [str(p) for p in problems]
        (['2025-10-21T20:43', ''], ["d.csv:3: unreadable date 'kemarin', left empty"])
    """
    iso, trouble = dates.convert([record.date for record in records])
    converted = [replace(record, date=date) for record, date in zip(records, iso)]
    return converted, [Problem(name, records[index].line, message) for index, message in trouble]


# --- the stage ----------------------------------------------------------------------------------------


class Ingested(NamedTuple):
    """What :func:`build_articles` makes: the articles table, the problems met, and the repeated lines it
    removed as furniture (:func:`pipeline.furniture.report` rows: kind, key, example, articles, lines)."""

    frame: pd.DataFrame
    problems: list[Problem]
    repeated: list[tuple[str, str, str, int, int]]


def build_articles(
    records: Iterable[Record],
    patterns: Sequence[re.Pattern[str]],
    stopwords: frozenset[str],
    where: str = "input",
) -> Ingested:
    """The articles table (schema ``ARTICLES``, sorted by id) from records in reading order.

    Texts are cleaned; the lines the corpus shows to be site furniture (:mod:`pipeline.furniture`: short
    lines and link lines repeated across many articles, learned before the patterns remove any line, so
    from all the evidence) and the boilerplate lines the patterns know are removed; an article left
    empty is skipped; a repeated id keeps the first article under it and gives later ones ``id~2``,
    ``id~3`` ...; articles that look non-Indonesian are kept and reported in one warning about ``where``.

    Example:
        >>> frame, problems, repeated = build_articles(
        ...     [Record("a", "Xi tiba.", "a.txt"), Record("a", "Putin tiba.", "b.csv", 2)], [], frozenset()
        ... )
        >>> list(frame["id"]), str(problems[0]), repeated
        (['a', 'a~2'], "b.csv:2: duplicate id 'a' (first in a.txt); renamed to 'a~2'", [])
    """
    records = list(records)
    texts = [clean_text(record.text, []) for record in records]
    learned = furniture.learn(texts)
    removed: Counter[str] = Counter()
    rows: list[dict[str, str]] = []
    problems: list[Problem] = []
    first_file: dict[str, str] = {}
    foreign: list[str] = []
    for record, cleaned in zip(records, texts):
        text = remove_boilerplate(learned.remove(cleaned, removed), patterns)
        if not text:
            problems.append(
                Problem(record.file, record.line, f"article '{record.id}' is empty after cleaning; skipped")
            )
            continue
        article_id = record.id
        if article_id in first_file:
            n = 2
            while f"{record.id}~{n}" in first_file:
                n += 1
            article_id = f"{record.id}~{n}"
            problems.append(
                Problem(
                    record.file,
                    record.line,
                    f"duplicate id '{record.id}' (first in {first_file[record.id]}); renamed to '{article_id}'",
                )
            )
        first_file[article_id] = record.file
        if looks_non_indonesian(text, stopwords):
            foreign.append(article_id)
        rows.append(
            {
                "id": article_id,
                "date": record.date,
                "source": record.source,
                "title": record.title,
                "url": record.url,
                "file": record.file,
                "text": text,
            }
        )
    if foreign:
        listed = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        problems.append(
            Problem(
                where,
                None,
                f"{len(foreign)} of {len(rows)} articles look non-Indonesian (few Indonesian function "
                f"words; kept): {listed}",
            )
        )
    rows.sort(key=lambda row: row["id"])
    frame = pd.DataFrame(rows, columns=list(schema.ARTICLES)) if rows else schema.empty(schema.ARTICLES)
    return Ingested(frame, problems, furniture.report(learned, removed))


def article_files(folder: Path) -> list[Path]:
    """The article files directly in ``folder``, sorted by name: ``*.txt``, ``*.csv``, ``*.jsonl``.

    Other files (a README.md) and hidden files are not articles. Raises ``OSError`` if the folder
    cannot be listed.
    """
    return sorted(
        path
        for path in folder.iterdir()
        if not path.name.startswith(".") and path.suffix.lower() in SUFFIXES and not path.is_dir()
    )


def read_file(path: Path) -> tuple[list[Record], list[Problem]]:
    """The records of one article file, or the problems that stop it being read; never raises for bad input.

    Records and problems name the file by its name alone, which is how users find it in the seeds folder.
    """
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as error:
        return [], [Problem(name, None, f"cannot read ({error.strerror or error}); file skipped")]
    if not data:
        return [], [Problem(name, None, "empty file; skipped")]
    if looks_binary(data):
        return [], [Problem(name, None, "binary file; skipped")]
    text, warning = decode(data)
    records, problems = PARSERS[path.suffix.lower()](name, text)
    records, trouble = iso_dates(name, records)
    problems = sorted(problems + trouble, key=lambda problem: (problem.line is None, problem.line or 0))
    return records, ([Problem(name, None, warning)] if warning else []) + problems


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.ingest",
        description="Read the article files in a folder (*.txt, *.csv, *.jsonl), remove boilerplate lines "
        "and write one CSV table of articles.",
    )
    parser.add_argument(
        "--seeds", type=Path, default=Path("seeds"), help="folder of article files (default: %(default)s)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/interim/articles.csv"),
        help="articles table to write (default: %(default)s)",
    )
    parser.add_argument(
        "--show-repeated",
        action="store_true",
        help="list on standard output the lines and link prefixes removed because they repeat across "
        "articles (tab-separated: kind, articles, lines removed, key, first example)",
    )
    return parser


def read(args: argparse.Namespace) -> tuple[list[Path], list[re.Pattern[str]], frozenset[str]]:
    """The article files of the folder and the resources; an unreadable folder is an error."""
    try:
        paths = article_files(args.seeds)
    except OSError as error:
        raise OSError(f"cannot read folder {args.seeds}: {error.strerror or error}") from None
    return paths, load_patterns(), load_stopwords()


def process(
    args: argparse.Namespace, inputs: tuple[list[Path], list[re.Pattern[str]], frozenset[str]]
) -> str:
    """Read every file, warn about each problem, and write the articles (unless none was readable)."""
    paths, patterns, stopwords = inputs
    records: list[Record] = []
    problems: list[Problem] = []
    for path in paths:
        found, trouble = read_file(path)
        records.extend(found)
        problems.extend(trouble)
    frame, trouble, repeated = build_articles(records, patterns, stopwords, where=str(args.seeds))
    for problem in problems + trouble:
        print(f"ingest: warning: {problem}", file=sys.stderr)
    if frame.empty:
        raise cli.StageError(f"no readable article in {args.seeds}; {args.out} left unchanged")
    try:
        schema.write_table(args.out, frame, schema.ARTICLES)
    except OSError as error:
        raise cli.StageError(f"cannot write {args.out}: {error.strerror or error}") from None
    if args.show_repeated:
        print("kind\tarticles\tremoved\tkey\texample")
        for kind, key, example, articles, lines in repeated:
            print(f"{kind}\t{articles}\t{lines}\t{key}\t{example}")
    skipped = len(paths) - len(set(frame["file"]))
    summary = f"{len(frame)} articles from {len(paths)} files ({skipped} skipped)"
    if repeated:
        lines = sum(row[4] for row in repeated)
        summary += (
            f", {lines} lines repeated across articles removed ({len(repeated)} kinds; --show-repeated)"
        )
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ingest stage; 0 if at least one article was written, 2 if nothing was readable."""
    return cli.main("ingest", _parser(), read, process, argv)


if __name__ == "__main__":
    cli.finish(main())
