"""Cross-year checks over a corpus: XYEAR-CARRY and T2-INFORCE (template-spec §7).

Reports of status ``report`` are grouped by ``agency_id`` (the normalised agency name, see
:mod:`ogi.corpus.agency`) and paired with the report of the same agency for the year before.
Both rules are warnings: a break is research data (an amended count, a clean-up of normative
documents), not a parsing failure.

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
from typing import Any

from ogi.record import Finding
from ogi.template import T3_COLUMNS

__all__ = ["RULES", "cross_year_findings", "iter_cross_year_findings", "write_cross_year_findings",
           "finding_row"]

#: The rules computed here.
RULES = ("XYEAR-CARRY", "T2-INFORCE")

def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def finding_row(f: Finding) -> dict[str, Any]:
    """The columns of a ``findings`` row from a finding (``cells`` as JSON text)."""
    d = f.to_dict()
    return {**d, "cells": json.dumps(d["cells"])}


def _carry_finding(part: str, year: int, prev_path: str, now: float, before: float) -> Finding:
    """XYEAR-CARRY: column ``part`` of 上年结转 (year Y) differs from 结转下年度 of Y−1."""
    cell = f"table3.carried_over.{part}"
    return Finding("XYEAR-CARRY", "warning", [cell],
                   f"{cell} of {year} is {_num(now)}, but the {year - 1} report ({prev_path}) "
                   f"carried {_num(before)} forward", expected=_num(before), actual=_num(now))


def _inforce_finding(part: str, year: int, prev_path: str, now: float, before: float,
                     issued: float, repealed: float) -> Finding:
    """T2-INFORCE: 现行有效件数 of row ``part`` is not last year's + issued − repealed."""
    base = f"table2.{part}"
    exp = before + issued - repealed
    return Finding("T2-INFORCE", "warning", [f"{base}.in_force", f"{base}.issued", f"{base}.repealed"],
                   f"{base}.in_force of {year} is {_num(now)}; the {year - 1} report ({prev_path}) "
                   f"had {_num(before)} in force, + {_num(issued)} issued − {_num(repealed)} "
                   f"repealed = {_num(exp)}", expected=_num(exp), actual=_num(now))


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
    return [row for batch in iter_cross_year_findings(con, reports, cells) for row in batch]


def write_cross_year_findings(con, reports: str | Path, cells: str | Path, target: str | Path) -> int:
    """Write the findings of :func:`cross_year_findings` to a Parquet file, batch by batch.

    Memory stays bounded however many findings a corpus has (the ``findings`` schema plus
    ``path``).

    Returns:
        The number of findings written.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ogi.corpus.schema import schema

    sch = schema("findings").append(pa.field("path", pa.string()))
    n = 0
    with pq.ParquetWriter(target, sch, compression="zstd") as writer:
        for batch in iter_cross_year_findings(con, reports, cells):
            writer.write_table(pa.Table.from_pylist(batch, schema=sch))
            n += len(batch)
    return n


_COLUMN_ORDER = ("CASE a.col " + " ".join(f"WHEN '{c}' THEN {i}" for i, c in enumerate(T3_COLUMNS))
                 + " ELSE 99 END")


def iter_cross_year_findings(con, reports: str | Path, cells: str | Path, *, batch: int = 10_000):
    """The rows of :func:`cross_year_findings` in lists of at most ``batch``, in their order.

    DuckDB sorts the breaks (by year-Y path, report, rule, the other report's path, column),
    so that they can be numbered and formatted a batch at a time.  ``con`` must not run
    other queries until the generator is exhausted.
    """
    pairs = f"""
        WITH r AS (SELECT report_id, path, agency_id, year, n_findings FROM read_parquet({_q(reports)})
                   WHERE agency_id IS NOT NULL AND year IS NOT NULL AND status = 'report')
        SELECT c.report_id AS cur, c.path AS path, c.year AS year, c.n_findings AS n,
               p.report_id AS prev, p.path AS prev_path
        FROM r c JOIN r p ON c.agency_id = p.agency_id AND c.year = p.year + 1"""
    # each rule's breaks into a small temporary table (one join over the cells at a time keeps
    # DuckDB within its memory limit), then both sorted together and read a batch at a time
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _ogi_xyear_carry AS
        WITH pairs AS ({pairs}),
        cl AS (SELECT report_id, row, col, value FROM read_parquet({_q(cells)})
               WHERE tbl = 'table3' AND row IN ('carried_over', 'carried_forward')
               AND value IS NOT NULL)
        SELECT pr.path, pr.cur, 0 AS rule, pr.prev_path, {_COLUMN_ORDER} AS col_order,
               a.col AS part, pr.n, pr.year, a.value AS now, b.value AS before,
               NULL::DOUBLE AS issued, NULL::DOUBLE AS repealed
        FROM pairs pr
        JOIN cl a ON a.report_id = pr.cur AND a.row = 'carried_over'
        JOIN cl b ON b.report_id = pr.prev AND b.row = 'carried_forward' AND b.col = a.col
        WHERE a.value <> b.value""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _ogi_xyear_inforce AS
        WITH pairs AS ({pairs}),
        t2 AS (SELECT report_id, row,
                      max(value) FILTER (WHERE col = 'issued') AS issued,
                      max(value) FILTER (WHERE col = 'repealed') AS repealed,
                      max(value) FILTER (WHERE col = 'in_force') AS in_force
               FROM read_parquet({_q(cells)})
               WHERE tbl = 'table2' AND row IN ('art20_1.rules', 'art20_1.normative_docs')
               GROUP BY report_id, row)
        SELECT pr.path, pr.cur, 1 AS rule, pr.prev_path,
               CASE WHEN a.row LIKE '%rules' THEN 0 ELSE 1 END AS col_order,
               a.row AS part, pr.n, pr.year, a.in_force AS now, b.in_force AS before, a.issued, a.repealed
        FROM pairs pr
        JOIN t2 a ON a.report_id = pr.cur
        JOIN t2 b ON b.report_id = pr.prev AND b.row = a.row
        WHERE a.in_force IS NOT NULL AND b.in_force IS NOT NULL AND a.issued IS NOT NULL
          AND a.repealed IS NOT NULL AND a.in_force <> b.in_force + a.issued - a.repealed""")
    con.execute("""
        SELECT * FROM (SELECT * FROM _ogi_xyear_carry UNION ALL SELECT * FROM _ogi_xyear_inforce)
        ORDER BY path, cur, rule, prev_path, col_order, part""")
    count: dict[str, int] = {}
    while True:
        rows = con.fetchmany(batch)
        if not rows:
            con.execute("DROP TABLE _ogi_xyear_carry; DROP TABLE _ogi_xyear_inforce")
            return
        out = []
        for path, cur, rule, prev_path, _order, part, n, year, now, before, issued, repealed in rows:
            k = count.get(cur, 0)
            count[cur] = k + 1
            if rule == 0:
                f = _carry_finding(part, year, prev_path, now, before)
            else:
                f = _inforce_finding(part, year, prev_path, now, before, issued, repealed)
            out.append({"report_id": cur, "idx": (n or 0) + k, **finding_row(f), "path": path})
        yield out
