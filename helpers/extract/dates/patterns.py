"""The patterns of temporal expressions and the context rules around them: month and weekday names, number
words, tense cues, the regular expressions of :data:`PATTERNS`, and the tests for page stamps, datelines and
quotations.

In:  text and offsets.  Out: compiled patterns, ``past``/``future`` for a clause, yes/no for metadata.
"""
from __future__ import annotations

import bisect
import calendar
import re
from datetime import date
from typing import Callable, Optional

from helpers.config import ROOT

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

#: One line per pattern, long on purpose: the table reads row by row, like the rules of RULES.md.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"(?<![\w-])(?P<y>(?:1[89]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\w-])")),
    ("dmy", re.compile(rf"(?<![\w.,-])(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:\s?(?:[-–]|to)\s?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?" rf"(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<y>{_YEAR}))?")),
    ("mdy", re.compile(rf"(?<![\w])(?P<mon>{_MON})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?![\d])" rf"(?:\s?(?:[-–]|to)\s?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d]))?(?![.,:]\d)" rf"(?:,?\s+(?P<y>{_YEAR}))?")),
    ("month_year", re.compile(rf"(?<![\w])(?P<part>(?i:early|mid|late|end)(?:-|\s+)|(?i:the\s+(?:end|beginning|start|middle)\s+of)\s+)?" rf"(?P<mon>{_MON}),?\s+(?P<y>{_YEAR})")),
    ("month", re.compile(rf"(?<![\w])(?P<part>(?i:early|mid|late|end)(?:-|\s+)|(?i:the\s+(?:end|beginning|start|middle)\s+of)\s+)?" rf"(?P<mon>{_MON_FULL})")),
    ("year_range", re.compile(rf"(?<![\w$€£₹.,/+-])(?:(?P<the>(?i:the))\s+)?(?P<fy1>(?i:(?:financial|fiscal)\s+year|fiscal|FY)\s?)?" rf"(?P<y1>{_YEAR})\s?[-–/]\s?(?P<y2>\d{{4}}|\d{{2}})(?![\w%+-])" rf"(?:\s+(?P<fy2>(?i:financial\s+year|fiscal(?:\s+year)?)))?")),
    ("fiscal_short", re.compile(r"(?<![\w-])FY\s?(?P<y>\d{4}|\d{2})(?![\w-])")),
    ("decade", re.compile(r"(?<![\w])(?:(?i:the)\s+)?(?:(?P<part>(?i:early|mid|late))[-\s])?(?P<dec>(?:1[89]|20)\d0)['’]?s(?![\w])")),
    ("quarter", re.compile(rf"(?<![\w])(?i:the)\s+(?P<q>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+" rf"(?i:quarter)\s+(?i:of)\s+{_YEARREF}")),
    ("quarter_short", re.compile(rf"(?<![\w])Q(?P<q>[1-4])\s?(?:(?i:of)\s+)?(?P<y>{_YEAR})")),
    ("half", re.compile(rf"(?<![\w])(?i:the)\s+(?P<h>(?i:first|second|latter))\s+(?i:half)\s+(?i:of)\s+{_YEARREF}")),
    ("year_part", re.compile(rf"(?<![\w])(?P<part>(?i:the\s+(?:end|beginning|start|middle|close)\s+of)\s+|(?i:early|mid|late|end)(?:-|\s+)){_YEARREF}(?![\w-])")),
    ("month_part", re.compile(r"(?<![\w])(?P<part>(?i:the\s+(?:end|beginning|start|middle)\s+of))\s+(?P<mrel>(?i:the\s+month|this\s+month|next\s+month|last\s+month))(?![\w])")),
    ("deictic", re.compile(r"(?<![\w-])(?:(?P<mod>(?i:later|earlier))\s+)?(?P<rel>(?i:last|this|next|the\s+current|current))\s+" r"(?P<unit>(?i:year|month|week|weekend))(?![\w-])")),
    ("weekday", re.compile(rf"(?<![\w])(?:(?P<wmod>(?i:last|next|this|coming|past))\s+)?(?P<wd>{_WEEKDAY})(?![\w])" rf"(?:\s+(?P<wk>(?i:last|next|this))\s+(?i:week)(?![\w]))?")),
    ("dayword", re.compile(r"(?<![\w'’-])(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|" r"(?:later|earlier)\s+in\s+the\s+day|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening)|" r"today|yesterday|tomorrow|tonight))(?!['’]s(?![\w]))(?![\w-])")),
    ("ago", re.compile(rf"(?<![\w])(?P<n>{_NUM}|(?i:a\s+few|a\s+couple\s+of|several|some|many|an|a))\s+(?P<u>{_UNIT})\s+(?i:ago)(?![\w])")),
    ("span", re.compile(rf"(?<![\w])(?i:the)\s+(?P<dir>(?i:past|last|next|coming))\s+(?:(?P<n>{_NUM}|(?i:few|several|couple\s+of|many))\s+)?" rf"(?P<u>{_UNIT})(?![\w])")),
    ("vague", re.compile(r"(?<![\w])(?<!(?i:as)\s)(?P<v>(?i:soon|shortly)(?!\s+(?i:after|before|as|thereafter)\b)(?![\w-])|" r"(?i:the\s+(?:very\s+)?near\s+future|the\s+foreseeable\s+future|the\s+(?:very\s+)?distant\s+future)(?![\w]))")),
    ("the_past", re.compile(r"(?<=\b[Ii]n )(?P<v>(?i:the\s+past)(?![\w])(?!\s+(?:\w+\s+)?(?i:days?|weeks?|months?|years?|decades?|centur\w{1,3})\b)|" r"(?i:recent\s+(?:years|months|weeks|days|times))(?![\w]))")),
    ("anchored", re.compile(rf"(?<![\w])(?:(?P<q>(?i:less\s+than|more\s+than|under|over|nearly|almost|about|around|roughly|some|just|barely|only|within))\s+)?" rf"(?P<n>{_NUM}|(?i:an|a))\s+(?P<u>(?i:days?|weeks?|months?|years?))\s+(?P<dir>(?i:after|before))\s+" r"(?P<anchor>[^,.;:!?()\n\"“”]{3,80}?)(?=\s*[,.;:!?()\n\"“”]|\s+(?:when|as|and|but|which|that|who|while|where)\b|\s*$)")),
    ("year", re.compile(rf"(?<![\w$€£₹@#.,/+:–-])(?<!\d[ -])(?P<y>{_YEAR})(?![\w%]|[-–]\d|,\d|\.\d|[ -]\d{{3}}){_NOT_QUANTITY}")),
]

