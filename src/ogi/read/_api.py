"""The reader entry points: a file, bytes or text in memory to a Document."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from io import BytesIO
from typing import Literal, get_args

from ogi.document import Document
from ogi.errors import ReadError, UsageError
from ogi.limits import check_size, read_limited
from ogi.limits import max_bytes as _max_bytes
from ogi.read._decode import binary_kind, check_text, decode_tolerant

__all__ = ["read", "read_bytes", "read_text", "Format", "FORMATS", "EXTENSIONS"]

Format = Literal["txt", "md", "html", "pdf", "docx"]
FORMATS: tuple[str, ...] = get_args(Format)
#: File extensions (lower case, with the dot) and the format each one means.
EXTENSIONS: dict[str, Format] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html",
    ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
    # saved web pages keep their server-side extensions
    ".shtml": "html", ".shtm": "html", ".jsp": "html", ".asp": "html", ".aspx": "html",
    ".php": "html",
}
# Extensions of formats ogi cannot read, with a hint for the user.
_HINTS = {".doc": "old binary Word format; save it as .docx",
          ".wps": "WPS format; save it as .docx", ".rtf": "RTF; save it as .docx",
          ".xls": "spreadsheet", ".xlsx": "spreadsheet", ".et": "spreadsheet",
          ".ppt": "presentation", ".pptx": "presentation",
          ".ofd": "OFD format; export a PDF", ".png": "image", ".jpg": "image",
          ".jpeg": "image", ".gif": "image", ".zip": "archive", ".rar": "archive"}
_MARKUP_RE = re.compile(r"<(?:!doctype\s+html|html|body|table|p|div|span|br|td|tr|h[1-6])[\s>/]",
                        re.I)
_PDF_SCAN = 1024  # %PDF may follow some junk; pdfminer accepts it within the first KB


def _check_fmt(fmt: str | None, valid: tuple[str, ...] = FORMATS) -> None:
    if fmt is not None and fmt not in valid:
        raise UsageError(f"invalid fmt {fmt!r}; valid values: {', '.join(valid)}")


def _fmt_from_name(name: str, path: str, *, strict: bool = True) -> Format | None:
    """The format an extension names; None when it names none (sniff the bytes).

    With ``strict`` every other extension is a ReadError; without, only the extensions
    of formats known to be unsupported (.doc, .xls …) are, and the rest are sniffed.
    """
    ext = os.path.splitext(name)[1].lower()
    if not ext:
        return None
    fmt = EXTENSIONS.get(ext)
    if fmt is None and (strict or ext in _HINTS):
        hint = _HINTS.get(ext)
        known = " ".join(sorted(EXTENSIONS))
        raise ReadError(f"unsupported file extension {ext!r}" + (f" ({hint})" if hint else "")
                        + f"; supported: {known}", path=path)
    return fmt


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _sniff(data: bytes, path: str) -> str:
    """Guess the format of bytes with no (known) name: pdf, docx, html or txt."""
    if data[:_PDF_SCAN].lstrip(b" \t\r\n\x00\xef\xbb\xbf").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _is_docx_zip(data):
            return "docx"
        raise ReadError("binary data: a zip archive that is not a DOCX document", path=path)
    return "text"  # decided after decoding: html or txt


def _doc_from_text(text: str, *, fmt: str, path: str | None, data: bytes,
                   encoding: str | None, where: str) -> Document:
    """Blocks of a txt/md/html source already decoded (``where`` names it in errors)."""
    if not text.strip():
        raise ReadError("empty file (only whitespace)", path=where)
    meta: dict = {}
    if fmt == "html":
        from ogi.read._html import html_blocks
        try:
            blocks, meta = html_blocks(text)
        except ValueError as exc:
            raise ReadError(f"unreadable HTML: {exc}", path=where) from None
        if not blocks:
            raise ReadError("HTML has no text", path=where)
    else:
        from ogi.read._text import text_blocks
        blocks = text_blocks(text)
    return Document.from_blocks(blocks, fmt=fmt, path=path, data=data, encoding=encoding,
                                source_chars=len(text), meta=meta)


def _pdf_reason(exc: BaseException) -> str:
    """A short reason for a pdfplumber/pdfminer failure (pdfplumber wraps the cause)."""
    inner = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    name = type(inner).__name__
    if any(w in name for w in ("Password", "Encrypt")) or "password" in str(inner).lower():
        return "encrypted PDF (a password is needed to read it)"
    detail = str(inner).strip()
    return f"corrupt PDF ({name}: {detail})" if detail else f"corrupt PDF ({name})"


def _read_pdf(data: bytes, path: str, doc_path: str | None) -> Document:
    if b"%PDF-" not in data[:_PDF_SCAN]:
        kind = binary_kind(data)
        raise ReadError("corrupt PDF: no %PDF header" + (f" (looks like {kind})" if kind else ""),
                        path=path)
    from ogi.read._pdf import pdf_blocks
    try:
        blocks, meta = pdf_blocks(data)
    except ReadError as exc:
        raise ReadError(exc.reason, path=exc.path or path) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types
        raise ReadError(_pdf_reason(exc), path=path) from None
    if not blocks:
        raise ReadError("PDF has no extractable text (a scanned image?)", path=path)
    return Document.from_blocks(blocks, fmt="pdf", path=doc_path, data=data, meta=meta,
                                source_chars=sum(len(b.render()) for b in blocks))


def _check_docx_parts(data: bytes, path: str, limit: int) -> None:
    """Refuse a DOCX whose parts expand beyond the size limit (a zip bomb).

    zipfile stops reading a member at its declared size, so bounding the declared sizes
    bounds the memory python-docx can use.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # _is_docx_zip has said it is readable; python-docx reports the rest
    total = 0
    for info in infos:
        check_size(info.file_size, path, limit=limit, what=f"DOCX part {info.filename!r}")
        total += info.file_size
    check_size(total, path, limit=limit, what="DOCX content (uncompressed)")


