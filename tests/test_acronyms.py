"""Short forms against long forms: what Indonesian news abbreviates, and what only looks like it."""

import pytest

from pipeline.acronyms import initials, schwartz_hearst, syllabic


@pytest.mark.parametrize(
    "short, long, expected",
    [
        ("BPS", "Kepala Badan Pusat Statistik", "Badan Pusat Statistik"),
        ("KADIN", "Ketua Kamar Dagang dan Industri Indonesia", "Kamar Dagang dan Industri Indonesia"),
        ("Kemenkeu", "Kementerian Keuangan", "Kementerian Keuangan"),
        ("Jokowi", "Presiden Joko Widodo", "Joko Widodo"),
        ("Danantara", "Daya Anagata Nusantara", "Daya Anagata Nusantara"),
    ],
)
def test_schwartz_hearst_finds_where_the_long_form_starts(short, long, expected):
    assert schwartz_hearst(short, long) == expected


@pytest.mark.parametrize(
    "short, long",
    [
        ("KADIN", "Indonesia"),
        ("PMI", "Indonesia"),
        ("AUD", "dolar Australia"),
        ("BJB", "Banten"),
        ("PKH", "Harapan"),
    ],
)
def test_letters_that_do_not_fit_define_nothing(short, long):
    """The wrong merges of the Detik corpus: each acronym followed a mention its letters do not fit."""
    assert schwartz_hearst(short, long) is None


def test_initials_need_every_content_word_and_capitals():
    assert initials("DPRD", "Dewan Perwakilan Rakyat Daerah")
    assert initials("BPOM", "Badan Pengawas Obat dan Makanan")  # "dan" is skipped
    assert not initials("DPR", "Dewan Perwakilan Rakyat Daerah")
    assert not initials("Dpr", "Dewan Perwakilan Rakyat")


@pytest.mark.parametrize(
    "short, long",
    [
        ("Jabar", "Jawa Barat"),
        ("Jatim", "Jawa Timur"),
        ("Sumut", "Sumatera Utara"),
        ("Kaltim", "Kalimantan Timur"),
        ("Kemensos", "Kementerian Sosial"),
        ("Kemenhub", "Kementerian Perhubungan"),
        ("Pemprov", "Pemerintah Provinsi"),
    ],
)
def test_syllabic_abbreviations_of_provinces_and_ministries(short, long):
    assert syllabic(short, long)


@pytest.mark.parametrize(
    "short, long",
    [
        ("Maluku", "Maluku Utara"),  # a name is no abbreviation of a longer name it begins
        ("Kediri", "Kecamatan Kediri"),
        ("Jatim", "Jawa Barat"),
        ("BPS", "Badan Pusat Statistik"),  # capitals are initials, not syllables
    ],
)
def test_what_only_looks_like_a_syllabic_abbreviation(short, long):
    assert not syllabic(short, long)


def test_an_acronym_among_the_words_gives_all_its_letters():
    assert initials("PDIP", "PDI Perjuangan") and initials("PDI-P", "PDI Perjuangan")
    assert not initials("PP", "PDI Perjuangan") and not initials(
        "DPO", "Dinas PUPR OKU"
    )  # never shortened further
    assert not initials("PDIP", "Partai Demokrat") and not initials("PDI", "PDI Perjuangan")
