"""Accounting identities as findings: T3-ID, T3-ROWSUM, T3-RESULTS, T4-BLOCK, NONNEG, EMPTY-CELLS."""

from __future__ import annotations

import pytest

from conftest import consistent_table3
from ogi.checks import check_all, check_tables
from ogi.record import Finding
from ogi.spec import T3_COLUMNS, template


def _flat(t3: dict) -> dict:
    return {f"{k}.{c}": v[j] for k, v in t3.items() for j, c in enumerate(T3_COLUMNS)}


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_checks_consistent_table_has_no_findings(version):
    assert check_tables(_flat(consistent_table3(version)), table="table3", version=version) == []


@pytest.mark.parametrize("row, col, rules", [
    ("new_received", 6, {"T3-ID", "T3-ROWSUM"}),
    ("granted", 0, {"T3-ROWSUM", "T3-RESULTS"}),
    ("carried_forward", 6, {"T3-ID", "T3-ROWSUM"}),
])
def test_checks_each_identity_names_its_cells(row, col, rules):
    cells = _flat(consistent_table3("2021"))
    cells[f"{row}.{T3_COLUMNS[col]}"] += 3
    found = check_tables(cells, table="table3", version="2021")
    assert {f.rule for f in found} == rules
    for f in found:
        assert f"table3.{row}.{T3_COLUMNS[col]}" in f.cells
        assert f.severity == "error"
        assert abs(f.expected - f.actual) == 3


def test_checks_table4_block():
    cells = {f"{b}.{c}": 0 for b in ("review", "lit_direct", "lit_after_review")
             for c in ("upheld", "corrected", "other", "pending", "total")}
    cells.update({"lit_direct.upheld": 2, "lit_direct.total": 3})
    (f,) = check_tables(cells, table="table4", version="2021")
    assert (f.rule, f.expected, f.actual) == ("T4-BLOCK", 2, 3)


def test_checks_blank_cells_make_failures_uncertain_and_are_listed():
    cells = _flat(consistent_table3("2021"))
    cells["granted.total"] = None
    t2 = {k: 0 for k in template("2021").table2_keys()}
    t4 = {}
    found = check_all(t2, cells, t4, version="2021")
    assert any(f.rule == "EMPTY-CELLS" and "table3.granted.total" in f.cells for f in found)
    rowsum = [f for f in found if f.rule == "T3-ROWSUM"]
    assert all(f.severity == "uncertain" for f in rowsum)


def test_checks_nonneg_except_signed_delta():
    t2 = {k: 0 for k in template("2019").table2_keys()}
    t2["art20_5.admin_license.delta_items"] = -8
    t2["art20_1.rules.new_made"] = -1
    found = [f for f in check_all(t2, {}, {}, version="2019") if f.rule == "NONNEG"]
    assert [f.cells for f in found] == [["table2.art20_1.rules.new_made"]]


def test_checks_findings_are_record_findings_with_the_record_json():
    cells = _flat(consistent_table3("2021"))
    cells["granted.total"] = None
    cells["granted.natural_person"] += 1
    t2 = {k: 0 for k in template("2021").table2_keys()}
    t2["art20_1.rules.issued"] = -1
    found = check_all(t2, cells, {}, version="2021")
    assert found and all(isinstance(f, Finding) for f in found)
    # a blank total: the rule's keys in the record's order, blank_cells before the message
    rowsum = next(f for f in found if f.rule == "T3-ROWSUM")
    assert list(rowsum.to_dict()) == ["rule", "severity", "cells", "expected", "actual", "blank_cells", "message"]
    nonneg = next(f for f in found if f.rule == "NONNEG")
    assert nonneg.to_dict() == {"rule": "NONNEG", "severity": "error", "cells": ["table2.art20_1.rules.issued"],
                                "expected": ">= 0", "actual": -1,
                                "message": "table2.art20_1.rules.issued is negative (-1)"}
    empty = next(f for f in found if f.rule == "EMPTY-CELLS")
    assert list(empty.to_dict()) == ["rule", "severity", "cells", "expected", "actual", "message"]
    assert empty.expected is None and empty.actual == len(empty.cells)
