"""Edits of a Document that keep its structure: text units, a white-space-free index, splices.

A damage never rewrites the rendering ``Document.text``: it edits the text of paragraphs and
table cells (the *units*), removes or inserts paragraphs and table rows, and lays the blocks
out again with :meth:`ogi.document.Document.from_blocks`, so a table cell stays a cell.

Example:
    >>> from ogi.document import Document, Paragraph
    >>> doc = Document.from_blocks([Paragraph("一、总体情况"), Paragraph("正文")], fmt="txt")
    >>> splice(doc, 6, 9, "新的正文").text
    '一、总体情况\\n新的正文'
"""

from __future__ import annotations

import bisect
import copy
import hashlib
import re
from dataclasses import dataclass

from ogi.document import Block, Cell, Document, Paragraph, Table

__all__ = ["Unit", "Flat", "Edit", "units", "flat", "clone", "rebuild", "apply_edits",
           "flat_edits", "splice", "squash"]

_WS = re.compile(r"\s+")


def squash(text: str) -> str:
    """``text`` without white space (how the gold compares texts)."""
    return _WS.sub("", text or "")


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph or one table cell: a run of text a damage may edit."""

    block: int  # index in Document.blocks
    row: int | None  # index in Table.rows (None for a paragraph)
    cell: int | None  # index in that row's list of cells
    start: int  # offsets of the text in Document.text
    end: int
    text: str

    @property
    def in_table(self) -> bool:
        return self.row is not None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``Document.text[start:end]`` (inside one unit) by ``new``."""

    start: int
    end: int
    new: str


def units(doc: Document) -> list[Unit]:
    """Every paragraph and table cell of ``doc``, in document order."""
    out: list[Unit] = []
    for i, b in enumerate(doc.blocks):
        if isinstance(b, Table):
            for r, row in enumerate(b.rows):
                for k, c in enumerate(row):
                    out.append(Unit(i, r, k, c.start, c.end, c.text))
        else:
            out.append(Unit(i, None, None, b.start, b.end, b.text))
    return out


@dataclass(frozen=True, slots=True)
class Flat:
    """The texts of all units, white space removed, with each character's offset in the document."""

    text: str
    pos: tuple[int, ...]

    def find(self, needle: str, start: int = 0) -> tuple[int, int] | None:
        """Flat range of the first occurrence of ``needle`` (white space ignored) at or after ``start``."""
        sq = squash(needle)
        if not sq:
            return None
        i = self.text.find(sq, start)
        return None if i < 0 else (i, i + len(sq))

    def doc_span(self, i: int, j: int) -> tuple[int, int]:
        """Document offsets covering the flat characters ``[i, j)``."""
        return self.pos[i], self.pos[j - 1] + 1

    def at(self, offset: int) -> int:
        """Index of the first flat character at or after a document offset."""
        return bisect.bisect_left(self.pos, offset)


def flat(doc: Document) -> Flat:
    """The white-space-free index of ``doc`` (characters of units only, never cell separators)."""
    chars: list[str] = []
    pos: list[int] = []
    for u in units(doc):
        for k, ch in enumerate(u.text):
            if not ch.isspace():
                chars.append(ch)
                pos.append(u.start + k)
    return Flat("".join(chars), tuple(pos))


def rebuild(doc: Document, blocks: list[Block]) -> Document:
    """A new Document of ``blocks`` with the source details of ``doc``.

    ``sha256`` is that of the new rendering (UTF-8), so two damaged copies are the same bytes
    exactly when their hashes agree.
    """
    out = Document.from_blocks(blocks, fmt=doc.format, path=doc.path, encoding=doc.encoding,
                               meta=doc.meta)
    out.sha256 = hashlib.sha256(out.text.encode("utf-8")).hexdigest()
    return out


def clone(doc: Document) -> Document:
    """A deep copy of ``doc``, laid out again (a damage never changes the caller's document)."""
    return rebuild(doc, copy.deepcopy(doc.blocks))


def _unit_index(us: list[Unit], offset: int) -> int:
    i = bisect.bisect_right([u.start for u in us], offset) - 1
    return max(i, 0)


def apply_edits(doc: Document, edits: list[Edit]) -> Document:
    """Apply non-overlapping edits, each inside one unit, and lay the document out again.

    Raises:
        ValueError: an edit crosses a unit boundary or two edits overlap.
    """
    if not edits:
        return clone(doc)
    us = units(doc)
    starts = [u.start for u in us]
    per_unit: dict[int, list[Edit]] = {}
    for e in edits:
        i = max(bisect.bisect_right(starts, e.start) - 1, 0)
        if e.start == us[i].end and e.start == e.end and i + 1 < len(us) and us[i + 1].start == e.start:
            i += 1
        u = us[i]
        if not (u.start <= e.start <= e.end <= u.end):
            raise ValueError(f"edit {e} crosses the unit at {u.start}-{u.end}")
        per_unit.setdefault(i, []).append(e)
    blocks = copy.deepcopy(doc.blocks)
    for i, es in per_unit.items():
        u = us[i]
        text = u.text
        last = len(text) + 1
        for e in sorted(es, key=lambda e: e.start, reverse=True):
            a, b = e.start - u.start, e.end - u.start
            if b > last:
                raise ValueError(f"overlapping edits at {e.start}")
            text = text[:a] + e.new + text[b:]
            last = a
        target = blocks[u.block]
        if isinstance(target, Table):
            assert u.row is not None and u.cell is not None
            target.rows[u.row][u.cell].text = text
        else:
            target.text = text
    return rebuild(doc, blocks)


