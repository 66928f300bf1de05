"""Cross-year checks over a corpus: XYEAR-CARRY and T2-INFORCE (template-spec §7).

Reports are grouped by agency (``meta.agency``, exact string) and paired with the report of
the same agency for the year before.  Both rules are warnings: a break is research data
(an amended count, a clean-up of normative documents), not a parsing failure.

- **XYEAR-CARRY**: per column of table 三, 二、上年结转政府信息公开申请数量 of year Y equals
  四、结转下年度继续办理 of year Y−1.
- **T2-INFORCE** (2021 template): per row of 第二十条第（一）项, 现行有效件数(Y) =
  现行有效件数(Y−1) + 本年制发件数(Y) − 本年废止件数(Y).

A finding belongs to the year-Y report; its ``idx`` continues after that report's own
findings, its ``cells`` are paths in the year-Y report and its message names the other
report's path.

Example:
    >>> rows = cross_year_findings(con, "reports.parquet", "cells.parquet")  # doctest: +SKIP
    >>> rows[0]["rule"]  # doctest: +SKIP
    'XYEAR-CARRY'
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["RULES", "cross_year_findings"]

#: The rules computed here.
RULES = ("XYEAR-CARRY", "T2-INFORCE")

_T3_COLUMNS = ("natural_person", "org_commercial", "org_research", "org_public_welfare",
               "org_legal_service", "org_other", "total")


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _q(path: str | Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def cross_year_findings(con, reports: str | Path, cells: str | Path) -> list[dict]:
    """Findings of the cross-year rules, as rows of the ``findings`` table plus ``path``.

    Args:
        con: A DuckDB connection.
        reports: The final ``reports`` Parquet file.
        cells: The final ``cells`` Parquet file.

    Returns:
        Rows with the ``findings`` columns and the year-Y report's ``path``, sorted by path,
        rule order and column.
    """
    pairs = f"""
        WITH r AS (SELECT report_id, path, agency, year, n_findings FROM read_parquet({_q(reports)})
                   WHERE agency IS NOT NULL AND year IS NOT NULL)
        SELECT c.report_id AS cur, c.path AS path, c.year AS year, c.n_findings AS n,
               p.report_id AS prev, p.path AS prev_path
        FROM r c JOIN r p ON c.agency = p.agency AND c.year = p.year + 1"""
    carry = con.execute(f"""
        WITH pairs AS ({pairs}),
        cl AS (SELECT report_id, row, "column", value FROM read_parquet({_q(cells)})
               WHERE "table" = 'table3' AND row IN ('carried_over', 'carried_forward')
               AND value IS NOT NULL)
        SELECT pr.path, pr.cur, pr.n, pr.prev_path, pr.year, a."column", a.value, b.value
        FROM pairs pr
        JOIN cl a ON a.report_id = pr.cur AND a.row = 'carried_over'
        JOIN cl b ON b.report_id = pr.prev AND b.row = 'carried_forward' AND b."column" = a."column"
        WHERE a.value <> b.value""").fetchall()
    inforce = con.execute(f"""
        WITH pairs AS ({pairs}),
        t2 AS (SELECT report_id, row,
                      max(value) FILTER (WHERE "column" = 'issued') AS issued,
                      max(value) FILTER (WHERE "column" = 'repealed') AS repealed,
                      max(value) FILTER (WHERE "column" = 'in_force') AS in_force
               FROM read_parquet({_q(cells)})
               WHERE "table" = 'table2' AND row IN ('art20_1.rules', 'art20_1.normative_docs')
               GROUP BY report_id, row)
        SELECT pr.path, pr.cur, pr.n, pr.prev_path, pr.year, a.row, a.in_force, b.in_force,
               a.issued, a.repealed
        FROM pairs pr
        JOIN t2 a ON a.report_id = pr.cur
        JOIN t2 b ON b.report_id = pr.prev AND b.row = a.row
        WHERE a.in_force IS NOT NULL AND b.in_force IS NOT NULL AND a.issued IS NOT NULL
          AND a.repealed IS NOT NULL AND a.in_force <> b.in_force + a.issued - a.repealed""").fetchall()
    found = []
    for path, cur, n, prev_path, year, col, actual, expected in carry:
        cell = f"table3.carried_over.{col}"
        found.append((path, cur, n, 0, prev_path, _T3_COLUMNS.index(col) if col in _T3_COLUMNS else 99, col, {
            "rule": "XYEAR-CARRY", "severity": "warning", "cells": json.dumps([cell]),
            "expected": _num(expected), "actual": _num(actual),
            "message": f"{cell} of {year} is {_num(actual)}, but the {year - 1} report ({prev_path}) "
                       f"carried {_num(expected)} forward"}))
    for path, cur, n, prev_path, year, row, now, before, issued, repealed in inforce:
        base = f"table2.{row}"
        exp = before + issued - repealed
        found.append((path, cur, n, 1, prev_path, 0 if row.endswith("rules") else 1, row, {
            "rule": "T2-INFORCE", "severity": "warning",
            "cells": json.dumps([f"{base}.in_force", f"{base}.issued", f"{base}.repealed"]),
            "expected": _num(exp), "actual": _num(now),
            "message": f"{base}.in_force of {year} is {_num(now)}; the {year - 1} report ({prev_path}) had "
                       f"{_num(before)} in force, + {_num(issued)} issued − {_num(repealed)} repealed = {_num(exp)}"}))
    found.sort(key=lambda x: x[:2] + x[3:7])
    out, count = [], {}
    for path, cur, n, *_rest, row in found:
        k = count.get(cur, 0)
        count[cur] = k + 1
        out.append({"report_id": cur, "idx": (n or 0) + k, **row, "path": path})
    return out
