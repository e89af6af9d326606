"""Mentions of the story's key terms (S-400, CAATSA, sanctions) in every spelling, per article.

The terms and their patterns live in ``helpers/data/keywords.csv`` (``keyword, pattern, description``).
In: a text.  Out: one count per keyword (:func:`count_mentions`), or per exported column
(:func:`mention_columns`, ``mentions_<keyword>``); the corpus's counts are columns of
:attr:`helpers.annotate.Annotations.measures`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from helpers.config import DATA
from helpers.extract import prefilter
from helpers.knowledge import read_rows

KEYWORDS_FILE = DATA / "keywords.csv"


@lru_cache(maxsize=1)
def keywords() -> tuple[tuple[str, re.Pattern], ...]:
    """The keyword patterns, compiled once; a bad pattern raises ValueError naming its row."""
    out = []
    for number, row in read_rows(KEYWORDS_FILE, ("keyword", "pattern")):
        try:
            out.append((row["keyword"], re.compile(row["pattern"])))
        except re.error as err:
            raise ValueError(f"{KEYWORDS_FILE.name} line {number} ({row['keyword']}): bad pattern: {err}") from None
    return tuple(out)


def column_names() -> dict[str, str]:
    """Keyword -> its column in the exported tables: ``mentions_`` + the keyword in lower case with every run
    of other characters as ``_`` (``S-400`` -> ``mentions_s_400``)."""
    return {k: "mentions_" + re.sub(r"[^0-9a-z]+", "_", k.lower()).strip("_") for k, _ in keywords()}


#: Characters that look like ASCII in the story's key terms: every dash and hyphen variant, and fullwidth forms.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FOLD = str.maketrans({**dict.fromkeys(_DASHES, "-"),
                       **{chr(0xFF10 + i): str(i) for i in range(10)},
                       **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
                       **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)}})
#: Any character :data:`_FOLD` changes: most texts have none, and finding that is much cheaper than translating.
_FOLD_ANY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")
#: :data:`_FOLD` by character: replacing each match of :data:`_FOLD_ANY` gives ``str.translate``'s result, about ten
#: times faster on a text with a few dashes (``translate`` with a table looks up every character of the text).
_FOLD_CHARS = {chr(c): v for c, v in _FOLD.items()}
#: Cyrillic and Greek letters that look like Latin ones ("С-400" with a Cyrillic С).
_LOOKALIKES = str.maketrans(dict(zip("АВЕКМНОРСТХаеорсхΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEKMHOPCTXaeopcxABEZHIKMNOPTYX")))
_LOOK = re.compile("[АВЕКМНОРСТХаеорсхΑΒΕΖΗΙΚΜΝΟΡΤΥΧ]")
_RUN = re.compile(r"[0-9A-Za-z\-АВЕКМНОРСТХаеорсхΑΒΕΖΗΙΚΜΝΟΡΤΥΧ]+")  # one pass, each character read once


def fold_for_matching(text: str) -> str:
    """``text`` as the key-term patterns read it, **same length** (so match offsets point into the original):
    dash and hyphen variants (non-breaking hyphen, en dash, minus...) become ``-``, fullwidth digits and letters
    ASCII, and a Cyrillic or Greek look-alike letter inside a word that also has ASCII letters, digits or a hyphen
    its Latin twin ("СAATSA" with a Cyrillic С is CAATSA), except that in a word with a digit the Cyrillic С is read
    as the Russian letter it is, S ("С-400" is the S-400). Words wholly in Cyrillic or Greek are left alone."""
    folded = _FOLD_ANY.sub(lambda m: _FOLD_CHARS[m.group()], text)

    if not _LOOK.search(folded):
        return folded

    def latin(match: re.Match) -> str:
        word = match.group()
        if not _LOOK.search(word) or not any(c.isascii() and (c.isalnum() or c == "-") for c in word):
            return word
        if any(c.isdigit() for c in word):  # a Russian model name: С-400 is the S-400, not a C-400
            word = word.replace("С", "S").replace("с", "s")
        return word.translate(_LOOKALIKES)

    return _RUN.sub(latin, folded)


@lru_cache(maxsize=2)
def folded_text(text: str) -> tuple[str, str]:
    """:func:`fold_for_matching` of ``text`` and its :func:`helpers.extract.prefilter.matching_low`: made once for
    an article's two readers (the keyword counts and the frame coding; the last two texts are kept)."""
    folded = fold_for_matching(text)
    return folded, prefilter.matching_low(folded)


def count_mentions(text: str) -> dict[str, int]:
    """Mentions of each keyword in ``text`` (read through :func:`fold_for_matching`)."""
    folded, low = folded_text(text)
    return {name: prefilter.count(pattern, folded, low) for name, pattern in keywords()}


def mention_columns(text: str) -> dict[str, int]:
    """Mentions of each keyword in ``text``, keyed by column name (:func:`column_names`)."""
    names = column_names()
    return {names[k]: n for k, n in count_mentions(text).items()}
