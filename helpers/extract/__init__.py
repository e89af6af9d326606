"""Step 2, the extractors: pure functions of one article's plain data (text, sentences, dates) and the knowledge
files in ``helpers/data/`` -> rows. No corpus, no I/O besides reading knowledge files, so each runs in any process.

One module (or sub-package) per extractor: :mod:`.quotes` (quotations and speakers), :mod:`.dates` (temporal
expressions), :mod:`.events` (dated mentions with topic and milestone), :mod:`.frames` (frame coding),
:mod:`.claims` (the story's key facts), :mod:`.mentions` (keyword counts), :mod:`.wire` (wire-agency credits),
:mod:`.readability` (textstat-identical scores); :mod:`.actors` reads the actors and institutions lists and
:mod:`.trie` builds the one-pass alternations the scanners use.
"""
