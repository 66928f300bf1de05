"""Boilerplate: statements and paragraphs that recur almost word for word.

Generic statements (业务能力还有待进一步提升) recur across agencies and across the years of
one agency.  Each unit of text — a statement of section 五, or a paragraph of the
narrative — is compared with every unit of *other* reports by cosine similarity of
TF-IDF weights over character 2–3-grams (robust to the small edits that turn one
agency's sentence into another's).  For every unit the measure keeps

- ``sim_other_agency``: the highest similarity to a unit of another agency, and
- ``sim_same_agency``: the highest similarity to a unit of the same agency in another year;

a unit at or above the threshold (0.8 by default) is boilerplate of that kind.

Text the template itself requires is excluded: section headings, table captions, row
and column labels, the corner note of table 三, and table rows (lines left with fewer
than a few Chinese characters once template labels, numbers and punctuation are
removed).  Units of reports with no known agency (a redacted name) get no score.

Example:
    >>> from ogi.analysis.boilerplate import is_template_text
    >>> is_template_text("五、存在的主要问题及改进情况")
    True
    >>> is_template_text("一是业务能力还有待进一步提升。")
    False
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd

from ogi.errors import UsageError

__all__ = ["boilerplate_summary", "is_template_text", "near_duplicates", "template_phrases", "text_units"]

_MIN_CJK = 6
_LONG_LINE = 400
_SENT_RE = re.compile(r"(?<=[。！？；])")
_NON_CJK_RE = re.compile(r"[^\u4e00-\u9fff]+")


def _strings(node) -> list[str]:
    out: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            if k in ("label", "caption", "title_section", "corner_note", "column_super_header",
                     "group", "section_headings", "section1_usual_subheadings", "title"):
                if isinstance(v, str):
                    out.append(v)
                elif isinstance(v, list):
                    out += [s for s in v if isinstance(s, str)]
            out += _strings(v)
    elif isinstance(node, list):
        for v in node:
            out += _strings(v)
    return out


@functools.lru_cache(maxsize=1)
def template_phrases() -> tuple[str, ...]:
    """Chinese phrases the national template prescribes (headings, captions, labels), longest first.

    Each phrase is reduced to its Chinese characters, so that numbering and punctuation do
    not matter.
    """
    from ogi.spec import raw_spec

    found = {_NON_CJK_RE.sub("", s) for s in _strings(raw_spec())}
    extra = ("政府信息公开工作年度报告", "申请人情况", "法人或其他组织", "总计", "行政复议", "行政诉讼",
             "未经复议直接起诉", "复议后起诉", "结果维持", "结果纠正", "其他结果", "尚未审结",
             "信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "处理决定数量", "上一年项目数量",
             "本年增减", "采购项目数量", "采购总金额", "单位", "万元", "件", "个")
    found |= {_NON_CJK_RE.sub("", s) for s in extra}
    return tuple(sorted((p for p in found if len(p) >= 1), key=lambda p: (-len(p), p)))


def is_template_text(text: str, *, min_chars: int = _MIN_CJK) -> bool:
    """Whether a piece of text is (almost) only what the template requires.

    Args:
        text: a paragraph, line or statement.
        min_chars: Chinese characters that must remain once template phrases, numbers and
            punctuation are removed for the text to count as the agency's own.

    Example:
        >>> is_template_text("（一）予以公开 | 3 | 0 | 0 | 0 | 0 | 0 | 3")
        True
    """
    rest = _NON_CJK_RE.sub("", text or "")
    for p in template_phrases():
        if p in rest:
            rest = rest.replace(p, "")
    return len(rest) < min_chars


def _paragraphs(text: str) -> list[str]:
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if len(line) > _LONG_LINE:
            out += [s.strip() for s in _SENT_RE.split(line) if s.strip()]
        else:
            out.append(line)
    return out


def text_units(data: Mapping[str, pd.DataFrame], *, unit: Literal["statement", "paragraph"] = "statement",
               exclude_template: bool = True) -> pd.DataFrame:
    """The units of text compared for boilerplate.

    Args:
        data: the corpus tables.
        unit: ``"statement"`` (statements of section 五) or ``"paragraph"`` (lines of every
            section; a line longer than 400 characters — a copy that lost its line
            breaks — is cut at sentence ends).
        exclude_template: drop text the template requires (see :func:`is_template_text`).

    Returns:
        ``report_id``, ``agency``, ``year``, ``section``, ``text``, ``template_text``
        (kept only when ``exclude_template`` is False).

    Raises:
        UsageError: an unknown ``unit``.
    """
    if unit not in ("statement", "paragraph"):
        raise UsageError(f"invalid unit {unit!r}; valid values: statement, paragraph")
    rep = data["reports"][["report_id", "agency", "year"]].drop_duplicates("report_id")
    if unit == "statement":
        st = data["statements"]
        units = pd.DataFrame({"report_id": st["report_id"], "section": "problems", "text": st["text"]})
    else:
        rows = [(rid, key, p) for rid, key, text in zip(data["sections"]["report_id"], data["sections"]["key"],
                                                          data["sections"]["text"])
                for p in _paragraphs(text if isinstance(text, str) else "")]
        units = pd.DataFrame(rows, columns=["report_id", "section", "text"])
    units = units[units["text"].fillna("").str.strip() != ""]
    units = units.merge(rep, on="report_id", how="left")
    units["template_text"] = units["text"].map(is_template_text)
    if exclude_template:
        units = units[~units["template_text"]]
    cols = ["report_id", "agency", "year", "section", "text", "template_text"]
    return units[cols].reset_index(drop=True)


def near_duplicates(data: Mapping[str, pd.DataFrame], *, unit: Literal["statement", "paragraph"] = "statement",
                    threshold: float = 0.8, ngram_range: tuple[int, int] = (2, 3),
                    chunk: int = 1000) -> pd.DataFrame:
    """Highest similarity of every unit to other agencies and to other years of its agency.

    Args:
        data: the corpus tables.
        unit: ``"statement"`` or ``"paragraph"`` (see :func:`text_units`).
        threshold: cosine similarity at which a unit counts as boilerplate.
        ngram_range: character n-gram sizes of the TF-IDF features.
        chunk: rows compared at once (memory: ``chunk`` × units floats).

    Returns:
        The units of :func:`text_units` with ``sim_other_agency``, ``sim_same_agency``
        (NaN when there is nothing to compare with), ``boilerplate_agency`` and
        ``boilerplate_year`` (similarity ≥ threshold).

    Raises:
        UsageError: ``threshold`` outside 0–1 or an unknown ``unit``.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    if not 0.0 <= threshold <= 1.0:
        raise UsageError(f"threshold must be from 0 to 1, got {threshold!r}")
    units = text_units(data, unit=unit)
    n = len(units)
    other = np.full(n, np.nan)
    same = np.full(n, np.nan)
    if n >= 2:
        texts = [_NON_CJK_RE.sub("", t) or t for t in units["text"]]
        X = TfidfVectorizer(analyzer="char", ngram_range=ngram_range, sublinear_tf=True).fit_transform(texts)
        rid = pd.factorize(units["report_id"])[0]
        ag_known = units["agency"].notna().to_numpy()
        ag = pd.factorize(units["agency"].fillna("\0"))[0]
        yr = units["year"].astype("float64").fillna(-1).to_numpy()
        XT = X.T.tocsc()
        for s in range(0, n, chunk):
            e = min(n, s + chunk)
            S = (X[s:e] @ XT).toarray()
            for i in range(s, e):
                row = S[i - s]
                if not ag_known[i]:
                    continue
                diff_rep = rid != rid[i]
                m_other = diff_rep & ag_known & (ag != ag[i])
                m_same = diff_rep & (ag == ag[i]) & (yr != yr[i])
                if m_other.any():
                    other[i] = float(row[m_other].max())
                if m_same.any():
                    same[i] = float(row[m_same].max())
    out = units.drop(columns="template_text").copy()
    out["sim_other_agency"] = np.round(other, 6)
    out["sim_same_agency"] = np.round(same, 6)
    out["boilerplate_agency"] = out["sim_other_agency"] >= threshold
    out["boilerplate_year"] = out["sim_same_agency"] >= threshold
    return out


