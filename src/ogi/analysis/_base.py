"""Shared ground of the corpus measures: constants, report selection, groups and exclusions.

Every measure selects its reports the same way (:func:`selected`: ``status == "report"`` by
default, every row with ``include="all"``), groups them the same way (:func:`group_key`) and
counts, per group, the reports it used (``n``) and those it could not use (``n_excluded``,
with the reasons in ``excluded``: ``"reason: count; …"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

import pandas as pd

from ogi.errors import UsageError

Tables = Mapping[str, pd.DataFrame]
Include = Literal["report", "all"]

#: Outcome categories of table 三 (办理结果), in template order.
OUTCOMES: tuple[str, ...] = ("granted", "partial", "denied", "unable", "not_processed", "other")
#: Chinese labels of :data:`OUTCOMES`.
OUTCOME_LABELS: dict[str, str] = {"granted": "予以公开", "partial": "部分公开", "denied": "不予公开",
                                  "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}
#: The eight reasons for 不予公开, with their labels.
DENIAL_REASONS: dict[str, str] = {
    "denied_state_secret": "国家秘密", "denied_law_forbidden": "法律行政法规禁止",
    "denied_three_safety_one_stability": "三安全一稳定", "denied_third_party": "第三方合法权益",
    "denied_internal_affairs": "内部事务信息", "denied_process_info": "过程性信息",
    "denied_enforcement_file": "行政执法案卷", "denied_admin_query": "行政查询事项"}
#: Applicant columns of table 三: 自然人 and the five kinds of organisation.
APPLICANTS: tuple[str, ...] = ("natural_person", "org_commercial", "org_research", "org_public_welfare",
                               "org_legal_service", "org_other")
#: Chinese labels of :data:`APPLICANTS`.
APPLICANT_LABELS: dict[str, str] = {"natural_person": "自然人", "org_commercial": "商业企业",
                                    "org_research": "科研机构", "org_public_welfare": "社会公益组织",
                                    "org_legal_service": "法律服务机构", "org_other": "其他组织"}
#: Claim verdicts (spec report-json.md), in order.
VERDICTS: tuple[str, ...] = ("match", "approx", "mismatch", "unverifiable")
#: Chinese labels of the statement topics (spec statements.md).
TOPIC_LABELS: dict[str, str] = {
    "interpretation": "政策解读", "applications": "依申请办理", "capacity": "队伍能力",
    "participation": "公众参与", "content": "公开内容", "standardization": "标准化规范化",
    "platform": "平台渠道", "timeliness": "及时性", "mechanism": "制度机制", "supervision": "监督考核",
    "digital": "数字化", "other": "其他"}
#: Sections whose text is narrative only (no template table): 一, 五, 六.
NARRATIVE_SECTIONS: tuple[str, ...] = ("overview", "problems", "other")
#: Rule-name prefixes of the accounting identities (STRUCT-, EMPTY-CELLS … are not identities).
IDENTITY_PREFIXES: tuple[str, ...] = ("T2-", "T3-", "T4-", "X-")
#: The basis of a per-report value: printed in the source, derived from printed cells, settled
#: by a researcher's override (``ogi process --overrides``), or missing.
BASES: tuple[str, ...] = ("printed", "derived", "override", "missing")

_GROUPS = ("year", "template", "format", "agency", "agency_id", "level", "status")
_INCLUDE = ("report", "all")


def check_by(by: str | None) -> None:
    """Raise :class:`UsageError` unless ``by`` is a valid grouping."""
    if by is not None and by not in _GROUPS:
        raise UsageError(f"invalid by {by!r}; valid values: None, {', '.join(_GROUPS)}")


def reports_table(data: Tables) -> pd.DataFrame:
    """The ``reports`` table (a clear error when the mapping has none)."""
    try:
        return data["reports"]
    except KeyError:
        raise UsageError("the corpus tables have no 'reports' table; pass ogi.dataset.frames(...) "
                         "or ogi.analysis.load_dataset(...)") from None


def _status(rep: pd.DataFrame) -> pd.Series:
    if "status" not in rep.columns:
        return pd.Series("report", index=rep.index)
    return rep["status"].fillna("report").astype(str)


def selected(data: Tables, include: Include = "report") -> pd.DataFrame:
    """The reports a measure uses: ``status == "report"`` (default) or every row (``"all"``).

    Tables without a ``status`` column (made before it existed) count every row as a report.
    """
    if include not in _INCLUDE:
        raise UsageError(f"invalid include {include!r}; valid values: {', '.join(_INCLUDE)}")
    rep = reports_table(data).drop_duplicates("report_id")
    if include == "all":
        return rep
    return rep[_status(rep) == "report"]


def group_key(data: Tables, by: str | None, include: Include = "report") -> pd.Series:
    """The group of every selected report (``"all"`` when ``by`` is None), indexed by report_id."""
    check_by(by)
    rep = selected(data, include).set_index("report_id")
    if by is None:
        return pd.Series("all", index=rep.index, name="group")
    if by not in rep.columns:
        raise UsageError(f"the reports table has no column {by!r}")
    return rep[by].rename("group")


def with_group(df: pd.DataFrame, data: Tables, by: str | None, include: Include = "report") -> pd.DataFrame:
    """``df`` (rows with ``report_id``) restricted to the selected reports, with their ``group``."""
    g = group_key(data, by, include)
    out = df.merge(g, left_on="report_id", right_index=True, how="inner")
    return out[out["group"].notna()]


def finish(df: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Name the group column after ``by`` and renumber the rows."""
    return df.rename(columns={"group": by or "group"}).reset_index(drop=True)


def status_exclusions(data: Tables, by: str | None, include: Include) -> pd.DataFrame:
    """Reports left out by the status filter: ``report_id``, ``group``, ``reason``."""
    if include == "all":
        return pd.DataFrame(columns=["report_id", "group", "reason"])
    rep = reports_table(data).drop_duplicates("report_id")
    st = _status(rep)
    out = rep[st != "report"]
    if by is None:
        g = pd.Series("all", index=out.index)
    elif by in out.columns:
        g = out[by]
    else:
        g = pd.Series(pd.NA, index=out.index)
    res = pd.DataFrame({"report_id": out["report_id"], "group": g, "reason": "status " + st[st != "report"]})
    return res[res["group"].notna()]


def reasons_text(reasons: pd.Series) -> str:
    """``"reason: count; …"`` (reasons sorted by count, then name)."""
    counts = reasons.value_counts()
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "; ".join(f"{k}: {v}" for k, v in items)


def add_n(out: pd.DataFrame, used: pd.DataFrame, excluded: pd.DataFrame) -> pd.DataFrame:
    """Add ``n``, ``n_excluded`` and ``excluded`` per ``group`` to ``out``.

    Args:
        out: the measure, with a ``group`` column.
        used: ``report_id``, ``group`` of the reports used.
        excluded: ``report_id``, ``group``, ``reason`` of the reports left out (one row each).
    """
    n = used.drop_duplicates("report_id").groupby("group")["report_id"].size()
    ex = excluded.drop_duplicates("report_id")
    nx = ex.groupby("group")["report_id"].size()
    why = ex.groupby("group")["reason"].agg(reasons_text) if len(ex) else pd.Series(dtype=object)
    out = out.copy()
    groups = out["group"].astype(object)
    out["n"] = [int(n.get(g, 0)) for g in groups]
    out["n_excluded"] = [int(nx.get(g, 0)) for g in groups]
    out["excluded"] = [str(why.get(g, "")) for g in groups]
    out = out.astype({"n": "int64", "n_excluded": "int64"})
    return out
