"""Wording cues of section 五 that hold across writers: sub-headings, framing, the turn, predicates.

The segmenter (:mod:`ogi.nlp.statements`) reads the *structure* cues: sub-headings that name
problems or measures, framing sentences that announce a list, list openings (``如``/``主要是``)
and the *turn* from the problems to the measures (``下一步``, ``针对…问题``, ``今后``, ``…将…``).
The feature records (:mod:`ogi.nlp.records`) read the *lexical* cues of one statement: a
deficiency predicate (``不足``/``不够``/``有待``/``尚需``/``欠缺``/``薄弱``/``滞后`` …) says "problem",
an action opening (``加强``/``推进``/``完善``/``提升``/``建立``/``持续``/``进一步`` …) says "improvement",
whoever wrote the report.

Example:
    >>> lexical_cues("政务新媒体运维管理还需加强")
    ['lex:deficiency', 'lex:deficiency_end']
    >>> lexical_cues("持续加强业务培训，提升工作人员能力")
    ['lex:action_open']
"""

from __future__ import annotations

import re

__all__ = ["lexical_cues", "is_turn", "split_turn_prefix", "clause_breaks", "DEFICIENCY", "ACTION_OPEN"]

_WS = re.compile(r"\s+")

# --------------------------------------------------------------------------------------------
# sub-headings and framing sentences (structure)

HEAD_PROBLEM = re.compile(
    r"^(\d{4}\s*年度?)?(工作中|工作)?(存在的?|当前|目前|面临的?|仍存在的?)?(主要)?(的)?"
    r"(问题|不足|困难|短板)(和|及|与|、)?(不足|困难|短板|差距|原因|挑战)?(分析)?$"
)
HEAD_IMPROVE = re.compile(
    r"^(\d{4}\s*年度?)?(下一步)?(的)?(主要)?(工作)?(改进|整改|改善)(的)?"
    r"(措施|情况|计划|方向|举措|打算|思路|安排|工作|意见)?(及|和|与)?(成效|下一步(工作)?(打算|计划|安排)?)?$"
    r"|^(\d{4}\s*年度?)?下一步(的)?(主要)?(工作)?(计划|打算|措施|安排|思路|重点|工作)?$"
    r"|^(\d{4}\s*年度?)?(工作)?(计划|打算|工作打算|工作计划)$"
)
HEAD_BOTH = re.compile(r"^(存在的?)?(主要)?问题(和|及|与)(改进|整改)(情况|措施)$")
STRONG_FRAME = re.compile(
    r"(以下|如下)(几个方面|几点|方面|措施|举措|工作|改进|问题|不足)"
    r"|采取.{0,8}措施.{0,4}(改进|整改|加以)"
    r"|(改进|整改)措施(如下|为)"
    r"|主要(有|是|表现(在|为))(以下|如下)"
    r"|存在(的)?(以下|如下)"
)
AFTER_REF = re.compile(r"^(针对|对照|围绕|就|对于)(上述|以上|这些|存在的|前述|此类)")
INTRO_PROBLEM = re.compile(
    r"(取得|有|实现).{0,24}(成绩|成效|进展|成果|提升|进步).{0,40}(但|不过|然而|同时)"
    r"|^.{0,36}(仍|还|也|依然|依旧|但)(然)?(存在|有|面临|在)(着)?(一些|以下|部分|若干|不少|诸多|一定的?)"
    r".{0,6}(问题|不足|短板|差距|困难|薄弱环节)"
    r"|^(存在|面临)(的)?(主要)?(问题|不足|短板)"
    r"|(需要|有待|亟待|仍需|还需|亟需)(进一步)?(加强|改进|完善|提升|提高|改善)"
    r"(和|与|、|及)?(加强|改进|完善|提升|提高|改善)?的(地方|方面|环节|空间)"
)
MIX_START = re.compile(r"^(下一步|今后|接下来|针对(此|该|这一|这些|上述)(问题|情况)?|为此|对此)")
LIST_INTRO = re.compile(
    r"(?:(?:^|(?<=[，,：:]))[ \t\u3000]*(?:如|例如|比如|譬如)(?![期实何下此今果同意一])"
    r"|(?:主要(?:有|是|表现(?:在|为))|具体(?:表现)?(?:在|为)|表现(?:在|为)))[ \t\u3000]*[：:]?"
)
FRAME_CUES = re.compile(r"问题|不足|短板|差距|薄弱|欠缺|措施|改进|整改|以下|如下|方面")
IMPROVE_CUES = re.compile(r"措施|改进|整改|下一步|针对|将(重点)?从|努力|计划|打算|今后|着力|举措")
PROBLEM_CUES = re.compile(r"问题|不足|短板|差距|薄弱|欠缺|困难")

