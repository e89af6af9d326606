"""Calendar arithmetic on inclusive date intervals: months, quarters, years, weeks, parts of a month or year,
the nearest occurrence of a month, day or weekday, and the precision an interval has.

In:  years, months, days and publication dates.  Out: ``(date_start, date_end)`` intervals.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from helpers.extract.dates.patterns import NUMBER_WORDS, Interval


@dataclass(frozen=True)
class TimeExpression:
    """One temporal expression: ``text[start:end] == expression``; dates inclusive, ``None`` when vague."""
    start: int
    end: int
    expression: str
    date_start: Optional[date]
    date_end: Optional[date]
    precision: str
    relative: bool
    kind: str


# ---------------------------------------------------------------------------------------------------------
# Calendar arithmetic
# ---------------------------------------------------------------------------------------------------------
def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def month_interval(y: int, m: int) -> Interval:
    return date(y, m, 1), _month_end(y, m)


def year_interval(y: int) -> Interval:
    return date(y, 1, 1), date(y, 12, 31)


def quarter_interval(y: int, q: int) -> Interval:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift_date(d: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "decade":
        return add_months(d, 120 * n)
    return add_months(d, 12 * n)


def week_interval(d: date) -> Interval:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def precision_of(start: Optional[date], end: Optional[date]) -> str:
    """The precision an interval implies: day, month, quarter, year, range; vague when unresolved."""
    if start is None or end is None:
        return "vague"
    if start == end:
        return "day"
    if start.day == 1 and end == _month_end(start.year, start.month):
        return "month"
    if start.day == 1 and start.month % 3 == 1 and end == _month_end(start.year, start.month + 2):
        return "quarter"
    if start == date(start.year, 1, 1) and end == date(start.year, 12, 31):
        return "year"
    return "range"


def number_value(word: str) -> Optional[int]:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def part_of_month(y: int, m: int, part: str) -> Interval:
    part = part.lower().strip(" -")
    last = calendar.monthrange(y, m)[1]
    if part in ("early", "the beginning of", "the start of"):
        return date(y, m, 1), date(y, m, 10)
    if part in ("mid", "the middle of"):
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), date(y, m, last)  # late, end, the end of


def part_of_year(y: int, part: str) -> Interval:
    part = " ".join(part.lower().strip(" -").split())
    if part in ("early", "the beginning of", "the start of"):
        return quarter_interval(y, 1)
    if part in ("mid", "the middle of"):
        return date(y, 4, 1), date(y, 9, 30)
    return quarter_interval(y, 4)  # late, end, the end of, the close of


def month_occurrence(m: int, p: date, direction: str) -> int:
    """Year of the most recent month ``m`` on or before ``p`` (past) or the next on or after it (future)."""
    if direction == "future":
        return p.year if m >= p.month else p.year + 1
    return p.year if m <= p.month else p.year - 1


def day_occurrence(m: int, d: int, p: date, direction: str) -> Optional[date]:
    for y in ((p.year, p.year + 1) if direction == "future" else (p.year, p.year - 1)):
        candidate = safe_date(y, m, d)
        if candidate and ((candidate >= p) if direction == "future" else (candidate <= p)):
            return candidate
    for y in ((p.year + 2, p.year + 3, p.year + 4) if direction == "future" else (p.year - 2, p.year - 3, p.year - 4)):
        candidate = safe_date(y, m, d)  # 29 February
        if candidate:
            return candidate
    return None


def weekday_on_or(wd: int, p: date, direction: str, strict: bool = False) -> date:
    if direction == "future":
        delta = (wd - p.weekday()) % 7
        return p + timedelta(days=delta or (7 if strict else 0))
    delta = (p.weekday() - wd) % 7
    return p - timedelta(days=delta or (7 if strict else 0))
