"""Who said what: speakers and their words found in seed sentences, and the quotes stage's command line.

The hand-built cases give mentions by hand (surface, type, entity id), so they do not depend on the NER model;
the seed cases run on the five seed articles, ingested and segmented here, with the committed mentions.csv.
"""

import re
from pathlib import Path

import pandas as pd
import pytest
from spans import surface_spans
from timing import fastest

from pipeline import ingest, schema
from pipeline.quotes import SPEECH_VERBS_FILE, extract_quotes, load_speech_verbs, main
from pipeline.segment import segment

ROOT = Path(__file__).resolve().parents[1]
KREMLIN = ("Kremlin", "ORGANISATION", "kremlin")
DPR = ("DPR", "ORGANISATION", "dewan-perwakilan-rakyat")
KPK = ("KPK", "ORGANISATION", "komisi-pemberantasan-korupsi")
KPU = ("KPU RI", "ORGANISATION", "komisi-pemilihan-umum")
PRABOWO = ("Prabowo", "PERSON", "prabowo-subianto")


def frames(text, *mentions):
    """Articles, sentences and mentions tables for one article ``a``; each mention is (surface, type, id).

    Every occurrence of each surface form (as a whole word) is a mention; longer forms win over shorter ones.
    """
    sentences = [(s[0].start, s[-1].end) for s in segment(text)]
    spans = surface_spans(text, mentions)
    return (
        pd.DataFrame({"id": ["a"], "text": [text]}),
        pd.DataFrame(
            [{"article": "a", "sentence": i, "start": s, "end": e} for i, (s, e) in enumerate(sentences)],
            columns=["article", "sentence", "start", "end"],
        ),
        pd.DataFrame(
            [
                {
                    "article": "a",
                    "sentence": next(i for i, (ss, se) in enumerate(sentences) if ss <= s < se),
                    "start": s,
                    "end": e,
                    "type": k,
                    "entity_id": i,
                }
                for s, e, k, i in spans
            ],
            columns=["article", "sentence", "start", "end", "type", "entity_id"],
        ),
    )


def quotes(text, *mentions):
    """(sentence, speaker, verb, kind, text) of every speech act found in ``text``."""
    found = extract_quotes(*frames(text, *mentions))
    return [
        tuple(row) for row in found[["sentence", "speaker", "verb", "kind", "text"]].itertuples(index=False)
    ]


# --- "…," kata X: the speaker after the verb -------------------------------------------------------------


def test_kata_looks_through_a_long_title_to_the_person():
    text = (
        "“Kami tidak akan mundur,” kata Wakil Ketua Komisi I DPR Dave Laksono kepada wartawan, Senin (20/10)."
    )
    found = quotes(text, DPR, ("Dave Laksono", "PERSON", "dave-laksono"))
    assert found == [(0, "dave-laksono", "kata", "direct", "Kami tidak akan mundur")]


def test_title_with_a_comma_and_an_apposition_after_it_still_finds_the_person():
    text = (
        '"Berkas segera kami limpahkan," ujar Direktur Penindakan Kortas Tipikor Bareskrim Polri, '
        "Brigjen Toto Suharyanto, dalam keterangannya."
    )
    found = quotes(text, ("Polri", "ORGANISATION", "polri"), ("Toto Suharyanto", "PERSON", "toto-suharyanto"))
    assert found == [(0, "toto-suharyanto", "ujar", "direct", "Berkas segera kami limpahkan")]


def test_a_quote_opened_sentences_earlier_is_joined_and_dated_to_the_verbs_sentence():
    text = (
        "Penyidik sudah bekerja. “Kami sudah memeriksa sembilan saksi. Semuanya kooperatif. Berkas segera "
        "kami limpahkan,” ujar Ketua KPK Setyo Budiyanto."
    )
    found = quotes(text, KPK, ("Setyo Budiyanto", "PERSON", "setyo-budiyanto"))
    assert found == [
        (
            3,
            "setyo-budiyanto",
            "ujar",
            "direct",
            "Kami sudah memeriksa sembilan saksi. Semuanya kooperatif. Berkas segera kami limpahkan",
        )
    ]


