"""Bodies named with their region, on sentences of detik-2025 (:mod:`pipeline.bodies`)."""

from __future__ import annotations

from pipeline.bodies import regional_names

TYPES = {"PDIP": "ORGANISATION", "Pemkab": "ORGANISATION", "Pemprov": "ORGANISATION", "Bali": "LOCATION"}


def named(articles: dict[str, str], written: list[tuple[str, str]], regions=frozenset()) -> list[str]:
    """The names :func:`regional_names` gives the ``(article, surface)`` mentions, each the first occurrence
    in its article after the one before."""
    rows, cursor = [], {}
    for article, surface in written:
        start = articles[article].index(surface, cursor.get(article, 0))
        cursor[article] = start + len(surface)
        rows.append((article, start, start + len(surface), surface))
    ids, starts, ends, texts = zip(*rows)
    return regional_names(ids, starts, ends, texts, texts, [""] * len(rows), TYPES, articles, regions)


def test_a_body_mostly_written_alone_is_one_body_whose_branches_a_region_names():
    """ "PDIP Bali" and "PDIP Labura" in two articles of ten that write PDIP: the party, not two parties."""
    articles = {f"a{i}": "Ketua DPP PDIP ini mengatakan hal itu." for i in range(8)}
    articles |= {"b": "Kader PDIP Bali hadir.", "c": "Ketua PDIP Labura hadir."}
    written = [(a, "PDIP") for a in sorted(articles)] + [("b", "Bali")]
    assert set(named(articles, written, frozenset({"Labura"}))) == {"PDIP", "Bali"}


def test_a_region_the_model_left_untagged_names_the_body_but_not_the_first_word_of_a_longer_name():
    articles = {
        "a": "Sekretaris TAPD Pemkab Bone Andi Saharuddin hadir. Pemprov Jawa Barat diam.",
        "b": "Pemerintah Kabupaten (Pemkab) Gresik meresmikan dapur. Pemprov Jawa hadir.",
    }
    written = [("a", "Pemkab"), ("a", "Andi Saharuddin"), ("a", "Pemprov"), ("b", "Pemkab"), ("b", "Pemprov")]
    regions = frozenset({"Bone", "Gresik", "Jawa"})
    assert named(articles, written, regions) == [
        "Pemkab Bone",
        "Andi Saharuddin",
        "Pemprov",
        "Pemkab Gresik",
        "Pemprov",
    ]
