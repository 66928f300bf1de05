"""Records and the report list of a processed dataset, and the index page that links them.

A dataset directory (written by ``ogi process``) holds the corpus tables of
:mod:`ogi.dataset` as Parquet files and, when written, the full records as
``records/<report_id>.json``.  :func:`load_record` prefers the full record and otherwise
rebuilds one from the tables (without the document text, and with the provenance the
``cells.raw`` column keeps).  :func:`write_dataset_views` writes an index page — every report
with its findings counted by severity, the most severe first — and the audit pages of the
reports with the most errors beside it (``top``; all of them by default): a corpus of 100,000
reports does not need 100,000 pages of 150 KB.  :func:`write_report_view` writes any other
report's page on demand, found by its file name, path, id or id prefix.

Example:
    >>> from ogi.view import render_index
    >>> page = render_index([{"report_id": "ab12", "path": "a.txt", "n_findings": 2}], embed_font=False)
    >>> 'href="ab12.html"' in page
    True
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Any

from ogi.errors import ReadError, UsageError
from ogi.view.report import _e, page_shell, render_report

__all__ = ["load_record", "dataset_reports", "resolve_report_id", "render_index", "write_dataset_views",
           "write_report_view", "page_name", "SEVERITY_COLUMNS"]

_TABLES = ("reports", "sections", "cells", "findings", "statements", "claims")

#: The index's count column of each severity, most severe first (the order reports are sorted by).
SEVERITY_COLUMNS: dict[str, str] = {"error": "n_errors", "uncertain": "n_uncertain", "warning": "n_warnings",
                                    "info": "n_info"}


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


def _read_table(dataset: Path, name: str, *, report_id: str | None = None, report_ids: Collection[str] | None = None,
                columns: list[str] | None = None) -> Any:
    import pandas as pd

    f = dataset / f"{name}.parquet"
    if not f.is_file():
        if name == "reports":
            raise ReadError("not a dataset: no reports.parquet and no records/ for this report", path=str(dataset))
        return None
    filters: list | None = None
    if report_id is not None:
        filters = [("report_id", "==", report_id)]
    elif report_ids is not None:
        filters = [("report_id", "in", sorted(report_ids))]
    try:
        return pd.read_parquet(f, filters=filters, columns=columns)
    except Exception as e:  # a damaged or foreign file: say which
        raise ReadError(f"cannot read {name}.parquet: {type(e).__name__}: {e}", path=str(dataset)) from None


def _severity_counts(rows: list[dict], findings: Iterable[tuple[str, str]]) -> list[dict]:
    """``rows`` with one count column per severity (:data:`SEVERITY_COLUMNS`) from (id, severity) pairs."""
    counts: dict[str, dict[str, int]] = {}
    for rid, sev in findings:
        col = SEVERITY_COLUMNS.get(str(sev))
        if col is not None:
            per = counts.setdefault(str(rid), {})
            per[col] = per.get(col, 0) + 1
    for r in rows:
        per = counts.get(str(r.get("report_id")), {})
        for col in SEVERITY_COLUMNS.values():
            r[col] = per.get(col, 0)
    return rows


def dataset_reports(dataset: str | Path) -> list[dict]:
    """The rows of ``reports.parquet`` as dicts (or of the records under ``records/``).

    Each row also counts the report's findings by severity (``n_errors``, ``n_uncertain``,
    ``n_warnings``, ``n_info``).

    Args:
        dataset: the dataset directory.

    Raises:
        ogi.errors.ReadError: the directory holds neither ``reports.parquet`` nor ``records/``.
    """
    d = Path(dataset)
    if (d / "reports.parquet").is_file():
        rows = _rows(_read_table(d, "reports"))
        f = _read_table(d, "findings", columns=["report_id", "severity"])
        pairs = [] if f is None else zip(f["report_id"].astype(str), f["severity"].astype(str))
        return _severity_counts(rows, pairs)
    recs = sorted((d / "records").glob("*.json")) if (d / "records").is_dir() else []
    if not recs:
        raise ReadError("not a dataset: no reports.parquet and no records/*.json", path=str(d))
    from ogi.dataset import record_rows

    out = []
    sevs: list[tuple[str, str]] = []
    for f in recs:
        rec = _load_json(f)
        row = record_rows(rec)["reports"][0]
        row["report_id"] = f.stem
        out.append(row)
        sevs += [(f.stem, str(x.get("severity"))) for x in rec.get("findings") or [] if isinstance(x, dict)]
    return _severity_counts(out, sevs)


def _by_path(rows: list[dict], name: str) -> list[dict]:
    """The reports whose corpus path is ``name``, ends ``name``'s path, or has its file name."""
    want = name.replace("\\", "/").removeprefix("./")
    exact = [r for r in rows if str(r.get("path") or "") == want]
    if exact:
        return exact
    # a path given from elsewhere (corpora/sample/x.txt for the corpus path x.txt)
    tail = [r for r in rows if r.get("path") and want.endswith("/" + str(r["path"]))]
    if tail:
        return tail
    base = want.rsplit("/", 1)[-1]
    return [r for r in rows if str(r.get("path") or "").rsplit("/", 1)[-1] == base]


