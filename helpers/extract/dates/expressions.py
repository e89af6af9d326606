"""Every temporal expression of a text, found and resolved: candidate matches only near trigger literals, one
expression per span, event-anchored phrases (``a week after the summit``) resolved against the dated expressions
of the same text.

In:  a text and its publication interval (:func:`extract`), or one article's plain data
     (:func:`article_expressions`).  Out: :class:`helpers.extract.dates.intervals.TimeExpression` objects, or rows
     in :data:`helpers.extract.dates.patterns.COLUMNS` order.
"""
from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from typing import Optional

import pandas as pd

from helpers.corpus.structure import lower_same_length
from helpers.extract.dates.intervals import TimeExpression, number_value, precision_of, shift_date
from helpers.extract.dates.patterns import (
    ANCHOR_STOP,
    COLUMNS,
    PATTERNS,
    PREFIX,
    WORD,
    Interval,
    Quotes,
    is_metadata,
    sentence_bounds,
)
from helpers.extract.dates.resolve import by_resolver, hull_interval, resolve_match, since_resolver
from helpers.extract.trie import literal_finder

# ---------------------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------------------
#: Where each pattern can match: its trigger literals (searched in the lower-cased text; ``YEAR`` = a 4-digit
#: number) and how far before/after a trigger its match can start/end. Patterns run only in these windows, so
#: the cost is a few C-speed substring searches plus work proportional to the triggers found.
_MONTH_KEYS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_TRIGGERS: dict[str, tuple[tuple[str, ...], int, int]] = {
    "iso": (("YEAR",), 2, 14),
    "dmy": (_MONTH_KEYS, 20, 30),
    "mdy": (_MONTH_KEYS, 4, 40),
    "month_year": (_MONTH_KEYS, 26, 30),
    "month": (_MONTH_KEYS, 26, 16),
    "year_range": (("YEAR",), 36, 40),
    "fiscal_short": (("fy",), 2, 12),
    "decade": (("YEAR",), 16, 12),
    "quarter": (("quarter",), 24, 50),
    "quarter_short": (("YEAR",), 12, 8),
    "half": (("half",), 18, 50),
    "year_part": (("YEAR", "year"), 36, 24),
    "month_part": (("month",), 30, 16),
    "deictic": (("year", "month", "week"), 36, 16),
    "weekday": (("day",), 16, 30),
    "dayword": (("day", "tonight", "morning", "afternoon", "evening"), 34, 34),
    "ago": (("ago",), 40, 8),
    "span": (("day", "week", "month", "year", "decade"), 44, 16),
    "vague": (("soon", "shortly", "future"), 34, 30),
    "the_past": (("past", "recent"), 12, 50),
    "anchored": (("after", "before"), 50, 200),
    "year": (("YEAR",), 4, 40),
}
_YEAR_TRIGGER = re.compile(r"[12][0-9]{3}")
_PATTERN_BY_KIND = dict(PATTERNS)


#: The trigger literals (:data:`_TRIGGERS`, but the year digits) as one automaton: a pass over the text finds them all.
_TRIGGER_FINDER = literal_finder(sorted({literal for literals, _, _ in _TRIGGERS.values() for literal in literals} - {"YEAR"}))


def _trigger_positions(text: str) -> dict[str, list[int]]:
    """Each trigger literal's positions in ``text`` (case-folded), overlapping ones included, ascending; ``YEAR``:
    where four digits that may be a year start."""
    lower = lower_same_length(text)  # positions point into text even after a character like "İ"
    found: dict[str, list[int]] = {literal: [] for literal in _TRIGGER_FINDER.keys()}
    for end, literal in _TRIGGER_FINDER.iter(lower):  # in order of their ends: a literal's in order of starts
        found[literal].append(end - len(literal) + 1)
    found["YEAR"] = [m.start() for m in _YEAR_TRIGGER.finditer(text)]
    return found


