"""The corpus tables: one record (shared/spec/report-json.md) flattened into rows.

Every corpus output — ``ogi process`` Parquet files, the DuckDB views over them, the
measures and figures — uses these tables and columns.  :func:`record_rows` turns one record
into rows; :func:`frames` turns many records into pandas DataFrames with stable dtypes.

Tables and columns (``report_id`` is the SHA-256 of the source bytes):

- ``reports``: report_id, path, format, chars, encoding, title, agency, year, template,
  masked_chars, n_sections, n_findings, n_errors, n_uncertain, n_statements, n_claims,
  agency_id, level, region, published, source_url, status (``report`` | ``fragment`` | ``not_report`` |
  ``duplicate``), status_reason, duplicate_of (see :mod:`ogi.corpus.status`)
- ``sections``: report_id, idx, key, heading, inferred, chars, text
- ``cells``: report_id, tbl, key, row, col, value, status, raw, printed, printed_status,
  override (status: ``ok`` | ``blank`` | ``ambiguous`` | ``unreadable`` | ``override``; raw:
  the source text the row was read from; the last three only on overridden cells, see
  :mod:`ogi.corpus.overrides`)
- ``findings``: report_id, idx, rule, severity, cells (JSON list), expected, actual, message
- ``statements``: report_id, idx, text, kind, main_topic, topics (JSON list), score, pair,
  start_pos, end_pos
- ``claims``: report_id, idx, quote, value, approx, target, table_value, verdict
- ``errors``: path, stage, reason

No column is an SQL reserved word (``tbl``/``col``/``idx``/``start_pos``/``end_pos`` rather
than ``table``/``column``/``order``/``start``/``end``), so queries need no quoting.

Example:
    >>> import ogi
    >>> rows = record_rows(ogi.parse("一、总体情况\\n政府信息公开工作。").to_dict())
    >>> sorted(rows)
    ['cells', 'claims', 'findings', 'reports', 'sections', 'statements']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ogi.record import flatten_cells

if TYPE_CHECKING:
    from ogi.record import Report

__all__ = ["TABLES", "COLUMNS", "record_rows", "frames", "report_id"]

COLUMNS: dict[str, list[str]] = {
    "reports": ["report_id", "path", "format", "chars", "encoding", "title", "agency", "year",
                "template", "masked_chars", "n_sections", "n_findings", "n_errors", "n_uncertain",
                "n_statements", "n_claims", "agency_id", "level", "region", "published", "source_url",
                "status", "status_reason", "duplicate_of"],
    "sections": ["report_id", "idx", "key", "heading", "inferred", "chars", "text"],
    "cells": ["report_id", "tbl", "key", "row", "col", "value", "status", "raw", "printed",
              "printed_status", "override"],
    "findings": ["report_id", "idx", "rule", "severity", "cells", "expected", "actual", "message"],
    "statements": ["report_id", "idx", "text", "kind", "main_topic", "topics", "score", "pair",
                   "start_pos", "end_pos"],
    "claims": ["report_id", "idx", "quote", "value", "approx", "target", "table_value", "verdict"],
    "errors": ["path", "stage", "reason"],
}
TABLES = tuple(COLUMNS)

_DTYPES: dict[str, dict[str, str]] = {
    "reports": {"chars": "Int64", "year": "Int64", "masked_chars": "Int64", "n_sections": "Int64",
                "n_findings": "Int64", "n_errors": "Int64", "n_uncertain": "Int64",
                "n_statements": "Int64", "n_claims": "Int64"},
    "sections": {"idx": "Int64", "inferred": "boolean", "chars": "Int64"},
    "cells": {"value": "Float64", "printed": "Float64"},
    "findings": {"idx": "Int64"},
    "statements": {"idx": "Int64", "score": "Float64", "pair": "Int64", "start_pos": "Int64", "end_pos": "Int64"},
    "claims": {"idx": "Int64", "value": "Float64", "approx": "boolean", "table_value": "Float64"},
    "errors": {},
}


def report_id(rec: dict) -> str:
    """The id of a record: the SHA-256 of its source bytes (or of its path when unknown)."""
    sha = (rec.get("source") or {}).get("sha256")
    if sha:
        return sha
    import hashlib

    return hashlib.sha256(str((rec.get("source") or {}).get("path")).encode()).hexdigest()


def _text(v: Any) -> str | None:
    if v is None:
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def record_rows(rec: dict | Report, *, path: str | None = None) -> dict[str, list[dict]]:
    """Rows of every table (but ``errors``) for one record.

    Args:
        rec: a record (``Report.to_dict()``, or the :class:`~ogi.record.Report` itself).
        path: the path to store (e.g. relative to the corpus); the record's own by default.
    """
    if not isinstance(rec, dict):
        rec = rec.to_dict()
    rid = report_id(rec)
    src = rec.get("source") or {}
    meta = rec.get("meta") or {}
    findings = rec.get("findings") or []
    unreadable = set(rec.get("unreadable_cells") or [])
    ambiguous = {c for f in findings if f.get("rule") == "AMBIGUOUS-CELL" for c in f.get("cells") or []}
    prov = rec.get("provenance") or {}
    cells = []
    for table in ("table2", "table3", "table4"):
        for key, value in flatten_cells((rec.get("tables") or {}).get(table)).items():
            path_ = f"{table}.{key}"
            row, _, column = key.rpartition(".")
            if value is not None:
                status = "ok"
            elif path_ in ambiguous:
                status = "ambiguous"
            elif path_ in unreadable:
                status = "unreadable"
            else:
                status = "blank"
            p = prov.get(f"{table}.{row}") or prov.get(table) or {}
            cells.append({"report_id": rid, "tbl": table, "key": key, "row": row, "col": column,
                          "value": None if value is None else float(value), "status": status,
                          "raw": p.get("source"), "printed": None, "printed_status": None, "override": None})
    statements = rec.get("statements") or []
    claims = rec.get("claims") or []
    sections = rec.get("sections") or []
    return {
        "reports": [{
            "report_id": rid, "path": path if path is not None else src.get("path"),
            "format": src.get("format"), "chars": src.get("chars"), "encoding": src.get("encoding"),
            "title": meta.get("title"), "agency": meta.get("agency"), "year": meta.get("year"),
            "template": meta.get("template"), "masked_chars": meta.get("masked_chars"),
            "n_sections": len(sections), "n_findings": len(findings),
            "n_errors": sum(1 for f in findings if f.get("severity") == "error"),
            "n_uncertain": sum(1 for f in findings if f.get("severity") == "uncertain"),
            "n_statements": len(statements), "n_claims": len(claims),
            # corpus-level columns, filled in by ogi.corpus.status.classify
            "agency_id": None, "level": None, "region": None, "published": None, "source_url": None,
            "status": None, "status_reason": None, "duplicate_of": None}],
        "sections": [{"report_id": rid, "idx": i, "key": s.get("key"), "heading": s.get("heading"),
                      "inferred": bool(s.get("inferred", False)), "chars": len(s.get("text") or ""),
                      "text": s.get("text")} for i, s in enumerate(sections)],
        "cells": cells,
        "findings": [{"report_id": rid, "idx": i, "rule": f.get("rule"), "severity": f.get("severity"),
                      "cells": json.dumps(f.get("cells") or [], ensure_ascii=False),
                      "expected": _text(f.get("expected")), "actual": _text(f.get("actual")),
                      "message": f.get("message")} for i, f in enumerate(findings)],
        "statements": [{"report_id": rid, "idx": i, "text": s.get("text"), "kind": s.get("kind"),
                        "main_topic": (s.get("topics") or [None])[0],
                        "topics": json.dumps(s.get("topics") or [], ensure_ascii=False),
                        "score": s.get("score"), "pair": s.get("pair"), "start_pos": s.get("start"),
                        "end_pos": s.get("end")} for i, s in enumerate(statements)],
        "claims": [{"report_id": rid, "idx": i, "quote": c.get("quote"),
                    "value": None if c.get("value") is None else float(c["value"]),
                    "approx": c.get("approx"), "target": c.get("target"),
                    "table_value": None if c.get("table_value") is None else float(c["table_value"]),
                    "verdict": c.get("verdict")} for i, c in enumerate(claims)],
    }


def frames(records: Iterable[dict], *, errors: Iterable[dict] = (),
           aliases: Mapping[str, str] | None = None) -> dict:
    """pandas DataFrames of every table for many records (columns and dtypes as documented).

    The ``reports`` rows get their corpus-level columns (agency_id, level, region, status,
    status_reason, duplicate_of) from :func:`ogi.corpus.status.classify`; a record whose bytes
    repeat an earlier one's adds a ``duplicate`` row to ``reports`` and nothing elsewhere.

    Args:
        records: the records (``Report.to_dict()``).
        errors: rows of ``errors``.
        aliases: agency name → agency_id (overrides the normalisation rules).
    """
    import pandas as pd

    from ogi.corpus.status import classify

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    seen: set[str] = set()
    for rec in records:
        rr = record_rows(rec)
        rid = rr["reports"][0]["report_id"]
        # the same bytes twice: one report; the copy is a row of reports only (status duplicate)
        for t, rs in rr.items():
            if t == "reports" or rid not in seen:
                rows[t].extend(rs)
        seen.add(rid)
    rows["errors"] = list(errors)
    out = {}
    for t in TABLES:
        df = pd.DataFrame(rows[t], columns=COLUMNS[t])
        out[t] = df.astype(_DTYPES[t])
    if len(out["reports"]):
        cells, secs = out["cells"], out["sections"]
        t3 = cells[(cells["tbl"] == "table3") & (cells["status"] == "ok")].groupby("report_id").size()
        rep = classify(out["reports"], t3_printed=t3.to_dict(), aliases=aliases,
                       cells_of=lambda ids: cells[cells["report_id"].isin(ids)],
                       sections_of=lambda ids: secs[secs["report_id"].isin(ids)])
        out["reports"] = rep[COLUMNS["reports"]].astype(_DTYPES["reports"])
    return out