def test_straight_quotes_pair_up_in_order_within_a_paragraph():
    text = '"Satu," kata Prabowo. "Dua. Tiga," ujar Prabowo.\n"Empat," tutur Prabowo.'
    found = quotes(text, PRABOWO)
    assert [(row[2], row[4]) for row in found] == [
        ("kata", "Satu"),
        ("ujar", "Dua. Tiga"),
        ("tutur", "Empat"),
    ]


def test_many_quotes_in_one_paragraph_each_keep_their_own_words():
    text = " ".join(f'"Nomor {n}," kata Prabowo.' for n in range(2000))
    found = quotes(text, PRABOWO)
    assert [row[4] for row in found] == [f"Nomor {n}" for n in range(2000)]


def test_a_quoted_fragment_inside_a_clause_is_reported_with_the_whole_clause():
    text = (
        "Interaksi yang erat antara para pemimpin puncak telah “memastikan perkembangan hubungan China-Rusia "
        "yang lancar dan stabil”, kata juru bicara kementerian luar negeri China Wang Wenbin pada hari Senin."
    )
    found = quotes(text, ("China", "COUNTRY", "tiongkok"), ("Wang Wenbin", "PERSON", "wang-wenbin"))
    assert found == [
        (
            0,
            "wang-wenbin",
            "kata",
            "reported",
            "Interaksi yang erat antara para pemimpin puncak telah “memastikan perkembangan hubungan "
            "China-Rusia yang lancar dan stabil”",
        )
    ]


def test_an_organisation_speaks_only_right_after_the_verb():
    said = "“Sejumlah dokumen bilateral penting akan ditandatangani,” "
    assert quotes(said + "kata Kremlin.", KREMLIN)[0][1] == "kremlin"
    assert quotes(said + "kata juru bicara Kremlin.", KREMLIN) == []


def test_kata_without_quote_marks_reports_the_clause_before_it():
    text = "Putin akan bertemu dengan Presiden China Xi Jinping pada Kamis, kata Kremlin."
    found = quotes(text, KREMLIN, ("Xi Jinping", "PERSON", "xi-jinping"), ("China", "COUNTRY", "tiongkok"))
    assert found == [
        (0, "kremlin", "kata", "reported", "Putin akan bertemu dengan Presiden China Xi Jinping pada Kamis")
    ]


def test_a_parenthetical_kata_keeps_both_halves_of_the_clause():
    text = "Hal itu, kata Djarot, sesuai dengan UUD 1945."
    found = quotes(text, ("Djarot", "PERSON", "djarot-saiful-hidayat"))
    assert found == [(0, "djarot-saiful-hidayat", "kata", "reported", "Hal itu, sesuai dengan UUD 1945")]


def test_katanya_and_kata_dia_name_no_speaker_and_give_no_row():
    assert quotes("“Kami siap,” katanya. Prabowo tersenyum.", PRABOWO) == []
    assert quotes("“Kami siap,” kata dia kepada Prabowo.", PRABOWO) == []


def test_an_unrecognised_name_then_a_clause_does_not_pass_the_speech_to_someone_named_later():
    assert quotes("“Kerja, kerja, kerja,” kata Anton menirukan ucapan Prabowo.", PRABOWO) == []
    assert quotes("“Pasti menang,” kata Anton pendukung Prabowo.", PRABOWO) == []


def test_jelas_as_an_adverb_is_not_a_speech_verb():
    text = "Dengan data itu, jelas Prabowo tidak akan mundur."
    assert quotes(text, PRABOWO) == []


# --- Menurut X -------------------------------------------------------------------------------------------


