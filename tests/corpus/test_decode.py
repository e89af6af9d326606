"""Decoding: a UTF-8 file with a few bad bytes stays UTF-8 (replacements reported), a Windows-1252 file is still
read as Windows-1252, random bytes never make the decoder raise, and saved pages dense with links (or with tags
left open) give the text ``html.parser`` gives, in linear time (timings: ``benchmarks/hostile_inputs.py``)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.corpus import decode as D
from helpers.corpus.decode import decode_bytes, extract_html

ARTICLE = ("India and Russia signed the deal, officials said.\n\n"
           "“We will keep talking,” Lavrov said. The envoy called it “a new chapter” – and ‘Make in India’ works.\n")


def warnings(decoded: D.Decoded) -> list[str]:
    return [problem for severity, problem, _ in decoded.problems if severity == "warning"]


def test_one_invalid_byte_keeps_utf8_and_its_curly_quotes():
    raw = ARTICLE.encode("utf-8")
    cut = raw.index(b"signed")
    damaged = raw[:cut] + b"\x92" + raw[cut:]  # a Windows-1252 apostrophe pasted into a UTF-8 file
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8"
    assert decoded.text == ARTICLE[:ARTICLE.index("signed")] + "\ufffd" + ARTICLE[ARTICLE.index("signed"):]
    assert "“We will keep talking,”" in decoded.text and "‘Make in India’" in decoded.text and "â€" not in decoded.text
    [warning] = warnings(decoded)
    assert "1 byte" in warning and f"byte offset {cut}" in warning and "U+FFFD" in warning


def test_several_invalid_bytes_are_counted_and_the_first_located():
    raw = ARTICLE.encode("utf-8")
    damaged = raw[:10] + b"\xff" + raw[10:40] + b"\xe9\xe9" + raw[40:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 3
    [warning] = warnings(decoded)
    assert "3 bytes" in warning and "byte offset 10" in warning


def test_offset_counts_the_byte_order_mark():
    raw = b"\xef\xbb\xbf" + ARTICLE.encode("utf-8")
    damaged = raw[:20] + b"\x80" + raw[20:]
    decoded = decode_bytes(damaged)
    assert decoded.encoding == "utf-8" and "byte offset 20" in warnings(decoded)[0]


def test_windows_1252_file_is_still_windows_1252():
    text = ("Title line here\n\nThe minister’s visit – “a milestone” – was café talk for the élite, "
            "said the envoy. Prices rose 5 € and the “deal” closed.\n")
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.encoding == "cp1252" and decoded.text == text
    assert any("Windows-1252" in w for w in warnings(decoded))


def test_latin1_only_bytes_and_no_valid_sequence_fall_back():
    decoded = decode_bytes("Title\n\nSão Paulo and Zürich, naïve façade.\n".encode("latin-1"))
    assert decoded.encoding == "cp1252" and "São Paulo" in decoded.text
    decoded = decode_bytes(b"Title\n\nA byte Windows-1252 leaves undefined: \x81 here.\n")
    assert decoded.encoding == "latin-1"


def test_the_rule_between_utf8_and_windows_1252():
    """More invalid bytes than valid multi-byte characters: clearly not UTF-8."""
    good = "‘quoted’".encode("utf-8")  # two valid multi-byte characters
    assert D.utf8_census(b"plain " + good + b" \x92") == (1, 2)
    assert decode_bytes(b"Title\n\nplain " + good + b" \x92 \x93\n").encoding == "utf-8"  # 2 bad, 2 good
    assert decode_bytes(b"Title\n\nplain " + good + b" \x92 \x93 \x94\n").encoding == "cp1252"  # 3 bad, 2 good
    assert D.mostly_utf8(0, 0) is False and D.mostly_utf8(1, 1) is True and D.mostly_utf8(2, 1) is False


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw):
    decoded = decode_bytes(raw)
    assert isinstance(decoded, D.Decoded)
    assert decoded.text is None or isinstance(decoded.text, str)
    if decoded.text is None:
        assert any(severity == "error" for severity, _, _ in decoded.problems)
    text, encoding = D._decode(raw, D.Decoded(text=None))
    assert isinstance(text, str) and encoding in ("utf-8", "utf-16", "cp1252", "latin-1")


_MARKUP = ["<a ", "<a>", "</a>", "<a href='x'>", '<a href="y">', "<p>", "</p>", "<div class='share'>", "</div>", "<nav>",
           "</nav>", "<article>", "</article>", "<h1>", "</h1>", "<title>", "</title>", "<script>", "</script>", "<!--",
           "-->", "<!x>", "<!", "<?pi", "?>", ">", "<", "</", "</a", "=", '"', "'", "&amp;", "&", "&#39;", "&nbsp", ";",
           " ", "\n", "word", "Text here.", "<br>", "<br/>", "<![CDATA[", "]]>", "<![foo", "<![if x]>", "<b x='", "é"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKUP), max_size=60), st.binary(max_size=60))
def test_random_pages_never_raise(parts, tail):
    raw = ("<html><body>" + "".join(parts)).encode("utf-8") + tail
    decoded = decode_bytes(raw)
    assert decoded.text is None or isinstance(decoded.text, str)


class _StdlibClose(D._Extractor):
    """The extractor finished by ``html.parser``'s own ``close()`` (quadratic on open tags): the reference."""

    def finish(self, markup: str) -> None:
        self.close()


