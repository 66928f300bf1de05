"""Number extraction for claims: numeral forms, hedges, units, negations, and what is not a count."""

from __future__ import annotations

import pytest

from ogi.claims import chinese_to_number, extract_numbers, normalize_narrative


def _one(text: str):
    nums = extract_numbers(text)
    assert len(nums) == 1, nums
    return nums[0]


@pytest.mark.parametrize("text, value, unit", [
    ("全年共收到政府信息公开申请4件。", 4, "件"),                 # Arabic
    ("全年共收到政府信息公开申请４件。", 4, "件"),                # full-width
    ("通过留言方式互动三件。", 3, "件"),                          # Chinese numeral
    ("发布原创作品一百零三篇。", 103, "篇"),
    ("其他十一个区已完成。", 11, "个"),
    ("两条微信阅读量很高。", 2, "条"),
    ("服务对象一万二千三百人次。", 12300, "人次"),
    ("共发布信息1,234条。", 1234, "条"),                          # thousands separator
    ("阅读量即达180万次。", 180, "万次"),                         # 万 stays with the unit
    ("行政事业性收费12.5万元。", 12.5, "万元"),                   # decimal
    ("差评数占评价量总数的0.34%。", 0.34, "%"),                   # percentage
    ("服务事项5大类。", 5, "大类"),
    ("开展互动活动42场次。", 42, "场次"),
    ("粉丝数\n54373。", 54373, ""),                               # a count after …数, no unit
    ("行政诉讼数为\n0 件。", 0, "件"),                            # line break inside
])
def test_claims_numbers_numeral_forms(text, value, unit):
    n = _one(text)
    assert (n.value, n.unit, n.approx, n.negated) == (value, unit, False, False)
    assert text[n.start:n.end] == n.raw


@pytest.mark.parametrize("text, value, hedge", [
    ("发布资讯280余条。", 280, "余"),
    ("发布资讯两千余条。", 2000, "余"),
    ("开设专栏80多个。", 80, "多"),
    ("办理近百件。", 100, "近"),
    ("约300人次参加。", 300, "约"),
    ("收到申请超过50件。", 50, "超过"),
    ("收到申请100件以上。", 100, "以上"),
    ("收到申请20件左右。", 20, "左右"),
    ("用户已突破550万。", 550, "突破"),
    ("播放量超2300万。", 2300, "超"),
])
def test_claims_numbers_hedges_are_approx(text, value, hedge):
    n = _one(text)
    assert n.value == value and n.approx and n.hedge == hedge


@pytest.mark.parametrize("text", [
    "全年未发生因政府信息公开引起的行政复议和行政诉讼。",
    "本年度无政府信息公开申请。",
    "2023年，无收取信息处理费情况。",
    "该行政复议件未被复议审查机关纠错。",
    "继续保持了零败诉的记录。",
    "未出现违反有关法律规定、造成不良影响或者严重后果的情况。",
])
def test_claims_numbers_negations_are_zero(text):
    n = _one(text)
    assert n.value == 0 and n.negated


@pytest.mark.parametrize("text", [
    "二〇二四年工作要点。",                      # years
    "2024年1月1日起施行。",                       # dates
    "依据〔2021〕30号文件。",                     # document numbers
    "《中华人民共和国政府信息公开条例》（国令第711号）。",
    "依照第二十条规定。",                         # article numbers
    "一是加强培训；第三，完善制度。",             # ordinals
    "联系电话：0591-24000000，邮编：350400。",    # phone, postcode
    "拨打12345热线。",
    "建立“三个一”工作机制。",                     # names in quotes
    "落实“三审三校”制度，实现一网通办。",
    "八大工程稳步推进。",
    "平均办理时长42分钟，办公地点7号楼14层。",
    "属于三类内部事务信息。",                     # template wording
    "无其他需要报告的事项。",                     # section 六 boilerplate
    "因无法提供，均已告知。",
    "全区各单位明确一名分管领导。",               # 一 as an article
])
def test_claims_numbers_non_claims(text):
    assert extract_numbers(text) == []


@pytest.mark.parametrize("s, value", [
    ("三", 3), ("十一", 11), ("一百零三", 103), ("两千", 2000), ("一万二千三百", 12300),
    ("二〇二四", 2024), ("三亿", 300_000_000), ("x", None),
])
def test_claims_numbers_chinese_to_number(s, value):
    assert chinese_to_number(s) == value


def test_claims_numbers_offsets_survive_normalisation():
    text = "共收到申请 2\n件，发布　１２篇"
    norm, offs = normalize_narrative(text)
    assert norm == "共收到申请2件,发布12篇"
    assert len(offs) == len(norm) + 1
    assert [text[n.start:n.end] for n in extract_numbers(text)] == ["2\n件", "１２篇"]


def test_claims_numbers_magnitude_applies_wan():
    assert _one("阅读量180万次。").magnitude == 1_800_000
