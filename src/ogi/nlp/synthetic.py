"""Synthetic section-五 texts with known statements, written in the register of the annual reports.

The phrase pools below were written for ogi (they are not copied from any report): for each
topic, problems an agency admits and measures it announces, each as a core phrase plus
elaborations.  :func:`generate_synthetic` composes them into whole sections in the layouts
real reports use (sub-headings, framing sentences, ``一是``/``（一）``/``1.``/``1、``/``首先``
lists, ``如…；…；…等`` lists, careless numbering, a measure inside a problem's paragraph,
a closing status sentence) and labels every statement with kind, topics and offsets.
The shipped file ``resources/nlp/labels/synthetic.jsonl`` is ``write_synthetic()``'s output.

This is the one generator of section-五 texts: :func:`report_section` writes the section 五 of
the whole synthetic reports of :mod:`ogi.synth` (shorter, from its own aligned problem and
improvement pools, so the shipped sample reports stay as they are), with the same list markers
(:func:`marker`) and statement labels (:func:`statement`) as the training sections.

Example:
    >>> docs = generate_synthetic(n_sections=2, seed=0)
    >>> doc = docs[0]
    >>> all(doc["text"][s["start"]:s["end"]] == s["text"] for s in doc["statements"])
    True
"""

from __future__ import annotations

import json
import random
from pathlib import Path

__all__ = ["generate_synthetic", "write_synthetic", "report_section", "SYNTHETIC_PATH", "PROBLEMS", "MEASURES",
           "REPORT_PROBLEMS", "REPORT_IMPROVEMENTS", "ORDINALS", "marker", "statement"]

from ogi.nlp.tokenize import NLP_RESOURCES_DIR

#: Where the shipped synthetic labels live.
SYNTHETIC_PATH = NLP_RESOURCES_DIR / "labels" / "synthetic.jsonl"

_SUBJ = ["个别单位", "部分单位", "部分部门", "个别部门", "少数乡镇（街道）", "部分基层单位", "个别科室",
         "部分县直单位", "少数部门", "个别乡镇"]

