"""Spans mended with what the corpus knows about their words (pipeline/corpus_spans.py), on detik sentences."""

from pipeline.corpus_spans import Lexicon, mend
from pipeline.mentions import Mention

LEXICON = Lexicon(
    lower=frozenset({"standar", "ideal", "untuk", "dosen", "kata", "manager", "sehat"}),
    person=frozenset({"Risal", "Raldi", "Hendro", "Jerome", "Powell", "Rully", "Firmansyah"}),
    place=frozenset({"Jakarta"}),
    bodies=frozenset({"The Fed", "Kemenhub"}),
)


def mention(text: str, surface: str, label: str | None = "PER", name: str | None = None, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(surface, start + 1)
    return Mention(start, start + len(surface), name or surface, label)


def named(text: str, mentions: list[Mention]) -> list[tuple[str, str, str | None]]:
    return [(text[m.start : m.end], m.name, m.label) for m in mentions]


def test_a_name_the_model_cut_grows_by_a_word_the_corpus_never_writes_otherwise():
    """dt0770: "Kemenhub Risal Wasal, standar ..." then "jelas Risal": one person, Risal Wasal."""
    text = "Dirjen Intram Kemenhub Risal Wasal, standar idealnya. Hal itu jelas Risal."
    found = mend(text, [mention(text, "Risal", None), mention(text, "Risal", occurrence=1)], LEXICON)
    assert named(text, found) == [("Risal Wasal", "Risal Wasal", None), ("Risal", "Risal Wasal", "PER")]


def test_a_degree_after_the_word_ends_the_name_as_a_comma_does():
    """dt0922: "Prof Raldi Hendro Koestoer PhD, dosen ..." (the model tagged "Raldi Hendro")."""
    text = "Senada, Prof Raldi Hendro Koestoer PhD, dosen hukum, bicara."
    assert named(text, mend(text, [mention(text, "Raldi Hendro")], LEXICON)) == [
        ("Raldi Hendro Koestoer", "Raldi Hendro Koestoer", "PER")
    ]


def test_a_word_of_the_language_a_place_or_the_next_capitalised_word_is_no_part_of_the_name():
    """A headline's "Untuk" is a word the corpus writes in lower case; "Jakarta" a place; "Warehouse
    Manager" (dt0240) a role, a capitalised word before another."""
    for text, surface in [
        ("Kata Prabowo Subianto Untuk program itu.", "Prabowo Subianto"),
        ("Hadir Presiden Prabowo Subianto Jakarta, kemarin.", "Prabowo Subianto"),
        ("Hadir Rully Firmansyah Warehouse Manager PT Ama.", "Rully Firmansyah"),
    ]:
        assert named(text, mend(text, [mention(text, surface)], LEXICON)) == [(surface, surface, "PER")]


def test_an_organisation_and_a_person_in_one_span_after_a_title_are_two():
    """dt0078: "Ketua [The Fed Jerome Powell]" (ORG); without a title before it, the span stays."""
    text = "Trump memaksa Ketua The Fed Jerome Powell untuk menurunkan suku bunga."
    assert named(text, mend(text, [mention(text, "The Fed Jerome Powell", "ORG")], LEXICON)) == [
        ("The Fed", "The Fed", "ORG"),
        ("Jerome Powell", "Jerome Powell", "PER"),
    ]
    text = "Trump memaksa The Fed Jerome Powell untuk menurunkan suku bunga."
    span = mention(text, "The Fed Jerome Powell", "ORG")
    assert mend(text, [span], LEXICON) == [span]


def test_a_two_word_name_whose_first_word_the_article_calls_a_person_is_that_person():
    """dt0996: "Jaksa gadungan [Bobby Asia] (ORG) dan rekannya ..." then "Bobby" (PER) again and again. Not
    where the article has another Bobby by full name, calls him so only once, or the second word is a word
    of the language; and not a longer name ("Siloam International Hospitals" beside "Siloam" twice)."""
    text = "Jaksa gadungan Bobby Asia dan rekannya hadir. Bobby mengaku. Bobby lalu diam."
    spans = [
        mention(text, "Bobby Asia", "ORG"),
        mention(text, "Bobby", occurrence=1),
        mention(text, "Bobby", occurrence=2),
    ]
    assert named(text, mend(text, spans, LEXICON)) == [
        ("Bobby Asia", "Bobby Asia", "PER"),
        ("Bobby", "Bobby Asia", "PER"),
        ("Bobby", "Bobby Asia", "PER"),
    ]
    assert mend(text, spans[:2], LEXICON) == spans[:2]  # "Bobby" alone once
    other = text + " Bobby Nasution tiba."
    spans_other = [*spans, mention(other, "Bobby Nasution")]
    assert mend(other, spans_other, LEXICON) == spans_other
    text = "Program Bobby Sehat dimulai. Bobby mengaku. Bobby lalu diam."
    spans = [
        mention(text, "Bobby Sehat", "ORG"),
        mention(text, "Bobby", occurrence=1),
        mention(text, "Bobby", occurrence=2),
    ]
    assert mend(text, spans, LEXICON) == spans  # "sehat" is a word of the language
    text = "Direktur Siloam International Hospitals hadir. Siloam membuka. Siloam menutup."
    spans = [mention(text, "Siloam International Hospitals", "ORG"), mention(text, "Siloam", occurrence=1),
             mention(text, "Siloam", occurrence=2)]  # fmt: skip
    assert mend(text, spans, LEXICON) == spans


def test_a_word_of_the_language_glued_before_a_medium_is_cut_off_and_the_medium_is_no_person():
    """dt0032: "Dilansir detikFinance," scraped without the space, tagged PER; "Kalimantan" (kali + mantan)
    and "MINUSCA" stay whole."""
    lexicon = Lexicon(
        frozenset({"dilansir", "kali", "mantan", "minus"}), frozenset(), frozenset(), frozenset()
    )
    text = "DilansirdetikFinance, Purbaya mengatakan. Di Kalimantan, MINUSCA hadir."
    found = mend(text, [mention(text, "DilansirdetikFinance"), mention(text, "Purbaya"),
                        mention(text, "Kalimantan", "LOC"), mention(text, "MINUSCA", "ORG")], lexicon)  # fmt: skip
    assert named(text, found) == [
        ("detikFinance", "detikFinance", "ORG"),
        ("Purbaya", "Purbaya", "PER"),
        ("Kalimantan", "Kalimantan", "LOC"),
        ("MINUSCA", "MINUSCA", "ORG"),
    ]


def test_a_short_form_the_corpus_defines_for_a_body_opening_a_persons_span_is_that_body():
    """dt0784: "Anggota Banggar Andi Muhammad Salam" tagged PER whole, and "rapat Banggar DPRD Bone" (the model
    tags "Banggar" PER there too); other articles write "Badan Anggaran (Banggar)"."""
    lexicon = Lexicon(
        frozenset({"rapat"}), frozenset(), frozenset(), frozenset({"Banggar"}), frozenset({"Banggar"})
    )
    text = "Dalam rapat Banggar DPRD Bone, Anggota Banggar Andi Muhammad Salam awalnya menyampaikan pandangannya."
    found = mend(
        text,
        [
            mention(text, "Banggar", name="Banggar Andi Muhammad Salam"),
            mention(text, "Banggar Andi Muhammad Salam"),
        ],
        lexicon,
    )
    assert named(text, found) == [
        ("Banggar", "Banggar", "ORG"),
        ("Banggar", "Banggar", "ORG"),
        ("Andi Muhammad Salam", "Andi Muhammad Salam", "PER"),
    ]
    undefined = Lexicon(frozenset({"rapat"}), frozenset(), frozenset(), frozenset({"Banggar"}))
    assert named(text, mend(text, [mention(text, "Banggar Andi Muhammad Salam")], undefined)) == [
        ("Banggar Andi Muhammad Salam", "Banggar Andi Muhammad Salam", "PER")
    ]
