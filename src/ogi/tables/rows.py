"""Rows of a table region: tokens grouped into rows, and rows placed on template keys.

:func:`assemble_rows` gives each row its template key when its label survived, ``None``
when it did not (masked, OCR-damaged, split off in conversion); :func:`align_rows` places
the unlabelled rows by template order between the labelled ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ogi.normalize import MASK_RE, Normalized
from ogi.splitting import Piece
from ogi.tables.tokens import Token

__all__ = ["Row", "assemble_rows", "align_rows", "row_source", "trimmed"]

_ENUM_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d))")


@dataclass(slots=True)
class Row:
    key: str | None
    pieces: list[Piece] = field(default_factory=list)
    label_text: str = ""
    start: int = -1  # original offset of the row's first token

    @property
    def has_values(self) -> bool:
        """Numbers, or a full row of explicit blank cells (an all-blank row of a real table)."""
        return any(not p.blank for p in self.pieces) or len(self.pieces) >= 7


def assemble_rows(tokens: list[Token], n: Normalized, *, masked_labels: bool = False) -> list[Row]:
    """Group pieces into rows (see the module docstring).

    Args:
        masked_labels: a masked text no pattern found ("行**可") opens a row (table 二, whose
            labels have no numbering to open one).
    """
    rows: list[Row] = []
    cur: Row | None = None

    def close() -> None:
        nonlocal cur
        if cur is not None:
            rows.append(cur)
        cur = None

    for t in tokens:
        if t.kind == "label":
            if cur is not None and cur.key is None and not cur.has_values:
                cur.key = t.key  # "5.****机关确认…": the numeral opened it, the keyword names it
                cur.label_text += t.text
                continue
            close()
            cur = Row(key=t.key, label_text=t.text, start=n.orig(t.start))
        elif t.kind == "text":
            if cur is not None and cur.has_values:
                close()
            if _ENUM_RE.match(t.text) or (masked_labels and cur is None and MASK_RE.search(t.text)):
                # a numbered label, or a masked one ("行政**可") that no pattern found
                close()
                cur = Row(key=None, label_text=t.text, start=n.orig(t.start))
            elif cur is not None:
                cur.label_text += t.text
        elif t.kind in ("num", "blank"):
            if cur is None:
                if t.kind == "blank":
                    continue
                cur = Row(key=None, start=n.orig(t.start))
            if t.kind == "blank" and not cur.pieces and cur.key is None and not cur.label_text:
                continue
            cur.pieces.append(_piece(t, n))
        elif t.kind == "nl" and cur is not None and (cur.has_values or _table_row_follows(n.text, t.end)):
            # a label line followed by a table row: the label is displaced, not that row's
            close()
    close()
    return rows


def _table_row_follows(s: str, at: int) -> bool:
    """Whether the line starting at ``at`` is a table row (has a ``|``)."""
    nl_end = s.find("\n", at)
    return "|" in s[at: nl_end if nl_end >= 0 else len(s)]


def _piece(t: Token, n: Normalized) -> Piece:
    if t.kind == "blank":
        return Piece("", blank=True, start=n.orig(t.start), end=n.orig(t.end), raw=n.text[t.start:t.end])
    text = t.text
    unit = None
    for u in ("万元", "元"):
        if text.endswith(u):
            unit = u
            text = text[: -len(u)]
            break
    if text.startswith("减"):
        text = "-" + text[1:]
    text = text.replace(",", "")  # thousands separators: 1,234
    return Piece(text, unit=unit, start=n.orig(t.start), end=n.orig(t.end), raw=t.text)


def row_source(r: Row) -> str:
    """The row's printed pieces (for provenance and messages), at most 80 characters."""
    return " ".join(p.raw or "" for p in r.pieces)[:80]


def trimmed(row: Row, n_cells: int) -> list[Piece]:
    """The row's pieces without padding: empty cells of merged cells beyond what it needs."""
    pieces = list(row.pieces)
    while len(pieces) > n_cells and pieces and pieces[-1].blank:
        pieces.pop()
    while len(pieces) > n_cells and pieces and pieces[0].blank:
        pieces.pop(0)
    return pieces


def align_rows(rows: list[Row], keys: list[str]) -> tuple[dict[str, Row], list[str]]:
    """Assign rows to template keys: labels anchor, unlabelled rows fill the gaps in order.

    Returns:
        key -> row, and notes on the rows that could not be placed.
    """
    notes: list[str] = []
    order = {k: i for i, k in enumerate(keys)}
    # anchors: labelled rows with values, in increasing template order (first wins)
    assigned: dict[str, Row] = {}
    seq: list[tuple[int | None, Row]] = []
    last = -1
    for r in rows:
        if r.key is not None and r.key in order and r.has_values and not _plausible_row(r):
            notes.append(f"row '{r.label_text}': stray number(s) "
                         f"'{' '.join(p.raw for p in r.pieces)}' after a displaced label, ignored")
        elif r.key is not None and r.key in order and r.has_values:
            i = order[r.key]
            if i > last and r.key not in assigned:
                seq.append((i, r))
                assigned[r.key] = r
                last = i
            else:
                notes.append(f"row '{r.label_text}' out of template order, ignored")
        elif r.key is None and _plausible_row(r):
            seq.append((None, r))
    _fill_gaps(seq, keys, assigned, notes)
    return assigned, notes


def _fill_gaps(seq: list[tuple[int | None, Row]], keys: list[str], assigned: dict[str, Row],
               notes: list[str]) -> None:
    """Give the unlabelled rows between two anchors the template keys between them."""
    prev = -1
    gap: list[Row] = []
    for i, r in [*seq, (len(keys), None)]:
        if i is None:
            if r is not None:
                gap.append(r)
            continue
        gap_keys = [k for k in keys[prev + 1:i] if k not in assigned]
        if gap:
            if len(gap) == len(gap_keys):
                for k, gr in zip(gap_keys, gap):
                    assigned[k] = gr
            elif len(gap) < len(gap_keys) and prev == -1 and i < len(keys):
                # rows missing at the top: align to the end of the gap
                for k, gr in zip(gap_keys[-len(gap):], gap):
                    assigned[k] = gr
            else:
                notes.append(f"{len(gap)} unlabelled rows for {len(gap_keys)} template rows "
                             f"({', '.join(gap_keys) or 'none'}); not assigned")
        gap = []
        prev = i


def _plausible_row(r: Row) -> bool:
    """A table 三 row has 7 cells: one or two short numbers alone are page numbers or strays."""
    vals = [p for p in r.pieces if not p.blank]
    digits = sum(len(p.text) for p in vals)
    return digits >= 3 or len(r.pieces) >= 3
