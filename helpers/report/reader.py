"""The annotated reader: one self-contained HTML page per analysed article, so a reader can check every annotation
in context, and an index of the articles.

In:  a corpus (articles, paragraphs, removed lines) and its annotation (quotes, temporal expressions, frame matches).
Out: ``OUT/index.html`` (outlet, date, title and counts of every analysed article, linking to its page) and
     ``OUT/article-<name>.html``: the cleaned text, paragraph by paragraph, with
     - speech quotations highlighted in the colour of the speaker's side, the speaker named after each quotation;
     - date expressions marked, with their normalised interval on hover and in the margin of the mark;
     - frame terms that coded marked with their frame (denied, or carried from the sentence before, said so);
     - the lines cleaning removed, with their rule, in a collapsed block at the end.

Every text from the data is HTML-escaped; the pages have no script, load nothing (a Content-Security-Policy forbids
it), and work offline. Pages of articles no longer in the corpus are removed (only ``article-*.html`` files in
``OUT``, the ones this module writes). Output is byte-identical from run to run.
"""
from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

import pandas as pd

from helpers.analysis.labels import article_labels
from helpers.annotate import Annotations
from helpers.corpus.load import Corpus
from helpers.extract.frames import CARRIES
from helpers.extract.frames import labels as frame_labels
from helpers.files import ensure_folder, write_atomic
from helpers.report.palette import SIDE_COLOURS

PAGE_PREFIX = "article-"
#: Pages may load and run nothing: only their own inline styles.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"
STYLE = """
body{font:15px/1.55 "DejaVu Serif",Georgia,serif;max-width:46em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.35em;line-height:1.3}
.meta,.legend,nav{font:13px/1.5 "DejaVu Sans",Arial,sans-serif;color:#555}
p.headline{font-weight:bold}
q.quote{quotes:none;padding:0 .1em;border-radius:2px}
q.quote::before,q.quote::after{content:none}
sup.who{font:11px "DejaVu Sans",Arial,sans-serif;color:#333;margin-left:.15em}
mark.date{background:none;border-bottom:2px dotted #0072B2;color:inherit}
mark.date::after{content:" [" attr(data-when) "]";font:11px "DejaVu Sans",Arial,sans-serif;color:#0072B2}
mark.frame{background:none;border-bottom:2px solid #999;color:inherit}
mark.frame::after{content:" (" attr(data-frame) ")";font:11px "DejaVu Sans",Arial,sans-serif;color:#666}
table{border-collapse:collapse;font:13px/1.4 "DejaVu Sans",Arial,sans-serif}
th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
td.n{text-align:right}
details{margin-top:2em;font:13px/1.5 "DejaVu Sans",Arial,sans-serif}
"""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _side_style(side: str) -> str:
    colour = SIDE_COLOURS.get(side or "unknown", SIDE_COLOURS["unknown"])
    return f"background:{colour}33;border-bottom:2px solid {colour}"  # the side's colour, light, under the text


