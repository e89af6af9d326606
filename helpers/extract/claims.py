"""Claims variance: how each article states the story's key facts, with the sentence as evidence.

In:  the sentences of one article (every sentence, headlines included).
Out: :func:`article_claims` - one row per claim (:data:`CLAIM_COLUMNS`): ``claim`` (``deal_value``, ``units``,
``signed``, ``delivery``, ``caatsa_enacted``), the normalised ``value``, ``number`` and ``unit``, for amounts the
``currency``, ``amount`` (in units of that currency) and ``usd_bn`` (US dollar billions, only where a fixed rate is
documented), ``comparable``, the words ``as_written``, ``sentence_id`` and the ``evidence`` sentence.
:func:`helpers.annotate.annotations` runs it over a corpus (``claims``);
:mod:`helpers.analysis.claims` lays the claims side by side (claim x outlet) and says, per claim, whether the
outlets agree.

The patterns live in ``helpers/data/claims.csv`` (``claim, kind, comparable, topic, pattern, description``): a
sentence yields a claim when its ``topic`` regex matches anywhere in it and its ``pattern`` regex matches; every
match is one claim (the same words matched by two rows count once). Patterns may use placeholders, each expanded to
a named group: ``{AMOUNT}`` (a money amount, see :func:`parse_amount`), ``{NUMBER}`` (a cardinal: digits or
one...twenty), ``{ORDINAL}`` (first...tenth, 1st, 2nd...), ``{MONTH}`` (a month name or abbreviation) and
``{YEAR}`` (1990-2099); a placeholder used twice gets a numbered group. ``kind`` says how the match becomes a
value: ``amount``, ``count``, ``ordinal``, ``date`` (``YYYY`` or ``YYYY-MM``), ``schedule`` (the ``when`` group,
plus the ``verb`` group if any). ``comparable = yes`` claims are compared across outlets; deliveries and
regiment numbers are not (they move on with time).

Currencies are in ``helpers/data/claims_currencies.csv`` (``currency, prefixes, suffixes, usd_rate,
description``). Decision: an amount is converted to US dollars only with a rate written in that file; the rupee has
none (it moved from about 70 to 82 per dollar over 2018-2023), so a rupee amount keeps its currency and amount and
``usd_bn`` stays empty. Amounts in different currencies are "not comparable" rather than a disagreement.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows
from helpers.extract import prefilter

CLAIMS_FILE = DATA / "claims.csv"
CURRENCIES_FILE = DATA / "claims_currencies.csv"
SUBJECTS_FILE = DATA / "claim_subjects.csv"
QUANTITIES_FILE = DATA / "claim_quantities.csv"
KINDS = ("amount", "count", "ordinal", "date", "schedule")
CLAIMS = ("deal_value", "units", "signed", "delivery", "caatsa_enacted")
CLAIM_COLUMNS = ["file", "outlet", "published", "claim", "value", "number", "unit", "currency", "amount", "usd_bn",
                 "precision", "comparable", "as_written", "sentence_id", "evidence"]

SCALES = {"crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "million": 1e6, "mn": 1e6,
          "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
          "trn": 1e12}
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                           "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
ORDINAL_WORDS = {w: i + 1 for i, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split())}
MONTHS = {m: i + 1 for i, m in enumerate("january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

_NUM = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})*,\d{3}")
_WESTERN = re.compile(r"\d{1,3}(?:,\d{3})+")
_PLACEHOLDER = re.compile(r"\{(AMOUNT|NUMBER|ORDINAL|MONTH|YEAR)\}")



# --------------------------------------------------------------------------------------------- amounts
@dataclass(frozen=True)
class Amount:
    currency: str
    amount: float          # in units of the currency
    as_written: str
    usd_bn: float | None   # only with a documented rate
    step: float = 0.0      # the precision stated, in units of the currency (0.1e9 for "$5.2 billion")

    @property
    def value(self) -> str:
        """Normalised: ``USD 5.2 bn`` (billions of the currency, up to 4 significant decimals)."""
        return f"{self.currency} {_fmt(self.amount / 1e9)} bn"


def _fmt(x: float) -> str:
    return f"{round(x, 4):.4f}".rstrip("0").rstrip(".")


@lru_cache(maxsize=1)
def currencies() -> tuple[dict[str, str], dict[str, str], dict[str, float | None]]:
    """(prefix -> currency, suffix -> currency, currency -> US dollars per unit or None) from the CSV."""
    prefixes, suffixes, rates = {}, {}, {}
    for number, row in read_rows(CURRENCIES_FILE, ("currency", "prefixes", "suffixes", "usd_rate")):
        code = row["currency"]
        if not code or not (row["prefixes"] or row["suffixes"]):
            raise KnowledgeFileError(f"{CURRENCIES_FILE.name} line {number}: needs a currency and prefixes or suffixes")
        rate = row["usd_rate"]
        try:
            rates[code] = float(rate) if rate else None
        except ValueError:
            raise KnowledgeFileError(f"{CURRENCIES_FILE.name} line {number}: usd_rate '{rate}' is not a number") from None
        for p in filter(None, (x.strip() for x in row["prefixes"].split("|"))):
            prefixes[p] = code
        for s in filter(None, (x.strip() for x in row["suffixes"].split("|"))):
            suffixes[s.casefold()] = code
    return prefixes, suffixes, rates


def _alternation(items) -> str:
    return "|".join(re.escape(x).replace(r"\ ", r"\s?") for x in sorted(items, key=len, reverse=True))


@lru_cache(maxsize=1)
def amount_regex() -> str:
    """The amount pattern (named groups ``cur, num, scale, suf`` and ``num2, scale2, suf2``), without flags."""
    prefixes, suffixes, _ = currencies()
    pre, suf = _alternation(prefixes), _alternation(suffixes)
    tail = r"(?![\d,]\d|\.\d|\d)"  # constant-time: no digit, ",digit" or ".digit" may follow (linear on long digit runs)
    return (rf"(?:(?<![\w$₹€₽])(?P<cur>{pre})\s?(?P<num>{_NUM}){tail}(?:\s?-?\s?(?P<scale>{_SCALE})(?![\w-]))?"
            rf"(?:\s+(?P<suf>{suf})(?!\w))?"
            rf"|(?<![\w.,$₹€₽])(?P<num2>{_NUM}){tail}(?:\s?-?\s?(?P<scale2>{_SCALE})(?![\w-]))?\s+(?P<suf2>{suf})(?!\w))")


@lru_cache(maxsize=1)
def _amount_pattern() -> re.Pattern:
    return re.compile(amount_regex(), re.I)


def _number(text: str) -> float | None:
    whole = text.split(".")[0]
    if "," in whole and not (_INDIAN.fullmatch(whole) or _WESTERN.fullmatch(whole)):
        return None
    return float(text.replace(",", ""))


def stated_step(number: str) -> float:
    """The precision a number is stated to: 1 for ``5``, 0.1 for ``5.2``, 0.01 for ``5.43``, 1,000 for ``40,000``
    (trailing zeros of a whole number are taken as rounding, the way "40,000 crore" is a round figure)."""
    digits = number.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    whole = digits.lstrip("0") or "0"
    return 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole != "0" else 1.0


def _amount_from(groups: dict, as_written: str) -> Amount | None:
    prefixes, suffixes, rates = currencies()
    num, scale = groups.get("num") or groups.get("num2"), groups.get("scale") or groups.get("scale2")
    cur_text, suf_text = groups.get("cur"), groups.get("suf") or groups.get("suf2")
    if num is None:
        return None
    value = _number(num)
    if value is None:
        return None
    currency = None
    if cur_text:
        key = "".join(cur_text.split()).casefold()
        currency = next((c for p, c in prefixes.items() if "".join(p.split()).casefold() == key), None)
    if suf_text:
        suffix_currency = suffixes.get(re.sub(r"\s+", " ", suf_text).casefold())
        if currency and suffix_currency and suffix_currency != currency:
            return None
        currency = currency or suffix_currency
    if currency is None:
        return None
    factor = SCALES[scale.casefold()] if scale else 1.0
    amount = value * factor
    rate = rates.get(currency)
    usd_bn = round(amount * rate / 1e9, 4) if rate is not None else None
    return Amount(currency, amount, as_written, usd_bn, stated_step(num) * factor)


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every money amount in ``text``: ``(start, end, Amount)``. A number needs a currency (``$``, ``USD``,
    ``US$``, ``Rs``, ``₹``, ``INR``... before it, or ``dollars``/``rupees``... after it); scales: crore, lakh,
    million/mn/mln/m, billion/bn/bln/b, trillion; ``5.2-billion`` and Indian (``1,00,000``) or Western
    (``100,000``) digit grouping. Anything else (a bare number, a currency with no number, ``1,0000``) is not
    an amount."""
    out = []
    for m in _amount_pattern().finditer(text):
        amount = _amount_from(m.groupdict(), m.group(0))
        if amount is not None:
            out.append((m.start(), m.end(), amount))
    return out


