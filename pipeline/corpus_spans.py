"""Spans the model cut, joined or typed wrongly, mended with what the whole corpus knows about their words.

The article pass (:mod:`pipeline.repair`) reads one article, and within one article a capitalised word
after a name may be the rest of the name or the next thing ("Raldi Hendro [Koestoer]", "Prabowo Subianto
[Untuk]" in a headline); the corpus tells the two apart. A word it writes in lower case somewhere is a word
of the language, a word of names the model tags as places is a place, and a word of names it tags as people
is a person's. Four mends follow (:func:`mend`), each on evidence of that kind:

- a word of the language glued to a name by a space lost in scraping is no part of it: "Dilansir|detikFinance,"
  is a mention of the medium (:func:`glued_word`);
- a person's name the model cut short grows by the word after it, where that word is no word of the language,
  no place and no title, and ends the phrase (a comma, a full stop, a lower-case word or an academic degree
  follows): "Kemenhub Risal Wasal, standar ..." where the model tagged "Risal" alone later on;
- a span tagged as an organisation right after a title, opening with a name the model tags as an
  organisation elsewhere, is that organisation and a person when the words after it are all words of
  people's names: "Ketua [The Fed Jerome Powell]"; and a person's span after a title opening with a short
  form the corpus defines for an organisation: "Anggota [Banggar] [Andi Muhammad Salam]";
- a two-word name tagged as an organisation or a place is a person's when the article calls someone by its
  first word alone, tagged as a person, twice or more, no other full name of the article opens with that
  word, and the second is no word of the language (a place's name may be a surname): "Jaksa gadungan [Bobby
  Asia]" then "Bobby" nine times.

All run after each article's own pass and before the names are looked for across the corpus
(:mod:`pipeline.normalise`), on the few mentions they fit.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline.mentions import Mention, is_person, select, words
from pipeline.repair import title_before
from pipeline.titles import titles

#: academic degrees written after a name ("Raldi Hendro Koestoer PhD"), which end it as a comma does
DEGREES = frozenset({"PhD", "MSc", "MBA", "MPhil"})
#: a capitalised word right after a mention, and what follows it
_NEXT = re.compile(r" ([A-Z][a-z]{2,})(?=$|[,.;:)]| [a-z]| ([A-Za-z.]+)(?![\w]))")


@dataclass(frozen=True)
class Lexicon:
    """What the corpus says its words are."""

    lower: frozenset[str]  # written in lower case somewhere: words of the language
    person: frozenset[str]  # words of names the model tags as people
    place: frozenset[str]  # words of names the model tags as places
    bodies: frozenset[str]  # names the model tags as organisations
    defined: frozenset[str] = frozenset()  # short forms an article defines for a name that is no person's

    @classmethod
    def of(
        cls,
        articles: Iterable[tuple[str, list[Mention]]],
        lower: frozenset[str],
        definitions: Iterable[dict[str, str]] = (),
    ) -> Lexicon:
        """From each article's text and mentions and definitions (short form -> long form), and the corpus's
        lower-case words."""
        articles = list(articles)
        people = {m.name for _, mentions in articles for m in mentions if is_person(m)}
        defined = {short for shorts in definitions for short, long in shorts.items() if long not in people}
        person: set[str] = set()
        place: set[str] = set()
        bodies: set[str] = set()
        for text, mentions in articles:
            for m in mentions:
                surface = text[m.start : m.end]
                if m.label == "PER":
                    person.update(surface.split())
                elif m.label == "LOC":
                    place.update(surface.split())
                elif m.label == "ORG":
                    bodies.add(surface)
        return cls(lower, frozenset(person), frozenset(place), frozenset(bodies), frozenset(defined))

    def surname_like(self, word: str) -> bool:
        """Capitalised, and no word of the language nor title (a place's name may still be a surname)."""
        return (
            word[:1].isupper()
            and word[1:].islower()
            and word.lower() not in self.lower
            and word.lower() not in titles()
        )

    def name_word(self, word: str) -> bool:
        """Capitalised, and no word of the language, place or title."""
        return self.surname_like(word) and word not in self.place


def mend(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """One article's mentions with cut names grown, joined spans split and people's names typed so (module
    docstring)."""
    mentions = _split_bodies(text, _grow(text, _unglue_words(text, mentions, lexicon), lexicon), lexicon)
    return _first_named(text, mentions, lexicon)


#: what may follow a word glued to it: a name in capitals or in camel case ("AFP", "detikFinance")
_GLUED_NAME = re.compile(r"[A-Z]{2,}\w*|[a-z]+[A-Z]\w*")


def glued_word(word: str, lexicon: Lexicon) -> int:
    """Where the name starts in a word of the language glued to it, the space lost in scraping
    ("Dilansir|detikFinance", "Dilansir|AFP"), or 0: the longest capitalised first part of four letters or
    more that the corpus writes in lower case, before a name in capitals or camel case. A name in lower
    case is never cut off so: "Kali|mantan" and "Kuning|an" are Kalimantan and Kuningan, and so
    "Pantauan|detikcom" stays whole.

    Example:
        >>> lexicon = Lexicon(frozenset({"dilansir", "kali", "mantan", "minus"}), frozenset(), frozenset(), frozenset())
        >>> glued_word("DilansirdetikFinance", lexicon), glued_word("DilansirAFP", lexicon)
        (8, 8)
        >>> glued_word("Kalimantan", lexicon), glued_word("TikTok", lexicon), glued_word("MINUSCA", lexicon)
        (0, 0, 0)
    """
    if not word[:1].isupper() or not word.isalnum():
        return 0
    cuts = range(len(word) - 2, 3, -1)
    return next(
        (
            i
            for i in cuts
            if word[1:i].islower() and word[:i].lower() in lexicon.lower and _GLUED_NAME.fullmatch(word[i:])
        ),
        0,
    )


def _unglue_words(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    out = []
    for m in mentions:
        whole = m.known is None and m.name == text[m.start : m.end]
        cut = glued_word(m.name, lexicon) if whole else 0
        # "detikFinance", "AFP" after "Dilansir": a medium, no person
        out.append(Mention(m.start + cut, m.end, m.name[cut:], "ORG") if cut else m)
    return out


def _first_named(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    alone = Counter(m.name for m in mentions if m.label == "PER" and m.known is None and " " not in m.name)
    openers = {m.name.split()[0] for m in mentions if is_person(m) and " " in m.name}
    named: dict[str, str] = {}  # a first name -> the full name it stands for
    for m in mentions:
        parts = text[m.start : m.end].split()
        if (
            m.label in ("ORG", "LOC")
            and m.known is None
            and len(parts) == 2
            and alone[parts[0]] >= 2
            and parts[0] not in openers
            and lexicon.surname_like(parts[1])
        ):
            named[parts[0]] = m.name
    if not named:
        return mentions
    full = set(named.values())
    return [
        replace(m, label="PER")
        if m.name in full
        else replace(m, name=named[m.name])
        if m.name in named
        else m
        for m in mentions
    ]


def _grow(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    people = {m.name for m in mentions if is_person(m)}
    covered = bytearray(len(text) + 1)
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    grown: dict[str, str] = {}  # name -> the name with its last word
    ends: dict[int, int] = {}  # index of a grown mention -> its new end
    for i, m in enumerate(mentions):
        if m.known is not None or m.name not in people or m.name in grown:
            continue
        after = _NEXT.match(text, m.end)
        if after is None or not text[m.start : m.end].endswith(m.name.split()[-1]):
            continue
        word, following = after.group(1), after.group(2)
        if following is not None and following not in DEGREES:
            continue  # another capitalised word: a title, a place, the next name ("Warehouse Manager")
        if lexicon.name_word(word) and covered.find(1, after.start(1), after.end(1)) == -1:
            grown[m.name], ends[i] = f"{m.name} {word}", after.end(1)
            covered[after.start(1) : after.end(1)] = b"\x01" * len(word)
    if not grown:
        return mentions
    return [
        replace(m, end=ends.get(i, m.end), name=grown.get(m.name, m.name)) for i, m in enumerate(mentions)
    ]


def _split_bodies(text: str, mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    out = []
    bodies: dict[str, str] = {}  # a person's name that held a body's short form -> that short form
    for m in mentions:
        cut = None
        if m.label == "ORG" and m.known is None:
            cut = _body_then_person(text, m, lexicon)
        elif m.label == "PER" and m.known is None and m.name == text[m.start : m.end]:
            cut = _short_form_then_person(text, m, lexicon)
        if cut is None:
            out.append(m)
            continue
        (start, end), (first, last) = cut
        out += [Mention(start, end, text[start:end], "ORG"), Mention(first, last, text[first:last], "PER")]
        bodies[m.name] = text[start:end]
    if not bodies:
        return out
    # the body's short form written alone, which the article pass took for the person's first name
    out = [Mention(m.start, m.end, bodies[m.name], "ORG") if text[m.start : m.end] == bodies.get(m.name) else m
           for m in out]  # fmt: skip
    return select(out)


def _short_form_then_person(
    text: str, m: Mention, lexicon: Lexicon
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The organisation and the person a person's span after a title holds, or None: its first word a short
    form the corpus defines for an organisation and tags as one, the two words or more after it capitalised
    ("Anggota [Banggar Andi Muhammad Salam]", where other articles write "Badan Anggaran (Banggar)")."""
    spans = words(text, m.start, m.end)
    first = text[slice(*spans[0])] if spans else ""
    if (
        len(spans) >= 3
        and first in lexicon.defined
        and first in lexicon.bodies
        and all(text[a].isupper() for a, _ in spans[1:])
        and title_before(text, m.start)
    ):
        return spans[0], (spans[1][0], spans[-1][1])
    return None


def _body_then_person(
    text: str, m: Mention, lexicon: Lexicon
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The organisation and the person an ORG span after a title holds, or None: its first words a name the
    model tags as an organisation elsewhere, the two words or more after them words of people's names only
    ("Ketua [The Fed Jerome Powell]")."""
    spans = words(text, m.start, m.end)
    for n in range(1, len(spans) - 1):
        rest = [text[a:b] for a, b in spans[n:]]
        if text[spans[0][0] : spans[n - 1][1]] in lexicon.bodies and all(
            lexicon.name_word(word) and word in lexicon.person for word in rest
        ):
            body, person = (spans[0][0], spans[n - 1][1]), (spans[n][0], spans[-1][1])
            return (body, person) if title_before(text, m.start) else None
    return None
