"""Accounting identities of the national tables (template-spec §7), kept as findings.

A failing identity is research data, not an error to repair: every finding names its
cells, the value the rule expects and the value the source printed.  Blank cells count as
0 in sums; a rule that only fails through a blank cell is reported with severity
``uncertain`` instead of ``error`` (the 总计 column is often left blank).  A rule through a
cell that could not be read (ambiguous digits, a row not found) is not checked: the parser
has already reported that cell.

The rules are data: :class:`ogi.template.Identity` instances of the active template spec.
Every finding is an :class:`ogi.record.Finding`.

Example:
    >>> f = check_tables({"review.upheld": 1, "review.corrected": 0, "review.other": 0,
    ...                   "review.pending": 0, "review.total": 2}, table="table4", version="2021")
    >>> f[0].rule, f[0].expected, f[0].actual
    ('T4-BLOCK', 1, 2)
"""

from __future__ import annotations

from collections.abc import Collection

from ogi.record import Finding
from ogi.template import template, violations

__all__ = ["check_tables", "check_all"]


def check_all(table2: dict, table3: dict, table4: dict, *, version: str,
              unreadable: Collection[str] = frozenset()) -> list[Finding]:
    """Every identity and cell check of the three tables (flat ``key -> value`` dicts).

    Args:
        table2, table3, table4: cell key (``granted.total``) -> value of each table.
        version: the template version whose identities apply.
        unreadable: paths (``table3.granted.total``) of cells that are null because they could
            not be read; identities through them are skipped and they are not "blank".
    """
    out: list[Finding] = []
    out += check_tables(table3, table="table3", version=version, unreadable=unreadable)
    out += check_tables(table4, table="table4", version=version, unreadable=unreadable)
    out += _nonneg("table2", table2, version)
    out += _nonneg("table3", table3, version)
    out += _nonneg("table4", table4, version)
    blanks = [f"{name}.{k}" for name, t in (("table2", table2), ("table3", table3), ("table4", table4))
              for k, v in t.items() if v is None and f"{name}.{k}" not in unreadable]
    if blanks:
        out.append(Finding("EMPTY-CELLS", "warning", blanks,
                           f"{len(blanks)} cells are blank (/, -, —, 无 or empty; counted as 0 in sums)",
                           actual=len(blanks)))
    return out


def check_tables(cells: dict, *, table: str, version: str,
                 unreadable: Collection[str] = frozenset()) -> list[Finding]:
    """The identities of ``table`` in the template (table 三: T3-ROWSUM, T3-ID, T3-RESULTS; 四: T4-BLOCK).

    Args:
        cells: cell key (``granted.total``, without the table name) -> value.
        table: ``table3`` or ``table4``.
        version: the template version (its identities are read from :mod:`ogi.template`).
        unreadable: full paths of cells that could not be read.
    """
    full = {f"{table}.{k}": v for k, v in cells.items()}
    # the identities give the finding's JSON object (its key order is the record's): typed here
    return [Finding.from_dict(d) for d in
            violations(template(version).identities_of(table), full, unreadable=unreadable)]


def _nonneg(name: str, cells: dict, version: str) -> list[Finding]:
    out: list[Finding] = []
    for k, v in cells.items():
        if v is None:
            continue
        if name == "table2" and k.endswith("delta_items"):
            continue
        if isinstance(v, (int, float)) and v < 0:
            out.append(Finding("NONNEG", "error", [f"{name}.{k}"], f"{name}.{k} is negative ({v})",
                               expected=">= 0", actual=v))
        elif isinstance(v, float) and not k.endswith(("fee_amount", "procurement_amount")):
            out.append(Finding("NONNEG", "error", [f"{name}.{k}"], f"{name}.{k} is not an integer ({v})",
                               expected="integer", actual=v))
    return out
