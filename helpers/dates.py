"""Temporal expressions: find every date expression that places an event in time and normalise it against the
article's publication interval.

In:  a text and its publication interval ``(pub_start, pub_end)`` (one day, or a whole month or year when the
     manifest gives only that).
Out: :func:`extract` - a list of :class:`TimeExpression` (offsets into the text, the expression verbatim,
     ``date_start``/``date_end`` inclusive, ``precision`` and ``relative``); :func:`expressions_table` - one
     row per expression of every English article of a corpus; :func:`evaluate` / :func:`evaluate_gold` -
     recall, precision and normalisation accuracy against the hand-annotated gold in ``tests/gold/dates``.

The rules follow ``tests/gold/dates/RULES.md``:

* the span is the minimal phrase carrying the date: locating prepositions (in, on, at, over, from) are left
  out, ``since`` and ``by`` are kept (they change the interval);
* ``precision`` is derived from the interval: day, month, quarter, year, range (any other interval) or vague
  (unresolved: ``soon``, ``the next few months``, an event-anchored phrase whose anchor is not dated);
* ``relative`` is true when the publication date was used;
* a relative expression in an article known only to its month or year resolves to the *hull* of its
  resolutions over the publication interval (every resolution here is monotone in the publication day, so the
  hull is taken from the interval's two ends) - never a false point;
* a weekday or a year-less date/month takes its direction from the tense of its clause: past -> the most
  recent one on or before publication (the publication day counts), future -> the first on or after it;
* datelines (``MOSCOW, March 3 (Reuters) -``), ``Updated:``/``Published:`` stamps, bylines, ``(c)``/copyright
  years and numbers fused into names (``Army-2023``, ``Covid-19``, ``Su-35``) are not events;
* ``May``/``March`` without a date cue (``May I add``, ``The long march``) and bare quantities are not dates.

Conventions that the gold leaves open and this module fixes: ``early``/``beginning of``/``start of`` a year is
its first quarter, ``late``/``end of`` its last quarter, ``mid-<year>`` April-September; ``early``/``mid``/
``late`` a month are days 1-10, 11-20 and 21-last; ``N weeks ago`` is the Monday-Sunday week containing the
day N weeks before publication; ``FY23``/``2022-23 financial year`` is the Indian fiscal year (1 April -
31 March); ``the next N years`` runs from publication to publication + N years; ``today`` inside a quotation
is the day of the article's narrative (its first weekday outside quotes) when there is one.

Everything is compiled regular expressions, the standard library (``datetime``, ``calendar``, ``bisect``) and
bounded look-arounds: linear in the length of the text.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Optional

import pandas as pd

from .config import ROOT
from .corpus import Corpus, load_corpus

GOLD_DIR = ROOT / "tests" / "gold" / "dates"
SEEDS_DIR = ROOT / "seeds"
PRECISIONS = ("day", "month", "quarter", "year", "range", "vague")
COLUMNS = ["file", "expr_id", "sentence_id", "start", "end", "expression", "date_start", "date_end",
           "precision", "relative", "kind"]

Interval = tuple[date, date]
Resolver = Callable[[date], Optional[Interval]]

# ---------------------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------------------
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}  # Monday = 0
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "couple of": 2}
VAGUE_COUNTS = {"few", "a few", "several", "some", "many", "a couple of"} - {"a couple of"}
#: Words before a bare month name that make it a date ("in May", "since March", "mid-May").
MONTH_CUES = {"in", "on", "since", "by", "until", "till", "from", "through", "throughout", "during", "of",
              "before", "after", "between", "and", "to", "or", "early", "late", "mid", "last", "next", "this",
              "around", "until", "including", "nor", "end", "beginning", "start", "middle", "mid-"}
#: Months that are also common words (modal may, to march): only with a cue or a day/year.
AMBIGUOUS_MONTHS = {"may", "march"}
#: Capitalised words that turn a weekday into a name (Good Friday, Super Tuesday).
WEEKDAY_NAMES = {"good", "black", "super", "cyber", "ash", "holy", "easter", "maundy", "bloody", "palm"}
#: Tense cues (lower case). Future cues are checked before past ones.
FUTURE_CUES = {"will", "shall", "would", "'ll", "’ll", "expected", "expects", "expect", "likely", "due",
               "slated", "scheduled", "set", "plans", "plan", "planning", "poised", "upcoming", "hopes", "hope",
               "intends", "aims", "going", "next", "tomorrow", "proposed", "wants", "to-be", "coming"}
PAST_CUES = {"was", "were", "had", "did", "has", "have", "said", "told", "ago", "began", "begun", "met", "held",
             "took", "taken", "came", "went", "gone", "left", "spoke", "spoken", "gave", "given", "made", "saw",
             "seen", "sought", "sent", "won", "lost", "led", "brought", "bought", "sold", "paid", "struck", "broke",
             "broken", "wrote", "written", "flew", "became", "ran", "rose", "fell", "kept", "got", "chose", "drew",
             "began", "last", "yesterday", "earlier", "already", "felt", "heard", "hit", "put", "cut", "sat",
             "stood", "thought", "understood", "withdrew", "overtook", "undertook", "agreed"}
NOT_PAST_ED = {"need", "speed", "united", "hundred", "indeed", "embed", "proceed", "exceed", "succeed", "seed",
               "feed", "breed", "creed", "greed", "bleed", "steed", "weed", "shed", "red", "bed", "ahmed",
               "mohammed", "muhammad", "limited", "advanced", "detailed", "concerned", "interested", "armed",
               "based", "related", "supposed", "skilled", "unprecedented", "sophisticated", "renewed",
               "expected", "scheduled", "slated", "planned", "proposed", "poised"}

# ---------------------------------------------------------------------------------------------------------
# Patterns (compiled once; every quantifier is bounded or over disjoint character classes)
# ---------------------------------------------------------------------------------------------------------
_MONTH_FULL = "|".join(calendar.month_name[1:])
_MONTH_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MON = rf"(?:(?:{_MONTH_FULL})(?![A-Za-z])|(?:{_MONTH_ABBR})(?![A-Za-z])\.?)"
_MON_FULL = rf"(?:{_MONTH_FULL}|Sept)(?![A-Za-z])"
_YEAR = r"(?:1[89]|20)\d\d(?!\d)"
_WEEKDAY = "|".join(calendar.day_name)
_NUM = r"(?:\d{1,3}|(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty))"
_UNIT = r"(?i:days?|weeks?|months?|years?|decades?)"
_YEARREF = rf"(?:(?P<y>{_YEAR})|(?P<yrel>(?i:the\s+(?:current\s+)?year|this\s+year|next\s+year|last\s+year|the\s+current\s+fiscal)))"
_NOT_QUANTITY = (r"(?!\s*(?:%|(?i:per\s?cent|percent|km|kms|kg|units?|troops|soldiers|people|personnel|crore|lakh|"
                 r"million|billion|tonnes|tons|mw|feet|ft|metres|meters|miles|hours|hrs|rounds|missiles|jets|"
                 r"aircraft|students|ist|gmt|utc))\b)")

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"(?<![\w-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])")),
    ("dmy", re.compile(rf"(?<![\w.,-])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s?(?:[-–]|to)\s?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
                       rf"(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?")),
    ("mdy", re.compile(rf"(?<![\w])(?P<mon>{_MON})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])"
                       rf"(?:\s?(?:[-–]|to)\s?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d]))?(?![.,:]\d)"
                       rf"(?:,?\s+(?P<y>{_YEAR}))?")),
    ("month_year", re.compile(rf"(?<![\w])(?P<part>(?i:early|mid|late|end)(?:-|\s+)|(?i:the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
                              rf"(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})")),
    ("month", re.compile(rf"(?<![\w])(?P<part>(?i:early|mid|late|end)(?:-|\s+)|(?i:the\s+(?:end|beginning|start|middle)\s+of)\s+)?"
                         rf"(?P<mon>{_MON_FULL})")),
    ("year_range", re.compile(rf"(?<![\w$€£₹.,/+-])(?:(?P<the>(?i:the))\s+)?(?P<fy1>(?i:(?:financial|fiscal)\s+year|fiscal|FY)\s?)?"
                              rf"(?P<y1>{_YEAR})\s?[-–/]\s?(?P<y2>\d{{4}}|\d{{2}})(?![\w%+-])"
                              rf"(?:\s+(?P<fy2>(?i:financial\s+year|fiscal(?:\s+year)?)))?")),
    ("fiscal_short", re.compile(r"(?<![\w-])FY\s?(?P<y>\d{4}|\d{2})(?![\w-])")),
    ("decade", re.compile(r"(?<![\w])(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[-\s])?(?P<dec>(?:1[89]|20)\d0)['’]?s(?![\w])")),
    ("quarter", re.compile(rf"(?<![\w])(?i:the)\s+(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+"
                           rf"(?i:quarter)\s+(?i:of)\s+{_YEARREF}")),
    ("quarter_short", re.compile(rf"(?<![\w])Q(?P<q>[1-4])\s?(?:(?i:of)\s+)?(?P<y>{_YEAR})")),
    ("half", re.compile(rf"(?<![\w])(?i:the)\s+(?P<h>(?i:first|second|latter))\s+(?i:half)\s+(?i:of)\s+{_YEARREF}")),
    ("year_part", re.compile(rf"(?<![\w])(?P<part>(?i:the\s+(?:end|beginning|start|middle|close)\s+of)\s+|(?i:early|mid|late|end)(?:-|\s+)){_YEARREF}(?![\w-])")),
    ("month_part", re.compile(r"(?<![\w])(?P<part>(?i:the\s+(?:end|beginning|start|middle)\s+of))\s+(?P<mrel>(?i:the\s+month|this\s+month|next\s+month|last\s+month))(?![\w])")),
    ("deictic", re.compile(r"(?<![\w-])(?:(?P<mod>(?i:later|earlier))\s+)?(?P<rel>(?i:last|this|next|the\s+current|current))\s+"
                           r"(?P<unit>(?i:year|month|week|weekend))(?![\w-])")),
    ("weekday", re.compile(rf"(?<![\w])(?:(?P<wmod>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WEEKDAY})(?![\w])"
                           rf"(?:\s+(?P<wk>(?i:last|next|this))\s+(?i:week)(?![\w]))?")),
    ("dayword", re.compile(r"(?<![\w'’-])(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                           r"(?:later|earlier)\s+in\s+the\s+day|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)|"
                           r"today|yesterday|tomorrow|tonight))(?!['’]s(?![\w]))(?![\w-])")),
    ("ago", re.compile(rf"(?<![\w])(?P<n>{_NUM}|(?i:a\s+few|a\s+couple\s+of|several|some|many|an|a))\s+(?P<u>{_UNIT})\s+(?i:ago)(?![\w])")),
    ("span", re.compile(rf"(?<![\w])(?i:the)\s+(?P<dir>(?i:past|last|next|coming))\s+(?:(?P<n>{_NUM}|(?i:few|several|couple\s+of|many))\s+)?"
                        rf"(?P<u>{_UNIT})(?![\w])")),
    ("vague", re.compile(r"(?<![\w])(?<!(?i:as)\s)(?P<v>(?i:soon|shortly)(?!\s+(?i:after|before|as|thereafter)\b)(?![\w-])|"
                         r"(?i:the\s+(?:very\s+)?near\s+future|the\s+foreseeable\s+future|the\s+(?:very\s+)?distant\s+future)(?![\w]))")),
    ("the_past", re.compile(r"(?<=\b[Ii]n )(?P<v>(?i:the\s+past)(?![\w])(?!\s+(?:\w+\s+)?(?i:days?|weeks?|months?|years?|decades?|centur\w{1,3})\b)|"
                            r"(?i:recent\s+(?:years|months|weeks|days|times))(?![\w]))")),
    ("anchored", re.compile(rf"(?<![\w])(?:(?P<q>(?i:less\s+than|more\s+than|under|over|nearly|almost|about|around|roughly|some|just|barely|only|within))\s+)?"
                            rf"(?P<n>{_NUM}|(?i:an|a))\s+(?P<u>(?i:days?|weeks?|months?|years?))\s+(?P<dir>(?i:after|before))\s+"
                            r"(?P<anchor>[^,.;:!?()\n\"“”]{3,80}?)(?=\s*[,.;:!?()\n\"“”]|\s+(?:when|as|and|but|which|that|who|while|where)\b|\s*$)")),
    ("year", re.compile(rf"(?<![\w$€£₹@#.,/+:–-])(?<!\d[ -])(?P<y>{_YEAR})(?![\w%]|[-–]\d|,\d|\.\d|[ -]\d{{3}}){_NOT_QUANTITY}")),
]

_LINE_STAMP = re.compile(r"(?i:updated|published|posted|modified|last\s+updated|first\s+published|created|date)\s*(?:on|at)?\s*:?\s*$")
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|(?i:copyright))\s*$")
_CLOCK_AFTER = re.compile(r",?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:IST|GMT|UTC|ET|EST|EDT|BST|CET|MSK|hrs)\b")
_DATELINE_BEFORE = re.compile(r"^[\"“‘']?[A-Z][A-Za-z .'’-]{1,40}(?:,\s?[A-Z][A-Za-z .'’-]{1,30})?,\s?$")
_DATELINE_AFTER = re.compile(r"\s?(?:\([^()\n]{1,40}\))?\s?[-–—:]")
_PREV_WORD = re.compile(r"([A-Za-z]+)[\s-]*$")
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_PREFIX = re.compile(r"(?<![\w])(?P<p>[Ss]ince|[Bb]y)\s+$")
_THE_PREFIX = re.compile(r"(?i:the)\s+")
_TOKEN = re.compile(r"[A-Za-z'’-]+")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_FISCAL_CUE = re.compile(r"\b(?:fiscal|financial\s+year|FY|[Bb]udget)\b")
_QUOTE_CHARS = re.compile(r"[“”\"\n]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ANCHOR_STOP = {"the", "a", "an", "first", "ever", "its", "their", "his", "her", "this", "that", "last", "latest",
                "recent", "of", "in", "on", "at", "and", "with", "to", "for", "by"}


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


def _month(y: int, m: int) -> Interval:
    return date(y, m, 1), _month_end(y, m)


def _year(y: int) -> Interval:
    return date(y, 1, 1), date(y, 12, 31)


def _quarter(y: int, q: int) -> Interval:
    return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(d: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "decade":
        return _add_months(d, 120 * n)
    return _add_months(d, 12 * n)


def _week(d: date) -> Interval:
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


def _number(word: str) -> Optional[int]:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------
# Context: tense, quotations, stamps
# ---------------------------------------------------------------------------------------------------------
def _tense(text: str, start: int, end: int) -> str:
    """``past`` or ``future`` for the clause around ``text[start:end]``: the nearest tense cue before the
    expression in its sentence (up to 24 words back), else the nearest after it (up to 10 words), else past
    (news narrates the past)."""
    left = text[max(0, start - 160):start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut is not None:
        left = left[cut.end():]
    for token in reversed(_TOKEN.findall(left)[-24:]):
        verdict = _cue(token)
        if verdict:
            return verdict
    right = text[end:end + 90]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[:stop.start()]
    for token in _TOKEN.findall(right)[:10]:
        verdict = _cue(token)
        if verdict:
            return verdict
    return "past"


def _cue(token: str) -> Optional[str]:
    word = token.lower()
    if word in FUTURE_CUES:
        return "future"
    if word in PAST_CUES:
        return "past"
    if word[-2:] == "ed" and len(word) > 4 and word not in NOT_PAST_ED:
        return "past"
    if word[-3:] in ("'ll", "’ll"):
        return "future"
    return None


class _Quotes:
    """Whether a position is inside a quotation, from the quote marks of its paragraph (O(log n) a query)."""

    def __init__(self, text: str):
        self.positions: list[int] = []
        self.depth: list[int] = []  # quotation state just after each mark
        inside_curly, inside_straight = 0, False
        for match in _QUOTE_CHARS.finditer(text):
            char = match.group()
            if char == "\n":
                inside_curly, inside_straight = 0, False
            elif char == "“":
                inside_curly = 1
            elif char == "”":
                inside_curly = 0
            else:
                inside_straight = not inside_straight
            self.positions.append(match.start())
            self.depth.append(1 if inside_curly or inside_straight else 0)

    def inside(self, position: int) -> bool:
        i = bisect.bisect_right(self.positions, position - 1) - 1
        return i >= 0 and self.depth[i] == 1


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]`` (at most 300 characters either side)."""
    left = text[max(0, start - 300):start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    s_start = start - len(left) + (cut.end() if cut else 0)
    right = text[end:end + 300]
    stop = _SENTENCE_END.search(right)
    return s_start, end + (stop.start() if stop else len(right))


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line_start = text.rfind("\n", max(0, start - 400), start) + 1
    if line_start == 0 and start > 400:
        line_start = start - 400
    line_end = text.find("\n", end, end + 400)
    return line_start, (line_end if line_end >= 0 else min(len(text), end + 400))


def _is_metadata(text: str, start: int, end: int, kind: str) -> bool:
    """A dateline, an update stamp, a byline or a copyright year: not an event."""
    line_start, line_end = _line_bounds(text, start, end)
    before = text[line_start:start]
    if _COPYRIGHT.search(before[-20:]) or _LINE_STAMP.search(before[-40:]):
        return True
    if kind in ("mdy", "dmy", "iso", "month_year", "year") and _CLOCK_AFTER.match(text, end, min(line_end, end + 40)):
        return True
    if kind in ("mdy", "dmy", "iso", "weekday") and _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(text, end, line_end):
        return True
    line = text[line_start:line_end]
    if re.match(r"(?i:by)\s+[A-Z]", line) and len(line.split()) < 14 and kind in ("mdy", "dmy", "iso"):
        return True
    return False


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


def _part_of_month(y: int, m: int, part: str) -> Interval:
    part = part.lower().strip(" -")
    last = calendar.monthrange(y, m)[1]
    if part in ("early", "the beginning of", "the start of"):
        return date(y, m, 1), date(y, m, 10)
    if part in ("mid", "the middle of"):
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), date(y, m, last)  # late, end, the end of


