"""Audit view: what ogi read from a report, as one self-contained HTML page.

:func:`render_report` turns a record (plus, when at hand, the document text) into a page that
shows the six sections, the statements of section 五 by kind and topic, every claim with its
verdict linked to its table cell, every finding, and tables 二/三/四 in the national layout with
each cell's source text, and embeds the subset of Noto Sans SC it needs (:mod:`ogi.view.fonts`),
so it shows Chinese anywhere.  :func:`render_index` and :func:`write_dataset_views` do the same
for a processed dataset: an index sorted by severity, linking the pages of the reports with the
most errors; :func:`write_report_view` writes any other report's page on demand.

Example:
    >>> import ogi
    >>> from ogi.view import render_report
    >>> rep = ogi.parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。")
    >>> "一、总体情况" in render_report(rep.to_dict(), text=rep.document.text, embed_font=False)
    True
"""

from __future__ import annotations

from ogi.view.dataset import (
    SEVERITY_COLUMNS,
    dataset_reports,
    load_record,
    page_name,
    render_index,
    resolve_report_id,
    write_dataset_views,
    write_report_view,
)
from ogi.view.palette import KIND_COLORS, SEVERITY_COLORS, VERDICT_COLORS
from ogi.view.report import SECTION_TITLES, TOPIC_LABELS, cell_classes, page_shell, render_report

__all__ = ["render_report", "render_index", "write_dataset_views", "write_report_view", "load_record",
           "dataset_reports", "resolve_report_id", "page_name", "cell_classes", "page_shell", "SECTION_TITLES",
           "TOPIC_LABELS", "SEVERITY_COLUMNS", "VERDICT_COLORS", "SEVERITY_COLORS", "KIND_COLORS"]
