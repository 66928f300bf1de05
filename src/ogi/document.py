"""The Document: ordered blocks (paragraphs and tables as cell grids) with provenance.

Every reader (txt, md, html, pdf, docx) produces a :class:`Document`.  Downstream stages
never look at the original bytes again: they work on ``Document.text``, a plain-text
rendering in which each paragraph is one line and each table row is one line whose
cells are joined by ``" | "``.  Every block records where its rendering sits in
``Document.text`` (``start``/``end``), and every table cell records where it sits in its
row, so a finding or a claim can always be traced back to a block, a table row and a
column.

Example:
    >>> from ogi.document import Document, Paragraph
    >>> doc = Document.from_blocks([Paragraph("一、总体情况")], fmt="txt")
    >>> doc.text
    '一、总体情况'
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Cell", "Table", "Paragraph", "Block", "Document", "CELL_SEP"]

#: Separator between the cells of a table row in ``Document.text``.
CELL_SEP = " | "


@dataclass(slots=True)
class Paragraph:
    """A run of text that is not a table: a line of a text file, a ``<p>``, a PDF text line."""

    text: str
    start: int = 0  # offset of the rendering in Document.text (set by Document.from_blocks)
    end: int = 0
    source_offset: int | None = None  # offset in the decoded source text, when known

    kind = "paragraph"

    def render(self) -> str:
        return self.text


@dataclass(slots=True)
class Cell:
    """One logical cell of a table (a merged cell appears once, with its spans)."""

    text: str
    row: int
    col: int  # grid column of the cell's top-left corner
    rowspan: int = 1
    colspan: int = 1
    start: int = 0  # offset of the cell's text in Document.text
    end: int = 0


@dataclass(slots=True)
class Table:
    """A table as a list of rows of logical cells.

    ``rows[i]`` holds the cells that *start* in grid row ``i``, left to right; a cell
    spanning several rows or columns appears once.  :meth:`grid` expands the spans into a
    full rectangular grid when a caller needs positions.
    """

    rows: list[list[Cell]]
    start: int = 0
    end: int = 0
    index: int = 0  # 0-based position among the document's tables

    kind = "table"

    def render(self) -> str:
        return "\n".join(CELL_SEP.join(c.text for c in row) for row in self.rows)

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for row in self.rows for c in row), default=0)

    def grid(self) -> list[list[str | None]]:
        """The table as a rectangular grid; spanned positions repeat the cell's text."""
        n_cols = self.n_cols
        height = max((c.row + c.rowspan for row in self.rows for c in row), default=0)
        out: list[list[str | None]] = [[None] * n_cols for _ in range(height)]
        for row in self.rows:
            for c in row:
                for r in range(c.row, c.row + c.rowspan):
                    for k in range(c.col, c.col + c.colspan):
                        out[r][k] = c.text
        return out

    @classmethod
    def from_rows(cls, rows: list[list[str]]) -> Table:
        """A table without merged cells from rows of cell texts."""
        return cls(rows=[[Cell(text=t, row=i, col=j) for j, t in enumerate(r)]
                         for i, r in enumerate(rows)])


Block = Paragraph | Table


@dataclass(slots=True)
class Document:
    """What a reader returns: ordered blocks plus the plain-text rendering of all of them."""

    blocks: list[Block]
    text: str
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    path: str | None = None
    sha256: str | None = None  # of the source bytes
    encoding: str | None = None  # detected encoding of a text source
    source_chars: int = 0  # characters of the decoded source
    meta: dict = field(default_factory=dict)  # reader extras (html <title>, pdf pages …)

    @classmethod
    def from_blocks(cls, blocks: list[Block], *, fmt: str, path: str | None = None,
                    data: bytes | None = None, encoding: str | None = None,
                    source_chars: int | None = None, meta: dict | None = None) -> Document:
        """Lay the blocks out one per line (tables one row per line) and set offsets."""
        parts: list[str] = []
        pos = 0
        for i, b in enumerate(blocks):
            if i:
                parts.append("\n")
                pos += 1
            b.start = pos
            if isinstance(b, Table):
                for r, row in enumerate(b.rows):
                    if r:
                        parts.append("\n")
                        pos += 1
                    for j, c in enumerate(row):
                        if j:
                            parts.append(CELL_SEP)
                            pos += len(CELL_SEP)
                        c.start = pos
                        parts.append(c.text)
                        pos += len(c.text)
                        c.end = pos
            else:
                parts.append(b.text)
                pos += len(b.text)
            b.end = pos
        text = "".join(parts)
        tables = [b for b in blocks if isinstance(b, Table)]
        for k, t in enumerate(tables):
            t.index = k
        return cls(blocks=blocks, text=text, format=fmt, path=path,
                   sha256=hashlib.sha256(data).hexdigest() if data is not None else None,
                   encoding=encoding,
                   source_chars=source_chars if source_chars is not None else len(text),
                   meta=dict(meta or {}))

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    def iter_blocks(self) -> Iterator[Block]:
        return iter(self.blocks)

    def locate(self, offset: int) -> dict:
        """Provenance of an offset in ``text``: the block and, in a table, row and column."""
        # blocks are laid out in order: start from the last block starting at or before offset
        i0 = max(bisect.bisect_right([b.start for b in self.blocks], offset) - 1, 0)
        for i in range(i0, len(self.blocks)):
            b = self.blocks[i]
            if b.start <= offset <= b.end:
                if isinstance(b, Table):
                    for row in b.rows:
                        for c in row:
                            if c.start <= offset <= c.end:
                                return {"block": i, "table": b.index, "row": c.row, "col": c.col}
                    return {"block": i, "table": b.index}
                return {"block": i, "offset": offset - b.start}
        return {}