def parse_amount(text: str) -> Amount | None:
    """The amount if ``text`` (stripped) is exactly one money amount, else None."""
    text = text.strip()
    found = find_amounts(text)
    return found[0][2] if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(text) else None


# --------------------------------------------------------------------------------------------- patterns
_SUB = {
    # a number never starts after a letter or a hyphen: "S-400 systems" names the system, it counts nothing
    "NUMBER": r"(?<![\w-])(?P<{g}>\d{{1,3}}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")",
    "ORDINAL": r"(?P<{g}>" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)) + r"|\d{{1,2}}(?:st|nd|rd|th))",
    "MONTH": r"(?P<{g}>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?",
    "YEAR": r"(?P<{g}>(?:19[89]|20\d)\d)(?!\d)",
}


@dataclass(frozen=True)
class ClaimRule:
    claim: str
    kind: str
    comparable: bool
    topic: re.Pattern | None
    pattern: re.Pattern
    line: int


def expand(pattern: str) -> str:
    """A claims.csv pattern with its placeholders replaced by named groups (``year``, ``year_2``...)."""
    seen: dict[str, int] = {}

    def sub(m: re.Match) -> str:
        name = m.group(1)
        seen[name] = seen.get(name, 0) + 1
        group = name.lower() if seen[name] == 1 else f"{name.lower()}_{seen[name]}"
        if name == "AMOUNT":
            if seen[name] > 1:
                raise ValueError("{AMOUNT} may appear once per pattern")
            return "(?P<amount>" + amount_regex() + ")"
        return _SUB[name].format(g=group)

    return _PLACEHOLDER.sub(sub, pattern)