def boilerplate_summary(dups: pd.DataFrame, *, by: str | None = None) -> pd.DataFrame:
    """Share of units that are boilerplate across agencies and across years.

    Args:
        dups: the result of :func:`near_duplicates`.
        by: a column of ``dups`` to group by (``year``, ``section``) or ``None``.

    Returns:
        Columns ``<by>``, ``units``, ``scored`` (units with a known agency),
        ``agency_share``, ``year_share``, ``median_sim_other_agency``.
    """
    d = dups.assign(group="all") if by is None else dups.rename(columns={by: "group"})
    scored = d[d["sim_other_agency"].notna() | d["sim_same_agency"].notna()]
    g = d.groupby("group", sort=True)
    out = pd.DataFrame({"units": g.size()})
    out["scored"] = scored.groupby("group").size().reindex(out.index).fillna(0).astype(int)
    out["agency_share"] = scored.groupby("group")["boilerplate_agency"].mean().reindex(out.index)
    yr = scored[scored["sim_same_agency"].notna()]
    out["year_share"] = yr.groupby("group")["boilerplate_year"].mean().reindex(out.index)
    out["median_sim_other_agency"] = scored.groupby("group")["sim_other_agency"].median().reindex(out.index)
    return out.reset_index().rename(columns={"group": by or "group"})
