"""Split runs of digits into table cells under the accounting rules.

A crawler that drops cell boundaries turns the row 217,1,0,0,0,0,218 into ``21710000218``.
:func:`splits` enumerates every way to cut a row's pieces into cells (no leading zeros,
white space in the source always a boundary) that satisfies the row's sum rule, pruning as
it goes.  Which of several candidates is right is decided later by the column rules
(:mod:`ogi.tables`); when the rules cannot decide, the cell is reported as ambiguous.

Example:
    >>> splits([Piece("21710000218")], groups=[7])
    [(217, 1, 0, 0, 0, 0, 218)]
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable, Sequence

__all__ = ["Piece", "splits", "parse_number", "SplitLimit"]

Value = int | float | None


@dataclass(slots=True)
class Piece:
    """A token of a table row: digits (maybe run together), a decimal, or a blank cell."""

    text: str  # digits, optionally with one '.', optional sign; "" for a blank cell
    unit: str | None = None  # "元" / "万元" written in the cell
    start: int = -1  # original offset
    end: int = -1
    blank: bool = False  # an explicit empty / '/' / '-' / '—' / '无' cell
    raw: str = ""

    @property
    def atomic(self) -> bool:
        """True when the piece cannot hold more than one cell."""
        return self.blank or len(self.text.lstrip("-")) <= 1


class SplitLimit(Exception):
    """More candidate splits than the caller allowed."""


def parse_number(text: str) -> Value:
    """``"12"`` -> 12, ``"3.50"`` -> 3.5, ``"-8"`` -> -8, anything else -> None."""
    if not text:
        return None
    if "." in text:
        try:
            return float(Decimal(text))
        except InvalidOperation:
            return None
    try:
        return int(text)
    except ValueError:
        return None


def _valid_part(s: str, allow_decimal: bool) -> bool:
    if not s:
        return False
    if s[0] == "-":
        s = s[1:]
        if not s:
            return False
    if "." in s:
        if not allow_decimal or s[0] == "." or s[-1] == "." or s.count(".") > 1:
            return False
        int_part = s.split(".", 1)[0]
        return int_part == "0" or int_part[0] != "0"
    return s == "0" or s[0] != "0"


def splits(pieces: list[Piece], *, groups: list[int], sum_rule: bool = True,
           decimal_cols: Iterable[int] = (), signed_cols: Iterable[int] = (),
           enforce: Sequence[bool] | None = None, limit: int = 20000) -> list[tuple[Value, ...]]:
    """Every split of ``pieces`` into ``sum(groups)`` cells.

    Args:
        pieces: the row's tokens in order; a blank piece is one null cell.
        groups: sizes of consecutive cell groups; with ``sum_rule`` the last cell of each
            group must equal the sum of the others (nulls count as 0), as in table 三 rows
            (one group of 7) and the table 四 row (three groups of 5).
        sum_rule: apply the group sum rule.
        enforce: with ``sum_rule``, which groups the rule applies to (all by default).
        decimal_cols: cell indexes that may hold a decimal number.
        signed_cols: cell indexes that may hold a negative number (2019 本年增/减).
        limit: raise :class:`SplitLimit` past this many candidates.

    Returns:
        Candidate tuples of cell values (int, float or None), in a deterministic order.
    """
    n_cells = sum(groups)
    dec = set(decimal_cols)
    signed = set(signed_cols)
    group_end = set()
    acc = 0
    for gi, g in enumerate(groups):
        acc += g
        if enforce is None or enforce[gi]:
            group_end.add(acc - 1)
    group_start_of = {}
    acc = 0
    for g in groups:
        for k in range(acc, acc + g):
            group_start_of[k] = acc
        acc += g
    # suffix capacity: min and max number of cells the remaining pieces can produce
    m = len(pieces)
    min_rest = [0] * (m + 1)
    max_rest = [0] * (m + 1)
    for i in range(m - 1, -1, -1):
        p = pieces[i]
        min_rest[i] = min_rest[i + 1] + 1
        max_rest[i] = max_rest[i + 1] + (1 if p.atomic else len(p.text))
    out: list[tuple[Value, ...]] = []
    cells: list[Value] = []

    def rec(pi: int, off: int) -> None:
        k = len(cells)
        if k == n_cells:
            if pi == m:
                out.append(tuple(cells))
                if len(out) > limit:
                    raise SplitLimit(f"more than {limit} splits")
            return
        if pi == m:
            return
        # capacity pruning
        p = pieces[pi]
        if off == 0:
            lo, hi = min_rest[pi], max_rest[pi]
        else:
            lo = 1 + min_rest[pi + 1]
            hi = (len(p.text) - off) + max_rest[pi + 1]
        if not (lo <= n_cells - k <= hi):
            return
        if p.blank:
            options = [(None, pi + 1, 0)]
        elif p.atomic:
            if not _valid_part(p.text, k in dec) or (p.text[0] == "-" and k not in signed):
                return
            options = [(parse_number(p.text), pi + 1, 0)]
        else:
            options = []
            s = p.text
            if s[off] == "-" and k not in signed:
                return
            for e in range(off + 1, len(s) + 1):
                part = s[off:e]
                if not _valid_part(part, k in dec):
                    if part.lstrip("-")[:1] == "0":
                        break  # a leading zero stays invalid for longer parts
                    continue
                if e == len(s):
                    options.append((parse_number(part), pi + 1, 0))
                else:
                    options.append((parse_number(part), pi, e))
        for val, npi, noff in options:
            if sum_rule and k in group_end:
                gs = group_start_of[k]
                total = sum(v for v in cells[gs:k] if v is not None)
                if val is None:
                    pass  # a blank total cannot be checked; keep it
                elif val != total:
                    continue
            cells.append(val)
            rec(npi, noff)
            cells.pop()

    rec(0, 0)
    return out

