"""Readers: the bytes of a report (txt, md, html, pdf, docx) to an ogi Document.

Example:
    >>> from ogi.read import read_text
    >>> doc = read_text("二、主动公开政府信息情况\\n信息内容 | 本年制发件数 |\\n规章 | 0 |")
    >>> [c.text for c in doc.tables[0].rows[1]]
    ['规章', '0']
"""

from __future__ import annotations

from ogi.read._api import EXTENSIONS, FORMATS, Format, read, read_bytes, read_text
from ogi.read._decode import decode

__all__ = ["read", "read_bytes", "read_text", "decode", "Format", "FORMATS", "EXTENSIONS",
           "REPORT_SUFFIXES"]

#: File endings a corpus walk takes for reports (the other EXTENSIONS are read when named).
REPORT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".pdf", ".docx")
