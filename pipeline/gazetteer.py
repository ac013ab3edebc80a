"""Names the pipeline knows before reading any article: countries, and the user-editable alias table.

Countries come from libraries, not a hand-typed list: the ISO 3166-1 codes from pycountry, their names in
Indonesian and English from CLDR via Babel (``Tiongkok``/``China``, ``Rusia``/``Russia``); Indonesia's
provinces are ISO 3166-2:ID's, also from pycountry (``Jawa Barat``, ``Sumatera Utara``), known as places;
Indonesia's ministries and their short forms (``Kementerian Kelautan dan Perikanan``, ``KKP``) come from the
regulation that lists them, ``resources/ministries.csv``.
Everything no library knows (``Cina``, ``AS``, ``Kiev``, ``Pengadilan Kriminal Internasional``) is a row of
the alias table ``data/aliases.csv`` (columns ``alias,canonical,type,qid``), which users extend without
touching code. A row of type ``DIFFERENT`` says the opposite: the two names are never one entity, whatever
a rule finds (``Prabowo,Listyo Sigit Prabowo,DIFFERENT``).

Example:
    >>> g = Gazetteer.build([])
    >>> g.lookup("Russia")
    Known(label='Rusia', type='COUNTRY', qid='')
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pipeline.paths import resource, resource_lines
from pipeline.things import MISC

TYPES = ("PERSON", "COUNTRY", "ORGANISATION", "LOCATION", MISC)
#: the alias table's word for "these two are not the same entity"
DIFFERENT = "DIFFERENT"
ALIAS_COLUMNS = ("alias", "canonical", "type", "qid")


@dataclass(frozen=True)
class Known:
    """What the gazetteer says a name stands for."""

    label: str
    type: str
    qid: str = ""


@dataclass(frozen=True)
class Alias:
    """One row of the alias table."""

    alias: str
    canonical: str
    type: str
    qid: str = ""


def name_key(name: str) -> str:
    """Lookup key: acronyms (all capitals, up to five letters) keep their case, other names are casefolded.

    Example:
        >>> name_key("AS"), name_key("Amerika  Serikat")
        ('AS', 'amerika serikat')
    """
    name = " ".join(name.split())
    if name.isupper() and len(name.replace(".", "")) <= 5:
        return name
    return name.casefold()


@cache
def country_names() -> dict[str, str]:
    """Indonesian and English CLDR names of every ISO 3166-1 country -> its Indonesian name (the label)."""
    import pycountry
    from babel import Locale

    indonesian, english = Locale("id").territories, Locale("en").territories
    names: dict[str, str] = {}
    for country in pycountry.countries:
        label = indonesian.get(country.alpha_2)
        if not label:
            continue
        for name in (label, english.get(country.alpha_2)):
            if name:
                names.setdefault(name, label)
    return names


@cache
def province_names() -> tuple[str, ...]:
    """Indonesia's provinces and special regions (ISO 3166-2:ID, pycountry), as Indonesian writes them."""
    import pycountry

    kinds = {"Province", "Capital district", "Special region"}
    return tuple(sorted({s.name for s in pycountry.subdivisions.get(country_code="ID") if s.type in kinds}))


@cache
def ministries() -> dict[str, str]:
    """Indonesia's ministries: each name and short form -> the ministry's name (``resources/ministries.csv``)."""
    lines = [line for _, line in resource_lines(resource("ministries.csv"))]
    names: dict[str, str] = {}
    for row in csv.DictReader(lines):
        names[row["name"]] = row["name"]
        names.update((short, row["name"]) for short in row["short"].split("|") if short)
    return names


class AliasTableError(ValueError):
    """The alias table cannot be used; the message names the file and line."""


def read_aliases(path: Path) -> list[Alias]:
    """Rows of the alias table, checked: a bad row is an error naming file and line, not a silent skip."""
    rows: list[Alias] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"alias", "canonical", "type"} <= set(reader.fieldnames):
            raise AliasTableError(f"{path}: header must have columns {','.join(ALIAS_COLUMNS)}")
        for row in reader:
            line = reader.line_num
            alias, canonical = (row.get("alias") or "").strip(), (row.get("canonical") or "").strip()
            kind = (row.get("type") or "").strip().upper()
            if not alias or not canonical:
                raise AliasTableError(f"{path}:{line}: alias and canonical must not be empty")
            if kind not in (*TYPES, DIFFERENT):
                choices = ", ".join((*TYPES, DIFFERENT))
                raise AliasTableError(f"{path}:{line}: type {kind!r} is not one of {choices}")
            rows.append(Alias(alias, canonical, kind, (row.get("qid") or "").strip()))
    return rows


