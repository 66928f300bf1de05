"""Records and the report list of a processed dataset, and the index page that links them.

A dataset directory (written by ``ogi process``) holds the corpus tables of
:mod:`ogi.dataset` as Parquet files and, when written, the full records as
``records/<report_id>.json``.  :func:`load_record` prefers the full record and otherwise
rebuilds one from the tables (without the document text, and with the provenance the
``cells.raw`` column keeps).  :func:`write_dataset_views` writes an index page, reports
sorted by their number of findings, and one audit page per report beside it.

Example:
    >>> from ogi.view import render_index
    >>> page = render_index([{"report_id": "ab12", "path": "a.txt", "n_findings": 2}])
    >>> 'href="ab12.html"' in page
    True
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Callable, Iterable

from ogi.errors import ReadError, UsageError
from ogi.view.report import _e, page_shell, render_report

__all__ = ["load_record", "dataset_reports", "resolve_report_id", "render_index", "write_dataset_views",
           "page_name"]

_TABLES = ("reports", "sections", "cells", "findings", "statements", "claims")


def _py(v: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value (missing values as ``None``)."""
    if v is None:
        return None
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _rows(df: Any) -> list[dict]:
    return [{k: _py(v) for k, v in r.items()} for r in df.to_dict(orient="records")]


def _json(v: Any, default: Any) -> Any:
    if v is None:
        return default
    if not isinstance(v, str):
        return v
    try:
        return json.loads(v)
    except ValueError:
        return v