# --------------------------------------------------------------------------------------------
# the turn from the problems to the measures

#: A sentence opening that turns to the measures: ``针对存在问题，`` ``下一步，`` ``今后`` ``我局将``.
TURN_START = re.compile(
    r"^(针对|就|对于)[^，,。；;：:]{0,14}(问题|不足|短板|差距)"
    r"|^(下一步|今后|接下来|为此|对此|下阶段|新的一年)"
    r"|^((\d{4}|明)年度?[，,]?)?(我们|我[局委办厅市区县镇街院署]{1,2}|本[局委办厅市区县镇街单位机关部门]{1,2})?"
    r"(将|拟|要(?![求素点闻]))"
)
_TURN_CHUNK = re.compile(
    r"^((针对|就|对于)[^，,。；;：:]{0,14}(问题|不足|短板|差距)"
    r"|下一步|今后|接下来|为此|对此|下阶段|新的一年|同时|(\d{4}|明)年度?|(我们|我[局委办厅市区县镇街院署]{1,2}))$"
)


def is_turn(text: str) -> bool:
    """Whether a sentence opens the measures part (``下一步，…`` ``针对存在问题，…`` ``我局将…``).

    Example:
        >>> is_turn("针对存在问题，下一步，我市将着力加强政策解读"), is_turn("政策解读形式单一")
        (True, False)
    """
    return TURN_START.match(_WS.sub("", text)) is not None


def split_turn_prefix(text: str) -> int:
    """Length of the leading turn clauses of ``text`` (``针对存在问题，下一步，``), 0 when none.

    Only whole comma-delimited chunks that are nothing but a turn phrase are counted, and
    never the whole text: ``下一步，我市将加强培训`` gives 4.

    Example:
        >>> t = "针对存在问题，下一步，我市将着力加强政策解读"
        >>> t[split_turn_prefix(t):]
        '我市将着力加强政策解读'
    """
    i = 0
    n = len(text)
    while i < n:
        j = i
        while j < n and text[j] not in "，,。；;：:":
            j += 1
        if j >= n or text[j] not in "，,":
            break
        if _TURN_CHUNK.match(_WS.sub("", text[i:j])) is None:
            break
        i = j + 1
    return i if i < n and text[i:].strip() else 0


# --------------------------------------------------------------------------------------------
# lexical cues of one statement

#: Predicates that admit a shortcoming.
DEFICIENCY = re.compile(
    r"不足|不够|有待|尚需|尚待|尚未|尚不|欠缺|缺乏|薄弱|滞后|不及时|不到位|不完善|不健全|不规范|不充分|不高|不强"
    r"|不深|不细|不全|不多|不广|单一|较少|偏少|较弱|偏弱|较低|偏低|不平衡|不统一|不一致|不明显|不精准|不准确"
    r"|仍需|还需|仍有|还有|亟需|亟待|待提升|待加强|待完善|待提高|需进一步|存在.{0,12}(问题|现象|情况|差距|短板)"
    r"|参差不齐|流于形式|重.{1,4}轻|差距|缺少|未能|未进行|未做到|未实现|未建立|未形成|未开展|未及时"
)
_DEFICIENCY_END = re.compile(
    r"(不足|不够\S{0,4}|有待\S{0,8}|尚需\S{0,8}|仍需\S{0,8}|还需\S{0,8}|欠缺|薄弱|滞后|不及时|不到位|不完善|不健全"
    r"|不规范|不高|不强|单一|较少|偏少|较弱|不平衡|加强|提升|提高|完善|改进|问题|现象|差距|短板)"
    r"(的问题|的现象|的情况)?[等。；;，,！!\s]*$"
)
#: Openings of a measure: what an agency says it will do.
ACTION_OPEN = re.compile(
    r"^(要|将|会|继续|持续|进一步|切实|不断|全面|大力|积极|着力|重点|深入|扎实|认真|严格|加快|逐步|努力|坚持"
    r"|加强|强化|推进|推动|完善|健全|提升|提高|建立|建设|优化|规范|加大|开展|组织|落实|深化|丰富|拓展|创新"
    r"|做好|抓好|抓实|压实|夯实|畅通|探索|引导|督促|用好|发挥|注重|聚焦|围绕|结合|通过|定期|及时|主动|增强"
    r"|严把|把好|拓宽|扩大|加快|健全|确保|实现|开发|制定|修订|梳理|明确|落细)"
)
_SUBJECT_WILL = re.compile(r"^.{0,14}?(将|要|拟|计划|准备)(进一步|继续|持续|着力|重点|切实|全面|不断|加快|大力)?"
                           r"(加强|强化|推进|推动|完善|健全|提升|提高|建立|优化|规范|加大|开展|落实|深化|丰富|拓展|做好|抓好)")
