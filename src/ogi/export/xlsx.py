"""The Excel workbook of an export: a sheet per table and a codebook sheet, within Excel's limits.

Excel holds at most 1,048,576 rows per sheet (one of them the header) and 32,767 characters per
cell, and no control characters other than tab, line feed and carriage return.  So:

- a table longer than :data:`MAX_ROWS` data rows goes on in sheets ``<table>_2``, ``<table>_3`` …
  (each with the header; rows in the same order), and the ``codebook`` sheet lists those sheets;
- a text longer than :data:`MAX_CHARS` is cut and ends with ``…[cut, N chars]`` (N its full
  length; the csv and Parquet exports hold it whole);
- a control character Excel refuses is written as U+FFFD.

Numbers are never changed; a null is an empty cell.  List columns are JSON text, as in csv.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["MAX_CHARS", "MAX_ROWS", "sheet_names", "write_workbook"]

#: Data rows per sheet (Excel's 1,048,576 less the header row).
MAX_ROWS = 1_048_575
#: Characters per cell.
MAX_CHARS = 32_767


def sheet_names(table: str, rows: int, *, max_rows: int | None = None) -> list[str]:
    """The sheets a table of ``rows`` rows fills: ``cells``, ``cells_2`` … (at least one)."""
    per = max_rows or MAX_ROWS
    n = max(1, math.ceil(rows / per))
    return [table] + [f"{table}_{i}" for i in range(2, n + 1)]


def _value(v: Any) -> Any:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, str):
        v = ILLEGAL_CHARACTERS_RE.sub("\ufffd", v)
        if len(v) > MAX_CHARS:
            mark = f"…[cut, {len(v)} chars]"
            v = v[:MAX_CHARS - len(mark)] + mark
        return v
    if hasattr(v, "item"):  # numpy scalars
        return v.item()
    return v


def _rows(df: pd.DataFrame) -> list[list[Any]]:
    return [[_value(v) for v in row] for row in df.astype(object).itertuples(index=False, name=None)]


def write_workbook(sheets: dict[str, pd.DataFrame], books: dict[str, dict[str, dict]], path: Path, *,
                   max_rows: int | None = None) -> Path:
    """Write ``path``: one sheet per table (continued past ``max_rows``) and a ``codebook`` sheet.

    Args:
        sheets: table name → its frame, in sheet order.
        books: table name → column → codebook entry (type, meaning, template, values).
        path: the workbook to write.
        max_rows: data rows per sheet (default :data:`MAX_ROWS`; smaller only to test the split).

    Returns:
        ``path``.
    """
    from openpyxl import Workbook

    per = max_rows or MAX_ROWS
    wb = Workbook(write_only=True)
    spans: dict[str, list[str]] = {}
    for table, df in sheets.items():
        names = sheet_names(table, len(df), max_rows=per)
        spans[table] = names
        for i, name in enumerate(names):
            ws = wb.create_sheet(name)
            ws.append([str(c) for c in df.columns])
            for row in _rows(df.iloc[i * per:(i + 1) * per]):
                ws.append(row)
    ws = wb.create_sheet("codebook")
    ws.append(["sheet", "column", "type", "meaning", "template", "values"])
    for table, book in books.items():
        where = ", ".join(spans.get(table, [table]))
        for col, e in book.items():
            ws.append([_value(x) for x in (where, col, e["type"], e["meaning"], e["template"], e["values"])])
    wb.save(path)
    return path