def _number(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def page_name(report_id: str) -> str:
    """The file name of a report's page beside the index (``<report_id>.html``)."""
    safe = "".join(ch for ch in str(report_id) if ch.isalnum() or ch in "-_")
    return f"{safe or 'report'}.html"


def _read_table(dataset: Path, name: str, *, report_id: str | None = None) -> Any:
    import pandas as pd

    f = dataset / f"{name}.parquet"
    if not f.is_file():
        if name == "reports":
            raise ReadError("not a dataset: no reports.parquet and no records/ for this report", path=str(dataset))
        return None
    filters = [("report_id", "==", report_id)] if report_id is not None else None
    try:
        return pd.read_parquet(f, filters=filters)
    except Exception as e:  # a damaged or foreign file: say which
        raise ReadError(f"cannot read {name}.parquet: {type(e).__name__}: {e}", path=str(dataset)) from None


def dataset_reports(dataset: str | Path) -> list[dict]:
    """The rows of ``reports.parquet`` as dicts (or of the records under ``records/``).

    Args:
        dataset: the dataset directory.

    Raises:
        ogi.errors.ReadError: the directory holds neither ``reports.parquet`` nor ``records/``.
    """
    d = Path(dataset)
    if (d / "reports.parquet").is_file():
        return _rows(_read_table(d, "reports"))
    recs = sorted((d / "records").glob("*.json")) if (d / "records").is_dir() else []
    if not recs:
        raise ReadError("not a dataset: no reports.parquet and no records/*.json", path=str(d))
    from ogi.dataset import record_rows

    out = []
    for f in recs:
        row = record_rows(_load_json(f))["reports"][0]
        row["report_id"] = f.stem
        out.append(row)
    return out


def resolve_report_id(dataset: str | Path, report_id: str) -> str:
    """The full id of a report given its id or a unique prefix of it.

    Raises:
        ogi.errors.UsageError: no report, or more than one, has that id or prefix.
    """
    d = Path(dataset)
    if (d / "records" / f"{report_id}.json").is_file():
        return report_id
    ids = sorted({str(r.get("report_id")) for r in dataset_reports(d)})
    if report_id in ids:
        return report_id
    hits = [i for i in ids if i.startswith(report_id)] if report_id else []
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UsageError(f"no report {report_id!r} in {d}; {len(ids)} reports, e.g. "
                         + ", ".join(i[:12] for i in ids[:3]))
    raise UsageError(f"report id prefix {report_id!r} is ambiguous in {d}: "
                     + ", ".join(i[:16] for i in hits[:5]))


def _load_json(f: Path) -> dict:
    try:
        rec = json.loads(f.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ReadError(f"cannot read the record: {e}", path=str(f)) from None
    if not isinstance(rec, dict):
        raise ReadError("not a report record (a JSON object is expected)", path=str(f))
    return rec


def _set(tree: dict, key: str, value: Any) -> None:
    parts = key.split(".")
    node = tree
    for p in parts[:-1]:
        node = node.setdefault(p, {})
    node[parts[-1]] = value


def _record_from_tables(report: dict, tables: dict[str, list[dict]]) -> dict:
    """A record rebuilt from the rows of one report in the corpus tables."""
    rid = report.get("report_id")
    source = {"path": report.get("path"), "format": report.get("format"), "sha256": rid,
              "chars": report.get("chars"), "encoding": report.get("encoding")}
    meta = {k: report.get(k) for k in ("title", "agency", "year", "template", "masked_chars")}
    sections = [{"key": r.get("key"), "heading": r.get("heading"), "text": r.get("text") or "",
                 "inferred": bool(r.get("inferred"))}
                for r in sorted(tables["sections"], key=lambda r: r.get("order") or 0)]
    nested: dict = {}
    provenance: dict = {}
    unreadable = []
    for r in tables["cells"]:
        table, key = r.get("table"), r.get("key")
        if not table or not key:
            continue
        _set(nested.setdefault(table, {}), key, _number(r.get("value")))
        path = f"{table}.{key}"
        if r.get("status") in ("ambiguous", "unreadable"):
            unreadable.append(path)
        if r.get("raw") is not None:
            pkey = table if table == "table4" else f"{table}.{r.get('row')}"
            provenance.setdefault(pkey, {"source": r["raw"]})
    findings = []
    for r in sorted(tables["findings"], key=lambda r: r.get("idx") or 0):
        f = {"rule": r.get("rule"), "severity": r.get("severity"), "cells": _json(r.get("cells"), []),
             "expected": _number(_json(r.get("expected"), None)), "actual": _number(_json(r.get("actual"), None)),
             "message": r.get("message")}
        if r.get("candidates") is not None:
            f["candidates"] = _json(r["candidates"], [])
        findings.append(f)
    statements = [{"text": r.get("text"), "kind": r.get("kind"), "topics": _json(r.get("topics"), []),
                   "score": r.get("score"), "start": r.get("start"), "end": r.get("end"), "pair": r.get("pair")}
                  for r in sorted(tables["statements"], key=lambda r: r.get("idx") or 0)]
    claims = []
    for r in sorted(tables["claims"], key=lambda r: r.get("idx") or 0):
        c = {"quote": r.get("quote"), "value": _number(r.get("value")), "approx": r.get("approx"),
             "target": r.get("target"), "table_value": _number(r.get("table_value")), "verdict": r.get("verdict")}
        for extra in ("section", "start", "end"):
            if r.get(extra) is not None:
                c[extra] = r[extra]
        claims.append(c)
    return {"schema": "ogi.report/1", "source": source, "meta": meta, "sections": sections, "tables": nested,
            "findings": findings, "statements": statements, "claims": claims, "provenance": provenance,
            "unreadable_cells": sorted(unreadable)}


def load_record(dataset: str | Path, report_id: str) -> dict:
    """The record of one report of a dataset.

    ``DIR/records/<id>.json`` when present, else rebuilt from the Parquet tables.

    Args:
        dataset: the dataset directory.
        report_id: the report's id (the SHA-256 of its source) or a unique prefix of it.

    Raises:
        ogi.errors.UsageError: no such report.
        ogi.errors.ReadError: the dataset cannot be read.
    """
    d = Path(dataset)
    rid = resolve_report_id(d, report_id)
    f = d / "records" / f"{rid}.json"
    if f.is_file():
        return _load_json(f)
    report_rows = _rows(_read_table(d, "reports", report_id=rid))
    if not report_rows:
        raise UsageError(f"no report {rid!r} in {d}")
    tables = {}
    for name in _TABLES[1:]:
        df = _read_table(d, name, report_id=rid)
        tables[name] = [] if df is None else _rows(df)
    return _record_from_tables(report_rows[0], tables)


def _sort_key(r: dict) -> tuple:
    return (-(r.get("n_findings") or 0), -(r.get("n_errors") or 0), str(r.get("path") or ""),
            str(r.get("report_id") or ""))


def render_index(reports: Iterable[dict], *, href: Callable[[dict], str] | None = None,
                 title: str = "ogi view · reports") -> str:
    """The index page of a dataset: one row per report, most findings first, each linking to its page.

    Args:
        reports: rows of ``reports.parquet`` (dicts with ``report_id``, ``path``, ``n_findings`` …).
        href: the link of a report's page; :func:`page_name` of its id by default.
        title: the page title.

    Returns:
        The HTML page (self-contained, no script); the same rows always give the same string.
    """
    link = href or (lambda r: page_name(str(r.get("report_id"))))
    rows = sorted((dict(r) for r in reports), key=_sort_key)
    cols = ("n_findings", "n_errors", "n_uncertain", "n_claims", "n_statements")
    head = ("<tr><th>#</th><th>findings</th><th>errors</th><th>uncertain</th><th>claims</th><th>statements</th>"
            "<th>year</th><th>template</th><th>agency</th><th>report</th></tr>")
    body = []
    for i, r in enumerate(rows, 1):
        nums = "".join(
            f'<td class="n{" hot" if c in ("n_findings", "n_errors") and (r.get(c) or 0) else ""}">'
            f"{_e(r.get(c) if r.get(c) is not None else '')}</td>" for c in cols)
        name = r.get("title") or r.get("path") or r.get("report_id")
        path = f'<br><span class="key">{_e(r.get("path"))}</span>' if r.get("title") and r.get("path") else ""
        body.append(f'<tr><td class="n">{i}</td>{nums}<td>{_e(r.get("year") or "")}</td>'
                    f'<td>{_e(r.get("template") or "")}</td><td>{_e(r.get("agency") or "")}</td>'
                    f'<td><a href="{_e(link(r))}">{_e(name)}</a>{path}</td></tr>')
    html = (f'<header class="top"><h1>{_e(title)}</h1><div class="meta"><span>{len(rows)} reports</span>'
            "<span>sorted by number of findings</span></div></header>\n"
            f'<table class="index"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')
    return page_shell(title=title, body=html)


def write_dataset_views(dataset: str | Path, out: str | Path) -> list[Path]:
    """Write the index page of a dataset to ``out`` and one page per report beside it.

    Args:
        dataset: the dataset directory.
        out: the index file (e.g. ``results/view/index.html``); report pages are written to
            its folder as :func:`page_name` of their id.

    Returns:
        The paths written, the index first.
    """
    d, out = Path(dataset), Path(out)
    reports = dataset_reports(d)
    out.parent.mkdir(parents=True, exist_ok=True)
    have_tables = (d / "reports.parquet").is_file()
    grouped: dict[str, dict[str, list[dict]]] = {}
    if have_tables:
        for name in _TABLES[1:]:
            df = _read_table(d, name)
            if df is None or df.empty:
                continue
            for rid, part in df.groupby("report_id", sort=True):
                grouped.setdefault(str(rid), {})[name] = _rows(part)
    written = [out]
    for r in sorted(reports, key=_sort_key):
        rid = str(r.get("report_id"))
        f = d / "records" / f"{rid}.json"
        if f.is_file():
            rec = _load_json(f)
        else:
            parts = grouped.get(rid, {})
            rec = _record_from_tables(r, {n: parts.get(n, []) for n in _TABLES[1:]})
        page = out.parent / page_name(rid)
        page.write_text(render_report(rec, index_href=out.name), encoding="utf-8")
        written.append(page)
    out.write_text(render_index(reports), encoding="utf-8")
    return written
