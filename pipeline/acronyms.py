"""Whether a short form fits a long form: acronyms, initials and Indonesian syllabic abbreviations.

Indonesian news shortens names in three ways, and each has its own test here:

- a **bracketed definition** ("Badan Pusat Statistik (BPS)", "Joko Widodo (Jokowi)") is checked with the
  Schwartz–Hearst algorithm (Schwartz and Hearst, PSB 2003), the reference for abbreviation definitions:
  every letter of the short form is found, right to left, in the long form, the first one at the start of
  a word. It also says where the long form starts, so "Kamar Dagang dan Industri Indonesia (KADIN)" defines
  KADIN as the whole chamber, never as Indonesia, and "dolar Australia (AUD)" defines nothing;
- **initials** ("KPU" for Komisi Pemilihan Umum) stand for a name without a definition in sight, so the
  test is strict: the capitals are the first letters of the long form's words, function words may be
  skipped;
- **syllabic abbreviations** (akronim): "Kemenkeu" is Kementerian Keuangan, "Jabar" Jawa Barat, "Sumut"
  Sumatera Utara, "Kemenhub" Kementerian Perhubungan: the short form is cut into pieces, each the start of
  the next word of the long form, or of that word without its derivational prefix (per-, pe-, ke-…).

Example:
    >>> schwartz_hearst("KADIN", "Kamar Dagang dan Industri Indonesia")
    'Kamar Dagang dan Industri Indonesia'
    >>> schwartz_hearst("AUD", "dolar Australia") is None
    True
    >>> initials("KPU", "Komisi Pemilihan Umum"), syllabic("Sumut", "Sumatera Utara")
    (True, True)
"""

from __future__ import annotations

from functools import lru_cache

#: words a name may contain that its short forms skip ("Kementerian Pendidikan dan Kebudayaan")
FUNCTION_WORDS = frozenset(
    "dan dari di ke untuk pada atau serta bagi oleh yang the of and for on in at to".split()
)
#: derivational prefixes a syllabic abbreviation may skip ("Per-hubungan" -> "hub", "Pen-didikan" -> "dik")
PREFIXES = ("peng", "peny", "pem", "pen", "per", "pe", "ke", "ber", "se")


def schwartz_hearst(short: str, long: str) -> str | None:
    """The part of ``long`` (its last words) that ``short`` abbreviates, or None if it does not fit.

    Schwartz and Hearst's *findBestLongForm*: the short form's letters and digits are matched from the
    right, each to the nearest earlier character of the long form, and the first to a word's first
    character; the long form starts at that word. Case is ignored.

    Example:
        >>> schwartz_hearst("BPS", "Kepala Badan Pusat Statistik")
        'Badan Pusat Statistik'
        >>> schwartz_hearst("Jokowi", "Joko Widodo")
        'Joko Widodo'
    """
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while i >= 0 and (long[i].lower() != char or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = long.rfind(" ", 0, i + 1) + 1
    return long[start:]


def content_words(long: str) -> list[str]:
    """The words of a name that its short forms abbreviate: function words and non-words dropped."""
    return [w for w in long.replace("-", " ").split() if w.lower() not in FUNCTION_WORDS and w[0].isalnum()]


def initials(short: str, long: str) -> bool:
    """Whether ``short`` is the initials of the long form's content words ("DPR", "KPU", "BPS"), where an
    acronym among them gives all its letters ("PDIP" and "PDI-P" for PDI Perjuangan); a hyphen in the short
    form is no letter.

    Example:
        >>> initials("BPS", "Badan Pusat Statistik"), initials("PMI", "Indonesia")
        (True, False)
        >>> initials("PDIP", "PDI Perjuangan"), initials("PDI-P", "PDI Perjuangan"), initials("PP", "PDI Perjuangan")
        (True, True, False)
    """
    letters = short.replace("-", "")
    return short.isupper() and letters in initials_of(long)


def initials_and_letters(short: str, long: str) -> bool:
    """Whether ``short`` is each content word's first letter, in order, some followed by further letters of
    the same word ("AJS" of Asuransi JiwaSraya), an acronym among the words giving all its letters:
    Schwartz and Hearst's fit with every word of the long form giving its initial, so no word is passed
    over ("BOE" is not Bank Indonesia, whose I is missing).

    Example:
        >>> initials_and_letters("AJS", "Asuransi Jiwasraya"), initials_and_letters("BOE", "Bank Indonesia")
        (True, False)
        >>> initials_and_letters("RSUD", "RSUD Sekayu"), initials_and_letters("SPT", "SPT Tahunan")
        (False, False)
    """
    words = tuple(w if _acronym(w) else w.lower() for w in content_words(long))
    return _initials_first(short.lower(), words)


@lru_cache(maxsize=4096)
def _initials_first(letters: str, words: tuple[str, ...]) -> bool:
    if not words or not letters:
        return not words and not letters
    word = words[0]
    if _acronym(word):  # written whole, as in initials_of
        return letters.startswith(word.lower()) and _initials_first(letters[len(word) :], words[1:])
    if letters[0] != word[0]:
        return False
    rest, taken = iter(word[1:]), 1  # the word's own letters after its initial, each used once, in order
    while True:
        if _initials_first(letters[taken:], words[1:]):
            return True
        if taken == len(letters) or letters[taken] not in rest:
            return False
        taken += 1


def initials_of(long: str) -> frozenset[str]:
    """The initials a name of two content words or more may be written as: their first letters, with each
    acronym among them written whole ("PDIP" for PDI Perjuangan; never "PP", nor "DPO" for Dinas PUPR OKU,
    whose acronyms news never shortens further).

    Example:
        >>> sorted(initials_of("PDI Perjuangan")), sorted(initials_of("Badan Pusat Statistik"))
        (['PDIP'], ['BPS'])
        >>> initials_of("Indonesia")
        frozenset()
    """
    words = content_words(long)
    if len(words) < 2:
        return frozenset()
    return frozenset({"".join(w if _acronym(w) else w[0].upper() for w in words)})


def _acronym(word: str) -> bool:
    """Two capitals or more and nothing else: "PDI", "RI", "DKI"."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def syllabic(short: str, long: str) -> bool:
    """Whether ``short`` is a syllabic abbreviation of ``long`` ("Kemenkeu", "Jabar", "Kejagung").

    Each piece of the short form (at least two letters) is the start of the next content word, or of that
    word without a derivational prefix, and never the whole of it; every content word is used, in order. So
    a name is no abbreviation of a longer name it is part of ("Kediri" of "Kecamatan Kediri", "Maluku" of
    "Maluku Utara").

    Example:
        >>> syllabic("Kemenkeu", "Kementerian Keuangan"), syllabic("Kemenhub", "Kementerian Perhubungan")
        (True, True)
        >>> syllabic("Jatim", "Jawa Barat"), syllabic("Maluku", "Maluku Utara"), syllabic("Kediri", "Kecamatan Kediri")
        (False, False, False)
    """
    words = tuple(w.lower() for w in content_words(long))
    return len(words) >= 2 and short[:1].isupper() and not short.isupper() and _pieces(short.lower(), words)


@lru_cache(maxsize=4096)
def _pieces(short: str, words: tuple[str, ...]) -> bool:
    if not words:
        return not short
    if not short:
        return False
    word, rest = words[0], words[1:]
    stems = [word] + [word[len(p) :] for p in PREFIXES if word.startswith(p) and len(word) > len(p) + 2]
    for stem in stems:
        for size in range(min(len(short), len(stem) - 1), 1, -1):
            if short[:size] == stem[:size] and _pieces(short[size:], rest):
                return True
    return False
