"""Sections, heading variants, redacted headings, metadata and template detection."""

from __future__ import annotations

import pytest

import ogi
from conftest import build_report
from ogi.layout import find_sections
from ogi.normalize import count_masked, norm
from ogi.structure import detect_template, find_metadata


@pytest.mark.parametrize("heading, key", [
    ("一、总体情况", "overview"),
    ("二、主动公开政府信息情况", "proactive"),
    ("三、收到和处理政府信息公开申请情况", "requests"),
    ("四、政府信息公开行政复议、行政诉讼情况", "appeals"),
    ("四、因政府信息公开工作被申请行政复议、提起行政诉讼情况", "appeals"),
    ("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", "appeals"),
    ("四、政府信息公开行政法复议、行政诉讼情况", "appeals"),
    ("五、存在的主要问题及改进情况", "problems"),
    ("五、政府信息公开工作存在的主要问题及改进情况", "problems"),
    ("五、存在问题及改进情况", "problems"),
    ("五、存在的主要问题和改进措施", "problems"),
    ("## 六、其他需要报告的事项", "other"),
    ("六．其他需要报告的事项", "other"),
    ("二、****政府信息情况", "proactive"),
    ("三、****政府信息公开申请情况", "requests"),
])
def test_structure_heading_variants(heading, key):
    secs = find_sections(f"前言。\n{heading}\n正文内容。")
    assert [s.key for s in secs] == [key]
    assert secs[0].text == "正文内容。"


def test_structure_table_row_labels_are_not_headings():
    text = ("三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 | 1\n"
            "二、上年结转政府信息公开申请数量 | 0\n三、本年度办理结果 | （一）予以公开 | 1\n"
            "四、结转下年度继续办理 | 0\n四、政府信息公开行政复议、行政诉讼情况\n0 | 0")
    secs = find_sections(text)
    assert [s.key for s in secs] == ["requests", "appeals"]
    assert secs[1].heading == "四、政府信息公开行政复议、行政诉讼情况"


@pytest.mark.parametrize("layout", ["pipe", "flat", "space", "markdown"])
def test_structure_six_sections_inline_or_on_lines(layout):
    rep = ogi.parse(build_report(layout), statements=False)
    assert [s.key for s in rep.sections] == ["overview", "proactive", "requests", "appeals",
                                                "problems", "other"]
    prob = rep.section("problems").text
    assert prob.startswith("（一）主要问题") and prob.rstrip().endswith("建立长效机制。")


def test_structure_headless_problems_body_is_inferred():
    text = build_report("pipe").replace("五、存在的主要问题及改进情况\n", "")
    rep = ogi.parse(text, statements=False)
    prob = rep.section("problems")
    assert prob is not None and prob.heading is None and prob.inferred
    assert prob.text.startswith("（一）主要问题")
    assert any(f.rule == "STRUCT-SECTIONS" and "problems" in f.message for f in rep.findings)


def test_structure_missing_section_is_a_finding():
    text = build_report("pipe").replace("六、其他需要报告的事项\n", "")
    rep = ogi.parse(text, statements=False)
    f = [f for f in rep.findings if f.rule == "STRUCT-SECTIONS"]
    assert f and "other" in f[0].message


@pytest.mark.parametrize("text, title, agency, year", [
    ("标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n正文", "平潭综合实验区2024年度政府信息公开工作年度报告",
     "平潭综合实验区", 2024),
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告\n一、总体情况", None, "上海市人民政府办公厅", 2019),
    ("正文\n2024 年上海市科委政府信息公开工作\n年度报告\n根据《条例》", None, "上海市科委", 2024),
    ("本报告由****根据《条例》编制,数据统计时限为2024年1月1日至2024年12月31日。", None, None, 2024),
])
def test_structure_metadata(text, title, agency, year):
    m = find_metadata(text)
    assert m["agency"] == agency and m["year"] == year
    if title:
        assert m["title"] == title


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_structure_template_from_structure_not_year(version):
    text = build_report("pipe", version=version, title="某局2024年政府信息公开工作年度报告")
    v, ev = detect_template(norm(text), year=2024)
    assert v == version


def test_structure_pre2019_and_unknown():
    old = ("2012年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n"
           "三、依申请公开政府信息情况 全年受理当面申请3件，网络申请5件。\n四、收费及减免情况")
    rep = ogi.parse(old, statements=False)
    assert rep.meta.template == "pre2019"
    assert rep.tables == {}
    assert any(f.rule == "TEMPLATE-PRE2019" for f in rep.findings)
    assert detect_template(norm("天气晴朗，适合出游。"))[0] == "unknown"


@pytest.mark.parametrize("text, n", [("a**b", 2), ("****分局", 4), ("＊＊局", 2), ("××市", 2), ("3*4", 0)])
def test_structure_masked_chars(text, n):
    assert count_masked(text) == n


def test_structure_pre2019_sections_as_found():
    old = ("平潭县2012年政府信息公开工作年度报告 一、概述 推进政府信息公开工作。二、重点领域政府信息公开情况 "
           "今年以来公开财政预算。三、主动公开政府信息情况 （一）主动公开政府信息的数量。"
           "四、政府信息依申请公开工作情况 全年未收到申请。五、政府信息公开的收费及减免情况 未收费。"
           "六、政府信息公开工作存在的主要问题及改进情况 目前仍存在不足。")
    rep = ogi.parse(old, statements=False)
    assert rep.meta.template == "pre2019"
    assert [s.key for s in rep.sections] == ["overview", "extra", "proactive", "requests", "extra",
                                                "problems"]
    assert rep.section("requests").text == "全年未收到申请。"


def test_structure_list_of_parts_in_the_preamble_is_not_the_sections():
    pre = ("本报告包括：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；"
           "四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。\n")
    rep = ogi.parse(pre + build_report("pipe"), statements=False)
    assert [s.key for s in rep.sections] == ["overview", "proactive", "requests", "appeals",
                                                "problems", "other"]
    assert rep.section("overview").text.startswith("2024年")
