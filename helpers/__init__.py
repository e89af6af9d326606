"""The S-400 coverage collection's package. Its layout is the pipeline, one package per step; an import only goes
down this list (``tests/test_architecture.py`` checks it):

1. :mod:`helpers.corpus`   - a folder of articles -> a :class:`~helpers.corpus.load.Corpus` of tidy tables;
2. :mod:`helpers.extract`  - one article's plain data + knowledge files -> rows (pure extractors);
3. :mod:`helpers.annotate` - a corpus -> :class:`~helpers.annotate.Annotations` (every extractor over every
   article, parallel and cached);
4. :mod:`helpers.analysis` - tables -> tables (comparison, framing, the story in time, findings sentences);
5. :mod:`helpers.report`   - tables -> files (figures, notebooks' session, table schema, the ``export`` command).

:mod:`helpers.config` (paths) and :mod:`helpers.parallel` (the ordered process map) sit under every layer;
:mod:`helpers.__main__` (the command line) above them all. The knowledge files researchers edit are in
``helpers/data/`` (documented in ``helpers/data/README.md``).
"""

#: The package version (also in CITATION.cff); part of every corpus fingerprint.
__version__ = "0.2.0"
