"""Tests for pipeline.segment: sentence splitting, tokenisation, offsets, and the evaluate command."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import Token, load_abbreviations, main, segment

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# the shared data sits beside the checkout (CI: ../shared); fall back to the usual absolute location
UD_TEST = next(
    (
        base / "datasets/ud/UD_Indonesian-GSD/id_gsd-ud-test.conllu"
        for base in (ROOT.parent / "shared", Path("/work/shared"))
        if (base / "datasets/ud/UD_Indonesian-GSD/id_gsd-ud-test.conllu").is_file()
    ),
    Path("/work/shared/datasets/ud/UD_Indonesian-GSD/id_gsd-ud-test.conllu"),
)


def texts(text: str, max_tokens: int = 150) -> list[list[str]]:
    """Token texts per sentence."""
    return [[token.text for token in sentence] for sentence in segment(text, max_tokens=max_tokens)]


def assert_well_formed(text: str, sentences: list[list[Token]], max_tokens: int = 150) -> None:
    """Offsets round-trip, tokens hold no whitespace, are in order, do not overlap; no empty/long sentence."""
    previous_end = 0
    for sentence in sentences:
        assert 0 < len(sentence) <= max_tokens
        for token in sentence:
            assert text[token.start : token.end] == token.text
            assert token.text and not any(c.isspace() for c in token.text)
            assert token.start >= previous_end
            previous_end = token.end


def test_seed_sentence_is_one_sentence_with_its_tokens() -> None:
    text = (
        "Pemimpin China Xi Jinping akan mengunjungi Rusia minggu depan atas undangan Presiden Vladimir "
        "Putin, Kementerian Luar Negeri China mengumumkan Jumat."
    )
    assert texts(text) == [
        [
            *"Pemimpin China Xi Jinping akan mengunjungi Rusia minggu depan atas undangan Presiden".split(),
            *["Vladimir", "Putin", ","],
            *"Kementerian Luar Negeri China mengumumkan Jumat .".split(),
        ]
    ]


def test_two_sentences_on_one_line_are_split() -> None:
    text = "Kunjungan terakhirnya mendekati tur tiga negara Xi di Eropa. Bertemu di Paris dengan Macron."
    assert [s[0] for s in texts(text)] == ["Kunjungan", "Bertemu"]


def test_title_abbreviation_does_not_split() -> None:
    assert texts("Hal itu dikatakan Dr. Budi kemarin.") == [
        ["Hal", "itu", "dikatakan", "Dr", ".", "Budi", "kemarin", "."]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Rumah Prof. Ir. Hj. Siti di Jl. Sudirman No. 5 Kec. Menteng.",
        "Bantuan a.n. Bpk. Agus dikirim ke Kab. Bogor.",
        "Budi Santoso, S.H., M.Sc. menjadi ketua.",
        "Ia membeli beras, gula, dll. di pasar.",
        "Harga Rp. 5.000 naik vs. tahun lalu.",
        "Ia tinggal di St. Petersburg sejak 2010.",
    ],
)
def test_listed_abbreviations_do_not_split(text: str) -> None:
    assert len(segment(text)) == 1


def test_may_end_abbreviation_ends_sentence_before_capital() -> None:
    assert len(segment("Ia membeli beras, gula, dll. Lalu ia pulang.")) == 2


def test_dotted_abbreviation_keeps_inner_periods() -> None:
    assert texts("Budi, S.H. datang.")[0][:4] == ["Budi", ",", "S.H", "."]


def test_single_capital_initial_does_not_split() -> None:
    assert texts("Presiden J. Biden tiba.") == [["Presiden", "J", ".", "Biden", "tiba", "."]]


@pytest.mark.parametrize("number", ["1.000", "3,5", "10.30", "500.000", "2024-25"])
def test_numbers_stay_one_token(number: str) -> None:
    assert number in texts(f"Pada pukul {number} mereka tiba.")[0]


def test_decimal_does_not_end_sentence() -> None:
    assert len(segment("Ekonomi tumbuh 3.5 persen tahun ini.")) == 1


@pytest.mark.parametrize("word", ["isu-isu", "Rusia-Tiongkok", "ke-5", "1960-an", "besar-besaran", "Jum'at"])
def test_hyphenated_and_apostrophe_words_stay_one_token(word: str) -> None:
    assert word in texts(f"Mereka membahas {word} kemarin.")[0]


def test_percent_and_currency_are_split_as_in_gsd() -> None:
    assert texts("Naik 98% menjadi Rp1,5 triliun.") == [
        ["Naik", "98", "%", "menjadi", "Rp", "1,5", "triliun", "."]
    ]


@pytest.mark.parametrize(
    "token", ["https://www.example.com/berita?id=5", "redaksi@kompas.co.id", "Kompas.com", "Portamur.ru"]
)
def test_url_email_and_domain_are_one_token_without_splitting(token: str) -> None:
    sentences = texts(f"Lihat {token}. Itu saja.")
    assert sentences[0] == ["Lihat", token, "."]
    assert len(sentences) == 2


def test_ellipsis_followed_by_lowercase_does_not_split() -> None:
    assert len(segment("Kerja sama di berbagai bidang ... serta isu-isu internasional.")) == 1


def test_newline_always_ends_a_sentence() -> None:
    assert texts("CNN\n—\nXi tiba di Moskow") == [["CNN"], ["—"], ["Xi", "tiba", "di", "Moskow"]]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "“Sejumlah dokumen bilateral penting akan ditandatangani.” Kremlin mengatakan itu."
    assert texts(text)[0][-3:] == ["ditandatangani", ".", "”"]
    assert texts(text)[1][0] == "Kremlin"


def test_quoted_question_followed_by_lowercase_does_not_split() -> None:
    assert len(segment("“Apa kabar?” tanya dia kepada Putin.")) == 1


def test_offsets_round_trip_on_seed_articles() -> None:
    assert SEEDS, "seed articles missing"
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        sentences = segment(text)
        assert sentences
        assert_well_formed(text, sentences)


def test_max_tokens_caps_a_long_line() -> None:
    text = " ".join(["kata"] * 1000)
    sentences = segment(text, max_tokens=40)
    assert [len(s) for s in sentences] == [40] * 25
    assert_well_formed(text, sentences, max_tokens=40)


def test_max_tokens_prefers_cutting_after_a_comma() -> None:
    text = ", ".join(" ".join(["kata"] * 7) for _ in range(20))
    for sentence in segment(text, max_tokens=30)[:-1]:
        assert sentence[-1].text == ","


def test_max_tokens_must_be_positive() -> None:
    with pytest.raises(ValueError):
        segment("Halo.", max_tokens=0)


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\r\n \u3000 "])
def test_empty_or_whitespace_text_gives_no_sentences(text: str) -> None:
    assert segment(text) == []


@pytest.mark.slow
def test_five_megabyte_single_line_is_capped() -> None:
    text = "kerja sama strategis antara kedua negara " * 125_000  # 5 MB, no punctuation, no newline
    sentences = segment(text)
    assert max(len(s) for s in sentences) <= 150
    assert sentences[-1][-1].end == len(text.rstrip())


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    ["a." * 100_000, "a.b+" * 50_000, "http://" + "." * 200_000, "a-b." * 50_000, "@a" * 100_000],
)
def test_pathological_lines_take_linear_time(text: str) -> None:
    started = time.perf_counter()
    sentences = segment(text)
    assert time.perf_counter() - started < 20  # quadratic backtracking would take minutes
    assert_well_formed(text, sentences)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list(" \n\t.,!?…“”\"'‘’()-–—:;/@%Rp0123456789ADJSabdhlnrst\u00a0\u200b\ufeff")),
            st.characters(),
        ),
        max_size=300,
    ),
    st.integers(min_value=1, max_value=20),
)
def test_offsets_always_round_trip_for_arbitrary_text(text: str, max_tokens: int) -> None:
    assert_well_formed(text, segment(text, max_tokens=max_tokens), max_tokens=max_tokens)


def test_abbreviation_file_is_loaded_with_comments_ignored() -> None:
    abbreviations = load_abbreviations()
    assert "Dr." in abbreviations.never_final and "dll." in abbreviations.may_end
    assert not any(form.startswith("#") for form in abbreviations.never_final | abbreviations.may_end)


CONLLU = """\
# newdoc id = d1
# sent_id = 1
# text = Dr. Budi membelinya 1.000 buah.
1\tDr\tdr\tPROPN\t_\t_\t0\troot\t_\tSpaceAfter=No
2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_
3\tBudi\tbudi\tPROPN\t_\t_\t1\tflat\t_\t_
4-5\tmembelinya\t_\t_\t_\t_\t_\t_\t_\t_
4\tmembeli\tbeli\tVERB\t_\t_\t1\tacl\t_\t_
5\tnya\tdia\tPRON\t_\t_\t4\tobj\t_\t_
5.1\tada\tada\tVERB\t_\t_\t_\t_\t0:root\t_
6\t1.000\t1.000\tNUM\t_\t_\t7\tnummod\t_\t_
7\tbuah\tbuah\tNOUN\t_\t_\t4\tobj\t_\tSpaceAfter=No
8\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_

