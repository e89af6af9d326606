"""The columns of every exported table, with their types and meaning: one place that orders the CSVs written
by ``python -m helpers export`` and writes ``codebook.csv`` beside them for R and Stata users.

Types: ``str`` (UTF-8 text, empty = missing), ``int``, ``float``, ``bool`` (``True``/``False``),
``date`` (ISO ``YYYY-MM-DD``), ``list`` (space-separated tokens).
"""
from __future__ import annotations

import pandas as pd

TABLES: dict[str, list[tuple[str, str, str]]] = {
    "articles": [
        ("file", "str", "article file name, relative to the corpus folder; the key of every table"),
        ("outlet", "str", "publishing outlet, from the manifest"),
        ("published", "str", "publication date as given in the manifest (YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("date_precision", "str", "day, month or year: how much of the publication date is known"),
        ("date_start", "date", "first day the article can have been published"),
        ("date_end", "date", "last day the article can have been published (equals date_start for day precision)"),
        ("title", "str", "headline: from the manifest, else the page title, else the text's first line"),
        ("url", "str", "address the article was retrieved from, if known"),
        ("language", "str", "language code from the manifest"),
        ("notes", "str", "the researcher's notes from the manifest (provenance caveats: inferred outlet or day)"),
        ("source_format", "str", "text or html (a saved page whose article text was extracted)"),
        ("encoding", "str", "encoding the file was decoded with (utf-8 unless a warning says otherwise)"),
        ("n_words", "int", "words in the cleaned text, headline and subheads included"),
        ("n_sentences", "int", "body sentences"),
        ("n_paragraphs", "int", "paragraphs in the cleaned text, headline and subheads included"),
        ("english", "bool", "False when the article is not in English; English-only steps skip it"),
        ("flags", "list", "quality flags: missing_headline, very_short, non_english, suspect_garbled, html_extracted, encoding_guessed, duplicate, near_copy_of:<file>"),
        ("duplicate_of", "str", "the file this one duplicates (then it is not analysed); empty otherwise"),
        ("sha256", "str", "SHA-256 of the file's bytes"),
    ],
    "paragraphs": [
        ("file", "str", "article file"),
        ("paragraph_id", "int", "0-based position of the paragraph in the cleaned text"),
        ("kind", "str", "headline, subhead or body"),
        ("start", "int", "offset of the first character in the cleaned text (0-based, Python string index)"),
        ("end", "int", "offset just past the last character"),
        ("text", "str", "the paragraph"),
    ],
    "sentences": [
        ("file", "str", "article file"),
        ("sentence_id", "int", "0-based position of the sentence in the article"),
        ("paragraph_id", "int", "paragraph the sentence belongs to"),
        ("kind", "str", "headline, subhead or body (headlines and subheads are one 'sentence' each)"),
        ("start", "int", "offset of the first character in the cleaned text"),
        ("end", "int", "offset just past the last character"),
        ("text", "str", "the sentence"),
    ],
    "removed": [
        ("file", "str", "article file"),
        ("line", "int", "1-based line number in the decoded file (for HTML pages: in the extracted text)"),
        ("rule", "str", "cleaning rule that removed it (helpers/data/cleaning_rules.csv)"),
        ("text", "str", "what was removed"),
    ],
    "quotes": [
        ("file", "str", "article file"),
        ("quote_id", "int", "1-based position of the quotation in the article"),
        ("start", "int", "offset of the first quoted character (inside the marks) in the cleaned text"),
        ("end", "int", "offset just past the last quoted character"),
        ("text", "str", "exactly the characters between the quotation marks"),
        ("sentence_id", "int", "sentence containing the start of the quotation"),
        ("speaker", "str", "canonical name from helpers/data/actors.csv, or the name as written for people not in it; empty when unknown"),
        ("speaker_as_written", "str", "the words naming the speaker (he, the Russian foreign minister, Lavrov)"),
        ("cue", "str", "attribution verb or phrase (said, told, added, according to, pointed out, ...)"),
        ("kind", "str", "speech (a person's words, whole or partial) or term (a name or scare-quoted term with no speaker)"),
        ("side", "str", "speaker's side from the actors list (Russia, India, US, China, Pakistan, other); empty when unknown"),
        ("role", "str", "speaker's role from the actors list"),
        ("flags", "list", "unbalanced (no closing mark), multi_paragraph, continued (speaker carried over), headline"),
    ],
    # ===== source comparison tables (01) go here =====
    # ===== framing tables (02) go here =====
    # ===== timeline tables (03) go here =====
    "problems": [
        ("file", "str", "article file, or 'articles.csv line N' for a manifest row without a file"),
        ("severity", "str", "error (not analysed), warning (analysed, read with care) or info (a repair made)"),
        ("problem", "str", "what is wrong"),
        ("fix", "str", "what to do about it"),
    ],
}


def columns(table: str) -> list[str]:
    """The exported columns of ``table``, in order."""
    return [name for name, _, _ in TABLES[table]]


def codebook() -> pd.DataFrame:
    """One row per exported column: ``table, column, type, description``."""
    return pd.DataFrame(
        [{"table": f"{t}.csv", "column": c, "type": ty, "description": d} for t, cols in TABLES.items() for c, ty, d in cols]
    )
