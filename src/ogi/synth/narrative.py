"""The narrative of sections 一 and 六 in the usual register, and the section headings.

Numbers the narrative states about the tables (applications received, concluded, reviews …) are
read from the drawn values, so a claim in the text agrees with its cell unless a mismatch is
injected (:mod:`ogi.synth.mismatches`).
"""

from __future__ import annotations

import random

from ogi.synth.model import ORD, Marks
from ogi.synth.shape import Shape, num

__all__ = ["INTRO", "PROACTIVE", "MANAGEMENT", "PLATFORM", "SUPERVISION", "heading", "sub_heading",
           "docs_sentence", "requests_paragraph", "appeals_sentence", "other_section"]

INTRO = (
    "{year}年，{agency}坚持以习近平新时代中国特色社会主义思想为指导，认真落实党中央、国务院关于全面推进政务公开工作的决策部署，"
    "严格执行《条例》各项规定，围绕中心工作⟦扎实推进⟧政府信息公开，不断提升政府工作透明度，切实保障人民群众的知情权、参与权和监督权。",
    "{year}年，在上级政务公开主管部门的指导下，{agency}把政府信息公开作为建设⟦法治政府⟧的重要抓手，健全工作机制，"
    "规范公开流程，较好地完成了年度各项工作任务。",
    "{year}年，{self}聚焦群众关切和⟦年度重点任务⟧，持续深化政务公开，以公开促落实、促规范、促服务，政府信息公开工作取得新的进展。",
)
PROACTIVE = (
    "全年通过{portal}主动公开政府信息{posts}条，发布政策解读{interp}篇。{docs}围绕⟦优化营商环境⟧、民生保障、财政资金等重点领域，"
    "及时公开预决算、重大项目和公共服务信息。",
    "坚持“以公开为常态、不公开为例外”，全年主动公开各类信息{posts}条，通过政务微信公众号推送信息{wx}条，召开新闻发布会{press}场。"
    "{docs}持续做好⟦权责清单⟧、行政执法信息的动态更新。",
    "全年在{portal}发布工作动态、通知公告等信息{posts}条，编发政策解读{interp}篇。{docs}对涉及群众切身利益的事项做到⟦应公开尽公开⟧。",
)
MANAGEMENT = (
    "严格落实信息发布⟦审核制度⟧，坚持“先审查、后公开”和“一事一审”，做好公文公开属性源头认定，全年未发生泄密和不当公开事件。"
    "对已公开的政策文件开展清理，及时标注失效、废止文件，清理过期信息{cleanup}条。",
    "健全政府信息公开保密审查机制，明确专人负责信息的收集、审核和发布，对拟公开信息实行分级审核，确保发布的信息⟦准确规范⟧。"
    "动态调整主动公开目录，规范文件归档管理。",
    "规范政府信息的制作、获取、保存和发布，按年度梳理本机关制发的文件，对{cleanup}条已不适应工作需要的信息作了⟦下线处理⟧。",
)
PLATFORM = (
    "持续发挥政府门户网站第一平台作用，优化“政府信息公开”专栏栏目设置，推进⟦政务新媒体⟧规范运维，"
    "全年开展网站和新媒体自查{checks}次，整改问题{fixes}个。",
    "加强信息公开专栏和政务公开专区建设，完善智能检索和咨询服务功能，推动线上线下渠道融合，方便群众⟦查询获取⟧政府信息。",
    "用好政府网站、政务微信公众号和政务公开专区等载体，设置查阅点{points}个，为群众提供⟦就近查阅⟧和咨询服务。",
)
SUPERVISION = (
    "调整充实政务公开工作领导小组，明确分管领导和具体经办人员，将政务公开纳入年度⟦绩效考核⟧。全年组织业务培训{trainings}次，"
    "本年度未发生因政府信息公开工作被责任追究的情况。",
    "健全政务公开监督考核机制，定期开展内部检查，自觉接受社会评议和群众监督，对发现的问题⟦立行立改⟧。"
    "全年未收到有关政府信息公开工作的投诉举报。",
    "把政务公开工作列入年度工作要点，主要负责同志专题研究{meetings}次，组织开展业务培训{trainings}次，"
    "对照考核指标⟦逐项自查⟧，推动各项要求落实到位。",
)

def heading(shape: Shape, index: int, rng_variant: str, numbering: str, marks: Marks) -> str:
    """Section heading ``index`` (0-based), with variants and maskable parts."""
    text = shape.headings[index]
    if index == 3 and rng_variant == "v":
        text = "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    if index == 4 and rng_variant == "v":
        text = "五、政府信息公开工作存在的主要问题及改进情况"
    if index == 4 and rng_variant == "w":
        text = "五、存在问题及改进情况"
    if index == 1:
        text = text.replace("主动公开", marks.span("主动公开"), 1)
    if index == 2:
        text = text.replace("收到和处理", marks.span("收到和处理"), 1)
    return text.replace("、", numbering, 1)