def page_name(file: str) -> str:
    """The page of an article: ``article-`` + its file name (``article-001_ab.txt.html``). A name with anything but
    letters, digits, ``.``, ``_`` and ``-`` has those replaced by ``_`` and a short digest of the original name added,
    so two files never share a page (``a b.txt`` and ``a_b.txt``)."""
    safe = _UNSAFE.sub("_", file)
    if safe != file:
        safe += "-" + hashlib.sha256(file.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{PAGE_PREFIX}{safe}.html"


def _marks(text: str, start: int, end: int, quotes: list[tuple], dates: list[tuple], terms: list[tuple]) -> str:
    """The HTML of ``text[start:end]``: quotations as ``<q>`` (outer layer), dates and frame terms as ``<mark>``
    inside or outside them (a term overlapping a date is left unmarked; the date wins)."""
    inner = sorted([(a, b, "date", v) for a, b, v in dates] + [(a, b, "frame", v) for a, b, v in terms])
    edges = [x for qa, qb, _, _ in quotes for x in (qa, qb)]
    kept, last = [], start
    for a, b, kind, value in inner:
        crosses = any(a < x < b for x in edges)  # a mark never straddles a quotation's edge: tags stay nested
        if a >= last and start <= a < b <= end and not crosses:  # empty spans mark nothing
            kept.append((a, b, kind, value))
            last = b
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for a, b, speaker, side in quotes:
        if start <= a < b <= end:
            label = html.escape(speaker or "unknown speaker")
            opens.setdefault(a, []).append(f'<q class="quote" style="{_side_style(side)}" title="{label} ({html.escape(side or "no side")})">')
            closes.setdefault(b, []).insert(0, f'</q><sup class="who">{label}</sup>')
    for a, b, kind, value in kept:
        attr = "data-when" if kind == "date" else "data-frame"
        opens.setdefault(a, []).append(f'<mark class="{kind}" {attr}="{html.escape(value)}">')
        closes.setdefault(b, []).insert(0, "</mark>")
    points = sorted({start, end, *opens, *closes})
    out = []
    for a, b in zip(points, points[1:]):
        out += closes.get(a, []) if a != start else []
        out += opens.get(a, [])
        out.append(html.escape(text[a:b]))
    out += closes.get(end, [])
    return "".join(out)


def _spans(table: pd.DataFrame, file: str, columns: list[str]) -> list[tuple]:
    part = table[table["file"] == file] if len(table) else table
    return list(zip(*(part[c] for c in columns))) if len(part) else []


def article_page(article: dict, paragraphs: pd.DataFrame, removed: pd.DataFrame, quotes: list[tuple], dates: list[tuple],
                 terms: list[tuple], label: str) -> str:
    """The HTML page of one article (see the module docstring); everything from the data escaped."""
    text = article["text"]
    body = []
    for p in paragraphs.itertuples(index=False):
        css = ' class="headline"' if p.kind == "headline" else ""
        body.append(f"<p{css}>{_marks(text, int(p.start), int(p.end), quotes, dates, terms)}</p>")
    gone = "".join(f"<li>line {int(r.line)} ({html.escape(r.rule)}): {html.escape(r.text)}</li>" for r in removed.itertuples(index=False))
    sides = sorted({side or "unknown" for *_, side in quotes})
    legend = " ".join(f'<q class="quote" style="{_side_style(s)}">{html.escape(s)}</q>' for s in sides)
    e = html.escape
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f"<title>{e(label)}: {e(article['title'])}</title><style>{STYLE}</style></head><body>\n"
            f'<nav><a href="index.html">All articles</a></nav>\n<h1>{e(article["title"])}</h1>\n'
            f'<p class="meta">{e(article["outlet"])} · published {e(article["published"])} ({e(article["date_precision"])} precision) · '
            f"{e(article['file'])} · {len(quotes)} quotation(s), {len(dates)} date(s), {len(terms)} frame term(s)</p>\n"
            f'<p class="legend">Quotations by the speaker\'s side: {legend or "none"}. '
            f'<mark class="date" data-when="normalised date">Dates</mark> and <mark class="frame" data-frame="frame">frame terms</mark> are marked.</p>\n'
            + "\n".join(body)
            + f"\n<details><summary>Lines cleaning removed ({len(removed)})</summary><ul>{gone}</ul></details>\n</body></html>\n")


