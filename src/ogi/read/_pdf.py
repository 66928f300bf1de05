"""PDF to blocks with pdfplumber: ruled tables as cell grids, other text lines as paragraphs."""

from __future__ import annotations

import io
import re
import zlib

from ogi.document import Block, Cell, Paragraph, Table
from ogi.errors import ReadError

__all__ = ["pdf_blocks"]

_DASH = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d~\uff5e"
# Page-number lines: "- 4 -", "—4—", "第 4 页", "第4页 共10页", "共10页 第4页", "4/10".
_PAGE_NO_RE = re.compile(
    rf"[{_DASH}]+\s*\d{{1,4}}\s*[{_DASH}]+"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?")


def _is_page_number(text: str) -> bool:
    return _PAGE_NO_RE.fullmatch(text.strip()) is not None


def _index(values: list[float]) -> dict[float, int]:
    return {v: i for i, v in enumerate(sorted(set(values)))}


def _table(table) -> Table | None:
    """A pdfplumber table as logical cells; spans from the cell boxes on the grid lines."""
    texts = table.extract()
    boxes: list[tuple[tuple[float, float, float, float], str]] = []
    for row, row_texts in zip(table.rows, texts):
        for bbox, text in zip(row.cells, row_texts):
            if bbox is None:
                continue  # a position covered by a merged cell
            boxes.append((tuple(round(v, 1) for v in bbox), " ".join((text or "").split())))
    if not boxes:
        return None
    xs = _index([b[0] for b, _ in boxes] + [b[2] for b, _ in boxes])
    ys = _index([b[1] for b, _ in boxes] + [b[3] for b, _ in boxes])
    n_rows = len(ys) - 1
    rows: list[list[Cell]] = [[] for _ in range(max(n_rows, 1))]
    for (x0, top, x1, bottom), text in boxes:
        r, c = ys[top], xs[x0]
        rows[r].append(Cell(text, r, c, max(1, ys[bottom] - r), max(1, xs[x1] - c)))
    for row in rows:
        row.sort(key=lambda cell: cell.col)
    while rows and not rows[-1]:
        rows.pop()
    return Table(rows=rows) if rows else None


def _page_blocks(page) -> list[Block]:
    page = page.dedupe_chars()
    found = page.find_tables()
    items: list[tuple[float, float, Block]] = []
    bboxes = []
    for t in found:
        tbl = _table(t)
        if tbl is None or sum(len(row) for row in tbl.rows) < 2:
            continue  # a frame drawn around text is not a table: read its lines
        bboxes.append(t.bbox)
        items.append((t.bbox[1], t.bbox[0], tbl))

    def outside(obj) -> bool:
        if obj.get("object_type") != "char" or not bboxes:
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom
                       for x0, top, x1, bottom in bboxes)

    rest = page.filter(outside) if bboxes else page
    for line in rest.extract_text_lines(layout=False, strip=True, return_chars=False):
        text = line["text"].strip()
        if text and not _is_page_number(text):
            items.append((line["top"], line["x0"], Paragraph(text)))
    items.sort(key=lambda it: (it[0], it[1]))
    return [b for _, _, b in items]


#: Most pages a PDF may have (annual reports have tens); more is an error, not an hour of parsing.
MAX_PDF_PAGES = 2000
#: Most bytes the PDF's Flate streams may inflate to, all together (a decompression bomb is
#: refused before pdfminer inflates anything; reports inflate to a few megabytes).
MAX_INFLATED_BYTES = 256 * 1024 * 1024
_STREAM_RE = re.compile(rb"stream\r?\n")
_CHUNK = 1 << 20


def inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> int:
    """Bytes the Flate streams of a PDF inflate to, counted in 1 MB steps, stopping past ``limit``.

    Memory stays at about a megabyte whatever a stream claims; a stream that is not Flate (or
    is corrupt) counts as nothing here (pdfminer reports it).

    Example:
        >>> import zlib
        >>> stream = b"<</Filter/FlateDecode>>stream" + bytes([10]) + zlib.compress(b"x" * 5000)
        >>> inflated_size(stream + b"endstream")
        5000
    """
    total = 0
    for m in _STREAM_RE.finditer(data):
        d = zlib.decompressobj()
        pos = m.end()
        try:
            while pos < len(data) and not d.eof:
                buf = data[pos:pos + _CHUNK]
                pos += _CHUNK
                while buf and not d.eof:
                    total += len(d.decompress(buf, _CHUNK))
                    if total > limit:
                        return total
                    buf = d.unconsumed_tail
        except zlib.error:
            continue
    return total


def pdf_blocks(data: bytes) -> tuple[list[Block], dict]:
    """Read a PDF's pages top to bottom into blocks.

    Per page: doubled (fake-bold) characters are removed, ruled tables become
    :class:`Table` blocks (merged cells get their row/column spans), the remaining text
    lines become :class:`Paragraph` blocks, page-number lines are dropped.

    Args:
        data: the PDF bytes.

    Returns:
        ``(blocks, meta)`` with ``meta["pages"]`` the page count.

    Raises:
        ReadError: more than :data:`MAX_PDF_PAGES` pages, or streams that inflate past
            :data:`MAX_INFLATED_BYTES` (a decompression bomb).
        Exception: whatever pdfplumber/pdfminer raise for an encrypted or corrupt file;
            the caller turns it into a ReadError.
    """
    import pdfplumber

    inflated = inflated_size(data)
    if inflated > MAX_INFLATED_BYTES:
        raise ReadError(f"PDF streams inflate past {MAX_INFLATED_BYTES // (1 << 20)} MB "
                        f"(a decompression bomb?): not read")
    blocks: list[Block] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = pdf.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ReadError(f"PDF has {len(pages):,} pages, over the limit of {MAX_PDF_PAGES:,}: not read")
        for page in pages:
            blocks.extend(_page_blocks(page))
            page.close()
        return blocks, {"pages": len(pages)}