@lru_cache(maxsize=1)
def rules() -> tuple[ClaimRule, ...]:
    """The claim rules of claims.csv, compiled once; a bad row raises :class:`KnowledgeFileError` naming its line."""
    out = []
    for number, row in read_rows(CLAIMS_FILE, ("claim", "kind", "comparable", "topic", "pattern")):
        where = f"{CLAIMS_FILE.name} line {number} ({row['claim']})"
        if row["kind"] not in KINDS:
            raise KnowledgeFileError(f"{where}: kind '{row['kind']}' is not one of {', '.join(KINDS)}")
        if row["comparable"] not in ("yes", "no"):
            raise KnowledgeFileError(f"{where}: comparable must be yes or no")
        try:
            topic = re.compile(row["topic"]) if row["topic"] else None
            pattern = re.compile(expand(row["pattern"]))
        except (re.error, ValueError) as err:
            raise KnowledgeFileError(f"{where}: bad pattern: {err}") from None
        out.append(ClaimRule(row["claim"], row["kind"], row["comparable"] == "yes", topic, pattern, number))
    return tuple(out)


@lru_cache(maxsize=1)
def quantities() -> dict[str, str]:
    """The word a count is of -> the quantity it counts (``claim_quantities.csv``): units, regiments and squadrons
    are one quantity; systems, batteries and missiles are each their own, never compared with the others."""
    return {" ".join(row["word"].casefold().split()): row["quantity"] for _, row in read_rows(QUANTITIES_FILE, ("word", "quantity"))}


