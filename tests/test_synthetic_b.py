"""The second writer of section 五 (ogi.nlp.synthetic_b) and its scoring (ogi.training.second_writer)."""

from __future__ import annotations

from collections import Counter

import pytest

from ogi.nlp.synthetic_b import LAYOUTS, generate_second_writer
from ogi.nlp.synthetic_b_phrases import POOLS, measure_cores, problem_cores
from ogi.nlp.taxonomy import KINDS, TOPICS
from ogi.training.card import card_text
from ogi.training.second_writer import common_kind_errors, kind_errors, main, second_writer


@pytest.fixture(scope="module")
def sections() -> list[dict]:
    return generate_second_writer(n_sections=120, seed=0)


class _AllProblem:
    """A model that calls every statement a problem about ``other``."""

    def predict_records(self, records: list[dict]) -> list[dict]:
        return [{"kind": "problem", "score": 1.0, "topics": ["other"], "topic_scores": {"other": 1.0}}
                for _ in records]


def test_second_writer_is_deterministic_for_a_seed():
    assert generate_second_writer(n_sections=12, seed=3) == generate_second_writer(n_sections=12, seed=3)
    assert generate_second_writer(n_sections=12, seed=3) != generate_second_writer(n_sections=12, seed=4)


def test_second_writer_statements_are_substrings_in_order_without_overlap(sections):
    for sec in sections:
        text, end = sec["problems_text"], 0
        assert sec["statements"], sec["id"]
        for st in sec["statements"]:
            assert st["text"] and text[st["start"]:st["end"]] == st["text"], (sec["id"], st["text"])
            assert st["start"] >= end, (sec["id"], st["text"])  # after the previous one: no overlap
            end = st["end"]
            assert st["text"] == st["text"].strip()


def test_second_writer_kinds_and_topics_follow_the_taxonomy(sections):
    stmts = [st for sec in sections for st in sec["statements"]]
    assert {st["kind"] for st in stmts} == set(KINDS)
    for st in stmts:
        assert st["topics"] and set(st["topics"]) <= set(TOPICS) and len(set(st["topics"])) == len(st["topics"])
    mains = Counter(st["topics"][0] for st in stmts)
    assert set(mains) == set(TOPICS)  # every topic is some statement's main one
    assert sorted(POOLS) == sorted(TOPICS)


def test_second_writer_uses_every_layout_in_turn(sections):
    counts = Counter(sec["layout"] for sec in sections)
    assert set(counts) == set(LAYOUTS) and set(counts.values()) == {20}
    by_layout = {sec["layout"]: sec["problems_text"] for sec in reversed(sections)}
    assert by_layout["rectification_first"].startswith("（一）") and "整改" in by_layout["rectification_first"][:20]
    assert by_layout["paragraph"].count("\n") <= 1 and "（一）" not in by_layout["paragraph"]


def test_second_writer_has_many_distinct_cores_per_topic():
    for topic in TOPICS:
        if topic == "other":
            continue
        assert len(set(problem_cores(topic))) >= 25, topic
        assert len(set(measure_cores(topic))) >= 25, topic


def test_second_writer_statements_vary(sections):
    texts = [st["text"] for sec in sections for st in sec["statements"]]
    assert len(set(texts)) / len(texts) > 0.9


def test_second_writer_scores_per_layout_and_fail_an_all_problem_model():
    bad = second_writer(_AllProblem(), n_sections=30)
    assert sorted(bad["per_layout"]) == sorted(LAYOUTS) and bad["all"]["files"] == 30
    assert all(m["files"] == 5 and m["n_gold"] > 0 for m in bad["per_layout"].values())
    assert bad["all"]["kind_accuracy"] < 0.6  # most statements are improvements
    assert bad["all"]["main_topic_accuracy"] < 0.1
    good = second_writer("statements-v1", n_sections=30)
    assert good["all"]["kind_accuracy"] > bad["all"]["kind_accuracy"] + 0.2
    assert good["all"]["f1"] == bad["all"]["f1"]  # same segmenter: only the labels differ


def test_second_writer_kind_errors_are_counted_by_pattern():
    secs = generate_second_writer(n_sections=12, seed=0)
    errs = kind_errors(secs, _AllProblem())
    assert errs and all(e["pred"] == "problem" and e["gold"] != "problem" for e in errs)
    top = common_kind_errors(errs, 3)
    assert len(top) <= 3 and top[0][0] >= top[-1][0] and sum(n for n, _ in top) <= len(errs)


def test_second_writer_cli_prints_every_layout(capsys):
    assert main(["--sections", "6", "--errors", "2"]) == 0
    out = capsys.readouterr().out
    assert all(lay in out for lay in LAYOUTS) and "kind errors:" in out


def test_second_writer_in_the_model_card():
    score = {"files": 5, "n_gold": 30, "f1": 0.9, "kind_accuracy": 0.8, "main_topic_accuracy": 0.7}
    metrics = {"model": "m-v1", "seed": 0,
               "second_writer": {"all": dict(score, files=10), "per_layout": {"terse": score, "subheaded": score},
                                 "n_sections": 10, "seed": 0},
               "data": {"synthetic_statements": 1, "synthetic_sections": 1, "dev_statements": 0, "dev_reports": 0,
                        "weak_statements": 0, "kinds": {}, "main_topics": {}}}
    text = card_text(metrics)
    assert "## Second writer (ogi.nlp.synthetic_b, never trained on)" in text
    assert text.index("| subheaded |") < text.index("| terse |") < text.index("| **all** | 10 |")
    assert "| terse | 5 | 30 | 0.900 | 0.800 | 0.700 |" in text
    assert "Second writer" not in card_text({k: v for k, v in metrics.items() if k != "second_writer"})
