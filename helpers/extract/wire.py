"""Wire-agency credits in an article's text, and whether the article *is* wire copy or merely *cites* an agency.

In:  cleaned text.  Out: the agencies named in a credit position, as canonical names from
``helpers/data/agencies.csv`` (``agency, aliases, description``; a researcher adds a row to add an agency).

Two questions are kept apart (:func:`agency_credits`, summarised per article by :func:`summarise`; the corpus's
tables are :attr:`helpers.annotate.Annotations.credits` and the ``source_agency`` columns of its measures):

* **source** - the article's text comes from the agency: a credit line ``(ANI)`` / ``(PTI)`` at the end of a
  paragraph or in a dateline ``NEW DELHI (Reuters) -``, ``(With inputs from PTI)``, ``With inputs from IANS``,
  a paragraph that is only ``- Reuters`` / ``Source: PTI`` / ``Reported by AFP``, or an interview given to the
  agency (``the envoy told PTI``);
* **cited** - the agency is reported on as a source of a claim: ``Russian news agency TASS reported``,
  ``according to Reuters``, ``Xinhua quoted``, ``quoted by TASS``, ``a report by AFP``.

A bare mention is neither. Short aliases (PTI, AP, ANI...) must be written exactly as in the CSV (``Ani``, ``ap``
are not agencies); aliases longer than four characters match in any case. An agency that is a source of the
article is not listed again as cited. The primary *source agency* is the first credit line or inputs credit;
failing that, the first interview credit.

Matching is two linear passes: one regex finds every alias, then small anchored patterns look at a window of
at most 60 characters on each side of the hit.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from helpers.config import DATA
from helpers.extract.prefilter import matches_at, matching_low
from helpers.extract.trie import literal_finder, trie_pattern
from helpers.knowledge import KnowledgeFileError, read_rows

AGENCIES_FILE = DATA / "agencies.csv"
WINDOW = 60
CREDIT_COLUMNS = ["agency", "role", "rule", "start", "end", "evidence"]

# Context patterns: ``_BEFORE_*`` match the text just before the alias (anchored at its end), ``_AFTER_*`` the text
# just after it (anchored at its start).
_BEFORE_INPUTS = re.compile(r"(?:with\s+)?(?:agency\s+)?inputs?\s+(?:from\s+)?(?:the\s+)?\Z", re.I)
_BEFORE_LINE = re.compile(r"\n[ \t]*(?:[-–—][ \t]*|(?:source|courtesy|reported\s+by|by)[ \t]*:?[ \t]*)?\Z", re.I)
_AFTER_LINE = re.compile(r"[ \t]*(?:\n|$)")
_BEFORE_BRACKET = re.compile(r"\((?:with\s+(?:agency\s+)?inputs?\s+from\s+)?\Z", re.I)
_AFTER_BRACKET = re.compile(r"(?:\s+(?:inputs|input|report|photo))?\)", re.I)
_AFTER_BRACKET_CREDIT = re.compile(r"[ \t]*(?:\n|$|[-–—:]\s)")
_BEFORE_TOLD = re.compile(r"\b(?:told|telling|said\s+to|in\s+an\s+interview\s+(?:with|to))\s+(?:the\s+)?\Z", re.I)
_BEFORE_CITED = re.compile(
    r"\b(?:news\s+agency|wire\s+agency|wire\s+service|agency|according\s+to|quoted\s+by|cited\s+by|reported\s+by|"
    r"reports?\s+(?:by|from|in)|report\s+by|via|citing|carried\s+by)\s+(?:the\s+)?(?:state[- ]run\s+|state\s+)?\Z", re.I)
_AFTER_CITED = re.compile(r"\s+(?:news\s+agency\s+)?(?:reported|reports|quoted|quoting|said|says|cited|citing|"
                          r"has\s+reported|had\s+reported|news\s+agency|report(?:ed)?\s+said)\b", re.I)



@lru_cache(maxsize=1)
def _agencies() -> tuple[re.Pattern, dict[str, str]]:
    canonical: dict[str, str] = {}
    for number, row in read_rows(AGENCIES_FILE, ("agency", "aliases")):
        agency = row["agency"]
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        if not agency or not aliases:
            raise KnowledgeFileError(f"{AGENCIES_FILE.name} line {number}: needs an agency and at least one alias")
        for alias in aliases:
            canonical[alias] = agency
    names = trie_pattern(sorted(canonical), ignore_case=True)  # one trie over the aliases, longest first
    return re.compile(rf"(?<![\w-])(?:{names})(?![\w-])", re.I), canonical


@lru_cache(maxsize=2)
def _alias_finder(aliases: frozenset[str]):
    """The agency ``aliases``, lower-cased, as one automaton (:func:`helpers.extract.trie.literal_finder`); keyed by
    the aliases themselves, so an edited agencies file never meets a stale automaton."""
    return literal_finder({alias.lower() for alias in aliases})


def _alias_matches(text: str) -> Iterator[re.Match]:
    """The agency regex's ``finditer(text)`` (:func:`_agencies`), tried only where an alias begins: a match begins
    with an alias (in any case, as ``re.I`` compares: the text is read through
    :func:`helpers.extract.prefilter.matching_low`), so the regex is matched at those positions, left to right, each
    after the end of the last match, as ``finditer`` scans. The regex looks behind every character of the text
    (0.12 s per 1,000 articles); the automaton does not."""
    names, canonical = _agencies()
    starts = set()
    for end, alias in _alias_finder(frozenset(canonical)).iter(matching_low(text)):
        start = end - len(alias) + 1
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "_-"):  # the regex's (?<![\w-])
            starts.add(start)
    return matches_at(names, text, starts)  # never empty matches: an alias is not


def _canonical(found: str, canonical: dict[str, str]) -> str | None:
    """The agency of an alias hit: exact spelling for short aliases, any case for long ones."""
    if found in canonical:
        return canonical[found]
    if len(found) > 4:
        for alias, agency in canonical.items():
            if len(alias) > 4 and alias.casefold() == found.casefold():
                return agency
    return None


@dataclass(frozen=True)
class Credit:
    agency: str
    role: str      # source or cited
    rule: str      # credit_line, inputs, interview, cited
    start: int
    end: int
    evidence: str


def _classify(text: str, start: int, end: int) -> tuple[str, str, int, int] | None:
    """(role, rule, evidence start, evidence end) for an alias at ``text[start:end]``, or None for a bare mention."""
    lo = max(0, start - WINDOW)
    before = ("\n" if lo == 0 else "") + text[lo:start]  # the text's start is a line start
    lo -= 1 if lo == 0 else 0
    after = text[end:end + WINDOW]
    bracket = _BEFORE_BRACKET.search(before)
    if bracket:
        close = _AFTER_BRACKET.match(after)
        if close:
            b_start, b_end = lo + bracket.start(), end + close.end()
            if "input" in bracket.group(0).lower():
                return "source", "inputs", b_start, b_end
            if _AFTER_BRACKET_CREDIT.match(text, b_end):
                return "source", "credit_line", b_start, b_end
            return "cited", "cited", b_start, b_end
    m = _BEFORE_INPUTS.search(before)
    if m and re.search(r"inputs?\b", m.group(0), re.I):
        return "source", "inputs", lo + m.start(), end
    m = _BEFORE_LINE.search(before)
    if m and _AFTER_LINE.match(after):
        return "source", "credit_line", lo + m.start() + 1, end
    m = _BEFORE_TOLD.search(before)
    if m:
        return "source", "interview", lo + m.start(), end
    m = _BEFORE_CITED.search(before)
    if m:
        return "cited", "cited", lo + m.start(), end
    m = _AFTER_CITED.match(after)
    if m:
        return "cited", "cited", start, end + m.end()
    return None


def agency_credits(text: str) -> list[Credit]:
    """Every agency alias of ``text`` that stands in a credit position, in text order, with its role
    (``source``/``cited``), the rule that decided it and the evidence (the characters of the credit)."""
    names, canonical = _agencies()
    out = []
    for match in _alias_matches(text):
        agency = _canonical(match.group(0), canonical)
        if agency is None:
            continue
        decided = _classify(text, match.start(), match.end())
        if decided:
            role, rule, a, b = decided
            out.append(Credit(agency, role, rule, a, b, " ".join(text[a:b].split())))
    return out


def credited_agencies(text: str) -> list[str]:
    """Agencies credited in ``text`` (as source or cited), in order of first credit, each once."""
    found: list[str] = []
    for credit in agency_credits(text):
        if credit.agency not in found:
            found.append(credit.agency)
    return found


def summarise(credits: list[Credit]) -> dict[str, str]:
    """``source_agency`` (primary), ``source_agencies`` and ``cited_agencies`` (space-separated, in text order;
    an agency that is a source is not also cited) and ``wire_evidence`` (the source credits as written)."""
    sources: list[str] = []
    for rule in (("credit_line", "inputs"), ("interview",)):
        for c in credits:
            if c.role == "source" and c.rule in rule and c.agency not in sources:
                sources.append(c.agency)
    cited = []
    for c in credits:
        if c.role == "cited" and c.agency not in sources and c.agency not in cited:
            cited.append(c.agency)
    evidence = []
    for c in credits:
        if c.role == "source" and c.evidence not in evidence:
            evidence.append(c.evidence)
    return {"source_agency": sources[0] if sources else "", "source_agencies": " ".join(a.replace(" ", "_") for a in sources),
            "cited_agencies": " ".join(a.replace(" ", "_") for a in cited), "wire_evidence": " | ".join(evidence)}
