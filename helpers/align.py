"""The same quotation in different words: align speech quotes across articles that render one utterance
differently, and show the words that differ.

In:  a loaded corpus and its quotes table (:func:`helpers.quotes.quotes_table`; only ``kind == "speech"``).
Out: :func:`align_quotes` - one row per aligned pair of passages (:data:`ALIGN_COLUMNS`): speaker, both articles
(file, outlet, published, quote id, offsets of the passage in the cleaned text, passage text), ``score``,
``dice``, ``partial``, ``diff`` and ``first`` (which outlet published first).

Method (every threshold is a constant below):

1. **Passages.** Each speech quote is cut into passages at sentence ends (``. ! ?`` followed by a space) and at
   ellipses (``…``, ``...``: the mark of elided words, where outlets often cut or reorder a statement).
2. **Tokens.** Words (:func:`helpers.structure.words`), case-folded, curly apostrophes straightened, ``n't``
   expanded to ``not`` (``didn’t`` = ``did not``).
3. **Candidates.** Passages of different articles whose speakers agree (same canonical speaker, or one unknown)
   and whose TF-IDF cosine (binary tokens, English stop words removed, sparse product) is at least
   :data:`CANDIDATE_COSINE`.
4. **Score.** ``difflib.SequenceMatcher`` (no auto-junk) finds the words both passages share in the same order;
   ``score`` = shared words / words of the *shorter* passage (containment: an outlet that quotes a part of a longer
   quote scores 1.0), ``dice`` = 2 x shared / (words of both). A link needs ``score >=`` :data:`MIN_SCORE`, at
   least :data:`MIN_SHARED` shared words of which :data:`MIN_CONTENT` are not stop words, and the shorter passage
   must have :data:`MIN_WORDS` words or more (two-word fragments such as "military alliance" are too common to
   prove anything).
5. **Sub-alignment.** Within a pair of quotes a link is kept when each passage is the other's best match from
   either side; linked passages form connected groups (two sentences in one outlet rendered as one sentence in
   the other become one row), and each group is rescored as a whole.
6. **Diff.** Word-level ``SequenceMatcher`` opcodes: ``[-removed-]`` for words only in the earlier article's
   passage, ``{+added+}`` for words only in the later one. Words before the first (after the last) shared word
   that only one passage has are context around a partial quote: they are left out and marked ``…``. :func:`diff_html` renders the same with ``<del>`` /
   ``<ins>`` and escaped text.
7. **Who published first** (``first``): the outlet whose publication interval ends before the other's starts;
   ``same day`` when both are dated to the same day; ``unclear`` when the intervals overlap (a month-precision date).
   Article ``a`` is the earlier one (by ``date_start``, then file).
"""
from __future__ import annotations

import difflib
import html
import re
from collections import defaultdict

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from .structure import _WORD

CANDIDATE_COSINE = 0.1
MIN_SCORE = 0.6
MIN_SHARED = 3
MIN_CONTENT = 2
MIN_WORDS = 3
#: Cells of the sparse product computed at once.
BLOCK_CELLS = 4_000_000

ALIGN_COLUMNS = ["speaker", "file_a", "outlet_a", "published_a", "quote_id_a", "start_a", "end_a", "text_a",
                 "file_b", "outlet_b", "published_b", "quote_id_b", "start_b", "end_b", "text_b",
                 "score", "dice", "partial", "diff", "first"]
_CUT = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\s*(?:…|\.{3})\s*")
_STOP = frozenset(ENGLISH_STOP_WORDS)


# --------------------------------------------------------------------------------------------- tokens
def tokens(text: str) -> tuple[list[str], list[str]]:
    """``(keys, surface)`` of ``text``: one key per compared word and, in parallel, the word as written (empty for
    the ``not`` expanded from ``n't``)."""
    keys, surface = [], []
    for m in _WORD.finditer(text):
        word = m.group(0)
        key = word.casefold().replace("’", "'")
        if key.endswith("n't") and len(key) > 3:
            keys += [key[:-3], "not"]
            surface += [word, ""]
        else:
            keys.append(key)
            surface.append(word)
    return keys, surface


