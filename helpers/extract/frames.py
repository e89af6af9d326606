"""Frame coding of sentences with a dictionary researchers can read and change.

The dictionary
--------------
``helpers/data/frames.csv`` has one row per *term* (a cue that signals a frame); the rows of one frame form a
block, and the first row of the block names the frame:

* ``frame``       - frame id (``us_pressure``, ``deal_delivery``, ...); required on every row.
* ``label``       - the frame's name in tables and figures; required on the first row of a frame, may be left
                    empty on its later rows (if given there it must be the same).
* ``dimension``   - the Policy Frames Codebook dimension (Boydstun et al.) the frame maps to, one of
                    :data:`DIMENSIONS`; first row of the frame, like ``label``.
* ``description`` - what the frame means, in a sentence; first row of the frame, like ``label``.
* ``pattern``     - a regular expression for the term, matched case-insensitively and only as whole words
                    (it is wrapped in ``\b(?:...)\b``). ``(?-i:US)`` makes a part case-sensitive.
* ``requires``    - optional regex: the term counts only if this also occurs somewhere in the same sentence
                    ("pressure" only when the US or sanctions are named). Searched case-insensitively as written
                    (no automatic word boundaries: write ``\b`` where needed). Several regexes joined by
                    ``&&`` must *all* occur (each anywhere in the sentence): ``partnership`` needs a Russian
                    cue ``&&`` an Indian cue.
* ``unless``      - optional regex: the term does not count if this occurs anywhere in the same sentence
                    ("sanctions" in "Western sanctions on Moscow" is the Ukraine war, not US pressure).
                    In ``requires`` and ``unless``, a top-level alternative that starts with ``^`` is matched
                    at the start of the sentence, so lookaheads can read all of it: the ``deal_delivery`` terms
                    do not count in a sentence where China or Turkey buys, receives or operates the system
                    and India is not named (``^(?![\\s\\S]*\\bIndia)…``).
* ``negatable``   - ``yes`` or ``no``. With ``yes`` a negated cue does not count: a negator of
                    ``helpers/data/frame_negators.csv`` among the :data:`NEGATION_WINDOW` words before the cue,
                    in the same clause (no ``, ; : ( ) — –`` and no *but/however/while/although/though/whereas*
                    between them): "these relations do not pursue the goal of establishing a military
                    alliance", "aren't aimed at a military alliance". Topic names (China, Ukraine, CAATSA,
                    delivery) are ``no``: "no delays in delivery" still speaks of the delivery.
* ``note``        - free text for the reader.

Every error in the CSV (unknown or missing column, empty frame or pattern, unknown dimension, missing or
conflicting label, bad regex, bad ``negatable``) is reported at once in one :class:`KnowledgeFileError`
naming the file, line and frame of each bad row.

Coding
------
Only body sentences of the analysed English articles are coded. A sentence carries a frame when at least one
of the frame's terms matches with status ``coded`` (its ``requires`` is met, its ``unless`` is absent and it
is not negated); a sentence can carry several frames. For speed, each ``requires``/``unless`` regex is searched once per sentence, split
into its top-level alternatives, and an alternative whose literal beginnings do not occur in the sentence
(``str.find``, :mod:`helpers.extract.prefilter`) is not searched at all; this never changes the result (a property test checks it). The voice of a match is ``quoted`` when it lies inside a
``speech`` quotation of the article (then it takes that quote's speaker and side), else ``journalist``.

In:  one article's text, body sentences and speech quotations (or one sentence for :func:`code_text`).
Out: :func:`article_matches` - one row per term match, coded or not (``status``), with its voice
     (:func:`helpers.annotate.annotations` runs it over a corpus: ``matches``);
     :func:`helpers.analysis.framing.code_sentences` turns the matches into one row per (sentence, frame);
     :func:`helpers.annotate.validity.evaluate_frames` scores :func:`code_text` against hand-labelled sentences.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import re._parser as _sp
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.config import DATA
from helpers.corpus.structure import words
from helpers.extract.mentions import fold_for_matching, folded_text
from helpers.extract.prefilter import PREFIX_CHARS, anchors_compile, literal_prefixes, matching_low, occurs
from helpers.extract.trie import at_word_starts, literal_finder
from helpers.knowledge import KnowledgeFileError, read_rows

FRAMES_FILE = DATA / "frames.csv"
NEGATORS_FILE = DATA / "frame_negators.csv"
CONTEXT_FILE = DATA / "frame_context.csv"
FRAME_COLUMNS = ("frame", "label", "dimension", "description", "pattern", "requires", "unless", "negatable", "note")
#: The 15 dimensions of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik and Smith 2014).
DIMENSIONS = (
    "Economic", "Capacity and resources", "Morality", "Fairness and equality",
    "Constitutionality and jurisprudence", "Policy prescription and evaluation", "Law and order, crime and justice",
    "Security and defense", "Health and safety", "Quality of life", "Cultural identity", "Public opinion",
    "Political", "External regulation and reputation", "Other",
)
#: How many words before a cue are searched for a negator (same clause only).
NEGATION_WINDOW = 8
#: Everything in front of a cue up to this many characters is read for negation (bounds the work per match).
_LOOKBACK_CHARS = 200
_MARKS = " \t\n\"'“”‘’«»„‹›"
_OPENING = r"[\s\"'“”‘’«»„‹›]*"  # quotation marks and spaces before a sentence's first word
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]|\s-\s|\b(?:but|however|while|although|though|whereas)\b", re.I)

#: Columns of :func:`helpers.analysis.framing.code_sentences` and of the exported ``frames.csv``.
CODED_COLUMNS = ["file", "sentence_id", "frame", "term", "voice", "speaker", "side", "negated", "context", "coder"]
MATCH_COLUMNS = ["file", "sentence_id", "frame", "term", "start", "end", "status", "voice", "speaker", "side", "quote_id"]
#: A dictionary match the second coder vetoes (:mod:`helpers.extract.frame_model`, ``VETO``) takes the status here
#: for its own: it carries nothing, and undoing the veto (the dictionary alone) gives the status back.
VETOED = {"coded": "vetoed", "negated": "vetoed_negated", "context": "vetoed_context"}
#: Status of a match: it codes the sentence (``coded``; ``negated``: only by a denial, which still invokes the frame;
#: ``context``: carried from the previous sentence, see :func:`carry_context`; ``classified``: predicted by the
#: second coder, :mod:`helpers.extract.frame_model`), or why it does not (``excluded``, ``no_context``; the
#: statuses of :data:`VETOED`; ``plausible``: a frame the second coder finds plausible but does not predict, listed
#: so that its vetoes can be recomputed).
STATUSES = ("coded", "negated", "context", "classified", "excluded", "no_context", *VETOED.values(), "plausible")
#: The statuses that make a sentence carry a frame (codebook rules A and B, and the second coder).
CARRIES = ("coded", "negated", "context", "classified")


@dataclass(frozen=True, eq=False)  # identity hash: the compiled dictionary keys caches
class Term:
    """One row of the dictionary: a cue of ``frame`` (``line`` is its CSV line, for messages)."""
    frame: str
    line: int
    pattern: re.Pattern
    requires: tuple[re.Pattern, ...]
    unless: re.Pattern | None
    negatable: bool


@dataclass(frozen=True, eq=False)
class Frame:
    """A frame and its terms, in CSV order."""
    frame: str
    label: str
    dimension: str
    description: str
    terms: tuple[Term, ...]



def _compile(value: str, where: str, column: str, errors: list[str], wrap: bool) -> re.Pattern | None:
    try:
        return re.compile(rf"\b(?:{value})\b" if wrap else value, re.I)
    except re.error as err:
        errors.append(f"{where}: bad {column} pattern: {err}")
        return None


#: Separates the regexes of a ``requires`` value that must all occur in the sentence.
REQUIRES_SEPARATOR = "&&"


def _split_requires(value: str, where: str, errors: list[str]) -> list[str]:
    """The parts of a ``requires`` value (``a && b``: both must occur); an empty part is an error."""
    if not value:
        return []
    parts = [p.strip() for p in value.split(REQUIRES_SEPARATOR)]
    if any(not p for p in parts):
        errors.append(f"{where}: empty part in requires (write 'regex && regex')")
        return []
    return parts


@lru_cache(maxsize=8)
def load_negators(path: Path = NEGATORS_FILE) -> re.Pattern:
    """The negators (``negator, note``; each a regex for one whole word) as one compiled pattern matched
    against single words. Raises :class:`KnowledgeFileError` naming every bad row."""
    errors: list[str] = []
    parts: list[str] = []
    for number, row in read_rows(path, ("negator",), problems=errors):
        value = row["negator"]
        if not value:
            errors.append(f"{path.name} line {number}: empty negator")
        elif _compile(value, f"{path.name} line {number}", "negator", errors, wrap=False) is not None:
            parts.append(value)
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return re.compile("(?:" + "|".join(parts or ["(?!)"]) + r")\Z", re.I)


@lru_cache(maxsize=8)
def load_frames(path: Path = FRAMES_FILE) -> tuple[Frame, ...]:
    """Read and compile the frame dictionary (see the module docstring), reporting every bad row at once."""
    errors: list[str] = []
    meta: dict[str, dict] = {}
    terms: dict[str, list[Term]] = {}
    for number, row in read_rows(path, FRAME_COLUMNS, exact=True, problems=errors):
        name = row["frame"]
        where = f"{path.name} line {number}" + (f" ({name})" if name else "")
        if not name:
            errors.append(f"{where}: empty frame")
            continue
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            errors.append(f"{where}: frame id must be lower case letters, digits and _")
        given = {k: row[k] for k in ("label", "dimension", "description") if row[k]}
        if name not in meta:
            for key in ("label", "dimension", "description"):
                if key not in given:
                    errors.append(f"{where}: the first row of a frame needs a {key}")
            meta[name] = given
            terms[name] = []
        else:
            for key, value in given.items():
                if meta[name].get(key, value) != value:
                    errors.append(f"{where}: {key} '{value}' differs from the frame's first row ('{meta[name][key]}')")
        if "dimension" in given and given["dimension"] not in DIMENSIONS:
            errors.append(f"{where}: unknown dimension '{given['dimension']}' (one of: {'; '.join(DIMENSIONS)})")
        if not row["pattern"]:
            errors.append(f"{where}: empty pattern")
            continue
        negatable = row["negatable"].lower()
        if negatable not in ("yes", "no"):
            errors.append(f"{where}: negatable must be yes or no, not '{row['negatable']}'")
        pattern = _compile(row["pattern"], where, "pattern", errors, wrap=True)
        requires = tuple(_compile(part, where, "requires", errors, wrap=False)
                         for part in _split_requires(row["requires"], where, errors))
        unless = _compile(row["unless"], where, "unless", errors, wrap=False) if row["unless"] else None
        for column, compiled in [*(("requires", r) for r in requires), ("unless", unless)]:
            if compiled is not None and not anchors_compile(compiled):
                errors.append(f"{where}: an alternative of {column} that starts with ^ must be a whole regex on its "
                              "own (its own parentheses closed), to be matched at each sentence's start")
        if pattern is not None and pattern.search("") is not None:
            errors.append(f"{where}: pattern matches the empty string")
            continue
        if pattern is not None and None not in requires:
            terms[name].append(Term(name, number, pattern, requires, unless, negatable == "yes"))
    if errors:
        raise KnowledgeFileError(f"{len(errors)} problem(s) in the frame dictionary: " + "; ".join(errors))
    return tuple(Frame(name, meta[name]["label"], meta[name]["dimension"], meta[name]["description"], tuple(terms[name]))
                 for name in meta)


def frame_ids() -> list[str]:
    """The frame ids in dictionary order."""
    return [f.frame for f in load_frames()]


def labels() -> dict[str, str]:
    """Frame id -> label."""
    return {f.frame: f.label for f in load_frames()}


def dictionary() -> pd.DataFrame:
    """The frame dictionary as a table, one row per frame: frame, label, dimension, description, terms (count)."""
    return pd.DataFrame([{"frame": f.frame, "label": f.label, "dimension": f.dimension, "description": f.description,
                          "terms": len(f.terms)} for f in load_frames()],
                        columns=["frame", "label", "dimension", "description", "terms"])


# --------------------------------------------------------------------------------------------- matching
def _negated(text: str, a: int, start: int) -> bool:
    """A negator among the :data:`NEGATION_WINDOW` words before ``start`` in the same clause (sentence starts at ``a``)."""
    left = max(a, start - _LOOKBACK_CHARS)
    segment = text[left:start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(segment)]
    if breaks:
        segment = segment[breaks[-1]:]
    negator = load_negators()
    return any(negator.match(w) for w in words(segment)[-NEGATION_WINDOW:])



@lru_cache(maxsize=8)
def _index(frames: tuple[Frame, ...]) -> tuple[dict[str, list[int]], tuple[int, ...], tuple[int, ...]]:
    """Where terms can start: lower-case literal prefix -> term numbers, the prefix lengths, and the terms
    with no usable prefix (scanned with their own regex)."""
    terms = [t for f in frames for t in f.terms]
    wanted: dict[int, set[str]] = {}
    unindexed = []
    for number, term in enumerate(terms):
        prefixes = {p.lower()[:PREFIX_CHARS] for p, _ in literal_prefixes(list(_sp.parse(term.pattern.pattern, term.pattern.flags)))}
        if not prefixes or min(len(p) for p in prefixes) < 2 or any(not p[0].isalnum() for p in prefixes):
            unindexed.append(number)
        else:
            wanted[number] = prefixes
    # keep only the shortest prefixes: a term found by "deliver" needs no search for "delivery"
    every = sorted({p for ps in wanted.values() for p in ps}, key=lambda p: (len(p), p))
    minimal: list[str] = []
    for p in every:
        if not any(p.startswith(q) for q in minimal):
            minimal.append(p)
    index: dict[str, set[int]] = {}
    for number, prefixes in wanted.items():
        for p in prefixes:
            index.setdefault(next(q for q in minimal if p.startswith(q)), set()).add(number)
    return ({k: sorted(v) for k, v in index.items()}, tuple(sorted({len(k) for k in index})), tuple(unindexed))


@lru_cache(maxsize=8)
def _prefix_finder(frames: tuple[Frame, ...]):
    """The prefixes of the index (:func:`_index`) as one automaton (:func:`helpers.extract.trie.literal_finder`)."""
    return literal_finder(_index(frames)[0])


def _candidates(text: str, terms: list[Term], low: str | None = None,
                frames: tuple[Frame, ...] | None = None) -> list[tuple[int, re.Match]]:
    """Every (term number, match) in ``text``, in text order: the index's literal prefixes are found at word
    starts in one pass (:func:`_prefix_finder`), then each candidate term's regex is tried there; terms
    without a prefix are scanned in full. ``low`` is ``lower_same_length(text)`` when the caller has it;
    ``frames`` (default: the dictionary) are the frames whose ``terms`` (in their order) are looked for."""
    frames = load_frames() if frames is None else frames
    index, _, unindexed = _index(frames)
    low = matching_low(text) if low is None else low
    found = []
    # the index's prefixes are minimal (none starts another), so at most one is found at a position
    for pos, prefix in at_word_starts(_prefix_finder(frames), low) if index else ():
        for number in index[prefix]:
            match = terms[number].pattern.match(text, pos)
            if match is not None:
                found.append((number, match))
    for number in unindexed:
        found.extend((number, m) for m in terms[number].pattern.finditer(text))
    return found


def _found(cache: dict, pattern: re.Pattern, text: str, low: str, i: int, a: int, b: int) -> bool:
    """Whether ``pattern`` occurs in sentence ``i`` (``text[a:b]``), computed once per sentence (``cache`` is
    keyed by ``(id(pattern), i)``, cheaper to hash than the pattern; it lives no longer than one scan)."""
    key = (id(pattern), i)
    found = cache.get(key)
    if found is None:
        found = cache[key] = occurs(pattern, text, low, a, b)
    return found


def _scan_terms(text: str, spans: list[tuple[int, int]], frames: tuple[Frame, ...],
                negation: bool = True, low: str | None = None) -> list[tuple[Term, int, int, int, str]]:
    """Every match of the terms of ``frames`` in the sentences ``spans`` (sorted, non-overlapping) of ``text``:
    (term, span index, start, end, status), in text order. A term's matches depend only on the text and the term
    itself (its pattern, ``requires``, ``unless`` and ``negatable``: :func:`term_key`), never on the other terms.
    ``negation=False`` ignores negators (for comparison only). Linear in the text: each term's ``requires`` and
    ``unless`` are searched at most once per sentence, and negation reads a bounded window. ``low``:
    :func:`helpers.extract.prefilter.matching_low` of ``text`` when the caller has it."""
    terms = [t for f in frames for t in f.terms]
    starts = [a for a, _ in spans]
    context: dict[tuple[int, int], str] = {}  # (term, sentence) -> "" (nothing blocks the term) or the blocking status
    searched: dict[tuple[int, int], bool] = {}  # (id of a requires/unless regex, sentence) -> found
    out = []
    low = matching_low(text) if low is None else low
    for number, match in _candidates(text, terms, low, frames):
        term = terms[number]
        i = bisect.bisect_right(starts, match.start()) - 1
        if i < 0 or match.end() > spans[i][1] or match.end() == match.start():
            continue
        a, b = spans[i]
        if (number, i) not in context:
            if term.requires and not all(_found(searched, r, text, low, i, a, b) for r in term.requires):
                context[number, i] = "no_context"
            elif term.unless is not None and _found(searched, term.unless, text, low, i, a, b):
                context[number, i] = "excluded"
            else:
                context[number, i] = ""
        blocked = context[number, i]
        negated = negation and term.negatable and not blocked and _negated(text, a, match.start())
        out.append((term, i, match.start(), match.end(), blocked or ("negated" if negated else "coded")))
    return out


def _ordered(frames: tuple[Frame, ...], found: list[tuple[Term, int, int, int, str]]) -> list[tuple[int, int, int, str, int, int, str]]:
    """Matches ``(term, span index, start, end, status)`` as :func:`_scan` rows, in its order."""
    order = {f.frame: i for i, f in enumerate(frames)}
    out = [(i, start, end, term.frame, order[term.frame], term.line, status) for term, i, start, end, status in found]
    out.sort(key=lambda r: (r[0], r[4], r[1], r[5]))
    return out


def _scan(text: str, spans: list[tuple[int, int]], negation: bool = True) -> list[tuple[int, int, int, str, int, int, str]]:
    """Every term match of the dictionary in the sentences ``spans`` (sorted, non-overlapping) of ``text``: (span
    index, start, end, frame, frame order, term line, status), ordered by sentence, frame order and position
    (:func:`_scan_terms`)."""
    frames = load_frames()
    return _ordered(frames, _scan_terms(text, spans, frames, negation))


def term_key(term: Term) -> str:
    """What a term's matches depend on besides the text (:func:`_scan_terms`): its pattern, context rules and
    negatability, hashed; not its frame or its line, so moving or relabelling a row keeps its matches."""
    rules = [(p.pattern, p.flags) for p in (term.pattern, *term.requires)]
    unless = (term.unless.pattern, term.unless.flags) if term.unless is not None else None
    return hashlib.sha256(repr((rules, unless, term.negatable)).encode("utf-8")).hexdigest()[:20]


@lru_cache(maxsize=8)
def _term_keys(frames: tuple[Frame, ...]) -> tuple[dict[Term, str], dict[str, Term]]:
    """Each term's :func:`term_key` (terms hash by identity: cheap), and each key's first term in dictionary order."""
    of = {term: term_key(term) for f in frames for term in f.terms}
    first: dict[str, Term] = {}
    for term, key in of.items():
        first.setdefault(key, term)
    return of, first


@lru_cache(maxsize=8)
def _digest(frames: tuple[Frame, ...]) -> str:
    key_of = _term_keys(frames)[0]
    return hashlib.sha256(repr([(f.frame, [key_of[t] for t in f.terms]) for f in frames]).encode("utf-8")).hexdigest()


def dictionary_digest() -> str:
    """What an article's frame coding depends on in ``frames.csv``: the frame ids in order and each frame's terms
    (:func:`term_key`) in order, hashed. Labels, dimensions, descriptions and notes are left out: they change no
    match, so editing them keeps every cached annotation (the tables and figures that show them are recomputed)."""
    return _digest(load_frames())


@lru_cache(maxsize=64)
def _only(frames: tuple[Frame, ...], keys: frozenset[str]) -> tuple[Frame, ...]:
    """``frames`` with only the first term of each key in ``keys`` (:func:`_term_keys`; the same objects for the
    same keys, so the prefix index of :func:`_candidates` is built once per set)."""
    first = _term_keys(frames)[1]
    wanted = {id(first[k]) for k in keys}
    return tuple(Frame(f.frame, f.label, f.dimension, f.description, tuple(t for t in f.terms if id(t) in wanted))
                 for f in frames)


def term_hits(text: str, spans: list[tuple[int, int]], known: dict[str, list[tuple]] | None = None) -> dict[str, list[tuple]]:
    """The matches of every term of the dictionary in the sentences ``spans`` of ``text`` (matched folded,
    :func:`helpers.extract.mentions.fold_for_matching`, which keeps offsets), by :func:`term_key`: ``{key: [(span
    index, start, end, status), ...]}``. The terms whose key is in ``known`` (an earlier result for the same text and sentences) are
    not scanned again: after a dictionary edit only the new and changed terms are (a term's matches do not depend
    on the other terms). Keys of ``known`` that are no longer in the dictionary are dropped."""
    first = _term_keys(load_frames())[1]
    known = known or {}
    hits = {key: list(known[key]) for key in first if key in known}
    missing = frozenset(first) - set(hits)
    if missing:
        hits.update(hits_of(text, spans, missing))
    return hits


def hits_of(text: str, spans: list[tuple[int, int]], keys: frozenset[str]) -> dict[str, list[tuple]]:
    """:func:`term_hits` for the terms whose :func:`term_key` is in ``keys`` only (keys of the current dictionary):
    ``{key: [(span index, start, end, status), ...]}``, every key present."""
    frames = load_frames()
    of = _term_keys(frames)[0]
    hits: dict[str, list[tuple]] = {key: [] for key in keys}
    folded, low = folded_text(text)
    for term, i, start, end, status in _scan_terms(folded, spans, _only(frames, keys), low=low):
        hits[of[term]].append((i, start, end, status))
    return hits


def layout_digest(hits: dict[str, list[tuple]]) -> str:
    """What an article's frame coding reads of the dictionary besides its terms' matches ``hits``
    (:func:`term_hits`): the frame order and, in dictionary order, each term that matches in the article with its
    frame. Equal layouts and equal matches give equal rows (:func:`article_matches`), so after an edit that
    touches no term found in an article its coding can be kept."""
    frames = load_frames()
    of = _term_keys(frames)[0]
    layout = ([f.frame for f in frames], [(of[t], t.frame) for f in frames for t in f.terms if hits.get(of[t])])
    return hashlib.sha256(repr(layout).encode("utf-8")).hexdigest()


def _from_hits(hits: dict[str, list[tuple]]) -> list[tuple[int, int, int, str, int, int, str]]:
    """:func:`_scan` rows from :func:`term_hits` (every term of the dictionary, duplicates included)."""
    frames = load_frames()
    of = _term_keys(frames)[0]
    return _ordered(frames, [(term, *hit) for f in frames for term in f.terms for hit in hits[of[term]]])


def code_text(sentence: str, negation: bool = True) -> list[tuple[str, str]]:
    """The frames one sentence carries on its own (no previous sentence), in dictionary order, each with its first
    term as written: ``[("us_pressure", "CAATSA"), ...]``. A denied frame is carried (codebook rule A); with the
    default ``negation=True`` it is carried only when no other term of the frame codes it, so its term is the
    denied one. Voice-independent: used for gold sentences outside any corpus."""
    found: dict[str, str] = {}
    denied: dict[str, str] = {}
    for _, start, end, frame, _, _, status in _scan(fold_for_matching(sentence), [(0, len(sentence))], negation):
        if status == "coded" and frame not in found:
            found[frame] = sentence[start:end]
        elif status == "negated" and frame not in denied:
            denied[frame] = sentence[start:end]
    order = {f.frame: i for i, f in enumerate(load_frames())}
    return sorted({**denied, **found}.items(), key=lambda item: order[item[0]])


@lru_cache(maxsize=8)
def load_context(path: Path = CONTEXT_FILE) -> tuple[tuple[re.Pattern, frozenset[str]], ...]:
    """The openers that point back (``frame_context.csv``: ``pattern, frames, note``): each ``pattern`` a regex for
    the words a sentence opens with (case-sensitive, whole words, after any opening quotation mark), ``frames``
    the ``|``-separated frame ids such a sentence may carry from the one before. The first row that matches
    decides. Raises :class:`KnowledgeFileError` naming every bad row."""
    errors: list[str] = []
    out = []
    known = {f.frame for f in load_frames()}
    for number, row in read_rows(path, ("pattern", "frames"), problems=errors):
        where = f"{path.name} line {number}"
        wanted = frozenset(f.strip() for f in row["frames"].split("|") if f.strip())
        unknown = sorted(wanted - known)
        if not row["pattern"] or not wanted or unknown:
            errors.append(f"{where}: " + ("empty pattern" if not row["pattern"] else
                                          f"unknown frame id(s) {', '.join(unknown)}" if unknown else "no frames"))
            continue
        compiled = _compile(row["pattern"], where, "pattern", errors, wrap=False)
        if compiled is not None:
            out.append((re.compile(_OPENING + "(?:" + row["pattern"] + r")\b(?![-'’])"), wanted))
    if errors:
        raise KnowledgeFileError("; ".join(errors))
    return tuple(out)


def carry_context(sentences: list[tuple[int, int, int]], text: str, carried: dict[int, dict[str, tuple]]) -> list[tuple]:
    """Codebook rule B: a sentence whose subject only points back (it opens with a pattern of
    ``frame_context.csv``: "It", "This issue", "The measure") carries those frames of the sentence before that the
    opener's row allows and the sentence does not carry itself, with status ``context``. The sentence before
    counts its own carried frames, including frames carried by context, so a chain of such sentences keeps its
    antecedent. The first sentence (the headline) has no sentence before.

    In:  the article's sentences ``(start, end, sentence_id)`` in text order, its text and, per sentence id, the
    frames it carries as ``{frame: (voice, speaker, side, quote_id)}`` of a carrying match (updated in place).
    Out: ``(sentence_id, frame, opener, start, end, voice, speaker, side, quote_id)`` per carried frame."""
    openers = load_context()
    rows = []
    for (_, _, before), (a, b, sid) in zip(sentences, sentences[1:]):
        if not carried.get(before):
            continue
        for pattern, allowed in openers:
            found = pattern.match(text, a, b)
            if found:
                break
        else:
            continue
        own = carried.setdefault(sid, {})
        for frame, who in carried[before].items():
            if frame in allowed and frame not in own:
                own[frame] = who
                word = found.group().lstrip(_MARKS)
                rows.append((sid, frame, word, found.end() - len(word), found.end(), *who))
    return rows


def article_matches(file: str, text: str, sentences: list[tuple[int, int, int]], speech: list[tuple],
                    predicted: list[list[str]] | None = None, hits: dict[str, list[tuple]] | None = None,
                    plausible: list[list[str]] | None = None, judged: frozenset[str] | None = None) -> list[tuple]:
    """Every dictionary match of one article (a pure function of plain data, for worker processes), the frames
    sentences carry from the sentence before (:func:`carry_context`, status ``context``) and, with ``predicted``,
    the second coder's frames (status ``classified``, empty term and span at the sentence's middle, whose voice
    it takes). With ``plausible``, the second coder's other plausible frames are listed (status ``plausible``) and
    a coded, denied or carried match of a frame not plausible in its sentence is vetoed (:data:`VETOED`), unless the
    frame is not among ``judged`` (the frames the classifier knows, :func:`helpers.extract.frame_model.known_frames`;
    default: every frame).

    In:  the cleaned ``text``, its sentences (headline, subheads and body: the codebook codes them alike) as
    ``(start, end, sentence_id)`` sorted by start, its speech quotes as ``(start, end, speaker, side,
    quote_id)`` sorted by start, and optionally the frames predicted for each sentence and those found plausible
    (:func:`helpers.extract.frame_model.classify`) and the terms' matches (:func:`term_hits`, computed when not
    given).  Out: rows in :data:`MATCH_COLUMNS` order, by sentence."""
    spans = [(a, b) for a, b, _ in sentences]
    ids = [i for _, _, i in sentences]
    q_starts = [q[0] for q in speech]

    def voice(start: int) -> tuple:
        k = bisect.bisect_right(q_starts, start) - 1
        quote = speech[k] if k >= 0 and speech[k][0] <= start < speech[k][1] else None
        return ("quoted", quote[2], quote[3], int(quote[4])) if quote else ("journalist", "", "", -1)

    rows = []
    carried: dict[int, dict[str, tuple]] = {}
    for i, start, end, frame, _, _, status in _from_hits(term_hits(text, spans) if hits is None else hits):
        who = voice(start)
        rows.append((file, ids[i], frame, text[start:end], start, end, status, *who))
        if status in CARRIES:
            carried.setdefault(ids[i], {}).setdefault(frame, who)
    rows += [(file, sid, frame, opener, a, b, "context", *who)
             for sid, frame, opener, a, b, *who in carry_context(sentences, text, carried)]
    order = {frame: n for n, frame in enumerate(frame_ids())}
    def in_order(frames) -> list[str]:
        return sorted(frames, key=lambda f: (order.get(f, len(order)), f))  # dictionary order

    for (a, b, sid), frames in zip(sentences, predicted or []):
        middle = (a + b) // 2
        rows += [(file, sid, frame, "", middle, middle, "classified", *voice(middle)) for frame in in_order(frames)]
    if plausible is not None:
        for (a, b, sid), frames, added in zip(sentences, plausible, predicted or [[]] * len(sentences)):
            middle = (a + b) // 2
            rows += [(file, sid, frame, "", middle, middle, "plausible", *voice(middle))
                     for frame in in_order(set(frames) - set(added))]
    position = {sid: n for n, sid in enumerate(ids)}
    late = {"context": 1, "classified": 2, "plausible": 3}
    rows.sort(key=lambda r: (position[r[1]], late.get(r[6], 0)))  # stable: the scan's order within a sentence
    if plausible is not None:
        kept = {sid: set(frames) for (_, _, sid), frames in zip(sentences, plausible)}
        rows = [(*r[:6], VETOED[r[6]], *r[7:])
                if r[6] in VETOED and r[2] not in kept[r[1]] and (judged is None or r[2] in judged) else r for r in rows]
    return rows


def matches_frame(rows: list[tuple]) -> pd.DataFrame:
    """Match rows (from :func:`article_matches`) as a typed DataFrame."""
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.astype({"sentence_id": int, "start": int, "end": int, "quote_id": int})
