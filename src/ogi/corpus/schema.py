"""Arrow schemas of the corpus tables, derived from :mod:`ogi.dataset` (one source of truth).

The tables and columns are those of :data:`ogi.dataset.COLUMNS`; the types follow the
pandas dtypes of :func:`ogi.dataset.frames`, read from its dtype table without importing
pandas (``Int64`` -> int64, ``Float64`` -> float64, ``boolean`` -> bool, everything else ->
string).  The store's parts carry two private
columns more: ``_seq`` (row order within a report) and, in ``errors``, ``_sha`` (the
content hash the error belongs to); the final tables drop them.

Example:
    >>> schema("errors").names
    ['path', 'stage', 'reason']
"""

from __future__ import annotations

import functools

import pyarrow as pa

from ogi.dataset import COLUMNS, TABLES

__all__ = ["COLUMNS", "TABLES", "part_schema", "schema"]


def _dtypes() -> dict[str, dict[str, str]]:
    # the pandas dtypes frames() gives each column, read from the same table (no pandas import:
    # every worker process needs these schemas)
    from ogi.dataset import _DTYPES

    return {t: {c: _DTYPES[t].get(c, "object") for c in COLUMNS[t]} for t in TABLES}


def _arrow(dtype: str) -> pa.DataType:
    return {"Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_()}.get(dtype, pa.string())


@functools.cache
def schema(table: str) -> pa.Schema:
    """The Arrow schema of a final corpus table (columns of :data:`ogi.dataset.COLUMNS`)."""
    dts = _dtypes()[table]
    return pa.schema([(c, _arrow(dts[c])) for c in COLUMNS[table]])


@functools.cache
def part_schema(table: str) -> pa.Schema:
    """The schema of a table in the store's parts: the final columns plus private ones."""
    s = schema(table).append(pa.field("_seq", pa.int64()))
    return s.append(pa.field("_sha", pa.string())) if table == "errors" else s