def passages(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the passages of a quote: cut at sentence ends and ellipses; empty ones dropped."""
    out, pos = [], 0
    for m in _CUT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if _WORD.search(text, a, b)]


def compare_tokens(a: list[str], b: list[str]) -> dict:
    """Shared words of two key lists (in order, ``SequenceMatcher`` without auto-junk): ``shared``,
    ``content`` (shared words that are not stop words), ``score`` (shared / shorter), ``dice`` and the matcher."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = matcher.get_matching_blocks()
    shared = sum(size for _, _, size in blocks)
    content = sum(1 for i, _, size in blocks for k in a[i:i + size] if k not in _STOP)
    shorter = min(len(a), len(b))
    return {"shared": shared, "content": content, "score": shared / shorter if shorter else 0.0,
            "dice": 2 * shared / (len(a) + len(b)) if a or b else 0.0, "matcher": matcher}


def is_link(cmp: dict, n_a: int, n_b: int) -> bool:
    """Whether a compared pair of passages (see :func:`compare_tokens`) counts as the same words."""
    return (min(n_a, n_b) >= MIN_WORDS and cmp["score"] >= MIN_SCORE and cmp["shared"] >= MIN_SHARED
            and cmp["content"] >= MIN_CONTENT)


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level diff of passage ``a`` (earlier) against ``b``: a list of ``(op, words)`` with op ``equal``,
    ``delete`` (only in a), ``insert`` (only in b); words outside the first..last shared word are left out and
    marked by an op ``cut``."""
    ka, sa = tokens(a)
    kb, sb = tokens(b)
    matcher = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    blocks = [blk for blk in matcher.get_matching_blocks() if blk.size]
    if not blocks:
        return [("delete", " ".join(w for w in sa if w)), ("insert", " ".join(w for w in sb if w))]
    lo_a, lo_b = blocks[0].a, blocks[0].b
    hi_a, hi_b = blocks[-1].a + blocks[-1].size, blocks[-1].b + blocks[-1].size
    if lo_a and lo_b:  # both start differently: a replacement, not context left out
        lo_a = lo_b = 0
    if hi_a < len(ka) and hi_b < len(kb):
        hi_a, hi_b = len(ka), len(kb)
    out: list[tuple[str, str]] = []
    if lo_a or lo_b:
        out.append(("cut", ""))
    sub = difflib.SequenceMatcher(None, ka[lo_a:hi_a], kb[lo_b:hi_b], autojunk=False)
    for op, i1, i2, j1, j2 in sub.get_opcodes():
        wa = " ".join(w for w in sa[lo_a + i1:lo_a + i2] if w)
        wb = " ".join(w for w in sb[lo_b + j1:lo_b + j2] if w)
        if op == "equal":
            out.append(("equal", wa))
        if op in ("delete", "replace") and wa:
            out.append(("delete", wa))
        if op in ("insert", "replace") and wb:
            out.append(("insert", wb))
        if op == "replace" and not wa and not wb:
            continue
    if hi_a < len(ka) or hi_b < len(kb):
        out.append(("cut", ""))
    return out


def diff_text(a: str, b: str) -> str:
    """:func:`word_diff` as plain text: ``[-removed-] {+added+}``, ``…`` for words left out around a partial quote."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}", "cut": "…"}
    return " ".join(marks[op].format(w) for op, w in word_diff(a, b) if w or op == "cut")


def diff_html(a: str, b: str) -> str:
    """:func:`word_diff` as HTML: ``<del>`` / ``<ins>``, text escaped."""
    parts = []
    for op, w in word_diff(a, b):
        w = html.escape(w)
        parts.append({"equal": w, "delete": f"<del>{w}</del>", "insert": f"<ins>{w}</ins>", "cut": "…"}[op])
    return " ".join(p for p in parts if p)


# --------------------------------------------------------------------------------------------- dates
def who_first(a: dict, b: dict) -> str:
    """Which of two articles (dicts with ``outlet, date_start, date_end, date_precision``) was published first:
    its outlet, ``same day``, or ``unclear`` when the publication intervals overlap."""
    if a["date_end"] < b["date_start"]:
        return a["outlet"]
    if b["date_end"] < a["date_start"]:
        return b["outlet"]
    if a["date_precision"] == b["date_precision"] == "day" and a["date_start"] == b["date_start"]:
        return "same day"
    return "unclear"


