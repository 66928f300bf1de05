"""Segmentation of section 五 into statements (shared/spec/statements.md), as a table of cases."""

from __future__ import annotations

import pytest

from ogi.errors import UsageError
from ogi.nlp.statements import segment

# (case id, section text, expected statements as (text, hint))
CASES = [
    ("yishi-semicolons",
     "2024年，我局政府信息公开工作取得了一定成绩，但仍存在一些不足：一是培训覆盖面不够广；二是栏目更新不及时；三是解读形式单一。",
     [("一是培训覆盖面不够广；", "problem"), ("二是栏目更新不及时；", "problem"), ("三是解读形式单一。", "problem")]),
    ("yishi-elaboration-kept",
     "存在以下问题：一是业务能力还有待提升，对新要求的理解还不够准确，影响工作效率。二是更新不及时。",
     [("一是业务能力还有待提升，对新要求的理解还不够准确，影响工作效率。", "problem"), ("二是更新不及时。", "problem")]),
    ("paren-cn-items",
     "下一步，我们将采取以下措施：（一）强化培训。组织专题培训两次。（二）完善制度。修订审核办法。",
     [("（一）强化培训。组织专题培训两次。", "improvement"), ("（二）完善制度。修订审核办法。", "improvement")]),
    ("digit-dot",
     "主要问题如下：\n1.政策解读形式单一。\n2.依申请答复不够规范。\n3.网站栏目存在空白。",
     [("1.政策解读形式单一。", "problem"), ("2.依申请答复不够规范。", "problem"), ("3.网站栏目存在空白。", "problem")]),
    ("digit-dun",
     "改进措施：1、加强业务培训；2、规范答复文书；3、优化网站栏目。",
     [("1、加强业务培训；", "improvement"), ("2、规范答复文书；", "improvement"), ("3、优化网站栏目。", "improvement")]),
    ("paren-digit",
     "下一步工作打算：（1）丰富解读形式。（2）加快数字化转型。",
     [("（1）丰富解读形式。", "improvement"), ("（2）加快数字化转型。", "improvement")]),
    ("ordinals",
     "针对上述问题，我局将重点做好以下工作：首先，加强培训，提高能力；其次，完善制度；最后，强化考核。",
     [("首先，加强培训，提高能力；", "improvement"), ("其次，完善制度；", "improvement"), ("最后，强化考核。", "improvement")]),
    ("di-ordinals",
     "存在的主要问题：第一，公开内容不全面。第二，互动回应不及时。",
     [("第一，公开内容不全面。", "problem"), ("第二，互动回应不及时。", "problem")]),
    ("ru-list",
     "2024年，实验区政府信息公开工作取得了新进展，但仍存在不足，如工作机制有待完善；政策解读形式仍需创新；数字化手段运用还不够充分等。",
     [("工作机制有待完善", "problem"), ("政策解读形式仍需创新", "problem"), ("数字化手段运用还不够充分", "problem")]),
    ("ru-colon-list",
     "工作中还有不足，如：政务公开队伍建设有待进一步加强；依申请公开答复质量待进一步提升；平台互动功能仍有不足。",
     [("政务公开队伍建设有待进一步加强", "problem"), ("依申请公开答复质量待进一步提升", "problem"),
      ("平台互动功能仍有不足", "problem")]),
    ("biaoxian-dun-list",
     "存在的问题主要表现在：公开内容不够全面、栏目更新不够及时、政策解读不够深入。",
     [("公开内容不够全面", "problem"), ("栏目更新不够及时", "problem"), ("政策解读不够深入", "problem")]),
    ("careless-numbering",
     "存在的问题主要有以下几个方面：一是属性界定不够精确；三是创新不够有力；三是解读质量有待提高。",
     [("一是属性界定不够精确；", "problem"), ("三是创新不够有力；", "problem"), ("三是解读质量有待提高。", "problem")]),
    ("headings-half-width",
     "(一)主要问题\n一是培训不够。\n二是更新不及时。\n(二)改进情况\n一是加强培训。\n二是建立更新台账。",
     [("一是培训不够。", "problem"), ("二是更新不及时。", "problem"), ("一是加强培训。", "improvement"),
      ("二是建立更新台账。", "improvement")]),
    ("headings-inline-colon-plain-sentences",
     "（一）存在的主要问题:政策解读形式不够丰富。政务公开渠道有限。（二）改进措施：一是丰富解读形式。二是拓宽公开渠道。",
     [("政策解读形式不够丰富。", "problem"), ("政务公开渠道有限。", "problem"), ("一是丰富解读形式。", "improvement"),
      ("二是拓宽公开渠道。", "improvement")]),
    ("framing-mid-paragraph-ends-item",
     "一是机制建设不够全。虽然制定了制度，但仍然有待完善。2025年，我们将采取以下措施加以改进：（一）完善机制。（二）加强督导。",
     [("一是机制建设不够全。虽然制定了制度，但仍然有待完善。", None), ("（一）完善机制。", "improvement"),
      ("（二）加强督导。", "improvement")]),
    ("problems-and-measures-one-paragraph",
     "存在以下问题：一是信息更新不及时。下一步，将建立更新台账，明确更新时限。二是解读形式单一。",
     [("一是信息更新不及时。", "problem"), ("下一步，将建立更新台账，明确更新时限。", "improvement"),
      ("二是解读形式单一。", "problem")]),
    ("after-ref-framing-with-semicolon",
     "一是解读多样性需加强。二是办件质量需提升。\n\n针对上述问题，我县坚持问题导向，精准施策；\n\n一是增加解读形式。二是开展考核管理。",
     [("一是解读多样性需加强。", None), ("二是办件质量需提升。", None), ("一是增加解读形式。", "improvement"),
      ("二是开展考核管理。", "improvement")]),
    ("hard-wrapped-lines-and-closing-status",
     "（二）改进情况\n根据上述问题，市科委采取以下措施：一是开设“张江\n区”专栏。二是\n调整公开目录。\n目前，专栏已成功开设。",
     [("一是开设“张江\n区”专栏。", "improvement"), ("二是\n调整公开目录。", "improvement"),
      ("目前，专栏已成功开设。", "improvement")]),
    ("sub-list-inside-item",
     "下一步措施：一是加强培训：1.组织专题培训；2.开展以会代训。二是完善制度。",
     [("一是加强培训：1.组织专题培训；2.开展以会代训。", "improvement"), ("二是完善制度。", "improvement")]),
    ("numbering-restarts-new-list",
     "一是培训不足。二是更新滞后。\n一是加强培训。二是及时更新。",
     [("一是培训不足。", None), ("二是更新滞后。", None), ("一是加强培训。", None), ("二是及时更新。", None)]),
    ("markdown-heading-items",
     "### 一是提高解读效能。\n### 二是从严日常管理。",
     [("一是提高解读效能。", None), ("二是从严日常管理。", None)]),
    ("plain-prose",
     "政策解读形式不够丰富，未能充分运用图解等方式。政务公开渠道有限；新媒体作用发挥不够。",
     [("政策解读形式不够丰富，未能充分运用图解等方式。", None), ("政务公开渠道有限；", None),
      ("新媒体作用发挥不够。", None)]),
    ("not-markers-inside-words",
     "（一）主要问题\n未按第二十条第（九）项公开采购信息。统一是基本要求，1.5万条信息中有错漏。",
     [("未按第二十条第（九）项公开采购信息。", "problem"), ("统一是基本要求，1.5万条信息中有错漏。", "problem")]),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_nlp_segment_list_styles(text, expected):
    segs = segment(text)
    assert [(s.text, s.hint) for s in segs] == expected


@pytest.mark.parametrize("text", [t for _, t, _ in CASES], ids=[c[0] for c in CASES])
def test_nlp_segment_offsets_are_exact(text):
    for i, s in enumerate(segment(text)):
        assert text[s.start:s.end] == s.text
        assert s.index == i
        assert 0.0 <= s.position < 1.0


def test_nlp_segment_framing_becomes_context():
    segs = segment("2024年，我局工作取得了一定成绩，但仍存在一些不足：一是培训不足。")
    assert segs[0].context.startswith("2024年") and segs[0].context_type == "framing"


def test_nlp_segment_heading_context_type():
    segs = segment("（一）主要问题\n一是培训不足。")
    assert segs[0].context == "（一）主要问题" and segs[0].context_type == "heading"


def test_nlp_segment_empty_text():
    assert segment("") == []
    assert segment("  \n ") == []


def test_nlp_segment_rejects_non_text():
    with pytest.raises(UsageError):
        segment(None)  # type: ignore[arg-type]