def test_menurut_opening_a_sentence_reports_the_clause_after_the_speaker():
    text = (
        "Menurut Bapak Patrushev, upaya Barat untuk membendung Rusia dan Tiongkok justru akan membuat kedua "
        "negara semakin kooperatif."
    )
    found = quotes(text, ("Patrushev", "PERSON", "nikolai-patrushev"), ("Rusia", "COUNTRY", "rusia"))
    assert found == [
        (
            0,
            "nikolai-patrushev",
            "Menurut",
            "reported",
            "upaya Barat untuk membendung Rusia dan Tiongkok justru akan membuat kedua negara semakin kooperatif",
        )
    ]


def test_menurut_closing_a_sentence_reports_the_clause_before_it():
    text = (
        "Selama kunjungan tersebut, Xi dan Putin akan membahas “kerja sama strategis” antara kedua negara, "
        "menurut Kremlin."
    )
    found = quotes(text, KREMLIN, ("Xi", "PERSON", "xi-jinping"), ("Putin", "PERSON", "vladimir-putin"))
    assert found == [
        (
            0,
            "kremlin",
            "menurut",
            "reported",
            "Selama kunjungan tersebut, Xi dan Putin akan membahas “kerja sama strategis” antara kedua negara",
        )
    ]


def test_menurut_a_title_then_a_person_opening_the_clause_names_no_speaker():
    assert quotes("Menurut juru bicara itu, Prabowo akan hadir di Beijing.", PRABOWO) == []
    assert quotes("Menurut saya, Prabowo akan hadir.", PRABOWO) == []


# --- X mengatakan: the speaker before the verb -----------------------------------------------------------


def test_mengatakan_bahwa_takes_the_subject_and_drops_bahwa():
    text = "Presiden Ukraina Volodymyr Zelensky mengatakan bahwa dia akan menyambut pembicaraan dengan Xi."
    found = quotes(text, ("Ukraina", "COUNTRY", "ukraina"), ("Volodymyr Zelensky", "PERSON", "zelensky"))
    assert found == [(0, "zelensky", "mengatakan", "reported", "dia akan menyambut pembicaraan dengan Xi")]


def test_an_apposition_between_commas_is_the_subject():
    text = "Ketua KPU RI, Mochammad Afifuddin, mengatakan tahapan pemilu berjalan sesuai jadwal."
    found = quotes(text, KPU, ("Mochammad Afifuddin", "PERSON", "mochammad-afifuddin"))
    assert found == [
        (0, "mochammad-afifuddin", "mengatakan", "reported", "tahapan pemilu berjalan sesuai jadwal")
    ]


def test_a_description_between_commas_leaves_the_name_before_it_as_subject():
    text = (
        "Selepas gagal ke Piala Dunia, Alex Pastoor, asisten Kluivert, menegaskan bahwa keinginan itu sulit."
    )
    found = quotes(
        text, ("Alex Pastoor", "PERSON", "alex-pastoor"), ("Kluivert", "PERSON", "patrick-kluivert")
    )
    assert found == [(0, "alex-pastoor", "menegaskan", "reported", "keinginan itu sulit")]


def test_mengatakan_followed_by_a_quote_is_direct():
    text = "Blinken mengatakan, “Kami akan terus mendukung Ukraina.” Dia lalu pergi."
    found = quotes(text, ("Blinken", "PERSON", "antony-blinken"))
    assert found == [(0, "antony-blinken", "mengatakan", "direct", "Kami akan terus mendukung Ukraina.")]


def test_a_time_adjunct_before_bahwa_is_not_what_was_said():
    text = "Amerika Serikat mengatakan pekan lalu bahwa proposal China hanya akan memperpanjang perang."
    found = quotes(text, ("Amerika Serikat", "COUNTRY", "amerika-serikat"), ("China", "COUNTRY", "tiongkok"))
    assert found == [
        (0, "amerika-serikat", "mengatakan", "reported", "proposal China hanya akan memperpanjang perang")
    ]


