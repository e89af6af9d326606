"""From the bytes of a saved article to plain text, whatever state the web left it in.

In:  the raw bytes of one file.
Out: :class:`Decoded` - the text (``\\n`` line ends, no BOM), the encoding used, whether it was an HTML
page, the page's ``<title>``/``<h1>`` if any, and the problems met (each with severity, reason and fix).
Binary files, images and empty files give ``text=None`` and an error; nothing raises.

Only the standard library is used: ``codecs`` for decoding, ``html.parser`` for saved pages (it is
tolerant of broken markup and decodes entities).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
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
    if _HTML_START.search(text) or len(_TAG.findall(text[:50000])) >= 5:
        page = extract_html(text)
        out.html, out.html_title, text = True, page.title, page.text
        out.problems.append(("info", "saved HTML page: article text extracted, scripts, navigation and markup dropped", "none needed; check removed.csv and the cleaned text"))
        if not text.strip():
            out.problems.append(("error", "the HTML page contains no article text", "save the article text itself (.txt), or a page that contains it"))
            return out
    out.text, out.encoding = text, encoding
    return out


def _decode(raw: bytes, out: Decoded) -> tuple[str | None, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        out.problems.append(("info", "UTF-8 byte order mark removed", "none needed"))
        raw = raw[3:]
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
        position = err.start
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


# --------------------------------------------------------------------------------------------------- HTML

SKIP_TAGS = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
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
        self.article_depth = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.blocks: list[tuple[bool, list[str]]] = [(False, [])]

    def _new_block(self) -> None:
        if self.blocks[-1][1]:
            self.blocks.append((self.article_depth > 0, []))
        else:
            self.blocks[-1] = (self.article_depth > 0, [])

    def handle_starttag(self, tag, attrs):
        attributes = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if tag == "title":
            self.in_title = True
        if tag in VOID_TAGS:
            if tag in BLOCK_TAGS and not self.skip:
                self._new_block()
            return
        if self.skip or tag in SKIP_TAGS or (tag not in ("html", "body", "article", "main") and _NOISE_ATTR.search(attributes)):
            self.skip.append(tag)
            return
        if tag == "article":
            self.article_depth += 1
        if tag == "h1":
            self.in_h1 = True
        if tag in BLOCK_TAGS:
            self._new_block()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == "h1":
            self.in_h1 = False
        if tag in BLOCK_TAGS:
            self._new_block()

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
        self.blocks[-1][1].append(data)


def extract_html(markup: str) -> Page:
    """The readable text of a saved page: the ``<article>`` element if there is one, else the body,
    without scripts, styles, navigation, headers, footers, forms or share/comment/related widgets.
    One line per block element; entities decoded."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    in_article = [b for b in parser.blocks if b[0]]
    chosen = in_article or parser.blocks
    lines = [_SPACE.sub(" ", "".join(parts)).strip() for _, parts in chosen]
    lines = [line for line in lines if line]
    h1 = _SPACE.sub(" ", parser.h1).strip()
    if h1 and (not lines or lines[0] != h1):
        lines.insert(0, h1)
    title = _SPACE.sub(" ", parser.title).strip() or h1
    return Page(title=title, text="\n\n".join(lines) + "\n")