def sub_heading(rng: random.Random, i: int, suffix: str, marks: Marks) -> str:
    """Sub-heading ``i`` of section 一 (（一）主动公开 …), part of it maskable."""
    names = ["主动公开", "依申请公开", "政府信息管理", rng.choice(["政府信息公开平台建设", "平台建设"]), "监督保障"]
    mark = f"（{ORD[i]}）"
    if rng.random() < 0.5:
        return marks.span(mark) + names[i] + suffix
    return mark + marks.span(names[i][:2]) + names[i][2:] + suffix


def docs_sentence(shape: Shape, vals: dict) -> str:
    """The sentence on rules and normative documents issued (from table 二)."""
    if shape.t2_style == "2021":
        r, n = num(vals, "table2.art20_1.rules.issued"), num(vals, "table2.art20_1.normative_docs.issued")
        parts = []
        if r:
            parts.append(f"制发规章{r}件")
        if n:
            parts.append(f"制发行政规范性文件{n}件")
        rep = num(vals, "table2.art20_1.normative_docs.repealed")
        if n and rep:
            parts.append(f"废止行政规范性文件{rep}件")
        if not parts:
            return "本年度未制发规章和行政规范性文件。"
        force = num(vals, "table2.art20_1.normative_docs.in_force")
        tail = f"，现行有效行政规范性文件{force}件。" if force else "。"
        return "本年度" + "、".join(parts) + tail
    made = num(vals, "table2.art20_1.normative_docs.new_made")
    if not made:
        return ""
    pub = num(vals, "table2.art20_1.normative_docs.new_published")
    total = num(vals, "table2.art20_1.normative_docs.total_published")
    return f"本年度新制作规范性文件{made}件，新公开{pub}件，对外公开规范性文件总数{total}件。"


def requests_paragraph(rng: random.Random, year: int, vals: dict, shape: Shape) -> str:
    """The paragraph on applications, stating table 三's totals."""
    nr = num(vals, "table3.new_received.total")
    co = num(vals, "table3.carried_over.total")
    rt = num(vals, "table3.result_total.total")
    cf = num(vals, "table3.carried_forward.total")
    lead = "严格规范政府信息公开申请的受理、登记、办理、答复和归档，"
    if nr == 0 and co == 0:
        return lead + "本年度未收到政府信息公开申请，无上年结转申请。"
    np_ = num(vals, "table3.new_received.natural_person")
    org = sum(num(vals, f"table3.new_received.{c}") for c in shape.t3_columns[1:-1])
    brk = f"，其中自然人申请{np_}件，法人或其他组织申请{org}件" if org and rng.random() < 0.7 else ""
    cf_phrase = f"结转下年度继续办理{cf}件" if cf else "无结转下年度办理的申请"
    choice = rng.randrange(3)
    if choice == 2 and co == 0 and cf == 0 and rt == nr:
        text = f"全年共接收政府信息公开申请{nr}件，均在法定期限内予以答复。"
    elif choice == 1:
        text = lead + f"{year}年新收政府信息公开申请{nr}件{brk}，加上上年结转的{co}件，共办结{rt}件，{cf_phrase}。"
    else:
        text = f"全年共收到政府信息公开申请{nr}件{brk}，上年结转{co}件。全年办结{rt}件，{cf_phrase}。"
    g, p = num(vals, "table3.granted.total"), num(vals, "table3.partial.total")
    if rt and rng.random() < 0.5:
        text += f"从办理结果看，予以公开{g}件，部分公开{p}件。"
    return text


def appeals_sentence(self_ref: str, vals: dict) -> str:
    """The sentence on reviews and lawsuits, stating table 四's totals."""
    rev = num(vals, "table4.review.total")
    lit = num(vals, "table4.lit_direct.total") + num(vals, "table4.lit_after_review.total")
    if rev == 0 and lit == 0:
        return f"本年度{self_ref}未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    return f"本年度{self_ref}因政府信息公开工作被申请行政复议{rev}件，被提起行政诉讼{lit}件。"


def other_section(rng: random.Random, shape: Shape, year: int, self_ref: str) -> list[str]:
    """Paragraphs of section 六 (fees and proposals in the 2021 layout, often nothing)."""
    if shape.t2_style == "2019" or rng.random() < 0.25:
        return [rng.choice(["无。", "本年度无其他需要报告的事项。", "（无）"])]
    fee = rng.choice([f"本年度{self_ref}未收取信息处理费。",
                      f"{year}年，{self_ref}依照《政府信息公开信息处理费管理办法》规定，未收取信息处理费。"])
    if rng.random() < 0.4:
        fee += (f"全年办理人大代表建议{rng.randint(1, 30)}件、政协委员提案{rng.randint(1, 40)}件，"
                "均已按期办结，答复内容按规定予以公开。")
    return [fee]

