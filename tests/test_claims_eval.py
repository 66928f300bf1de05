"""Scoring claims against gold: matching by value and target cells, alt_targets, verdict accuracy."""

from __future__ import annotations

import pytest

from ogi.claims import evaluate_claims

NEW = "table3.new_received.total"
BOTH = "table3.new_received.total+table3.carried_over.total"


@pytest.mark.parametrize("pred, gold, tp, fp, fn", [
    ([{"value": 4, "target": NEW}], [{"value": 4, "target": NEW}], 1, 0, 0),
    ([{"value": 4, "target": NEW}], [{"value": 5, "target": NEW}], 0, 1, 1),           # other value
    ([{"value": 4, "target": BOTH}], [{"value": 4, "target": NEW}], 0, 1, 1),          # other cells
    ([{"value": 4, "target": "table3.carried_over.total+table3.new_received.total"}],
     [{"value": 4, "target": NEW, "alt_targets": [BOTH]}], 1, 0, 0),                   # alt, any order
    ([{"value": 4, "target": None}], [{"value": 4, "target": None}], 0, 0, 0),        # unlinked: not scored
    ([{"value": 4, "target": NEW}, {"value": 4, "target": NEW}], [{"value": 4, "target": NEW}], 1, 1, 0),
])
def test_claims_eval_matching(pred, gold, tp, fp, fn):
    s = evaluate_claims(pred, gold)
    assert (s["tp"], s["fp"], s["fn"]) == (tp, fp, fn)


def test_claims_eval_verdict_accuracy_over_matched_pairs():
    gold = [{"value": 75, "target": NEW, "verdict": "mismatch"}, {"value": 2, "target": BOTH, "verdict": "match"}]
    pred = [{"value": 75, "target": NEW, "verdict": "match"}, {"value": 2, "target": BOTH, "verdict": "match"}]
    s = evaluate_claims(pred, gold)
    assert (s["tp"], s["verdict_right"], s["verdict_accuracy"]) == (2, 1, 0.5)
    assert s["wrong_verdict"][0]["gold"] == "mismatch"
    assert (s["precision"], s["recall"], s["f1"]) == (1.0, 1.0, 1.0)


def test_claims_eval_command_reports_figures(dev_dir):
    from ogi.commands.eval import eval_text
    from ogi.evaluate import evaluate

    s = evaluate(dev_dir / "gold", statements=False)
    c = s["claims"]
    assert c["gold_with_target"] > 0 and c["f1"] >= 0.85 and c["verdict_accuracy"] >= 0.9
    assert "claims        P " in eval_text(s)
