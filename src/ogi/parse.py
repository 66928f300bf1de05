"""Parse a report into the canonical record (shared/spec/report-json.md).

Example:
    >>> from ogi import parse
    >>> rep = parse("一、总体情况\\n2024年，本机关共收到申请4件。")
    >>> rep.meta["template"]
    'pre2019'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ogi.checks import check_all
from ogi.claims import claims_from_parts, text_link_findings
from ogi.document import Document
from ogi.errors import ParseError
from ogi.normalize import count_masked, norm
from ogi.structure import (SECTION_KEYS, Section, detect_template, find_metadata, find_old_sections,
                           find_sections)
from ogi.tables import find_table_regions, parse_tables

__all__ = ["Report", "parse", "parse_document", "SCHEMA"]

SCHEMA = "ogi.report/1"


@dataclass
class Report:
    """The record of one report; :meth:`to_dict` gives the JSON of report-json.md."""

    source: dict
    meta: dict
    sections: list[dict]
    tables: dict
    findings: list[dict]
    statements: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)
    unreadable_cells: list[str] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "source": self.source, "meta": self.meta,
                "sections": self.sections, "tables": self.tables, "findings": self.findings,
                "statements": self.statements, "claims": self.claims,
                "provenance": self.provenance, "unreadable_cells": self.unreadable_cells}

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if s["key"] == key), None)

    def cell(self, path: str) -> Any:
        """A cell by path, e.g. ``"table3.new_received.total"``."""
        node: Any = self.tables
        for p in path.split("."):
            if not isinstance(node, dict) or p not in node:
                return None
            node = node[p]
        return node


def _read(source: str | os.PathLike | Document, fmt: str | None,
          max_bytes: int | None = None) -> Document:
    from ogi.read import read, read_text

    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read(source, fmt=fmt, max_bytes=max_bytes)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and os.path.exists(source):
            return read(source, fmt=fmt, max_bytes=max_bytes)
        return read_text(source, fmt=fmt if fmt in ("txt", "md") else "txt", max_bytes=max_bytes)
    raise ParseError(f"cannot parse an object of type {type(source).__name__}")


def parse(source: str | os.PathLike | Document, *, fmt: str | None = None,
          statements: bool = True, max_bytes: int | None = None) -> Report:
    """Read and parse one report.

    Args:
        source: a path, the text of a report, or a :class:`~ogi.document.Document`.
        fmt: force the reader ("txt", "md", "html", "pdf", "docx").
        statements: extract and classify the statements of section 五.
        max_bytes: refuse a larger input; ``OGI_MAX_BYTES`` or 50 MB when None
            (see :mod:`ogi.limits`).

    Raises:
        ogi.errors.ReadError: the file cannot be read as a report.
        ogi.errors.ParseError: the text is not an annual report.
    """
    return parse_document(_read(source, fmt, max_bytes), statements=statements)


_REPORT_HINT_RE = re.compile(r"信息公开|政务公开|依申请|主动公开")


def parse_document(doc: Document, *, statements: bool = True) -> Report:
    """Parse an already-read :class:`~ogi.document.Document`."""
    text = doc.text
    ntext = norm(text)
    if not _REPORT_HINT_RE.search(ntext):
        raise ParseError("not an annual report on government information disclosure "
                         "(no 信息公开/政务公开 wording found)", path=doc.path)
    meta = find_metadata(text, html_title=doc.meta.get("title"))
    version, evidence = detect_template(ntext, year=meta.get("year"))
    secs = find_sections(text)
    findings: list[dict] = []
    tables: dict = {}
    provenance: dict = {}
    unreadable: list[str] = []
    if version in ("2021", "2019"):
        pos = {s.key: s for s in secs}
        regions = find_table_regions(
            text,
            proactive_at=pos["proactive"].start if "proactive" in pos else None,
            appeals_at=pos["appeals"].start if "appeals" in pos else None,
            problems_at=pos["problems"].start if "problems" in pos else None)
        res = parse_tables(text, version=version, regions=regions)
        tables = res.nested()
        unreadable = sorted(res.unreadable)
        findings += [f.to_dict() for f in res.findings]
        findings += check_all(res.table2, res.table3, res.table4, version=version,
                              unreadable=res.unreadable)
        provenance = {k: {**v, **doc.locate(v["offset"])} if v.get("offset") is not None else v
                      for k, v in res.provenance.items()}
        if "problems" not in pos and regions.t4:
            secs = find_sections(text, tables_end=regions.t4[0])
        findings += _struct_sections(secs)
    elif version == "pre2019":
        secs = find_old_sections(text) or secs
        findings.append({"rule": "TEMPLATE-PRE2019", "severity": "info", "cells": [],
                         "expected": None, "actual": None,
                         "message": "report in the format used before 2019: its statistics are not "
                                    "in the national tables, which are left empty"})
    else:
        findings.append({"rule": "TEMPLATE-UNKNOWN", "severity": "warning", "cells": [],
                         "expected": None, "actual": None,
                         "message": "no national-format tables and no older report structure found"})
    meta.update({"template": version, "masked_chars": count_masked(text),
                 "template_evidence": evidence})
    rec_sections = [s.to_dict() for s in secs]
    stmts: list[dict] = []
    prob = next((s for s in secs if s.key == "problems"), None)
    if statements and prob is not None and prob.text:
        stmts = _statements(prob.text)
    source = {"path": doc.path, "format": doc.format, "sha256": doc.sha256,
              "chars": doc.source_chars, "encoding": doc.encoding}
    claims = claims_from_parts(text, rec_sections, tables, template=version, unreadable=unreadable,
                               findings=findings)
    findings += text_link_findings(claims)
    return Report(source=source, meta=meta, sections=rec_sections, tables=tables,
                  findings=findings, statements=stmts, claims=claims, provenance=provenance,
                  unreadable_cells=unreadable, document=doc)


def _struct_sections(secs: list[Section]) -> list[dict]:
    headed = [s.key for s in secs if not s.inferred]
    missing = [k for k in SECTION_KEYS if k not in headed]
    if not missing:
        return []
    inferred = [s.key for s in secs if s.inferred]
    msg = "sections without a heading: " + ", ".join(missing)
    if inferred:
        msg += f" (body of {', '.join(inferred)} found without its heading)"
    return [{"rule": "STRUCT-SECTIONS", "severity": "error", "cells": [],
             "expected": list(SECTION_KEYS), "actual": headed, "message": msg}]


def _statements(problems_text: str) -> list[dict]:
    from ogi.nlp.statements import extract_statements  # loads jieba and the model on first use

    return extract_statements(problems_text)
