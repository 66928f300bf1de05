"""The corpus tables for analysis: read a processed corpus, or parse a folder of reports.

:func:`load_dataset` accepts either the output folder of ``ogi process`` (the tables of
:mod:`ogi.dataset` as ``<table>.parquet``) or a plain folder of report files, which it
parses with :func:`ogi.parse` and flattens with :func:`ogi.dataset.frames`.  Either way
the result is the same mapping of DataFrames, with the documented dtypes and rows in a
canonical order (so every measure, CSV and figure drawn from it is reproducible).

Example:
    >>> from ogi.analysis import load_dataset
    >>> data = load_dataset("corpora/sample")  # doctest: +SKIP
    >>> sorted(data)  # doctest: +SKIP
    ['cells', 'claims', 'errors', 'findings', 'reports', 'sections', 'statements']
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import pandas as pd

from ogi.dataset import COLUMNS, TABLES, frames
from ogi.errors import OgiError, UsageError

__all__ = ["canonical", "is_processed", "load_dataset", "parse_corpus_frames", "restrict", "table_hashes"]

_SORT: dict[str, list[str]] = {
    "reports": ["path", "report_id"], "sections": ["report_id", "idx"],
    "cells": ["report_id", "tbl", "key"], "findings": ["report_id", "idx", "rule"],
    "statements": ["report_id", "idx"], "claims": ["report_id", "idx"], "errors": ["path", "stage"],
}


def is_processed(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a processed corpus (holds ``reports.parquet``)."""
    return (Path(path) / "reports.parquet").is_file()


def canonical(data: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with the documented columns and dtypes, rows in a canonical order.

    Args:
        data: corpus tables (from :func:`ogi.dataset.frames` or read from Parquet).

    Returns:
        A new dict with every table of :data:`ogi.dataset.TABLES`; a missing table is empty.
    """
    empty = frames([])
    out = {}
    for t in TABLES:
        df = data.get(t)
        if df is None:
            df = empty[t]
        df = df.reindex(columns=COLUMNS[t] + [c for c in df.columns if c not in COLUMNS[t]])
        df = df.astype({c: empty[t][c].dtype for c in COLUMNS[t] if c in empty[t]}, errors="ignore")
        keys = [k for k in _SORT[t] if k in df.columns]
        if len(df) and keys:
            df = df.sort_values(keys, kind="mergesort", na_position="last")
        out[t] = df.reset_index(drop=True)
    return out


def restrict(data: Mapping[str, pd.DataFrame], include: Literal["report", "all"] = "report") -> dict[str, pd.DataFrame]:
    """The tables of the reports an analysis uses.

    Args:
        data: the corpus tables.
        include: ``"report"``: only the reports of status ``report`` (and their rows in every
            table); ``"all"``: every row of ``reports`` counted as a report (the ``status``
            column is dropped, so the measures' own filter lets everything through).

    Raises:
        UsageError: an invalid ``include``.
    """
    if include not in ("report", "all"):
        raise UsageError(f"invalid include {include!r}; valid values: report, all")
    rep = data["reports"]
    if include == "all" or "status" not in rep.columns:
        out = dict(data)
        out["reports"] = rep.drop(columns=[c for c in ("status",) if c in rep.columns])
        return out
    keep = rep[rep["status"].fillna("report") == "report"]
    ids = set(keep["report_id"])
    out = {t: (df[df["report_id"].isin(ids)].reset_index(drop=True) if "report_id" in df.columns and t != "reports"
               else df) for t, df in data.items()}
    out["reports"] = keep.reset_index(drop=True)
    return out


def parse_corpus_frames(corpus: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """Parse every report under ``corpus`` and return the corpus tables.

    Files are found as ``ogi process`` finds them (:func:`ogi.corpus.walk.walk`: ``gold``
    folders, README files and hidden files are skipped); paths are stored relative to
    ``corpus``.  A file of a format ogi cannot read, a link not followed or a file that
    cannot be parsed becomes a row of ``errors`` and the rest go on.

    Args:
        corpus: a folder of report files.

    Returns:
        The corpus tables (canonical order).

    Raises:
        UsageError: ``corpus`` is not a folder.
    """
    import ogi
    from ogi.corpus.walk import walk

    root = Path(corpus)
    if not root.is_dir():
        raise UsageError(f"corpus folder not found: {root}")
    records, errors = [], []
    for f in walk(root):
        if f.error:  # an unreadable format or a link not followed, as in ``ogi process``
            errors.append({"path": f.rel, "stage": "read", "reason": f.error})
            continue
        try:
            rec = ogi.parse(Path(f.path)).to_dict()
        except OgiError as e:
            errors.append({"path": f.rel, "stage": "parse", "reason": e.reason})
            continue
        rec.setdefault("source", {})["path"] = f.rel
        records.append(rec)
    from ogi.corpus.docmeta import file_meta

    out = frames(records, errors=errors)
    metas = [file_meta(root / p) for p in out["reports"]["path"]]
    out["reports"]["published"] = pd.Series([m["published"] for m in metas], dtype=object)
    out["reports"]["source_url"] = pd.Series([m["source_url"] for m in metas], dtype=object)
    return canonical(out)


def load_dataset(path: str | os.PathLike) -> dict[str, pd.DataFrame]:
    """The corpus tables of a processed corpus or of a folder of reports.

    Args:
        path: the output folder of ``ogi process`` (``<table>.parquet``) or a folder of
            report files (parsed here).

    Returns:
        A dict of DataFrames keyed by table name (reports, sections, cells, findings,
        statements, claims, errors).

    Raises:
        UsageError: ``path`` does not exist.

    Example:
        >>> data = load_dataset("results/corpus")  # doctest: +SKIP
        >>> data["reports"]["year"].min()  # doctest: +SKIP
        2019
    """
    p = Path(path)
    if is_processed(p):
        tables = {t: pd.read_parquet(p / f"{t}.parquet") for t in TABLES if (p / f"{t}.parquet").is_file()}
        return canonical(tables)
    if p.is_dir():
        return parse_corpus_frames(p)
    raise UsageError(f"dataset not found: {p} (give the output of `ogi process` or a folder of reports)")


def table_hashes(data: Mapping[str, pd.DataFrame]) -> dict[str, dict]:
    """Rows and a content hash (SHA-256 of the canonical CSV) of every table, for provenance."""
    out = {}
    for t in TABLES:
        df = data.get(t)
        if df is None:
            continue
        cols = [c for c in COLUMNS[t] if c in df.columns and not (t == "reports" and c == "path")]
        blob = df[cols].to_csv(index=False, float_format="%.10g").encode("utf-8")
        out[t] = {"rows": len(df), "sha256": hashlib.sha256(blob).hexdigest()}
    return out
