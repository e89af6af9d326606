"""Finding quotation spans: the quotation marks of one article's text, as the web writes them.

In:  cleaned text.  Out: :func:`scan_quotes` - ``(start, end, flags)`` of every outermost quotation (see the
mark rules in :mod:`helpers.extract.quotes`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------- marks
#: A quotation mark: one character, or two straight apostrophes standing for a double mark (''…'', as agency copy
#: and scraped pages write it; between two letters, India''s, they are an apostrophe).
_MARK = re.compile(r"''|[\"“”‘’«»„]")
_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_OPEN_BEFORE = set(" \t([{—–-/\"“")  # a character after which a mark can open
PARA = re.compile(r"[^\n]+")


@dataclass
class Raw:
    open: int            # index of the opening mark
    start: int           # first quoted character
    end: int             # after the last quoted character
    close: int           # index after the closing mark (== end when unclosed)
    flags: list[str] = field(default_factory=list)


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _scan_paragraph(text: str, a: int, b: int, out: list[Raw]) -> None:
    """Find the outermost quotations of the paragraph ``text[a:b]`` (one left-to-right pass)."""
    dbl = sgl = -1
    width = 1  # of the open double mark: 2 for ''
    for m in _MARK.finditer(text, a, b):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > a else " "
        nxt = text[m.end()] if m.end() < b else " "
        if ch == "''":
            if _is_letter(prev) and _is_letter(nxt):
                continue  # India''s: an apostrophe written twice
            if dbl >= 0:
                if not prev.isspace():
                    _emit(text, dbl, i, out, width=width, close_width=2)
                    dbl = -1
                continue
            if sgl < 0 and (i == a or prev in _OPEN_BEFORE) and not nxt.isspace():
                dbl, width = i, 2
            continue
        if dbl >= 0:
            if ch in _DOUBLE_CLOSE or (ch == '"' and (text[dbl] == '"' or not nxt.isalnum() or not prev.isspace())):
                _emit(text, dbl, i, out, width=width)
                dbl = -1
            elif ch in _DOUBLE_OPEN or (ch == '"' and prev.isspace()):
                _emit(text, dbl, _rstrip(text, dbl + width, i), out, "unbalanced", width=width)  # a new quote opens: the old one never closed
                dbl, width = i, 1
            continue
        if sgl >= 0:
            if ch in _DOUBLE_OPEN or (ch == '"' and (prev in _OPEN_BEFORE or i == a)):
                sgl, dbl = -1, i  # the ‘ was not a quotation mark
            elif ch == "’" and not (_is_letter(prev) and _is_letter(nxt)) and not _is_letter(nxt) and not prev.isspace():
                _emit(text, sgl, i, out)
                sgl = -1
            continue
        opens_here = i == a or prev in _OPEN_BEFORE
        if (ch in _DOUBLE_OPEN or ch == '"') and opens_here and not nxt.isspace() or ch in "«„":
            dbl, width = i, 1
        elif ch == "“":
            dbl, width = i, 1  # curly opening mark glued to a word (scrape damage): still an opening
        elif ch == '"' and prev in ".!?:" and (nxt.isupper() or nxt.isdigit()):
            dbl, width = i, 1  # a straight mark glued to the previous sentence (equipment."The ...): opens
        elif ch == "”" and opens_here and (_is_letter(nxt) or nxt in "…-—('‘"):
            dbl, width = i, 1  # a closing mark used to open (”No decision …,” the spokesperson said)
        elif ch == "‘" and opens_here and _is_letter(nxt) or ch == "‘" and opens_here and nxt in "…-—(0123456789":
            if not (nxt.isdigit() and _decade(text, i + 1, b)):
                sgl = i
        # anything else: apostrophe, or a stray closing mark with no opening (ignored)
    if dbl >= 0:
        end = _rstrip(text, dbl + width, b)
        _emit(text, dbl, end, out, "unbalanced", width=width)


def _decade(text: str, j: int, b: int) -> bool:
    """``90s`` after a ‘ (a misused apostrophe: ‘90s)."""
    k = j
    while k < b and text[k].isdigit():
        k += 1
    return k < b and text[k] == "s" and (k + 1 >= b or not text[k + 1].isalpha())


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


def _emit(text: str, open_: int, end: int, out: list[Raw], flag: str = "", width: int = 1, close_width: int = 1) -> None:
    start = open_ + width
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return
    close = end if flag else end + close_width
    out.append(Raw(open_, start, end, close, [flag] if flag else []))


def scan_quotes(text: str) -> list[tuple[int, int, list[str]]]:
    """``(start, end, flags)`` of every outermost quotation of ``text``, in order (paragraph = a line)."""
    raws = scan(text)
    return [(r.start, r.end, r.flags) for r in raws]


def scan(text: str) -> list[Raw]:
    out: list[Raw] = []
    paras = [(m.start(), m.end()) for m in PARA.finditer(text)]
    for n, (a, b) in enumerate(paras):
        before = len(out)
        _scan_paragraph(text, a, b, out)
        if len(out) > before and "unbalanced" in out[-1].flags and n + 1 < len(paras):
            na = paras[n + 1][0]
            if text[na] in _DOUBLE_OPEN or text[na] == '"':
                out[-1].flags = ["multi_paragraph"]  # the quote goes on in the next paragraph
    return out
