"""The words of the figures in Chinese and English, in one place, chosen by ``lang``.

``lang="both"`` (the default) writes ``中文 English`` (or the two on two lines, for tick labels),
``"zh"`` and ``"en"`` one of them.  Category names (outcomes, applicants, topics, verdicts,
statement kinds) are looked up here by their key in the record, so every figure names a category
the same way.

Example:
    >>> bilingual("违反率", "violation rate", lang="both")
    '违反率 violation rate'
    >>> category("outcome", "partial", lang="en")
    'partly granted'
    >>> category("verdict", "mismatch", lang="zh", sep="\\n")
    '不一致'
"""

from __future__ import annotations

from typing import Literal, get_args

from ogi.errors import UsageError

__all__ = ["LANGS", "Lang", "bilingual", "category", "check_lang"]

Lang = Literal["zh", "en", "both"]
#: The languages a figure can be written in.
LANGS: tuple[str, ...] = get_args(Lang)

_NAMES: dict[str, dict[str, tuple[str, str]]] = {
    "outcome": {"granted": ("予以公开", "granted"), "partial": ("部分公开", "partly granted"),
                "denied": ("不予公开", "denied"), "unable": ("无法提供", "unable to provide"),
                "not_processed": ("不予处理", "not processed"), "other": ("其他处理", "other")},
    "applicant": {"natural_person": ("自然人", "natural persons"), "org_commercial": ("商业企业", "businesses"),
                  "org_research": ("科研机构", "research institutions"),
                  "org_public_welfare": ("社会公益组织", "public-interest organisations"),
                  "org_legal_service": ("法律服务机构", "legal services"),
                  "org_other": ("其他组织", "other organisations")},
    "topic": {"interpretation": ("政策解读", "interpretation"), "applications": ("依申请办理", "applications"),
              "capacity": ("队伍能力", "capacity"), "participation": ("公众参与", "participation"),
              "content": ("公开内容", "content"), "standardization": ("标准化规范化", "standardisation"),
              "platform": ("平台渠道", "platforms"), "timeliness": ("及时性", "timeliness"),
              "mechanism": ("制度机制", "mechanisms"), "supervision": ("监督考核", "supervision"),
              "digital": ("数字化", "digitalisation"), "other": ("其他", "other"),
              "(no measure)": ("无措施", "no measure"), "(no problem)": ("无对应问题", "no problem")},
    "verdict": {"match": ("一致", "match"), "approx": ("约数一致", "approx."), "mismatch": ("不一致", "mismatch"),
                "unverifiable": ("无法核验", "unverifiable")},
    "kind": {"problem": ("问题", "problem"), "improvement": ("改进", "improvement"), "other": ("其他", "other")},
    "template": {"2019": ("2019 格式", "2019 format"), "2021": ("2021 格式", "2021 format"),
                 "pre2019": ("2019 年前格式", "pre-2019 format")},
    "group": {"year": ("年份", "year"), "format": ("文件格式", "source format"), "template": ("模板", "template"),
              "agency": ("机关", "agency"), "group": ("", "")},
}


def check_lang(lang: str) -> Lang:
    """``lang`` if it is one of :data:`LANGS`.

    Raises:
        UsageError: any other value (the message lists the valid ones).
    """
    if lang not in LANGS:
        raise UsageError(f"invalid lang {lang!r}; valid values: {', '.join(LANGS)}")
    return lang  # type: ignore[return-value]


def bilingual(zh: str, en: str, *, lang: Lang, sep: str = " ") -> str:
    """The Chinese text, the English text, or both joined by ``sep``."""
    if lang == "zh" or not en:
        return zh
    if lang == "en" or not zh:
        return en
    return f"{zh}{sep}{en}"


def category(kind: str, key: object, *, lang: Lang, zh: str | None = None, sep: str = " ") -> str:
    """The name of a category of ``kind`` (outcome, applicant, topic, verdict, kind, template, group).

    Args:
        kind: the kind of category.
        key: its key in the record (``granted``, ``capacity`` …).
        lang: the language.
        zh: the Chinese name to use when this module does not know the key (e.g. the ``label``
            column of a measure).
        sep: between the two names when ``lang="both"``.

    Returns:
        The name; the key itself when nothing is known of it.
    """
    names = _NAMES.get(kind, {}).get(str(key))
    if names is None:
        return (zh or str(key)) if lang != "en" else str(key)
    return bilingual(names[0], names[1], lang=lang, sep=sep)