_LINE_STAMP = re.compile(r"(?i:updated|published|posted|modified|last\s+updated|first\s+published|created|date)\s*(?:on|at)?\s*:?\s*$")
_COPYRIGHT = re.compile(r"(?:©|\([cC]\)|(?i:copyright))\s*$")
_CLOCK_AFTER = re.compile(r",?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:IST|GMT|UTC|ET|EST|EDT|BST|CET|MSK|hrs)\b")
_DATELINE_BEFORE = re.compile(r"^[\"“‘']?[A-Z][A-Za-z .'’-]{1,40}(?:,\s?[A-Z][A-Za-z .'’-]{1,30})?,\s?$")
_DATELINE_AFTER = re.compile(r"\s?(?:\([^()\n]{1,40}\))?\s?[-–—:]")
PREV_WORD = re.compile(r"([A-Za-z]+)[\s-]*$")
NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
PREFIX = re.compile(r"(?<![\w])(?P<p>[Ss]ince|[Bb]y)\s+$")
_THE_PREFIX = re.compile(r"(?i:the)\s+")
_TOKEN = re.compile(r"[A-Za-z'’-]+")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
FISCAL_CUE = re.compile(r"\b(?:fiscal|financial\s+year|FY|[Bb]udget)\b")
_QUOTE_CHARS = re.compile(r"[“”\"\n]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
ANCHOR_STOP = {"the", "a", "an", "first", "ever", "its", "their", "his", "her", "this", "that", "last", "latest",
                "recent", "of", "in", "on", "at", "and", "with", "to", "for", "by"}


# ---------------------------------------------------------------------------------------------------------
# Context: tense, quotations, stamps
# ---------------------------------------------------------------------------------------------------------
def tense_of(text: str, start: int, end: int) -> str:
    """``past`` or ``future`` for the clause around ``text[start:end]``: the nearest tense cue before the
    expression in its sentence (up to 24 words back), else the nearest after it (up to 10 words), else past
    (news narrates the past)."""
    left = text[max(0, start - 160):start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut is not None:
        left = left[cut.end():]
    tokens = _TOKEN.findall(left)[-24:]
    for k in range(len(tokens) - 1, -1, -1):
        verdict = _cue(tokens[k])
        if verdict == "past" and k and tokens[k - 1].lower() == "be" and tokens[k].lower()[-2:] == "ed":
            return "future"  # "will be delivered", "to be completed": a participle after "be" has not happened yet
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


class Quotes:
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


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
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


def is_metadata(text: str, start: int, end: int, kind: str) -> bool:
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