# sent_id = 2
# text = Ia pulang.
1\tIa\tia\tPRON\t_\t_\t2\tnsubj\t_\t_
2\tpulang\tpulang\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_

"""


def test_evaluate_command_scores_a_perfect_fixture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "token" in out and "F1 1.0000" in out


def test_evaluate_json_last_line_has_the_scores(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    assert main(["evaluate", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result == {
        "token_f1": 1.0,
        "token_precision": 1.0,
        "token_recall": 1.0,
        "sentence_f1": 1.0,
        "sentence_precision": 1.0,
        "sentence_recall": 1.0,
        "sentences": 2,
    }


def test_evaluate_counts_token_and_sentence_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # gold keeps "Dr." whole and joins two sentences: our "Dr" "." costs a token, our split the sentence
    path = tmp_path / "other.conllu"
    path.write_text(
        "# text = Dr. Budi pulang. Ia tidur.\n"
        + "".join(
            f"{i}\t{form}\t_\t_\t_\t_\t0\t_\t_\t_\n"
            for i, form in enumerate(["Dr.", "Budi", "pulang", ".", "Ia", "tidur", "."], start=1)
        )
        + "\n",
        encoding="utf-8",
    )
    assert main(["evaluate", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["token_recall"] == round(6 / 7, 4) and result["token_precision"] == round(6 / 8, 4)
    assert result["sentence_precision"] == 0.0 and result["sentence_recall"] == 0.0


def test_evaluate_help_exits_cleanly(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", "--help"])
    assert exit_info.value.code == 0
    assert "--json" in capsys.readouterr().out


@pytest.mark.skipif(not UD_TEST.is_file(), reason="UD Indonesian-GSD test file not available")
def test_evaluate_on_ud_indonesian_gsd_test(capsys: pytest.CaptureFixture[str]) -> None:
    # measured: token F1 0.9990, sentence F1 0.8790 (GSD often puts two sentences under one "# text")
    assert main(["evaluate", str(UD_TEST), "--json"]) == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert result["token_f1"] >= 0.995
    assert result["sentence_f1"] >= 0.86
