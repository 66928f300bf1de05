"""Accounting identities of the national tables (template-spec §7), kept as findings.

A failing identity is research data, not an error to repair: every finding names its
cells, the value the rule expects and the value the source printed.  Blank cells count as
0 in sums; a rule that only fails through a blank cell is reported with severity
``uncertain`` instead of ``error`` (the 总计 column is often left blank).  A rule through a
cell that could not be read (ambiguous digits, a row not found) is not checked: the parser
has already reported that cell.

Example:
    >>> f = check_tables({"review.upheld": 1, "review.corrected": 0, "review.other": 0,
    ...                   "review.pending": 0, "review.total": 2}, table="table4", version="2021")
    >>> f[0]["rule"], f[0]["expected"], f[0]["actual"]
    ('T4-BLOCK', 1, 2)
"""

from __future__ import annotations

from typing import Any

from ogi.spec import T3_COLUMNS, T4_BLOCKS, template

__all__ = ["check_tables", "check_all"]

_APPLICANTS = T3_COLUMNS[:-1]


def _num(v: Any) -> float:
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def _finding(rule: str, cells: list[str], expected: Any, actual: Any, message: str,
             blanks: list[str]) -> dict:
    return {"rule": rule, "severity": "uncertain" if blanks else "error", "cells": cells,
            "expected": expected, "actual": actual, "message": message,
            **({"blank_cells": blanks} if blanks else {})}


def _tidy(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 6)


def check_all(table2: dict, table3: dict, table4: dict, *, version: str,
              unreadable: set[str] = frozenset()) -> list[dict]:
    """Every identity and cell check of the three tables (flat ``key -> value`` dicts).

    Args:
        unreadable: paths (``table3.granted.total``) of cells that are null because they could
            not be read; identities through them are skipped and they are not "blank".
    """
    out: list[dict] = []
    out += check_tables(table3, table="table3", version=version, unreadable=unreadable)
    out += check_tables(table4, table="table4", version=version, unreadable=unreadable)
    out += _nonneg("table2", table2, version)
    out += _nonneg("table3", table3, version)
    out += _nonneg("table4", table4, version)
    blanks = [f"{name}.{k}" for name, t in (("table2", table2), ("table3", table3), ("table4", table4))
              for k, v in t.items() if v is None and f"{name}.{k}" not in unreadable]
    if blanks:
        out.append({"rule": "EMPTY-CELLS", "severity": "warning", "cells": blanks,
                    "expected": None, "actual": len(blanks),
                    "message": f"{len(blanks)} cells are blank (/, -, —, 无 or empty; counted as 0 in sums)"})
    return out


def check_tables(cells: dict, *, table: str, version: str,
                 unreadable: set[str] = frozenset()) -> list[dict]:
    """The identities of table 三 (T3-ID, T3-ROWSUM, T3-RESULTS) or table 四 (T4-BLOCK)."""
    out: list[dict] = []

    def blank(keys: list[str]) -> list[str]:
        return [f"{table}.{k}" for k in keys if cells.get(k) is None]

    def unread(keys: list[str]) -> bool:
        return any(f"{table}.{k}" in unreadable for k in keys)

    if table == "table4":
        for b in T4_BLOCKS:
            parts = [f"{b}.{c}" for c in ("upheld", "corrected", "other", "pending")]
            if all(cells.get(k) is None for k in parts + [f"{b}.total"]) or unread(parts + [f"{b}.total"]):
                continue
            exp = _tidy(sum(_num(cells.get(k)) for k in parts))
            act = _num(cells.get(f"{b}.total"))
            if exp != act:
                keys = parts + [f"{b}.total"]
                out.append(_finding("T4-BLOCK", [f"table4.{k}" for k in keys], exp, act,
                                    f"{b}: 维持+纠正+其他+尚未审结 = {exp}, 总计 = {act}", blank(keys)))
        return out
    tpl = template(version)
    rows = [r for r in tpl.table3_rows if any(cells.get(f"{r}.{c}") is not None for c in T3_COLUMNS)]
    for r in rows:
        parts = [f"{r}.{c}" for c in _APPLICANTS]
        if unread(parts + [f"{r}.total"]):
            continue
        tot = cells.get(f"{r}.total")
        exp = _tidy(sum(_num(cells.get(k)) for k in parts))
        if tot is None:
            if exp:
                out.append({"rule": "T3-ROWSUM", "severity": "uncertain",
                            "cells": [f"table3.{k}" for k in parts + [f"{r}.total"]],
                            "expected": exp, "actual": None, "blank_cells": [f"table3.{r}.total"],
                            "message": f"{r}: 总计 is blank; the applicant columns sum to {exp}"})
            continue
        if exp != tot:
            out.append(_finding("T3-ROWSUM", [f"table3.{k}" for k in parts + [f"{r}.total"]], exp, tot,
                                f"{r}: 自然人+法人或其他组织 = {exp}, 总计 = {tot}", blank(parts)))
    for c in T3_COLUMNS:
        keys_l = [f"new_received.{c}", f"carried_over.{c}"]
        keys_r = [f"result_total.{c}", f"carried_forward.{c}"]
        keys = keys_l + keys_r
        if not unread(keys) and any(cells.get(k) is not None for k in keys):
            lhs = _tidy(sum(_num(cells.get(k)) for k in keys_l))
            rhs = _tidy(sum(_num(cells.get(k)) for k in keys_r))
            if lhs != rhs:
                out.append(_finding("T3-ID", [f"table3.{k}" for k in keys], lhs, rhs,
                                    f"{c}: 一+二 = {lhs}, （七）总计+四 = {rhs}", blank(keys)))
        leaf = [f"{r}.{c}" for r in tpl.table3_leaf_rows]
        keys = leaf + [f"result_total.{c}"]
        if not unread(keys) and any(cells.get(k) is not None for k in keys):
            exp = _tidy(sum(_num(cells.get(k)) for k in leaf))
            tot = _num(cells.get(f"result_total.{c}"))
            if exp != tot:
                out.append(_finding("T3-RESULTS", [f"table3.{k}" for k in keys], exp, tot,
                                    f"{c}: Σ办理结果 = {exp}, （七）总计 = {tot}", blank(keys)))
    return out


def _nonneg(name: str, cells: dict, version: str) -> list[dict]:
    out = []
    for k, v in cells.items():
        if v is None:
            continue
        if name == "table2" and k.endswith("delta_items"):
            continue
        if isinstance(v, (int, float)) and v < 0:
            out.append({"rule": "NONNEG", "severity": "error", "cells": [f"{name}.{k}"],
                        "expected": ">= 0", "actual": v, "message": f"{name}.{k} is negative ({v})"})
        elif isinstance(v, float) and not k.endswith(("fee_amount", "procurement_amount")):
            out.append({"rule": "NONNEG", "severity": "error", "cells": [f"{name}.{k}"],
                        "expected": "integer", "actual": v, "message": f"{name}.{k} is not an integer ({v})"})
    return out
