"""The annotated reader: a page per analysed article with every speech quotation, dated expression and coded frame
term marked; article text only ever as text (hostile markup is shown, never run); stale pages go, nothing else does;
same bytes every run."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS, article, row
from helpers.__main__ import main
from helpers.annotate import annotations
from helpers.corpus.load import load_corpus
from helpers.report.palette import SIDE_COLOURS
from helpers.report.reader import article_page, page_name, write_reader

TAGS = {"html", "head", "meta", "title", "style", "body", "nav", "a", "h1", "p", "q", "sup", "mark", "details", "summary",
        "ul", "li", "table", "thead", "tbody", "tr", "th", "td"}
VOID = {"meta"}
ATTRIBUTES = {"lang", "charset", "http-equiv", "content", "href", "class", "style", "title", "data-when", "data-frame"}


class Page(HTMLParser):
    """Parse a page: the tags and attributes used, whether every tag closes in order, the text of each mark."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.hrefs, self.stack, self.errors = set(), set(), [], [], []
        self.text, self.marks, self.open_marks = [], [], []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.hrefs += [value for name, value in attrs if name == "href"]
        if tag not in VOID:
            self.stack.append(tag)
        if tag in {"q", "mark"}:
            self.open_marks.append((dict(attrs), len("".join(self.text))))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()
        if tag in {"q", "mark"}:
            attrs, start = self.open_marks.pop()
            self.marks.append((tag, attrs, "".join(self.text)[start:]))

    def handle_data(self, data):
        if self.stack and self.stack[-1] not in {"style", "title", "sup"}:
            self.text.append(data)


def test_seed_reader_marks_every_annotation(tmp_path, capsys):
    corpus = load_corpus(SEEDS)
    notes = annotations(corpus)
    out = tmp_path / "reader"
    assert main(["reader", str(SEEDS), str(out)]) == 0
    analysed = sorted(corpus.analysed["file"])
    assert f"{len(analysed)} article page(s)" in capsys.readouterr().out
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    assert sorted(index.hrefs) == sorted(page_name(f) for f in analysed) and not index.errors
    speech = notes.quotes[notes.quotes["kind"] == "speech"]
    for file in analysed:
        text = corpus.analysed.set_index("file").loc[file, "text"]
        page = Page((out / page_name(file)).read_text(encoding="utf-8"))
        assert not page.errors and not page.stack, (file, page.errors)
        assert page.tags <= TAGS and page.attributes <= ATTRIBUTES
        quotes = [m for m in page.marks if m[0] == "q" and "title" in m[1]]
        mine = speech[speech["file"] == file]
        assert len(quotes) == len(mine)
        # every highlighted quotation is the quotation's text, named after its speaker
        assert sorted(q[2].replace("\n", " ") for q in quotes) == sorted(text[a:b].replace("\n", " ") for a, b in zip(mine["start"], mine["end"]))
        assert sorted(q[1]["title"] for q in quotes) == sorted(f"{s or 'unknown speaker'} ({side or 'no side'})" for s, side in zip(mine["speaker"], mine["side"]))
        dates = [m for m in page.marks if m[0] == "mark" and m[1].get("class") == "date" and m[1]["data-when"] != "normalised date"]
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d…\d{4}-\d\d-\d\d", d[1]["data-when"]) for d in dates) and dates


HOSTILE_TITLE = 'Talks </title><script>alert("t")</script> end'
# A saved page whose text (once its own markup is gone) is markup: the reader must show it, not run it.
HOSTILE = ("<html><head><title>T</title></head><body><h1>Talks &lt;script&gt;alert(0)&lt;/script&gt;</h1>"
           "<p>&lt;script&gt;alert(1)&lt;/script&gt; India and Russia signed the &lt;img src=x onerror=\"alert(2)\"&gt; deal "
           "on Monday.</p><p>\"We will not bow to &lt;b onmouseover=alert(3)&gt;sanctions&lt;/b&gt;,\" the minister said in New "
           "Delhi on 5 October 2018. Officials said &lt;a href='javascript:alert(4)'&gt;it&lt;/a&gt; ships in 2021 &amp; later; "
           "1 &lt; 2 &gt; 0.</p><script>alert(9)</script></body></html>")


def test_hostile_article_text_is_shown_never_run(make_corpus, tmp_path):
    folder = make_corpus({"evil.html": HOSTILE, "fine.txt": article()},
                         rows=[row("evil.html", outlet='<i>Outlet</i> "X"', title=HOSTILE_TITLE), row("fine.txt")])
    corpus = load_corpus(folder)
    out = tmp_path / "reader"
    assert write_reader(corpus, annotations(corpus), out) == 2
    for path in [out / "index.html", out / page_name("evil.html")]:
        raw = path.read_text(encoding="utf-8")
        page = Page(raw)
        assert page.tags <= TAGS and page.attributes <= ATTRIBUTES and not page.errors, path.name
        assert all(h == "index.html" or h.startswith("article-") for h in page.hrefs)
        assert "<script" not in raw and "<img" not in raw and "<b " not in raw and "<i>" not in raw
    page = Page((out / page_name("evil.html")).read_text(encoding="utf-8"))
    shown = "".join(page.text)
    for text in ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">', "<b onmouseover=alert(3)>",
                 "<a href='javascript:alert(4)'>", "2021 & later; 1 < 2 > 0", '<i>Outlet</i> "X"']:
        assert text in shown
    assert "alert(9)" not in shown  # the page's own script is not article text
    assert any(m[0] == "q" and "sanctions" in m[2] for m in page.marks)  # and the quotation is still marked
    assert any(m[0] == "mark" and m[1].get("data-when") == "2018-10-05…2018-10-05" for m in page.marks)