def resolve_report_id(dataset: str | Path, report_id: str) -> str:
    """The full id of a report given its id, a unique prefix of it, or its file name or path.

    A file name or path is matched against the paths the dataset stores (relative to the
    corpus): the same path, a path ending with it (``corpora/sample/x.txt`` for ``x.txt``), or
    the same file name.

    Raises:
        ogi.errors.UsageError: no report, or more than one, has that id, prefix, name or path.
    """
    d = Path(dataset)
    if (d / "records" / f"{report_id}.json").is_file():
        return report_id
    rows = dataset_reports(d)
    ids = sorted({str(r.get("report_id")) for r in rows})
    if report_id in ids:
        return report_id
    named = _by_path(rows, report_id) if report_id else []
    if len({str(r.get("report_id")) for r in named}) == 1:
        return str(named[0]["report_id"])
    if named:
        raise UsageError(f"report {report_id!r} is ambiguous in {d}: "
                         + ", ".join(sorted(str(r.get("path")) for r in named)[:5]) + "; give its path or id")
    hits = [i for i in ids if i.startswith(report_id)] if report_id else []
    if len(hits) == 1:
        return hits[0]
    if not hits:
        example = ", ".join(str(r.get("path")) for r in rows[:2])
        raise UsageError(f"no report {report_id!r} in {d} ({len(ids)} reports): give a file name or path "
                         f"(e.g. {example}), a report id or a prefix of one")
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
                for r in sorted(tables["sections"], key=lambda r: r.get("idx") or 0)]
    nested: dict = {}
    provenance: dict = {}
    unreadable = []
    for r in tables["cells"]:
        table, key = r.get("tbl"), r.get("key")
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
                   "score": r.get("score"), "start": r.get("start_pos"), "end": r.get("end_pos"), "pair": r.get("pair")}
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
    """Most severe first: errors, then uncertain, warnings, info; then by path."""
    return (*(-(r.get(c) or 0) for c in SEVERITY_COLUMNS.values()), -(r.get("n_findings") or 0),
            str(r.get("path") or ""), str(r.get("report_id") or ""))


_HEADING_MARKS = re.compile(r"^\s*#+\s*")


def _title(r: dict) -> str:
    """A report's title for the index: markdown heading marks (``# …``) left out."""
    return _HEADING_MARKS.sub("", str(r.get("title") or "")).strip()