def _read_docx(data: bytes, path: str, doc_path: str | None, limit: int) -> Document:
    if not data.startswith(b"PK"):
        kind = binary_kind(data)
        raise ReadError("corrupt DOCX: not a zip archive" + (f" (looks like {kind})" if kind
                                                             else ""), path=path)
    if not _is_docx_zip(data):
        raise ReadError("corrupt DOCX: not a readable zip archive holding word/document.xml",
                        path=path)
    _check_docx_parts(data, path, limit)
    from ogi.read._docx import docx_blocks
    try:
        blocks, meta = docx_blocks(data)
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/python-docx raise many types
        name = type(exc).__name__
        raise ReadError(f"corrupt DOCX ({name}: {exc})" if str(exc) else f"corrupt DOCX ({name})",
                        path=path) from None
    if not blocks:
        raise ReadError("DOCX has no text", path=path)
    return Document.from_blocks(blocks, fmt="docx", path=doc_path, data=data, meta=meta,
                                source_chars=sum(len(b.render()) for b in blocks))


def _read(data: bytes, fmt: str | None, path: str, doc_path: str | None, limit: int
          ) -> Document:
    if not data:
        raise ReadError("empty file (0 bytes)", path=path)
    if fmt is None:
        fmt = _sniff(data, path)
    if fmt == "pdf":
        return _read_pdf(data, path, doc_path)
    if fmt == "docx":
        return _read_docx(data, path, doc_path, limit)
    text, encoding, replaced = decode_tolerant(data, path)
    if fmt == "text":
        fmt = "html" if _MARKUP_RE.search(text, 0, 4096) else "txt"
    doc = _doc_from_text(text, fmt=fmt, path=doc_path, data=data, encoding=encoding,
                         where=path)
    if replaced:
        # a few invalid byte sequences (a truncated or damaged file) were read as U+FFFD
        doc.meta["decode_errors"] = replaced
    return doc


def read_bytes(data: bytes, *, name: str = "<bytes>", fmt: Format | None = None,
               max_bytes: int | None = None) -> Document:
    """Read a report from bytes in memory.

    Args:
        data: the file's bytes.
        name: a file name; its extension gives the format and it is named in errors (and
            kept as ``Document.path`` unless it is the default ``"<bytes>"``).  The
            extension of a format known to be unsupported (.doc, .xls, .png …) is a
            ReadError; any other unknown extension (a URL's ``.jsp?id=1``) is sniffed.
        fmt: the format, overriding the extension.  Without either, the format is
            sniffed: ``%PDF`` -> pdf, a zip holding ``word/document.xml`` -> docx, markup
            such as ``<html``/``<table``/``<p`` -> html, else txt.
        max_bytes: the size limit (also of a DOCX's uncompressed parts); the
            ``OGI_MAX_BYTES`` environment variable or 50 MB when None
            (see :mod:`ogi.limits`).

    Returns:
        The Document, with ``sha256`` of ``data`` and, for text formats, the detected
        ``encoding``.

    Raises:
        UsageError: ``fmt`` is not one of txt, md, html, pdf, docx, or a bad size limit.
        ReadError: empty, binary, undecodable, corrupt, unsupported or too large input.

    Example:
        >>> read_bytes("一、总体情况\\n规章 | 0 | 0 |".encode("gbk")).tables[0].rows[0][0].text
        '规章'
    """
    _check_fmt(fmt)
    limit = _max_bytes(max_bytes)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"read_bytes() needs bytes, not {type(data).__name__}")
    check_size(len(data), name, limit=limit)
    data = bytes(data)
    if fmt is None:
        fmt = _fmt_from_name(name, name, strict=False)
    return _read(data, fmt, name, None if name == "<bytes>" else name, limit)


