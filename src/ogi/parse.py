"""Parse a report into the canonical record (shared/spec/report-json.md).

:func:`parse` reads a file or a text and returns an :class:`ogi.record.Report`, whose parts are
typed (:mod:`ogi.record`); ``to_dict()`` gives the JSON record.

Example:
    >>> from ogi import parse
    >>> rep = parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。", statements=False)
    >>> rep.meta.template, rep.sections[0].key
    ('pre2019', 'overview')
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from ogi.checks import check_all
from ogi.claims import claims_from_parts, text_link_findings
from ogi.document import Document
from ogi.errors import ParseError
from ogi.layout import place
from ogi.normalize import count_masked, norm
from ogi.record import SCHEMA, Finding, Meta, Report, Section, Source, Statement, nest_cells
from ogi.structure import SECTION_KEYS, detect_template, find_metadata, find_old_sections
from ogi.structure import Section as FoundSection
from ogi.tables import parse_tables
from ogi.template import active_spec

__all__ = ["Report", "parse", "parse_document", "SCHEMA"]

Format = Literal["txt", "md", "html", "pdf", "docx"]


def _read(source: str | os.PathLike | Document, fmt: Format | None,
          max_bytes: int | None = None) -> Document:
    from ogi.read import read, read_text

    if isinstance(source, Document):
        return source
    if isinstance(source, Path):
        return read(source, fmt=fmt, max_bytes=max_bytes)
    if isinstance(source, str):
        if "\n" not in source and len(source) < 4096 and os.path.exists(source):
            return read(source, fmt=fmt, max_bytes=max_bytes)
        return read_text(source, fmt="md" if fmt == "md" else "txt", max_bytes=max_bytes)
    raise ParseError(f"cannot parse an object of type {type(source).__name__}")


def parse(source: str | os.PathLike | Document, *, fmt: Format | None = None,
          statements: bool = True, max_bytes: int | None = None,
          model: str | os.PathLike | None = None) -> Report:
    """Read and parse one report.

    Args:
        source: a path, the text of a report, or a :class:`~ogi.document.Document`.
        fmt: force the reader ("txt", "md", "html", "pdf", "docx").
        statements: extract and classify the statements of section 五.
        max_bytes: refuse a larger input; ``OGI_MAX_BYTES`` or 50 MB when None
            (see :mod:`ogi.limits`).
        model: the statement model (a registered name or a model folder, see
            :func:`ogi.nlp.models.get`); None for the shipped one.

    Raises:
        ogi.errors.ReadError: the file cannot be read as a report.
        ogi.errors.ParseError: the text is not an annual report.
    """
    return parse_document(_read(source, fmt, max_bytes), statements=statements, model=model)


_REPORT_HINT_RE = re.compile(r"信息公开|政务公开|依申请|主动公开")


def parse_document(doc: Document, *, statements: bool = True, model: str | os.PathLike | None = None) -> Report:
    """Parse an already-read :class:`~ogi.document.Document` (``model``: as in :func:`parse`)."""
    text = doc.text
    ntext = norm(text)
    if not _REPORT_HINT_RE.search(ntext):
        raise ParseError("not an annual report on government information disclosure "
                         "(no 信息公开/政务公开 wording found)", path=doc.path)
    meta = find_metadata(text, html_title=doc.meta.get("title"))
    version, evidence = detect_template(ntext, year=meta.get("year"))
    national = version in active_spec().versions
    layout = place(text, tables=national)
    secs = layout.sections
    findings: list[Finding] = []
    tables: dict[str, Any] = {}
    provenance: dict[str, Any] = {}
    unreadable: list[str] = []
    if national and layout.regions is not None:
        regions = layout.regions
        res = parse_tables(text, version=version, regions=regions)
        tables = {name: nest_cells(flat) for name, flat in
                  (("table2", res.table2), ("table3", res.table3), ("table4", res.table4))}
        unreadable = sorted(res.unreadable)
        findings += res.findings
        findings += check_all(res.table2, res.table3, res.table4, version=version,
                              unreadable=res.unreadable)
        provenance = {k: {**v, **doc.locate(v["offset"])} if v.get("offset") is not None else v
                      for k, v in res.provenance.items()}
        findings += _struct_sections(secs)
    elif version == "pre2019":
        secs = find_old_sections(text) or secs
        findings.append(Finding("TEMPLATE-PRE2019", "info", [],
                                "report in the format used before 2019: its statistics are not "
                                "in the national tables, which are left empty"))
    else:
        findings.append(Finding("TEMPLATE-UNKNOWN", "warning", [],
                                "no national-format tables and no older report structure found"))
    sections = [Section.from_dict(s.to_dict()) for s in secs]
    prob = next((s for s in sections if s.key == "problems"), None)
    stmts = _statements(prob.text, model) if statements and prob is not None and prob.text else []
    claims = claims_from_parts(text, sections, tables, template=version, unreadable=unreadable,
                               findings=findings, year=meta.get("year"))
    findings += text_link_findings(claims)
    return Report(
        source=Source(path=doc.path, format=doc.format, sha256=doc.sha256, chars=doc.source_chars,
                      encoding=doc.encoding),
        meta=Meta.from_dict({**meta, "template": version, "masked_chars": count_masked(text),
                             "template_evidence": evidence}),
        sections=sections, tables=tables, findings=findings, statements=stmts, claims=claims,
        provenance=provenance, unreadable_cells=unreadable, document=doc)


def _struct_sections(secs: list[FoundSection]) -> list[Finding]:
    headed = [s.key for s in secs if not s.inferred]
    missing = [k for k in SECTION_KEYS if k not in headed]
    if not missing:
        return []
    inferred = [s.key for s in secs if s.inferred]
    msg = "sections without a heading: " + ", ".join(missing)
    if inferred:
        msg += f" (body of {', '.join(inferred)} found without its heading)"
    return [Finding("STRUCT-SECTIONS", "error", [], msg, expected=list(SECTION_KEYS), actual=headed)]


def _statements(problems_text: str, model: str | os.PathLike | None) -> list[Statement]:
    from ogi.nlp.statements import extract_statements  # loads jieba and the model on first use

    # the statement extractor still gives dicts: typed here
    found = extract_statements(problems_text) if model is None else extract_statements(problems_text, model=model)
    return [Statement.from_dict(s) for s in found]