# topic -> (problem cores, problem elaborations)
PROBLEMS: dict[str, tuple[list[str], list[str]]] = {
    "interpretation": (
        ["政策解读形式较为单一", "政策解读的整体水平仍有提升空间", "{s}政策解读仍停留在文字层面",
         "解读材料与政策文件同步发布不够", "政策解读的针对性和可读性不强", "回应社会关切不够及时主动",
         "解读手段不够多样", "对社会关注热点的回应还不够充分", "政策解读深度不够",
         "{s}存在重发布、轻解读的现象", "政务舆情回应机制运行不够顺畅", "图解、视频等解读形式运用较少",
         "政策解读的精准度有待提升", "解读内容过于原则化，通俗易懂的解读偏少"],
        ["以文字解读为主，图表图解、音视频等形式运用不多", "群众对政策的知晓度和理解度不高",
         "解读内容多为政策原文的简单复述", "缺少从群众视角出发的解读", "对热点问题的回应存在滞后"],
    ),
    "applications": (
        ["依申请公开答复质量有待进一步提升", "依申请公开办件的规范化水平还需提高", "{s}依申请公开答复文书不够规范",
         "依申请公开办理的规范化程度仍需提高", "个别申请未能在法定期限内答复", "答复内容的说理性不够充分",
         "{s}对依申请公开的法律适用把握不准", "依申请公开工作中存在被行政复议纠错的情况",
         "申请登记、补正告知等环节的程序不够严谨", "对信息不存在、非本机关负责公开等情形的答复不够规范",
         "依申请公开办理流程衔接不够顺畅", "政府信息公开申请引发的行政争议有所增加"],
        ["告知内容不够完整，救济途径表述不清", "答复期限计算存在偏差", "与申请人的沟通不够充分",
         "对重复申请、滥用申请的处理缺乏经验", "个别答复引用法律条款不准确"],
    ),
    "capacity": (
        ["工作人员的专业素养有待增强", "{s}对政府信息公开工作的重视程度不够", "信息公开工作人员多为兼职，流动性较大",
         "政务公开队伍建设有待进一步加强", "{s}工作人员对新《条例》条款的掌握不够到位",
         "业务培训的覆盖面不够广", "信息公开工作力量相对薄弱", "对法律法规的系统学习不够深入",
         "{s}做好公开工作的积极性不够高", "基层工作人员业务水平参差不齐",
         "人员变动频繁，工作交接不够顺畅", "{s}公开意识还不够强"],
        ["对哪些信息应当公开把握不准", "一定程度上拖慢了工作进度", "新进人员缺乏系统培训",
         "存在“重业务、轻公开”的思想", "部分人员身兼数职，精力投入有限"],
    ),
    "participation": (
        ["重大行政决策草案公开征求意见的比例不高", "征求意见的途径比较有限", "政民互动渠道不够畅通",
         "公众参与的配套措施还不够细", "对公众留言的回复不够及时高效", "与群众的日常联系还不够紧密",
         "意见征集后的反馈不够充分", "{s}开展政府开放日等公众参与活动偏少", "决策过程的公开透明度不够",
         "政务新媒体的互动性不足", "公众参与重大行政决策的深度和广度不够"],
        ["征集到的意见采纳情况未及时公开", "与社会公众的双向沟通偏少", "听证、座谈等方式运用较少",
         "群众参与的积极性不高", "网民留言答复周期偏长"],
    ),
    "content": (
        ["个别重点领域公开的信息不够细致", "公开内容不够全面", "{s}对信息公开属性的判断存在偏差",
         "主动公开的范围和深度有待拓展", "信息公开的内容质量有待提升", "重大项目从审批到竣工的各环节信息公开不完整",
         "{s}公开的信息存在内容不完整、表述不规范的情况", "政府信息公开目录编制不够科学",
         "公开信息的准确性有待提高", "财政预决算等重点领域信息公开不够细化", "{s}公开信息以工作动态为主，实质性内容偏少",
         "对公开属性的认定不够准确"],
        ["部分栏目混杂与栏目主题无关的信息", "个别信息存在错别字和数据错误", "与群众关切的契合度不高",
         "公开内容与群众需求存在一定差距", "部分应公开的信息未及时纳入目录"],
    ),
    "standardization": (
        ["基层政务公开标准化规范化工作推进不平衡", "{s}政务公开标准目录的应用不够到位",
         "各单位公开工作的规范水平差异较大", "基层政务公开专区建设标准不统一", "公开事项标准目录动态调整不够及时",
         "{s}对标准化规范化工作要求落实不够", "政务公开标准体系尚不健全", "基层政务公开的规范化水平有待提升"],
        ["各乡镇（街道）公开内容和格式不统一", "标准目录与实际工作衔接不够紧密", "基层公开专区功能发挥不充分",
         "事项梳理不够细致", "村（居）务公开与政务公开衔接不够"],
    ),
    "platform": (
        ["政府网站栏目设置不够合理", "政务新媒体作用发挥不够充分", "政务公开渠道有限",
         "{s}政府信息公开专栏存在空白栏目", "网站集约化平台的功能整合尚未到位", "政府信息公开专栏的栏目体系不够规范",
         "线下公开场所和查阅点利用率不高", "政务新媒体账号重发布、轻互动", "{s}政务新媒体更新频率较低",
         "网站检索功能不够便捷", "公开载体和渠道较为单一", "政府信息公开平台的功能还不够完善"],
        ["政务新媒体的传播力和影响力还不强", "部分栏目内容与栏目名称不符", "群众查找信息不够方便",
         "线上线下公开渠道融合不够", "栏目设置与机构职能调整不匹配"],
    ),
    "timeliness": (
        ["信息发布时效不够理想", "少数文件印发后迟迟未公开", "{s}信息更新不及时",
         "部分栏目更新滞后", "信息发布的时效性有待提高", "{s}未在规定时限内公开相关信息",
         "动态类信息发布存在滞后现象", "部分政策文件公开时间晚于施行时间"],
        ["超出规定的公开时限", "影响群众及时获取信息", "部分栏目长期未更新",
         "信息报送流程较长，发布时效受影响", "存在集中补发信息的情况"],
    ),
    "mechanism": (
        ["政务公开常态化工作机制尚未完全建立", "适应机构改革后的工作机制还需理顺",
         "信息发布审核机制执行不够严格", "{s}保密审查制度落实不到位", "内部工作制度还不够健全",
         "各部门之间的信息发布协调机制不够顺畅", "{s}信息公开工作流程不够规范", "工作责任落实不够到位",
         "政府信息管理制度有待完善", "三审三校制度执行不够严格"],
        ["现有制度的可操作性不强", "存在重发布、轻审核的情况", "职责分工不够明确",
         "审核把关不严，个别信息存在错漏", "制度执行存在“宽松软”现象"],
    ),
    "supervision": (
        ["政务公开监督考核力度不够", "{s}对政务公开工作的督导检查不够经常", "考核评估机制作用发挥不够",
         "对下级单位的指导监督不够到位", "社会评议和第三方评估结果运用不充分", "{s}政务公开工作的考核指标设置不够科学",
         "日常监督检查存在薄弱环节", "问题整改跟踪督办不够到位"],
        ["发现问题后整改不够及时彻底", "考核结果与绩效挂钩不够紧密", "检查多以年终集中检查为主",
         "对问题单位的通报和问责不够有力", "日常巡检发现的问题未形成闭环"],
    ),
    "digital": (
        ["新技术在公开工作中的应用偏少", "政务公开信息化水平有待提升", "{s}政务数据开放程度不高",
         "智能问答等新技术应用不足", "政务公开平台数字化建设相对滞后", "大数据分析在舆情研判中的应用不够",
         "{s}信息化系统之间数据共享不畅", "政府网站的智能检索和个性化服务能力不足"],
        ["数据资源整合利用不够", "线上服务的智能化程度不高", "信息系统建设缺乏统筹",
         "数字化手段在政务公开中的运用较少", "群众难以便捷获取所需信息"],
    ),
    "other": (
        ["工作创新的意识和办法不多", "{s}缺少有辨识度的工作品牌", "政务公开工作经费保障不足",
         "对《条例》的宣传普及还不够深入", "社会公众对政府信息公开工作的知晓度不高",
         "{s}政府信息公开档案管理不够规范", "政务公开工作与业务工作融合不够"],
        ["工作方法较为传统", "宣传形式较为单一", "与先进地区相比仍有差距", "资料归档不够及时",
         "示范引领作用发挥不明显"],
    ),
}

