"""The report model every renderer draws: paragraphs, tables as logical cells, maskable spans.

A table is rows of logical cells (a merged cell appears once, in its first row, with its spans);
text carries maskable spans (private-use markers) until :func:`resolve_marks` replaces the
chosen ones by ``****`` and unwraps the rest.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

__all__ = ["Para", "Cell", "Table", "Doc", "Marks", "map_doc", "resolve_marks", "grid_positions", "ORD"]

#: Chinese ordinals of numbered items (一是 / （一）).
ORD = "一二三四五六七八九十"

# Mask markers: \ue000 key \ue002 text \ue001 (private-use characters never in real text).
_M_OPEN, _M_SEP, _M_CLOSE = "\ue000", "\ue002", "\ue001"
_MARK_RE = re.compile(f"{_M_OPEN}([^{_M_SEP}]*){_M_SEP}([^{_M_CLOSE}]*){_M_CLOSE}")
_MASKABLE_RE = re.compile(r"⟦([^⟧]*)⟧")
_MASK = "****"


@dataclass
class Para:
    """A paragraph: role is title, meta, heading, sub (a sub-heading), body or note."""

    text: str
    role: str
    section: str | None = None


@dataclass
class Cell:
    """A logical table cell; ``path`` is set on value cells."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "value"  # caption | header | label | group | value
    path: str | None = None


@dataclass
class Table:
    """A table as rows of logical cells (a merged cell appears once, in its first row)."""

    name: str
    width: int
    rows: list[list[Cell]]
    section: str


@dataclass
class Doc:
    """A whole report: title, date line, blocks (paragraphs and tables), its statements, web chrome."""

    title: str
    date_line: str
    blocks: list[Para | Table] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    chrome: dict = field(default_factory=dict)
    heading_sep: str = ""  # flat layout: what follows a heading


class Marks:
    """Creates maskable spans; spans sharing a key are masked together."""

    def __init__(self) -> None:
        self.count = 0

    def span(self, text: str, key: str | None = None) -> str:
        if key is None:
            self.count += 1
            key = f"s{self.count}"
        return f"{_M_OPEN}{key}{_M_SEP}{text}{_M_CLOSE}"

    def fill(self, text: str) -> str:
        """Turn ``⟦phrase⟧`` in a template sentence into maskable spans."""
        return _MASKABLE_RE.sub(lambda m: self.span(m.group(1)), text)


def _doc_strings(doc: Doc) -> Iterator[tuple[object, str]]:
    """Every string of the document as (owner, attribute or key)."""
    yield doc, "title"
    yield doc, "date_line"
    for b in doc.blocks:
        if isinstance(b, Para):
            yield b, "text"
        else:
            for row in b.rows:
                for c in row:
                    yield c, "text"
    for s in doc.statements:
        yield s, "text"
    for k in list(doc.chrome):
        yield doc.chrome, k


def map_doc(doc: Doc, fn: Callable[[str], str]) -> None:
    """Replace every string of the document by ``fn(string)``."""
    for obj, attr in _doc_strings(doc):
        if isinstance(obj, dict):
            obj[attr] = fn(obj[attr])
        else:
            setattr(obj, attr, fn(getattr(obj, attr)))


def resolve_marks(rng: random.Random, doc: Doc, mask: float) -> set[str]:
    """Replace the chosen share of maskable spans by ``****``; returns the masked keys."""
    keys: list[str] = []
    seen = set()
    for obj, attr in _doc_strings(doc):
        value = obj[attr] if isinstance(obj, dict) else getattr(obj, attr)
        for m in _MARK_RE.finditer(value):
            if m.group(1) not in seen:
                seen.add(m.group(1))
                keys.append(m.group(1))
    chosen: set[str] = set()
    if mask > 0 and keys:
        chosen = set(rng.sample(keys, max(1, min(len(keys), round(mask * len(keys))))))
    map_doc(doc, lambda s: _MARK_RE.sub(lambda m: _MASK if m.group(1) in chosen else m.group(2), s))
    return chosen



def grid_positions(table: Table) -> list[tuple[int, int, Cell]]:
    """(row, column, cell) of every logical cell, expanding row and column spans."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return out
