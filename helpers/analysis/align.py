"""The same quotation in different words: align speech quotes across articles that render one utterance
differently, and show the words that differ.

In:  a loaded corpus and its quotes table (:func:`helpers.annotate.annotations`; only ``kind == "speech"``).
Out: :func:`align_quotes` - one row per pair of *differing* renderings (:data:`ALIGN_COLUMNS`): speaker, the
earliest article carrying each rendering (file, outlet, published, quote id, offsets of the passage in the cleaned
text, passage text as printed), ``score``, ``containment``, ``partial``, ``diff``, ``first`` (which outlet published
first) and,
per side, how many articles carry that rendering and which (``n_articles_a``, ``files_a``, ...).

Method (every threshold is a constant below):

1. **Passages.** Each speech quote is cut into passages at sentence ends (``. ! ?`` followed by a space) and at
   ellipses (``…``, ``...``: the mark of elided words, where outlets often cut or reorder a statement).
2. **Tokens.** Words (:func:`helpers.corpus.structure.words`), case-folded, curly apostrophes straightened, ``n't``
   expanded to ``not`` (``didn’t`` = ``did not``).
   **Renderings.** Passages with the same tokens are one rendering, however many articles carry it (wire copy
   repeats a quotation word for word in hundreds of articles: that is not a difference). Only distinct renderings
   are aligned; each is represented by its earliest occurrence (``date_start``, then file, then offset), or, when
   both renderings of a pair first occur in one article, by the earliest occurrence in another article.
3. **Candidates.** For each rendering its :data:`NEIGHBOURS` most similar renderings whose speakers agree (a
   shared canonical speaker, or one unknown) and whose TF-IDF cosine (binary tokens, English stop words removed,
   sparse product in row blocks) is at least :data:`CANDIDATE_COSINE`: O(renderings x NEIGHBOURS) pairs scored.
4. **Score.** ``difflib.SequenceMatcher`` (no auto-junk) finds the words both passages share in the same order;
   ``containment`` = shared words / words of the *shorter* passage (an outlet that quotes a part of a longer quote
   scores 1.0: the linking criterion), ``score`` = 2 x shared / (words of both), below 1.0 whenever a word is
   inserted or deleted. A link needs ``containment >=`` :data:`MIN_SCORE`, at
   least :data:`MIN_SHARED` shared words of which :data:`MIN_CONTENT` are not stop words, and the shorter passage
   must have :data:`MIN_WORDS` words or more (two-word fragments such as "military alliance" are too common to
   prove anything).
5. **Sub-alignment.** Within a pair of quotes a link is kept when each passage is the other's best match from
   either side; linked passages form connected groups (two sentences in one outlet rendered as one sentence in
   the other become one row), and each group is rescored as a whole. Links are grouped by pair of articles, so a
   passage is aligned at most once for a pair of articles, whichever of their quotations it belongs to.
6. **Diff.** Word-level ``SequenceMatcher`` opcodes on the words as printed (compared case-folded, apostrophes
   straightened, contractions never expanded, so each outlet's wording is shown verbatim): ``[-removed-]`` for words
   only in the earlier article's
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

from helpers.analysis.memo import memoized
from helpers.corpus.structure import WORD

CANDIDATE_COSINE = 0.1
MIN_SCORE = 0.6
MIN_SHARED = 3
MIN_CONTENT = 2
MIN_WORDS = 3
#: Candidates per distinct rendering: its NEIGHBOURS most similar renderings (TF-IDF cosine >= CANDIDATE_COSINE,
#: compatible speakers). A quotation rendered in more than 10 different wordings that all look alike may miss a
#: few of its pairs, each still linked to its 10 closest wordings.
NEIGHBOURS = 10
#: Cells of the sparse product computed at once.
BLOCK_CELLS = 4_000_000

ALIGN_COLUMNS = ["speaker", "file_a", "outlet_a", "published_a", "quote_id_a", "start_a", "end_a", "text_a",
                 "file_b", "outlet_b", "published_b", "quote_id_b", "start_b", "end_b", "text_b",
                 "score", "containment", "partial", "diff", "first",
                 "n_articles_a", "files_a", "n_articles_b", "files_b"]
_CUT = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+|\s*(?:…|\.{3})\s*")
_STOP = frozenset(ENGLISH_STOP_WORDS)


# --------------------------------------------------------------------------------------------- tokens
def tokens(text: str) -> tuple[list[str], list[str]]:
    """``(keys, surface)`` of ``text``: one key per compared word and, in parallel, the word as written (empty for
    the ``not`` expanded from ``n't``)."""
    keys, surface = [], []
    for m in WORD.finditer(text):
        word = m.group(0)
        key = word.casefold().replace("’", "'")
        if key.endswith("n't") and len(key) > 3:
            keys += [key[:-3], "not"]
            surface += [word, ""]
        else:
            keys.append(key)
            surface.append(word)
    return keys, surface


def display_tokens(text: str) -> tuple[list[str], list[str]]:
    """``(keys, words)`` for showing a diff: each word as written, compared case-folded with straight apostrophes
    but never expanded, so "didn't" against "did not" shows as a change: each outlet's words stay verbatim."""
    words = [m.group(0) for m in WORD.finditer(text)]
    return [w.casefold().replace("’", "'") for w in words], words


def passages(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the passages of a quote: cut at sentence ends and ellipses; empty ones dropped."""
    out, pos = [], 0
    for m in _CUT.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if WORD.search(text, a, b)]


def compare_tokens(a: list[str], b: list[str]) -> dict:
    """Shared words of two key lists (in order, ``SequenceMatcher`` without auto-junk): ``shared``,
    ``content`` (shared words that are not stop words), ``containment`` (shared / shorter: the linking criterion,
    1.0 when one passage contains the other), ``score`` (2 x shared / words of both: below 1.0 with any insertion
    or deletion) and the matcher."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks = matcher.get_matching_blocks()
    shared = sum(size for _, _, size in blocks)
    content = sum(1 for i, _, size in blocks for k in a[i:i + size] if k not in _STOP)
    shorter = min(len(a), len(b))
    return {"shared": shared, "content": content, "containment": shared / shorter if shorter else 0.0,
            "score": 2 * shared / (len(a) + len(b)) if a or b else 0.0, "matcher": matcher}


def is_link(cmp: dict, n_a: int, n_b: int) -> bool:
    """Whether a compared pair of passages (see :func:`compare_tokens`) counts as the same words."""
    return (min(n_a, n_b) >= MIN_WORDS and cmp["containment"] >= MIN_SCORE and cmp["shared"] >= MIN_SHARED
            and cmp["content"] >= MIN_CONTENT)


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level diff of passage ``a`` (earlier) against ``b``: a list of ``(op, words)`` with op ``equal``,
    ``delete`` (only in a), ``insert`` (only in b); words outside the first..last shared word are left out and
    marked by an op ``cut``."""
    ka, sa = display_tokens(a)
    kb, sb = display_tokens(b)
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
    cut: dict[str, list[tuple[int, int, str, list[str]]]] = {}  # quote text -> its passages (wire copy repeats quotes)
    rows = []
    for file, quote_id, speaker, start, text in zip(*(speech[c].tolist() for c in ("file", "quote_id", "speaker", "start", "text"))):
        if text not in cut:
            cut[text] = [(a, b, text[a:b], tokens(text[a:b])[0]) for a, b in passages(text)]
        for a, b, part, keys in cut[text]:
            rows.append((file, int(quote_id), speaker, int(start) + a, int(start) + b, part, keys))
    return pd.DataFrame(rows, columns=["file", "quote_id", "speaker", "start", "end", "text", "keys"])


def _renderings(seg: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Collapse passages by normalised text (their key words joined): one row per distinct rendering with
    ``key``, ``speakers`` (the set of non-empty speakers it is attributed to), ``occurrences`` (indices into
    ``seg`` of every passage with this text, earliest article first: ``date_start``, then file, then offset)."""
    if not len(seg):
        return pd.DataFrame(columns=["key", "speakers", "occurrences"])
    order = pd.DataFrame({"i": np.arange(len(seg)), "key": [" ".join(k) for k in seg["keys"]],
                          "date": seg["file"].map(articles["date_start"]).to_numpy(), "file": seg["file"].to_numpy(),
                          "start": seg["start"].to_numpy(), "speaker": seg["speaker"].to_numpy()})
    order = order.sort_values(["key", "date", "file", "start"], kind="stable")
    grouped = order.groupby("key", sort=True)
    out = pd.DataFrame({"speakers": grouped["speaker"].agg(lambda s: frozenset(s) - {""}),
                        "occurrences": grouped["i"].agg(list)}).reset_index()
    return out[["key", "speakers", "occurrences"]]


def _candidates(ren: pd.DataFrame) -> list[tuple[int, int]]:
    """Index pairs (i < j) of distinct renderings with compatible speakers (a shared speaker, or one unknown) and
    TF-IDF cosine >= CANDIDATE_COSINE, where j is among the NEIGHBOURS most similar renderings of i or i among
    those of j (ties by index). The sparse product is computed in row blocks of BLOCK_CELLS cells, so the cost is
    O(renderings x neighbours) in memory and output."""
    n = len(ren)
    if n < 2:
        return []
    try:
        matrix = TfidfVectorizer(analyzer=_analyzer, binary=True).fit_transform(ren["key"]).tocsr()
    except ValueError:  # only stop words everywhere
        return []
    speakers = ren["speakers"].tolist()
    step = max(1, BLOCK_CELLS // n)
    out = set()
    for lo in range(0, n, step):
        block = (matrix[lo:lo + step] @ matrix.T).tocoo()
        r, c, v = block.row + lo, block.col, block.data
        keep = (c != r) & (v >= CANDIDATE_COSINE)
        r, c, v = r[keep], c[keep], v[keep]
        compatible = np.fromiter((not speakers[i] or not speakers[j] or bool(speakers[i] & speakers[j])
                                  for i, j in zip(r.tolist(), c.tolist())), dtype=bool, count=len(r))
        r, c, v = r[compatible], c[compatible], v[compatible]
        order = np.lexsort((c, -np.round(v, 12), r))
        r, c = r[order], c[order]
        first = np.r_[0, np.flatnonzero(np.diff(r)) + 1] if len(r) else np.zeros(0, dtype=int)
        rank = np.arange(len(r)) - np.repeat(first, np.diff(np.r_[first, len(r)])) if len(r) else r
        top = rank < NEIGHBOURS
        out.update(zip(np.minimum(r, c)[top].tolist(), np.maximum(r, c)[top].tolist()))
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
        if WORD.search(between) or "…" in between or "..." in between:
            pieces.append("…")
        pieces.append(text[s:e].strip())
        prev_end = e
    joined = " ".join(pieces)
    return start, end, joined


def _pick(seg, ren, i: int, j: int) -> tuple[int, int] | None:
    """The passages (indices into ``seg``) that stand for renderings i and j in a row: the earliest occurrence of
    each; when both are in the same article, the earliest occurrence of j in another article (else of i); None
    when both renderings occur only in one and the same article."""
    occ_i, occ_j = ren.at[i, "occurrences"], ren.at[j, "occurrences"]
    files = seg["file"].to_numpy()
    a, b = occ_i[0], occ_j[0]
    if files[a] != files[b]:
        return a, b
    other_j = next((k for k in occ_j if files[k] != files[a]), None)
    if other_j is not None:
        return a, other_j
    other_i = next((k for k in occ_i if files[k] != files[b]), None)
    return (other_i, b) if other_i is not None else None


@memoized
def align_quotes(corpus, quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per pair of differing renderings of a quotation in two different English articles (see the module
    docstring). Identical renderings (the same normalised words) are one rendering carried by several articles;
    only distinct renderings are aligned. Each row shows the earliest article carrying each side
    (``file_a``/``file_b``, a = the earlier of the two) and, in ``n_articles_a``/``files_a`` and
    ``n_articles_b``/``files_b``, every article carrying that side's rendering (all of its passages), ``|``-separated
    in publication order. Columns :data:`ALIGN_COLUMNS`; ``score``/``containment`` rounded to 3 decimals; rows sorted by
    file_a, start_a, file_b, start_b."""
    articles = corpus.articles.set_index("file")
    seg = _segments(corpus, quotes)
    ren = _renderings(seg, articles)
    cand = _candidates(ren)
    keys = [k.split(" ") if k else [] for k in ren["key"]]
    by_quote_pair: dict[tuple, list[tuple[int, int, float]]] = defaultdict(list)
    rendering_of: dict[int, int] = {}
    for i, j in cand:
        cmp = compare_tokens(keys[i], keys[j])
        if not is_link(cmp, len(keys[i]), len(keys[j])):
            continue
        picked = _pick(seg, ren, i, j)
        if picked is None:
            continue
        a, b = picked
        rendering_of[a], rendering_of[b] = i, j
        qa = (seg.at[a, "file"], seg.at[a, "quote_id"])
        qb = (seg.at[b, "file"], seg.at[b, "quote_id"])
        if qb < qa:
            qa, qb, a, b = qb, qa, b, a
        by_quote_pair[(qa[0], qb[0])].append((a, b, cmp["containment"]))
    linked = sorted({f for pair in by_quote_pair for f in pair})  # the texts of the articles with a row, only
    text_of = dict(zip(linked, articles["text"].reindex(linked).tolist()))
    seg_files, dates = seg["file"].to_numpy(), dict(zip(articles.index.tolist(), articles["date_start"].tolist()))
    files_of = {r: _carriers(seg_files, ren, dates, [r]) for r in set(rendering_of.values())}
    rows = []
    quote_of = seg["quote_id"].to_numpy()
    for (fa, fb), links in sorted(by_quote_pair.items()):
        # within a pair of articles a passage is aligned at most once: links are kept where they are a passage's best,
        # and linked passages (two sentences of one rendering against one of the other) form one row, whatever
        # quotations of the two articles they come from
        best_a: dict[int, float] = defaultdict(float)
        best_b: dict[int, float] = defaultdict(float)
        for i, j, s in links:
            best_a[i] = max(best_a[i], s)
            best_b[j] = max(best_b[j], s)
        kept = [(i, j) for i, j, s in links if s == best_a[i] or s == best_b[j]]
        for ids_a, ids_b in _components(kept):
            qa, qb = (fa, int(quote_of[min(ids_a)])), (fb, int(quote_of[min(ids_b)]))
            row = _row(seg, articles, text_of, qa, qb, ids_a, ids_b)
            carriers = {side: _intersect([files_of[rendering_of[k]] for k in ids]) for side, ids in
                        ((fa, ids_a), (fb, ids_b))}
            if row["file_a"] != fa:  # _row swapped the sides: a = the earlier article
                carriers_a, carriers_b = carriers[fb], carriers[fa]
            else:
                carriers_a, carriers_b = carriers[fa], carriers[fb]
            row.update(n_articles_a=len(carriers_a), files_a="|".join(carriers_a),
                       n_articles_b=len(carriers_b), files_b="|".join(carriers_b))
            rows.append(row)
    out = pd.DataFrame(rows, columns=ALIGN_COLUMNS)
    return out.sort_values(["file_a", "start_a", "file_b", "start_b"], kind="stable").reset_index(drop=True)


def _carriers(files: np.ndarray, ren, dates: dict[str, str], rendering_ids: list[int]) -> list[str]:
    """Articles carrying a rendering, in publication order (date_start, then file); ``files``: each passage's file,
    ``dates``: each article's date_start."""
    found = {files[k] for r in rendering_ids for k in ren.at[r, "occurrences"]}
    return sorted(found, key=lambda f: (dates[f], f))


def _intersect(lists: list[list[str]]) -> list[str]:
    """Files present in every list, in the order of the first."""
    common = set(lists[0]).intersection(*map(set, lists[1:]))
    return [f for f in lists[0] if f in common]


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
            "score": round(cmp["score"], 3), "containment": round(cmp["containment"], 3),
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
    """The aligned pairs for a table figure: ``speaker, earlier, later, score, first, diff`` (each article as its
    outlet and publication date)."""
    return pd.DataFrame({
        "speaker": table["speaker"],
        "earlier": [f"{o}, {p}" for o, p in zip(table["outlet_a"], table["published_a"])],
        "later": [f"{o}, {p}" for o, p in zip(table["outlet_b"], table["published_b"])],
        "score": [f"{s:.2f}" for s in table["score"]], "first": table["first"], "diff": table["diff"]},
        columns=["speaker", "earlier", "later", "score", "first", "diff"])
