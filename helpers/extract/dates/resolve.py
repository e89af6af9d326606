"""Resolution of one pattern match into a resolver: a function from the publication day to the interval the
expression names (``since``/``by`` wrappers, and the hull over a month- or year-precision publication date).

In:  a match of :data:`helpers.extract.dates.patterns.PATTERNS`.  Out: a resolver and whether it is relative.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Callable, Optional

from helpers.extract.dates.intervals import (
    add_months,
    day_occurrence,
    month_interval,
    month_occurrence,
    number_value,
    part_of_month,
    part_of_year,
    quarter_interval,
    safe_date,
    shift_date,
    week_interval,
    weekday_on_or,
    year_interval,
)
from helpers.extract.dates.patterns import (
    AMBIGUOUS_MONTHS,
    FISCAL_CUE,
    MONTH_CUES,
    MONTHS,
    NEXT_WORD,
    PREV_WORD,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Interval,
    Resolver,
    sentence_bounds,
    tense_of,
)


# ---------------------------------------------------------------------------------------------------------
# Resolution of one match into a resolver P -> interval
# ---------------------------------------------------------------------------------------------------------
def _year_ref(match: re.Match) -> tuple[Callable[[date], int], bool]:
    """The year a ``_YEARREF`` group names, as a function of the publication day, and whether it is relative."""
    if match.group("y"):
        y = int(match.group("y"))
        return (lambda p: y), False
    rel = " ".join(match.group("yrel").lower().split())
    offset = {"last year": -1, "next year": 1}.get(rel, 0)
    return (lambda p: p.year + offset), True


def resolve_match(kind: str, m: re.Match, text: str) -> Optional[tuple[Optional[Resolver], bool]]:
    """``(resolver, relative)`` for a match, ``(None, relative)`` when vague, ``None`` when it is no date."""
    g = m.groupdict()
    s, e = m.span()
    if kind == "iso":
        d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return ((lambda p: (d, d)), False) if d else None
    if kind in ("dmy", "mdy"):
        month = MONTHS[g["mon"].rstrip(".").lower()]
        d1, d2 = int(g["d1"]), int(g["d2"]) if g["d2"] else None
        if not 1 <= d1 <= 31 or (d2 is not None and not d1 < d2 <= 31):
            return None
        if g["mon"].rstrip(".").lower() in AMBIGUOUS_MONTHS and kind == "dmy" and not g["y"]:
            pass  # "5 May" is a date; the modal never follows a number
        if g["y"]:
            y = int(g["y"])
            first, last = safe_date(y, month, d1), safe_date(y, month, d2 or d1)
            return ((lambda p: (first, last)), False) if first and last else None
        if not safe_date(2000, month, d1) or (d2 and not safe_date(2000, month, d2)):
            return None
        direction = tense_of(text, s, e)

        def yearless(p: date) -> Optional[Interval]:
            first = day_occurrence(month, d1, p, direction)
            if first is None:
                return None
            last = safe_date(first.year, month, d2) if d2 else first
            return (first, last) if last else None
        return yearless, True
    if kind == "month_year":
        y, month = int(g["y"]), MONTHS[g["mon"].rstrip(".").lower()]
        interval = part_of_month(y, month, g["part"]) if g["part"] else month_interval(y, month)
        return (lambda p: interval), False
    if kind == "month":
        name = g["mon"].lower()
        if not g["part"]:
            prev = PREV_WORD.search(text, max(0, s - 20), s)
            cue = prev.group(1).lower() if prev else ""
            if cue not in MONTH_CUES:
                nxt = NEXT_WORD.match(text, e, e + 30)
                if name in AMBIGUOUS_MONTHS or (nxt and nxt.group(1)[:1].isupper()):
                    return None
        month = MONTHS[name]
        part = g["part"]
        direction = tense_of(text, s, e)

        def month_resolver(p: date) -> Interval:
            y = month_occurrence(month, p, direction)
            return part_of_month(y, month, part) if part else month_interval(y, month)
        return month_resolver, True
    if kind == "year_range":
        y1, raw = int(g["y1"]), g["y2"]
        y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else int(raw)
        if len(raw) == 2 and y2 <= y1:
            y2 += 100
        if not y1 < y2 <= y1 + (10 if len(raw) == 2 else 50):
            return None
        sentence_start, sentence_end = sentence_bounds(text, s, e)
        fiscal = bool(g["fy1"] or g["fy2"]) or bool(FISCAL_CUE.search(text, sentence_start, sentence_end))
        interval = (date(y1, 4, 1), date(y2, 3, 31)) if fiscal else (date(y1, 1, 1), date(y2, 12, 31))
        return (lambda p: interval), False
    if kind == "fiscal_short":
        raw = g["y"]
        y = int(raw) if len(raw) == 4 else 2000 + int(raw)
        if not 1900 <= y <= 2099:
            return None
        return (lambda p: (date(y - 1, 4, 1), date(y, 3, 31))), False
    if kind == "decade":
        start = int(g["dec"])
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get((g["part"] or "").lower(), (0, 9))
        return (lambda p: (date(start + lo, 1, 1), date(start + hi, 12, 31))), False
    if kind in ("quarter", "quarter_short"):
        q_word = g["q"].lower()
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4}.get(q_word) or int(q_word)
        if kind == "quarter_short":
            y = int(g["y"])
            return (lambda p: quarter_interval(y, q)), False
        year, relative = _year_ref(m)
        return (lambda p: quarter_interval(year(p), q)), relative
    if kind == "half":
        first = g["h"].lower() == "first"
        year, relative = _year_ref(m)
        return (lambda p: (date(year(p), 1, 1), date(year(p), 6, 30)) if first else (date(year(p), 7, 1), date(year(p), 12, 31))), relative
    if kind == "year_part":
        year, relative = _year_ref(m)
        part = g["part"]
        return (lambda p: part_of_year(year(p), part)), relative
    if kind == "month_part":
        offset = {"last": -1, "next": 1}.get(g["mrel"].lower().split()[0], 0)
        part = g["part"]
        return (lambda p: part_of_month(add_months(p, offset).year, add_months(p, offset).month, part)), True
    if kind == "deictic":
        rel = " ".join(g["rel"].lower().split()).replace("the current", "this").replace("current", "this")
        unit, mod = g["unit"].lower(), (g["mod"] or "").lower()
        offset = {"last": -1, "this": 0, "next": 1}[rel]

        def period(p: date) -> Interval:
            if unit == "year":
                return year_interval(p.year + offset)
            if unit == "month":
                q = add_months(date(p.year, p.month, 1), offset)
                return month_interval(q.year, q.month)
            monday, sunday = week_interval(p + timedelta(weeks=offset))
            return (monday + timedelta(days=5), sunday) if unit == "weekend" else (monday, sunday)

        def deictic(p: date) -> Interval:
            lo, hi = period(p)
            if mod == "later" and offset == 0:
                return p, hi
            if mod == "earlier" and offset == 0:
                return lo, p
            return lo, hi
        return deictic, True
    if kind == "weekday":
        prev = PREV_WORD.search(text, max(0, s - 12), s)
        if not g["wmod"] and prev and prev.group(1).lower() in WEEKDAY_NAMES and prev.group(1)[:1].isupper():
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        wmod, wk = (g["wmod"] or "").lower(), (g["wk"] or "").lower()
        if wk:
            offset = {"last": -1, "this": 0, "next": 1}[wk]
            return (lambda p: ((week_interval(p)[0] + timedelta(weeks=offset, days=wd),) * 2)), True
        if wmod in ("last", "past"):
            return (lambda p: (weekday_on_or(wd, p, "past", strict=True),) * 2), True
        if wmod in ("next", "coming"):
            return (lambda p: (weekday_on_or(wd, p, "future", strict=True),) * 2), True
        direction = tense_of(text, s, e)
        return (lambda p: (weekday_on_or(wd, p, direction),) * 2), True
    if kind == "dayword":
        word = " ".join(g["w"].lower().split())
        offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
        return (lambda p: (p + timedelta(days=offset),) * 2), True
    if kind == "ago":
        n = number_value(g["n"])
        if n is None:
            return None, True
        unit = g["u"].lower().rstrip("s")

        def ago(p: date) -> Interval:
            d = shift_date(p, -n, unit)
            if unit == "day":
                return d, d
            if unit == "week":
                return week_interval(d)
            if unit == "month":
                return month_interval(d.year, d.month)
            return year_interval(d.year)
        return ago, True
    if kind == "span":
        direction = g["dir"].lower()
        unit = g["u"].lower()
        if g["n"]:
            n = number_value(g["n"])
            if n is None:
                return None, True
        elif unit.endswith("s"):
            return None, True  # the coming months, the past years
        else:
            n = 1
        if direction in ("past", "last"):
            return (lambda p: (shift_date(p, -n, unit), p)), True
        return (lambda p: (p, shift_date(p, n, unit))), True
    if kind in ("vague", "the_past"):
        return None, True
    if kind == "year":
        y = int(g["y"])
        return (lambda p: year_interval(y)), False
    return None


def since_resolver(inner: Resolver) -> Resolver:
    """``since X``: from the first day of X to publication (X itself when it starts after publication)."""
    def since(p: date) -> Optional[Interval]:
        x = inner(p)
        return x if x is None or x[0] > p else (x[0], p)
    return since


def by_resolver(inner: Resolver) -> Resolver:
    """``by X``: a deadline, from publication to the last day of X (X itself when X ended before publication)."""
    def by(p: date) -> Optional[Interval]:
        x = inner(p)
        return x if x is None or x[1] < p else (p, x[1])
    return by


def hull_interval(resolver: Resolver, pub_start: date, pub_end: date) -> Optional[Interval]:
    first = resolver(pub_start)
    last = resolver(pub_end) if pub_end != pub_start else first
    if first is None or last is None:
        return None
    return min(first[0], last[0]), max(first[1], last[1])