# topic -> (measure heads, measure elaborations)
MEASURES: dict[str, tuple[list[str], list[str]]] = {
    "interpretation": (
        ["丰富政策解读形式", "增强政策解读效果", "深化政策解读和回应", "提升政策解读质量", "强化回应社会关切",
         "做实政策解读工作", "创新政策解读方式"],
        ["通过图表图解、音频视频、在线访谈等形式提高解读效果", "坚持政策文件与解读材料同步组织、同步审签、同步发布",
         "围绕政策的制定依据、适用对象和办理流程开展解读", "用群众听得懂的语言解读政策，方便企业和群众理解运用",
         "健全政务舆情收集、研判、处置和回应机制", "围绕社会关注热点及时回应群众关切", "邀请专家学者参与政策解读"],
    ),
    "applications": (
        ["规范依申请公开办理", "提升依申请公开答复质量", "优化依申请公开服务", "依法依规处理每一件公开申请",
         "加强依申请公开全流程管理"],
        ["严格执行受理、登记、审核、答复等流程", "规范答复文书格式，做到答复依据充分、说理清楚",
         "加强与申请人的沟通，切实化解行政争议", "建立依申请公开疑难案件会商机制", "强化法律顾问和公职律师审核把关",
         "确保在法定期限内依法答复", "对申请受理、审查、答复各环节实行闭环管理"],
    ),
    "capacity": (
        ["加强业务培训", "强化队伍建设", "提升业务能力", "强化思想认识", "加强政务公开队伍建设"],
        ["每半年至少组织一次政务公开专题培训", "提升工作人员的业务能力和工作水平", "压实信息公开岗位人员的工作责任",
         "通过以会代训、专题辅导等方式提高工作人员业务水平", "配齐配强信息公开工作人员，保持队伍相对稳定",
         "针对不同岗位开展分层次培训", "引导工作人员把公开工作摆在重要位置"],
    ),
    "participation": (
        ["深化公众参与", "丰富意见征集形式", "拓宽政民互动渠道", "加强政民互动", "扩大决策草案预公开范围"],
        ["综合运用网上征集、实地走访、专家论证等方式听取各方意见", "及时公开意见征集的采纳情况和反馈信息",
         "把公众参与作为重大决策的必经程序", "对网民留言做到件件有回复",
         "常态化开展政府开放日活动", "建立留言办理情况回访制度"],
    ),
    "content": (
        ["提高公开信息的含金量", "围绕重点领域细化公开清单", "优化主动公开目录", "拓展主动公开范围", "规范公开属性认定"],
        ["对重点领域信息分类整合、集中展示", "持续深化财政预决算、重大建设项目等重点领域信息公开",
         "逐项厘清应当主动公开的事项", "对已发布信息开展全面核查，删除与栏目无关的内容",
         "动态更新政府信息公开目录", "严格做好公开属性源头认定，做到应公开尽公开", "推动公开内容由结果向过程延伸"],
    ),
    "standardization": (
        ["以标准化规范化为抓手提升基层公开水平", "巩固基层政务公开标准化规范化成果", "规范基层政务公开专区建设",
         "推动标准目录落地应用"],
        ["逐个部门梳理公开事项，编制事项清单", "统一各单位公开内容的格式和要求", "按统一标准建设乡镇（街道）政务公开专区",
         "在村（居）便民服务站设置政务公开查阅点", "高水平做好标准指引落地应用", "让基层公开工作有章可循"],
    ),
    "platform": (
        ["加强各类公开平台的统筹管理", "拓宽公开载体和渠道", "优化政府网站栏目设置", "加强政务新媒体管理",
         "完善政府信息公开专栏"],
        ["发挥网站权威发布和新媒体快速传播的优势", "依托集约化平台统一规范专栏设置",
         "完善档案馆、图书馆等线下查阅场所的服务", "明确新媒体账号的运维责任人", "开设富有地方特色的专题专栏",
         "线上线下渠道同步发力", "定期开展网站和政务新媒体自查"],
    ),
    "timeliness": (
        ["提升信息发布时效", "做到信息随产生、随审核、随发布", "加强信息更新管理"],
        ["建立信息更新台账，明确更新时限", "对应公开的信息做到及时发布、动态更新", "确保在规定时限内公开相关信息",
         "定期巡查栏目更新情况，杜绝长期不更新", "优化信息报送流程，缩短发布时间"],
    ),
    "mechanism": (
        ["完善工作制度", "建立长效机制", "健全公开工作的运行规则", "强化信息公开责任", "严格落实审核发布制度"],
        ["修订内部管理办法，细化各环节操作规范", "把发布前审核和保密审查作为必经环节",
         "严格执行三审三校制度，防止错发漏发", "调整充实政务公开领导小组",
         "明确责任分工，层层压实工作责任", "对拟发布信息逐条核对把关", "使公开工作有制度可依"],
    ),
    "supervision": (
        ["强化工作监督", "加强日常巡查", "开展考核管理", "强化督促指导", "严格考核评估"],
        ["将政府信息公开纳入年度绩效考核", "采取季度抽查与年终考评相结合的方式", "按月通报各单位公开工作情况",
         "对发现的问题建立台账、限期整改", "提高政务公开在绩效考核中的分值", "对整改落实情况开展专项督查"],
    ),
    "digital": (
        ["加快数字化转型", "提升政务公开智能化水平", "推进政务数据开放", "强化信息化支撑"],
        ["探索运用人工智能提升信息检索和问答服务", "推进公开平台数字化升级",
         "上线智能问答服务，提供精准便捷的信息查询", "推进政务数据资源有序开放和共享利用",
         "运用大数据分析研判群众需求", "以技术手段减少人工操作差错"],
    ),
    "other": (
        ["加强《条例》宣传", "突出工作特色", "加强经费保障", "规范档案管理"],
        ["通过多种形式宣传普及《条例》", "深入挖掘工作亮点，打造特色品牌", "将政务公开工作经费纳入年度预算",
         "及时做好政府信息公开资料的归档整理", "学习借鉴先进地区经验做法"],
    ),
}

