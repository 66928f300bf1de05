"""Labelled data: synthetic sections, dev offsets (no text stored), weak labels."""

from __future__ import annotations

import json

import pytest

from ogi.nlp.synthetic import generate_synthetic
from ogi.nlp.taxonomy import KINDS, TOPICS
from ogi.paths import DEV_CORPUS_DIR
from ogi.training.labels import (
    DEV_OFFSETS_PATH,
    LABELS_DIR,
    labelled_records,
    load_dev_labels,
    load_synthetic,
    weak_records,
)


def test_nlp_labels_synthetic_file_is_the_generator_output():
    shipped = [json.loads(line) for line in (LABELS_DIR / "synthetic.jsonl").read_text(encoding="utf-8").splitlines()]
    assert shipped == json.loads(json.dumps(generate_synthetic(), ensure_ascii=False))


def test_nlp_labels_synthetic_covers_every_kind_and_topic():
    docs = load_synthetic()
    stmts = [s for d in docs for s in d.statements]
    assert len(stmts) >= 600
    assert {s["kind"] for s in stmts} == set(KINDS)
    assert {s["topics"][0] for s in stmts} == set(TOPICS)
    for d in docs:
        for s in d.statements:
            assert d.text[s["start"]:s["end"]] == s["text"]


def test_nlp_labels_dev_offsets_store_no_text():
    rows = [json.loads(line) for line in DEV_OFFSETS_PATH.read_text(encoding="utf-8").splitlines()]
    assert rows
    for r in rows:
        assert set(r) == {"file", "start", "end", "kind", "topics", "section_start", "section_end"}
        assert r["end"] > r["start"]


def test_nlp_labels_dev_labels_skipped_when_corpus_absent(tmp_path):
    assert load_dev_labels(tmp_path / "missing") == []


@pytest.mark.dev_corpus
@pytest.mark.skipif(not DEV_CORPUS_DIR.is_dir(), reason="dev corpus absent")
def test_nlp_labels_dev_labels_read_from_reports():
    docs = load_dev_labels()
    assert len(docs) >= 8
    X, kinds, topics, groups = labelled_records(docs)
    assert len(X) == sum(len(d.statements) for d in docs) >= 50


def test_nlp_labels_weak_labels_from_sub_headings(tmp_path):
    report = ("五、政府信息公开工作存在的主要问题及改进情况\n（一）主要问题\n一是网站栏目更新不及时。\n二是解读形式单一。\n"
              "（二）改进情况\n一是建立更新台账。\n六、其他需要报告的事项\n无。")
    (tmp_path / "a.txt").write_text(report, encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>" + report.replace("\n", "</p><p>") + "</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_text("五、存在的主要问题及改进情况\n一是培训不足。", encoding="utf-8")  # no heading
    X, kinds, groups = weak_records(tmp_path)
    assert kinds == ["problem", "problem", "improvement"] * 2
    assert [r["text"] for r in X[:3]] == ["一是网站栏目更新不及时。", "二是解读形式单一。", "一是建立更新台账。"]
