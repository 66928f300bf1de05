"""Measures never turn a blank, ambiguous or unreadable cell into a number (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import ogi
from ogi.analysis import measures
from ogi.dataset import frames

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "dev"
SHANGHAI = DEV / "shanghai-office-2019.html"


def _t3(rid: str, cells: dict[tuple[str, str], tuple[float | None, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"report_id": rid, "tbl": "table3", "key": f"{r}.{c}", "row": r, "col": c,
                          "value": v, "status": s, "raw": None} for (r, c), (v, s) in cells.items()])


def _data(cells: pd.DataFrame, ids: list[str], status: list[str] | None = None) -> dict[str, pd.DataFrame]:
    empty = frames([])
    rep = pd.DataFrame({"report_id": ids, "path": [f"{i}.txt" for i in ids], "year": [2024] * len(ids),
                        "agency": ids, "template": "2021", "format": "txt"})
    if status is not None:
        rep["status"] = status
    return {**empty, "reports": rep, "cells": cells}


def _row(row: str, total: tuple[float | None, str], apps: list[tuple[float | None, str]]):
    out = {(row, "total"): total}
    out.update({(row, c): a for c, a in zip(measures.APPLICANTS, apps)})
    return out


_OK0 = [(0.0, "ok")] * 6


def _report(rid: str, granted_total, granted_apps, denied_total=(0.0, "ok"), denied_apps=_OK0):
    return _t3(rid, {**_row("granted", granted_total, granted_apps),
                     **_row("denied_state_secret", denied_total, denied_apps)})


def test_blank_total_with_known_applicants_is_their_sum_derived():
    apps = [(4.0, "ok"), (1.0, "ok")] + [(None, "blank")] * 4
    data = _data(_report("a", (None, "blank"), apps), ["a"])
    cells = measures.table3_total_cells(data)
    g = cells[cells["row"] == "granted"].iloc[0]
    assert g["value"] == 5.0 and g["basis"] == "derived"
    o = measures.outcome_shares(data, by=None)
    assert o.set_index("outcome").loc["granted", "count"] == 5.0
    assert (o["n"] == 1).all() and (o["n_excluded"] == 0).all()


def test_ambiguous_cell_excludes_the_report_instead_of_zero():
    amb = _report("a", (None, "ambiguous"), _OK0)
    ok = _report("b", (3.0, "ok"), [(3.0, "ok")] + [(0.0, "ok")] * 5)
    data = _data(pd.concat([amb, ok]), ["a", "b"])
    o = measures.outcome_shares(data, by=None).set_index("outcome")
    assert o.loc["granted", "share"] == 1.0
    assert o.loc["granted", "n"] == 1 and o.loc["granted", "n_excluded"] == 1
    assert "总计 ambiguous" in o.loc["granted", "excluded"]
    vol = measures.table3_total_cells(data)
    assert vol[(vol["report_id"] == "a") & (vol["row"] == "granted")]["basis"].item() == "missing"


def test_blank_total_with_unreadable_applicant_is_missing():
    apps = [(4.0, "ok"), (None, "unreadable")] + [(None, "blank")] * 4
    data = _data(_report("a", (None, "blank"), apps), ["a"])
    cells = measures.table3_total_cells(data)
    g = cells[cells["row"] == "granted"].iloc[0]
    assert pd.isna(g["value"]) and g["basis"] == "missing"
    o = measures.outcome_shares(data, by=None)
    # the group stays, with nothing used: counts and shares missing, n 0, the reason given
    assert len(o) == 6 and o["count"].isna().all() and o["share"].isna().all()
    assert (o["n"] == 0).all() and (o["n_excluded"] == 1).all()
    assert o["excluded"].str.contains("applicant cells not all known").all()


def test_group_with_every_report_excluded_keeps_its_rows():
    ok = _report("a", (2.0, "ok"), [(2.0, "ok")] + [(0.0, "ok")] * 5)
    lost = _report("b", (None, "blank"), [(4.0, "ok"), (None, "unreadable")] + [(None, "blank")] * 4)
    data = _data(pd.concat([ok, lost]), ["a", "b"])
    data["reports"]["year"] = [2023, 2024]
    o = measures.outcome_shares(data, by="year")
    assert sorted(o["year"].unique()) == [2023, 2024]
    y24 = o[o["year"] == 2024]
    assert y24["share"].isna().all() and (y24["n"] == 0).all() and (y24["n_excluded"] == 1).all()
    y23 = o[o["year"] == 2023].set_index("outcome")
    assert y23.loc["granted", "share"] == 1.0 and y23.loc["granted", "n"] == 1


def test_status_filter_and_include_all():
    a = _report("a", (2.0, "ok"), [(2.0, "ok")] + [(0.0, "ok")] * 5)
    b = _report("b", (6.0, "ok"), [(6.0, "ok")] + [(0.0, "ok")] * 5)
    data = _data(pd.concat([a, b]), ["a", "b"], status=["report", "duplicate"])
    o = measures.outcome_shares(data, by=None).set_index("outcome")
    assert o.loc["granted", "count"] == 2.0 and o.loc["granted", "n"] == 1
    assert o.loc["granted", "excluded"] == "status duplicate: 1"
    o = measures.outcome_shares(data, by=None, include="all").set_index("outcome")
    assert o.loc["granted", "count"] == 8.0 and o.loc["granted", "n"] == 2


def test_applicant_blank_needs_printed_total():
    apps = [(4.0, "ok")] + [(None, "blank")] * 5
    settled = _t3("a", _row("new_received", (4.0, "ok"), apps))
    unsettled = _t3("b", _row("new_received", (None, "blank"), apps))
    data = _data(pd.concat([settled, unsettled]), ["a", "b"])
    mix = measures.applicant_mix(data, by=None).set_index("applicant")
    assert mix.loc["natural_person", "count"] == 4.0
    assert mix.loc["natural_person", "n"] == 1 and mix.loc["natural_person", "n_excluded"] == 1


@pytest.mark.skipif(not SHANGHAI.is_file(), reason="dev corpus not available")
def test_shanghai_2019_outcomes_are_its_applicant_sums():
    data = frames([ogi.parse(SHANGHAI).to_dict()])
    o = measures.outcome_shares(data, by="agency").set_index("outcome")
    # 805 decided requests, the 总计 column blank: each outcome is the sum of its applicant columns
    assert o["count"].sum() == 805
    assert o.loc["granted", "count"] == 258 + 12 + 1 + 1
    cells = measures.table3_total_cells(data)
    assert set(cells[cells["row"] == "granted"]["basis"]) == {"derived"}
    vol = measures.request_volume(data)
    assert vol["basis"].item() == "printed"
