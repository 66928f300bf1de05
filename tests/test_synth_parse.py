"""End to end on synthetic reports with known truth: every layout, both templates, masked
labels, blank cells and planted identity failures, read from bytes and parsed."""

from __future__ import annotations

import pytest

import ogi
from ogi.evaluate import compare_cells
from ogi.synth import BLANK_LAYOUTS, LAYOUTS, generate

IDENTITIES = ("T3-ID", "T3-ROWSUM", "T3-RESULTS", "T4-BLOCK")
VARIANTS = [{}, {"mask": 0.5}, {"blanks": True}, {"violations": 1}]


def _cases():
    for seed in (11, 12):
        for layout in LAYOUTS:
            for template in ("2021", "2019"):
                for v in VARIANTS:
                    if v.get("blanks") and layout not in BLANK_LAYOUTS:
                        continue
                    yield pytest.param(seed, layout, template, v,
                                       id=f"{layout}-{template}-{'-'.join(v) or 'plain'}-{seed}")


@pytest.mark.slow
@pytest.mark.parametrize("seed, layout, template, variant", list(_cases()))
def test_synth_parse_matches_truth(seed, layout, template, variant):
    r = generate(seed, template=template, layout=layout, **variant)
    rep = ogi.parse(ogi.read_bytes(r.content, name=r.name + r.suffix), statements=False)
    truth = r.truth
    assert rep.meta.template == truth["template"]
    assert [s.key for s in rep.sections if s.heading] == truth["sections"]
    c = compare_cells(rep.tables, truth["tables"], truth.get("uncertain_cells") or [])
    assert c["misses"] == []
    # every planted failure is reported (as an error, or uncertain when a cell is unreadable)
    found = {f.rule for f in rep.findings if f.rule in IDENTITIES and f.severity in ("error", "uncertain")}
    expected = {f["rule"] for f in truth.get("expected_findings") or []}
    assert expected <= found
    errors = {f.rule for f in rep.findings if f.rule in IDENTITIES and f.severity == "error"}
    assert errors <= expected


@pytest.mark.parametrize("seed, template, rule", [(2015, "2021", "T4-BLOCK"), (2007, "2021", "T4-BLOCK"),
                                                  (2007, "2019", "T3-ROWSUM")])
def test_synth_parse_break_under_ambiguous_digits_is_still_reported(seed, template, rule):
    # the planted wrong cell makes the run-together digits ambiguous; every reading breaks
    # the rule, so the rule is reported although the cells stay null
    r = generate(seed, template=template, layout="flat", violations=1)
    rep = ogi.parse(ogi.read_bytes(r.content, name=r.name + r.suffix), statements=False)
    hits = [f for f in rep.findings if f.rule == rule and f.severity == "error"]
    assert hits and "every reading" in hits[0].message
    assert any(rep.cell(c) is None for c in hits[0].cells)
