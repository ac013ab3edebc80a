"""Bodies named with whose they are, on sentences of detik-2025 (:mod:`pipeline.bodies`)."""

from __future__ import annotations

from pipeline.bodies import owned_names

TYPES = {"PDIP": "ORGANISATION", "Pemkab": "ORGANISATION", "Pemprov": "ORGANISATION", "Bali": "LOCATION"}


def named(
    articles: dict[str, str], written: list[tuple[str, str]], regions=frozenset(), types=TYPES
) -> list[str]:
    """The names :func:`owned_names` gives the ``(article, surface)`` mentions, each the first occurrence
    in its article after the one before."""
    rows, cursor = [], {}
    for article, surface in written:
        start = articles[article].index(surface, cursor.get(article, 0))
        cursor[article] = start + len(surface)
        rows.append((article, start, start + len(surface), surface))
    ids, starts, ends, texts = zip(*rows)
    return owned_names(ids, starts, ends, texts, texts, [""] * len(rows), types, articles, regions)


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


def test_a_board_written_before_several_organisations_is_each_ones_and_owners_of_one_kind_do_not_mix():
    """detik-2025: "DPP Partai GOLKAR", "pengurus DPP PSI": each party's central board. The DPRD is one of
    many by its regions; "Anggota DPRD Partai Amanat Nasional" (PAN's members of some DPRD) is no PAN body."""
    types = dict.fromkeys(("DPP", "DPRD", "Partai Golkar", "PSI", "Partai Amanat Nasional"), "ORGANISATION")
    types |= {"Banten": "LOCATION", "Sulawesi Selatan": "LOCATION"}
    articles = {
        "a": "DPP Partai Golkar menegaskan sikapnya. DPRD Banten menolak.",
        "b": "Yoga juga pengurus DPP PSI. Ketua DPRD Sulawesi Selatan hadir.",
        "c": "Silaturahmi anggota DPRD Partai Amanat Nasional se-Jawa Barat.",
    }
    written = [("a", "DPP"), ("a", "Partai Golkar"), ("a", "DPRD"), ("a", "Banten"), ("b", "DPP"), ("b", "PSI"),
               ("b", "DPRD"), ("b", "Sulawesi Selatan"), ("c", "DPRD"), ("c", "Partai Amanat Nasional")]  # fmt: skip
    result = named(articles, written, types=types)
    assert [n for n, (_, w) in zip(result, written) if w in ("DPP", "DPRD")] == [
        "DPP Partai Golkar", "DPRD Banten", "DPP PSI", "DPRD Sulawesi Selatan", "DPRD"
    ]  # fmt: skip