# status sentences (kind "other"): (text, topics)
_STATUS = [
    ("目前，相关专栏已完成改版并上线运行", ["platform"]),
    ("目前，政府信息公开目录调整工作正在有序推进", ["content"]),
    ("截至目前，上述问题已整改完毕", ["other"]),
    ("全年未发生因政府信息公开引起的行政复议和行政诉讼", ["applications"]),
    ("通过整改，政策解读的形式和效果明显改善", ["interpretation"]),
    ("目前，基层政务公开专区已实现乡镇（街道）全覆盖", ["standardization", "platform"]),
    ("相关培训已于年内完成，参训人员达百余人次", ["capacity"]),
    ("目前，智能问答系统已上线试运行", ["digital"]),
    ("截至年底，各项整改措施均已落实到位", ["other"]),
    ("目前，信息更新台账已建立并实行动态管理", ["timeliness"]),
]
_AGENCY = ["我局", "我委", "我区", "我县", "我市", "本机关", "我办", "我镇", "实验区", "我厅"]
_PROBLEM_FRAMES = [
    "{y}年，{a}政府信息公开工作取得了一定成绩，但仍存在一些不足：",
    "{y}年，{a}政府信息公开工作取得了较好成效，但也存在一些薄弱环节。",
    "对照新形势新要求，{a}政府信息公开工作仍存在以下问题：",
    "存在的问题集中在以下几个方面：",
    "{y}年，{a}政务公开工作虽取得一定成效，但对照群众需求仍存在短板：",
    "工作中还存在一些问题和不足，主要表现在：",
]
_LIST_FRAMES = [
    "{y}年，{a}政府信息公开工作取得了新进展，但在工作中仍存在不足，如",
    "{a}政府信息公开工作还存在一些薄弱环节，如：",
    "工作中仍有不足，主要表现在：",
]
_MEASURE_FRAMES = [
    "{y2}年，{a}将采取以下措施加以改进：",
    "针对上述问题，{a}将重点做好以下工作：",
    "下一步，{a}将从以下几个方面加以改进：",
    "{y2}年，{a}将重点从以下方面做好改进：",
    "针对上述问题，{a}坚持问题导向，逐项制定整改措施；",
    "下一步整改措施：",
]
_HEADINGS = [
    ("（一）存在的主要问题", "（二）改进措施"),
    ("(一)主要问题", "(二)改进情况"),
    ("（一）主要问题", "（二）改进情况"),
    ("（一）存在问题", "（二）整改措施"),
    ("一、存在的问题", "二、改进措施"),
    ("（一）存在的问题和不足", "（二）下一步工作打算"),
]
#: Chinese ordinals of list items (一是, （一）).
ORDINALS = "一二三四五六七八九十"


