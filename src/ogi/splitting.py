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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Piece", "splits", "guided_splits", "parse_number", "SplitLimit"]

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
    m = len(pieces)
    if m == n_cells:  # one cell per piece is the only reading the cell count allows
        return _one_per_piece(pieces, group_end if sum_rule else set(), group_start_of, dec, signed)
    cap = _Capacity(pieces)
    out: list[tuple[Value, ...]] = []
    cells: list[Value] = []
    # The last group's total is the row's last cell, read from the end of the last piece: a
    # total of non-negative whole numbers is at least their running sum, and at most the
    # number the longest suffix the last piece can still give for it, so a prefix whose sum
    # exceeds that is dropped.
    last_start = n_cells - groups[-1] if groups else n_cells
    bound = (sum_rule and bool(groups) and (n_cells - 1) in group_end and m > 0
             and not pieces[-1].blank and pieces[-1].text.isdigit()
             and not any(k in dec or k in signed for k in range(last_start, n_cells)))
    if bound and len(groups) == 1:
        return _total_first(pieces, n_cells, dec, signed, limit)
    last_len = len(pieces[-1].text) if m else 0
    # most_total[L]: the largest total the last L characters of the last piece can hold
    most_total = [0] + [int(pieces[-1].text[-n:]) for n in range(1, last_len + 1)] if bound else []

    def rec(pi: int, off: int) -> None:
        k = len(cells)
        if k == n_cells:
            if pi == m:
                out.append(tuple(cells))
                if len(out) > limit:
                    raise SplitLimit(f"more than {limit} splits")
            return
        options = _options(pieces, pi, off, k, n_cells, cap, dec, signed)
        check = bound and last_start <= k < n_cells - 1
        if check:
            run = sum(v for v in cells[last_start:k] if v is not None)
        for val, npi, noff in options:
            if sum_rule and k in group_end:
                gs = group_start_of[k]
                total = sum(v for v in cells[gs:k] if v is not None)
                if val is None:
                    pass  # a blank total cannot be checked; keep it
                elif val != total:
                    continue
            elif check and val is not None:
                # digits the total may still have: all of the last piece, or, once inside
                # it, what the cells after this one leave of it
                room = last_len if npi < m - 1 else last_len - noff - (n_cells - k - 2)
                if npi >= m or room <= 0 or run + val > most_total[min(room, last_len)]:
                    continue
            cells.append(val)
            rec(npi, noff)
            cells.pop()

    rec(0, 0)
    return out


def _total_first(pieces: list[Piece], n_cells: int, dec: set[int], signed: set[int],
                 limit: int) -> list[tuple[Value, ...]]:
    """:func:`splits` of one group whose total is the row's last cell, total first.

    Every suffix of the last piece is a possible total T; the cells before it must then
    split the rest of the row and add up to T, so no cell can exceed what is left of T.
    The candidates are returned in the order of the plain search (shorter cells first, from
    the left).
    """
    last = pieces[-1].text
    found: list[tuple[tuple[int, ...], tuple[Value, ...]]] = []
    for n in range(1, len(last) + 1):
        total_text = last[len(last) - n:]
        if not _valid_part(total_text, False):
            continue
        prefix = pieces[:-1] + ([Piece(last[:len(last) - n])] if n < len(last) else [])
        for lengths, cells in _budget_splits(prefix, n_cells - 1, int(total_text), dec, signed):
            found.append(((*lengths, n), (*cells, int(total_text))))
            if len(found) > limit:
                raise SplitLimit(f"more than {limit} splits")
    found.sort(key=lambda x: x[0])
    return [cells for _, cells in found]


def _budget_splits(pieces: list[Piece], n_cells: int, total: int, dec: set[int], signed: set[int]):
    """Splits of ``pieces`` into ``n_cells`` non-negative cells adding up to ``total``
    (nulls count as 0), each with the text lengths of its cells."""
    m = len(pieces)
    if m == 0:
        return
    if all(not p.blank and p.text.isdigit() for p in pieces):
        yield from _digit_budget_splits([p.text for p in pieces], n_cells, total)
        return
    cap = _Capacity(pieces)
    cells: list[Value] = []
    lengths: list[int] = []

    def rec(pi: int, off: int, left: int | float):
        k = len(cells)
        if k == n_cells:
            if pi == m and left == 0:
                yield tuple(lengths), tuple(cells)
            return
        for val, npi, noff in _options(pieces, pi, off, k, n_cells, cap, dec, signed):
            if val is not None and val > left:
                break  # the options of a piece come in increasing length, hence value
            cells.append(val)
            lengths.append(0 if val is None else (noff or len(pieces[pi].text)) - off)
            yield from rec(npi, noff, left - (val or 0))
            cells.pop()
            lengths.pop()

    yield from rec(0, 0, total)


