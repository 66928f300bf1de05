"""The codebook of the exported tables: every column's type, meaning, template row and values.

Types come from the code's schema (:data:`ogi.dataset.COLUMNS` and its dtypes); meanings and
allowed values from :data:`MEANINGS` below, which a test keeps complete (every column of every
table has an entry).  ``docs/codebook.md`` is :func:`reference_codebook` (a test fails when it
drifts from the code).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

__all__ = ["MEANINGS", "base_entries", "reference_codebook", "write_codebook"]

_ID = ("SHA-256 of the report file's bytes; joins every table to reports", "")
#: (meaning, allowed values) of every column of the corpus tables.
MEANINGS: dict[str, dict[str, tuple[str, str]]] = {
    "reports": {
        "report_id": _ID, "path": ("path relative to the corpus folder", ""),
        "format": ("reader used", "txt, md, html, pdf, docx"), "chars": ("characters of the source text", ""),
        "encoding": ("detected encoding of text formats", ""), "title": ("report title as printed", ""),
        "agency": ("issuing agency as printed (null when masked or not found)", ""),
        "year": ("report year", ""), "template": ("report format", "2021, 2019, pre2019, unknown"),
        "masked_chars": ("characters hidden by redaction marks (****)", ""),
        "n_sections": ("sections found", ""), "n_findings": ("the report's own findings", ""),
        "n_errors": ("own findings of severity error", ""), "n_uncertain": ("own findings of severity uncertain", ""),
        "n_statements": ("statements of section 五", ""), "n_claims": ("narrative number claims", ""),
        "agency_id": ("stable agency id (normalised name or alias table)", ""),
        "level": ("administrative level from the name", "省, 市, 县区, 乡镇街道, 部门"),
        "region": ("leading province and/or city of agency_id", ""),
        "published": ("publication date carried by the file (YYYY-MM-DD)", ""),
        "source_url": ("source URL carried by the file", ""),
        "status": ("what the file is (ogi.corpus.status)", "report, fragment, not_report, duplicate"),
        "status_reason": ("why the status (empty for report)", ""),
        "duplicate_of": ("report_id of the canonical report of a duplicate", ""),
    },
    "sections": {
        "report_id": _ID, "idx": ("position of the section in the report", ""),
        "key": ("section of the national format (一…六), extra for other top-level sections of older formats",
                "overview, proactive, requests, appeals, problems, other, extra"),
        "heading": ("the heading as printed (null when the section was found without one)", ""),
        "inferred": ("the section was found by its content, not by a printed heading", "true, false"),
        "chars": ("characters of the section's text", ""),
        "text": ("the section's text (in xlsx cut at Excel's 32,767 characters, see the codebook note)", ""),
    },
    "cells": {
        "report_id": _ID, "tbl": ("template table", "table2, table3, table4"),
        "key": ("cell key within the table (template-spec keys)", ""), "row": ("key without its last part", ""),
        "col": ("last part of key (the template column)", ""),
        "value": ("the number (printed, or settled by an override); null when blank, ambiguous or unreadable", ""),
        "status": ("how the cell was read", "ok, blank, ambiguous, unreadable, override"),
        "raw": ("the source text the row was read from", ""),
        "printed": ("on an overridden cell: the value the parser read", ""),
        "printed_status": ("on an overridden cell: the status the parser gave", "ok, blank, ambiguous, unreadable"),
        "override": ("on an overridden cell: reason (who) from the overrides file", ""),
    },
    "findings": {
        "report_id": _ID, "idx": ("position in the report's findings", ""),
        "rule": ("the check (template-spec rules, STRUCT-, AMBIGUOUS-CELL, XYEAR-CARRY …)", ""),
        "severity": ("error: an identity of the printed numbers fails; uncertain: a blank or unreadable cell "
                     "is involved; warning: worth a look (ambiguous cell, cross-year break); info: a note",
                     "error, uncertain, warning, info"),
        "cells": ("cell paths involved (a list; JSON text outside Parquet)", ""),
        "expected": ("the value the rule expects", ""), "actual": ("the value printed", ""),
        "message": ("the finding in words", ""),
    },
    "statements": {
        "report_id": _ID, "idx": ("position in section 五", ""), "text": ("the statement", ""),
        "kind": ("classified kind", "problem, improvement, other"), "main_topic": ("first of topics", ""),
        "topics": ("topics, main first (a list; JSON text outside Parquet)",
                   "interpretation, applications, capacity, participation, content, standardization, platform, "
                   "timeliness, mechanism, supervision, digital, other"),
        "score": ("calibrated probability of kind", ""), "pair": ("idx of the paired statement", ""),
        "start_pos": ("character offset in the section where the statement starts", ""),
        "end_pos": ("character offset in the section where the statement ends", ""),
    },
    "claims": {
        "report_id": _ID, "idx": ("position", ""), "quote": ("the narrative phrase", ""),
        "value": ("the number stated", ""), "approx": ("the narrative hedges (余, 多, 约 …)", ""),
        "target": ("cell path(s) it states, + for a sum", ""), "table_value": ("the table's value of target", ""),
        "verdict": ("claim against the table", "match, approx, mismatch, unverifiable"),
    },
}


def _types(table: str) -> dict[str, str]:
    from ogi.dataset import _DTYPES, COLUMNS

    names = {"Int64": "int64", "Float64": "float64", "boolean": "bool"}
    return {c: names.get(_DTYPES[table].get(c, ""), "string") for c in COLUMNS[table]}


def base_entries(table: str) -> dict[str, dict]:
    """Codebook entries of a corpus table's columns (type from the schema, meaning, values)."""
    out = {}
    for c, t in _types(table).items():
        meaning, values = MEANINGS[table][c]
        out[c] = {"type": t, "meaning": meaning, "template": "", "values": values}
    return out


