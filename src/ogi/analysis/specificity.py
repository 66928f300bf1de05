"""Specificity of statements: does a statement carry checkable content?

A statement is *specific* (spec statements.md) when it carries a number, a date, a named
unit, system or programme, or a named document (《…》).  Enumeration markers (一是,
（二）, 3.) are not numbers.  Generic statements such as 业务能力还有待进一步提升 carry
none of these.

Example:
    >>> from ogi.analysis.specificity import specificity
    >>> specificity("一是业务能力还有待进一步提升。")["specific"]
    False
    >>> specificity("2024年修订《政府信息公开指南》，办理申请120件。")["specific"]
    True
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pandas as pd

__all__ = ["FEATURES", "specificity", "specificity_summary", "statement_specificity"]

#: The kinds of checkable content looked for, in order.
FEATURES: tuple[str, ...] = ("number", "date", "named_unit", "document")

_CN_NUM = "零〇一二三四五六七八九十百千万两"
_MARKER_RE = re.compile(
    rf"^\s*(?:[{_CN_NUM}]+是|[（(][{_CN_NUM}\d]+[)）]|\d+[.、．]|[{_CN_NUM}]+[、.．]|首先|其次|再次|最后)")
_DATE_RE = re.compile(rf"(?:\d{{4}}|[{_CN_NUM}]{{4}})\s*年|\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*日)?|[{_CN_NUM}]{{1,3}}月份")
_NUMBER_RE = re.compile(
    rf"\d+(?:\.\d+)?\s*(?:%|％|件|次|个|项|条|家|人|场|期|篇|万|亿|元|天|日|小时|余|多)"
    rf"|[{_CN_NUM}]+\s*(?:件|次|个|项|条|家|人|场|期|篇)(?!一)"
    rf"|\d{{2,}}")
_DOC_RE = re.compile(r"《[^》]{2,60}》")
_UNIT_RE = re.compile(
    r"[\u4e00-\u9fff]{2,8}(?:省|市|县|区|镇|乡|街道)[\u4e00-\u9fff]{0,12}?"
    r"(?:人民政府|政府|局|厅|委员会|委|办公室|中心|法院|检察院)"
    r"|“[^”]{2,20}”"
    r"|[\u4e00-\u9fff]{2,12}(?<![等类各个])(?:平台|系统|网|APP|App|公众号|专栏|热线)(?=[，。；、\s]|$)"
    r"|12345")


def specificity(text: str) -> dict:
    """The checkable content of one statement.

    Args:
        text: the statement.

    Returns:
        ``{"number": bool, "date": bool, "named_unit": bool, "document": bool,
        "specific": bool, "n_features": int}``.

    Example:
        >>> specificity("三是在“互联网+政务服务”平台开设专栏。")["named_unit"]
        True
    """
    body = _MARKER_RE.sub("", text or "", count=1)
    no_docs = _DOC_RE.sub("", body)
    dates = bool(_DATE_RE.search(no_docs))
    numbers = bool(_NUMBER_RE.search(_DATE_RE.sub("", no_docs)))
    found = {"number": numbers, "date": dates, "named_unit": bool(_UNIT_RE.search(no_docs)),
             "document": bool(_DOC_RE.search(body))}
    n_features = sum(found.values())
    out: dict[str, bool | int] = {**found, "n_features": n_features, "specific": n_features > 0}
    return {k: out[k] for k in (*FEATURES, "specific", "n_features")}


def statement_specificity(data: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Specificity of every statement of the corpus.

    Args:
        data: the corpus tables (``statements`` is used).

    Returns:
        ``report_id``, ``idx``, ``kind``, ``main_topic``, the :data:`FEATURES` flags,
        ``specific``, ``n_features`` and ``chars`` (length of the statement).
    """
    st = data["statements"][["report_id", "idx", "kind", "main_topic", "text"]].reset_index(drop=True)
    flags = pd.DataFrame([specificity(t if isinstance(t, str) else "") for t in st["text"]],
                         columns=[*FEATURES, "specific", "n_features"])
    out = pd.concat([st.drop(columns="text"), flags], axis=1)
    out["chars"] = st["text"].fillna("").str.len()
    return out


def specificity_summary(data: Mapping[str, pd.DataFrame], *, by: str = "kind") -> pd.DataFrame:
    """Share of specific statements and of each kind of content, by statement kind or topic.

    Args:
        data: the corpus tables.
        by: ``kind`` or ``main_topic``.

    Returns:
        Columns ``<by>``, ``statements``, ``specific_share`` and one ``<feature>_share``
        per feature.
    """
    s = statement_specificity(data)
    agg = s.groupby(by, dropna=False).agg(statements=("idx", "size"), specific_share=("specific", "mean"),
                                          **{f"{f}_share": (f, "mean") for f in FEATURES})
    return agg.reset_index()
