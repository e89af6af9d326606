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

import os as _os

import pyarrow as _pa

# Arrow holds pandas' text columns. Its default pool (mimalloc) keeps memory it has freed, so the memory of every
# step's temporary tables stayed with the process; from the C library's heap it goes back to the system between
# steps (helpers.parallel.release_free_memory): a 10,000-article export peaked at 1,340-1,368 MB instead of
# 1,424-1,432 MB, in the same time. A researcher's own ARROW_DEFAULT_MEMORY_POOL wins.
if "ARROW_DEFAULT_MEMORY_POOL" not in _os.environ:
    _pa.set_memory_pool(_pa.system_memory_pool())

#: The package version (also in CITATION.cff); part of every corpus fingerprint.
__version__ = "0.2.0"
