"""From the bytes of a saved article to plain text, whatever state the web left it in.

In:  the raw bytes of one file.
Out: :class:`Decoded` - the text (``\\n`` line ends, no BOM), the encoding used, whether it was an HTML
page, the page's ``<title>``/``<h1>`` if any, and the problems met (each with severity, reason and fix).
Binary files, images and empty files give ``text=None`` and an error; nothing raises.

**Encoding.** A file is read as UTF-8 when it is UTF-8. A file that is UTF-8 except for a few invalid bytes
(a stray Windows-1252 quote pasted into a UTF-8 page, a character cut in a copy) stays UTF-8: each invalid
sequence becomes U+FFFD (Python's ``errors="replace"``), and a warning says how many bytes were replaced and the
byte offset of the first. Windows-1252 (Latin-1 when the file holds one of the five bytes Windows-1252 leaves
undefined) is the fallback only for a file that is clearly not UTF-8 (:func:`mostly_utf8`):

* it has no valid multi-byte UTF-8 character at all (its accented letters and curly quotes are single high
  bytes, as in a Windows-1252 or Latin-1 file), or
* its invalid bytes outnumber its valid multi-byte UTF-8 characters (:data:`MAX_INVALID_PER_CHARACTER`).

The rule rests on a wide gap: a real Windows-1252 file almost never holds even one valid multi-byte sequence
(that takes a byte in C2-F4 followed by bytes in 80-BF, as in "Ã©"), while a UTF-8 file damaged by a few bytes
holds many more good characters than bad bytes. A file with more bad bytes than good characters, if it is UTF-8
at all, was pasted together from both; it is read as Windows-1252, as every invalid file was before. Offsets in the messages are byte offsets into the file as saved
(a UTF-8 byte order mark counts).

**Speed.** Everything is linear in the size of the file, hostile markup included. ``html.parser`` (Python 3.11)
re-reads the rest of a page once per start tag left open: a page saved half-way through 40,000 links
(``<a <a <a ...``, 125 KB) took three minutes. The end of the page is therefore finished here in one pass with the
same result (:meth:`_Extractor.finish`); the test for tags in plain text, the stack of skipped elements and the
title are linear too. ``benchmarks/hostile_inputs.py`` times it; ``tests/corpus/test_decode.py`` checks the
results against ``html.parser``'s own.

Only the standard library is used: ``codecs`` for decoding, ``html.parser`` for saved pages (it is
tolerant of broken markup and decodes entities).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

#: Signatures of files that are not text, whatever their name says.
MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"RIFF": "a RIFF file (WebP image or audio)",
    b"\xd0\xcf\x11\xe0": "a legacy Office document",
    b"\x1f\x8b": "a gzip archive",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<head|<body)", re.I)
_TAG = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|body|script|li|ul|meta|link)\b[^>]*>", re.I)
#: The start of a :data:`_TAG` (its name); :func:`_count_tags` finds the ``>`` itself.
_TAG_OPEN = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section|body|script|li|ul|meta|link)\b", re.I)
_MOJIBAKE = re.compile("â€[™œ\u009d“”˜¦]|Ã[©¨¢]")


@dataclass
class Decoded:
    text: str | None
    encoding: str = ""
    html: bool = False
    html_title: str = ""
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (severity, problem, fix)


def decode_bytes(raw: bytes) -> Decoded:
    """Decode one article file; see the module docstring."""
    out = Decoded(text=None)
    if not raw.strip():
        what = "empty" if not raw else "whitespace only"
        out.problems.append(("error", f"the file is {what}", "save the article text into it again, or delete it and its manifest row"))
        return out
    for magic, what in MAGIC.items():
        if raw.startswith(magic):
            out.problems.append(("error", f"the file is {what}, not text", "save the article as text (.txt) or as an HTML page (.html), or remove it"))
            return out
    text, encoding = _decode(raw, out)
    if text is None:
        return out
    if "\x00" in text or len(_CONTROL.findall(text[:20000])) > 0.02 * min(len(text), 20000):
        out.problems.append(("error", "the file holds binary data, not text", "save the article as text (.txt) or as an HTML page (.html), or remove it"))
        return out
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        out.problems.append(("info", "Windows (CRLF) or old Mac (CR) line endings converted to \\n", "none needed"))
    if _MOJIBAKE.search(text):
        out.problems.append(("warning", "text looks double-encoded (e.g. 'â€™' for '’'): it was probably saved as UTF-8 read as Windows-1252", "re-save the article from the original page as UTF-8"))
    if _HTML_START.search(text) or _count_tags(text[:50000], 5) >= 5:
        page = extract_html(text)
        out.html, out.html_title, text = True, page.title, page.text
        out.problems.append(("info", "saved HTML page: article text extracted, scripts, navigation and markup dropped", "none needed; check removed.csv and the cleaned text"))
        if not text.strip():
            out.problems.append(("error", "the HTML page contains no article text", "save the article text itself (.txt), or a page that contains it"))
            return out
    out.text, out.encoding = text, encoding
    return out


def _count_tags(text: str, enough: int) -> int:
    """``len(_TAG.findall(text))``, counting no further than ``enough``, in one pass: ``_TAG`` itself re-reads the
    rest of the text from every tag name that no ``>`` follows (``<a <a <a ...``: quadratic)."""
    count = pos = 0
    while count < enough:
        m = _TAG_OPEN.search(text, pos)
        if m is None:
            break
        close = text.find(">", m.end())
        if close < 0:
            break  # no ">" after this tag name, so none after any later one either
        count += 1
        pos = close + 1
    return count


def _decode(raw: bytes, out: Decoded) -> tuple[str | None, str]:
    bom = 0
    if raw.startswith(b"\xef\xbb\xbf"):
        out.problems.append(("info", "UTF-8 byte order mark removed", "none needed"))
        raw, bom = raw[3:], 3
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            out.problems.append(("error", "the file starts with a UTF-16 mark but cannot be read as UTF-16", "re-save the article as UTF-8"))
            return None, ""
        out.problems.append(("warning", "file is UTF-16; decoded as such", "re-save the article as UTF-8"))
        return text, "utf-16"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        position = err.start + bom
    invalid, characters = utf8_census(raw)
    if mostly_utf8(invalid, characters):
        out.problems.append(
            (
                "warning",
                f"not valid UTF-8 in {invalid} byte{'s' if invalid != 1 else ''} (the first at byte offset {position}); "
                f"decoded as UTF-8 with {'each' if invalid != 1 else 'it'} replaced by U+FFFD",
                "check the text around that offset; re-save the article as UTF-8 from the original page to silence this",
            )
        )
        return raw.decode("utf-8", errors="replace"), "utf-8"
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        out.problems.append(
            (
                "warning",
                f"not valid UTF-8 (first bad byte at offset {position}); decoded as {'Windows-1252' if encoding == 'cp1252' else 'Latin-1'}",
                "check the curly quotes and dashes in the cleaned text; re-save the article as UTF-8 to silence this",
            )
        )
        return text, encoding
    return None, ""  # pragma: no cover - latin-1 decodes every byte


#: A file that is not valid UTF-8 is still read as UTF-8 (invalid bytes replaced) when its invalid bytes are at
#: most this many per valid multi-byte UTF-8 character (and it has at least one such character).
MAX_INVALID_PER_CHARACTER = 1.0
_ESCAPED = re.compile("[\udc80-\udcff]")


def utf8_census(raw: bytes) -> tuple[int, int]:
    """``(invalid bytes, valid multi-byte characters)`` of ``raw`` read as UTF-8, in one pass: decoding with
    ``surrogateescape`` turns each invalid byte into one lone surrogate, which valid UTF-8 never yields."""
    text = raw.decode("utf-8", errors="surrogateescape")
    invalid = len(_ESCAPED.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return invalid, non_ascii - invalid


def mostly_utf8(invalid: int, characters: int) -> bool:
    """The decision of the module docstring: UTF-8 with replacements, or (False) clearly not UTF-8."""
    return characters > 0 and invalid <= MAX_INVALID_PER_CHARACTER * characters


# --------------------------------------------------------------------------------------------------- HTML

#: ``<header>`` holds a site's banner, or an article's headline and standfirst: it is read, and what it held is
#: dropped at ``</header>`` unless it held the ``<h1>`` (see :meth:`_Extractor.handle_endtag`).
SOFT_SKIP = "header"
SKIP_TAGS = {"script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg",
             "button", "select", "template", "figcaption", "head", "menu", "dialog"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "base", "col", "embed", "param", "track"}
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "br", "section", "article",
              "tr", "pre", "ul", "ol", "table", "main", "figure", "dd", "dt", "hr"}
_NOISE_ATTR = re.compile(
    r"\b(?:nav|menu|share|sharing|social|related|comment|comments|cookie|newsletter|subscribe|footer|header|"
    r"sidebar|breadcrumbs?|advert|ad-slot|promo|popup|modal|byline-share)\b", re.I)
_SPACE = re.compile(r"[ \t\f\v\u00a0]+")


@dataclass
class Page:
    title: str
    text: str


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skip: list[str] = []
        self.skip_count: dict[str, int] = {}  # tag -> its number in ``skip`` (an end tag's lookup without a scan)
        self.article_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title_parts: list[str] = []  # joined once at the end (``+=`` per piece is quadratic)
        self.h1_parts: list[str] = []
        self.blocks: list[tuple[bool, list[str]]] = [(False, [])]
        self.headers: list[tuple[int, bool]] = []  # open <header>s: (blocks before it, whether it held an <h1>)
        self.lead: set[int] = set()  # blocks of a kept <header>: the article's headline and standfirst

    @property
    def title(self) -> str:
        return "".join(self.title_parts)

    @property
    def h1(self) -> str:
        return "".join(self.h1_parts)

    def _new_block(self) -> None:
        if self.blocks[-1][1]:
            self.blocks.append((self.article_depth > 0, []))
        else:
            self.blocks[-1] = (self.article_depth > 0, [])

    def _push_skip(self, tag: str) -> None:
        self.skip.append(tag)
        self.skip_count[tag] = self.skip_count.get(tag, 0) + 1

    def _pop_skip(self) -> str:
        tag = self.skip.pop()
        self.skip_count[tag] -= 1
        return tag

    def handle_starttag(self, tag, attrs):
        attributes = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if tag == "title":
            self.in_title = True
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self.skip:
                self._new_block()
            return
        if self.skip or tag in SKIP_TAGS or (tag not in ("html", "body", "article", "main") and _NOISE_ATTR.search(attributes)):
            self._push_skip(tag)
            return
        if tag == "article":
            self.article_depth += 1
        if tag == "h1":
            self.in_h1 = True
            if self.headers:
                self.headers[-1] = (self.headers[-1][0], True)
        if tag == SOFT_SKIP:
            self._new_block()
            self.headers.append((len(self.blocks) - 1, False))
        if tag in BLOCK_TAGS:
            self._new_block()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.skip:
            if self.skip_count.get(tag):
                while self.skip and self._pop_skip() != tag:
                    pass
            return
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == "h1":
            self.in_h1 = False
        if tag == SOFT_SKIP and self.headers:
            start, kept = self.headers.pop()
            if kept:
                self.lead.update(range(start, len(self.blocks)))
                if self.headers:
                    self.headers[-1] = (self.headers[-1][0], True)
            else:  # a site banner: drop what it held
                del self.blocks[start:]
                self.blocks.append((self.article_depth > 0, []))
        if tag in BLOCK_TAGS:
            self._new_block()

    def handle_data(self, data):
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1_parts.append(data)
        self.blocks[-1][1].append(data)

    def parse_marked_section(self, i, report=1):
        """``<![name ...``: ``_markupbase`` raises on a name it does not know (``<![foo``); read it as a bogus
        comment up to the next ``>`` instead (what browsers do), so that no page makes decoding raise."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def finish(self, markup: str) -> None:
        """``close()`` for a parser fed ``markup`` once, with the same calls to the handlers, in linear time.

        ``feed`` stops at the first construct left open (a start tag, end tag, comment or declaration with no
        end); ``close`` then reads that construct as text up to the next ``>`` (else the next ``<``) and parses on
        - but ``html.parser`` (Python 3.11) finds that a construct is open by reading the rest of the page, once
        per open construct: ``<a <a <a ...`` costs the square of its length. Here: (1) a rest with no ``>`` and
        no NUL holds no complete construct (every ``<`` starts an open one or is a lone ``<``), so all of it is
        text, handled at once; (2) otherwise the open construct is read as text up to the next ``>`` (else ``<``)
        exactly as ``close`` does, and ``feed`` goes on to the next open construct. Should (2) cost more than
        :data:`FINISH_WORK` times the page (no page tried so far comes near; a NUL byte in markup with no ``>``
        could), the rest is read as text with its tags removed."""
        size = len(markup)
        last_gt = markup.rfind(">")
        last_nul = markup.rfind("\x00")
        work = 0
        while True:
            rest = self.rawdata
            if len(rest) < 2 or rest[0] != "<" or self.cdata_elem is not None:
                break  # nothing left open, a lone "<", a trailing "&..." or an unclosed <script>: linear in close()
            offset = size - len(rest)
            if offset > last_gt and offset > last_nul:
                self.handle_data(unescape(rest))
                self.rawdata = ""
                break
            work += len(rest)
            if work > FINISH_WORK * (size + 1_000_000):
                end = max(0, last_gt + 1 - offset)
                self.handle_data(unescape(_ANY_TAG.sub(" ", rest[:end]) + rest[end:]))
                self.rawdata = ""
                break
            k = rest.find(">", 1) + 1  # what close() does with an open construct
            if k == 0:
                k = rest.find("<", 1)
                k = k if k > 0 else 1
            self.handle_data(unescape(rest[:k]))
            self.rawdata = rest[k:]
            self.goahead(0)
        self.close()


#: :meth:`_Extractor.finish` gives up parsing the rest of a page after reading this many times its size.
FINISH_WORK = 8
_ANY_TAG = re.compile(r"<[^>]*>")


def extract_html(markup: str) -> Page:
    """The readable text of a saved page: the ``<article>`` element if there is one (with the ``<header>`` that
    holds the page's ``<h1>``: headline and standfirst), else the body, without scripts, styles, navigation, site
    banners, footers, forms or share/comment/related widgets.
    One line per block element; entities decoded."""
    parser = _Extractor()
    parser.feed(markup)
    parser.finish(markup)
    in_article = [b for i, b in enumerate(parser.blocks) if b[0] or i in parser.lead]
    chosen = in_article if any(b[0] for b in parser.blocks) else parser.blocks
    lines = [_SPACE.sub(" ", "".join(parts)).strip() for _, parts in chosen]
    lines = [line for line in lines if line]
    h1 = _SPACE.sub(" ", parser.h1).strip()
    if h1 and h1 not in lines[:8]:  # the headline first, unless the article's header already gave it
        lines.insert(0, h1)
    title = _SPACE.sub(" ", parser.title).strip() or h1
    return Page(title=title, text="\n\n".join(lines) + "\n")