@dataclass(frozen=True)
class Gazetteer:
    """Known names and a matcher that finds them in text."""

    names: dict[str, Known]  # name_key(surface) -> Known
    surfaces: tuple[str, ...]  # every surface form, as written, longest first
    different: tuple[tuple[str, str], ...] = ()  # pairs of names the alias table keeps apart

    @classmethod
    def build(cls, aliases: list[Alias]) -> Gazetteer:
        """Countries first, then the alias table, which wins where both know a name.

        An alias row whose alias is a CLDR country name renames that country everywhere
        (``Hong Kong DAK Tiongkok`` -> ``Hong Kong``).
        """
        different = tuple((a.alias, a.canonical) for a in aliases if a.type == DIFFERENT)
        aliases = [a for a in aliases if a.type != DIFFERENT]
        qids = {name_key(a.canonical): a.qid for a in aliases if a.qid}
        relabel = {name_key(a.alias): a.canonical for a in aliases if a.type == "COUNTRY"}
        names: dict[str, Known] = {}
        surfaces: set[str] = set()
        for name in province_names():
            names[name_key(name)] = Known(name, "LOCATION", qids.get(name_key(name), ""))
            surfaces.add(name)
        for name, ministry in ministries().items():
            names[name_key(name)] = Known(ministry, "ORGANISATION", qids.get(name_key(ministry), ""))
            if name != ministry:  # a short form is looked for everywhere; a name only where the model tags it
                surfaces.add(name)
        for name, cldr_label in country_names().items():
            label = relabel.get(name_key(cldr_label), cldr_label)
            names[name_key(name)] = Known(label, "COUNTRY", qids.get(name_key(label), ""))
            surfaces.add(name)
        for a in aliases:
            known = Known(a.canonical, a.type, a.qid or qids.get(name_key(a.canonical), ""))
            names[name_key(a.alias)] = known
            names.setdefault(name_key(a.canonical), known)
            surfaces.update((a.alias, a.canonical))
        return cls(names, tuple(sorted(surfaces, key=lambda s: (-len(s), s))), different)

    def lookup(self, surface: str) -> Known | None:
        return self.names.get(name_key(surface))

    @property
    def index(self) -> NameIndex:
        return _index(self.surfaces)

    def find(self, text: str) -> list[tuple[int, int, Known]]:
        """Every known name in ``text`` as a whole word (a hyphen is a word boundary: ``Rusia-Tiongkok``).

        Matching is case-sensitive, so ``AS`` is found and the English word "as" is not.
        """
        return [(start, end, self.names[name_key(text[start:end])]) for start, end in self.index.find(text)]


_WORD = re.compile(r"\w+")


class NameIndex:
    """Finds many names in text at once: leftmost, longest, whole words, case-sensitive.

    A regular expression alternation of thousands of names is slow to build and to run; this indexes the
    names by their first word, so finding them costs one dictionary lookup per word of the text.

    Example:
        >>> NameIndex(["Xi", "Xi Jinping", "Rusia"]).find("Xi Jinping ke Rusia-Tiongkok; Xin")
        [(0, 10), (14, 19)]
    """

    def __init__(self, names: Iterable[str]):
        self.by_first: dict[str, list[str]] = defaultdict(list)
        for name in sorted(set(names), key=lambda n: (-len(n), n)):
            first = _WORD.match(name)
            if first is not None:
                self.by_first[first.group()].append(name)
        # the words that begin with a first word's first character: most of a text's words are not looked
        # at in Python (names begin with a capital, most words do not)
        initials = "".join(sorted({re.escape(word[0]) for word in self.by_first}))
        self.words = re.compile(rf"(?<!\w)[{initials}]\w*" if initials else r"(?!)")

    def find(self, text: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        resume = 0
        for word in self.words.finditer(text):
            start = word.start()
            if start < resume:
                continue
            for name in self.by_first.get(word.group(), ()):
                end = start + len(name)
                if text.startswith(name, start) and (end == len(text) or _WORD.match(text, end) is None):
                    found.append((start, end))
                    resume = end
                    break
        return found


@cache
def _index(surfaces: tuple[str, ...]) -> NameIndex:
    return NameIndex(surfaces)