def test_a_location_is_never_a_speaker():
    text = "China netral, tetapi Washington mengatakan langkah Beijing bisa menjadi “taktik mantap”."
    places = (("Washington", "LOCATION", "washington"), ("Beijing", "LOCATION", "beijing"))
    assert quotes(text, ("China", "COUNTRY", "tiongkok"), *places) == []
    assert quotes("“Kami siap,” kata Washington.", places[0]) == []


def test_an_organisation_at_the_tail_of_a_longer_subject_does_not_speak():
    text = "Layanan pers Kremlin mengatakan pernyataan bersama diharapkan akan ditandatangani."
    assert quotes(text, KREMLIN) == []


def test_a_mention_after_a_preposition_is_not_the_subject():
    text = "Laporan dari Institut Chongyang di Universitas Renmin Beijing mengatakan sanksi berdampak."
    assert quotes(text, ("Universitas Renmin Beijing", "ORGANISATION", "universitas-renmin")) == []


def test_a_speech_act_noun_is_not_what_was_said():
    assert (
        quotes("Puan menyampaikan apresiasi atas masukan yang diberikan.", ("Puan", "PERSON", "puan")) == []
    )


# --- the table -------------------------------------------------------------------------------------------


def test_output_has_the_schema_columns_sorted_by_article_and_sentence():
    articles, sentences, mentions = frames("“Ya,” kata Prabowo. Prabowo mengatakan dia siap.", PRABOWO)
    later = articles.assign(id="0")
    found = extract_quotes(
        pd.concat([articles, later]),
        pd.concat([sentences, sentences.assign(article="0")]),
        pd.concat([mentions, mentions.assign(article="0")]),
    )
    assert list(found.columns) == list(schema.QUOTES)
    assert found.dtypes.astype(str).to_dict() == {**schema.QUOTES, "sentence": "int64"}
    assert list(zip(found["article"], found["sentence"])) == [("0", 0), ("0", 1), ("a", 0), ("a", 1)]


def test_no_speech_gives_an_empty_table_with_the_columns():
    found = extract_quotes(*frames("Xi tiba di Moskow.", ("Xi", "PERSON", "xi-jinping")))
    assert found.empty and list(found.columns) == list(schema.QUOTES)


def test_speech_verbs_file_lists_the_verbs_with_a_known_pattern():
    verbs = load_speech_verbs(SPEECH_VERBS_FILE)
    assert {"kata", "ujar", "tutur", "jelas", "menurut", "mengatakan", "menyatakan"} <= set(verbs)
    assert set(verbs.values()) == {"after", "before", "source"}


