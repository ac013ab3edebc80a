"""Tests for site furniture learned from the corpus: what repeats across unrelated articles goes, news stays."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline import furniture, ingest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DETIK = ROOT.parent / "shared" / "datasets" / "news" / "detik-2025" / "articles.jsonl"

# Opening and closing sentences of unrelated stories, so that each article has its own lines.
OPENINGS = [
    "Gubernur Riau Abdul Wahid meluncurkan Mobil Topling untuk menjaga harga bahan pokok.",
    "Menteri Keuangan Purbaya Yudhi Sadewa menolak membayar utang proyek kereta cepat dengan APBN.",
    "KPK memeriksa tiga saksi terkait dugaan korupsi penyaluran bansos beras.",
    "Presiden Prabowo Subianto menerima uang pengganti kerugian negara dari Kejaksaan Agung.",
    "Banjir merendam ratusan rumah di Banyumas setelah hujan deras sejak sore.",
    "Bank Indonesia mempertahankan suku bunga acuan di level 4,75 persen.",
]
CLOSINGS = [
    "Program ini akan menjangkau desa-desa di seluruh Riau.",
    "Purbaya mempersilakan Danantara mencari jalan keluar sendiri.",
    "Pemeriksaan dilakukan di Gedung Merah Putih KPK, Jakarta.",
    "Uang itu akan masuk ke kas negara, kata Jaksa Agung.",
    "BPBD masih mendata kerugian akibat banjir tersebut.",
    "Keputusan itu sesuai dengan perkiraan para ekonom.",
]
TITLES = [
    "Prabowo Puji Jokowi di Sidang Kabinet",
    "Bayar Pajak Semudah Beli Pulsa",
    "Mensos Tinjau Evakuasi Korban Runtuhan Pondok",
    "Purbaya Ungkap Rahasia Soeharto Bertahan",
    "KPK Tahan Dua Tersangka Korupsi Tol",
    "Menkes soal Iuran BPJS Kesehatan Naik",
]


def stories(middle: list[list[str]]) -> list[str]:
    """Unrelated articles, each with its own opening and closing around the given middle lines."""
    return ["\n".join([OPENINGS[n], *lines, CLOSINGS[n]]) for n, lines in enumerate(middle)]


def removed_lines(texts: list[str], learned: furniture.Furniture) -> list[str]:
    return [line for text in texts for line in text.split("\n") if learned.match(line) is not None]


# --- the threshold ----------------------------------------------------------------------------------


def test_threshold_is_three_articles_or_one_percent():
    assert [furniture.threshold(n) for n in (1, 5, 300, 301, 502, 10_000)] == [3, 3, 3, 4, 6, 100]


def test_line_key_ignores_case_spacing_and_digits():
    assert furniture.line_key("Saksikan LiveDetikpagi:") == furniture.line_key(" saksikan  Live DetikPagi : ")
    assert furniture.line_key("Komentar (12)") == furniture.line_key("Komentar (0)")
    assert furniture.line_key("Baca juga") != furniture.line_key("Baca lagi")


# --- repeated lines ---------------------------------------------------------------------------------


def test_short_line_in_three_unrelated_articles_is_removed():
    texts = stories([["SCROLL TO CONTINUE WITH CONTENT"]] * 3)
    learned = furniture.learn(texts)
    assert learned.remove(texts[0]) == f"{OPENINGS[0]}\n{CLOSINGS[0]}"
    assert dict(learned.lines) == {"scrolltocontinuewithcontent": 3}


def test_line_in_two_articles_only_is_kept():
    texts = stories([["SCROLL TO CONTINUE WITH CONTENT"]] * 2 + [[]])
    assert not furniture.learn(texts)


def test_variants_in_spacing_and_case_count_as_one_line():
    texts = stories(
        [["Saksikan Live DetikPagi :"], ["Saksikan LiveDetikpagi:"], ["saksikan live detikpagi:"]]
    )
    assert removed_lines(texts, furniture.learn(texts)) == [
        "Saksikan Live DetikPagi :",
        "Saksikan LiveDetikpagi:",
        "saksikan live detikpagi:",
    ]


def test_syndicated_passage_with_the_same_neighbours_is_kept():
    # Three rewrites of one story: the copied lines come with the lines around them.
    passage = [
        "KPK juga mencegah empat orang bepergian ke luar negeri.",
        '"Sudah (YW tersangka)," ujar Budi.',
        "Kasus ini berawal dari lelang proyek.",
    ]
    texts = ["\n".join([OPENINGS[n], *passage, CLOSINGS[0]]) for n in range(3)]
    assert not furniture.learn(texts)


def test_quoted_paragraph_is_never_furniture_however_often_it_repeats():
    quote = (
        '"Kita bertekad tidak ada kasus-kasus korupsi yang tidak bisa diselidiki, tidak ada, no more '
        'untouchable," ujar Prabowo.'
    )
    assert len(quote) > furniture.MAX_LINE
    texts = stories([[quote]] * 6)
    assert not furniture.learn(texts)


def test_furniture_next_to_furniture_is_found_in_the_next_round():
    # "ADVERTISEMENT" always comes right before "SCROLL ...": it is judged by the lines beyond that.
    scroll = "SCROLL TO CONTINUE WITH CONTENT"
    texts = stories([["ADVERTISEMENT", scroll]] * 3 + [[scroll]] * 3)
    learned = furniture.learn(texts)
    assert set(learned.lines) == {"advertisement", "scrolltocontinuewithcontent"}
    assert learned.remove(texts[0]) == f"{OPENINGS[0]}\n{CLOSINGS[0]}"


def test_two_short_lines_always_together_are_a_copied_passage_and_kept():
    texts = stories([["Berikut daftar saksi yang diperiksa:", "1. Yudi Wahyudi"]] * 6)
    assert not furniture.learn(texts)


def test_furniture_at_the_start_or_end_of_articles_is_found():
    texts = [
        "\n".join(["ADVERTISEMENT", OPENINGS[n], CLOSINGS[n], "Saksikan Live DetikPagi :"]) for n in range(3)
    ]
    assert set(furniture.learn(texts).lines) == {"advertisement", "saksikanlivedetikpagi:"}


def test_removal_keeps_every_other_line_as_written_and_in_order():
    texts = stories(
        [[f"  Baris satu {n}  ", "SCROLL TO CONTINUE WITH CONTENT", f"\tBaris dua {n}"] for n in "ABC"]
    )
    learned = furniture.learn(texts)
    assert learned.remove(texts[0]).split("\n") == [
        OPENINGS[0],
        "  Baris satu A  ",
        "\tBaris dua A",
        CLOSINGS[0],
    ]


# --- link prefixes ----------------------------------------------------------------------------------


def test_link_prefix_followed_by_different_titles_is_learned_and_its_lines_removed():
    texts = stories([[f'Tonton juga video "{title}" di sini:'] for title in TITLES[:3]])
    learned = furniture.learn(texts)
    assert dict(learned.prefixes) == {"tonton juga": 3}
    assert all(learned.remove(text) == f"{OPENINGS[n]}\n{CLOSINGS[n]}" for n, text in enumerate(texts))


def test_sentence_under_a_learned_prefix_is_kept():
    texts = stories([[f"Lihat juga Video: {title}"] for title in TITLES[:3]])
    learned = furniture.learn(texts)
    sentence = "Lihat juga laporan keuangan perusahaan itu, kata Purbaya."
    assert learned.match(sentence) is None
    assert learned.match("Lihat juga Video: Merunut Logika Menteri Purbaya") == "lihat juga"


def test_the_shortest_prefix_of_a_family_is_kept():
    texts = stories([[f"Simak juga Video: {title}"] for title in TITLES[:3]])
    assert list(furniture.learn(texts).prefixes) == ["simak juga"]


@pytest.mark.parametrize(
    "lines",
    [
        # connectives that start prose: the lines end in a full stop
        [f"Selain itu, {opening[0].lower()}{opening[1:]}" for opening in OPENINGS],
        # list introductions and questions: the text after the prefix is not a title
        [
            "Berikut rincian anggaran belanja direktorat jenderal Kementerian Keuangan 2026:",
            "Berikut rincian pemangkasan dana transfer daerah untuk sepuluh kabupaten:",
            "Berikut rincian jadwal pencairan bansos tahap keempat:",
        ],
        [
            "Lalu bagaimana hasilnya?",
            "Lalu bagaimana nasib para pengemudi ojek?",
            "Lalu bagaimana tanggapan KPK?",
        ],
    ],
)
def test_common_sentence_openings_are_not_prefixes(lines):
    texts = stories([[line] for line in lines])
    assert not furniture.learn(texts).prefixes


def test_prefix_that_also_starts_prose_is_not_learned():
    links = [[f"Simak juga Video: {title}"] for title in TITLES[:3]]
    prose = [[f"Simak juga Video: menurut {who}, harga beras naik." for who in ("BPS", "Bulog")]]
    assert not furniture.learn(stories(links + prose)).prefixes


def test_same_link_in_unrelated_articles_is_a_repeated_line_not_a_prefix():
    link = 'Tonton juga video "KPK Tahan Dua Tersangka" di sini:'
    learned = furniture.learn(stories([[link]] * 3))
    assert not learned.prefixes  # one text after the prefix, not three different ones
    assert list(learned.lines) == [furniture.line_key(link)]


# --- the corpora -------------------------------------------------------------------------------------


def test_seeds_have_no_furniture():
    # As ingest learns it: from the text before the patterns remove anything.
    texts = [ingest.clean_text(path.read_text(encoding="utf-8"), []) for path in sorted(SEEDS.glob("*.txt"))]
    assert len(texts) == 5
    assert not furniture.learn(texts)


@pytest.fixture(scope="module")
def detik_texts():
    if not DETIK.exists():
        pytest.skip("needs ../shared/datasets/news/detik-2025")
    rows = [json.loads(line) for line in DETIK.read_text(encoding="utf-8").split("\n") if line]
    return [row["text"] for row in rows]


def test_detik_furniture_is_found_without_any_pattern(detik_texts):
    texts = [ingest.clean_text(text, []) for text in detik_texts]
    learned = furniture.learn(texts)
    assert set(learned.lines) == {"scrolltocontinuewithcontent", "advertisement", "saksikanlivedetikpagi:"}
    assert set(learned.prefixes) == {"simak juga", "tonton juga", "lihat juga", "simak video"}
    removed = removed_lines(texts, learned)
    assert len(removed) == 693
    # nothing else: every removed line is one of the labels or a promotion of a video
    starts = (
        "SCROLL TO CONTINUE",
        "ADVERTISEMENT",
        "Saksikan Live",
        "Simak juga",
        "Tonton juga",
        "Lihat juga",
    )
    starts += ("Simak Video",)
    assert all(line.strip().startswith(starts) for line in removed)


def test_detik_articles_keep_no_promotion_line_after_ingest(detik_texts):
    records = [ingest.Record(f"dt{n}", text, "articles.jsonl", n + 1) for n, text in enumerate(detik_texts)]
    frame, _, repeated = ingest.build_articles(records, ingest.load_patterns(), frozenset())
    assert [(kind, key, articles, lines) for kind, key, _, articles, lines in repeated] == [
        ("line", "scrolltocontinuewithcontent", 494, 494),
        ("prefix", "simak juga", 69, 69),
        ("prefix", "tonton juga", 65, 67),
        ("line", "advertisement", 22, 22),
        ("prefix", "lihat juga", 18, 18),
        ("prefix", "simak video", 12, 12),
        ("line", "saksikanlivedetikpagi:", 11, 11),
    ]
    lines = [line.strip() for text in frame["text"] for line in text.split("\n")]
    promotions = (
        "SCROLL TO CONTINUE",
        "ADVERTISEMENT",
        "Saksikan Live",
        "Simak juga",
        "Tonton juga",
        "Lihat juga",
    )
    assert not [line for line in lines if line.startswith(promotions)]