def test_stale_pages_go_and_nothing_else(make_corpus, tmp_path):
    other = "Moscow said the second regiment of the air defence system would reach India by the end of the year.\n"
    folder = make_corpus({"a.txt": article(), "b.txt": article("Second story", other)}, rows=[row("a.txt"), row("b.txt")])
    out = tmp_path / "reader"
    out.mkdir()
    mine = {"notes.html": "my notes", "article-notes.txt": "kept", "index.css": "kept"}
    for name, text in mine.items():
        (out / name).write_text(text, encoding="utf-8")
    assert main(["reader", str(folder), str(out)]) == 0
    assert (out / page_name("b.txt")).is_file()
    make_corpus({}, rows=[row("a.txt")])  # b.txt leaves the manifest
    assert main(["reader", str(folder), str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([*mine, "index.html", page_name("a.txt")])
    assert all((out / name).read_text(encoding="utf-8") == text for name, text in mine.items())


def test_reader_is_byte_identical_across_runs(tmp_path):
    corpus = load_corpus(SEEDS)
    notes = annotations(corpus)
    first, second = tmp_path / "one", tmp_path / "two"
    write_reader(corpus, notes, first)
    write_reader(corpus, notes, second)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)
    assert not any(str(Path.cwd()) in (first / n).read_text(encoding="utf-8") for n in names)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=12), min_size=2, max_size=6, unique=True))
def test_page_names_are_distinct_and_safe(files):
    names = [page_name(f) for f in files]
    assert len(set(names)) == len(names)
    assert all(re.fullmatch(r"article-[A-Za-z0-9._-]+\.html", n) for n in names)


SPAN = st.tuples(st.integers(0, 60), st.integers(1, 20))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet='ab <>&"\'x', min_size=60, max_size=80), quotes=st.lists(SPAN, max_size=3),
       dates=st.lists(SPAN, max_size=4), terms=st.lists(SPAN, max_size=4))
def test_any_marks_nest_and_keep_the_text(text, quotes, dates, terms):
    """Whatever spans the extractors return (overlapping, touching, crossing a quotation's edge), the page's tags
    nest and its paragraph shows exactly the article's text."""
    import pandas as pd

    def spans(pairs, extra):
        return [(a, min(a + n, len(text)), *extra) for a, n in pairs]

    chosen, end = [], 0
    for a, b, *rest in sorted(spans(quotes, ("Someone", "India"))):
        if a >= end:
            chosen.append((a, b, *rest))
            end = b
    paragraphs = pd.DataFrame({"start": [0], "end": [len(text)], "kind": ["body"]})
    removed = pd.DataFrame(columns=["line", "rule", "text"])
    record = {"text": text, "title": "t", "outlet": "o", "published": "2021-01-01", "date_precision": "day", "file": "f.txt"}
    page = Page(article_page(record, paragraphs, removed, chosen, spans(dates, ("2021-01-01…2021-01-01",)),
                             spans(terms, ("Frame",)), "label"))
    assert not page.errors and not page.stack
    body = "".join(page.text)
    assert text in body


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def render(page: Path, shot: Path, profile: Path) -> str:
    """Open ``page`` in a headless browser, save a screenshot; return what the browser logged (console included)."""
    done = subprocess.run([BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                           "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
                           "--enable-logging=stderr", "--v=0", "--window-size=1000,1600", f"--screenshot={shot}", page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert shot.is_file(), done.stderr[-2000:]
    return done.stderr


@pytest.mark.skipif(BROWSER is None, reason="no chromium on this machine: .ci/run installs it where it can (apt-get)")
def test_pages_render_in_a_browser_with_nothing_blocked(make_corpus, tmp_path):
    """In a real browser: the quotations show in their side's colour and dates in theirs, and the page asks for
    nothing the Content-Security-Policy blocks (no script, no image, no remote load), hostile page included. The
    check of the log is itself checked: a page that breaks the policy is caught."""
    from PIL import Image

    folder = make_corpus({"evil.html": HOSTILE, "fine.txt": article()}, rows=[row("evil.html"), row("fine.txt")])
    out = tmp_path / "reader"
    corpus = load_corpus(SEEDS)
    write_reader(corpus, annotations(corpus), out)
    hostile = load_corpus(folder)
    write_reader(hostile, annotations(hostile), tmp_path / "hostile")
    speech = annotations(corpus).quotes.query("kind == 'speech'")
    file = speech["file"].value_counts().sort_index().idxmax()
    sides = sorted(set(speech.loc[speech["file"] == file, "side"]) - {""})
    pages = [out / page_name(file), out / "index.html", tmp_path / "hostile" / page_name("evil.html")]
    for number, page in enumerate(pages):
        log = render(page, tmp_path / f"{number}.png", tmp_path / "profile")
        assert "Content Security Policy" not in log and "ERR_" not in log, log[-2000:]
    colours = {tuple(px) for px in Image.open(tmp_path / "0.png").convert("RGB").get_flattened_data()}
    for colour in [SIDE_COLOURS[s] for s in sides] + ["#0072B2"]:
        assert tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) in colours, colour
    broken = tmp_path / "broken.html"
    broken.write_text(pages[0].read_text(encoding="utf-8").replace("<h1>", '<img src="https://example.invalid/x.png"><h1>'), encoding="utf-8")
    assert "Content Security Policy" in render(broken, tmp_path / "broken.png", tmp_path / "profile")