def _year(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return "" if v is None or v == "" else str(v)


def _count_cells(r: dict) -> str:
    out = []
    for sev, col in SEVERITY_COLUMNS.items():
        n = r.get(col) or 0
        out.append(f'<td class="n {f"sev-{sev}" if n else "zero"}">{n}</td>')
    return "".join(out)


def _index_header(title: str, n: int, pages: int | None, dataset: str | None) -> str:
    bits = [f"{n} reports", "most severe first: errors, uncertain, warnings, info"]
    if pages is not None and pages < n:
        where = dataset or "DIR"
        bits.append(f"pages written for the {pages} with the most errors (linked); for any other: "
                    f"<code>ogi view --dataset {_e(where)} --report FILE</code>")
    spans = "".join(f"<span>{b}</span>" for b in bits)
    return f'<header class="top"><h1>{_e(title)}</h1><div class="meta">{spans}</div></header>\n'


def render_index(reports: Iterable[dict], *, href: Callable[[dict], str] | None = None,
                 title: str = "ogi view · reports", pages: Collection[str] | None = None,
                 dataset: str | None = None, embed_font: bool = True) -> str:
    """The index page of a dataset: one row per report, most severe findings first.

    Args:
        reports: rows of ``reports.parquet`` (dicts with ``report_id``, ``path``, ``n_findings``
            and the counts of :data:`SEVERITY_COLUMNS`, as :func:`dataset_reports` gives them).
        href: the link of a report's page; :func:`page_name` of its id by default.
        title: the page title.
        pages: ids of the reports that have a page (linked); every report by default.
        dataset: the dataset folder as the reader would type it, for the command that writes
            a missing page.
        embed_font: inline a subset of Noto Sans SC (:func:`ogi.view.report.page_shell`).

    Returns:
        The HTML page (self-contained, no script); the same rows always give the same string.
    """
    link = href or (lambda r: page_name(str(r.get("report_id"))))
    rows = sorted((dict(r) for r in reports), key=_sort_key)
    have = None if pages is None else {str(p) for p in pages}
    head = ("<tr><th>#</th><th>errors</th><th>uncertain</th><th>warnings</th><th>info</th><th>claims</th>"
            "<th>statements</th><th>year</th><th>template</th><th>agency</th><th>report</th></tr>")
    body = []
    for i, r in enumerate(rows, 1):
        nums = "".join(f'<td class="n">{_e(r.get(c) if r.get(c) is not None else "")}</td>'
                       for c in ("n_claims", "n_statements"))
        name = _title(r) or r.get("path") or r.get("report_id")
        path = f'<br><span class="key">{_e(r.get("path"))}</span>' if _title(r) and r.get("path") else ""
        linked = have is None or str(r.get("report_id")) in have
        label = f'<a href="{_e(link(r))}">{_e(name)}</a>' if linked else _e(name)
        row_class = "" if linked else ' class="nopage"'
        body.append(f'<tr{row_class}><td class="n">{i}</td>{_count_cells(r)}{nums}'
                    f'<td>{_e(_year(r.get("year")))}</td><td>{_e(r.get("template") or "")}</td>'
                    f'<td>{_e(r.get("agency") or "")}</td><td>{label}{path}</td></tr>')
    linked_n = None if have is None else sum(str(r.get("report_id")) in have for r in rows)
    html = (_index_header(title, len(rows), linked_n, dataset)
            + f'<table class="index"><thead>{head}</thead><tbody>{"".join(body)}</tbody></table>')
    return page_shell(title=title, body=html, embed_font=embed_font)


def _records(d: Path, reports: list[dict]) -> Iterable[tuple[dict, dict]]:
    """(row, record) of each of ``reports``: the full record when written, else rebuilt from the tables."""
    ids = {str(r.get("report_id")) for r in reports}
    grouped: dict[str, dict[str, list[dict]]] = {}
    if (d / "reports.parquet").is_file() and ids:
        for name in _TABLES[1:]:
            df = _read_table(d, name, report_ids=ids)
            if df is None or df.empty:
                continue
            for rid, part in df.groupby("report_id", sort=True):
                grouped.setdefault(str(rid), {})[name] = _rows(part)
    for r in reports:
        rid = str(r.get("report_id"))
        f = d / "records" / f"{rid}.json"
        if f.is_file():
            yield r, _load_json(f)
        else:
            parts = grouped.get(rid, {})
            yield r, _record_from_tables(r, {n: parts.get(n, []) for n in _TABLES[1:]})


def overrides_html(dataset: str | Path, report_id: str) -> str:
    """The overridden cells of a report (``ogi process --overrides``) beside what the source printed."""
    cells = _read_table(Path(dataset), "cells", report_id=report_id)
    if cells is None or "override" not in cells.columns:
        return ""
    rows = _rows(cells[cells["status"] == "override"])
    if not rows:
        return ""
    out = [f'<h2>更正 <span class="count">overrides: {len(rows)}</span></h2>', '<ol class="findings">']
    for r in rows:
        path = f"{r.get('tbl')}.{r.get('key')}"
        printed = "blank" if r.get("printed") is None else f"{_number(r.get('printed'))}"
        out.append(f'<li><a class="finding sev-info" href="#c-{_e(path)}" data-target="{_e(path)}">'
                   f'<span class="badge sev-info">override</span><b>{_e(path)}</b> = {_e(_number(r.get("value")))}'
                   f' · source printed: {_e(printed)} ({_e(r.get("printed_status"))}) · {_e(r.get("override"))}'
                   '</a></li>')
    out.append("</ol>")
    return "\n".join(out)


def _write_index(d: Path, out: Path, reports: list[dict], *, embed_font: bool) -> None:
    pages = {str(r.get("report_id")) for r in reports if (out.parent / page_name(str(r.get("report_id")))).is_file()}
    out.write_text(render_index(reports, pages=pages, dataset=d.as_posix(), embed_font=embed_font), encoding="utf-8")


def write_dataset_views(dataset: str | Path, out: str | Path, *, top: int | None = None,
                        embed_font: bool = True) -> list[Path]:
    """Write the index page of a dataset to ``out`` and audit pages beside it.

    Args:
        dataset: the dataset directory.
        out: the index file (e.g. ``results/view/index.html``); report pages are written to
            its folder as :func:`page_name` of their id.
        top: write the pages of this many reports, the most severe first (the index's order);
            all of them when None.  The index links every page present in its folder.
        embed_font: inline a subset of Noto Sans SC in every page.

    Returns:
        The paths written, the index first.
    """
    d, out = Path(dataset), Path(out)
    reports = sorted(dataset_reports(d), key=_sort_key)
    out.parent.mkdir(parents=True, exist_ok=True)
    chosen = reports if top is None else reports[:max(0, top)]
    written = [out]
    for row, rec in _records(d, chosen):
        page = out.parent / page_name(str(row.get("report_id")))
        notes = overrides_html(d, str(row.get("report_id")))
        page.write_text(render_report(rec, index_href=out.name, embed_font=embed_font, notes=notes),
                        encoding="utf-8")
        written.append(page)
    _write_index(d, out, reports, embed_font=embed_font)
    return written


def write_report_view(dataset: str | Path, report: str, *, out: str | Path | None = None,
                      embed_font: bool = True) -> Path:
    """Write the audit page of one report of a dataset, on demand.

    Args:
        dataset: the dataset directory.
        report: the report's file name, path, id or id prefix (:func:`resolve_report_id`).
        out: the page to write; by default ``DIR/view/<id>.html``, beside the index, whose
            link to it is then added (the index is rewritten when it exists).
        embed_font: inline a subset of Noto Sans SC.

    Returns:
        The page written.
    """
    d = Path(dataset)
    rid = resolve_report_id(d, report)
    page = Path(out) if out is not None else d / "view" / page_name(rid)
    index = page.parent / "index.html"
    beside = out is None or index.is_file()
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_report(load_record(d, rid), index_href="index.html" if beside else None,
                                  embed_font=embed_font, notes=overrides_html(d, rid)), encoding="utf-8")
    if index.is_file() and page.name == page_name(rid):
        _write_index(d, index, dataset_reports(d), embed_font=embed_font)
    return page