def marker(style: str, n: int) -> str:
    """The marker of list item ``n`` (from 1) in a numbering style.

    Styles: ``shi`` (一是), ``paren`` (（一）), ``dot`` (1.), ``dun`` (1、), ``pdigit`` ((1)),
    anything else ordinal words (首先，其次，再次，最后，).
    """
    if style == "shi":
        return f"{ORDINALS[n - 1]}是"
    if style == "paren":
        return f"（{ORDINALS[n - 1]}）"
    if style == "dot":
        return f"{n}."
    if style == "dun":
        return f"{n}、"
    if style == "pdigit":
        return f"（{n}）"
    return ["首先，", "其次，", "再次，", "最后，"][min(n - 1, 2) if n < 4 else 3]


def statement(text: str, kind: str, topics: list[str]) -> dict:
    """The label of one statement: ``{"text", "kind", "topics"}`` (kind ``problem``/``improvement``/``other``)."""
    return {"text": text, "kind": kind, "topics": list(topics)}


class _Doc:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.statements: list[dict] = []
        self.len = 0

    def add(self, text: str, label: tuple[str, list[str]] | None = None) -> None:
        if label is not None:
            kind, topics = label
            self.statements.append({"start": self.len, "end": self.len + len(text),
                                    **statement(text, kind, topics)})
        self.parts.append(text)
        self.len += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _problem(rng: random.Random, topic: str) -> tuple[str, list[str]]:
    cores, elabs = PROBLEMS[topic]
    core = rng.choice(cores).format(s=rng.choice(_SUBJ))
    topics = [topic]
    r = rng.random()
    if r < 0.35:
        core += "，" + rng.choice(elabs)
    elif r < 0.55:
        other = rng.choice([t for t in PROBLEMS if t not in (topic, "other")])
        oc, oe = PROBLEMS[other]
        core += "，" + rng.choice(oe if rng.random() < 0.5 else oc).format(s=rng.choice(_SUBJ))
        topics.append(other)
    return core, topics


def _measure(rng: random.Random, topic: str) -> tuple[str, list[str]]:
    heads, elabs = MEASURES[topic]
    head = rng.choice(heads)
    topics = [topic]
    first = rng.choice(elabs)
    r = rng.random()
    if r < 0.3:
        body = f"{head}，{first}。"
    elif r < 0.6:
        second = rng.choice([e for e in elabs if e != first] or elabs)
        body = f"{head}。{first}，{second}。"
    elif r < 0.85:
        other = rng.choice([t for t in MEASURES if t not in (topic, "other")])
        body = f"{head}。{first}，同时{rng.choice(MEASURES[other][1])}。"
        topics.append(other)
    else:
        body = f"{rng.choice(['进一步', '持续', '着力', ''])}{first}，{head}。"
    return body, topics


def _pick_topics(rng: random.Random, k: int) -> list[str]:
    names = list(PROBLEMS)
    weights = [1.0 if t != "other" else 0.35 for t in names]
    out: list[str] = []
    while len(out) < k:
        t = rng.choices(names, weights)[0]
        if t not in out:
            out.append(t)
    return out