def flat_edits(fl: Flat, doc: Document, i: int, j: int, new: str) -> list[Edit]:
    """Edits replacing the flat characters ``[i, j)`` by ``new``.

    The characters may lie in several units (a name wrapped over two PDF lines): the first
    unit receives ``new`` in place of its part, the others lose theirs.
    """
    us = units(doc)
    groups: dict[int, list[int]] = {}
    for p in fl.pos[i:j]:
        groups.setdefault(_unit_index(us, p), []).append(p)
    out = []
    for n, (_, ps) in enumerate(sorted(groups.items())):
        out.append(Edit(ps[0], ps[-1] + 1, new if n == 0 else ""))
    return out


def _table(rows: list[list[Cell]]) -> Table | None:
    """A table of the given rows (cells renumbered, spans clipped), or None when it is empty."""
    rows = [r for r in rows if r]
    if not rows:
        return None
    for i, row in enumerate(rows):
        for c in row:
            c.row = i
            c.rowspan = max(1, min(c.rowspan, len(rows) - i))
    return Table(rows=rows)


def _cut_table(t: Table, start: int, end: int, new: str) -> tuple[Table | None, str | None, Table | None]:
    """The rows of ``t`` before and after ``[start, end)``; the text left inside one cell, if any."""
    before: list[list[Cell]] = []
    after: list[list[Cell]] = []
    inline = None
    for row in t.rows:
        pre: list[Cell] = []
        post: list[Cell] = []
        row_inline = False
        for c in row:
            if c.end <= start and not (c.start == c.end == start and start < end):
                pre.append(c)
            elif c.start >= end:
                post.append(c)
            elif c.start <= start and end <= c.end:
                inline = c.text[:start - c.start] + new + c.text[end - c.start:]
                row_inline = True
                c.text = inline
                if inline:
                    pre.append(c)
            else:
                if start > c.start:
                    pre.append(Cell(c.text[:start - c.start], 0, c.col, c.rowspan, c.colspan))
                if c.end > end:
                    post.append(Cell(c.text[end - c.start:], 0, c.col, c.rowspan, c.colspan))
        if row_inline:
            pre, post = pre + post, []
        if pre:
            before.append(pre)
        if post:
            after.append(post)
    if inline is not None:
        return _table(before + after), inline, None
    return _table(before), inline, _table(after)


def splice(doc: Document, start: int, end: int, new: str | None) -> Document:
    """Replace ``Document.text[start:end]`` by a paragraph ``new`` (or by nothing).

    Paragraphs and table rows inside the range go; those it cuts keep their outer parts (a
    table is split in two around the new paragraph).  When the range lies inside one unit,
    ``new`` replaces it inline.  A paragraph or cell the cut leaves empty goes too.
    """
    blocks: list[Block] = []
    placed = not new
    for b in copy.deepcopy(doc.blocks):
        if b.end <= start and not (b.start == b.end == start and start < end):
            blocks.append(b)
            continue
        if b.start >= end:
            if not placed:
                blocks.append(Paragraph(new or ""))
                placed = True
            blocks.append(b)
            continue
        if isinstance(b, Table):
            pre_t, inline, post_t = _cut_table(b, start, end, new or "")
            if inline is not None:
                placed = True
            if pre_t is not None:
                blocks.append(pre_t)
            if not placed and (post_t is not None or end <= b.end):
                blocks.append(Paragraph(new or ""))
                placed = True
            if post_t is not None:
                blocks.append(post_t)
            continue
        a, z = max(start - b.start, 0), max(end - b.start, 0)
        if b.start <= start and end <= b.end:
            text = b.text[:a] + (new or "") + b.text[z:]
            placed = True
            if text:
                blocks.append(Paragraph(text, source_offset=b.source_offset))
            continue
        if a > 0:
            blocks.append(Paragraph(b.text[:a], source_offset=b.source_offset))
        if end <= b.end:
            if not placed:
                blocks.append(Paragraph(new or ""))
                placed = True
            if b.text[z:]:
                blocks.append(Paragraph(b.text[z:]))
    if not placed:
        blocks.append(Paragraph(new or ""))
    return rebuild(doc, blocks)