def _windows(positions: list[int], before: int, after: int, size: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for p in sorted(positions):
        lo, hi = max(0, p - before), min(size, p + after)
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Every pattern match (searched only near its triggers), then, within each cluster of overlapping
    matches, the longest-leftmost non-overlapping selection; in text order."""
    triggers = _trigger_positions(text)
    found = []
    for kind, (literals, before, after) in _TRIGGERS.items():
        positions = [p for literal in literals for p in triggers[literal]]
        if not positions:
            continue
        pattern = _PATTERN_BY_KIND[kind]
        for lo, hi in _windows(positions, before, after, len(text)):
            for m in pattern.finditer(text, lo, hi):
                if m.end() > m.start():
                    found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda c: (c[0], -c[1]))
    chosen: list[tuple[int, int, str, re.Match]] = []
    cluster: list[tuple[int, int, str, re.Match]] = []
    cluster_end = -1
    for cand in found + [(len(text) + 1, len(text) + 1, "", None)]:
        if cand[0] >= cluster_end and cluster:
            picked: list[tuple[int, int, str, re.Match]] = []
            for c in sorted(cluster, key=lambda c: (-(c[1] - c[0]), c[0])):
                if all(c[1] <= o[0] or o[1] <= c[0] for o in picked):
                    picked.append(c)
            chosen.extend(sorted(picked, key=lambda c: c[0]))
            cluster = []
        cluster.append(cand)
        cluster_end = max(cluster_end, cand[1]) if len(cluster) > 1 else cand[1]
    return chosen


def extract(text: str, pub_start: date, pub_end: Optional[date] = None) -> list[TimeExpression]:
    """Every temporal expression of ``text``, normalised against the publication interval
    ``pub_start..pub_end`` (``pub_end`` defaults to ``pub_start``: a day-precision date), in text order."""
    pub_end = pub_end or pub_start
    quotes = Quotes(text)
    results: list[TimeExpression] = []
    anchored: list[tuple[int, re.Match]] = []
    narrative_day: Optional[Interval] = None  # the first weekday told outside quotes: the day of the story
    for start, end, kind, m in _candidates(text):
        if is_metadata(text, start, end, kind):
            continue
        if kind == "anchored":
            anchored.append((len(results), m))
            results.append(None)  # placeholder, resolved once every date of the article is known
            continue
        resolved = resolve_match(kind, m, text)
        if resolved is None:
            continue
        resolver, relative = resolved
        if kind == "year_range" and m.group("the") and not m.group("fy2"):
            start = m.start("fy1") if m.group("fy1") else m.start("y1")
        word = (m.groupdict().get("w") or "").lower()
        if kind == "dayword" and narrative_day and (quotes.inside(start) or "in the day" in word):
            fixed = narrative_day
            resolver, interval = None, fixed
        else:
            interval = hull_interval(resolver, pub_start, pub_end) if resolver else None
        prefix = PREFIX.search(text, max(0, start - 6), start)
        if prefix and interval and resolver and kind not in ("vague", "the_past", "ago", "span", "dayword", "anchored"):
            wrapped = since_resolver(resolver) if prefix.group("p").lower() == "since" else by_resolver(resolver)
            widened = hull_interval(wrapped, pub_start, pub_end)
            if widened and widened != interval:
                resolver, interval, relative, start = wrapped, widened, True, prefix.start()
        if interval is None and resolver is not None:
            continue
        if kind == "weekday" and interval and narrative_day is None and not quotes.inside(start) and interval[1] <= pub_end:
            narrative_day = interval
        ds, de = interval if interval else (None, None)
        results.append(TimeExpression(start, end, text[start:end], ds, de, precision_of(ds, de), relative, kind))
    for index, m in anchored:
        results[index] = _resolve_anchor(m, text, [r for r in results if r is not None], pub_start, pub_end)
    return [r for r in results if r is not None]


def _resolve_anchor(m: re.Match, text: str, others: list[TimeExpression], pub_start: date, pub_end: date) -> TimeExpression:
    """``less than a month after the Quad summit``: dated when the anchor is dated in the same article
    (a date inside the anchor phrase, or a sentence naming the anchor's key words next to a date); else vague."""
    g = m.groupdict()
    start, end = m.span()
    anchor_start, anchor_end = m.span("anchor")
    target: Optional[TimeExpression] = None
    inside = [o for o in extract(g["anchor"], pub_start, pub_end) if o.date_start and o.kind != "anchored"]
    if inside:
        target = inside[0]
    else:
        words = WORD.findall(g["anchor"])
        keys = {w.lower().rstrip("'’s").rstrip("'’") for w in words[1:] if w[:1].isupper()}
        if words and words[0][:1].isupper() and words[0].lower() not in ANCHOR_STOP:
            keys.add(words[0].lower())
        if words:
            keys.add(words[-1].lower().rstrip("'’"))
        keys -= ANCHOR_STOP
        if len(keys) >= 2:
            target = _dated_mention(text, keys, start, end, others)
    n = number_value(g["n"]) or 1
    unit, after = g["u"].lower(), g["dir"].lower() == "after"
    q = " ".join((g["q"] or "").lower().split())
    expression = text[start:end]
    if target is None or q == "more than":
        return TimeExpression(start, end, expression, None, None, "vague", False, "anchored")
    x0, x1 = target.date_start, target.date_end
    sign = 1 if after else -1
    if q in ("less than", "under", "within", "just", "barely", "only"):
        if after:
            ds, de = x0 + timedelta(days=1), shift_date(x1, n, unit) - timedelta(days=1)
        else:
            ds, de = shift_date(x0, -n, unit) + timedelta(days=1), x1 - timedelta(days=1)
    else:
        ds, de = shift_date(x0, sign * n, unit), shift_date(x1, sign * n, unit)
    if de < ds:
        ds, de = de, ds
    return TimeExpression(start, end, expression, ds, de, precision_of(ds, de), target.relative, "anchored")


def _dated_mention(text: str, keys: set[str], start: int, end: int, others: list[TimeExpression]) -> Optional[TimeExpression]:
    """The first dated expression (day or month precision) in another sentence that names every key word."""
    for other in others:
        if other.date_start is None or other.precision not in ("day", "month") or start <= other.start < end:
            continue
        s_start, s_end = sentence_bounds(text, other.start, other.end)
        if s_start <= start < s_end:
            continue
        sentence = {w.lower().rstrip("'’s").rstrip("'’") for w in WORD.findall(text[s_start:s_end])}
        if all(any(word.startswith(key) for word in sentence) for key in keys):
            return other
    return None


# ---------------------------------------------------------------------------------------------------------
# Corpus tables
# ---------------------------------------------------------------------------------------------------------
def article_expressions(file: str, text: str, first: str, last: str, sentences: list[tuple[int, int]]) -> list[tuple]:
    """The temporal expressions of one article (a pure function of plain data, for worker processes).

    In:  the cleaned ``text``, the publication interval ``first``..``last`` (ISO) and the sentences as
    ``(start, sentence_id)`` sorted by start.  Out: rows in :data:`COLUMNS` order."""
    starts = [a for a, _ in sentences]
    ids = [i for _, i in sentences]
    rows = []
    for number, found in enumerate(extract(text, date.fromisoformat(first), date.fromisoformat(last)), start=1):
        i = bisect.bisect_right(starts, found.start) - 1
        rows.append((file, number, ids[i] if i >= 0 else -1, found.start, found.end, found.expression,
                     found.date_start.isoformat() if found.date_start else "",
                     found.date_end.isoformat() if found.date_end else "",
                     found.precision, found.relative, found.kind))
    return rows


def expressions_frame(rows: list[tuple]) -> pd.DataFrame:
    """Expression rows (from :func:`article_expressions`) as a typed DataFrame."""
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.astype({"expr_id": int, "sentence_id": int, "start": int, "end": int, "relative": bool})
