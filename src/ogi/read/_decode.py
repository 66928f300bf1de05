"""Detect the encoding of a text file and decode it (BOM, UTF-16, UTF-8, GB18030, fallback)."""

from __future__ import annotations

import re

from ogi.errors import ReadError

__all__ = ["decode", "decode_checked", "decode_tolerant", "binary_kind", "check_text"]

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE mark).
# The codec names given decode the whole byte string, BOM included.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Signatures of binary files that are never text reports.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE2 document (.doc/.xls/.ppt; convert it to .docx)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
)

# C0 controls other than TAB, LF, VT, FF, CR, plus DEL: their density tells binary data.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
# Characters a Chinese report does *not* normally contain: anything outside ASCII,
# Latin-1, general punctuation, letterlike/number forms, arrows, enclosed numbers,
# box drawing, shapes, CJK punctuation, enclosed CJK, CJK ideographs (incl. ext. A),
# CJK compatibility forms, full-width forms.
_IMPLAUSIBLE_RE = re.compile(
    "[^\t\n\r\x0b\x0c\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u218f\u2190-\u21ff"
    "\u2200-\u22ff\u2460-\u24ff\u2500-\u25ff\u2600-\u26ff\u3000-\u303f\u3200-\u32ff"
    "\u3400-\u4dbf\u4e00-\u9fff\ufe30-\ufe4f\uff00-\uffef]"
)
_HANZI_RE = re.compile("[\u4e00-\u9fff]")
_SAMPLE_CHARS = 65536  # heuristics look at most at this many characters
_MAX_CONTROL_RATIO = 0.01
# invalid byte sequences tolerated in otherwise clean UTF-8/GB18030 text: this many, or
# one per this many bytes, whichever is more
_TOLERATED_ERRORS = 8
_TOLERATED_PER_BYTES = 1000


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary file ``data`` starts like (``"a PNG image"`` …), else None."""
    head = data[:16]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "a WebP image"
    return None


def _implausible_ratio(text: str) -> float:
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return 0.0
    return len(_IMPLAUSIBLE_RE.findall(sample)) / len(sample)


def _looks_chinese(text: str) -> bool:
    """True when GB18030-decoded text reads like Chinese rather than mis-decoded bytes."""
    if _implausible_ratio(text) > 0.02:
        return False
    hanzi = "".join(_HANZI_RE.findall(text[:_SAMPLE_CHARS]))
    if not hanzi:
        return False
    # Real GBK/GB2312 text uses common characters almost exclusively; Big5 or other
    # bytes mis-read as GBK produce many characters outside GB2312.
    outside = hanzi.encode("gb2312", errors="replace").count(b"?")
    return outside <= 0.2 * len(hanzi)


def _try_utf16(data: bytes, order: tuple[str, ...]) -> tuple[str, str] | None:
    """Decode BOM-less UTF-16 if one byte order gives plausible text."""
    if len(data) % 2:
        return None
    best: tuple[float, str, str] | None = None
    for enc in order:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        ratio = _implausible_ratio(text)
        if ratio <= 0.05 and (best is None or ratio < best[0]):
            best = (ratio, text, enc)
    return (best[1], best[2]) if best else None


def _detect(data: bytes, path: str | None, *, tolerant: bool = False) -> tuple[str, str, int]:
    """Decode ``data`` without any normalisation; raise ReadError when it is not text.

    Returns ``(text, encoding, replaced)``; ``replaced`` is 0 unless ``tolerant`` let
    UTF-8 or GB18030 text with a few invalid sequences through (see :func:`_tolerant`).
    """
    kind = binary_kind(data)
    if kind:
        raise ReadError(f"binary data: looks like {kind}, not text", path=path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, 0
            except UnicodeDecodeError as exc:
                raise ReadError(f"undecodable text: {enc} byte-order mark but invalid data "
                                f"at byte {exc.start}", path=path) from None
    if b"\x00" in data:
        head = data[:8192]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        order = ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")
        found = _try_utf16(data, order)
        if found:
            return found + (0,)
        raise ReadError("binary data: NUL bytes (and not UTF-16 text)", path=path)
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_chinese(text):
        return text, "gb18030", 0
    found = _try_utf16(data, ("utf-16-le", "utf-16-be"))
    if found and _HANZI_RE.search(found[0][:_SAMPLE_CHARS]):
        return found + (0,)
    if tolerant:  # before charset-normalizer, which would pick a Latin code page
        for enc in ("utf-8", "gb18030"):
            damaged = _tolerant(data, enc)
            if damaged is not None:
                return damaged[0], enc, damaged[1]
    try:
        import charset_normalizer
        best = charset_normalizer.from_bytes(data).best()
    except Exception:  # noqa: BLE001 - a detector failure means "undecodable"
        best = None
    if best is None or best.encoding is None:
        raise ReadError("undecodable text: not UTF-8, UTF-16 or GB18030, and no other "
                        "encoding fits", path=path)
    return str(best), best.encoding, 0


def _tolerant(data: bytes, encoding: str) -> tuple[str, int] | None:
    """Decode with a few invalid sequences replaced by U+FFFD, when that is all that is wrong.

    A crawl truncates files in the middle of a character and damages the odd byte; a
    report that is valid but for such a handful of sequences is read, not refused.
    Returns ``(text, replaced)`` or None when there are too many invalid sequences or the
    result does not read like Chinese text.
    """
    text = data.decode(encoding, errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode(encoding))
    if replaced > max(_TOLERATED_ERRORS, len(data) // _TOLERATED_PER_BYTES):
        return None
    clean = text.replace("\ufffd", "")
    if encoding == "gb18030":
        return (text, replaced) if _looks_chinese(clean) else None
    if not _HANZI_RE.search(clean[:_SAMPLE_CHARS]) or _implausible_ratio(clean) > 0.02:
        return None
    return text, replaced


def decode_tolerant(data: bytes, path: str | None = None) -> tuple[str, str, int]:
    """:func:`decode_checked` that also reads text with a few invalid byte sequences.

    When no encoding decodes ``data`` cleanly but UTF-8 or GB18030 decodes it with at
    most 8 invalid sequences (or one per 1,000 bytes, whichever is more) replaced by
    U+FFFD, and the result reads like Chinese, that text is returned.

    Args:
        data: the raw bytes.
        path: named in the ReadError message.

    Returns:
        ``(text, encoding, replaced)``: ``replaced`` counts the invalid sequences read as
        U+FFFD (0 for a clean decode).

    Raises:
        ReadError: binary data or bytes no encoding fits.
    """
    text, enc, replaced = _detect(data, path, tolerant=True)
    check_text(text, path)
    return _normalise(text), enc, replaced


def check_text(text: str, path: str | None) -> None:
    """Raise ReadError when decoded text is mostly control characters (binary data)."""
    sample = text[:_SAMPLE_CHARS]
    if not sample:
        return
    n = len(_CONTROL_RE.findall(sample))
    if n and n > _MAX_CONTROL_RATIO * len(sample):
        raise ReadError(f"binary data: {n} control characters in {len(sample)} "
                        "characters", path=path)


def _normalise(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_checked(data: bytes, path: str | None = None) -> tuple[str, str]:
    """Decode, reject binary data, strip a BOM and normalise newlines to ``\\n``.

    Args:
        data: the raw bytes.
        path: named in the ReadError message.

    Returns:
        ``(text, encoding)``.

    Raises:
        ReadError: binary data or undecodable bytes.
    """
    text, enc, _ = _detect(data, path)
    check_text(text, path)
    return _normalise(text), enc


def decode(data: bytes) -> tuple[str, str]:
    """Decode the bytes of a text report, detecting (never assuming) the encoding.

    Order: byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32); BOM-less UTF-16 (NUL bytes);
    strict UTF-8; GB18030 (covers GBK and GB2312) when it decodes cleanly and reads like
    Chinese; BOM-less UTF-16 without NULs; charset-normalizer as a last resort.  Newlines
    are normalised to ``\\n`` and a leading BOM is stripped.

    Args:
        data: the raw bytes.

    Returns:
        ``(text, encoding)`` where ``encoding`` is a Python codec name that decodes
        ``data`` (e.g. ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-16-le"``,
        ``"gb18030"``).

    Raises:
        ReadError: binary data (NUL bytes that are not UTF-16, control characters, an
            image or archive signature) or bytes no encoding fits.

    Example:
        >>> decode("一、总体情况\\r\\n".encode("gbk"))
        ('一、总体情况\\n', 'gb18030')
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() needs bytes, not {type(data).__name__}")
    return decode_checked(bytes(data), None)
