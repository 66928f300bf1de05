"""Section 五 of a synthetic report: problems and improvements, with their labelled statements.

The list markers and the statement labels are those of the statement model's phrase bank
(:func:`ogi.nlp.synthetic.marker`, :func:`ogi.nlp.synthetic.statement`); the phrases here are
the report's own short pools, each problem aligned with an improvement of the same topic.
"""

from __future__ import annotations

import random

from ogi.nlp.synthetic import marker, statement

__all__ = ["problems_section"]

# (short clause for 如… lists, long form for enumerations, topics)
_PROBLEMS = (
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
# improvements aligned with _PROBLEMS (same main topic at the same index)
_IMPROVEMENTS = (
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



def problems_section(rng: random.Random, year: int, self_ref: str) -> tuple[list[str], list[dict]]:
    """Paragraphs of section 五 and the statements they contain."""
    k = rng.choice([2, 3, 3, 3, 4])
    picks = rng.sample(range(len(_PROBLEMS)), k)
    imps = list(picks)
    if k > 2 and rng.random() < 0.25:
        imps.pop(rng.randrange(len(imps)))
    if rng.random() < 0.25:
        extra = [i for i in range(len(_IMPROVEMENTS)) if i not in picks]
        imps.append(rng.choice(extra))
    paras: list[str] = []
    stmts: list[dict] = []

    def prob(i: int, text: str) -> str:
        stmts.append(statement(text, "problem", _PROBLEMS[i][2]))
        return text

    def imp(i: int, text: str) -> str:
        stmts.append(statement(text, "improvement", _IMPROVEMENTS[i][1]))
        return text

    style = rng.choice("ABCD")
    if style == "A":  # （一）主要问题 / （二）改进情况, 一是…二是…
        paras.append(rng.choice(["（一）主要问题", "（一）存在的主要问题", "（一）存在问题"]))
        items = [prob(i, f"{marker('shi', n + 1)}{_PROBLEMS[i][1]}。") for n, i in enumerate(picks)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
        paras.append(rng.choice(["（二）改进情况", "（二）改进措施", "（二）整改措施"]))
        items = [imp(i, f"{marker('shi', n + 1)}{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.extend(items if rng.random() < 0.7 else ["".join(items)])
    elif style == "B":  # framing + 如…；…；…等。
        frame = rng.choice([f"{year}年，{self_ref}政府信息公开工作取得了一定成效，但对照新形势新要求，仍存在一些不足，如",
                            f"{year}年，{self_ref}政府信息公开工作虽然取得了一些进展，但还存在一些问题，如"])
        shorts = [prob(i, _PROBLEMS[i][0]) for i in picks]
        paras.append(frame + "；".join(shorts) + "等。")
        lead = rng.choice([f"{year + 1}年，{self_ref}将重点从以下方面加以改进：", "下一步，将采取以下措施加以改进："])
        items = [imp(i, f"{marker('shi', n + 1)}{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        if rng.random() < 0.5:
            paras.append(lead + "".join(items))
        else:
            paras.append(lead)
            paras.extend(items)
    elif style == "C":  # 1. 2. numbering under short sub-headings
        numbering = "dot" if rng.choice([".", "、"]) == "." else "dun"
        heads = rng.choice([("存在的主要问题：", "改进措施："), ("（一）存在的问题", "（二）改进措施")])
        paras.append(heads[0])
        paras.extend(prob(i, f"{marker(numbering, n + 1)}{_PROBLEMS[i][1]}。") for n, i in enumerate(picks))
        paras.append(heads[1])
        paras.extend(imp(i, f"{marker(numbering, n + 1)}{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps))
    else:  # one paragraph: 一是…；二是…；三是…。
        frame = f"{year}年，{self_ref}政府信息公开工作虽取得一定进展，但仍存在以下问题："
        items = [prob(i, f"{marker('shi', n + 1)}{_PROBLEMS[i][1]}") for n, i in enumerate(picks)]
        paras.append(frame + "；".join(items) + "。")
        lead = f"针对上述问题，{self_ref}将采取以下措施："
        items = [imp(i, f"{marker('shi', n + 1)}{_IMPROVEMENTS[i][0]}") for n, i in enumerate(imps)]
        paras.append(lead + "".join(items))
    return paras, stmts