@lru_cache(maxsize=1)
def subjects() -> tuple[tuple[str, re.Pattern, bool], ...]:
    """The buyers a claim can belong to (``claim_subjects.csv``): ``(subject, pattern, studied)``."""
    out = []
    for number, row in read_rows(SUBJECTS_FILE, ("subject", "pattern", "studied")):
        if row["studied"] not in ("yes", "no"):
            raise KnowledgeFileError(f"{SUBJECTS_FILE.name} line {number} ({row['subject']}): studied must be yes or no")
        try:
            out.append((row["subject"], re.compile(row["pattern"]), row["studied"] == "yes"))
        except re.error as err:
            raise KnowledgeFileError(f"{SUBJECTS_FILE.name} line {number} ({row['subject']}): bad pattern: {err}") from None
    return tuple(out)


def _belongs_to_study(text: str, span: tuple[int, int]) -> bool:
    """Whether a claim at ``span`` is about the studied buyer: yes unless another buyer of ``claim_subjects.csv``
    is named in the sentence and is nearer to the claim than any mention of the studied one ("China signed its
    own S-400 deal in 2014" gives no claim about India's deal)."""
    mentions = [(m.start(), m.end(), studied) for _, pattern, studied in subjects() for m in pattern.finditer(text)]
    if all(studied for _, _, studied in mentions):
        return True
    distance = [(max(0, max(a, span[0]) - min(b, span[1])), not studied) for a, b, studied in mentions]
    return not min(distance)[1]


def _first(groups: dict, name: str) -> str | None:
    for key in sorted(k for k in groups if k == name or k.startswith(name + "_")):
        if groups[key]:
            return groups[key]
    return None


def _value(rule: ClaimRule, m: re.Match) -> dict | None:
    g = m.groupdict()
    base = {"currency": "", "amount": math.nan, "usd_bn": math.nan, "precision": math.nan}
    if rule.kind == "amount":
        a = m.group("amount")
        sub = _amount_pattern().fullmatch(a)
        amount = _amount_from(sub.groupdict(), a) if sub else None
        if amount is None:
            return None
        return {**base, "value": amount.value, "number": round(amount.amount / 1e9, 4), "unit": f"{amount.currency} bn",
                "currency": amount.currency, "amount": amount.amount,
                "usd_bn": amount.usd_bn if amount.usd_bn is not None else math.nan, "precision": amount.step / 1e9,
                "as_written": a}
    if rule.kind == "count":
        word = _first(g, "number").casefold()
        n = NUMBER_WORDS.get(word, None) if not word.isdigit() else int(word)
        unit = quantities().get(" ".join((_first(g, "unit") or "units").casefold().split()), "regiments or squadrons")
        return {**base, "value": f"{n} {unit}", "number": float(n), "unit": unit, "precision": 1.0}
    if rule.kind == "ordinal":
        word = _first(g, "ordinal").casefold()
        n = ORDINAL_WORDS.get(word) or int(re.match(r"\d+", word).group(0))
        unit = (_first(g, "unit") or "regiment").casefold()
        return {**base, "value": f"{unit} {n}", "number": float(n), "unit": f"{unit} (ordinal)"}
    year, month = _first(g, "year"), _first(g, "month")
    if rule.kind == "date":
        value = f"{year}-{MONTHS[month.casefold().rstrip('.')]:02d}" if month else year
        return {**base, "value": value, "number": float(year), "unit": "year-month" if month else "year"}
    when = " ".join(_first(g, "when").casefold().split())
    verb = _first(g, "verb")
    value = f"{when} {verb.casefold()}" if verb else when
    return {**base, "value": value, "number": float(year) if year else math.nan, "unit": "schedule"}


