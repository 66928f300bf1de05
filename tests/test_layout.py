"""The layout pass: masked headings anywhere, a lost 五 inferred, ``ogi eval --perturb``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import ogi
from ogi.cli import app
from ogi.layout import masked_heading_key, place
from ogi.paths import CORPORA_DIR

SAMPLE_GOLD = CORPORA_DIR / "sample" / "gold"
runner = CliRunner()

_MASKED = ("一**情况\n本机关公开信息。\n二、主动公开**情况\n正文。\n三、收到****政府信息公开申请情况\n正文。\n"
           "四、政府信息公开行政复议、行政诉讼情况\n正文。\n五、存在的主要问题及改进**\n（一）存在的主要问题\n不足。\n"
           "**其他需要报告的事项\n无。\n")


@pytest.mark.parametrize("heading,key", [
    ("一**情况", "overview"),  # on the numeral's neighbour
    ("三、收到****政府信息公开申请情况", "requests"),  # in the middle
    ("**其他需要报告的事项", "other"),  # over the numeral
    ("五、存在的主要问题及改进**", "problems"),  # at the end
    ("五、存在的主要问题和改进＊＊", "problems"),  # a known variant, full-width marks
    ("四、××行政复议、行政诉讼情况", "appeals"),
])
def test_masked_heading_key(heading, key):
    assert masked_heading_key(heading)[0] == key


@pytest.mark.parametrize("heading", ["**情况", "七、**情况", "一、总体情况", "**的"])
def test_masked_heading_key_refuses(heading):
    # ambiguous without a numeral or with one that is no section's, no mark, too little left
    assert masked_heading_key(heading) is None


def test_masked_heading_key_keeps_a_shifted_numeral():
    # reports that number from 一 at 主动公开 (no overview heading): the chain decides
    assert masked_heading_key("五****要报告的事项") == ("other", "五")
    assert masked_heading_key("二、**其他需要报告的事项") == ("other", "二")


def test_place_finds_inline_masked_headings():
    text = ("概况。××总体情况2019年，本机关公开信息。二、主动公开政府信息×× 正文。收费13.52元三****政府信息公开申请情况"
            "（本列）四、政府信息公××、行政诉讼情况 行政复议 000 ＊＊存在的主要问题及改进情况2019年，不足。"
            "六、其他需要报告的＊＊ 无。")
    secs = place(text, tables=False).sections
    assert [s.key for s in secs] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert [s.heading for s in secs][::5] == ["××总体情况", "六、其他需要报告的＊＊"]
    assert secs[2].heading == "三****政府信息公开申请情况"


def test_place_finds_every_masked_heading():
    secs = place(_MASKED, tables=False).sections
    assert [s.key for s in secs] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    assert secs[4].text.startswith("（一）存在的主要问题") and not any(s.inferred for s in secs)


def test_place_infers_a_lost_problems_heading():
    text = _MASKED.replace("五、存在的主要问题及改进**\n（一）存在的主要问题\n",
                           "（一）上年度问题的整改情况\n已整改。\n（二）本年度存在的主要问题\n")
    lay = place(text, tables=False)
    prob = next(s for s in lay.sections if s.key == "problems")
    assert prob.inferred and prob.heading is None and prob.text.startswith("（一）上年度问题的整改情况")
    assert [h for _, h in lay.problem_subheadings] == ["（一）上年度问题的整改情况", "（二）本年度存在的主要问题"]
    assert next(s for s in lay.sections if s.key == "appeals").text == "正文。"


def test_parse_records_inferred_section():
    text = ogi.parse(CORPORA_DIR / "sample" / "seed-2024-masked.txt", statements=False).document.text
    i = text.index("五、")
    j = text.index("\n", i)
    rec = ogi.parse(text[:i] + text[j + 1:], statements=False).to_dict()
    prob = next(s for s in rec["sections"] if s["key"] == "problems")
    assert prob["inferred"] is True and prob["heading"] is None


def test_eval_perturb_cli():
    res = runner.invoke(app, ["eval", str(SAMPLE_GOLD), "--perturb", "--damage", "fullwidth_digits"])
    assert res.exit_code == 0, res.output
    assert "== fullwidth_digits" in res.output and "total" in res.output
    res = runner.invoke(app, ["eval", str(SAMPLE_GOLD), "--perturb", "--damage", "mask_headings", "--json"])
    assert res.exit_code == 0, res.output
    assert list(json.loads(res.output)["damages"]) == ["mask_headings"]


def test_eval_perturb_cli_bad_damage():
    res = runner.invoke(app, ["eval", str(SAMPLE_GOLD), "--perturb", "--damage", "shuffle"])
    assert res.exit_code != 0 and "unknown damage" in res.output
    res = runner.invoke(app, ["eval", str(SAMPLE_GOLD), "--damage", "fullwidth_digits"])
    assert res.exit_code != 0 and "--perturb" in res.output


def test_place_infers_a_lost_prose_problems_after_table_four():
    rec = ogi.parse(CORPORA_DIR / "sample" / "seed-2024-masked.txt", statements=False)
    text = rec.document.text
    gold_prob = next(s for s in rec.sections if s.key == "problems")
    head_start = text.index("五、")
    body = "2024年，本机关政府信息公开工作仍存在一些不足：一是公开内容不够全面。下一步，将加强培训。\n"
    damaged = text[:head_start] + body + text[text.index("六、"):]
    lay = place(damaged)
    prob = next(s for s in lay.sections if s.key == "problems")
    assert prob.inferred and prob.text == body.strip()
    assert lay.regions.t4[1] == damaged.index("2024年，本机关")  # table 四 ends where 五 begins
    assert gold_prob.heading == "五、存在的主要问题及改进情况"
    # a section 四 that opens with prose before its table is not taken for a lost 五
    early = damaged.replace("四、政府信息公开行政复议、行政诉讼情况\n",
                            "四、政府信息公开行政复议、行政诉讼情况\n本年度存在一些问题，复议0件。\n", 1)
    assert next(s for s in place(early).sections if s.key == "problems").start == early.index("2024年，本机关")
