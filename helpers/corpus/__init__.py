"""Step 1, the corpus: a folder of articles -> a :class:`~helpers.corpus.load.Corpus` of tidy tables, losing nothing.

In:  a folder with ``articles.csv`` and the article files.  Out: articles, paragraphs, sentences, removed lines and
problems (one row per file or manifest row that could not be used as is, with the reason and the fix).

Modules, in the order a file goes through them: :mod:`.manifest` (reading and checking ``articles.csv``),
:mod:`.published` (publication dates as intervals), :mod:`.decode` (bytes and saved HTML -> text), :mod:`.clean`
(scrape residue removed, with its audit), :mod:`.structure` (paragraphs and sentences), :mod:`.quality` (language,
garbling, near-duplicates), :mod:`.load` (all of it for a folder) and :mod:`.problems` (the problems table).
:mod:`.drafting` is the ``python -m helpers manifest`` command.
"""