def sentence_claims(text: str, low: str | None = None, possible: set[int] | None = None) -> list[dict]:
    """The claims of one sentence: dicts with ``claim, value, number, unit, currency, amount, usd_bn, precision,
    comparable, as_written``, in order of position (the same words matched by two rules of one claim count once).
    A claim nearer to another buyer (``claim_subjects.csv``) than to India is left out: it is not India's.
    ``low`` is :func:`helpers.extract.prefilter.matching_low` of ``text`` when the caller has it; ``possible`` the
    indices of the rules whose topic and pattern may occur in it (:func:`_possible_rules`; default: all)."""
    found, seen = [], set()
    topics: dict[str, bool] = {}  # rules sharing a topic test it once
    low = prefilter.matching_low(text) if low is None else low
    for number, rule in enumerate(rules()):
        if possible is not None and number not in possible:
            continue  # its topic or its pattern has none of its literal beginnings here: the tests below say no
        if rule.topic is not None:
            key = rule.topic.pattern
            if key not in topics:
                topics[key] = prefilter.search(rule.topic, text, low)
            if not topics[key]:
                continue
        if not prefilter.may_occur(rule.pattern, low, 0, len(text)):
            continue
        for m in rule.pattern.finditer(text):
            value = _value(rule, m)
            if value is None:
                continue
            span = m.span("amount") if rule.kind == "amount" else m.span()
            if not _belongs_to_study(text, m.span()):
                continue
            if (rule.claim, value["value"]) in {(c, v) for c, v, s in seen if s[0] < span[1] and span[0] < s[1]}:
                continue
            seen.add((rule.claim, value["value"], span))
            value.setdefault("as_written", " ".join(m.group(0).split()))
            found.append((span[0], CLAIMS.index(rule.claim) if rule.claim in CLAIMS else len(CLAIMS),
                          {"claim": rule.claim, **value, "comparable": rule.comparable}))
    return [c for _, _, c in sorted(found, key=lambda x: (x[0], x[1]))]


def _possible_rules(lows: list[str]) -> list[set[int]]:
    """For each sentence (its :func:`helpers.extract.prefilter.matching_low`), the indices of the rules whose
    topic and pattern may both occur in it (:func:`helpers.extract.prefilter.where_possible`): one pass over the
    article per literal beginning instead of one test per sentence, rule and beginning."""
    text, spans = prefilter.joined(lows)
    everywhere = set(range(len(lows)))
    where: dict[str, set[int]] = {}  # by pattern source: rules share topics
    memo: dict = {}  # by literal beginning: topics share them too
    out: list[set[int]] = [set() for _ in lows]
    for number, rule in enumerate(rules()):
        here = everywhere
        for pattern in (rule.pattern,) if rule.topic is None else (rule.topic, rule.pattern):
            if not here:
                break  # the topic is nowhere: the pattern need not be looked for
            if pattern.pattern not in where:
                found = prefilter.where_possible(pattern, text, spans, memo)
                where[pattern.pattern] = everywhere if found is None else found
            here = here & where[pattern.pattern]
        for i in here:
            out[i].add(number)
    return out


def article_claims(file: str, outlet: str, published: str, sentences: list[tuple[int, str]]) -> list[dict]:
    """The claims of one article (a pure function of plain data, for worker processes): ``sentences`` are
    ``(sentence_id, text)`` in order, headlines included. Out: rows with :data:`CLAIM_COLUMNS`."""
    lows = [prefilter.matching_low(text) for _, text in sentences]
    possible = _possible_rules(lows)
    return [{"file": file, "outlet": outlet, "published": published, **claim, "sentence_id": int(sid), "evidence": text}
            for (sid, text), low, rules_here in zip(sentences, lows, possible)
            for claim in (sentence_claims(text, low, rules_here) if rules_here else ())]


def claims_frame(rows: list[dict]) -> pd.DataFrame:
    """Claim rows (from :func:`article_claims`) as a DataFrame sorted by file and sentence."""
    out = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return out.sort_values(["file", "sentence_id"], kind="stable").reset_index(drop=True)
