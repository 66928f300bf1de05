"""The template package: the spec as data, identities, and a fake template version without code.

The expected values here are written by hand (an independent oracle), not computed with
:mod:`ogi.template` itself.
"""

from __future__ import annotations

import pytest

import ogi
from conftest import LABEL_2021, LABEL_2027, build_report, consistent_table3, fake_spec_2027
from ogi.checks import check_tables
from ogi.errors import UsageError
from ogi.template import SPEC_ENV, Identity, SpecError, active_spec, load_spec, template, use_spec

NEW_LABEL, OLD_LABEL = LABEL_2027, LABEL_2021
_fake_spec = fake_spec_2027


def _with_publication(t3):
    """``t3`` with 2 requests of natural persons in the renamed row, every identity still holding."""
    out = {k: list(v) for k, v in t3.items()}
    for row in ("np_publication", "result_total", "new_received"):
        out[row][0] += 2
        out[row][6] += 2
    return {k: tuple(v) for k, v in out.items()}


def _report_2027(t3):
    text = build_report(version="2021", t3=t3)
    assert OLD_LABEL in text
    return text.replace(OLD_LABEL, NEW_LABEL).replace(
        "本报告根据", "本报告按年度报告格式（2027）编写，根据")


def test_packaged_spec_shape():
    tpl = template("2021")
    assert active_spec().versions == ("2021", "2019")
    assert len(tpl.table3_rows) == 25 and len(template("2019").table3_rows) == 23
    assert tpl.table3_rows[:2] == ("new_received", "carried_over")
    assert tpl.table4_blocks == ("review", "lit_direct", "lit_after_review")
    assert [i.id for i in tpl.identities_of("table4")] == ["T4-BLOCK"] * 3
    assert len([i for i in tpl.identities_of("table3") if i.id == "T3-ROWSUM"]) == 25


def test_identity_sums_blanks_and_implied():
    ident = template("2021").identity("T3-ID", "total")
    cells = {"table3.new_received.total": 5, "table3.carried_over.total": 1,
             "table3.result_total.total": 4, "table3.carried_forward.total": None}
    f = ident.violation(cells)
    assert (f["expected"], f["actual"], f["severity"]) == (6, 4, "uncertain")
    assert f["blank_cells"] == ["table3.carried_forward.total"]
    assert ident.violation(cells, unreadable={"table3.result_total.total"}) is None
    known = {k: v for k, v in cells.items() if k != "table3.carried_forward.total"}
    assert ident.implied(known, "table3.carried_forward.total") == 2
    assert ident.implied({}, "table3.carried_forward.total") is None
    bare = Identity("X", ("a", "b"), ("c",))
    assert bare.broken({"a": 1, "b": 1, "c": 2}) is False and bare.broken({"a": 1, "c": 2}) is True


def test_bad_spec_file_names_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(SpecError) as e:
        load_spec(bad)
    assert "bad.json" in str(e.value)
    with pytest.raises(SpecError):
        load_spec(tmp_path / "missing.json")


def test_fake_version_parses_and_checks(tmp_path):
    t3 = _with_publication(consistent_table3("2021"))
    text = _report_2027(t3)
    publication = t3["np_publication"]
    assert publication[6] == 2
    # without the fake spec there is no 2027 (the row itself is still found by its place)
    assert ogi.parse(text, statements=False).meta.template == "2021"
    with use_spec(_fake_spec(tmp_path)) as spec:
        assert spec.versions[0] == "2027"
        rep = ogi.parse(text, statements=False)
        assert rep.meta.template == "2027"
        assert [rep.tables["table3"]["np_publication"][c] for c in
                ("natural_person", "org_commercial", "org_research", "org_public_welfare",
                 "org_legal_service", "org_other", "total")] == list(publication)
        assert not [f for f in rep.findings if f.rule.startswith("T3")]
        # the identities of 2027 apply: one cell off breaks the row sum and the column rules
        cells = {f"{r}.{c}": v for r, vals in t3.items() for c, v in zip(
            ("natural_person", "org_commercial", "org_research", "org_public_welfare",
             "org_legal_service", "org_other", "total"), vals)}
        cells["np_publication.natural_person"] += 1
        rules = sorted({f.rule for f in check_tables(cells, table="table3", version="2027")})
        assert rules == ["T3-RESULTS", "T3-ROWSUM"]
    # nothing leaks out of the block
    assert active_spec().versions == ("2021", "2019")
    with pytest.raises(UsageError):
        template("2027")


def test_fake_version_through_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(SPEC_ENV, str(_fake_spec(tmp_path)))
    assert ogi.parse(_report_2027(consistent_table3("2021")), statements=False).meta.template == "2027"
    monkeypatch.delenv(SPEC_ENV)
    assert active_spec().versions == ("2021", "2019")