def read(source: str | os.PathLike, *, fmt: Format | None = None,
         max_bytes: int | None = None) -> Document:
    """Read a report file (txt, md, html, pdf, docx) into a Document.

    Args:
        source: the file's path.
        fmt: the format, overriding the file extension (``.txt .text .md .markdown .html
            .htm .xhtml .shtml .pdf .docx`` …, see ``EXTENSIONS``); a file without
            extension is sniffed, any other extension is a ReadError.
        max_bytes: the size limit; the ``OGI_MAX_BYTES`` environment variable or 50 MB
            when None.  A larger file is refused before it is read into memory.

    Returns:
        The Document, with ``path`` as given, ``sha256`` of the bytes, the detected
        ``encoding`` (text formats) and ``source_chars``.

    Raises:
        UsageError: ``fmt`` is not one of txt, md, html, pdf, docx, or a bad size limit.
        ReadError: missing or unreadable file, unsupported extension, empty, binary,
            undecodable, corrupt or too large content.  The message names the path.

    Example:
        >>> doc = read("report.txt")  # doctest: +SKIP
        >>> doc.tables[0].rows[0][0].text  # doctest: +SKIP
        '第二十条第（一）项'
    """
    _check_fmt(fmt)
    limit = _max_bytes(max_bytes)
    path = os.fspath(source)
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if fmt is None:
        fmt = _fmt_from_name(path, path)
    try:
        mode = os.stat(path).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            # opening a FIFO would wait for a writer forever
            raise ReadError("not a regular file (a device, FIFO or socket)", path=path)
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            check_size(size, path, limit=limit)
            # a file that grows while it is read is still cut at the limit
            data = read_limited(fh, size, limit)
        check_size(len(data), path, limit=limit)
    except FileNotFoundError:
        raise ReadError("file not found", path=path) from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a file", path=path) from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    return _read(data, fmt, path, path, limit)


def read_text(text: str, *, fmt: Literal["txt", "md"] = "txt", name: str | None = None,
              max_bytes: int | None = None) -> Document:
    """Read a report already in memory as text (txt or md).

    Newlines are normalised and a leading BOM is dropped; ``sha256`` is taken of the
    UTF-8 encoding of ``text`` and ``encoding`` is None (nothing was decoded).

    Args:
        text: the report text.
        fmt: ``"txt"`` or ``"md"``.
        name: kept as ``Document.path`` and named in errors.
        max_bytes: the size limit on the UTF-8 encoding of ``text``; the
            ``OGI_MAX_BYTES`` environment variable or 50 MB when None.

    Returns:
        The Document.

    Raises:
        UsageError: ``fmt`` is not txt or md, or a bad size limit.
        ReadError: empty, too large, or mostly control characters.

    Example:
        >>> read_text("一、总体情况\\n规章 | 0 | 0 | 0 |").text
        '一、总体情况\\n规章 | 0 | 0 | 0'
    """
    _check_fmt(fmt, ("txt", "md"))
    limit = _max_bytes(max_bytes)
    if not isinstance(text, str):
        raise TypeError(f"read_text() needs str, not {type(text).__name__}")
    where = name or "<text>"
    check_size(len(text), where, limit=limit)  # a lower bound: refuse before encoding
    data = text.encode("utf-8", errors="surrogatepass")
    check_size(len(data), where, limit=limit)
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_text(text, where)
    if not text.strip():
        raise ReadError("empty text (only whitespace)" if data else "empty text", path=where)
    return _doc_from_text(text, fmt=fmt, path=name, data=data, encoding=None, where=where)

