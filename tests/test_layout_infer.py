"""Section 五 inferred where its heading is lost, never where it is absent; masked sub-headings.

Held-out texts: the reports are the project's synthetic ones (``ogi.synth``, three layouts) with
section 五 replaced by bodies written for these tests, in wordings the dev reports do not use.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

import ogi
from ogi.layout import place
from ogi.synth import generate

LAYOUTS = ("flat", "pipe", "space")
_HEAD5_RE = re.compile(r"五、[^\n]*?改进(?:情况|措施)")
_HEAD6 = "六、其他需要报告的事项"

# bodies of 五 whose heading is lost: several sub-heading wordings, prose, masked sub-headings
LOST = {
    "rectify_then_problems": ("（一）上年度问题的整改情况\n针对上年度指出的栏目更新不及时问题，已完成全部整改。\n"
                              "（二）本年度存在的主要问题\n一是信息发布审核流程较长。\n（三）改进措施\n一是优化审核流程。"),
    "shortfalls_then_plan": "（一）存在的不足\n部分科室对公开标准把握不准。\n（二）下一步工作打算\n组织专题培训，统一公开标准。",
    "weak_points": "（一）短板和弱项\n基层公开专区使用率偏低。\n（二）努力方向\n推动专区进社区。",
    "prose": "对照新要求，本单位政务公开工作还有差距：一是解读形式单一；二是互动回应不及时。下一步，将丰富解读形式。",
    "masked_words": "（一）****整改情况\n上年度问题均已整改。\n（二）本年度存在的****\n依申请答复文书格式不统一。",
    "masked_whole": "（一）****\n部分栏目内容更新滞后，信息质量有待提高。\n（二）**\n加强栏目日常维护。",
}


@cache
def _synth(layout: str) -> str:
    return generate(11, template="2021", layout=layout).content.decode("utf-8")


def _with_five(layout: str, five: str) -> str:
    """The synthetic report with everything between table 四 and 六 replaced by ``five``."""
    text = _synth(layout)
    m = _HEAD5_RE.search(text)
    assert m is not None
    if layout == "flat":  # a crawler's copy: one line, a space where the numbers end
        five = " " + five.replace("\n", "") if five else ""
    else:
        five = five + "\n" if five else ""
    return text[:m.start()] + five + text[text.index(_HEAD6):]


def _squash(s: str) -> str:
    return re.sub(r"\s", "", s)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("body", sorted(LOST))
def test_layout_infers_problems_after_table_four(layout, body):
    text = _with_five(layout, LOST[body])
    lay = place(text)
    keys = [s.key for s in lay.sections]
    assert keys == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    prob = lay.sections[4]
    assert prob.inferred and prob.heading is None
    assert _squash(prob.text) == _squash(LOST[body])
    assert lay.regions is not None and lay.regions.t4 is not None and lay.regions.t4[1] <= prob.start
    assert not any(s.inferred for s in lay.sections if s.key != "problems")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_parse_keeps_table_four_and_records_the_inference(layout):
    truth = generate(11, template="2021", layout=layout).truth["tables"]["table4"]
    rec = ogi.parse(_with_five(layout, LOST["masked_whole"]), statements=False).to_dict()
    prob = next(s for s in rec["sections"] if s["key"] == "problems")
    assert prob["inferred"] is True and prob["heading"] is None
    assert rec["tables"]["table4"] == truth
    struct = [f for f in rec["findings"] if f["rule"] == "STRUCT-SECTIONS"]
    assert struct and "found without its heading" in struct[0]["message"]


# what lies between table 四 and 六 when the report has no 五: nothing, or text of no problems
ABSENT = {
    "nothing": "",
    "note": "注：本表数据由本机关法制机构提供。",
    "publication": "本报告电子版可在本机关门户网站下载。",
    "numbered_note": "（一）本表统计口径与上年一致。",
}


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("body", sorted(ABSENT))
def test_layout_never_infers_an_absent_problems_section(layout, body):
    lay = place(_with_five(layout, ABSENT[body]))
    assert [s.key for s in lay.sections] == ["overview", "proactive", "requests", "appeals", "other"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_problems_words_in_six_are_not_a_five(layout):
    text = _with_five(layout, "").replace(_HEAD6, _HEAD6 + "\n本年度存在的问题已在总体情况中说明，无需整改。", 1)
    assert "problems" not in [s.key for s in place(text).sections]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_layout_masked_heading_of_five_after_table_digits(layout):
    # the mark over the numeral, run into the last cell of table 四 (full-width digits too)
    text = _with_five(layout, "××存在的主要问题及改进情况\n一是培训不够。")
    if layout == "flat":
        text = text.replace(" ××存在", "××存在").translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    prob = next(s for s in place(text).sections if s.key == "problems")
    assert prob.heading == "××存在的主要问题及改进情况" and not prob.inferred


@pytest.mark.parametrize("before", ["\f", "元", "\n\f", "。"])
def test_layout_masked_numeral_after_a_form_feed_or_a_unit(before):
    text = ("一、总体情况\n正文。\n二、主动公开政府信息情况\n采购总金额12.5" + before
            + "××收到和处理政府信息公开申请情况\n正文。\n六、其他需要报告的事项\n无。")
    secs = place(text, tables=False).sections
    assert [s.key for s in secs] == ["overview", "proactive", "requests", "other"]
    assert secs[2].heading == "××收到和处理政府信息公开申请情况"


def test_layout_mark_run_into_a_word_needs_the_whole_wording():
    # ``…的××其他需要报告`` is no heading: the wording after the mark is cut
    text = "一、总体情况\n我们的××其他需要报告的安排。\n六、其他需要报告的事项\n无。"
    secs = place(text, tables=False).sections
    assert [(s.key, s.heading) for s in secs] == [("overview", "一、总体情况"), ("other", "六、其他需要报告的事项")]


@pytest.mark.parametrize("footer", ["- 3 -", "第 3 页 共 7 页", "第３页／共７页", "共7页 第3页", "— 3 —"])
def test_section_text_leaves_page_footers_out(footer):
    text = f"五、存在的主要问题及改进情况\n一是培训\n{footer}\n\f不够。\n六、其他需要报告的事项\n无。"
    prob = next(s for s in place(text, tables=False).sections if s.key == "problems")
    assert prob.text == "一是培训\n不够。"


_WRAPPED_FIVE = ("五、存在的主要问题及改进情况\n（一）存在的主要问题：信息发布审核流程较长，部分栏目\n"
                 "更新不够及时，基层人员业务能力有待加强。（二）改进措\n施：一是优化信息发布审核流程，压缩审核时限，提升\n"
                 "更新频次；二是加强基层人员培训，每季度至少组织一次\n专题培训，提升工作人员依法公开的能力和水平；三\n是完善考核办法。\n")


def test_layout_unwraps_a_sub_heading_the_pdf_wrap_cut():
    text = "四、政府信息公开行政复议、行政诉讼情况\n正文。\n" + _WRAPPED_FIVE + "六、其他需要报告的事项\n无。"
    prob = next(s for s in place(text, tables=False).sections if s.key == "problems")
    assert "（二）改进措施：一是" in prob.text and "；三是完善考核办法。" in prob.text
    assert _squash(prob.text) == _squash(_WRAPPED_FIVE.split("\n", 1)[1])


def test_layout_keeps_the_lines_of_a_text_that_is_not_wrapped():
    body = ("（一）主要问题\n一是部分科室对公开标准把握不准，公开内容不够全面，与群众期待还有差距，需要进一步加强学习培训。\n"
            "（二）改进措施\n一是组织专题培训，统一公开标准，提升工作人员依法公开的能力和水平，确保公开内容全面准确。")
    text = "五、存在的主要问题及改进情况\n" + body + "\n六、其他需要报告的事项\n无。"
    prob = next(s for s in place(text, tables=False).sections if s.key == "problems")
    assert prob.text == body


@pytest.mark.parametrize("body,roles", [
    ("（一）存在的不足\n培训不够。\n（二）**\n加强培训。", [("problems", False), ("measures", True)]),
    ("（一）****\n培训不够。\n（二）下一步工作打算\n加强培训。", [("problems", True), ("measures", False)]),
    ("（一）上年度问题的整改情况\n已整改。\n（二）本年度****\n培训不够。\n（三）改进措施\n加强培训。",
     [("rectification", False), ("problems", True), ("measures", False)]),
    ("（一）**\n培训不够。\n（二）××\n加强培训。", [(None, False), (None, False)]),  # nothing to place them by
])
def test_layout_masked_sub_headings_of_five_take_their_place_in_the_order(body, roles):
    text = "五、存在的主要问题及改进情况\n" + body + "\n六、其他需要报告的事项\n无。"
    parts = place(text, tables=False).problem_parts
    assert [(p.role, p.inferred) for p in parts] == roles


def test_layout_masked_sub_headings_after_a_lost_heading():
    # the heading of 五 lost and its first sub-heading masked: the section and its parts still placed
    text = _with_five("pipe", LOST["masked_whole"])
    lay = place(text)
    assert lay.sections[4].inferred
    assert [(p.heading, p.role) for p in lay.problem_parts] == [("（一）****", None), ("（二）**", None)]
    lay = place(_with_five("pipe", LOST["masked_words"]))
    assert [(p.role, p.inferred) for p in lay.problem_parts] == [("rectification", False), ("problems", True)]