def _section(rng: random.Random, idx: int) -> _Doc:
    doc = _Doc()
    y = rng.choice(range(2019, 2026))
    a = rng.choice(_AGENCY)
    n_prob = rng.choice([2, 3, 3, 3, 4])
    prob_topics = _pick_topics(rng, n_prob)
    meas_topics = list(prob_topics)
    if rng.random() < 0.3:
        rng.shuffle(meas_topics)
    if rng.random() < 0.25:
        meas_topics = meas_topics[:-1]
    if rng.random() < 0.3:
        extra = _pick_topics(rng, 1)[0]
        if extra not in meas_topics:
            meas_topics.append(extra)
    layout = rng.choice(["headings", "frames", "frames", "list", "plain_headings", "mixed", "bare"])
    pstyle = rng.choice(["shi", "shi", "shi", "paren", "dot", "dun", "ordinal"])
    mstyle = rng.choice(["shi", "shi", "paren", "dot", "dun", "pdigit"])
    nl = "\n" if rng.random() < 0.5 or layout == "bare" else ""
    heads = rng.choice(_HEADINGS)
    sep = "；" if rng.random() < 0.35 else "。"

    def numbered(style: str, i: int, n: int) -> int:
        # careless numbering now and then: 一是…三是…三是…
        if style == "shi" and n >= 3 and i == 1 and rng.random() < 0.08:
            return 3
        return i + 1

    if layout in ("headings", "plain_headings"):
        doc.add(heads[0] + ("\n" if nl or rng.random() < 0.7 else "："))
    elif layout in ("frames", "mixed"):
        doc.add(rng.choice(_PROBLEM_FRAMES).format(y=y, a=a) + nl)
    # problems
    if layout == "list":
        frame = rng.choice(_LIST_FRAMES).format(y=y, a=a)
        doc.add(frame)
        for i, t in enumerate(prob_topics):
            txt, topics = _problem(rng, t)
            doc.add(txt, ("problem", topics))
            doc.add("等。" if i == len(prob_topics) - 1 else "；")
        doc.add(nl)
    elif layout == "plain_headings":
        for t in prob_topics:
            txt, topics = _problem(rng, t)
            doc.add(txt + "。", ("problem", topics))
        doc.add("\n")
    else:
        for i, t in enumerate(prob_topics):
            txt, topics = _problem(rng, t)
            mk = marker(pstyle, numbered(pstyle, i, len(prob_topics)))
            last = i == len(prob_topics) - 1
            end = "。" if last else sep
            if layout == "mixed" and i == 0 and rng.random() < 0.6:
                # a measure written into the problem's paragraph
                doc.add(mk + txt + "。", ("problem", topics))
                mtxt, mtop = _measure(rng, t)
                doc.add(f"下一步，{a}将{mtxt}", ("improvement", mtop))
                doc.add(nl)
                continue
            doc.add(mk + txt + end, ("problem", topics))
            doc.add(nl)
    # measures
    if layout in ("headings", "plain_headings"):
        doc.add(heads[1] + ("\n" if nl or rng.random() < 0.7 else "："))
    elif layout == "bare":
        pass  # no heading, no framing: the words alone tell problems from measures
    else:
        doc.add(rng.choice(_MEASURE_FRAMES).format(y2=y + 1, a=a) + nl)
    for i, t in enumerate(meas_topics):
        txt, topics = _measure(rng, t)
        mk = marker(mstyle, i + 1)
        doc.add(mk + txt, ("improvement", topics))
        doc.add(nl if nl else "")
    if rng.random() < 0.25:
        status, topics = rng.choice(_STATUS)
        if not nl:
            doc.add("\n")
        doc.add(status + "。", ("other", topics))
    return doc


# --------------------------------------------------------------------------- section 五 of a whole report

