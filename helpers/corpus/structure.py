"""Paragraphs and sentences with character offsets into the cleaned text.

In:  the kept lines of one cleaned article (:class:`helpers.corpus.clean.Cleaned`).
Out: the cleaned text (paragraphs separated by one blank line, final ``\\n``) and tidy rows:
     paragraphs ``file, paragraph_id, kind, start, end, text`` and
     sentences  ``file, sentence_id, paragraph_id, kind, start, end, text``
     where ``text == cleaned[start:end]``. ``kind`` is ``headline`` (the first line, when it reads as one),
     ``subhead`` (a short line with no final stop inside the body) or ``body``.

A paragraph is a line of the cleaned text. Lines that were hard-wrapped (a line with no closing punctuation
followed by one starting in lower case) are joined with a space first.

Sentence splitting is a single left-to-right scan (linear in the text, so a huge article with no line
breaks costs no more than its length) at ``. ! ? …`` plus any closing quotes or brackets, followed by
space and an upper-case letter, digit or opening quote. It does not split after the abbreviations of this
beat (Mr., Dr., Gen., No. 5, Jan. 6, U.S. officials), after single initials (S. Jaishankar, Amitabh P. Revi),
or before a lower-case word (ellipses inside a sentence: "... and").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col maj capt cmdr cdr adm sgt prof sr jr st rev hon sen rep gov pres amb
    vol fig est approx govt dept inc ltd co corp bros vs etc al mt ft rs nos no
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
#: Abbreviations that end a sentence unless a number follows ("No. 5", "Jan. 6").
NUMBER_ABBREVIATIONS = frozenset("no nos jan feb mar apr jun jul aug sep sept oct nov dec vol fig".split())
SENTENCE_STARTERS = frozenset(
    """the a an it he she we they this that these those but and in on at for however meanwhile
    i there his her its their our as while after before when if so yet""".split()
)
_CANDIDATE = re.compile(r"(?:\.{3}|[.!?…])+[\"”’')\]»›]*(?=\s+[\"“‘'(\[«„‹]*[A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"([\w.\-]+)\.$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[«„‹]*([\w\-]+)")
_SPACE_RUN = re.compile(r"\s*")
WORD = re.compile(r"[A-Za-z\u00c0-\u024f0-9]+(?:['’\-][A-Za-z\u00c0-\u024f0-9]+)*")
_END_PUNCT = ('.', '!', '?', '…', ':', ';', ',')
_CLOSERS = "”’\"')]»› "

PARAGRAPH_COLUMNS = ["file", "paragraph_id", "kind", "start", "end", "text"]
SENTENCE_COLUMNS = ["file", "sentence_id", "paragraph_id", "kind", "start", "end", "text"]


def lower_same_length(text: str) -> str:
    """``text`` in lower case, **same length**, so positions found in it point into ``text`` (a character whose
    lower case is longer, like "İ", stays as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def count_words(text: str) -> int:
    """Words as the project counts them everywhere: runs of letters/digits, with inner ' ’ or -."""
    return len(WORD.findall(text))


def words_from_spans(text: str, spans: list[tuple[int, int, str]], counted: int) -> int:
    """``count_words(text)``, given ``counted``: the words of ``spans`` (``(start, end, text[start:end])``, sorted by
    start) counted together. That is the answer when nothing but white space lies outside the spans and at least one
    white-space character between any two: a word cannot cross white space, so each word of ``text`` is a word of
    one span and each word of a span is a word of ``text`` (the sentences of :func:`structure` are such spans).
    Otherwise the text's words are counted afresh."""
    at = 0
    for start, end, piece in spans:
        gap = text[at:start]
        if start < at or (at and not gap) or (gap and not gap.isspace()) or text[start:end] != piece:
            return count_words(text)
        at = end
    tail = text[at:]
    return counted if not tail or tail.isspace() else count_words(text)


def has_words(text: str, n: int) -> bool:
    """``count_words(text) >= n``, reading no further than the ``n``-th word."""
    return n <= 0 or next(islice(WORD.finditer(text), n - 1, None), None) is not None


def words(text: str) -> list[str]:
    """The words of ``text`` (see :func:`count_words`)."""
    return WORD.findall(text)


def _ends_clause(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_END_PUNCT)


def join_wrapped(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line without closing punctuation followed by one starting in lower case."""
    out: list[str] = []
    for line in lines:
        if out and not _ends_clause(out[-1]) and line[:1].islower():
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in one paragraph; together they cover every non-space character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        mark = match.group().rstrip("\"”’')]")
        if mark.endswith(".") and not mark.endswith("..."):
            token_match = _TOKEN_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
            token = token_match.group(1).lstrip(".-").lower() if token_match else ""
            nxt = _NEXT_WORD.match(text, end)
            next_word = nxt.group(1) if nxt else ""
            if len(token) == 1 and token.isalpha() and text[match.start() - 1].isupper():
                continue  # an initial: S. Jaishankar
            if token in ABBREVIATIONS and (token not in NUMBER_ABBREVIATIONS or next_word[:1].isdigit()):
                continue
            if "." in token and next_word.lower() not in SENTENCE_STARTERS:
                continue  # U.S. officials, T.C.A. Raghavan
        spans.append((start, end))
        start = _SPACE_RUN.match(text, end).end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# (the ending first: most paragraphs end a sentence, and then their words need no counting)
def _is_headline(line: str) -> bool:
    return not line.rstrip(_CLOSERS).endswith((".", "!", "?", "…")) and count_words(line) <= 25


def _is_subhead(line: str) -> bool:
    return not line.rstrip(_CLOSERS).endswith((".", "!", "?", "…", ":", ",")) and count_words(line) <= 12


@dataclass
class Structured:
    text: str
    paragraphs: list[dict]
    sentences: list[dict]


def structure(lines: list[str], file: str = "") -> Structured:
    """Build the cleaned text and its paragraph and sentence rows from kept lines."""
    paragraphs = join_wrapped(lines)
    text_parts: list[str] = []
    para_rows: list[dict] = []
    sent_rows: list[dict] = []
    offset = 0
    for pid, para in enumerate(paragraphs):
        if pid == 0 and len(paragraphs) > 1 and _is_headline(para):
            kind = "headline"
        elif pid > 0 and _is_subhead(para):
            kind = "subhead"
        else:
            kind = "body"
        para_rows.append({"file": file, "paragraph_id": pid, "kind": kind, "start": offset,
                          "end": offset + len(para), "text": para})
        spans = [(0, len(para))] if kind != "body" else split_sentences(para)
        for s, e in spans:
            sent_rows.append({"file": file, "sentence_id": len(sent_rows), "paragraph_id": pid, "kind": kind,
                              "start": offset + s, "end": offset + e, "text": para[s:e]})
        text_parts.append(para)
        offset += len(para) + 2
    text = "\n\n".join(text_parts) + ("\n" if text_parts else "")
    return Structured(text=text, paragraphs=para_rows, sentences=sent_rows)
