"""Statement scoring (shared/spec/gold.md) and the standalone gold-folder evaluation."""

from __future__ import annotations

import json

import pytest

from ogi.errors import UsageError
from ogi.nlp.evaluate import evaluate_statements, match_statements, overlap_ratio, sum_scores
from ogi.paths import DEV_CORPUS_DIR
from ogi.training.evaluate import evaluate_gold_dir


@pytest.mark.parametrize("a, b, expected", [
    ("一是培训不足。", "一是培训不足。", 1.0),
    ("一是 培训\n不足", "一是培训不足", 1.0),
    ("一是培训不足；", "一是培训不足", 6 / 7),
    ("", "培训", 0.0),
])
def test_nlp_evaluate_overlap_ignores_white_space(a, b, expected):
    assert overlap_ratio(a, b) == pytest.approx(expected)


def test_nlp_evaluate_greedy_one_to_one():
    gold = [{"text": "一是培训不足。"}, {"text": "二是更新不及时。"}]
    pred = [{"text": "一是培训不足。"}, {"text": "一是培训不足"}, {"text": "二是更新不及时"}]
    pairs = match_statements(pred, gold)
    assert [(i, j) for i, j, _ in pairs] == [(0, 0), (2, 1)]


def test_nlp_evaluate_scores():
    gold = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
            {"text": "一是加强培训。", "kind": "improvement", "topics": ["capacity", "mechanism"]}]
    pred = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
            {"text": "一是加强培训。", "kind": "problem", "topics": ["mechanism"]},
            {"text": "完全无关的一句话。", "kind": "other", "topics": []}]
    r = evaluate_statements(pred, gold)
    assert (r["tp"], r["fp"], r["fn"]) == (2, 1, 0)
    assert r["precision"] == pytest.approx(2 / 3) and r["recall"] == 1.0
    assert r["kind_accuracy"] == 0.5 and r["main_topic_accuracy"] == 0.5


def test_nlp_evaluate_sum_scores_is_the_micro_average():
    gold = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
            {"text": "一是加强培训。", "kind": "improvement", "topics": ["capacity", "mechanism"]}]
    pred = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
            {"text": "一是加强培训。", "kind": "problem", "topics": ["capacity"]},
            {"text": "完全无关的一句话。", "kind": "other", "topics": []}]
    total = sum_scores([evaluate_statements(pred[:1], gold[:1]), evaluate_statements(pred[1:], gold[1:])])
    assert (total["tp"], total["fp"], total["fn"]) == (2, 1, 0)
    assert total["precision"] == pytest.approx(2 / 3) and total["kind_accuracy"] == 0.5
    assert total["topic_jaccard"] == pytest.approx((1 + 0.5) / 2)


def test_nlp_evaluate_gold_dir_micro(tmp_path):
    text = "（一）主要问题\n一是培训不足。\n（二）改进措施\n一是加强培训。"
    gold = {"file": "x.txt", "problems_text": text, "statements": [
        {"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
        {"text": "一是加强培训。", "kind": "improvement", "topics": ["capacity"]}]}
    (tmp_path / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "old.json").write_text(json.dumps({"statements": [], "problems_text": ""}), encoding="utf-8")
    r = evaluate_gold_dir(tmp_path)
    assert r["files"] == 1 and r["f1"] == 1.0 and r["kind_accuracy"] == 1.0


def test_nlp_evaluate_gold_dir_missing(tmp_path):
    with pytest.raises(UsageError):
        evaluate_gold_dir(tmp_path / "none")
    with pytest.raises(UsageError):
        evaluate_gold_dir(tmp_path)


@pytest.mark.dev_corpus
@pytest.mark.skipif(not (DEV_CORPUS_DIR / "gold").is_dir(), reason="dev corpus absent")
def test_nlp_evaluate_dev_gold_targets():
    r = evaluate_gold_dir(DEV_CORPUS_DIR / "gold")
    assert r["f1"] >= 0.9
    assert r["kind_accuracy"] >= 0.95
    assert r["main_topic_accuracy"] >= 0.75
