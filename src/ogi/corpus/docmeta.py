"""Publication date and source URL where a file carries them (crawler headers, HTML meta).

Read from the head of the file itself (the first :data:`HEAD_BYTES`), never from the parsed
record, so the record JSON stays as it is: a crawler header line such as ``发布时间: 2020-01-20
15:22`` or ``原文链接: https://…``, or, in HTML, a ``<meta>`` publication date
(``PubDate``, ``publishdate``, ``article:published_time`` …) and the canonical link or
``og:url``.  Dates are given as ``YYYY-MM-DD``; a file that carries neither gives nulls.

Example:
    >>> header_meta("标题: 年度报告\\n发布时间: 2020-01-20 15:22\\n原文链接: https://a.gov.cn/x.htm\\n")
    {'published': '2020-01-20', 'source_url': 'https://a.gov.cn/x.htm'}
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["HEAD_BYTES", "bytes_meta", "file_meta", "header_meta"]

#: Bytes of a file read for its header.
HEAD_BYTES = 65536

_DATE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_DATE_LINE = re.compile(r"^\s*(?:发布时间|发布日期|发文日期|成文日期|公开日期)\s*[:：]\s*(.+)$", re.M)
_URL_LINE = re.compile(r"^\s*(?:原文链接|原文地址|来源链接|来源网址|网址|URL)\s*[:：]\s*(https?://\S+)", re.M | re.I)
_TAG = re.compile(r"<(meta|link)\b([^>]*)>", re.I)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*[\"']([^\"']*)[\"']")
_META_DATES = {"pubdate", "publishdate", "firstpublishedtime", "article:published_time", "published_time",
               "date", "dc.date", "maketime"}
_TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")


def _iso(text: str) -> str | None:
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def header_meta(text: str) -> dict[str, str | None]:
    """``published`` and ``source_url`` from the head of a document's text (None when absent)."""
    published = url = None
    m = _DATE_LINE.search(text)
    if m:
        published = _iso(m.group(1))
    m = _URL_LINE.search(text)
    if m:
        url = m.group(1)
    for tag, attrs in _TAG.findall(text):
        a = {k.lower(): v for k, v in _ATTR.findall(attrs)}
        name = (a.get("name") or a.get("property") or a.get("itemprop") or "").lower()
        if tag.lower() == "meta" and published is None and name in _META_DATES:
            published = _iso(a.get("content", ""))
        elif url is None and ((tag.lower() == "meta" and name == "og:url")
                              or (tag.lower() == "link" and a.get("rel", "").lower() == "canonical")):
            url = (a.get("content") or a.get("href") or "").strip() or None
    return {"published": published, "source_url": url}


def file_meta(path: str | os.PathLike) -> dict[str, str | None]:
    """:func:`header_meta` of a text, Markdown or HTML file's head; nulls for other formats."""
    p = Path(path)
    if p.suffix.lower() not in _TEXT_SUFFIXES:
        return {"published": None, "source_url": None}
    try:
        with p.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    except OSError:
        return {"published": None, "source_url": None}
    return bytes_meta(head, p.name)


def bytes_meta(data: bytes, name: str) -> dict[str, str | None]:
    """:func:`file_meta` of a file's bytes already read (``name`` gives the format by its suffix).

    Example:
        >>> bytes_meta("发布时间：2021年1月5日\\n".encode(), "a.txt")["published"]
        '2021-01-05'
        >>> bytes_meta(b"%PDF-1.7", "a.pdf")
        {'published': None, 'source_url': None}
    """
    if Path(name).suffix.lower() not in _TEXT_SUFFIXES:
        return {"published": None, "source_url": None}
    head = data[:HEAD_BYTES]
    for enc in ("utf-8", "gb18030"):
        try:
            return header_meta(head.decode(enc))
        except UnicodeDecodeError:
            continue
    return header_meta(head.decode("utf-8", errors="replace"))
