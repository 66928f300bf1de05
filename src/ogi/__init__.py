"""ogi: text-mining toolkit for the annual reports on open government information.

Read any copy of a report (txt, md, html, pdf, docx; any encoding; redacted or not), parse
it into one canonical record, check the accounting identities of its tables, and study its
narrative.

Example:
    >>> import ogi
    >>> rep = ogi.parse("一、总体情况\\n2024年，本机关共收到政府信息公开申请4件。")
    >>> rep.meta.template
    'pre2019'
    >>> ogi.initialize()  # jieba, dictionaries and the statement model, once per process
"""

from __future__ import annotations

from typing import Any

from ogi import nlp  # ogi.nlp.tokenize, .statements, .models, .spacy_pipeline() …
from ogi.document import Cell, Document, Paragraph, Table
from ogi.errors import OgiError, ParseError, ReadError, UsageError
from ogi.nlp.loading import initialize
from ogi.parse import Report, parse, parse_document
from ogi.read import read, read_bytes, read_text

__version__ = "0.1.0"

__all__ = ["parse", "parse_document", "read", "read_bytes", "read_text", "nlp", "initialize", "process",
           "Dataset", "Report", "Document", "Paragraph", "Table", "Cell", "OgiError", "ReadError", "ParseError",
           "UsageError", "__version__"]


def __getattr__(name: str) -> Any:
    # corpus processing pulls in pyarrow and duckdb: imported on first use only
    if name in ("process", "Dataset"):
        from ogi import corpus

        return getattr(corpus, name)
    raise AttributeError(f"module 'ogi' has no attribute {name!r}")
