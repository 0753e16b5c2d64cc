"""Former home of the Parquet corpus datasets, kept only for the callers that still import it.

Everything here lives elsewhere now: the format in :mod:`analysis.dataset`, the entry points in
:mod:`analysis.corpus` (also ``analysis.write_corpus``, ``analysis.read_corpus``,
``analysis.open_corpus``), the command line in :mod:`analysis.cli`. Import from those.
"""

from analysis.corpus import open_corpus, read_corpus, write_corpus
from analysis.dataset import MARKER, PART_PAGES, is_corpus_dataset, write_tables

__all__ = ["MARKER", "PART_PAGES", "is_corpus_dataset", "open_corpus", "read_corpus", "write_corpus", "write_tables"]
