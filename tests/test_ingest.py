"""Tests for the ingest stage: what a user notices in data/interim/articles.csv and on stderr."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import ingest, schema

ROOT = Path(__file__).resolve().parents[1]

SEEDS = ROOT / "seeds"
DETIK = ROOT.parent / "shared" / "datasets" / "news" / "detik-2025"
PATTERNS = ingest.load_patterns()

INDONESIAN = (
    "Presiden Rusia Vladimir Putin akan mengunjungi Beijing bulan depan untuk berunding dengan "
    "Presiden Tiongkok Xi Jinping dan menghadiri Forum Sabuk dan Jalan."
)
ENGLISH = (
    "Chinese leader Xi Jinping will visit Russia next week at the invitation of President Vladimir Putin, "
    "the foreign ministry announced on Friday."
)


class Run(NamedTuple):
    code: int
    frame: pd.DataFrame | None
    err: str


@pytest.fixture
def ingest_files(tmp_path, capsys):
    """Write the given files into a fresh seeds folder and run ingest on it.

    Returns its exit code, the articles written (None if nothing was written) and stderr.
    """

    def run(files: dict[str, str | bytes]) -> Run:
        seeds = tmp_path / "seeds"
        seeds.mkdir()
        for name, content in files.items():
            if isinstance(content, str):
                (seeds / name).write_text(content, encoding="utf-8", newline="")
            else:
                (seeds / name).write_bytes(content)
        out = tmp_path / "out" / "articles.csv"
        code = ingest.main(["--seeds", str(seeds), "--out", str(out)])
        frame = schema.read_table(out, schema.ARTICLES) if out.exists() else None
        return Run(code, frame, capsys.readouterr().err)

    return run


@pytest.fixture(scope="module")
def seed_articles(tmp_path_factory):
    """The real seed articles, ingested once."""
    out = tmp_path_factory.mktemp("seeds") / "articles.csv"
    assert ingest.main(["--seeds", str(SEEDS), "--out", str(out)]) == 0
    return schema.read_table(out, schema.ARTICLES).set_index("id")


def texts(frame) -> dict[str, str]:
    return dict(zip(frame["id"], frame["text"]))


def warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("ingest: warning: ")]


# --- the seeds ---------------------------------------------------------------------------------------


def test_every_seed_article_is_ingested_under_its_file_name(seed_articles):
    expected = sorted(path.stem for path in SEEDS.glob("*.txt"))
    assert list(seed_articles.index) == expected
    assert list(seed_articles["file"]) == [f"{stem}.txt" for stem in expected]


def test_seed_000_no_longer_starts_with_cnn_and_dash(seed_articles):
    text = seed_articles.loc["000_d258bb2581b52854", "text"]
    assert text.startswith("Pemimpin China Xi Jinping akan mengunjungi Rusia")
    assert "CNN" not in text.split("\n")
    assert "—" not in text.split("\n")


def test_seed_002_loses_credit_ad_marker_source_link_and_comment_counter(seed_articles):
    lines = seed_articles.loc["002_6b736f0b0c07c482", "text"].split("\n")
    for boilerplate in ("Huyen Le (Menurut Reuters )", "[iklan_2]", "Tautan sumber", "Komentar (0)"):
        assert boilerplate not in lines
    assert lines[-1].startswith("Para ahli mengatakan Rusia dan Tiongkok semakin dekat")


def test_seed_004_loses_baca_juga_source_and_whatsapp_lines(seed_articles):
    text = seed_articles.loc["004_b00c46995fa3cb89", "text"]
    assert "Baca Juga" not in text
    assert "Sumber : Associated Press" not in text
    assert "WhatsApp" not in text


def test_seeds_lose_exactly_their_boilerplate_lines_and_nothing_else():
    removed = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        kept = ingest.clean_text(raw, PATTERNS).split("\n")
        lines = [line.rstrip() for line in raw.split("\n") if line.strip()]
        assert [line for line in lines if line in kept] == kept  # order kept, nothing rewritten
        removed[path.stem[:3]] = [line for line in lines if line not in kept]
    assert removed == {
        "000": ["CNN", "—"],
        "001": [],
        "002": ["Huyen Le (Menurut Reuters )", "[iklan_2]", "Tautan sumber", "Komentar (0)"],
        "003": [],
        "004": [
            (
                "Baca Juga: Putin Sebut Arogansi Barat Berisiko Ciptakan Konflik Global, Ungkap Pasukan "
                "Rusia Siap Perang"
            ),
            (
                "Baca Juga: Gaduh Perombakan Kementerian Pertahanan Rusia yang Terjadi saat Perang Ukraina "
                "di Titik Genting"
            ),
            "Sumber : Associated Press",
            "Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.",
        ],
    }


def test_seed_subheadings_and_captions_are_kept(seed_articles):
    assert "Kishida di Kiev" in seed_articles.loc["003_29c053a60797e5e9", "text"].split("\n")
    assert "‘Sampul Diplomatik’" in seed_articles.loc["003_29c053a60797e5e9", "text"].split("\n")
    assert "29 Juli. Foto: AFP" in seed_articles.loc["002_6b736f0b0c07c482", "text"]


def test_dateline_inside_a_line_is_kept_so_offsets_match_the_source(seed_articles):
    assert seed_articles.loc["004_b00c46995fa3cb89", "text"].startswith("BEIJING, KOMPAS.TV - Presiden Rusia")


def test_seeds_run_is_quiet_and_prints_one_summary_line(tmp_path, capsys):
    assert ingest.main(["--seeds", str(SEEDS), "--out", str(tmp_path / "a.csv")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith("ingest: 5 articles from 5 files (0 skipped) in ")
    assert err[0].endswith(" s")


def test_two_runs_give_byte_identical_output(tmp_path):
    first, second = tmp_path / "1.csv", tmp_path / "2.csv"
    assert ingest.main(["--seeds", str(SEEDS), "--out", str(first)]) == 0
    assert ingest.main(["--seeds", str(SEEDS), "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()


def test_written_text_reads_back_exactly_as_cleaned(seed_articles):
    raw = (SEEDS / "000_d258bb2581b52854.txt").read_text(encoding="utf-8")
    assert seed_articles.loc["000_d258bb2581b52854", "text"] == ingest.clean_text(raw, PATTERNS)


def test_command_line_runs_on_the_seeds(tmp_path):
    out = tmp_path / "articles.csv"
    command = [sys.executable, "-m", "pipeline.ingest", "--seeds", "seeds", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stderr.startswith("ingest: 5 articles from 5 files (0 skipped) in ")
    assert len(schema.read_table(out, schema.ARTICLES)) == 5


def test_help_describes_the_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        ingest.main(["--help"])
    assert exit_.value.code == 0
    assert "--seeds" in capsys.readouterr().out


# --- boilerplate patterns ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Baca Juga: Putin Sebut Arogansi Barat Berisiko Ciptakan Konflik Global",
        "BACA JUGA Gaduh Perombakan Kementerian Pertahanan Rusia",
        "Gabung ke Channel WhatsApp KompasTV untuk update berita terbaru dan terpercaya.",
        "[iklan_2]",
        "[iklan]",
        "Tautan sumber",
        "Komentar (0)",
        "Komentar (12)",
        "Sumber : Associated Press",
        "Sumber: Reuters",
        "CNN",
        "CNN Indonesia",
        "Reuters",
        "AFP",
        "Antara",
        "—",
        "-",
        "–",
        "Penulis: Fitria Chusna Farisa",
        "Editor: Gading Persada",
        "Reporter: Ahmad Naufal",
        "Oleh: Redaksi",
        "Laporan Wartawan Tribunnews.com, Fersianus Waku",
        "Simak berita menarik lainnya di sini",
        "Simak Video: Putin tiba di Beijing",
        "Lihat juga:",
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "[Gambas:Video CNN]",
        "(rds/ayp)",
        'Tonton juga video "Prabowo Puji Jokowi di Sidang Kabinet" di sini:',
        'Tonton juga "KPK Lelang Barang Rampasan Korupsi: Halal atau Haram?" di sini:',
        "Lihat Video 'Viral Oknum TNI AL Pukul Driver Ojol di Jakbar':",
        "Lihat juga Video: Merunut Logika Menteri Purbaya",
        "Saksikan Live DetikPagi :",
        "Saksikan LiveDetikpagi:",
    ],
)
def test_boilerplate_line_is_removed(line):
    assert (
        ingest.clean_text(f"{INDONESIAN}\n  {line}  \n{INDONESIAN}", PATTERNS)
        == f"{INDONESIAN}\n{INDONESIAN}"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Oleh karena itu, Kremlin menolak usulan tersebut.",
        "Laporan wartawan itu dibantah Kremlin.",
        "Sumber itu mengatakan Putin akan tiba pada Kamis.",
        "Xi bertemu Putin (menurut Reuters).",
        "CNN melaporkan bahwa Xi akan tiba di Moskow.",
        "Kishida di Kiev",
        "Simak: Putin dan Xi berbicara selama empat jam.",
        "Editorial itu mengkritik Barat.",
        "Lihat videonya di akun Instagram resmi kementerian, kata Budi.",
        "Saksikan bagaimana Putin menyambut Xi di Kremlin.",
    ],
)
def test_real_sentence_is_kept(line):
    assert ingest.clean_text(line, PATTERNS) == line


def test_long_line_is_never_treated_as_boilerplate():
    line = "Baca juga " + "kata " * 100
    assert ingest.clean_text(line, PATTERNS) == line.rstrip()


# --- encodings and odd files ---------------------------------------------------------------------------


def test_empty_file_is_warned_and_skipped(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "kosong.txt": b""})
    assert run.code == 0
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == ["ingest: warning: kosong.txt: empty file; skipped"]
    assert "from 2 files (1 skipped)" in run.err


def test_binary_file_with_nul_bytes_is_warned_and_skipped(ingest_files):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20
    run = ingest_files({"a.txt": INDONESIAN, "foto.txt": png})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == ["ingest: warning: foto.txt: binary file; skipped"]


def test_mostly_non_text_file_is_warned_as_binary(ingest_files):
    noise = bytes(range(1, 256)) * 40
    run = ingest_files({"a.txt": INDONESIAN, "acak.txt": noise})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == ["ingest: warning: acak.txt: binary file; skipped"]


def test_cp1252_text_is_decoded_with_a_fallback_warning(ingest_files):
    data = "Harga kopi naik – kata menteri “resmi” di café itu.".encode("cp1252")
    run = ingest_files({"lama.txt": data})
    assert texts(run.frame) == {"lama": "Harga kopi naik – kata menteri “resmi” di café itu."}
    assert warnings(run.err) == ["ingest: warning: lama.txt: not UTF-8; decoded as cp1252"]


def test_latin1_bytes_undefined_in_cp1252_do_not_break_decoding():
    text, warning = ingest.decode(b"caf\xe9 \x81 ok")
    assert warning == "not UTF-8; decoded as cp1252"
    assert ingest.clean_text(text, PATTERNS) == "café  ok"


def test_utf8_bom_and_crlf_are_cleaned_without_warning(ingest_files):
    data = ("\ufeff" + INDONESIAN + "\r\n\r\nBaca Juga: Lainnya\r\n" + INDONESIAN + "\r\n").encode()
    run = ingest_files({"win.txt": data})
    assert texts(run.frame) == {"win": f"{INDONESIAN}\n{INDONESIAN}"}
    assert warnings(run.err) == []


def test_utf16_file_with_bom_is_read_as_text(ingest_files):
    run = ingest_files({"notepad.txt": INDONESIAN.encode("utf-16")})
    assert texts(run.frame) == {"notepad": INDONESIAN}
    assert warnings(run.err) == []


def test_huge_single_line_is_kept_whole(ingest_files):
    line = ("Xi dan Putin bertemu di Moskow, harga < 5 & > 3 " * 60_000).rstrip()
    run = ingest_files({"besar.txt": line})
    assert texts(run.frame) == {"besar": line}
    assert warnings(run.err) == []


def test_html_pasted_as_text_loses_tags_scripts_and_entities(ingest_files):
    html = (
        "<html><head><style>p { color: red }</style></head><body>\n"
        "<div class='berita'><p>Putin &amp; Xi bertemu\n   di Moskow.</p>"
        "<script>var iklan = '<p>beli</p>';</script>"
        "<p>Kedua pemimpin<br>membahas kerja sama.</p><p>Baca Juga: Lainnya</p></div></body></html>"
    )
    run = ingest_files({"web.txt": html})
    assert texts(run.frame) == {"web": "Putin & Xi bertemu di Moskow.\nKedua pemimpin\nmembahas kerja sama."}


def test_text_with_angle_brackets_is_not_treated_as_html():
    text = "Inflasi < 3 persen & suku bunga > 5 persen, kata BI."
    assert ingest.clean_text(text, PATTERNS) == text


def test_control_characters_are_removed_but_tabs_kept():
    assert ingest.clean_text("Putin\x07 tiba\tdi\x1b Beijing.\x7f", PATTERNS) == "Putin tiba\tdi Beijing."


def test_unicode_line_separators_become_line_breaks():
    assert ingest.clean_text("Putin tiba.\u2028Xi menyambut.\x0cKomentar (3)", PATTERNS) == (
        "Putin tiba.\nXi menyambut."
    )


def test_readme_and_hidden_files_are_not_articles(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "README.md": "# Seeds", ".b.txt": INDONESIAN})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == []
    assert "1 articles from 1 files" in run.err


def test_article_empty_after_cleaning_is_warned_and_skipped(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "iklan.txt": "CNN\n—\n[iklan_2]\n  \n"})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == [
        "ingest: warning: iklan.txt: article 'iklan' is empty after cleaning; skipped"
    ]


# --- CSV and JSONL -----------------------------------------------------------------------------------


def test_csv_optional_columns_are_carried_and_missing_ones_left_empty(ingest_files):
    csv_text = (
        "id,title,date,text,extra\n"
        'k1,Putin ke China,2024-05-14,"Putin tiba di Beijing.\nBaca Juga: Lainnya\nXi menyambut.",x\n'
    )
    run = ingest_files({"kompas.csv": csv_text})
    row = run.frame.iloc[0]
    assert (row["id"], row["title"], row["date"], row["source"], row["url"], row["file"]) == (
        "k1",
        "Putin ke China",
        "2024-05-14",
        "",
        "",
        "kompas.csv",
    )
    assert row["text"] == "Putin tiba di Beijing.\nXi menyambut."


def test_csv_quoted_text_spanning_lines_is_one_article(ingest_files):
    csv_text = 'id,text\nk1,"Baris satu.\r\n\r\nBaris ""dua"", akhir."\nk2,Baris tiga.\n'
    run = ingest_files({"b.csv": csv_text})
    assert texts(run.frame) == {"k1": 'Baris satu.\nBaris "dua", akhir.', "k2": "Baris tiga."}


def test_malformed_csv_row_is_warned_with_its_line_and_good_rows_kept(ingest_files):
    csv_text = 'id,text\nk1,"Putin tiba.\nXi menyambut."\nk2,terlalu,banyak\nk3,Wang Yi hadir.\n'
    run = ingest_files({"b.csv": csv_text})
    assert list(run.frame["id"]) == ["k1", "k3"]
    assert warnings(run.err) == ["ingest: warning: b.csv:4: expected 2 fields, found 3; row skipped"]


def test_csv_row_without_text_is_warned_and_skipped(ingest_files):
    run = ingest_files({"b.csv": "id,text\nk1,\nk2,Putin tiba.\n"})
    assert list(run.frame["id"]) == ["k2"]
    assert warnings(run.err) == ["ingest: warning: b.csv:2: article 'k1' has no text; skipped"]


def test_csv_without_text_column_is_warned_and_skipped(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "b.csv": "id,isi\nk1,Putin tiba.\n"})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == ["ingest: warning: b.csv: missing column 'text'; file skipped"]


def test_jsonl_optional_keys_are_carried(ingest_files):
    lines = [
        {"id": "j1", "text": "Putin tiba di Beijing.", "source": "Reuters", "url": "https://x.id/1"},
        {"id": 2, "text": "Xi menyambut.", "date": None},
    ]
    run = ingest_files({"c.jsonl": "\n".join(json.dumps(line) for line in lines) + "\n"})
    assert list(run.frame["id"]) == ["2", "j1"]
    assert list(run.frame["source"]) == ["", "Reuters"]
    assert list(run.frame["url"]) == ["", "https://x.id/1"]
    assert list(run.frame["date"]) == ["", ""]


def test_jsonl_bad_line_is_warned_with_its_line_and_good_lines_kept(ingest_files):
    text = '{"id": "j1", "text": "Putin tiba."}\n{"id": "j2", "text": \n{"id": "j3", "text": "Xi tiba."}\n'
    run = ingest_files({"c.jsonl": text})
    assert list(run.frame["id"]) == ["j1", "j3"]
    assert len(warnings(run.err)) == 1
    assert warnings(run.err)[0].startswith("ingest: warning: c.jsonl:2: not valid JSON")


def test_jsonl_without_id_key_is_warned_and_skipped(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "c.jsonl": '{"text": "Putin tiba."}\n'})
    assert list(run.frame["id"]) == ["a"]
    assert warnings(run.err) == ["ingest: warning: c.jsonl: missing key 'id'; file skipped"]


# --- duplicates and languages ------------------------------------------------------------------------


def test_duplicate_id_across_files_is_kept_with_a_suffix_naming_both_files(ingest_files):
    run = ingest_files({"k1.txt": INDONESIAN, "lain.csv": "id,text\nk1,Xi tiba di Moskow.\n"})
    assert texts(run.frame) == {"k1": INDONESIAN, "k1~2": "Xi tiba di Moskow."}
    assert list(run.frame["file"]) == ["k1.txt", "lain.csv"]
    assert warnings(run.err) == [
        "ingest: warning: lain.csv:2: duplicate id 'k1' (first in k1.txt); renamed to 'k1~2'"
    ]


def test_duplicate_id_within_one_file_counts_up(ingest_files):
    run = ingest_files({"b.csv": "id,text\nk,Satu.\nk,Dua.\nk,Tiga.\n"})
    assert texts(run.frame) == {"k": "Satu.", "k~2": "Dua.", "k~3": "Tiga."}
    assert len(warnings(run.err)) == 2


def test_non_indonesian_articles_are_kept_with_one_warning(ingest_files):
    run = ingest_files({"a.txt": INDONESIAN, "en1.txt": ENGLISH, "en2.txt": ENGLISH})
    assert list(run.frame["id"]) == ["a", "en1", "en2"]
    [warning] = warnings(run.err)
    assert "2 of 3 articles look non-Indonesian" in warning
    assert warning.endswith("en1, en2")


# --- nothing readable ------------------------------------------------------------------------------


def test_missing_folder_exits_2_and_leaves_previous_output(tmp_path, capsys):
    out = tmp_path / "articles.csv"
    out.write_text("previous\n")
    assert ingest.main(["--seeds", str(tmp_path / "nope"), "--out", str(out)]) == 2
    assert out.read_text() == "previous\n"
    assert capsys.readouterr().err.startswith("ingest: error: cannot read folder")


def test_nothing_readable_exits_2_and_leaves_previous_output(tmp_path, capsys):
    out = tmp_path / "out" / "articles.csv"
    out.parent.mkdir()
    out.write_text("previous\n")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "kosong.txt").write_bytes(b"")
    (seeds / "iklan.txt").write_text("[iklan_2]\n")
    assert ingest.main(["--seeds", str(seeds), "--out", str(out)]) == 2
    assert out.read_text() == "previous\n"
    err = capsys.readouterr().err
    assert "ingest: error: no readable article in" in err


# --- broken CSV ----------------------------------------------------------------------------------


def test_unterminated_quote_in_the_last_row_is_reported_and_the_rows_before_kept(ingest_files):
    csv_text = 'id,text\nk1,Putin tiba.\nk2,Xi menyambut.\nk3,"Wang Yi hadir\n'
    run = ingest_files({"b.csv": csv_text})
    assert texts(run.frame) == {"k1": "Putin tiba.", "k2": "Xi menyambut."}
    assert warnings(run.err) == [
        "ingest: warning: b.csv:4: a quote opened in this row never closes; row skipped"
    ]


def test_unterminated_quote_never_swallows_the_rest_of_the_file(ingest_files):
    csv_text = 'id,text\nk1,Putin tiba.\nk2,"Xi menyambut\nk3,Wang Yi hadir.\nk4,Lavrov hadir.\n'
    run = ingest_files({"b.csv": csv_text})
    assert texts(run.frame) == {"k1": "Putin tiba.", "k3": "Wang Yi hadir.", "k4": "Lavrov hadir."}
    assert warnings(run.err) == [
        "ingest: warning: b.csv:3: a quote opened in this row never closes (it would take in lines 4-5 as "
        "text); row skipped, reading on from line 4"
    ]


def test_quote_closed_in_a_later_row_is_reported_and_the_rows_between_kept(ingest_files):
    csv_text = 'id,text\nk1,"Putin tiba.\nk2,Xi menyambut.\nk3,"Kata ""Wang"" di Beijing."\nk4,Selesai.\n'
    run = ingest_files({"b.csv": csv_text})
    assert texts(run.frame) == {
        "k2": "Xi menyambut.",
        "k3": 'Kata "Wang" di Beijing.',
        "k4": "Selesai.",
    }
    [warning] = warnings(run.err)
    assert warning.startswith("ingest: warning: b.csv:2: unreadable row (")
    assert warning.endswith("); row skipped")


def test_text_after_a_closing_quote_is_reported(ingest_files):
    run = ingest_files({"b.csv": 'id,text\nk1,"Putin tiba." kemarin\nk2,Xi menyambut.\n'})
    assert list(run.frame["id"]) == ["k2"]
    assert warnings(run.err) == [
        "ingest: warning: b.csv:2: unreadable row (',' expected after '\"'); row skipped"
    ]


def test_row_with_too_few_fields_is_reported(ingest_files):
    run = ingest_files({"b.csv": "id,text,title\nk1,Putin tiba.\nk2,Xi menyambut.,Xi\n"})
    assert list(run.frame["id"]) == ["k2"]
    assert warnings(run.err) == ["ingest: warning: b.csv:2: expected 3 fields, found 2; row skipped"]


def test_quote_inside_an_unquoted_field_is_text(ingest_files):
    run = ingest_files({"b.csv": 'id,text\nk1,Xi berkata "halo" kepada Putin.\n'})
    assert texts(run.frame) == {"k1": 'Xi berkata "halo" kepada Putin.'}
    assert warnings(run.err) == []


# --- dates ----------------------------------------------------------------------------------------


def test_dates_in_every_form_become_iso(ingest_files):
    csv_text = (
        "id,date,text\n"
        "a,10/21/2025 20:43,Putin tiba.\n"
        '"b","Senin, 20 Okt 2025 14:05 WIB",Xi tiba.\n'
        "c,20 Oktober 2025,Wang tiba.\n"
        "d,2025-10-21T20:43:05+07:00,Lavrov tiba.\n"
        "e,2025-10-21,Retno tiba.\n"
        "f,,Sugiono tiba.\n"
    )
    run = ingest_files({"b.csv": csv_text})
    assert dict(zip(run.frame["id"], run.frame["date"])) == {
        "a": "2025-10-21T20:43",
        "b": "2025-10-20T14:05",
        "c": "2025-10-20",
        "d": "2025-10-21T20:43",
        "e": "2025-10-21",
        "f": "",
    }
    assert warnings(run.err) == []


def test_unreadable_date_is_warned_with_file_and_line_and_left_empty(ingest_files):
    lines = [
        {"id": "j1", "text": "Putin tiba.", "date": "kemarin"},
        {"id": "j2", "text": "Xi tiba.", "date": "20 Okt"},
    ]
    run = ingest_files({"c.jsonl": "\n".join(json.dumps(line) for line in lines) + "\n"})
    assert list(run.frame["date"]) == ["", ""]
    assert warnings(run.err) == [
        "ingest: warning: c.jsonl:1: unreadable date 'kemarin', left empty",
        "ingest: warning: c.jsonl:2: unreadable date '20 Okt', left empty",
    ]


def test_each_file_reads_its_numeric_dates_in_its_own_order(ingest_files):
    us = "id,date,text\nu1,10/21/2025 20:43,Putin tiba.\nu2,3/4/2025 9:00,Xi tiba.\n"
    indonesian = "id,date,text\ni1,21/10/2025,Wang tiba.\ni2,03/04/2025,Lavrov tiba.\n"
    run = ingest_files({"export.csv": us, "kliping.csv": indonesian})
    assert dict(zip(run.frame["id"], run.frame["date"])) == {
        "i1": "2025-10-21",
        "i2": "2025-04-03",
        "u1": "2025-10-21T20:43",
        "u2": "2025-03-04T09:00",
    }
    assert warnings(run.err) == []


def test_numeric_date_nothing_in_the_file_decides_is_warned_and_left_empty(ingest_files):
    run = ingest_files({"b.csv": "id,date,text\nk1,03/04/2025,Putin tiba.\nk2,05/05/2025,Xi tiba.\n"})
    assert list(run.frame["date"]) == ["", "2025-05-05"]
    assert warnings(run.err) == [
        "ingest: warning: b.csv:2: ambiguous date '03/04/2025' (day/month or month/day, and no date in the "
        "file tells which), left empty"
    ]


def test_date_warnings_come_in_line_order_with_the_other_row_warnings(ingest_files):
    run = ingest_files({"b.csv": "id,date,text\nk1,kemarin,Putin tiba.\nk2,x,y,z\nk3,besok,Xi tiba.\n"})
    assert [w.split(": ")[2] for w in warnings(run.err)] == ["b.csv:2", "b.csv:3", "b.csv:4"]


@pytest.mark.skipif(not DETIK.is_dir(), reason="needs ../shared/datasets/news/detik-2025")
def test_detik_2025_every_article_gets_an_iso_date(tmp_path, capsys):
    out = tmp_path / "articles.csv"
    assert ingest.main(["--seeds", str(DETIK), "--out", str(out)]) == 0
    frame = schema.read_table(out, schema.ARTICLES)
    assert len(frame) == 502
    assert all(re.fullmatch(r"2025-\d{2}-\d{2}T\d{2}:\d{2}", date) for date in frame["date"])
    assert "date" not in capsys.readouterr().err


# --- lines repeated across articles ----------------------------------------------------------------


STORIES = [
    ("Putin tiba di Beijing pada Selasa pagi.", "Kedua pemimpin akan membahas kerja sama energi."),
    ("Xi Jinping menyambut Putin di Balai Agung Rakyat.", "Pertemuan itu berlangsung selama tiga jam."),
    ("Wang Yi bertemu Lavrov di Moskow.", "Keduanya menolak sanksi sepihak Barat."),
]


def test_line_repeated_across_unrelated_articles_is_removed_and_counted(ingest_files):
    files = {
        f"{n}.txt": f"{first}\nJANGAN LEWATKAN PROMO HARI INI\n{last}"
        for n, (first, last) in enumerate(STORIES)
    }
    run = ingest_files(files)
    assert texts(run.frame) == {str(n): f"{first}\n{last}" for n, (first, last) in enumerate(STORIES)}
    assert (
        "3 articles from 3 files (0 skipped), 3 lines repeated across articles removed (1 kinds;" in run.err
    )


def test_show_repeated_lists_the_learned_lines_on_standard_output(tmp_path, capsys):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    titles = ["Prabowo Tiba di Beijing", "Xi Menyambut Putin Hari Ini", "Wang Yi Hadir di Moskow"]
    for n, ((first, last), title) in enumerate(zip(STORIES, titles)):
        (seeds / f"{n}.txt").write_text(f"{first}\nTonton Juga: {title}\n{last}", encoding="utf-8")
    assert ingest.main(["--seeds", str(seeds), "--out", str(tmp_path / "a.csv"), "--show-repeated"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "kind\tarticles\tremoved\tkey\texample",
        "prefix\t3\t3\ttonton juga:\tTonton Juga: Prabowo Tiba di Beijing",
    ]


def test_a_copied_paragraph_is_not_removed(ingest_files):
    quote = '"Sudah (YW tersangka)," ujar Budi.'
    files = {f"{n}.txt": f"Berita nomor {n}.\n{INDONESIAN}\n{quote}\n{ENGLISH}" for n in range(4)}
    run = ingest_files(files)
    assert all(quote in text for text in run.frame["text"])


# --- output files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)], ids=["umask-022", "umask-027"])
def test_articles_file_gets_the_mode_the_umask_gives(tmp_path, umask, mode):
    out = tmp_path / "articles.csv"
    previous = os.umask(umask)
    try:
        assert ingest.main(["--seeds", str(SEEDS), "--out", str(out)]) == 0
    finally:
        os.umask(previous)
    assert out.stat().st_mode & 0o777 == mode


# --- properties ----------------------------------------------------------------------------------


@given(st.text())
def test_clean_text_never_raises_nor_leaves_control_characters(raw):
    cleaned = ingest.clean_text(raw, PATTERNS)
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in cleaned)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_clean_text_leaves_no_blank_lines_or_trailing_spaces(raw):
    cleaned = ingest.clean_text(raw, PATTERNS)
    for line in cleaned.split("\n") if cleaned else []:
        assert line.strip()
        assert line == line.rstrip()


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_removing_boilerplate_after_cleaning_is_cleaning_with_patterns(raw):
    assert ingest.remove_boilerplate(ingest.clean_text(raw, []), PATTERNS) == ingest.clean_text(raw, PATTERNS)


@given(st.text(alphabet='ab,"\n\r ', max_size=200))
def test_parse_csv_never_raises_and_reports_lines_inside_the_file(body):
    records, problems = ingest.parse_csv("f.csv", "id,text\n" + body)
    last = body.count("\n") + body.count("\r") + 2
    assert all(problem.line is None or 1 <= problem.line <= last for problem in problems)
    assert all(record.line is not None and 2 <= record.line <= last for record in records)
