"""Plain text and markdown to blocks: one Paragraph per line, pipe/tab table rows grouped."""

from __future__ import annotations

import re

from ogi.document import Block, Cell, Paragraph, Table

__all__ = ["text_blocks"]

# A markdown delimiter row: |---|:---:|---: | (leading/trailing pipes optional).
_MD_SEP_RE = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")

_PIPE = 1
_TAB = 2


def _pipe_cells(line: str, *, lead_border: bool = True, trail_border: bool = True) -> list[str]:
    s = line.strip()
    if s.startswith("|") and lead_border:
        s = s[1:]
    if s.endswith("|") and trail_border:
        s = s[:-1]
    return [c.strip() for c in s.split("|")]


def _pipe_rows(lines: list[str]) -> list[list[str]]:
    """Cells of a group of pipe rows.

    Where most rows of the group start (end) with ``|``, that pipe is a border, as in
    markdown or the seed's ``规章 | 0 | 0 | 0 |``.  Where most do not, a row that starts
    (ends) with ``|`` has an empty first (last) cell there.
    """
    lead = sum(1 for ln in lines if ln.lstrip().startswith("|")) * 2 > len(lines)
    trail = sum(1 for ln in lines if ln.rstrip().endswith("|")) * 2 > len(lines)
    return [_pipe_cells(ln, lead_border=lead, trail_border=trail) for ln in lines]


def _tab_cells(line: str) -> list[str]:
    return [c.strip() for c in line.rstrip(" \u3000").split("\t")]


def _table(lines: list[str], kind: int) -> Table:
    cells_rows = _pipe_rows(lines) if kind == _PIPE else [_tab_cells(ln) for ln in lines]
    return Table(rows=[[Cell(t, r, j) for j, t in enumerate(cells)]
                       for r, cells in enumerate(cells_rows)])


def text_blocks(text: str) -> list[Block]:
    """Split decoded text into blocks.

    Each non-empty line becomes a :class:`Paragraph` holding the line unchanged, with
    ``source_offset`` = the line's offset in ``text``.  Runs of consecutive lines that are
    table rows become one :class:`Table`: lines with at least two ``|`` (pipe-flattened or
    markdown tables, with or without outer pipes; one outer pipe on each side is removed,
    every other ``|`` separates cells, empty cells are kept) or lines with at least two
    TABs between their first and last character.  Markdown delimiter rows are dropped.  A
    blank line, a plain line or a change between pipe and tab rows ends a table.

    Args:
        text: decoded text with ``\\n`` newlines.

    Returns:
        The blocks in order.
    """
    blocks: list[Block] = []
    rows: list[str] = []  # the lines of the table being read
    kind = 0
    pos = 0
    for line in text.split("\n"):
        start = pos
        pos += len(line) + 1
        if "|" in line and line.count("|") >= 2:
            if _MD_SEP_RE.fullmatch(line):
                continue
            if kind != _PIPE and rows:
                blocks.append(_table(rows, kind))
                rows = []
            kind = _PIPE
            rows.append(line)
            continue
        if "\t" in line and line.strip().count("\t") >= 2:
            if kind != _TAB and rows:
                blocks.append(_table(rows, kind))
                rows = []
            kind = _TAB
            rows.append(line)
            continue
        if rows:
            blocks.append(_table(rows, kind))
            rows = []
            kind = 0
        if line and not line.isspace():
            if "|" in line and "-" in line and _MD_SEP_RE.fullmatch(line):
                continue  # a one-pipe delimiter row such as "---|---"
            blocks.append(Paragraph(line, source_offset=start))
    if rows:
        blocks.append(_table(rows, kind))
    return blocks
