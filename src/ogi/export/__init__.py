"""Export a processed corpus for statisticians: a wide table, the long tables and a codebook.

``ogi export DIR --format csv|parquet|dta|xlsx --out PATH`` writes into ``PATH``:

- ``reports.<ext>`` — the wide table, one row per report of ``reports`` (every status; filter
  on ``status``): ids, metadata, status, every table cell (``t3_granted_total`` …; names over
  32 characters shortened deterministically, see :func:`column_name`), the main request
  measures with their basis, findings by severity, statements by kind and topic, claims by
  verdict;
- ``sections``, ``cells``, ``findings``, ``statements``, ``claims`` — the long tables;
- ``codebook.md`` and ``codebook.csv`` — every exported column: file, name, type, meaning,
  template row and column (Chinese labels), allowed values.

Stata files are version 118 (UTF-8) with variable labels (the template label of a cell
column, else its meaning; no column name is reserved in Stata or SQL);
in Parquet the list columns (``findings.cells``, ``statements.topics``) are native lists.
``xlsx`` writes one workbook ``export.xlsx`` with a sheet per table and a ``codebook`` sheet (see
:mod:`ogi.export.xlsx` for Excel's limits: rows per sheet, characters per cell).

Example:
    >>> column_name("table3.denied_three_safety_one_stability.org_public_welfare")
    't3_denied_three_safety__c95fdc22'
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Literal

import pandas as pd

from ogi.errors import UsageError

__all__ = ["FORMATS", "LONG_TABLES", "cell_labels", "column_name", "export", "wide_table"]

#: Export formats.
FORMATS: tuple[str, ...] = ("csv", "parquet", "dta", "xlsx")
#: The long tables exported beside the wide one.
LONG_TABLES: tuple[str, ...] = ("sections", "cells", "findings", "statements", "claims")
_MAX = 32
_EXT = {"csv": "csv", "parquet": "parquet", "dta": "dta", "xlsx": "xlsx"}
_SEVERITIES = ("error", "uncertain", "warning", "info")
_KINDS = ("problem", "improvement", "other")


def column_name(cell: str) -> str:
    """The wide-table column of a cell path: ``t3_<row>_<column>``, at most 32 characters.

    A longer name keeps its first 23 characters and ends with ``_`` and 8 hex digits of the
    SHA-1 of the full path, so names stay distinct and the same in every export.
    """
    table, _, key = cell.partition(".")
    name = f"t{table.removeprefix('table')}_{key.replace('.', '_')}"
    if len(name) <= _MAX:
        return name
    return f"{name[:_MAX - 9]}_{hashlib.sha1(cell.encode()).hexdigest()[:8]}"


def cell_labels() -> dict[str, str]:
    """Cell path → Chinese label (``表三 一、本年新收… / 自然人``) from the template spec (2021, then 2019)."""
    from ogi.spec import raw_spec

    out: dict[str, str] = {}
    for version in ("2019", "2021"):  # 2021 last: its labels win where both have the cell
        v = raw_spec()["versions"][version]
        for block in v["table2"]["blocks"]:
            for r in block["rows"]:
                for c in block["columns"]:
                    out[f"table2.{block['block']}.{r['key']}.{c['key']}"] = (
                        f"表二 {block['caption']} {r['label']} / {c['label']}")
        for r in v["table3"]["rows"]:
            for c in v["table3"]["columns"]:
                out[f"table3.{r['key']}.{c['key']}"] = f"表三 {r['label']} / {c['label']}"
        for c in v["table4"]["columns"]:
            words = ["表四", c.get("block"), c.get("super_group"), c["label"]]
            out[f"table4.{c['key']}"] = " ".join(w for w in words if w)
    return out


def _counts(df: pd.DataFrame, col: str, values: tuple[str, ...], prefix: str) -> pd.DataFrame:
    if df.empty:
        return pd.DataFrame(columns=[f"{prefix}{v}" for v in values])
    c = df.groupby(["report_id", col]).size().unstack(col)
    return c.reindex(columns=list(values)).fillna(0).astype("int64").add_prefix(prefix)


def wide_table(data: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, dict[str, dict]]:
    """The wide table (one row per ``reports`` row) and the codebook entry of each of its columns."""
    from ogi.analysis.measures import TOPIC_LABELS, VERDICTS, request_volume
    from ogi.export.codebook import base_entries
    from ogi.nlp.taxonomy import topic_order

    rep = data["reports"].copy()
    book = {c: e for c, e in base_entries("reports").items() if c in rep.columns}
    cells = data["cells"]
    labels = cell_labels()
    paths = cells["tbl"] + "." + cells["key"]
    wide = cells.assign(cell=paths).pivot_table(index="report_id", columns="cell", values="value", aggfunc="first",
                                                dropna=False)
    order = [p for p in sorted(set(paths))]
    names = {p: column_name(p) for p in order}
    wide = wide.reindex(columns=order).rename(columns=names)
    for p in order:
        book[names[p]] = {"type": "float64", "meaning": f"cell {p}: value printed (or settled by an override); "
                          "null when blank, ambiguous or unreadable (see the cells file)",
                          "template": labels.get(p, ""), "values": ""}
    vol = request_volume(data, include="all").set_index("report_id")
    meas = vol[["new_received", "carried_over", "result_total", "carried_forward", "basis"]].add_prefix("m_")
    for c in meas.columns:
        book[c] = {"type": "string" if c == "m_basis" else "float64",
                   "meaning": ("basis of the m_ request measures: the weakest of the four" if c == "m_basis" else
                               f"{c[2:]}: the row's 总计 of table 三, printed or derived from the applicant columns"),
                   "template": labels.get(f"table3.{c[2:]}.total", "") if c != "m_basis" else "",
                   "values": "printed, override, derived, missing" if c == "m_basis" else ""}
    st = data["statements"].copy()
    topics = st.assign(topic=st["topics"].map(lambda v: json.loads(v) if isinstance(v, str) else [])).explode("topic")
    parts = [_counts(data["findings"], "severity", _SEVERITIES, "f_"), _counts(st, "kind", _KINDS, "s_"),
             _counts(topics.dropna(subset=["topic"]), "topic", tuple(topic_order(topics["topic"].dropna())), "tp_"),
             _counts(data["claims"], "verdict", VERDICTS, "c_")]
    what = {"f_": "findings of severity", "s_": "statements of kind", "tp_": "statements with topic",
            "c_": "claims with verdict"}
    out = rep.merge(wide, left_on="report_id", right_index=True, how="left")
    out = out.merge(meas, left_on="report_id", right_index=True, how="left")
    for part in parts:
        out = out.merge(part, left_on="report_id", right_index=True, how="left")
        for c in part.columns:
            out[c] = out[c].fillna(0).astype("int64")
            pre = c.split("_", 1)[0] + "_"
            value = c[len(pre):]
            book[c] = {"type": "int64", "meaning": f"{what[pre]} {value}",
                       "template": TOPIC_LABELS.get(value, "") if pre == "tp_" else "", "values": "0, 1, 2 …"}
    return out.reset_index(drop=True), book


def _native_lists(t: str, df: pd.DataFrame) -> pd.DataFrame:
    col = {"findings": "cells", "statements": "topics"}.get(t)
    if col and col in df.columns:
        df = df.assign(**{col: df[col].map(lambda v: json.loads(v) if isinstance(v, str) else [])})
    return df


def _write(df: pd.DataFrame, path: Path, fmt: str, labels: dict[str, str]) -> None:
    if fmt == "csv":
        df.to_csv(path, index=False, encoding="utf-8")
    elif fmt == "parquet":
        df.to_parquet(path, index=False)
    else:
        st = df.copy()
        for c in st.columns:
            if str(st[c].dtype) in ("Int64", "Float64", "boolean", "bool"):
                st[c] = st[c].astype("float64")
            elif st[c].dtype == object or str(st[c].dtype).startswith("str"):
                st[c] = st[c].astype(object).where(st[c].notna(), "").astype(str)
        long = [c for c in st.columns if st[c].dtype == object and st[c].str.len().max() > 2045]
        st.to_stata(path, write_index=False, version=118, convert_strl=long,
                    variable_labels={c: labels.get(c, "")[:80] for c in st.columns})


def export(dataset: str | os.PathLike, out: str | os.PathLike, *,
           fmt: Literal["csv", "parquet", "dta", "xlsx"] = "csv",
           include: Literal["report", "all"] = "all") -> list[Path]:
    """Write the wide table, the long tables and the codebook of a processed corpus.

    Args:
        dataset: the output folder of ``ogi process``.
        out: the export folder (created).
        fmt: ``csv``, ``parquet``, ``dta`` (Stata 118) or ``xlsx`` (one workbook, a sheet per table).
        include: ``all`` rows (filter on ``status`` later) or only ``report`` ones.

    Returns:
        The files written.

    Raises:
        UsageError: not a processed corpus, or a bad option.
    """
    from ogi.analysis.data import is_processed, load_dataset, restrict
    from ogi.export.codebook import base_entries, write_codebook

    if fmt not in FORMATS:
        raise UsageError(f"invalid format {fmt!r}; valid values: {', '.join(FORMATS)}")
    if not is_processed(dataset):
        raise UsageError("not a processed corpus (no reports.parquet): run `ogi process` first", path=str(dataset))
    data = load_dataset(dataset)
    if include == "report":
        data = restrict(data, "report")
    dest = Path(out)
    dest.mkdir(parents=True, exist_ok=True)
    wide, book = wide_table(data)
    books = {"reports": book}
    files: list[Path] = []
    sheets: dict[str, pd.DataFrame] = {}
    for t in ("reports", *LONG_TABLES):
        df = wide if t == "reports" else _native_lists(t, data[t]) if fmt == "parquet" else data[t]
        if t != "reports":
            books[t] = base_entries(t)
        labels = {c: books[t].get(c, {}).get("template") or books[t].get(c, {}).get("meaning", "")
                  for c in df.columns}
        if fmt == "xlsx":
            sheets[t] = df
            continue
        path = dest / f"{t}.{_EXT[fmt]}"
        _write(df, path, fmt, labels)
        files.append(path)
    if fmt == "xlsx":
        from ogi.export.xlsx import write_workbook

        files.append(write_workbook(sheets, books, dest / "export.xlsx"))
    files += write_codebook(books, dest, fmt=fmt)
    return files