def _part_of_year(y: int, part: str) -> Interval:
    part = " ".join(part.lower().strip(" -").split())
    if part in ("early", "the beginning of", "the start of"):
        return _quarter(y, 1)
    if part in ("mid", "the middle of"):
        return date(y, 4, 1), date(y, 9, 30)
    return _quarter(y, 4)  # late, end, the end of, the close of


def _month_occurrence(m: int, p: date, direction: str) -> int:
    """Year of the most recent month ``m`` on or before ``p`` (past) or the next on or after it (future)."""
    if direction == "future":
        return p.year if m >= p.month else p.year + 1
    return p.year if m <= p.month else p.year - 1


def _day_occurrence(m: int, d: int, p: date, direction: str) -> Optional[date]:
    for y in ((p.year, p.year + 1) if direction == "future" else (p.year, p.year - 1)):
        candidate = _safe_date(y, m, d)
        if candidate and ((candidate >= p) if direction == "future" else (candidate <= p)):
            return candidate
    for y in ((p.year + 2, p.year + 3, p.year + 4) if direction == "future" else (p.year - 2, p.year - 3, p.year - 4)):
        candidate = _safe_date(y, m, d)  # 29 February
        if candidate:
            return candidate
    return None


def _weekday_on_or(wd: int, p: date, direction: str, strict: bool = False) -> date:
    if direction == "future":
        delta = (wd - p.weekday()) % 7
        return p + timedelta(days=delta or (7 if strict else 0))
    delta = (p.weekday() - wd) % 7
    return p - timedelta(days=delta or (7 if strict else 0))


