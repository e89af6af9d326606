"""The columns of every exported table, with their types and meaning: one place that orders the CSVs written
by ``python -m helpers export`` and writes ``codebook.csv`` beside them for R and Stata users.

Types: ``str`` (UTF-8 text, empty = missing), ``int``, ``float``, ``bool`` (``True``/``False``),
``date`` (ISO ``YYYY-MM-DD``), ``list`` (space-separated tokens).
"""
from __future__ import annotations

import pandas as pd

from helpers.analysis.profiles import measure_schema

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
        *measure_schema(),  # per-article measures of notebook 01 (helpers/analysis/profiles.py)
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
    "similarity": [
        ("file_a", "str", "first article of the pair (file_a < file_b); listed pairs: each article's 10 nearest articles with cosine >= 0.05, and the same-event links that connect each event cluster (not all N x N pairs)"),
        ("file_b", "str", "second article of the pair"),
        ("outlet_a", "str", "outlet of file_a"),
        ("outlet_b", "str", "outlet of file_b"),
        ("cosine", "float", "TF-IDF cosine similarity of the cleaned texts (English stop words removed, sublinear tf), exact"),
        ("same_event", "bool", "cosine >= 0.25 and publication intervals at most 3 days apart: linked in one event cluster"),
    ],
    "quote_alignments": [
        ("speaker", "str", "canonical speaker (both quotes' speakers, ' / '-joined if they differ; empty when unknown)"),
        ("file_a", "str", "the earlier article (by date_start, then file)"),
        ("outlet_a", "str", "outlet of file_a"),
        ("published_a", "str", "publication date of file_a as in the manifest"),
        ("quote_id_a", "int", "quote_id of the quotation in file_a (quotes.csv)"),
        ("start_a", "int", "offset of the aligned passage in file_a's cleaned text"),
        ("end_a", "int", "offset just past the aligned passage in file_a"),
        ("text_a", "str", "the aligned passage as written in file_a (passages not next to each other joined by ' … ')"),
        ("file_b", "str", "the later article"),
        ("outlet_b", "str", "outlet of file_b"),
        ("published_b", "str", "publication date of file_b"),
        ("quote_id_b", "int", "quote_id of the quotation in file_b"),
        ("start_b", "int", "offset of the aligned passage in file_b's cleaned text"),
        ("end_b", "int", "offset just past the aligned passage in file_b"),
        ("text_b", "str", "the aligned passage as written in file_b"),
        ("score", "float", "2 x shared words (difflib, in order) / words of both passages: 1.0 only for the same words, lower with every word inserted or deleted"),
        ("containment", "float", "shared words / words of the shorter passage (the linking criterion): 1.0 = one contains the other"),
        ("partial", "bool", "the shorter passage has under 60% of the longer one's words (one outlet quotes part of what the other quotes)"),
        ("diff", "str", "word diff from a to b: [-only in a-] {+only in b+}; … marks words left out around a partial quote"),
        ("first", "str", "outlet that published first, 'same day', or 'unclear' when the publication intervals overlap"),
        ("n_articles_a", "int", "articles carrying rendering a word for word (same normalised words); file_a is the earliest"),
        ("files_a", "list", "those articles, '|'-separated in publication order"),
        ("n_articles_b", "int", "articles carrying rendering b word for word; file_b is the earliest"),
        ("files_b", "list", "those articles, '|'-separated in publication order"),
    ],
    "claims": [
        ("file", "str", "article file"),
        ("outlet", "str", "outlet"),
        ("published", "str", "publication date as in the manifest"),
        ("claim", "str", "deal_value, units, signed, delivery or caatsa_enacted (patterns in helpers/data/claims.csv)"),
        ("value", "str", "normalised value: 'USD 5.2 bn', '5 regiments or squadrons', 'regiment 3', '2018-10', 'by the end of 2021'"),
        ("number", "float", "the value as a number: billions of the currency, a count, an ordinal or a year; empty for schedules without a year"),
        ("unit", "str", "unit of number: '<currency> bn', the quantity counted (regiments or squadrons, systems, batteries, missiles: helpers/data/claim_quantities.csv), 'regiment (ordinal)', year, year-month, schedule"),
        ("currency", "str", "currency of an amount (helpers/data/claims_currencies.csv); empty otherwise"),
        ("amount", "float", "the amount in units of its currency (5.2 billion dollars = 5200000000)"),
        ("usd_bn", "float", "amount in US dollar billions, where claims_currencies.csv documents a rate (rupees: 73.6 a dollar, October 2018)"),
        ("precision", "float", "the precision the value is stated to, in the unit of number (0.1 for '$5.2 billion', 1 for '$5 billion'); values agree when they differ by no more than half the coarser precision"),
        ("comparable", "bool", "compared across outlets (deliveries and regiment numbers move on with time: not compared)"),
        ("as_written", "str", "the words the claim was read from"),
        ("sentence_id", "int", "sentence holding the claim (sentences.csv)"),
        ("evidence", "str", "the sentence, in full"),
    ],
    "reuse": [
        ("file_a", "str", "first publisher of the passage (earliest date_start, then file); one row per passage, not per pair of articles"),
        ("outlet_a", "str", "outlet of file_a"),
        ("start_a", "int", "offset of the shared passage in file_a's cleaned text"),
        ("end_a", "int", "offset just past the passage in file_a"),
        ("file_b", "str", "the next article (same order) carrying the passage"),
        ("outlet_b", "str", "outlet of file_b"),
        ("start_b", "int", "offset in file_b's cleaned text where the passage's first words occur"),
        ("end_b", "int", "offset just past the passage in file_b"),
        ("n_words", "int", "words shared word for word (runs of 8-word shingles, case-folded, carried by the same other articles)"),
        ("n_other", "int", "number of other articles carrying the passage (1 = only file_b)"),
        ("other_files", "list", "every other article carrying it, '|'-separated in publication order (file_b first)"),
        ("kind", "str", "quotation (mostly inside speech quotes in both file_a and file_b: the same words quoted) or text (republished copy)"),
        ("text", "str", "the passage as written in file_a"),
    ],
    # ===== framing tables (02) go here =====
    "frames": [
        ("file", "str", "article file"),
        ("sentence_id", "int", "sentence carrying the frame (sentences.csv): headline, subhead or body, coded alike"),
        ("frame", "str", "frame id from helpers/data/frames.csv (documented in helpers/data/frames.md)"),
        ("term", "str", "the first dictionary cue that coded the frame, as written (for a frame carried from the previous sentence: the sentence's opener, e.g. It)"),
        ("voice", "str", "journalist (a cue in the journalist's own words) or quoted (only inside speech quotes)"),
        ("speaker", "str", "for quoted: the speaker of the first quote carrying the frame (quotes.csv); empty for journalist or unknown"),
        ("side", "str", "for quoted: the speaker's side (Russia, India, US, China, Pakistan, other); empty when unknown or journalist"),
        ("negated", "bool", "True when the sentence invokes the frame only by denying it (codebook rule A: 'not a military alliance' still speaks of alliances)"),
        ("context", "str", "previous when the frame comes only from the sentence before (codebook rule B: 'The measure was passed' after a sentence on a CAATSA waiver); else empty"),
        ("coder", "str", "dictionary (frames.csv: a term, a denial or the previous sentence) or classifier (helpers/extract/frame_model.py, when only it found the frame)"),
    ],
    # ===== timeline tables (03) go here =====
    "events": [
        ("file", "str", "article file"),
        ("event_id", "int", "1-based position of the dated mention in the article"),
        ("sentence_id", "int", "sentence holding the date expression"),
        ("start", "int", "offset of the expression's first character in the cleaned text"),
        ("end", "int", "offset just past the expression's last character"),
        ("expression", "str", "the date expression as written (locating prepositions in/on/at left out; since/by kept)"),
        ("date_start", "date", "first day the expression can mean, resolved against the publication interval"),
        ("date_end", "date", "last day the expression can mean (a deadline 'by X' runs from publication to the end of X)"),
        ("precision", "str", "day, month, quarter, year or range (any other interval), derived from the interval"),
        ("relative", "bool", "True when resolving used the publication date (weekday, last year, since, by, ago, today)"),
        ("evidence", "str", "the sentence the expression occurs in"),
        ("topic", "str", "deal signed, delivery, sanctions/CAATSA, summit or visit, Ukraine war or other (helpers/data/event_topics.csv)"),
        ("milestone", "str", "story milestone or debate the sentence dates (helpers/data/event_topics.csv: contract signed, each delivery, CAATSA enacted, sanctions on Turkey, the waiver debate); empty otherwise"),
        ("planned", "bool", "True when the date had not happened when the article was written: it begins after publication, or the sentence speaks of it in the future tense (will, expected, scheduled) and it reaches past publication"),
    ],
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
