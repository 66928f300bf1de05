"""The three national tables of one report: regions parsed in turn, missing tables reported."""

from __future__ import annotations

from ogi.record import Finding
from ogi.splitting import Value
from ogi.tables.regions import Regions
from ogi.tables.result import TablesResult
from ogi.tables.rows import Row
from ogi.tables.table2 import parse_table2
from ogi.tables.table3 import detect_t3_version, solve_table3, table3_rows
from ogi.tables.table4 import parse_table4
from ogi.template import template

__all__ = ["parse_tables"]


def parse_tables(text: str, *, version: str | None, regions: Regions) -> TablesResult:
    """Parse the three national tables of a report whose text is ``text``.

    Args:
        text: ``Document.text``.
        version: "2021" or "2019" when the structure already tells; ``None`` to decide here.
        regions: where the tables are (:func:`ogi.tables.find_table_regions`).
    """
    findings: list[Finding] = []
    prov: dict[str, dict] = {}
    rows3: list[Row] = []
    if regions.t3:
        rows3, _ = table3_rows(text, regions.t3)
        v3 = detect_t3_version(rows3)
        if version is None:
            version = v3
        elif v3 and v3 != version:
            findings.append(Finding("STRUCT-T3-ROWS", "warning", [],
                                    f"table 三 rows look like the {v3} format, table 二 like {version}"))
    if version is None:
        version = "2021"
    tpl = template(version)
    res = TablesResult(version=version)
    unread = res.unreadable
    if regions.t2:
        res.table2 = parse_table2(text, regions.t2, tpl, findings, prov, unread)
    else:
        res.table2 = _missing("table2", tpl.table2_keys(), unread)
        findings.append(Finding("STRUCT-T2", "error", ["table2"], "table 二 not found (no 第二十条 caption)"))
    if regions.t3:
        res.table3 = solve_table3(rows3, tpl, findings, prov, unread)
    else:
        res.table3 = _missing("table3", tpl.table3_keys(), unread)
        findings.append(Finding("STRUCT-T3-ROWS", "error", ["table3"],
                                "table 三 not found (no 申请人情况 / 本年新收 header)",
                                expected=len(tpl.table3_rows), actual=0))
    if regions.t4:
        res.table4 = parse_table4(text, regions.t4, findings, prov, unread)
    else:
        res.table4 = _missing("table4", tpl.table4_keys(), unread)
        findings.append(Finding("STRUCT-T4", "error", ["table4"], "table 四 not found"))
    unread.update(f.cells[0] for f in findings if f.rule == "AMBIGUOUS-CELL")
    res.findings = findings
    res.provenance = prov
    return res


def _missing(name: str, keys: list[str], unread: set[str]) -> dict[str, Value]:
    """The null cells of a table that was not found, all marked unreadable."""
    cells: dict[str, Value] = dict.fromkeys(keys)
    unread.update(f"{name}.{k}" for k in cells)
    return cells