def _resolve(kind: str, m: re.Match, text: str) -> Optional[tuple[Optional[Resolver], bool]]:
    """``(resolver, relative)`` for a match, ``(None, relative)`` when vague, ``None`` when it is no date."""
    g = m.groupdict()
    s, e = m.span()
    if kind == "iso":
        d = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
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
            first, last = _safe_date(y, month, d1), _safe_date(y, month, d2 or d1)
            return ((lambda p: (first, last)), False) if first and last else None
        if not _safe_date(2000, month, d1) or (d2 and not _safe_date(2000, month, d2)):
            return None
        direction = _tense(text, s, e)

        def yearless(p: date) -> Optional[Interval]:
            first = _day_occurrence(month, d1, p, direction)
            if first is None:
                return None
            last = _safe_date(first.year, month, d2) if d2 else first
            return (first, last) if last else None
        return yearless, True
    if kind == "month_year":
        y, month = int(g["y"]), MONTHS[g["mon"].rstrip(".").lower()]
        interval = _part_of_month(y, month, g["part"]) if g["part"] else _month(y, month)
        return (lambda p: interval), False
    if kind == "month":
        name = g["mon"].lower()
        if not g["part"]:
            prev = _PREV_WORD.search(text, max(0, s - 20), s)
            cue = prev.group(1).lower() if prev else ""
            if cue not in MONTH_CUES:
                nxt = _NEXT_WORD.match(text, e, e + 30)
                if name in AMBIGUOUS_MONTHS or (nxt and nxt.group(1)[:1].isupper()):
                    return None
        month = MONTHS[name]
        part = g["part"]
        direction = _tense(text, s, e)

        def month_resolver(p: date) -> Interval:
            y = _month_occurrence(month, p, direction)
            return _part_of_month(y, month, part) if part else _month(y, month)
        return month_resolver, True
    if kind == "year_range":
        y1, raw = int(g["y1"]), g["y2"]
        y2 = (y1 // 100) * 100 + int(raw) if len(raw) == 2 else int(raw)
        if len(raw) == 2 and y2 <= y1:
            y2 += 100
        if not y1 < y2 <= y1 + (10 if len(raw) == 2 else 50):
            return None
        sentence_start, sentence_end = _sentence_bounds(text, s, e)
        fiscal = bool(g["fy1"] or g["fy2"]) or bool(_FISCAL_CUE.search(text, sentence_start, sentence_end))
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
            return (lambda p: _quarter(y, q)), False
        year, relative = _year_ref(m)
        return (lambda p: _quarter(year(p), q)), relative
    if kind == "half":
        first = g["h"].lower() == "first"
        year, relative = _year_ref(m)
        return (lambda p: (date(year(p), 1, 1), date(year(p), 6, 30)) if first else (date(year(p), 7, 1), date(year(p), 12, 31))), relative
    if kind == "year_part":
        year, relative = _year_ref(m)
        part = g["part"]
        return (lambda p: _part_of_year(year(p), part)), relative
    if kind == "month_part":
        offset = {"last": -1, "next": 1}.get(g["mrel"].lower().split()[0], 0)
        part = g["part"]
        return (lambda p: _part_of_month(_add_months(p, offset).year, _add_months(p, offset).month, part)), True
    if kind == "deictic":
        rel = " ".join(g["rel"].lower().split()).replace("the current", "this").replace("current", "this")
        unit, mod = g["unit"].lower(), (g["mod"] or "").lower()
        offset = {"last": -1, "this": 0, "next": 1}[rel]

        def period(p: date) -> Interval:
            if unit == "year":
                return _year(p.year + offset)
            if unit == "month":
                q = _add_months(date(p.year, p.month, 1), offset)
                return _month(q.year, q.month)
            monday, sunday = _week(p + timedelta(weeks=offset))
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
        prev = _PREV_WORD.search(text, max(0, s - 12), s)
        if not g["wmod"] and prev and prev.group(1).lower() in WEEKDAY_NAMES and prev.group(1)[:1].isupper():
            return None
        wd = WEEKDAYS[g["wd"].lower()]
        wmod, wk = (g["wmod"] or "").lower(), (g["wk"] or "").lower()
        if wk:
            offset = {"last": -1, "this": 0, "next": 1}[wk]
            return (lambda p: ((_week(p)[0] + timedelta(weeks=offset, days=wd),) * 2)), True
        if wmod in ("last", "past"):
            return (lambda p: (_weekday_on_or(wd, p, "past", strict=True),) * 2), True
        if wmod in ("next", "coming"):
            return (lambda p: (_weekday_on_or(wd, p, "future", strict=True),) * 2), True
        direction = _tense(text, s, e)
        return (lambda p: (_weekday_on_or(wd, p, direction),) * 2), True
    if kind == "dayword":
        word = " ".join(g["w"].lower().split())
        offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
        return (lambda p: (p + timedelta(days=offset),) * 2), True
    if kind == "ago":
        n = _number(g["n"])
        if n is None:
            return None, True
        unit = g["u"].lower().rstrip("s")

        def ago(p: date) -> Interval:
            d = _shift(p, -n, unit)
            if unit == "day":
                return d, d
            if unit == "week":
                return _week(d)
            if unit == "month":
                return _month(d.year, d.month)
            return _year(d.year)
        return ago, True
    if kind == "span":
        direction = g["dir"].lower()
        unit = g["u"].lower()
        if g["n"]:
            n = _number(g["n"])
            if n is None:
                return None, True
        elif unit.endswith("s"):
            return None, True  # the coming months, the past years
        else:
            n = 1
        if direction in ("past", "last"):
            return (lambda p: (_shift(p, -n, unit), p)), True
        return (lambda p: (p, _shift(p, n, unit))), True
    if kind in ("vague", "the_past"):
        return None, True
    if kind == "year":
        y = int(g["y"])
        return (lambda p: _year(y)), False
    return None


def _since(inner: Resolver) -> Resolver:
    """``since X``: from the first day of X to publication (X itself when it starts after publication)."""
    def since(p: date) -> Optional[Interval]:
        x = inner(p)
        return x if x is None or x[0] > p else (x[0], p)
    return since


def _by(inner: Resolver) -> Resolver:
    """``by X``: a deadline, from publication to the last day of X (X itself when X ended before publication)."""
    def by(p: date) -> Optional[Interval]:
        x = inner(p)
        return x if x is None or x[1] < p else (p, x[1])
    return by


def _hull(resolver: Resolver, pub_start: date, pub_end: date) -> Optional[Interval]:
    first = resolver(pub_start)
    last = resolver(pub_end) if pub_end != pub_start else first
    if first is None or last is None:
        return None
    return min(first[0], last[0]), max(first[1], last[1])


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
_PATTERN_BY_KIND = dict(_PATTERNS)


def _trigger_positions(text: str) -> dict[str, list[int]]:
    lower = text.lower()
    literals = {literal for literals, _, _ in _TRIGGERS.values() for literal in literals} - {"YEAR"}
    found: dict[str, list[int]] = {"YEAR": [m.start() for m in _YEAR_TRIGGER.finditer(text)]}
    for literal in literals:
        positions, i = [], lower.find(literal)
        while i >= 0:
            positions.append(i)
            i = lower.find(literal, i + 1)
        found[literal] = positions
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
    quotes = _Quotes(text)
    results: list[TimeExpression] = []
    anchored: list[tuple[int, re.Match]] = []
    narrative_day: Optional[Interval] = None  # the first weekday told outside quotes: the day of the story
    for start, end, kind, m in _candidates(text):
        if _is_metadata(text, start, end, kind):
            continue
        if kind == "anchored":
            anchored.append((len(results), m))
            results.append(None)  # placeholder, resolved once every date of the article is known
            continue
        resolved = _resolve(kind, m, text)
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
            interval = _hull(resolver, pub_start, pub_end) if resolver else None
        prefix = _PREFIX.search(text, max(0, start - 6), start)
        if prefix and interval and resolver and kind not in ("vague", "the_past", "ago", "span", "dayword", "anchored"):
            wrapped = _since(resolver) if prefix.group("p").lower() == "since" else _by(resolver)
            widened = _hull(wrapped, pub_start, pub_end)
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
        words = _WORD.findall(g["anchor"])
        keys = {w.lower().rstrip("'’s").rstrip("'’") for w in words[1:] if w[:1].isupper()}
        if words and words[0][:1].isupper() and words[0].lower() not in _ANCHOR_STOP:
            keys.add(words[0].lower())
        if words:
            keys.add(words[-1].lower().rstrip("'’"))
        keys -= _ANCHOR_STOP
        if len(keys) >= 2:
            target = _dated_mention(text, keys, start, end, others)
    n = _number(g["n"]) or 1
    unit, after = g["u"].lower(), g["dir"].lower() == "after"
    q = " ".join((g["q"] or "").lower().split())
    expression = text[start:end]
    if target is None or q == "more than":
        return TimeExpression(start, end, expression, None, None, "vague", False, "anchored")
    x0, x1 = target.date_start, target.date_end
    sign = 1 if after else -1
    if q in ("less than", "under", "within", "just", "barely", "only"):
        if after:
            ds, de = x0 + timedelta(days=1), _shift(x1, n, unit) - timedelta(days=1)
        else:
            ds, de = _shift(x0, -n, unit) + timedelta(days=1), x1 - timedelta(days=1)
    else:
        ds, de = _shift(x0, sign * n, unit), _shift(x1, sign * n, unit)
    if de < ds:
        ds, de = de, ds
    return TimeExpression(start, end, expression, ds, de, precision_of(ds, de), target.relative, "anchored")


def _dated_mention(text: str, keys: set[str], start: int, end: int, others: list[TimeExpression]) -> Optional[TimeExpression]:
    """The first dated expression (day or month precision) in another sentence that names every key word."""
    for other in others:
        if other.date_start is None or other.precision not in ("day", "month") or start <= other.start < end:
            continue
        s_start, s_end = _sentence_bounds(text, other.start, other.end)
        if s_start <= start < s_end:
            continue
        sentence = {w.lower().rstrip("'’s").rstrip("'’") for w in _WORD.findall(text[s_start:s_end])}
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


def expressions_table(corpus: Corpus) -> pd.DataFrame:
    """One row per temporal expression in the English analysed articles: file, expr_id (1-based, text order),
    sentence_id (sentence holding the expression's start), start, end, expression, date_start, date_end (ISO,
    empty when vague), precision, relative, kind (the pattern that found it). Computed once per corpus by
    :func:`helpers.annotate.annotations`."""
    from .annotate import annotations
    return annotations(corpus).expressions.copy()


# ---------------------------------------------------------------------------------------------------------
# Evaluation against the gold standard
# ---------------------------------------------------------------------------------------------------------
class GoldError(ValueError):
    """A gold row that cannot be located in its article; the message names the file and row."""


def load_gold(path: Path) -> pd.DataFrame:
    """A gold CSV (file, expr_no, expression, date_start, date_end, precision, relative, sentence, notes)."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"file", "expression", "date_start", "date_end", "precision", "sentence"} - set(gold.columns)
    if missing:
        raise GoldError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
    return gold


def locate_gold(gold: pd.DataFrame, texts: dict[str, str], source: str = "gold") -> pd.DataFrame:
    """Gold rows with ``start``/``end`` offsets in the article text: the sentence's first occurrence, then the
    expression inside it (RULES.md section 3). Raises :class:`GoldError` naming the row when it is not found."""
    located = gold.copy()
    starts, ends = [], []
    for number, row in enumerate(gold.itertuples(index=False), start=2):
        text = texts.get(row.file)
        if text is None:
            raise GoldError(f"{source} line {number}: file {row.file} is not an analysed English article")
        s = text.find(row.sentence)
        offset = row.sentence.find(row.expression)
        if s < 0 or offset < 0:
            raise GoldError(f"{source} line {number} ({row.file}): sentence or expression '{row.expression}' not found in the text")
        starts.append(s + offset)
        ends.append(s + offset + len(row.expression))
    located["start"], located["end"] = starts, ends
    return located


def match(extracted: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Pair extracted and located gold expressions of the same file whose spans overlap, one to one (largest
    overlap first, then text order). Out: one row per gold or extracted expression: file, gold_start, gold_end,
    gold_expression, start, end, expression, matched, normalised (dates and precision equal), and the two
    normalisations (gold_date_start, gold_date_end, gold_precision, date_start, date_end, precision)."""
    pairs = []
    for file in sorted(set(gold["file"]) | set(extracted["file"])):
        g = gold[gold["file"] == file].reset_index(drop=True)
        x = extracted[extracted["file"] == file].reset_index(drop=True)
        for i, grow in g.iterrows():
            for j, xrow in x.iterrows():
                overlap = min(grow["end"], xrow["end"]) - max(grow["start"], xrow["start"])
                if overlap > 0:
                    pairs.append((file, -overlap, grow["start"], i, j))
    pairs.sort()
    used_g, used_x, rows = set(), set(), []
    for file, _, _, i, j in pairs:
        if (file, i) in used_g or (file, j) in used_x:
            continue
        used_g.add((file, i))
        used_x.add((file, j))
        rows.append((file, i, j))
    out = []
    for file in sorted(set(gold["file"]) | set(extracted["file"])):
        g = gold[gold["file"] == file].reset_index(drop=True)
        x = extracted[extracted["file"] == file].reset_index(drop=True)
        paired = {i: j for f, i, j in rows if f == file}
        for i, grow in g.iterrows():
            xrow = x.loc[paired[i]] if i in paired else None
            out.append(_pair_row(file, grow, xrow))
        matched_x = set(paired.values())
        for j, xrow in x.iterrows():
            if j not in matched_x:
                out.append(_pair_row(file, None, xrow))
    table = pd.DataFrame(out)
    return table.sort_values(["file", "sort_key"], kind="stable").drop(columns="sort_key").reset_index(drop=True)


def _pair_row(file: str, grow, xrow) -> dict:
    row = {"file": file}
    for prefix, source in (("gold_", grow), ("", xrow)):
        for column in ("start", "end", "expression", "date_start", "date_end", "precision"):
            row[prefix + column] = source[column] if source is not None else ("" if column in ("expression", "date_start", "date_end", "precision") else -1)
    row["matched"] = grow is not None and xrow is not None
    row["normalised"] = bool(row["matched"] and all(str(row["gold_" + c]) == str(row[c]) for c in ("date_start", "date_end", "precision")))
    row["sort_key"] = row["gold_start"] if grow is not None else row["start"]
    return row


def scores(matched: pd.DataFrame) -> dict[str, float]:
    """Recall (matched gold / gold), precision (matched extracted / extracted) and normalisation accuracy
    (exact date_start, date_end and precision among matched pairs), each rounded to 4 decimals."""
    n_gold = int((matched["gold_start"] >= 0).sum())
    n_extracted = int((matched["start"] >= 0).sum())
    n_matched = int(matched["matched"].sum())
    n_normalised = int(matched["normalised"].sum())
    return {"gold": n_gold, "extracted": n_extracted, "matched": n_matched, "normalised": n_normalised,
            "recall": round(n_matched / n_gold, 4) if n_gold else 0.0,
            "precision": round(n_matched / n_extracted, 4) if n_extracted else 0.0,
            "normalisation": round(n_normalised / n_matched, 4) if n_matched else 0.0}


def evaluate(corpus: Corpus, gold: pd.DataFrame, source: str = "gold") -> tuple[dict[str, float], pd.DataFrame]:
    """Score :func:`expressions_table` of ``corpus`` against ``gold`` (rows of the gold CSV). Out: the scores
    of :func:`scores` and the matched table of :func:`match`."""
    texts = dict(zip(corpus.english["file"], corpus.english["text"]))
    located = locate_gold(gold, texts, source)
    extracted = expressions_table(corpus)
    extracted = extracted[extracted["file"].isin(set(gold["file"]))]
    matched = match(extracted, located)
    return scores(matched), matched


def gold_sets(gold_dir: Path = GOLD_DIR, seeds_dir: Path = SEEDS_DIR) -> dict[str, tuple[Corpus, pd.DataFrame]]:
    """The two gold sets: ``seeds`` (the seed corpus + seeds.csv) and ``test articles`` (articles/ + tests.csv)."""
    return {"seeds": (load_corpus(seeds_dir), load_gold(gold_dir / "seeds.csv")),
            "test articles": (load_corpus(gold_dir / "articles"), load_gold(gold_dir / "tests.csv"))}


def evaluate_gold(gold_dir: Path = GOLD_DIR, seeds_dir: Path = SEEDS_DIR) -> pd.DataFrame:
    """One row per gold set: set, gold, extracted, matched, normalised, recall, precision, normalisation."""
    rows = []
    for name, (corpus, gold) in gold_sets(gold_dir, seeds_dir).items():
        result, _ = evaluate(corpus, gold, source=f"{name} gold")
        rows.append({"set": name, **result})
    return pd.DataFrame(rows)