def index_page(rows: list[dict]) -> str:
    """``index.html``: one row per article page, by outlet then date."""
    e = html.escape
    body = "".join(f'<tr><td>{e(r["outlet"])}</td><td>{e(r["published"])}</td><td><a href="{e(r["page"])}">{e(r["title"] or r["file"])}</a></td>'
                   f'<td class="n">{r["quotes"]}</td><td class="n">{r["dates"]}</td><td class="n">{r["terms"]}</td><td class="n">{r["removed"]}</td></tr>\n'
                   for r in rows)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{POLICY}">'
            f"<title>Annotated articles</title><style>{STYLE}</style></head><body>\n<h1>Annotated articles</h1>\n"
            f'<p class="meta">{len(rows)} article(s). Each page shows the cleaned text with its quotations (by the speaker\'s side), '
            "dates and frame terms marked, and the lines cleaning removed.</p>\n"
            "<table><thead><tr><th>outlet</th><th>published</th><th>title</th><th>quotations</th><th>dates</th><th>frame terms</th>"
            f"<th>removed lines</th></tr></thead><tbody>\n{body}</tbody></table>\n</body></html>\n")


def write_reader(corpus: Corpus, annotations: Annotations, out: Path) -> int:
    """Write the reader for ``corpus`` into ``out`` (created; :class:`helpers.files.OutputFolderError` when it cannot
    be written); return the number of article pages. Every page is written atomically, the index last."""
    out = ensure_folder(Path(out))
    articles = corpus.analysed.sort_values(["outlet", "date_start", "file"], kind="stable")
    labels = article_labels(articles)
    speech = annotations.quotes[annotations.quotes["kind"] == "speech"] if len(annotations.quotes) else annotations.quotes
    dated = annotations.expressions[annotations.expressions["precision"] != "vague"] if len(annotations.expressions) else annotations.expressions
    dated = dated.assign(when=dated["date_start"] + "…" + dated["date_end"]) if len(dated) else dated.assign(when=[])
    names = frame_labels()
    coded = annotations.matches[annotations.matches["status"].isin(CARRIES)] if len(annotations.matches) else annotations.matches
    how = {"coded": "", "negated": ", denied", "context": ", from the sentence before"}
    coded = coded.assign(label=coded["frame"].map(names) + coded["status"].map(how)) if len(coded) else coded.assign(label=[])
    by_file = {name: dict(tuple(table.groupby("file"))) if len(table) else {}
               for name, table in (("paragraphs", corpus.paragraphs), ("removed", corpus.removed), ("quotes", speech),
                                   ("dates", dated), ("terms", coded))}
    empty = {name: table.iloc[:0] for name, table in (("paragraphs", corpus.paragraphs), ("removed", corpus.removed),
                                                       ("quotes", speech), ("dates", dated), ("terms", coded))}
    rows, written = [], set()
    for article in articles.to_dict("records"):
        part = {name: by_file[name].get(article["file"], empty[name]) for name in by_file}
        quotes = _spans(part["quotes"], article["file"], ["start", "end", "speaker", "side"])
        dates = _spans(part["dates"], article["file"], ["start", "end", "when"])
        terms = _spans(part["terms"], article["file"], ["start", "end", "label"])
        name = page_name(article["file"])
        write_atomic(out / name, article_page(article, part["paragraphs"], part["removed"], quotes, dates, terms, labels[article["file"]]))
        written.add(name)
        rows.append({"file": article["file"], "outlet": article["outlet"], "published": article["published"], "title": article["title"],
                     "page": name, "quotes": len(quotes), "dates": len(dates), "terms": len(terms), "removed": len(part["removed"])})
    for stale in sorted(out.glob(f"{PAGE_PREFIX}*.html")):
        if stale.name not in written and stale.is_file() and not stale.is_symlink():
            stale.unlink()
    write_atomic(out / "index.html", index_page(rows))
    return len(rows)


def reader_for(corpus_dir: Path, out: Path) -> int:
    """Load the corpus in ``corpus_dir``, annotate it (cached) and write its reader into ``out``; return the pages."""
    from helpers.annotate import annotations  # noqa: PLC0415 (the command's own entry point)
    from helpers.corpus.load import load_corpus  # noqa: PLC0415

    corpus = load_corpus(corpus_dir)
    return write_reader(corpus, annotations(corpus), out)
