"""Tests for article dates: every form sources and exports use becomes ISO text, and nothing is guessed."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline import dates

ROOT = Path(__file__).resolve().parents[1]
DETIK = ROOT.parent / "shared" / "datasets" / "news" / "detik-2025" / "articles.jsonl"
ISO = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")

INDONESIAN_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                     "Oktober", "November", "Desember"]  # fmt: skip
SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


# --- each form --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        # the detik-2025 export: US month/day, hour without a leading zero
        ("10/21/2025 20:43", "2025-10-21T20:43"),
        ("4/23/2025 18:00", "2025-04-23T18:00"),
        # news pages
        ("Senin, 20 Okt 2025 14:05 WIB", "2025-10-20T14:05"),
        ("Selasa, 21 Oktober 2025 08:30 WITA", "2025-10-21T08:30"),
        ("Jumat, 24 Okt 2025 10:00 WIT", "2025-10-24T10:00"),
        ("Jum'at, 24 Oktober 2025 | 10:00 WIB", "2025-10-24T10:00"),
        ("Jum\u2019at, 24 Oktober 2025 10.00 WIB", "2025-10-24T10:00"),
        ("Sabtu, 25 Okt 2025 pukul 07.30 WIB", "2025-10-25T07:30"),
        ("20 Okt 2025, 14:05 WIB", "2025-10-20T14:05"),
        ("Senin (20/10/2025)", "2025-10-20"),
        ("Senin, 20 Oktober 2025 - 14:05 WIB", "2025-10-20T14:05"),
        ("20/10/2025, 14:05 WIB", "2025-10-20T14:05"),
        # a day only
        ("20 Oktober 2025", "2025-10-20"),
        ("20 Okt. 2025", "2025-10-20"),
        ("20-Okt-2025", "2025-10-20"),
        ("3 Agustus 2025", "2025-08-03"),
        ("17 Agt 2025", "2025-08-17"),
        ("10 Nopember 2025", "2025-11-10"),
        ("Oct 20, 2025", "2025-10-20"),
        ("October 20th, 2025 8:43 PM", "2025-10-20T20:43"),
        ("20 OKTOBER 2025", "2025-10-20"),
        # ISO 8601, with or without time and zone
        ("2025-10-21", "2025-10-21"),
        ("2025-10-21T20:43", "2025-10-21T20:43"),
        ("2025-10-21T20:43:05", "2025-10-21T20:43"),
        ("2025-10-21 20:43:05", "2025-10-21T20:43"),
        ("2025-10-21T20:43:05+07:00", "2025-10-21T20:43"),
        ("2025-10-21T20:43:05.123456Z", "2025-10-21T20:43"),
        ("2025-10-21T20:43+0700", "2025-10-21T20:43"),
        ("2025/10/21", "2025-10-21"),
        # numbers only that read one way only
        ("21/10/2025", "2025-10-21"),
        ("21-10-2025 14:05", "2025-10-21T14:05"),
        ("21.10.2025 14.05", "2025-10-21T14:05"),
        ("05/05/2025", "2025-05-05"),  # the same day either way
        ("12/12/2025 12:00 AM", "2025-12-12T00:00"),
        ("  10/21/2025   20:43  ", "2025-10-21T20:43"),
    ],
)
def test_known_form_becomes_iso(value, iso):
    assert dates.to_iso(value) == iso


@pytest.mark.parametrize("month", range(1, 13))
def test_every_indonesian_month_name_full_and_short(month):
    assert dates.to_iso(f"1 {INDONESIAN_MONTHS[month - 1]} 2025") == f"2025-{month:02d}-01"
    assert dates.to_iso(f"1 {SHORT_MONTHS[month - 1]} 2025") == f"2025-{month:02d}-01"


def test_time_is_kept_as_written_and_the_zone_is_not_converted():
    # 00:30 WIB is the previous day in UTC; the article's day is the one the source printed.
    assert dates.to_iso("Selasa, 21 Okt 2025 00:30 WIB") == "2025-10-21T00:30"
    assert dates.to_iso("2025-10-21T00:30:00+07:00") == "2025-10-21T00:30"


def test_blank_date_stays_empty_without_a_warning():
    assert dates.to_iso("") == ""
    assert dates.to_iso("   ") == ""
    assert dates.convert(["", " "]) == (["", ""], [])


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)), st.integers(0, 23))
def test_every_form_starts_with_the_day(day, hour):
    month = INDONESIAN_MONTHS[day.month - 1]
    written = [
        f"{WEEKDAYS[day.weekday()]}, {day.day} {month} {day.year} {hour}:05 WIB",
        f"{day.day} {month} {day.year}",
        f"{day:%Y-%m-%d}T{hour:02d}:05:00+07:00",
        f"{day.month}/{day.day}/{day.year} {hour}:05",
    ]
    for value in written:
        iso = dates.to_iso(value, order=dates.MONTH_DAY)
        assert ISO.fullmatch(iso)
        assert iso[:10] == day.isoformat()


# --- never a guess -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "kemarin",
        "2 jam yang lalu",
        "Oktober 2025",  # no day: not the 1st, not today's
        "20 Oktober",  # no year: not this year
        "20 Okt 25",  # two-digit year
        "10/21/25",
        "31/02/2025",
        "13/13/2025",
        "2025-13-01",
        "2025-02-30",
        "10/21/2025 24:00",
        "10/21/2025 20:61",
        "10/21/2025 13:00 PM",
        "20 Foo 2025",
        "Besok, 20 Okt 2025",
        "20251021",
        "0/10/2025",
        "-",
    ],
)
def test_unreadable_date_is_an_error_naming_it(value):
    with pytest.raises(dates.DateError) as error:
        dates.to_iso(value)
    assert str(error.value) == f"unreadable date '{value}', left empty"


def test_weekday_that_contradicts_the_date_is_not_trusted():
    with pytest.raises(dates.DateError) as error:
        dates.to_iso("Selasa, 20 Okt 2025 14:05 WIB")
    assert str(error.value) == (
        "date 'Selasa, 20 Okt 2025 14:05 WIB' names the wrong weekday (2025-10-20 is a Senin), left empty"
    )


def test_two_way_numeric_date_needs_an_order():
    with pytest.raises(dates.AmbiguousDateError):
        dates.to_iso("03/04/2025")
    assert dates.to_iso("03/04/2025", order=dates.DAY_MONTH) == "2025-04-03"
    assert dates.to_iso("03/04/2025", order=dates.MONTH_DAY) == "2025-03-04"


def test_one_way_numeric_date_ignores_the_order():
    assert dates.to_iso("21/10/2025", order=dates.MONTH_DAY) == "2025-10-21"
    assert dates.to_iso("10/21/2025", order=dates.DAY_MONTH) == "2025-10-21"


def test_order_of_tells_only_dates_that_read_one_way():
    assert dates.order_of("10/21/2025 20:43") == dates.MONTH_DAY
    assert dates.order_of("21/10/2025") == dates.DAY_MONTH
    assert [dates.order_of(v) for v in ("03/04/2025", "05/05/2025", "31/31/2025", "20 Okt 2025")] == [
        None
    ] * 4


# --- one convention per file ---------------------------------------------------------------------------


def test_file_with_month_first_dates_reads_its_two_way_dates_month_first():
    iso, problems = dates.convert(["10/21/2025 20:43", "3/4/2025 9:00", "10/5/2025 9:07"])
    assert iso == ["2025-10-21T20:43", "2025-03-04T09:00", "2025-10-05T09:07"]
    assert problems == []


def test_file_with_day_first_dates_reads_its_two_way_dates_day_first():
    iso, problems = dates.convert(["03/04/2025", "21/10/2025", "Senin, 20 Okt 2025"])
    assert iso == ["2025-04-03", "2025-10-21", "2025-10-20"]
    assert problems == []


def test_file_without_evidence_leaves_two_way_dates_empty_and_says_why():
    iso, problems = dates.convert(["03/04/2025", "20 Okt 2025", "05/05/2025"])
    assert iso == ["", "2025-10-20", "2025-05-05"]
    assert problems == [
        (
            0,
            "ambiguous date '03/04/2025' (day/month or month/day, and no date in the file tells which), "
            "left empty",
        )
    ]


def test_file_mixing_both_orders_reads_only_what_reads_one_way():
    iso, problems = dates.convert(["21/10/2025", "10/22/2025", "03/04/2025"])
    assert iso == ["2025-10-21", "2025-10-22", ""]
    assert problems == [
        (
            2,
            "ambiguous date '03/04/2025' (day/month or month/day, and the file has both '21/10/2025' and "
            "'10/22/2025'), left empty",
        )
    ]


def test_convert_reports_unreadable_dates_by_index_and_keeps_the_others():
    iso, problems = dates.convert(["kemarin", "2025-10-21", "20 Okt 25"])
    assert iso == ["", "2025-10-21", ""]
    assert problems == [
        (0, "unreadable date 'kemarin', left empty"),
        (2, "unreadable date '20 Okt 25', left empty"),
    ]


# --- the real corpus -----------------------------------------------------------------------------------


@pytest.mark.skipif(not DETIK.exists(), reason="needs ../shared/datasets/news/detik-2025")
def test_detik_2025_dates_are_all_read_month_first():
    values = [json.loads(line)["date"] for line in DETIK.read_text(encoding="utf-8").split("\n") if line]
    assert all(re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}", value) for value in values)
    iso, problems = dates.convert(values)
    assert problems == []
    assert len(iso) == 502
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", value) for value in iso)
    # month first: "10/21/2025" can only be read that way, and "12/9/2025" is then 9 December
    assert iso[values.index("10/20/2025 21:36")] == "2025-10-20T21:36"
    assert {dates.order_of(value) for value in values} == {dates.MONTH_DAY, None}
