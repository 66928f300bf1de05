"""Corpus processing: many report files into the corpus tables, in parallel and resumably.

``process(corpus, out_dir, workers=…, engine="local"|"dask")`` walks a folder, parses every
report (:func:`ogi.parse` stages, statements included) on a local process pool or a Dask
cluster, keeps the rows in a store keyed by file content hash (so reruns and killed runs
resume), and writes the tables of :mod:`ogi.dataset` as Parquet, a DuckDB file of views and
a provenance file.  The tables and columns are documented in ``docs/data-dictionary.md``.

Example:
    >>> from ogi.corpus import process
    >>> ds = process("corpora/sample", "results/corpus", workers=2)  # doctest: +SKIP
    >>> ds.connect().sql("SELECT template, count(*) FROM reports GROUP BY 1").fetchall()  # doctest: +SKIP
    [('2019', 4), ('2021', 5)]
"""

from __future__ import annotations

from ogi.corpus.crossyear import cross_year_findings
from ogi.corpus.engines import ENGINES, run_engine
from ogi.corpus.runner import DEFAULT_BATCH_SIZE, Dataset, process
from ogi.corpus.walk import CorpusFile, walk
from ogi.corpus.worker import DEFAULT_TIMEOUT, FileResult, process_file, run_batch

__all__ = [
           "DEFAULT_BATCH_SIZE",
           "DEFAULT_TIMEOUT",
           "ENGINES",
           "CorpusFile",
           "Dataset",
           "FileResult",
           "cross_year_findings",
           "process",
           "process_file",
           "run_batch",
           "run_engine",
           "walk",
]
