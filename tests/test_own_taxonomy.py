"""A researcher's own topics and labelled statements: ogi train --labels --taxonomy, used by ogi process (issue 12)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ogi.errors import UsageError
from ogi.nlp.taxonomy import TOPICS, load_taxonomy, topic_order
from ogi.training.custom import load_user_labels

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "sample" / "seed-2024-masked.txt"

_BUDGET_P = ["部门预算公开不够细化", "决算说明较为简略", "三公经费公开不够及时", "预算绩效信息公开有待加强",
             "部分单位预算公开时间滞后", "预算科目说明不够清晰"]
_BUDGET_I = ["细化部门预算公开到项级科目", "按时公开部门决算和三公经费", "完善预算绩效信息公开",
             "推进预算公开统一平台建设", "规范预算科目说明", "加强预决算公开审核"]
_BUY_P = ["政府采购意向公开不够完整", "采购合同公开存在遗漏", "采购结果公告更新不及时",
          "中标信息公开内容不全", "采购文件公开渠道单一", "采购项目公开较为分散"]
_BUY_I = ["全面公开政府采购意向", "加强采购合同公开管理", "及时发布采购结果公告", "完善中标信息公开内容",
          "拓展采购文件公开渠道", "推进采购项目集中公开"]


def _taxonomy(tmp_path: Path) -> Path:
    p = tmp_path / "fiscal.json"
    p.write_text(json.dumps({"name": "fiscal-v1", "topics": [
        {"key": "budget", "name": "预决算公开", "meaning": "budgets and final accounts", "cues": ["预算", "决算"]},
        {"key": "procurement", "name": "政府采购公开", "cues": "采购|中标"}]}, ensure_ascii=False), encoding="utf-8")
    return p


def _labels(tmp_path: Path) -> Path:
    rows = []
    for texts, kind, topic in ((_BUDGET_P, "problem", "budget"), (_BUDGET_I, "improvement", "budget"),
                               (_BUY_P, "problem", "procurement"), (_BUY_I, "improvement", "procurement")):
        for i, t in enumerate(texts):
            rows.append({"text": t, "kind": kind, "topics": [topic], "report": f"r{i % 3}",
                         "context": "（一）存在的主要问题" if kind == "problem" else "（二）改进措施"})
    rows.append({"text": "信息公开工作取得积极成效", "kind": "other", "report": "r0"})  # kind only
    p = tmp_path / "mine.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return p


def test_taxonomy_files_json_and_csv(tmp_path):
    tax = load_taxonomy(_taxonomy(tmp_path))
    assert tax.name == "fiscal-v1" and tax.keys == ("budget", "procurement", "other")
    assert tax.topics[1].cues == ("采购", "中标") and len(tax.sha256) == 64
    csv = tmp_path / "t.csv"
    csv.write_text("key,name,meaning\nbudget,预决算公开,budgets\nother,其他,rest\n", encoding="utf-8")
    assert load_taxonomy(csv).keys == ("budget", "other")
    assert topic_order(["procurement", "platform", None]) == [*TOPICS, "procurement"]


@pytest.mark.parametrize("content, reason", [
    ('{"topics": [{"key": "a", "name": "甲"}, {"key": "a", "name": "乙"}]}', "given twice"),
    ('[{"key": "Budget", "name": "预算"}]', "lower-case"),
    ('[{"key": "budget"}]', "has no name"),
    ("{not json", "invalid JSON"),
    ('{"name": "x"}', "not a taxonomy"),
])
def test_bad_taxonomy_names_the_file_and_the_reason(tmp_path, content, reason):
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=reason) as e:
        load_taxonomy(p)
    assert e.value.path == str(p)


@pytest.mark.parametrize("line, reason", [
    ('{"text": "预算公开不细", "kind": "problm", "topics": ["budget"]}', "line 2: kind 'problm'"),
    ('{"text": "预算公开不细", "kind": "problem", "topics": ["platform"]}', "line 2: unknown topic 'platform'"),
    ('{"kind": "problem"}', "line 2: no statement text"),
    ("[1, 2]", "line 2: expected a JSON object"),
    ('{"text": "x", "kind": "problem"', "line 2: not JSON"),
    ('{"id": "s", "text": "abc", "statements": [{"start": 2, "end": 9, "kind": "problem"}]}', "offsets"),
])
def test_bad_labels_name_the_file_and_the_line(tmp_path, line, reason):
    p = tmp_path / "l.jsonl"
    p.write_text('{"text": "采购意向公开不全", "kind": "problem", "topics": ["procurement"]}\n' + line + "\n",
                 encoding="utf-8")
    with pytest.raises(UsageError, match=reason) as e:
        load_user_labels(p, topics=load_taxonomy(_taxonomy(tmp_path)).keys)
    assert e.value.path == str(p)


def test_labels_in_section_form_are_cut_and_matched(tmp_path):
    text = "存在以下问题：一是部门预算公开不够细化；二是采购结果公告更新不及时。"
    a, b = text.index("一是"), text.index("二是")
    p = tmp_path / "sec.jsonl"
    p.write_text(json.dumps({"id": "s1", "text": text, "statements": [
        {"start": a, "end": b, "kind": "problem", "topics": ["budget"]},
        {"start": b, "end": len(text), "kind": "problem", "topics": ["procurement"]}]}, ensure_ascii=False),
        encoding="utf-8")
    got = load_user_labels(p, topics=("budget", "procurement", "other"))
    assert got.kinds == ["problem", "problem"] and got.topics == [["budget"], ["procurement"]]
    assert got.groups == ["s1", "s1"]


def test_train_a_taxonomy_model_and_process_with_it(tmp_path):
    from ogi import paths
    from ogi.corpus import process
    from ogi.nlp.models import forget
    from ogi.nlp.statements import extract_statements
    from ogi.training import train

    shipped = {f.name: f.read_bytes() for f in paths.SHIPPED_MODELS_DIR.iterdir() if f.is_file()}
    out = tmp_path / "model"
    m = train(out_dir=out, labels=_labels(tmp_path), taxonomy=_taxonomy(tmp_path), name="fiscal-v1",
              results_dir=tmp_path / "results")
    assert m["taxonomy"]["topics"] == ["budget", "procurement", "other"]
    assert m["data"]["user_statements"] == 25 and m["data"]["weak_statements"] == 1  # 24 with topics, 1 kind only
    assert m["data"]["synthetic_statements"] == 0 and m["cv"]["n_splits"] == 3
    assert set(m["cv"]["main_topic"]["per_class"]) == {"budget", "procurement", "other"}
    assert json.loads((out / "fiscal-v1.taxonomy.json").read_text(encoding="utf-8"))["name"] == "fiscal-v1"
    card = (out / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "your taxonomy `fiscal-v1`" in card and "mine.jsonl" in card
    # the shipped model is untouched
    assert {f.name: f.read_bytes() for f in paths.SHIPPED_MODELS_DIR.iterdir() if f.is_file()} == shipped
    forget()
    got = extract_statements("存在以下问题：一是决算公开说明不够清晰；二是采购意向公开不完整。下一步，将细化预算公开。",
                             model=out)
    assert {t for s in got for t in s["topics"]} <= {"budget", "procurement", "other"}
    assert [s["topics"][0] for s in got][:2] == ["budget", "procurement"]
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    ds = process(corpus, tmp_path / "out", workers=1, model=out)
    import pandas as pd

    st = pd.read_parquet(tmp_path / "out" / "statements.parquet")
    assert len(st) == ds.counts["statements"] > 0
    assert set(st["main_topic"].dropna()) <= {"budget", "procurement", "other"}
    from ogi.analysis import measures
    from ogi.analysis.data import load_dataset

    data = load_dataset(tmp_path / "out")
    prev = measures.topic_prevalence(data, kind="problem", by=None)
    assert {"budget", "procurement"} <= set(prev["topic"])
    assert prev.set_index("topic").loc["budget", "label"] == "budget"  # a user topic is labelled by its key
    mains = set(data["statements"]["main_topic"].dropna()) - set(TOPICS)
    assert mains and mains <= set(measures.pairing_matrix(data).index)  # user topics are rows, not "other"
    from ogi.export import wide_table

    wide, book = wide_table(data)
    assert {f"tp_{t}" for t in mains} <= set(wide.columns) and all(f"tp_{t}" in book for t in mains)


def test_labels_join_the_shipped_topics_without_a_taxonomy(tmp_path):
    from ogi.training import train

    p = tmp_path / "more.jsonl"
    p.write_text(json.dumps({"text": "政策解读形式较为单一", "kind": "problem", "topics": ["interpretation"]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    m = train(out_dir=tmp_path / "m", labels=p, use_dev=False, evaluate=False)
    assert m["data"]["user_statements"] == 1 and "taxonomy" not in m
    assert m["data"]["synthetic_statements"] > 1000 and m["data"]["dev_statements"] == 0
    assert not (tmp_path / "m" / "statements-v1.taxonomy.json").exists()


def test_cli_taxonomy_needs_labels_and_never_the_shipped_folder(tmp_path):
    from ogi.cli import app

    r = CliRunner().invoke(app, ["train", "--taxonomy", str(_taxonomy(tmp_path)), "--out", str(tmp_path / "m")])
    assert r.exit_code == 2 and "--taxonomy needs --labels" in r.output
    r = CliRunner().invoke(app, ["train", "--labels", str(_labels(tmp_path)), "--replace-shipped"])
    assert r.exit_code == 2 and "folder of your own" in r.output