#: Problems of a whole report's section 五: (short clause for 如… lists, long form for enumerations, topics).
REPORT_PROBLEMS = (
    ("工作人员业务能力有待进一步提升",
     "工作人员业务能力有待进一步提升，部分兼职人员对《条例》的理解还不够深入，对公开与不公开界限的把握不够精准",
     ["capacity"]),
    ("部分信息更新不够及时",
     "信息公开的时效性还需加强，个别栏目更新不够及时，部分动态类信息存在发布滞后的现象",
     ["timeliness"]),
    ("政策解读形式较为单一",
     "政策解读形式较为单一，仍以文字解读为主，图表、视频等通俗易懂的解读产品偏少",
     ["interpretation"]),
    ("政民互动的深度和广度仍显不足",
     "政民互动的深度和广度仍显不足，对网民留言的回复还不够及时，意见征集的公众参与度不高",
     ["participation"]),
    ("重点领域信息公开的深度还不够",
     "重点领域信息公开的深度还不够，部分领域只公开结果性信息，对执行和管理过程的公开偏少",
     ["content"]),
    ("政务新媒体运维水平不高",
     "政务新媒体运维水平不高，原创内容偏少，栏目设置与群众的实际需求还有差距",
     ["platform"]),
    ("信息发布审核机制还需进一步完善",
     "信息发布审核机制还需进一步完善，保密审查程序执行不够严格，存在重发布轻审核的情况",
     ["mechanism"]),
    ("依申请公开答复质量有待提高",
     "依申请公开答复质量有待提高，答复文书的说理还不够充分，与申请人的沟通不够到位",
     ["applications"]),
    ("基层政务公开标准化规范化水平有待提升",
     "基层政务公开标准化规范化水平有待提升，公开事项标准目录的动态调整还不够及时",
     ["standardization", "content"]),
    ("监督考核的约束作用发挥不够",
     "监督考核的约束作用发挥不够，日常检查多而跟踪问效少，发现问题的整改还不够彻底",
     ["supervision"]),
    ("数字化手段运用还不够充分",
     "数字化手段运用还不够充分，智能检索和智能问答等服务功能仍较薄弱",
     ["digital", "platform"]),
    ("个别科室对政务公开工作重视不够",
     "个别科室对政务公开工作重视不够，主动提供公开信息的意识不强，存在等靠思想",
     ["capacity"]),
)
#: improvements aligned with REPORT_PROBLEMS (same main topic at the same index)
REPORT_IMPROVEMENTS = (
    ("加强业务培训，提升队伍能力。定期组织政务公开业务学习，围绕《条例》重点条款开展专题辅导，提高工作人员依法公开的能力和水平。",
     ["capacity"]),
    ("强化时效意识，做到应公开尽快公开。建立信息更新台账，明确各栏目的更新频次和责任人，确保信息发布及时准确。",
     ["timeliness"]),
    ("丰富解读形式，增强解读效果。综合运用图解、短视频、问答等方式开展政策解读，做到解读材料与政策文件同步起草、同步审签、同步发布。",
     ["interpretation"]),
    ("拓宽互动渠道，提高回应实效。用好留言咨询、意见征集、在线访谈等平台，及时回应群众关切，认真做好意见采纳情况的反馈。",
     ["participation"]),
    ("深化重点领域公开，提升公开质量。围绕财政资金、重大项目、公共服务等领域，推进决策、执行、管理、服务、结果全过程公开。",
     ["content"]),
    ("规范平台管理，提升服务能力。加强政府网站和政务新媒体的日常监测，优化栏目设置，及时整改内容空白和长期不更新的栏目。",
     ["platform"]),
    ("健全工作机制，严格审核把关。完善信息发布三级审核和保密审查制度，规范发布流程，压实各环节的工作责任。",
     ["mechanism"]),
    ("规范依申请公开办理，提高答复质量。严格按照法定程序和时限办理，完善答复文书模板，加强与申请人的沟通，依法保障申请人的合法权益。",
     ["applications"]),
    ("推进标准化规范化建设。对照基层政务公开标准目录，动态调整公开事项，统一公开内容和公开方式。",
     ["standardization"]),
    ("强化监督考核，推动责任落实。将政务公开工作纳入年度考核，定期开展督查通报，对发现的问题跟踪整改到位。",
     ["supervision"]),
    ("加快数字化转型，提升智能服务水平。探索运用大数据和智能问答等技术，提高信息检索和政策推送的精准度。",
     ["digital"]),
    ("提高思想认识，压实工作责任。把政务公开作为日常工作的重要内容，做到与业务工作同部署、同推进、同落实。",
     ["capacity", "mechanism"]),
)



