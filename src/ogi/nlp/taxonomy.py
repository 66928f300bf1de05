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

import csv
import hashlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ogi.errors import UsageError

__all__ = ["Label", "KIND_LABELS", "TOPIC_LABELS", "KINDS", "TOPICS", "kind", "topic", "Taxonomy",
           "SHIPPED_TAXONOMY", "load_taxonomy", "model_taxonomy", "topic_order"]


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


# --------------------------------------------------------------------------------------------
# a researcher's own topics (ogi train --taxonomy FILE)

_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


@dataclass(frozen=True)
class Taxonomy:
    """A set of statement topics: the shipped one (:data:`SHIPPED_TAXONOMY`) or a researcher's own.

    The kinds are always :data:`KINDS` (problem, improvement, other): a taxonomy defines the
    topics only, in the order models, measures and the codebook list them.

    Attributes:
        name: what the taxonomy is called (``ogi-topics-v1`` for the shipped one).
        topics: the topic labels, in order.
        source: the file it was read from ('' for the shipped one).
        sha256: SHA-256 of that file's bytes ('' for the shipped one).
    """

    name: str
    topics: tuple[Label, ...]
    source: str = ""
    sha256: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """The topic keys, in order."""
        return tuple(t.key for t in self.topics)

    def to_dict(self) -> dict[str, Any]:
        """The taxonomy as the JSON object :func:`load_taxonomy` reads."""
        return {"name": self.name, "topics": [{"key": t.key, "name": t.name, "short": t.short,
                                               "meaning": t.meaning, "cues": list(t.cues)} for t in self.topics]}


#: The shipped topics (spec statements.md).
SHIPPED_TAXONOMY = Taxonomy("ogi-topics-v1", TOPIC_LABELS)


def _label(entry: Any, where: str) -> Label:
    if not isinstance(entry, dict):
        raise UsageError(f"{where}: a topic must be an object with key and name", path=None)
    key = str(entry.get("key") or "").strip()
    if not _KEY.match(key):
        raise UsageError(f"{where}: topic key {key!r} must be 1-40 lower-case letters, digits or _, "
                         "starting with a letter")
    name = str(entry.get("name") or "").strip()
    if not name:
        raise UsageError(f"{where}: topic {key!r} has no name")
    cues = entry.get("cues") or ()
    if isinstance(cues, str):
        cues = [c for c in re.split(r"[|;，,、]", cues) if c.strip()]
    return Label(key, name, str(entry.get("short") or name).strip(), str(entry.get("meaning") or "").strip(),
                 tuple(str(c).strip() for c in cues))


def _entries(raw: bytes, path: Path) -> tuple[str, list[Any]]:
    text = raw.decode("utf-8-sig")
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        if rows and not {"key", "name"} <= set(rows[0]):
            raise UsageError("a taxonomy CSV needs the columns key and name (short, meaning, cues optional)",
                             path=str(path))
        return path.stem, rows
    try:
        data = json.loads(text)
    except ValueError as e:
        raise UsageError(f"not a taxonomy: invalid JSON ({e})", path=str(path)) from None
    if isinstance(data, list):
        return path.stem, data
    if isinstance(data, dict) and isinstance(data.get("topics"), list):
        return str(data.get("name") or path.stem), data["topics"]
    raise UsageError('not a taxonomy: expected {"name": …, "topics": [{"key", "name", …}]} or a list of topics',
                     path=str(path))


def load_taxonomy(path: str | os.PathLike[str]) -> Taxonomy:
    """Read a researcher's topics from a JSON or CSV file.

    JSON: ``{"name": "my-topics-v1", "topics": [{"key": "budget", "name": "预算公开",
    "meaning": "…", "cues": ["预算", "决算"]}, …]}`` (or the list alone); CSV: columns ``key``,
    ``name`` and optionally ``short``, ``meaning``, ``cues`` (separated by ``|``).  Keys are
    identifiers (``[a-z][a-z0-9_]*``), unique; a topic ``other`` is added last when missing.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "mine.csv"
        >>> _ = p.write_text("key,name,cues\\nbudget,预算公开,预算|决算\\n", encoding="utf-8")
        >>> load_taxonomy(p).keys
        ('budget', 'other')

    Raises:
        UsageError: the file cannot be read or is not a taxonomy (the message names the file
            and the entry).
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise UsageError(f"cannot read the taxonomy: {e.strerror or e}", path=str(p)) from None
    try:
        name, entries = _entries(raw, p)
    except UnicodeDecodeError:
        raise UsageError("the taxonomy is not UTF-8 text", path=str(p)) from None
    try:
        labels = [_label(e, f"{p.name}, topic {i + 1}") for i, e in enumerate(entries)]
    except UsageError as e:
        raise UsageError(e.reason, path=str(p)) from None
    keys = [t.key for t in labels]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise UsageError(f"topic keys given twice: {', '.join(dup)}", path=str(p))
    if len(labels) < 1:
        raise UsageError("the taxonomy has no topic", path=str(p))
    if "other" not in keys:
        labels.append(Label("other", "其他", "其他", "none of the above"))
    return Taxonomy(name, tuple(labels), str(p), hashlib.sha256(raw).hexdigest())


def model_taxonomy(folder: str | os.PathLike[str], name: str) -> Taxonomy:
    """The taxonomy a model folder was trained with (``NAME.taxonomy.json``; the shipped one when absent)."""
    p = Path(folder) / f"{name}.taxonomy.json"
    return load_taxonomy(p) if p.is_file() else SHIPPED_TAXONOMY


def topic_order(found: Any = ()) -> list[str]:
    """The shipped topic keys in spec order, then any other key in ``found`` (a user model's), sorted.

    Example:
        >>> topic_order(["budget", "platform"])[-2:]
        ['other', 'budget']
    """
    extra = sorted({str(t) for t in found if isinstance(t, str) and t not in TOPICS})
    return [*TOPICS, *extra]
