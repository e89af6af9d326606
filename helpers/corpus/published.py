"""Publication dates as the manifest gives them: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.

In:  the ``published`` string (and the manifest's ``date_precision``, which may be empty).
Out: ``(date_start, date_end, precision)`` - the interval the article was published in, so that a
month-precision date never pretends to be a day. Impossible dates (``2021-13-45``, ``2021-02-30``) raise
``ValueError`` with a readable message; they are never rolled over into another date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

PRECISIONS = ("day", "month", "year")
_FORMAT = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_published(value: str) -> tuple[date, date, str]:
    """Parse a manifest date into its interval and precision (``day``, ``month`` or ``year``)."""
    text = (value or "").strip()
    match = _FORMAT.fullmatch(text)
    if not match:
        raise ValueError(f"'{text}' is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY")
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1800 or year > 2200:
        raise ValueError(f"'{text}': year {year} is outside 1800-2200")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"'{text}': there is no month {month}")
    if day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f"'{text}': {calendar.month_name[month]} {year} has no day {day}")
        return date(year, month, day), date(year, month, day), "day"
    if month is not None:
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"
    return date(year, 1, 1), date(year, 12, 31), "year"