def test_a_bad_speech_verbs_row_is_reported_by_file_and_line(tmp_path):
    bad = tmp_path / "verbs.csv"
    bad.write_text("word,pattern\nkata,after\nujar,sideways\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"verbs\.csv:3"):
        load_speech_verbs(bad)


# --- the five seed articles ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    """Articles, sentences and mentions of the seeds: ingested and segmented as the pipeline does it."""
    records = [r for path in ingest.article_files(ROOT / "seeds") for r in ingest.read_file(path)[0]]
    articles = ingest.build_articles(records, ingest.load_patterns(), ingest.load_stopwords())[0]
    sentences = pd.DataFrame(
        [
            (article, i, s[0].start, s[-1].end)
            for article, text in zip(articles["id"], articles["text"])
            for i, s in enumerate(segment(text))
        ],
        columns=list(schema.SENTENCES),
    )
    mentions = schema.read_table(ROOT / "data" / "mentions.csv", schema.MENTIONS)
    return articles, sentences, mentions


def test_seed_speakers_and_verbs(seeds):
    found = extract_quotes(*seeds)
    rows = set(found[["article", "sentence", "speaker", "verb", "kind"]].itertuples(index=False, name=None))
    assert {
        ("000_d258bb2581b52854", 2, "kremlin", "menurut", "reported"),
        ("000_d258bb2581b52854", 3, "kremlin", "kata", "direct"),
        ("000_d258bb2581b52854", 4, "kremlin", "tambah", "direct"),
        ("001_5bb9aeed40329113", 12, "wang-wenbin", "kata", "reported"),
        ("002_6b736f0b0c07c482", 1, "nikolai-patrushev", "ujar", "direct"),
        ("002_6b736f0b0c07c482", 3, "nikolai-patrushev", "Menurut", "reported"),
        ("003_29c053a60797e5e9", 3, "xi-jinping", "kata", "direct"),
        ("003_29c053a60797e5e9", 20, "antony-blinken", "mengatakan", "reported"),
        ("003_29c053a60797e5e9", 23, "volodymyr-zelensky", "mengatakan", "reported"),
    } <= rows
    said = dict(zip(zip(found["article"], found["sentence"]), found["text"]))
    assert (
        said[("003_29c053a60797e5e9", 3)]
        == "Saya mengusulkan untuk memperkuat koordinasi dan kerja sama kita"
    )


def test_seed_sentences_without_a_named_speaker_give_no_row(seeds):
    found = extract_quotes(*seeds)
    places = set(seeds[2].loc[seeds[2]["type"] == "LOCATION", "entity_id"])
    assert not set(found["speaker"]) & places
    rows = set(zip(found["article"], found["sentence"]))
    assert ("001_5bb9aeed40329113", 3) not in rows  # Layanan pers Kremlin mengatakan
    assert ("002_6b736f0b0c07c482", 19) not in rows  # Para ahli mengatakan
    assert ("003_29c053a60797e5e9", 19) not in rows  # Washington mengatakan
    assert ("003_29c053a60797e5e9", 21) not in rows  # “…,” tambahnya.


# --- command line ----------------------------------------------------------------------------------------


def test_cli_writes_quotes_csv_and_a_summary_and_reads_each_article_once(seeds, tmp_path, capsys):
    names = ("articles", "sentences", "mentions")
    for frame, name, columns in zip(seeds, names, (schema.ARTICLES, schema.SENTENCES, schema.MENTIONS)):
        schema.write_table(tmp_path / f"{name}.csv", frame, columns)
    argv = [arg for name in names for arg in (f"--{name}", str(tmp_path / f"{name}.csv"))]
    argv += ["--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    assert main(argv) == 0
    written = (tmp_path / "out" / "quotes.csv").read_bytes()
    assert schema.read_table(tmp_path / "out" / "quotes.csv", schema.QUOTES).equals(extract_quotes(*seeds))
    summary = capsys.readouterr().err
    assert re.match(
        r"quotes: \d+ quotes \(\d+ direct, \d+ reported\) by \d+ speakers; 5 articles read, 0 cached in \d+\.\d s",
        summary,
    )
    assert main(argv) == 0
    assert "; 0 articles read, 5 cached in " in capsys.readouterr().err
    assert (tmp_path / "out" / "quotes.csv").read_bytes() == written


def test_cli_missing_input_exits_2_naming_the_file(tmp_path, capsys):
    argv = ["--articles", str(tmp_path / "nope.csv"), "--sentences", str(tmp_path / "nope.csv")]
    assert main([*argv, "--mentions", str(tmp_path / "nope.csv"), "--out", str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("quotes: error:") and "nope.csv" in error
    assert not (tmp_path / "quotes.csv").exists()


def test_finding_quotes_costs_time_linear_in_the_article():
    """4x the speech acts in one article must cost well under the 16x of quadratic steps."""

    def article(n):
        text = "\n".join(
            f"“Kami siap ke-{k},” kata Prabowo. Menurut KPK, kasus {k} berjalan." for k in range(n)
        )
        return frames(text, PRABOWO, KPK)

    small, large = article(400), article(1600)
    ratio = fastest(lambda: extract_quotes(*large)) / fastest(lambda: extract_quotes(*small))
    assert ratio < 6, ratio
