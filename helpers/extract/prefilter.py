"""Literal prefilters for regular expressions: skip a search when its literal beginnings are absent.

A regex search is far slower than ``str.find``. Most knowledge-file patterns (frame terms and their ``requires`` and
``unless``, claim topics, event phrases) can only match where one of a few literal beginnings occurs ("s-400",
"air d", "deliv"). :func:`gated_parts` splits a regex into its top-level alternatives, each with such a *gate*
(:func:`gate_of`); :func:`possible` tells from the lower-cased text (:func:`matching_low`) whether a gate's
literals occur, and :func:`occurs` searches only the alternatives whose gate passes. A gate is a necessary condition
only: the regex still decides, so the answers are those of ``pattern.search`` (property tests check it on every
pattern of the knowledge files).

In:  compiled patterns and a text with its :func:`matching_low`.  Out: whether a pattern occurs (or may occur) in
     ``text[a:b]``.
"""
from __future__ import annotations

import bisect
import re
import re._constants as _sc
import re._parser as _sp
from collections.abc import Iterable, Iterator
from functools import lru_cache

from helpers.corpus.structure import lower_same_length
from helpers.extract.trie import trie_pattern

MAX_PREFIXES = 200
PREFIX_CHARS = 5


def literal_prefixes(items: list) -> set[tuple[str, bool]]:
    """Literal beginnings of a parsed regex sequence: (prefix, complete) pairs, ``complete`` when the whole
    sequence is that literal. Used only to find where a term can start; the term's own regex decides."""
    out: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        grown: set[tuple[str, bool]] = set()
        for prefix, complete in out:
            if not complete:
                grown.add((prefix, False))
                continue
            if op is _sc.LITERAL:
                grown.add((prefix + chr(av), True))
            elif op is _sc.AT:
                grown.add((prefix, True))  # \b and anchors take no characters
            elif op in (_sc.SUBPATTERN, _sc.BRANCH):
                alternatives = [av[-1]] if op is _sc.SUBPATTERN else av[1]
                for alt in alternatives:
                    grown |= {(prefix + p, c) for p, c in literal_prefixes(list(alt))}
            elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
                grown.add((prefix, True))  # skip the optional part
                grown |= {(prefix + p, c) for p, c in literal_prefixes(list(av[2]))}
            else:
                grown.add((prefix, False))
        out = grown
        if len(out) > MAX_PREFIXES:
            return {(p, False) for p, _ in out}
    return out


#: Characters that a case-insensitive regex matches to an ASCII letter although their lower case is not that
#: letter (dotless ı, dotted İ, long ſ): folded in the text the literal prefixes are looked for in, so a term (or a
#: ``requires``/``unless`` part) is tried wherever its regex can match, whatever other terms share its prefix.
ASCII_EQUIVALENTS = str.maketrans({"ı": "i", "İ": "i", "ſ": "s"})
_ASCII_ANY = re.compile("[ıİſ]")


def matching_low(text: str) -> str:
    """``text`` lower-cased, same length (:func:`helpers.corpus.structure.lower_same_length`), with
    :data:`ASCII_EQUIVALENTS` folded: where literal prefixes are looked for."""
    low = lower_same_length(text)
    return low.translate(ASCII_EQUIVALENTS) if _ASCII_ANY.search(low) else low


def top_level_parts(source: str) -> list[str]:
    """``source`` split at its top-level ``|`` (outside brackets, groups and escapes)."""
    parts, depth, in_class, start, k = [], 0, False, 0, 0
    while k < len(source):
        c = source[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]" or k == start
        elif c == "[":
            in_class = True
            if source[k + 1:k + 2] == "^":
                k += 1
            if source[k + 1:k + 2] == "]":
                k += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(source[start:k])
            start = k + 1
        k += 1
    parts.append(source[start:])
    return parts


def gate_of(pattern: re.Pattern) -> tuple[tuple[str, ...], bool] | None:
    """Lower-case literal beginnings (at most :data:`PREFIX_CHARS` characters) of every possible match of
    ``pattern``, and whether a match must start a word; None when some alternative has no such beginning."""
    items = list(_sp.parse(pattern.pattern, pattern.flags))
    prefixes = {p.lower()[:PREFIX_CHARS] for p, _ in literal_prefixes(items)}
    if not prefixes or min(len(p) for p in prefixes) < 2:
        return None
    word_start = bool(items) and items[0] == (_sc.AT, _sc.AT_BOUNDARY) and all(p[0].isalnum() for p in prefixes)
    minimal: list[str] = []
    for p in sorted(prefixes, key=lambda q: (len(q), q)):
        if not any(p.startswith(q) for q in minimal):
            minimal.append(p)
    return tuple(minimal), word_start


