"""Keyword in context: every mention of a keyword of ``helpers/data/keywords.csv`` in the English articles, with
its context and whether it stands in the journalist's words or in quoted speech (notebook 02's KWIC tables).

In:  a corpus and, optionally, its quotations (:attr:`helpers.annotate.Annotations.quotes`).  Out: one row per
mention (:func:`kwic`). It reads no frame coding, so editing the frame dictionary leaves its cached result valid.
"""
from __future__ import annotations

import bisect

import pandas as pd

from helpers.analysis.memo import memoized
from helpers.corpus.load import Corpus
from helpers.extract.mentions import fold_for_matching, keywords
from helpers.extract.quotes import speech_spans

#: Characters of context either side of a keyword.
KWIC_CHARS = 60


@memoized
def kwic(corpus: Corpus, keyword_names: tuple[str, ...], quotes: pd.DataFrame | None = None,
         width: int = KWIC_CHARS) -> pd.DataFrame:
    """Keyword in context for the patterns of ``helpers/data/keywords.csv`` named in ``keyword_names``: one row
    per mention in an English article (file, outlet, keyword, start, left, match, right, voice, speaker), with
    ``width`` characters of context either side (line breaks shown as spaces), ordered by file and position.
    Linear: each text is scanned once per keyword and each hit's voice found by bisection in its file's quotes."""
    wanted = [(name, pattern) for name, pattern in keywords() if name in keyword_names]
    spans = speech_spans(quotes) if quotes is not None else {}
    starts = {f: [r[0] for r in rows] for f, rows in spans.items()}
    rows = []
    for art in corpus.english.sort_values("file").itertuples(index=False):
        mine, first = spans.get(art.file, []), starts.get(art.file, [])
        folded = fold_for_matching(art.text)  # same length: offsets point into the text
        for name, pattern in wanted:
            for m in pattern.finditer(folded):
                k = bisect.bisect_right(first, m.start()) - 1
                quote = mine[k] if k >= 0 and mine[k][0] <= m.start() < mine[k][1] else None
                rows.append({"file": art.file, "outlet": art.outlet, "keyword": name, "start": m.start(),
                             "left": art.text[max(0, m.start() - width):m.start()].replace("\n", " "),
                             "match": art.text[m.start():m.end()], "right": art.text[m.end():m.end() + width].replace("\n", " "),
                             "voice": "quoted" if quote else "journalist", "speaker": quote[2] if quote else ""})
    columns = ["file", "outlet", "keyword", "start", "left", "match", "right", "voice", "speaker"]
    return pd.DataFrame(rows, columns=columns).sort_values(["file", "start", "keyword"], kind="stable").reset_index(drop=True)