_OPEN_STRIP = re.compile(r"^[\s#]*(?:[一二三四五六七八九十]{1,3}是|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
                         r"|\d{1,2}\s*[.．、)）]|[①②③④⑤⑥⑦⑧⑨⑩]|首先|其次|再次|最后|[一二三四五六七八九十]{1,3}、)\s*[，,：:]?")


def lexical_cues(body: str) -> list[str]:
    """Writer-independent kind cues of a statement's text, as feature names.

    ``lex:deficiency`` (a deficiency predicate anywhere), ``lex:deficiency_end`` (the first
    clause ends on one: ``…有待提升``), ``lex:action_open`` (an action verb or adverb opens the
    statement: ``加强…``, ``进一步…``), ``lex:will`` (``我局将加强…``) and ``lex:achieved``
    (``已…``/``取得…``: a report of what was done).
    """
    text = _OPEN_STRIP.sub("", body.strip(), count=1)
    first = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    out = []
    if DEFICIENCY.search(text):
        out.append("lex:deficiency")
    if _DEFICIENCY_END.search(first) and DEFICIENCY.search(first):
        out.append("lex:deficiency_end")
    if ACTION_OPEN.match(text):
        out.append("lex:action_open")
    if _SUBJECT_WILL.match(text):
        out.append("lex:will")
    if re.match(r"^.{0,10}(已|已经|取得|实现了|完成了)", text):
        out.append("lex:achieved")
    return out


_ELABORATION = re.compile(r"^(个别|部分|有的|一些|少数|存在|导致|影响|造成|致使|使得|尤其|特别|其中|如|比如|例如"
                          r"|对|在|与|和|以|从|即|也|且|并|但|而|却|虽|甚至|主要|具体|没有|未能|无法|难以)")


def clause_breaks(text: str) -> list[int]:
    """Offsets of the commas that end one listed problem and begin the next.

    In ``主要是：A有待提升，B尚需完善，C还不够丰富等`` each clause ends on a deficiency
    predicate and the next one opens with its own subject; a comma before an elaboration
    (``个别单位…``, ``导致…``) is not a break. Empty when fewer than two clauses result.

    Example:
        >>> t = "答复文书规范性有待提升，疑难问题协调处理机制尚需完善，政策解读的形式还不够丰富"
        >>> [t[:i] for i in clause_breaks(t)]
        ['答复文书规范性有待提升', '答复文书规范性有待提升，疑难问题协调处理机制尚需完善']
    """
    cuts = []
    last = 0
    for k, c in enumerate(text):
        if c not in "，,":
            continue
        chunk, rest = _WS.sub("", text[last:k]), _WS.sub("", text[k + 1:k + 80])
        nxt = re.split(r"[，,]", rest, maxsplit=1)[0]
        # the clause before ends on a deficiency, or the clause after states one of its own
        ends = _DEFICIENCY_END.search(chunk) is not None or (DEFICIENCY.search(nxt) is not None and len(nxt) >= 6)
        if (len(chunk) >= 5 and len(rest) >= 5 and DEFICIENCY.search(chunk) and ends
                and not _ELABORATION.match(rest) and not ACTION_OPEN.match(rest)):
            cuts.append(k)
            last = k + 1
    return cuts