#: :func:`gated_parts` by ``id(pattern)``, each entry holding its pattern (so the id stays its own). Not an
#: ``lru_cache``: hashing a compiled regex hashes its whole program (6 µs for the longest ``requires``), and the
#: parts are looked up for every sentence that asks for them.
_PARTS: dict[int, tuple[re.Pattern, tuple]] = {}


def gated_parts(pattern: re.Pattern) -> tuple[tuple[re.Pattern, tuple[tuple[str, ...], bool] | None], ...]:
    """:func:`split_gated` of ``pattern``, computed once per pattern object."""
    entry = _PARTS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _PARTS[id(pattern)] = (pattern, split_gated(pattern))
    return entry[1]


def split_gated(pattern: re.Pattern) -> tuple[tuple[re.Pattern, tuple[tuple[str, ...], bool] | None], ...]:
    """A ``requires``/``unless`` regex as its top-level alternatives, each compiled on its own with its gate
    (:func:`gate_of`). The regex occurs in a sentence iff one alternative does; an alternative whose literal
    beginnings are all absent (``str.find``) cannot match, so its search is skipped. A leading ``\\b(?:...)``
    is distributed over the alternatives. Falls back to the whole regex when it cannot be split."""
    source, wrap = pattern.pattern, False
    if source.startswith("\\b(?:") and source.endswith(")") and len(top_level_parts(source[3:])) == 1 \
            and top_level_parts(source[5:-1]) and _balanced(source[5:-1]):
        source, wrap = source[5:-1], True
    parts = alternatives(source, pattern.flags, wrap)
    if parts is None:
        return ((pattern, gate_of(pattern)),)
    return tuple((part, ANCHORED if at_start else gate_of(part)) for part, at_start in parts)


def alternatives(source: str, flags: int, wrap: bool = False) -> list[tuple[re.Pattern, bool]] | None:
    """The top-level alternatives of the regex ``source``, each compiled on its own (``^`` dropped from one that
    starts with it, which is then matched at each sentence's start: ``True`` beside it; ``wrap``: each other one in
    ``\b(?:...)``), or None when one does not compile on its own."""
    try:
        return [(re.compile(part[1:], flags), True) if part.startswith("^") else
                (re.compile(rf"\b(?:{part})" if wrap else part, flags), False) for part in top_level_parts(source)]
    except re.error:
        return None


def anchors_compile(pattern: re.Pattern) -> bool:
    """Whether ``pattern`` splits as :func:`split_gated` needs to match its alternatives that start with ``^`` at
    each sentence's start: when it has any, every top-level alternative must compile on its own (else the whole
    regex would be searched, and its ``^`` would only match at the start of the text)."""
    if not any(part.startswith("^") for part in top_level_parts(pattern.pattern)):
        return True
    return alternatives(pattern.pattern, pattern.flags) is not None


#: The gate of a ``requires``/``unless`` alternative that starts with ``^``: it is matched at the start of the
#: sentence (``^`` dropped; Python's ``^`` would only match at the start of the whole text), so its lookaheads can
#: read the whole sentence: ``^(?![\s\S]*\bIndia)`` holds in a sentence that does not name India. Never skipped
#: by a literal beginning: a literal inside a negative lookahead must not skip it.
ANCHORED = ("anchored",)


def _balanced(source: str) -> bool:
    """Whether ``source`` compiles on its own (its parentheses close within it)."""
    try:
        re.compile(source)
        return True
    except re.error:
        return False


def _one_by_one(gate: tuple[tuple[str, ...], bool], low: str, a: int, b: int) -> Iterator[int]:
    """The positions of ``low[a:b]`` where a literal beginning of ``gate`` occurs (at a word start, or at ``a``, when
    the gate says so), one ``str.find`` per beginning, beginning by beginning."""
    prefixes, word_start = gate
    for prefix in prefixes:
        pos = low.find(prefix, a, b)
        while pos >= 0:
            if not word_start or pos == a or not (low[pos - 1].isalnum() or low[pos - 1] == "_"):
                yield pos
            pos = low.find(prefix, pos + 1, b)


