"""The labels of section-五 statements: kinds and topics, as data (shared/spec/statements.md).

Every part of ogi that names a kind or a topic reads it from here: the segmenter's hints, the
estimator's classes, the exported model, the measures and the codebook.  Each label is a
frozen :class:`Label` with its key (what the records store), its Chinese name, a one-line
meaning and the cues the spec lists; the order is the spec's (and the models').

Example:
    >>> KINDS
    ('problem', 'improvement', 'other')
    >>> topic("platform").name, topic("platform").short
    ('网站、新媒体与公开渠道', '平台渠道')
    >>> "培训" in topic("capacity").cues
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from ogi.errors import UsageError

__all__ = ["Label", "KIND_LABELS", "TOPIC_LABELS", "KINDS", "TOPICS", "kind", "topic"]


@dataclass(frozen=True, slots=True)
class Label:
    """One kind or topic of a statement.

    Attributes:
        key: the identifier records store (``"problem"``, ``"capacity"`` …).
        name: the Chinese name (a kind's is ogi's own; a topic's is the spec's 中文 column).
        short: a short Chinese name for tables and figures (``"依申请办理"``).
        meaning: what the label is about, in one line.
        cues: typical words of statements with this label (empty when the spec lists none).
    """

    key: str
    name: str
    short: str
    meaning: str
    cues: tuple[str, ...] = ()


#: The kinds, in the column order of the models.
KIND_LABELS: tuple[Label, ...] = (
    Label("problem", "问题", "问题", "a shortcoming the agency admits",
          ("有待(进一步)提升/加强", "还不够", "不足", "欠缺", "存在…问题", "不及时", "较为单一", "仍需")),
    Label("improvement", "改进", "改进", "a measure taken or planned in response",
          ("加强", "完善", "提升", "推进", "将…", "下一步", "一是…(under 改进措施/改进情况)")),
    Label("other", "其他", "其他", "anything else that reached the statement list (framing, achievements)",
          ("取得了…成绩/进展",)),
)

#: The topics, in the spec's order (multi-label; a statement's first topic is its main one).
TOPIC_LABELS: tuple[Label, ...] = (
    Label("interpretation", "政策解读与回应关切", "政策解读",
          "explaining policies, responding to public concerns, 舆情",
          ("政策解读", "解读形式", "图解", "回应关切")),
    Label("applications", "依申请公开办理", "依申请办理",
          "handling requests for disclosure: replies, deadlines, legality, disputes",
          ("依申请", "申请办理", "答复质量", "法定时限", "复议", "诉讼")),
    Label("capacity", "队伍、能力与重视程度", "队伍能力",
          "staff, training, expertise, awareness, part-time staff, leadership attention",
          ("业务能力", "培训", "队伍", "人员", "认识", "兼职")),
    Label("participation", "公众参与与政民互动", "公众参与",
          "interaction with the public, consultation, decision pre-disclosure, replying to messages",
          ("互动", "留言", "意见征集", "预公开", "听证", "民意")),
    Label("content", "公开内容的范围、深度与质量", "公开内容",
          "what is disclosed: coverage, depth, accuracy, key areas, catalogues, attribute determination",
          ("公开内容", "深度", "广度", "重点领域", "目录", "属性界定", "准确")),
    Label("standardization", "标准化规范化", "标准化规范化",
          "the national programme of standardised, normalised disclosure, esp. at grassroots level",
          ("标准化规范化", "基层政务公开", "公开标准", "规范程度")),
    Label("platform", "网站、新媒体与公开渠道", "平台渠道",
          "websites, columns, government new media, service points, channels",
          ("网站", "栏目", "政务新媒体", "公众号", "专区", "渠道", "载体")),
    Label("timeliness", "及时性与更新", "及时性", "publishing late, not updating",
          ("及时", "时效", "更新不及时", "滞后")),
    Label("mechanism", "制度机制与审核", "制度机制",
          "rules, procedures, long-term mechanisms, review and confidentiality checks, responsibility",
          ("制度", "机制", "流程", "长效", "审核", "保密审查", "责任")),
    Label("supervision", "监督、考核与检查", "监督考核",
          "oversight, inspections, performance assessment, accountability",
          ("监督", "考核", "检查", "督导", "通报", "评估", "问责")),
    Label("digital", "数字化与智能化", "数字化", "information technology, data, intelligent services",
          ("数字化", "智能化", "信息化", "大数据", "智能问答")),
    Label("other", "其他", "其他", "none of the above"),
)

#: The kind keys, in the column order of the models.
KINDS: tuple[str, ...] = tuple(label.key for label in KIND_LABELS)
#: The topic keys, in the spec's order.
TOPICS: tuple[str, ...] = tuple(label.key for label in TOPIC_LABELS)

_BY_KEY = {"kind": {label.key: label for label in KIND_LABELS}, "topic": {label.key: label for label in TOPIC_LABELS}}


def _lookup(what: str, key: str) -> Label:
    table = _BY_KEY[what]
    try:
        return table[key]
    except KeyError:
        raise UsageError(f"unknown {what} {key!r}; valid: {', '.join(table)}") from None


def kind(key: str) -> Label:
    """The kind called ``key``.

    Raises:
        UsageError: for a key that is not a kind (the message lists the kinds).
    """
    return _lookup("kind", key)


def topic(key: str) -> Label:
    """The topic called ``key``.

    Raises:
        UsageError: for a key that is not a topic (the message lists the topics).
    """
    return _lookup("topic", key)
