"""Article dates as ISO 8601 text: ``2025-10-21T20:43`` when the source gives a time, ``2025-10-21`` when not.

Sources and exports write dates every which way: ``10/21/2025 20:43`` (the detik export, US month/day),
``Senin, 20 Okt 2025 14:05 WIB`` (a news page), ``20 Oktober 2025``, ``2025-10-21T20:43:05+07:00``. Later
stages group articles by period, so every date becomes one sortable text whose first ten characters are
``YYYY-MM-DD``. The rule is: never a guess. This is a small explicit parser for the forms listed below,
not a general date library, because the general ones guess: they fill a missing day or year from today's
date, pick day/month order by locale, or read "kemarin" relative to the clock, and a wrong date that looks
right is worse than an empty one. A value that is not one of these forms is reported and left empty.

Forms read (case-insensitive; a weekday name in front, as in ``Senin, ...`` or ``Senin (20/10/2025)``, is
checked against the date and dropped):

- ISO 8601: ``2025-10-21``, ``2025-10-21T20:43``, ``2025-10-21 20:43:05.123+07:00``, ``2025-10-21T13:43Z``;
  also ``2025/10/21``;
- a month name, Indonesian or English, full or short: ``20 Oktober 2025``, ``20 Okt 2025``, ``20-Okt-2025``,
  ``Oct 20, 2025``;
- numbers only: ``21/10/2025``, ``10/21/2025``, ``21-10-2025``, ``21.10.2025`` (four-digit year). Whether
  the first number is the day or the month is decided once per file, by :func:`convert`, from the file's
  own dates that can only be read one way (``10/21/2025`` is month/day); see :data:`DAY_MONTH`.

Any of them may end in a time, after a space, ``T``, a comma, a bar, a spaced dash or ``pukul``:
``14:05``, ``14.05``, ``14:05:33``, ``8:43 PM``, optionally followed by a zone (``WIB``, ``WITA``, ``WIT``,
``UTC``, ``GMT+7``, ``Z``, ``+07:00``). The time is kept to the minute as written and the zone is dropped,
not converted: the date is the day the source printed (a story at 00:30 WIB belongs to that day, not to
the day before in UTC).

Example:
    >>> to_iso("Senin, 20 Okt 2025 14:05 WIB"), to_iso("20 Oktober 2025"), to_iso("2025-10-21T20:43:05+07:00")
    ('2025-10-20T14:05', '2025-10-20', '2025-10-21T20:43')
    >>> convert(["10/21/2025 20:43", "10/5/2025 9:07", "kemarin"])
    (['2025-10-21T20:43', '2025-10-05T09:07', ''], [(2, "unreadable date 'kemarin', left empty")])
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

#: Order of a numbers-only date: ``"DM"`` day first (Indonesian and European use), ``"MD"`` month first (US).
Order = Literal["DM", "MD"]
DAY_MONTH: Order = "DM"
MONTH_DAY: Order = "MD"

MONTHS: dict[str, int] = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "ags", "agus", "aug"], 8),
    **dict.fromkeys(["september", "sep", "sept"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nopember", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}
#: Weekday names, Monday = 0 as in :meth:`datetime.date.weekday`.
WEEKDAYS: dict[str, int] = {
    **dict.fromkeys(["senin", "monday", "mon"], 0),
    **dict.fromkeys(["selasa", "tuesday", "tue", "tues"], 1),
    **dict.fromkeys(["rabu", "wednesday", "wed"], 2),
    **dict.fromkeys(["kamis", "thursday", "thu", "thur", "thurs"], 3),
    **dict.fromkeys(["jumat", "jum'at", "friday", "fri"], 4),
    **dict.fromkeys(["sabtu", "saturday", "sat"], 5),
    **dict.fromkeys(["minggu", "ahad", "sunday", "sun"], 6),
}
_WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_WEEKDAY = r"(?:(?P<weekday>[^\W\d_]+(?:'[^\W\d_]+)?)\.?(?:\s*,\s*|\s+))?"
_TIME = (
    r"(?:(?:\s*[,|]\s*|\s+-\s+|\s+|T)(?:(?:pukul|pkl\.?|jam|at)\s+)?"
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?:[:.](?P<seconds>\d{2})(?:[.,]\d+)?)?"
    r"(?:\s*(?P<ampm>[ap])\.?m\.?)?"
    r"(?:\s*(?:wib|wita|wit|z|(?:utc|gmt)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|[+-]\d{2}(?::?\d{2})?))?)?"
)
_FORMS = {
    "iso": r"(?P<year>\d{4})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})",
    "numeric": r"(?P<first>\d{1,2})(?P<sep>[-/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})",
    "day_name": r"(?P<day>\d{1,2})(?:\s+|-)(?P<month_name>[^\W\d_]+)\.?(?:\s*,\s*|\s+|-)(?P<year>\d{4})",
    "name_day": r"(?P<month_name>[^\W\d_]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<year>\d{4})",
}
_PATTERNS = {
    form: re.compile(rf"{_WEEKDAY}(?P<paren>\()?{body}(?(paren)\)){_TIME}", re.IGNORECASE)
    for form, body in _FORMS.items()
}


class DateError(ValueError):
    """A date that cannot be read without guessing; the message is the warning, ending in "left empty"."""


class AmbiguousDateError(DateError):
    """A numbers-only date that reads as two different days (``03/04/2025``) and no order was given."""

    def __init__(self, text: str, why: str = "") -> None:
        self.text = text
        super().__init__(f"ambiguous date '{text}' (day/month or month/day{why}), left empty")


@dataclass(frozen=True)
class _Parts:
    """A date as written; a numbers-only date has ``first`` and ``second`` instead of ``month`` and ``day``."""

    text: str
    year: int
    numeric: bool = False
    month: int = 0
    day: int = 0
    first: int = 0
    second: int = 0
    time: tuple[int, int] | None = None
    weekday: int | None = None


def _unreadable(text: str) -> DateError:
    return DateError(f"unreadable date '{text}', left empty")


def _hour(hour: int, ampm: str | None) -> int:
    """The 24-hour hour of ``hour`` read with an optional am/pm marker; raises ``ValueError`` if impossible."""
    if ampm is None:
        return hour
    if not 1 <= hour <= 12:
        raise ValueError(hour)
    return hour % 12 + (12 if ampm.lower() == "p" else 0)


def _split(text: str) -> _Parts:
    """The parts of one of the known forms, not yet checked as a calendar date; raises :class:`DateError`."""
    for form, pattern in _PATTERNS.items():
        match = pattern.fullmatch(text)
        if not match:
            continue
        groups = match.groupdict()
        weekday = None
        if groups["weekday"] is not None:
            weekday = WEEKDAYS.get(groups["weekday"].lower())
            if weekday is None:
                continue
        time = None
        if groups["hour"] is not None:
            try:
                hour = _hour(int(groups["hour"]), groups["ampm"])
            except ValueError:
                raise _unreadable(text) from None
            time = (hour, int(groups["minute"]))
            if not (0 <= time[0] <= 23 and 0 <= time[1] <= 59 and int(groups["seconds"] or 0) <= 59):
                raise _unreadable(text)
        year = int(groups["year"])
        if form == "numeric":
            first, second = int(groups["first"]), int(groups["second"])
            return _Parts(text, year, numeric=True, first=first, second=second, time=time, weekday=weekday)
        if form == "iso":
            month = int(groups["month"])
        else:
            month = MONTHS.get(groups["month_name"].lower(), 0)
            if not month:
                continue
        return _Parts(text, year, month=month, day=int(groups["day"]), time=time, weekday=weekday)
    raise _unreadable(text)


def _normalise(value: str) -> str:
    return " ".join(value.replace("\u2019", "'").split())


def _readings(parts: _Parts) -> dict[Order, dt.date]:
    """The valid calendar dates a numbers-only date can be, by order (one, two, or none)."""
    readings: dict[Order, dt.date] = {}
    for order, (day, month) in (
        (DAY_MONTH, (parts.first, parts.second)),
        (MONTH_DAY, (parts.second, parts.first)),
    ):
        try:
            readings[order] = dt.date(parts.year, month, day)
        except ValueError:
            pass
    return readings


def _iso(parts: _Parts, date: dt.date) -> str:
    """The ISO text of a checked date; raises :class:`DateError` if the weekday written does not match."""
    if parts.weekday is not None and parts.weekday != date.weekday():
        raise DateError(
            f"date '{parts.text}' names the wrong weekday ({date.isoformat()} is a "
            f"{_WEEKDAY_NAMES[date.weekday()]}), left empty"
        )
    if parts.time is None:
        return date.isoformat()
    return f"{date.isoformat()}T{parts.time[0]:02d}:{parts.time[1]:02d}"


def order_of(value: str) -> Order | None:
    """The order a numbers-only date can only be read in (``"DM"`` or ``"MD"``), else None.

    None for other forms, for dates that read the same both ways (``05/05/2025``), for dates that read
    both ways (``03/04/2025``) and for dates that read neither way.

    Example:
        >>> order_of("21/10/2025"), order_of("10/21/2025 20:43"), order_of("03/04/2025"), order_of("20 Okt 2025")
        ('DM', 'MD', None, None)
    """
    try:
        parts = _split(_normalise(value))
    except DateError:
        return None
    if not parts.numeric:
        return None
    readings = _readings(parts)
    return next(iter(readings)) if len(readings) == 1 else None


def to_iso(value: str, order: Order | None = None) -> str:
    """``value`` as ISO 8601 text, ``""`` for a blank value; raises :class:`DateError` if it cannot be read.

    ``order`` says how to read a numbers-only date that could be day/month or month/day (``03/04/2025``);
    without it such a date is an error. A numbers-only date that can be read only one way (``21/10/2025``)
    is read that way whatever ``order`` says: :func:`convert` decides ``order`` from such dates.

    Example:
        >>> to_iso("10/21/2025 20:43"), to_iso("03/04/2025", order="DM"), to_iso("Oct 20, 2025 8:43 PM")
        ('2025-10-21T20:43', '2025-04-03', '2025-10-20T20:43')
        >>> to_iso("03/04/2025")
        Traceback (most recent call last):
        ...
        pipeline.dates.AmbiguousDateError: ambiguous date '03/04/2025' (day/month or month/day), left empty
    """
    text = _normalise(value)
    if not text:
        return ""
    parts = _split(text)
    if not parts.numeric:
        try:
            date = dt.date(parts.year, parts.month, parts.day)
        except ValueError:
            raise _unreadable(text) from None
        return _iso(parts, date)
    readings = _readings(parts)
    if not readings:
        raise _unreadable(text)
    if len(set(readings.values())) == 1:
        return _iso(parts, next(iter(readings.values())))
    if order is None:
        raise AmbiguousDateError(text)
    return _iso(parts, readings[order])


def convert(values: Sequence[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """The ISO dates of one file's ``values``, and ``(index, warning)`` for each value left empty.

    Numbers-only dates follow one convention per file, taken from the file's own dates that can be read
    only one way: ``10/21/2025`` makes ``03/04/2025`` March 4 in that file, ``21/10/2025`` makes it
    3 April. A file with no such date, or with both kinds, leaves its two-way dates empty with a warning:
    no convention is assumed.

    Example:
        >>> convert(["21/10/2025", "03/04/2025", ""])
        (['2025-10-21', '2025-04-03', ''], [])
        >>> convert(["03/04/2025"])[1]
        [(0, "ambiguous date '03/04/2025' (day/month or month/day, and no date in the file tells which), left empty")]
    """
    examples: dict[Order, str] = {}
    for value in values:
        order = order_of(value)
        if order is not None:
            examples.setdefault(order, _normalise(value))
    decided = next(iter(examples)) if len(examples) == 1 else None
    if examples:
        why = f", and the file has both '{examples.get(DAY_MONTH)}' and '{examples.get(MONTH_DAY)}'"
    else:
        why = ", and no date in the file tells which"
    dates, problems = [], []
    for index, value in enumerate(values):
        try:
            dates.append(to_iso(value, decided))
        except AmbiguousDateError as error:
            dates.append("")
            problems.append((index, str(AmbiguousDateError(error.text, why))))
        except DateError as error:
            dates.append("")
            problems.append((index, str(error)))
    return dates, problems


def iso_days(dates: pd.Series) -> pd.Series:
    """The ISO day (``YYYY-MM-DD``) of each article date, ``""`` when the date is missing or not ISO.

    The one rule by which every stage reads the day of an ingested date (first and last seen, periods).

    Only the first ten characters count, and only when they are a real ISO date: ``2025-10-21T08:00`` is
    ``2025-10-21``, ``10/21/2025 20:43`` and ``2025-02-30`` are missing.

    Example:
        >>> iso_days(pd.Series(["2025-10-21T08:00", "10/21/2025 20:43", "2025-02-30", ""])).tolist()
        ['2025-10-21', '', '', '']
    """
    head = dates.fillna("").astype(str).str[:10]
    iso = head.where(head.str.fullmatch(r"\d{4}-\d{2}-\d{2}"), None)
    valid = pd.to_datetime(iso, format="%Y-%m-%d", errors="coerce").notna()
    return head.where(valid, "")