def _digit_budget_splits(texts: list[str], n_cells: int, total: int):
    """:func:`_budget_splits` for runs of plain digits: each run gives one or more cells."""
    m = len(texts)
    # after run i, at least m - i - 1 cells and at most the digits left are still to come
    digits_after = [sum(len(t) for t in texts[i + 1:]) for i in range(m)]
    cells: list[int] = []
    lengths: list[int] = []

    def rec(i: int, off: int, left: int):
        k = len(cells)
        text = texts[i]
        need_after = m - i - 1  # cells the later runs must still give (one each at least)
        # cells this run can still give: at least 1, at most its digits left, and leaving the
        # later runs between 1 and all their digits each
        for e in range(off + 1, len(text) + 1):
            if text[off] == "0" and e > off + 1:
                break  # no leading zeros
            v = int(text[off:e])
            if v > left:
                break
            cells.append(v)
            lengths.append(e - off)
            kk = k + 1
            if e == len(text):
                if i == m - 1:
                    if kk == n_cells and left == v:
                        yield tuple(lengths), tuple(cells)
                elif need_after <= n_cells - kk <= digits_after[i]:
                    yield from rec(i + 1, 0, left - v)
            elif kk < n_cells and 1 + need_after <= n_cells - kk <= len(text) - e + digits_after[i]:
                yield from rec(i, e, left - v)
            cells.pop()
            lengths.pop()

    yield from rec(0, 0, total)


def _one_per_piece(pieces: list[Piece], group_end: set[int], group_start_of: dict[int, int],
                   dec: set[int], signed: set[int]) -> list[tuple[Value, ...]]:
    """:func:`splits` when there are as many pieces as cells: each piece whole, or nothing."""
    cells: list[Value] = []
    for k, p in enumerate(pieces):
        if p.blank:
            val = None
        else:
            if not _valid_part(p.text, k in dec) or (p.text[0] == "-" and k not in signed):
                return []
            val = parse_number(p.text)
            if k in group_end and val != sum(v for v in cells[group_start_of[k]:k] if v is not None):
                return []
        cells.append(val)
    return [tuple(cells)]


class _Capacity:
    """Least and most cells the pieces from index i on can produce."""

    def __init__(self, pieces: list[Piece]) -> None:
        m = len(pieces)
        self.lo = [0] * (m + 1)
        self.hi = [0] * (m + 1)
        for i in range(m - 1, -1, -1):
            p = pieces[i]
            self.lo[i] = self.lo[i + 1] + 1
            self.hi[i] = self.hi[i + 1] + (1 if p.atomic else len(p.text))


def _options(pieces: list[Piece], pi: int, off: int, k: int, n_cells: int, cap: _Capacity,
             dec: set[int], signed: set[int]) -> list[tuple[Value, int, int]]:
    """The values cell ``k`` can take from position (pi, off): (value, next pi, next off)."""
    if pi == len(pieces):
        return []
    p = pieces[pi]
    if off == 0:
        lo, hi = cap.lo[pi], cap.hi[pi]
    else:
        lo = 1 + cap.lo[pi + 1]
        hi = (len(p.text) - off) + cap.hi[pi + 1]
    if not (lo <= n_cells - k <= hi):
        return []
    if p.blank:
        return [(None, pi + 1, 0)]
    if p.atomic:
        if not _valid_part(p.text, k in dec) or (p.text[0] == "-" and k not in signed):
            return []
        return [(parse_number(p.text), pi + 1, 0)]
    options = []
    s = p.text
    if s[off] == "-" and k not in signed:
        return []
    for e in range(off + 1, len(s) + 1):
        part = s[off:e]
        if not _valid_part(part, k in dec):
            if part.lstrip("-")[:1] == "0":
                break  # a leading zero stays invalid for longer parts
            continue
        options.append((parse_number(part), pi + 1, 0) if e == len(s) else (parse_number(part), pi, e))
    return options


def guided_splits(pieces: list[Piece], expected: list[set], *, max_miss: int = 2,
                  limit: int = 50) -> tuple[list[tuple[Value, ...]], int]:
    """Splits of a table 三 row into 7 cells that agree best with values the other rows imply.

    Used when a row breaks its own sum, so that its digits have too many readings to list:
    the column identities with the rows already read give, for each cell, the values it
    should have (``expected[k]``; an empty set says nothing).  A cell outside its set, and a
    failing row sum, each count as one miss.

    Returns:
        The splits with the fewest misses (at most ``max_miss``) and that number; ``([], -1)``
        when no split comes within ``max_miss``.
    """
    n_cells = len(expected)
    cap = _Capacity(pieces)
    m = len(pieces)
    best = [max_miss]
    out: list[tuple[Value, ...]] = []
    cells: list[Value] = []

    def rec(pi: int, off: int, miss: int) -> None:
        k = len(cells)
        if k == n_cells:
            if pi != m:
                return
            total = sum(v for v in cells[:-1] if v is not None)
            miss += cells[-1] is not None and cells[-1] != total
            if miss < best[0]:
                best[0] = miss
                out.clear()
            if miss == best[0] and len(out) < limit:
                out.append(tuple(cells))
            return
        opts = _options(pieces, pi, off, k, n_cells, cap, set(), set())
        exp = expected[k]
        # values the identities expect first, so that the bound tightens early
        opts.sort(key=lambda o: o[0] not in exp if exp else True)
        for val, npi, noff in opts:
            mm = miss + (1 if exp and val not in exp else 0)
            if mm > best[0]:
                continue
            cells.append(val)
            rec(npi, noff, mm)
            cells.pop()

    rec(0, 0, 0)
    return (out, best[0]) if out else ([], -1)