def reference_html(markup: str) -> D.Page:
    original = D._Extractor
    D._Extractor = _StdlibClose
    try:
        return extract_html(markup)
    finally:
        D._Extractor = original


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([m for m in _MARKUP if m not in ("<![foo",)]), max_size=80))
def test_linear_finish_gives_the_stdlib_result(parts):
    markup = "<html><body>" + "".join(parts)
    assert extract_html(markup) == reference_html(markup)


#: Links, and what a page of ``n`` of them reads as. Pages of open tags end in them, as a page saved half-way does
#: (a ``>`` further on would close the first open tag, with the rest as its attributes: no longer hostile).
LINK_PAGES = {
    "closed": ('<a href="/news/{i}">story {i}</a> ', lambda n: " ".join(f"story {i}" for i in range(n))),
    "open tags": ("<a ", lambda n: " ".join(["<a"] * n)),
    "open attribute": ('<a href="/n{i}', lambda n: "".join(f'<a href="/n{i}' for i in range(n))),
}


def link_page(kind: str, n: int) -> str:
    link = LINK_PAGES[kind][0]
    page = ("<!doctype html><html><head><title>Links</title></head><body><article><h1>Links</h1>"
            "<p>The start &amp; more.</p><p>" + "".join(link.format(i=i) for i in range(n)))
    return page + "</p><p>The end.</p></article></body></html>" if kind == "closed" else page


@pytest.mark.parametrize("kind", LINK_PAGES)
def test_page_with_many_links_decodes_to_its_text(kind):
    n = 20000
    decoded = decode_bytes(link_page(kind, n).encode("utf-8"))
    assert decoded.html and decoded.html_title == "Links"
    tail = ["The end.\n"] if kind == "closed" else []
    assert decoded.text.split("\n\n") == ["Links", "The start & more.", LINK_PAGES[kind][1](n).strip()
                                           + ("" if tail else "\n"), *tail]
    small = link_page(kind, 300)  # the same page, small enough for the quadratic reference
    assert extract_html(small) == reference_html(small)


def test_links_inside_skipped_blocks_and_open_titles():
    nav = "<html><body><nav>" + "<a>" * 3000 + "</b>" * 3000 + "</nav><p>Kept text.</p></body></html>"
    assert extract_html(nav).text == "Kept text.\n" and extract_html(nav) == reference_html(nav)
    title = "<html><head><title>" + "<b>x</b>" * 3000
    assert extract_html(title).title == "x" * 3000 and extract_html(title) == reference_html(title)


def test_unknown_marked_section_does_not_raise():
    page = extract_html("<html><body><p>Kept text.</p><![foo bar]> <p>More.</p>")
    assert page.text == "Kept text.\n\nMore.\n"
    assert extract_html("<html><body><p>Kept text.</p><![ x").text.startswith("Kept text.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["<a", "<p ", "</div", "<span x", ">", " ", "word", "<", "a>", "<ul>", "<LI>"]),
                max_size=40))
def test_tag_count_equals_the_tag_pattern(parts):
    text = "".join(parts)
    assert D._count_tags(text, 5) == min(5, len(D._TAG.findall(text)))
    assert D._count_tags(text, 10**6) == len(D._TAG.findall(text))


def test_plain_text_with_open_tag_names_is_read_as_text():
    text = "Title\n\n" + "<a " * 20000 + "\n"
    decoded = decode_bytes(text.encode("utf-8"))
    assert not decoded.html and decoded.text == text


def test_the_article_header_is_kept_and_a_site_banner_dropped():
    """A ``<header>`` that holds the page's ``<h1>`` is the article's: its headline and standfirst are text, before
    the article; a ``<header>`` without it is the site's banner and is dropped."""
    page = ("<html><body><header><div>Site name</div><a href='/'>Home</a></header>"
            "<header><h1>Envoy says deliveries on track</h1><p class='dek'>The second unit arrives in spring.</p></header>"
            "<article><p>Body text about the S-400 deliveries, the envoy said.</p></article>"
            "<footer>Copyright</footer></body></html>")
    text = decode_bytes(page.encode()).text
    assert text.strip().split("\n\n")[:3] == ["Envoy says deliveries on track", "The second unit arrives in spring.",
                                      "Body text about the S-400 deliveries, the envoy said."]
    assert "Site name" not in text and "Home" not in text and "Copyright" not in text
    no_article = page.replace("<article>", "<div>").replace("</article>", "</div>")
    assert decode_bytes(no_article.encode()).text == text  # the same without an <article> element
