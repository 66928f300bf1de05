"""The table cells a claim is judged against: sums of cells, blank totals, and whether a number fits.

Example:
    >>> _Cells({"table3": {"new_received": {"total": 4}}}, set()).value("table3.new_received.total")
    (4, '')
"""

from __future__ import annotations

from ogi.claims.numbers import _hedge_kind
from ogi.record import get_cell, target_paths
from ogi.template import T3_APPLICANT_COLUMNS

_T3_APPLICANT_COLS = T3_APPLICANT_COLUMNS


def _derive_totals(tables: dict) -> bool:
    """The blank-total layout: 总计 blank on several table 三 rows whose applicant cells are not."""
    t3 = tables.get("table3") or {}
    n = 0
    for row in t3.values():
        if isinstance(row, dict) and row.get("total") is None and any(
                row.get(c) not in (None, 0) for c in _T3_APPLICANT_COLS):
            n += 1
    return n >= 3


_ABSENT = object()


class _Cells:
    def __init__(self, tables: dict, unreadable: set[str],
                 candidates: dict[str, list] | None = None) -> None:
        self.tables = tables or {}
        self.unreadable = unreadable
        self.candidates = candidates or {}
        self.derive = _derive_totals(self.tables)

    def value(self, target: str) -> tuple[float | int | None, str]:
        """Sum of the cells of ``target``; flag '' | 'blank' | 'derived' | 'unreadable' | 'missing'."""
        total: float | int = 0
        flag = ""
        for path in target_paths(target):
            if path in self.unreadable:
                return None, "unreadable"
            v = get_cell(self.tables, path, default=_ABSENT)
            if v is _ABSENT:
                return None, "missing"
            if v is None:
                row_path, _, col = path.rpartition(".")
                if self.derive and path.startswith("table3.") and col == "total":
                    row = get_cell(self.tables, row_path)
                    vals = [row.get(c) for c in _T3_APPLICANT_COLS]
                    v = sum(x for x in vals if isinstance(x, (int, float)))
                    flag = flag or "derived"
                else:
                    v = 0
                    flag = flag or "blank"
            if not isinstance(v, (int, float)):
                return None, "missing"
            total += v
        return total, flag


def _decimals(value: float) -> int:
    if isinstance(value, int):
        return 0
    s = repr(value)
    return len(s.split(".")[1]) if "." in s else 0


def _fits(value: float, tv: float, hedge: str) -> str | None:
    """'match' | 'approx' when the table value ``tv`` is consistent with the narrative, else None."""
    kind = _hedge_kind(hedge)
    if not kind:
        tol = 0.5 * 10 ** -_decimals(value) if _decimals(value) else 1e-9
        return "match" if abs(tv - value) <= tol else None
    if kind == "above":
        ok = value <= tv <= max(value * 2, value + 10)
    elif kind == "below":
        ok = value * 0.8 <= tv <= value
    else:
        ok = abs(tv - value) <= max(0.1 * value, 1)
    return "approx" if ok else None


def _money(value: float, unit: str, cell_unit: str) -> float | int:
    factor = {"元": 1, "万元": 10_000, "亿元": 100_000_000}
    return value * factor.get(unit, 1) / factor.get(cell_unit, 1)