def report_section(rng: random.Random, year: int, self_ref: str) -> tuple[list[str], list[dict]]:
    """Section 五 of a whole synthetic report (:mod:`ogi.synth`): its paragraphs and statements.

    Shorter than the training sections: two to four problems of :data:`REPORTREPORT_PROBLEMS`, each
    with the improvement of the same topic (one dropped, one added now and then), in one of
    four layouts (sub-headings with ``一是``; a ``如…；…等`` list; ``1.``/``1、`` under short
    headings; one paragraph per part).  Statements are labelled like the training sections'
    (:func:`statement`), without offsets (the report's text is rendered later).
    """
    k = rng.choice([2, 3, 3, 3, 4])
    picks = rng.sample(range(len(REPORT_PROBLEMS)), k)
    imps = list(picks)
    if k > 2 and rng.random() < 0.25:
        imps.pop(rng.randrange(len(imps)))
    if rng.random() < 0.25:
        extra = [i for i in range(len(REPORT_IMPROVEMENTS)) if i not in picks]
        imps.append(rng.choice(extra))
    paras: list[str] = []
    stmts: list[dict] = []

    def prob(i: int, text: str) -> str:
        stmts.append(statement(text, "problem", REPORT_PROBLEMS[i][2]))
        return text

    def imp(i: int, text: str) -> str:
        stmts.append(statement(text, "improvement", REPORT_IMPROVEMENTS[i][1]))
        return text

    style = rng.choice("ABCD")
    if style == "A":  # （一）主要问题 / （二）改进情况, 一是…二是…
        paras.append(rng.choice(["（一）主要问题", "（一）存在的主要问题", "（一）存在问题"]))
        items = [prob(i, f"{marker('shi', n + 1)}{REPORT_PROBLEMS[i][1]}。") for n, i in enumerate(picks)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
        paras.append(rng.choice(["（二）改进情况", "（二）改进措施", "（二）整改措施"]))
        items = [imp(i, f"{marker('shi', n + 1)}{REPORT_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
    elif style == "B":  # framing + 如…；…；…等。
        frame = rng.choice([f"{year}年，{self_ref}政府信息公开工作取得了一定成效，但对照新形势新要求，仍存在一些不足，如",
                            f"{year}年，{self_ref}政府信息公开工作虽然取得了一些进展，但还存在一些问题，如"])
        shorts = [prob(i, REPORT_PROBLEMS[i][0]) for i in picks]
        paras.append(frame + "；".join(shorts) + "等。")
        lead = rng.choice([f"{year + 1}年，{self_ref}将重点从以下方面加以改进：", "下一步，将采取以下措施加以改进："])
        items = [imp(i, f"{marker('shi', n + 1)}{REPORT_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        if rng.random() < 0.5:
            paras.append(lead + "".join(items))
        else:
            paras.append(lead)
            paras.extend(items)
    elif style == "C":  # 1. 2. numbering under short sub-headings
        numbering = "dot" if rng.choice([".", "、"]) == "." else "dun"
        heads = rng.choice([("存在的主要问题：", "改进措施："), ("（一）存在的问题", "（二）改进措施")])
        paras.append(heads[0])
        paras.extend(prob(i, f"{marker(numbering, n + 1)}{REPORT_PROBLEMS[i][1]}。") for n, i in enumerate(picks))
        paras.append(heads[1])
        paras.extend(imp(i, f"{marker(numbering, n + 1)}{REPORT_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps))
    else:  # one paragraph: 一是…；二是…；三是…。
        frame = f"{year}年，{self_ref}政府信息公开工作虽取得一定进展，但仍存在以下问题："
        items = [prob(i, f"{marker('shi', n + 1)}{REPORT_PROBLEMS[i][1]}") for n, i in enumerate(picks)]
        paras.append(frame + "；".join(items) + "。")
        lead = f"针对上述问题，{self_ref}将采取以下措施："
        items = [imp(i, f"{marker('shi', n + 1)}{REPORT_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.append(lead + "".join(items))
    return paras, stmts


def generate_synthetic(*, n_sections: int = 170, seed: int = 0) -> list[dict]:
    """Generate synthetic section-五 texts with their labelled statements.

    Args:
        n_sections: how many sections to write.
        seed: seed of the generator (same seed, same output).

    Returns:
        ``[{"id", "text", "statements": [{"start", "end", "text", "kind", "topics"}]}]``.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n_sections):
        doc = _section(rng, i)
        text = doc.text
        out.append({"id": f"syn-{i + 1:04d}", "text": text,
                    "statements": [dict(s) for s in doc.statements]})
    return out


def write_synthetic(path: str | Path = SYNTHETIC_PATH, *, n_sections: int = 170, seed: int = 0) -> Path:
    """Write :func:`generate_synthetic`'s output as JSON lines (one section a line)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(d, ensure_ascii=False, sort_keys=True) for d in
             generate_synthetic(n_sections=n_sections, seed=seed)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
