"""Cleaning: remove scrape residue line by line, record every removal, keep every sentence of the body.

The rules live in ``helpers/data/cleaning_rules.csv`` (``rule, scope, pattern, description``); a researcher
adds a row to add a rule. Scopes:

* ``line``    - the whole line is removed when ``pattern`` matches it (``re.search`` on the stripped line);
* ``inline``  - the matched characters are removed from the line (the line goes if nothing is left);
* ``head``    - like ``line``, but only within the first four lines of the article (section labels, bylines);
* ``tail``    - a heading of trailing related links: it, and the link-like lines after it (short, no final
  full stop), are removed;
* ``builtin`` - documented here, implemented in code: ``repeated_line``.

In:  decoded text (``\\n`` line ends).
Out: :class:`Cleaned` - the kept lines with their original line numbers, and the removed ones as rows
``file, line, rule, text`` (line numbers count from 1 in the decoded text; for HTML pages, in the extracted text).

Normalisation (:func:`normalise_line`) changes no word: Unicode NFC, non-breaking and other spaces to a plain
space, zero-width characters removed, runs of spaces collapsed, ends stripped. Quote marks and dashes are
kept as they are, so the quote finder can tell “curly”, "straight" and ‘single’ marks apart.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.config import DATA
from helpers.knowledge import KnowledgeFileError, read_rows

RULES_FILE = DATA / "cleaning_rules.csv"
SCOPES = ("line", "inline", "head", "tail", "builtin")
HEAD_LINES = 4
REMOVED_COLUMNS = ["file", "line", "rule", "text"]

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class CleaningRule:
    """One row of ``cleaning_rules.csv``: lines (or parts of lines, for ``inline``) that ``pattern`` matches
    are removed within ``scope`` and listed in the removed table under ``name``."""

    name: str
    scope: str
    pattern: re.Pattern | None
    description: str


@lru_cache(maxsize=8)
def load_rules(path: Path = RULES_FILE) -> tuple[CleaningRule, ...]:
    """Read and compile the cleaning rules once; any bad row raises :class:`KnowledgeFileError` naming the row."""
    rules: list[CleaningRule] = []
    errors: list[str] = []
    for number, row in read_rows(path, ("rule", "scope", "pattern", "description"), problems=errors):
        scope = row["scope"]
        if scope not in SCOPES:
            errors.append(f"{path.name} line {number} ({row['rule']}): scope '{scope}' is not one of {', '.join(SCOPES)}")
            continue
        pattern = None
        if scope != "builtin":
            try:
                pattern = re.compile(row["pattern"])
            except re.error as err:
                errors.append(f"{path.name} line {number} ({row['rule']}): bad pattern: {err}")
                continue
        rules.append(CleaningRule(row["rule"], scope, pattern, row["description"]))
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return tuple(rules)


def normalise_line(line: str) -> str:
    """NFC, plain spaces, no zero-width characters, single spaces, stripped. Words are untouched."""
    line = unicodedata.normalize("NFC", line)
    line = _ZERO_WIDTH.sub("", line)
    if "  " in line or _ODD_SPACE.search(line):  # else every run of spaces is one plain space already
        line = _SPACES.sub(" ", line)
    return line.strip()


@dataclass
class Cleaned:
    lines: list[tuple[int, str]]  # (original line number, normalised text) of kept non-blank lines
    removed: list[dict] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The kept lines, one per line (paragraph structure is built in :mod:`helpers.corpus.structure`)."""
        return "\n".join(text for _, text in self.lines)


#: Not yet asked (a rule hit may be None).
_UNKNOWN = object()


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def _looks_like_link(line: str) -> bool:
    return len(line.split()) <= 20 and not line.rstrip("”’\"' )").endswith((".", "!", "?"))


def clean_text(text: str, file: str = "", rules: tuple[CleaningRule, ...] | None = None) -> Cleaned:
    """Apply the cleaning rules to one article's text; see the module docstring."""
    rules = load_rules() if rules is None else rules
    by_scope = {scope: [r for r in rules if r.scope == scope] for scope in SCOPES}
    removed: list[dict] = []

    def drop(number: int, rule: str, what: str) -> None:
        removed.append({"file": file, "line": number, "rule": rule, "text": what})

    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = normalise_line(raw)
        stable = False
        while not stable:  # removing one shortcode can leave another ("[a_[b_c]d]"): repeat until none is left
            stable = True
            for rule in by_scope["inline"]:
                if rule.pattern.search(line):
                    for match in rule.pattern.finditer(line):
                        drop(number, rule.name, match.group())
                    line = normalise_line(rule.pattern.sub(" ", line))
                    stable = False
        if line:
            lines.append((number, line))

    # Each line's rule hits and key depend on the line alone (the head rules also on its position, asked only
    # inside the head window): found once per line and kept for the passes that follow a removal.
    line_rules, head_rules, tail_rules = by_scope["line"], by_scope["head"], by_scope["tail"]
    known: dict[int, list] = {}

    def first_hit(number: int, line: str, slot: int, scope: list[CleaningRule]) -> str | None:
        facts = known.setdefault(number, [_UNKNOWN, _UNKNOWN, _UNKNOWN])
        if facts[slot] is _UNKNOWN:
            facts[slot] = next((rule.name for rule in scope if rule.pattern.search(line)), None)
        return facts[slot]

    keys: dict[int, str] = {}
    changed = True
    while changed:  # removing a line can bring another into the head window; repeat until stable
        changed = False
        kept: list[tuple[int, str]] = []
        seen: set[str] = set()
        in_tail = False
        for position, (number, line) in enumerate(lines):
            rule_hit = None
            if in_tail and _looks_like_link(line):
                rule_hit = "related_block"
            if rule_hit is None:
                rule_hit = first_hit(number, line, 0, line_rules)
            if rule_hit is None and position < HEAD_LINES:
                rule_hit = first_hit(number, line, 1, head_rules)
            if rule_hit is None:
                rule_hit = first_hit(number, line, 2, tail_rules)
                in_tail = in_tail or rule_hit is not None
            key = keys.get(number)
            if key is None:
                key = keys[number] = _key(line)
            if rule_hit is None and len(key.split()) >= 4 and key in seen:
                rule_hit = "repeated_line"
            if rule_hit is None:
                in_tail = in_tail and _looks_like_link(line)
                seen.add(key)
                kept.append((number, line))
            else:
                drop(number, rule_hit, line)
                changed = True
        lines = kept
    removed.sort(key=lambda row: row["line"])
    return Cleaned(lines=lines, removed=removed)


def removed_frame(rows: list[dict]) -> pd.DataFrame:
    """Removed lines as a tidy DataFrame (one row per removal)."""
    return pd.DataFrame(rows, columns=REMOVED_COLUMNS)


def rules_frame() -> pd.DataFrame:
    """The cleaning rules as a table, for the notebook and the README."""
    return pd.DataFrame(
        [{"rule": r.name, "scope": r.scope, "description": r.description} for r in load_rules()]
    )