def possible(gate: tuple[tuple[str, ...], bool] | None, low: str, a: int, b: int) -> bool:
    """Whether a literal beginning of the gate occurs in ``low[a:b]`` (at a word start when the gate says so):
    :func:`_one_by_one` written out, as it is called for every sentence and pattern (through the generator the
    claim rules took 10% longer)."""
    if gate is None:
        return True
    prefixes, word_start = gate
    for prefix in prefixes:
        pos = low.find(prefix, a, b)
        while pos >= 0:
            if not word_start or pos == a or not (low[pos - 1].isalnum() or low[pos - 1] == "_"):
                return True
            pos = low.find(prefix, pos + 1, b)
    return False


#: Above this many literal beginnings, :func:`starts` finds them with one regex (a trie) instead of one
#: ``str.find`` per beginning.
FEW_PREFIXES = 6


@lru_cache(maxsize=1024)
def _finders(gate: tuple[tuple[str, ...], bool]) -> tuple[re.Pattern, re.Pattern]:
    """Regexes finding the literal beginnings of ``gate``: where a word starts when the gate says so (``\\w`` is
    exactly ``isalnum()`` or ``_``), and anywhere."""
    prefixes, word_start = gate
    anywhere = "(?=" + trie_pattern(list(prefixes)) + ")"
    return re.compile(("(?<!\\w)" if word_start else "") + anywhere), re.compile(anywhere)


def starts(gate: tuple[tuple[str, ...], bool], low: str, a: int, b: int) -> list[int]:
    """Every position of ``low[a:b]`` where a literal beginning of ``gate`` occurs (at a word start, or at ``a``,
    when the gate says so): the only positions where a match of the gated regex can start. Ascending when the
    gate has more than :data:`FEW_PREFIXES` beginnings (found with one regex), else by beginning."""
    prefixes, word_start = gate
    if len(prefixes) > FEW_PREFIXES:
        at_word, anywhere = _finders(gate)
        out = [m.start() for m in at_word.finditer(low, a, b)]
        if word_start and (not out or out[0] != a) and anywhere.match(low, a, b) is not None:
            out.insert(0, a)  # the sentence's start counts as a word start, whatever precedes it
        return out
    return list(_one_by_one(gate, low, a, b))


def _part_occurs(part: re.Pattern, gate, text: str, low: str, a: int, b: int) -> bool:
    """Whether the alternative ``part`` occurs in ``text[a:b]``: matched at ``a`` when it is anchored; searched
    whole when it has no gate; when its literal beginnings are many (a long alternation, slow to search), matched
    only where they are (:func:`starts`; ``part.match(text, p, b)`` sees the characters before ``p`` as a search
    does, so the answer is the search's); else searched when one of them is there (:func:`possible`)."""
    if gate is ANCHORED:
        return part.match(text, a, b) is not None
    if gate is not None and len(gate[0]) > FEW_PREFIXES:
        return any(part.match(text, p, b) is not None for p in starts(gate, low, a, b))
    return possible(gate, low, a, b) and part.search(text, a, b) is not None


def occurs(pattern: re.Pattern, text: str, low: str, a: int, b: int) -> bool:
    """Whether ``pattern`` occurs in ``text[a:b]`` (``low``: :func:`matching_low` of ``text``): ``pattern.search``'s
    answer, with an alternative that starts with ``^`` matched at ``a`` (the start of the sentence).

    ``any(_part_occurs(...) for each part)``, written out (property-tested): the frame coding asks it about 40 times
    per article, of five parts each, and a generator and a call per part cost more than most of the searches."""
    for part, gate in gated_parts(pattern):
        if gate is None:
            if part.search(text, a, b) is not None:
                return True
        elif gate is ANCHORED or len(gate[0]) > FEW_PREFIXES:
            if _part_occurs(part, gate, text, low, a, b):
                return True
        elif possible(gate, low, a, b) and part.search(text, a, b) is not None:
            return True
    return False


def search(pattern: re.Pattern, text: str, low: str) -> bool:
    """``pattern.search(text) is not None``, exactly (``low``: :func:`matching_low` of ``text``): the alternatives
    whose gate passes are searched; a pattern with an alternative that starts with ``^`` is searched whole."""
    parts = gated_parts(pattern)
    if any(gate is ANCHORED for _, gate in parts):
        return pattern.search(text) is not None
    n = len(text)
    # _part_occurs written out for the usual case (a few beginnings): a call per alternative and sentence costs more
    # than the search it saves on short sentences
    return any((possible(gate, low, 0, n) and part.search(text) is not None) if gate is None or len(gate[0]) <= FEW_PREFIXES
               else _part_occurs(part, gate, text, low, 0, n) for part, gate in parts)