# --------------------------------------------------------------------------------------------- alignment
def _analyzer(keys: str) -> list[str]:
    return [k for k in keys.split(" ") if k and k not in _STOP]


def _segments(corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    english = set(corpus.english["file"])
    speech = quotes[(quotes["kind"] == "speech") & quotes["file"].isin(english)] if len(quotes) else quotes
    rows = []
    for q in speech.itertuples(index=False):
        for a, b in passages(q.text):
            keys, _ = tokens(q.text[a:b])
            rows.append({"file": q.file, "quote_id": int(q.quote_id), "speaker": q.speaker, "start": int(q.start) + a,
                         "end": int(q.start) + b, "text": q.text[a:b], "keys": keys})
    return pd.DataFrame(rows, columns=["file", "quote_id", "speaker", "start", "end", "text", "keys"])


def _candidates(seg: pd.DataFrame) -> list[tuple[int, int]]:
    """Index pairs (i < j) of passages from different files, compatible speakers, cosine >= CANDIDATE_COSINE."""
    if len(seg) < 2:
        return []
    try:
        matrix = TfidfVectorizer(analyzer=_analyzer, binary=True).fit_transform([" ".join(k) for k in seg["keys"]]).tocsr()
    except ValueError:  # only stop words everywhere
        return []
    files = seg["file"].to_numpy()
    speakers = seg["speaker"].to_numpy()
    n = len(seg)
    step = max(1, BLOCK_CELLS // n)
    out = []
    for lo in range(0, n, step):
        block = (matrix[lo:lo + step] @ matrix.T).tocoo()
        r, c, v = block.row + lo, block.col, block.data
        keep = (c > r) & (v >= CANDIDATE_COSINE) & (files[r] != files[c])
        keep &= (speakers[r] == speakers[c]) | (speakers[r] == "") | (speakers[c] == "")
        out += list(zip(r[keep].tolist(), c[keep].tolist()))
    return sorted(out)


def _components(links: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    """Connected groups of a bipartite link list: (sorted left ids, sorted right ids)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in links:
        parent[find(("a", i))] = find(("b", j))
    groups: dict = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, k = node
        groups[find(node)][0 if side == "a" else 1].append(k)
    return sorted((sorted(a), sorted(b)) for a, b in groups.values())


def _span_text(text: str, rows: pd.DataFrame, ids: list[int]) -> tuple[int, int, str]:
    """Offsets and text of the passages ``ids`` of one quote: contiguous ones as written, gaps as `` … ``."""
    parts = rows.loc[ids].sort_values("start")
    start, end = int(parts["start"].min()), int(parts["end"].max())
    pieces, prev_end = [], None
    for s, e in zip(parts["start"], parts["end"]):
        between = text[prev_end:s] if prev_end is not None else ""
        if _WORD.search(between) or "…" in between or "..." in between:
            pieces.append("…")
        pieces.append(text[s:e].strip())
        prev_end = e
    joined = " ".join(pieces)
    return start, end, joined


def align_quotes(corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per aligned pair of quote passages in two different English articles (see the module docstring).
    Columns :data:`ALIGN_COLUMNS`; ``score``/``dice`` rounded to 3 decimals; rows sorted by file_a, start_a,
    file_b, start_b."""
    seg = _segments(corpus, quotes)
    cand = _candidates(seg)
    by_quote_pair: dict[tuple, list[tuple[int, int, float]]] = defaultdict(list)
    keys = seg["keys"].tolist()
    for i, j in cand:
        cmp = compare_tokens(keys[i], keys[j])
        if is_link(cmp, len(keys[i]), len(keys[j])):
            qa = (seg.at[i, "file"], seg.at[i, "quote_id"])
            qb = (seg.at[j, "file"], seg.at[j, "quote_id"])
            by_quote_pair[(qa, qb)].append((i, j, cmp["score"]))
    articles = corpus.articles.set_index("file")
    text_of = {f: articles.at[f, "text"] for f in set(seg["file"])}
    rows = []
    for (qa, qb), links in sorted(by_quote_pair.items()):
        best_a: dict[int, float] = defaultdict(float)
        best_b: dict[int, float] = defaultdict(float)
        for i, j, s in links:
            best_a[i] = max(best_a[i], s)
            best_b[j] = max(best_b[j], s)
        kept = [(i, j) for i, j, s in links if s == best_a[i] or s == best_b[j]]
        for ids_a, ids_b in _components(kept):
            rows.append(_row(seg, articles, text_of, qa, qb, ids_a, ids_b))
    out = pd.DataFrame([r for r in rows if r is not None], columns=ALIGN_COLUMNS)
    return out.sort_values(["file_a", "start_a", "file_b", "start_b"], kind="stable").reset_index(drop=True)


def _row(seg, articles, text_of, qa, qb, ids_a, ids_b) -> dict | None:
    (fa, qida), (fb, qidb) = qa, qb
    info = {f: {"outlet": articles.at[f, "outlet"], "date_start": articles.at[f, "date_start"],
                "date_end": articles.at[f, "date_end"], "date_precision": articles.at[f, "date_precision"]} for f in (fa, fb)}
    sa, ea, ta = _span_text(text_of[fa], seg, ids_a)
    sb, eb, tb = _span_text(text_of[fb], seg, ids_b)
    if (info[fb]["date_start"], fb) < (info[fa]["date_start"], fa):  # a = the earlier article
        fa, fb, qida, qidb, sa, sb, ea, eb, ta, tb = fb, fa, qidb, qida, sb, sa, eb, ea, tb, ta
    ka, kb = tokens(ta)[0], tokens(tb)[0]
    cmp = compare_tokens(ka, kb)
    speakers = sorted({seg.at[i, "speaker"] for i in ids_a + ids_b} - {""})
    return {"speaker": " / ".join(speakers), "file_a": fa, "outlet_a": info[fa]["outlet"],
            "published_a": articles.at[fa, "published"], "quote_id_a": int(qida), "start_a": sa, "end_a": ea, "text_a": ta,
            "file_b": fb, "outlet_b": info[fb]["outlet"], "published_b": articles.at[fb, "published"],
            "quote_id_b": int(qidb), "start_b": sb, "end_b": eb, "text_b": tb,
            "score": round(cmp["score"], 3), "dice": round(cmp["dice"], 3),
            "partial": bool(min(len(ka), len(kb)) < MIN_SCORE * max(len(ka), len(kb))),
            "diff": diff_text(ta, tb), "first": who_first(info[fa], info[fb])}


def alignment_html(table: pd.DataFrame) -> str:
    """An HTML table of the aligned pairs: speaker, the two outlets with dates, score, who published first, and
    the word diff with ``<del>`` (only in the earlier article) and ``<ins>`` (only in the later one); every text
    from the data is escaped."""
    if not len(table):
        return "<p>No quotation is rendered by two articles.</p>"
    head = "".join(f"<th>{h}</th>" for h in ("speaker", "earlier (a)", "later (b)", "score", "first", "a → b"))
    body = []
    for r in table.itertuples(index=False):
        cells = [html.escape(r.speaker or "unknown"),
                 f"{html.escape(r.outlet_a)}<br><small>{html.escape(r.published_a)} · {html.escape(r.file_a)}</small>",
                 f"{html.escape(r.outlet_b)}<br><small>{html.escape(r.published_b)} · {html.escape(r.file_b)}</small>",
                 f"{r.score:.2f}", html.escape(r.first), diff_html(r.text_a, r.text_b)]
        body.append("<tr>" + "".join(f'<td style="text-align:left">{c}</td>' for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def alignment_table(table: pd.DataFrame) -> pd.DataFrame:
    """The aligned pairs for a table figure: ``speaker, earlier, later, score, first, diff`` (outlets with their
    short file ids and dates)."""
    from .compare import short_ids  # noqa: PLC0415

    ids = short_ids([*table["file_a"], *table["file_b"]]) if len(table) else {}
    return pd.DataFrame({
        "speaker": table["speaker"],
        "earlier": [f"{o} ({ids[f]}, {p})" for o, f, p in zip(table["outlet_a"], table["file_a"], table["published_a"])],
        "later": [f"{o} ({ids[f]}, {p})" for o, f, p in zip(table["outlet_b"], table["file_b"], table["published_b"])],
        "score": [f"{s:.2f}" for s in table["score"]], "first": table["first"], "diff": table["diff"]},
        columns=["speaker", "earlier", "later", "score", "first", "diff"])
