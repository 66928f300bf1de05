"""The record end to end: the seed report, the dev corpus against gold, bad input, the CLI."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import ogi
from conftest import build_report, dev_gold_files, load_gold
from ogi.cli import app
from ogi.evaluate import compare_cells, evaluate
from ogi.paths import SAMPLE_DIR

SEED = SAMPLE_DIR / "seed-2024-masked.txt"
runner = CliRunner()


def test_parse_seed_reads_all_175_and_15_cells():
    rep = ogi.parse(SEED, statements=False)
    t3 = [v for row in rep.tables["table3"].values() for v in row.values()]
    t4 = [v for blk in rep.tables["table4"].values() for v in blk.values()]
    assert len(t3) == 175 and None not in t3
    assert len(t4) == 15 and None not in t4
    assert rep.tables["table3"]["new_received"]["total"] == 4
    assert rep.tables["table3"]["granted"]["natural_person"] == 3
    assert rep.tables["table3"]["unable_not_held"]["total"] == 1  # label masked: '1.****政府信息'
    assert rep.tables["table2"]["art20_5"]["admin_license"]["decisions"] == 2149
    assert rep.meta.template == "2021" and rep.meta.year == 2024
    assert rep.meta.masked_chars > 50
    assert [s.key for s in rep.sections] == ["overview", "proactive", "requests", "appeals",
                                                "problems", "other"]
    assert rep.sections[1].heading == "二、****政府信息情况"


def test_parse_record_follows_the_schema():
    rec = ogi.parse(SEED, statements=False).to_dict()
    assert rec["schema"] == "ogi.report/1"
    for key in ("source", "meta", "sections", "tables", "findings", "statements", "claims"):
        assert key in rec
    assert set(rec["source"]) >= {"path", "format", "sha256", "chars"}
    assert set(rec["meta"]) >= {"title", "agency", "year", "template", "masked_chars"}
    assert set(rec["tables"]) == {"table2", "table3", "table4"}
    json.dumps(rec, ensure_ascii=False)


@pytest.mark.dev_corpus
@pytest.mark.parametrize("gold_path", dev_gold_files(), ids=lambda p: p.stem)
def test_parse_dev_report_matches_gold(dev_dir, gold_path):
    gold = load_gold(gold_path)
    rep = ogi.parse(dev_dir / gold["file"], statements=False)
    assert rep.meta.template == gold["template"]
    if gold["template"] in ("2021", "2019"):
        assert [s.key for s in rep.sections if s.heading] == gold["sections"]
        c = compare_cells(rep.tables, gold["tables"], gold.get("uncertain_cells") or [])
        assert c["misses"] == []
        # every cell the gold calls uncertain is reported as ambiguous or blank, never guessed
        amb = {cell for f in rep.findings if f.rule in ("AMBIGUOUS-CELL", "EMPTY-CELLS")
               for cell in f.cells}
        assert set(gold.get("uncertain_cells") or []) <= amb


@pytest.mark.dev_corpus
def test_parse_dev_identity_failures_printed_by_sources_are_reported(dev_dir):
    stcsm = ogi.parse(dev_dir / "shanghai-stcsm-2024.md", statements=False)
    f = [f for f in stcsm.findings if f.rule == "T3-ID"]
    assert f and f[0].cells[2] == "table3.result_total.total" and (f[0].expected, f[0].actual) == (36, 35)
    sh = ogi.parse(dev_dir / "shanghai-office-2019.html", statements=False)
    assert {x.rule for x in sh.findings if x.severity == "uncertain"} == {"T3-ROWSUM", "T3-RESULTS"}


@pytest.mark.dev_corpus
def test_parse_dev_eval_meets_the_targets(dev_dir):
    s = evaluate(dev_dir / "gold", statements=False)
    assert s["errors"] == []
    assert s["template"]["accuracy"] == 1.0
    assert s["sections"]["accuracy"] == 1.0
    assert s["cells"]["accuracy"] >= 0.995


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n ", "empty"),
    ("binary.txt", bytes(range(256)) * 8, ""),
    ("notes.txt", "今天天气很好，我们去公园散步。".encode(), "not an annual report"),
    ("fake.pdf", b"%PDF-1.4 truncated", ""),
    ("fake.docx", b"PK\x03\x04 not really a zip", ""),
])
def test_parse_bad_input_gives_one_clear_error(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(ogi.OgiError) as e:
        ogi.parse(p)
    assert name in str(e.value)
    assert reason in str(e.value)


def test_parse_truncated_report_parses_what_is_there():
    text = build_report("pipe")
    rep = ogi.parse(text[: len(text) // 2], statements=False)
    assert rep.meta.template == "2021"
    assert any(f.rule == "STRUCT-SECTIONS" for f in rep.findings)


def test_parse_pathological_input_does_not_hang():
    text = "三、收到和处理政府信息公开申请情况" + "（本列数据的勾稽关系" + "1" * 5000 + "予以公开" + "0" * 3000
    rep = ogi.parse(text + "\n一、总体情况 政府信息公开", statements=False)
    assert rep.meta is not None
    deep = "<div>" * 5000 + "政府信息公开" + "</div>" * 5000
    with pytest.raises(ogi.ReadError, match="nested"):
        ogi.read_bytes(deep.encode(), name="deep.html")


def test_cli_parse_json_and_out_dir_go_on_after_a_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(build_report("pipe"), encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    r = runner.invoke(app, ["parse", str(good), "--json", "--no-statements"])
    assert r.exit_code == 0 and json.loads(r.stdout)["meta"]["template"] == "2021"
    out = tmp_path / "out"
    r = runner.invoke(app, ["parse", str(bad), str(good), "--out", str(out), "--no-statements"])
    assert r.exit_code == 1  # the batch goes on; the exit code says a file failed
    assert (out / "good.json").exists() and not (out / "bad.json").exists()
    assert "bad.txt" in r.stderr and "empty" in r.stderr
    assert len([ln for ln in r.stderr.splitlines() if ln.startswith("ogi parse:")]) == 1


def test_cli_check_prints_findings(tmp_path):
    t = build_report("pipe").replace("（七）总计 | ", "（七）总计 | 9")  # prefixes a digit: 总计 row breaks
    p = tmp_path / "r.txt"
    p.write_text(t, encoding="utf-8")
    r = runner.invoke(app, ["check", str(p)])
    assert r.exit_code == 0
    assert "T3-ID" in r.stdout and "expected" in r.stdout


def test_cli_eval_on_a_built_gold_dir(tmp_path):
    text = build_report("pipe")
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    rep = ogi.parse(text, statements=False)
    gold = {"file": "r.txt", "template": "2021", "year": 2024, "agency": "某某市某某局",
            "sections": ["overview", "proactive", "requests", "appeals", "problems", "other"],
            "problems_text": rep.section("problems").text, "tables": rep.tables,
            "uncertain_cells": [], "statements": [], "claims": []}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "r.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    r = runner.invoke(app, ["eval", str(tmp_path / "gold"), "--json", "--no-statements"])
    assert r.exit_code == 0, r.output
    s = json.loads(r.stdout)
    assert s["cells"]["accuracy"] == 1.0 and s["sections"]["accuracy"] == 1.0
    r = runner.invoke(app, ["eval", str(tmp_path / "nowhere")])
    assert r.exit_code == 2 and "not found" in r.stderr