def may_occur(pattern: re.Pattern, low: str, a: int, b: int) -> bool:
    """False only when ``pattern`` cannot occur in ``text[a:b]`` (``low``: :func:`matching_low` of ``text``): no
    alternative's literal beginnings are there. A cheap test before ``finditer``, which then decides."""
    return any(gate is ANCHORED or possible(gate, low, a, b) for _, gate in gated_parts(pattern))


def where_possible(pattern: re.Pattern, low: str, spans: list[tuple[int, int]],
                   memo: dict | None = None) -> set[int] | None:
    """The indices of ``spans`` (sorted, non-overlapping ``(a, b)`` of ``low``, a :func:`matching_low`) where
    :func:`may_occur` holds, found in one pass per literal beginning over the whole text instead of one test per
    span and beginning; None when it holds everywhere (an alternative without a gate, or anchored). Exactly
    ``{i for i, (a, b) in enumerate(spans) if may_occur(pattern, low, a, b)}`` (property-tested): an occurrence
    counts for the span it lies wholly in, at a word start (or at the span's start) when the gate says so.

    ``memo``: a dict of the caller's own for one ``low`` and ``spans``, so that a literal beginning several patterns
    share ("s-400", "air") is looked for once (the claim rules' 64 beginnings are 40 distinct ones)."""
    starts = [a for a, _ in spans]
    out: set[int] = set()
    for _, gate in gated_parts(pattern):
        if gate is None or gate is ANCHORED:
            return None
        prefixes, word_start = gate
        for prefix in prefixes:
            if memo is None:
                out |= _spans_with(prefix, word_start, low, spans, starts)
                continue
            found = memo.get((prefix, word_start))
            if found is None:
                found = memo[prefix, word_start] = _spans_with(prefix, word_start, low, spans, starts)
            out |= found
    return out


def _spans_with(prefix: str, word_start: bool, low: str, spans: list[tuple[int, int]], starts: list[int]) -> set[int]:
    """The indices of ``spans`` (``starts``: their starts) holding ``prefix`` wholly inside, at a word start (or at
    the span's start) when ``word_start``: one ``str.find`` pass, the rest of a span skipped once it is in."""
    out: set[int] = set()
    n = len(prefix)
    hi = spans[-1][1] if spans else 0
    pos = low.find(prefix, 0, hi)
    while pos >= 0:
        i = bisect.bisect_right(starts, pos) - 1
        nxt = pos + 1
        if i >= 0:
            a, b = spans[i]
            # possible()'s word-start test, written out here too: it runs for every occurrence
            if pos + n <= b and (not word_start or pos == a or not (low[pos - 1].isalnum() or low[pos - 1] == "_")):
                out.add(i)
                nxt = max(nxt, b)  # the span is in: skip its other occurrences
        pos = low.find(prefix, nxt, hi)
    return out


#: :func:`gate_of` of a whole pattern by ``id(pattern)``, each entry holding its pattern (as :data:`_PARTS`).
_WHOLE: dict[int, tuple[re.Pattern, tuple[tuple[str, ...], bool] | None]] = {}


def count(pattern: re.Pattern, text: str, low: str) -> int:
    """``len(pattern.findall(text))``, exactly (``low``: :func:`matching_low` of ``text``): every match starts at a
    literal beginning of the pattern's gate (:func:`gate_of`), so the pattern is matched only there, left to right,
    each try after the end of the last match, as ``findall`` scans; a pattern without a gate is counted by
    ``findall``. A case-insensitive regex scanning a whole article is slow; a few ``str.find`` are not."""
    entry = _WHOLE.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _WHOLE[id(pattern)] = (pattern, gate_of(pattern))
    gate = entry[1]
    if gate is None:
        return len(pattern.findall(text))
    # never empty matches: each begins with a literal of two characters or more
    return sum(1 for _ in matches_at(pattern, text, starts(gate, low, 0, len(text))))


def matches_at(pattern: re.Pattern, text: str, positions: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` when every match begins at one of ``positions`` (in any order, repeats allowed)
    and none is empty: the pattern is matched only there, left to right, each try after the end of the last
    match, as ``finditer`` scans."""
    after = 0
    for p in sorted(set(positions)):
        if p >= after:
            match = pattern.match(text, p)
            if match is not None:
                after = match.end()
                yield match


def joined(lows: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Several sentences' :func:`matching_low` as one text (joined by NUL) and each one's span in it, for
    :func:`where_possible` (which counts only occurrences that lie wholly inside a span)."""
    spans, at = [], 0
    for low in lows:
        spans.append((at, at + len(low)))
        at += len(low) + 1
    return "\x00".join(lows), spans