_XLSX_NOTE = ("In `export.xlsx` each table is a sheet of that name (past Excel's 1,048,576 rows it goes on in "
              "sheets `<table>_2`, `<table>_3` …, each with the header); a text over Excel's 32,767 characters "
              "per cell is cut and ends with `…[cut, N chars]` (N its full length), a control character Excel "
              "refuses is U+FFFD; numbers are never changed. The csv and Parquet exports hold every text whole.")


def _file(table: str, fmt: str) -> str:
    return f"export.xlsx[{table}]" if fmt == "xlsx" else f"{table}.{fmt}"


def _md(books: dict[str, dict[str, dict]], *, ext: str) -> str:
    lines = ["# Codebook", "", "Every column of the exported files: type, meaning, the template row/column it comes "
             "from (Chinese labels of the national template), allowed values.", ""]
    if ext == "xlsx":
        lines += [_XLSX_NOTE, ""]
    for t, book in books.items():
        lines += [f"## `{_file(t, ext)}`", "", "| column | type | meaning | template | values |",
                  "|---|---|---|---|---|"]
        for c, e in book.items():
            cells = [c, e["type"], e["meaning"], e["template"], e["values"]]
            lines.append("| " + " | ".join(str(x).replace("|", "\\|") for x in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def write_codebook(books: dict[str, dict[str, dict]], dest: Path, *, fmt: str) -> list[Path]:
    """Write ``codebook.md`` and ``codebook.csv`` for the exported files into ``dest``."""
    md = dest / "codebook.md"
    md.write_text(_md(books, ext=fmt), encoding="utf-8")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["file", "column", "type", "meaning", "template", "values"])
    for t, book in books.items():
        for c, e in book.items():
            w.writerow([_file(t, fmt), c, e["type"], e["meaning"], e["template"], e["values"]])
    cb = dest / "codebook.csv"
    cb.write_text(buf.getvalue(), encoding="utf-8")
    return [md, cb]


def reference_codebook() -> str:
    """The text of ``docs/codebook.md``: the corpus tables' columns as the code defines them.

    The wide table's cell columns (``t3_granted_total`` …) are listed per export, with their
    template labels, in the export's own codebook.
    """
    from ogi.export.reference import reference_sections

    books = {t: base_entries(t) for t in MEANINGS}
    head = ("<!-- generated by ogi.export.codebook.reference_codebook(); tests/test_export.py fails on drift -->\n")
    return head + _md(books, ext="<format>") + "\n".join(reference_sections())
