"""Corpus measures over the corpus tables: requests, reporting quality and self-criticism.

Every measure takes the corpus tables — the mapping of DataFrames that
:func:`ogi.dataset.frames` returns, or that :func:`ogi.analysis.load_dataset` reads from a
processed corpus — and returns a tidy :class:`pandas.DataFrame` (one row per group and
category) with stable columns, ready to be drawn, written as CSV or typeset as a table.

Counts come from the 总计 (``total``) column of table 三 and the ``total`` column of each
block of table 四; a blank cell counts as 0, as in the template's own sums.  Groups are
``year``, ``template``, ``format`` or ``agency`` (any column of the ``reports`` table), or
``None`` for the whole corpus.

Example:
    >>> import ogi
    >>> from ogi.dataset import frames
    >>> from ogi.analysis import measures
    >>> data = frames([ogi.parse("corpora/sample/seed-2024-masked.txt").to_dict()])  # doctest: +SKIP
    >>> measures.outcome_shares(data, by="year")[["year", "label", "count"]].head(2)  # doctest: +SKIP
       year label  count
    0  2024  予以公开    3.0
    1  2024  部分公开    0.0
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping

import pandas as pd

from ogi.errors import UsageError

__all__ = [
    "APPLICANTS",
    "APPLICANT_LABELS",
    "DENIAL_REASONS",
    "IDENTITY_PREFIXES",
    "NARRATIVE_SECTIONS",
    "OUTCOMES",
    "OUTCOME_LABELS",
    "TOPIC_LABELS",
    "VERDICTS",
    "appeals",
    "applicant_mix",
    "carry_over",
    "cell_quality",
    "claim_verdicts",
    "denial_reasons",
    "identity_violations",
    "narrative_length",
    "outcome_shares",
    "pairing_matrix",
    "pairing_summary",
    "request_volume",
    "statement_counts",
    "table3_totals",
    "topic_prevalence",
    "violation_rates",
    "wilson_interval",
]

Tables = Mapping[str, pd.DataFrame]

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

_GROUPS = ("year", "template", "format", "agency")


def _outcome_of(row: str) -> str | None:
    if row in ("granted", "partial"):
        return row
    for prefix, cat in (("denied_", "denied"), ("unable_", "unable"), ("np_", "not_processed"),
                        ("other_", "other")):
        if row.startswith(prefix):
            return cat
    return None


def _check_by(by: str | None) -> None:
    if by is not None and by not in _GROUPS:
        raise UsageError(f"invalid by {by!r}; valid values: None, {', '.join(_GROUPS)}")


def _reports(data: Tables) -> pd.DataFrame:
    try:
        return data["reports"]
    except KeyError:
        raise UsageError("the corpus tables have no 'reports' table; pass ogi.dataset.frames(...) "
                         "or ogi.analysis.load_dataset(...)") from None


def _group_key(data: Tables, by: str | None) -> pd.Series:
    """The group of every report (``"all"`` when ``by`` is None), indexed by report_id."""
    _check_by(by)
    rep = _reports(data).drop_duplicates("report_id").set_index("report_id")
    if by is None:
        return pd.Series("all", index=rep.index, name="group")
    return rep[by].rename("group")


def _with_group(df: pd.DataFrame, data: Tables, by: str | None) -> pd.DataFrame:
    g = _group_key(data, by)
    out = df.merge(g, left_on="report_id", right_index=True, how="inner")
    return out[out["group"].notna()]


def _finish(df: pd.DataFrame, by: str | None) -> pd.DataFrame:
    df = df.rename(columns={"group": by or "group"})
    return df.reset_index(drop=True)


def table3_totals(data: Tables) -> pd.DataFrame:
    """The 总计 column of table 三 as one row per report (columns: the table's row keys).

    Blank cells are 0; reports without table 三 (older formats) are left out.

    Args:
        data: the corpus tables.

    Returns:
        A DataFrame indexed by ``report_id`` with one float column per row key
        (``new_received``, ``granted`` … ``carried_forward``).
    """
    cells = data["cells"]
    t3 = cells[(cells["table"] == "table3")]
    if t3.empty:
        return pd.DataFrame(index=pd.Index([], name="report_id"))
    wide = (t3.assign(v=t3["value"].astype("float64").fillna(0.0))
            .pivot_table(index="report_id", columns="key", values="v", aggfunc="sum"))
    return wide


def _t3_column(data: Tables, column: str) -> pd.DataFrame:
    cells = data["cells"]
    t3 = cells[(cells["table"] == "table3") & (cells["column"] == column)]
    return t3.assign(v=t3["value"].astype("float64").fillna(0.0))


def request_volume(data: Tables) -> pd.DataFrame:
    """Requests per report: received, carried over, decided, carried forward.

    Args:
        data: the corpus tables.

    Returns:
        One row per report with table 三: ``report_id``, ``agency``, ``year``, ``template``,
        ``format``, ``new_received``, ``carried_over``, ``result_total``,
        ``carried_forward``.

    Example:
        >>> request_volume(data)[["year", "new_received"]].head(1)  # doctest: +SKIP
           year  new_received
        0  2024           4.0
    """
    totals = _t3_column(data, "total")
    cols = ["new_received", "carried_over", "result_total", "carried_forward"]
    wide = (totals[totals["row"].isin(cols)]
            .pivot_table(index="report_id", columns="row", values="v", aggfunc="sum")
            .reindex(columns=cols).fillna(0.0))
    rep = _reports(data)[["report_id", "agency", "year", "template", "format"]]
    out = rep.merge(wide, left_on="report_id", right_index=True, how="inner")
    return out.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def outcome_shares(data: Tables, *, by: str | None = "year") -> pd.DataFrame:
    """How requests were answered: shares of 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.

    Args:
        data: the corpus tables.
        by: group reports by this column of ``reports`` (``year``, ``template``,
            ``format``, ``agency``) or ``None`` for the whole corpus.

    Returns:
        Columns ``<by>``, ``outcome``, ``label``, ``count``, ``share`` (of all decided
        requests of the group; 0 when the group decided none), one row per group and
        outcome, outcomes in template order.

    Raises:
        UsageError: ``by`` is not a valid grouping.
    """
    totals = _t3_column(data, "total")
    totals = totals.assign(outcome=totals["row"].map(_outcome_of)).dropna(subset=["outcome"])
    totals = _with_group(totals, data, by)
    counts = totals.groupby(["group", "outcome"])["v"].sum().unstack("outcome")
    counts = counts.reindex(columns=list(OUTCOMES)).fillna(0.0)
    return _tidy_shares(counts, "outcome", OUTCOME_LABELS, by)


def _tidy_shares(counts: pd.DataFrame, name: str, labels: Mapping[str, str], by: str | None) -> pd.DataFrame:
    denom = counts.sum(axis=1)
    shares = counts.div(denom.where(denom > 0), axis=0).fillna(0.0)
    long = counts.stack().rename("count").to_frame()
    long["share"] = shares.stack()
    long = long.reset_index()
    long.columns = ["group", name, "count", "share"]
    long.insert(2, "label", long[name].map(labels))
    order = {k: i for i, k in enumerate(labels)}
    long = long.assign(_o=long[name].map(order)).sort_values(["group", "_o"]).drop(columns="_o")
    return _finish(long, by)


def denial_reasons(data: Tables, *, by: str | None = None) -> pd.DataFrame:
    """不予公开 by reason: counts and shares of the eight reasons of table 三.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``reason``, ``label``, ``count``, ``share`` (of all denials in
        the group).
    """
    totals = _t3_column(data, "total")
    totals = _with_group(totals[totals["row"].isin(list(DENIAL_REASONS))], data, by)
    counts = totals.groupby(["group", "row"])["v"].sum().unstack("row")
    counts = counts.reindex(columns=list(DENIAL_REASONS)).fillna(0.0)
    return _tidy_shares(counts, "reason", DENIAL_REASONS, by)


def applicant_mix(data: Tables, *, by: str | None = "year") -> pd.DataFrame:
    """Who asks: new requests by 自然人 and the five kinds of organisation.

    Read from the row 一、本年新收政府信息公开申请数量 of table 三.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``applicant``, ``label``, ``count``, ``share``.
    """
    cells = data["cells"]
    new = cells[(cells["table"] == "table3") & (cells["row"] == "new_received")
                & cells["column"].isin(list(APPLICANTS))]
    new = _with_group(new.assign(v=new["value"].astype("float64").fillna(0.0)), data, by)
    counts = new.groupby(["group", "column"])["v"].sum().unstack("column")
    counts = counts.reindex(columns=list(APPLICANTS)).fillna(0.0)
    return _tidy_shares(counts, "applicant", APPLICANT_LABELS, by)


def appeals(data: Tables, *, by: str | None = "year") -> pd.DataFrame:
    """Administrative review (行政复议) and litigation (行政诉讼) counts and correction rates.

    The correction rate is 纠正 / (总计 − 尚未审结): the share of decided cases in which the
    agency's reply was corrected.  Litigation adds the direct suits (未经复议直接起诉) and
    the suits after review (复议后起诉).

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``review``, ``review_corrected``,
        ``review_correction_rate``, ``litigation``, ``litigation_corrected``,
        ``litigation_correction_rate`` (rates are NaN when no case was decided).
    """
    cells = data["cells"]
    t4 = cells[cells["table"] == "table4"]
    t4 = _with_group(t4.assign(v=t4["value"].astype("float64").fillna(0.0)), data, by)
    t4 = t4.assign(kind=t4["row"].map(lambda r: "review" if r == "review" else "litigation"))
    s = t4.groupby(["group", "kind", "column"])["v"].sum().unstack(["kind", "column"])
    n = t4.groupby("group")["report_id"].nunique()
    out = pd.DataFrame({"group": s.index, "reports": n.reindex(s.index).to_numpy()})
    def col(kind: str, c: str) -> pd.Series:
        return s[(kind, c)] if (kind, c) in s.columns else pd.Series(0.0, index=s.index)

    for kind in ("review", "litigation"):
        total, corrected, pending = col(kind, "total"), col(kind, "corrected"), col(kind, "pending")
        decided = total - pending
        out[kind] = total.to_numpy()
        out[f"{kind}_corrected"] = corrected.to_numpy()
        out[f"{kind}_correction_rate"] = (corrected / decided.where(decided > 0)).to_numpy()
    return _finish(out, by)


def carry_over(data: Tables, *, by: str | None = "year") -> pd.DataFrame:
    """Requests carried over from last year and forward into next year.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``new_received``, ``carried_over``,
        ``carried_forward``, ``carried_forward_share`` (carried forward / (new + carried
        over)).
    """
    vol = request_volume(data)
    g = _group_key(data, by)
    vol = vol.merge(g, left_on="report_id", right_index=True)
    vol = vol[vol["group"].notna()]
    agg = vol.groupby("group").agg(reports=("report_id", "nunique"), new_received=("new_received", "sum"),
                                   carried_over=("carried_over", "sum"),
                                   carried_forward=("carried_forward", "sum")).reset_index()
    load = agg["new_received"] + agg["carried_over"]
    agg["carried_forward_share"] = agg["carried_forward"] / load.where(load > 0)
    return _finish(agg, by)


def identity_violations(data: Tables) -> pd.DataFrame:
    """Accounting identities each report breaks in its own tables.

    A finding is an identity violation when its rule is one of the template's accounting
    rules (``T2-…``, ``T3-…``, ``T4-…``) and its severity is ``error``; ``uncertain``
    findings (a blank cell is involved) are counted apart.

    Args:
        data: the corpus tables.

    Returns:
        One row per report: ``report_id``, ``agency``, ``year``, ``template``, ``format``,
        ``violations``, ``uncertain``, ``flag`` (at least one violation), ``rules``
        (sorted, ``;``-joined).
    """
    f = data["findings"]
    ident = f[f["rule"].fillna("").str.startswith(IDENTITY_PREFIXES)]
    err = ident[ident["severity"] == "error"]
    unc = ident[ident["severity"] == "uncertain"]
    rep = _reports(data)[["report_id", "agency", "year", "template", "format"]].copy()
    rep = rep[rep["template"].isin(["2019", "2021"])]
    rep["violations"] = rep["report_id"].map(err.groupby("report_id").size()).fillna(0).astype(int)
    rep["uncertain"] = rep["report_id"].map(unc.groupby("report_id").size()).fillna(0).astype(int)
    rep["flag"] = rep["violations"] > 0
    rules = err.groupby("report_id")["rule"].agg(lambda s: ";".join(sorted(set(s))))
    rep["rules"] = rep["report_id"].map(rules).fillna("")
    return rep.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def wilson_interval(k: float, n: float, *, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k / n`` (``(nan, nan)`` when ``n`` is 0).

    Example:
        >>> [round(x, 3) for x in wilson_interval(2, 10)]
        [0.057, 0.51]
    """
    if n <= 0:
        return (math.nan, math.nan)
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def violation_rates(data: Tables, *, by: str | None = "year") -> pd.DataFrame:
    """Share of reports (in the national format) that break an accounting identity.

    Args:
        data: the corpus tables.
        by: grouping column (``year``, ``format`` …) or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``flagged``, ``rate``, ``low``, ``high`` (95 %
        Wilson interval), ``violations`` (findings), ``uncertain``.
    """
    _check_by(by)
    v = identity_violations(data)
    key = by or "group"
    if by is None:
        v = v.assign(group="all")
    v = v[v[key].notna()]
    agg = v.groupby(key).agg(reports=("report_id", "size"), flagged=("flag", "sum"),
                             violations=("violations", "sum"), uncertain=("uncertain", "sum")).reset_index()
    agg["rate"] = agg["flagged"] / agg["reports"]
    ci = [wilson_interval(k, n) for k, n in zip(agg["flagged"], agg["reports"])]
    agg["low"] = [c[0] for c in ci]
    agg["high"] = [c[1] for c in ci]
    return agg[[key, "reports", "flagged", "rate", "low", "high", "violations", "uncertain"]]


def cell_quality(data: Tables, *, by: str | None = None) -> pd.DataFrame:
    """Blank, ambiguous and unreadable table cells.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``cells``, ``blank``, ``ambiguous``, ``unreadable``
        and their shares ``blank_share``, ``ambiguous_share``, ``unreadable_share``, plus
        ``reports_with_ambiguous``.
    """
    cells = _with_group(data["cells"], data, by)
    st = cells.groupby(["group", "status"]).size().unstack("status")
    st = st.reindex(columns=["ok", "blank", "ambiguous", "unreadable"]).fillna(0).astype(int)
    out = pd.DataFrame({"group": st.index})
    out["reports"] = cells.groupby("group")["report_id"].nunique().reindex(st.index).to_numpy()
    out["cells"] = st.sum(axis=1).to_numpy()
    for s in ("blank", "ambiguous", "unreadable"):
        out[s] = st[s].to_numpy()
        out[f"{s}_share"] = out[s] / out["cells"]
    amb = cells[cells["status"] == "ambiguous"].groupby("group")["report_id"].nunique()
    out["reports_with_ambiguous"] = out["group"].map(amb).fillna(0).astype(int)
    return _finish(out, by)


def claim_verdicts(data: Tables, *, by: str | None = None) -> pd.DataFrame:
    """Shares of the claim verdicts (match, approx, mismatch, unverifiable).

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``verdict``, ``count``, ``share``; every verdict appears (count
        0 when absent), so an empty claims table gives zero rows of counts, not an error.
    """
    claims = _with_group(data["claims"], data, by)
    groups = sorted(_group_key(data, by).dropna().unique().tolist(), key=str)
    counts = claims.groupby(["group", "verdict"]).size().unstack("verdict") if len(claims) else pd.DataFrame()
    counts = counts.reindex(index=groups, columns=list(VERDICTS)).fillna(0).astype(int)
    counts.index.name = "group"
    out = _tidy_shares(counts.astype(float), "verdict", {v: v for v in VERDICTS}, by)
    return out.drop(columns="label")


def _cjk_len(text: object) -> int:
    if not isinstance(text, str):
        return 0
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def narrative_length(data: Tables, *, sections: tuple[str, ...] = NARRATIVE_SECTIONS) -> pd.DataFrame:
    """Length of each report's narrative, in Chinese characters (汉字).

    By default the narrative is sections 一 (总体情况), 五 (problems) and 六 (other): the
    sections that carry no template table, so the measure is the same in every layout.

    Args:
        data: the corpus tables.
        sections: the section keys to count.

    Returns:
        One row per report: ``report_id``, ``agency``, ``year``, ``template``, ``format``,
        one ``chars_<key>`` column per section and ``narrative_chars`` (their sum).
    """
    sec = data["sections"]
    sec = sec[sec["key"].isin(list(sections))]
    lens = (sec.assign(n=sec["text"].map(_cjk_len)).groupby(["report_id", "key"])["n"].sum()
            .unstack("key").reindex(columns=list(sections)).fillna(0).astype(int))
    lens.columns = [f"chars_{k}" for k in lens.columns]
    rep = _reports(data)[["report_id", "agency", "year", "template", "format"]]
    out = rep.merge(lens, left_on="report_id", right_index=True, how="left")
    for c in lens.columns:
        out[c] = out[c].fillna(0).astype(int)
    out["narrative_chars"] = out[list(lens.columns)].sum(axis=1)
    return out.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def statement_counts(data: Tables) -> pd.DataFrame:
    """Problems and improvements per report (section 五).

    Args:
        data: the corpus tables.

    Returns:
        One row per report: ``report_id``, ``agency``, ``year``, ``problem``,
        ``improvement``, ``other``, ``statements``.
    """
    st = data["statements"]
    k = st.groupby(["report_id", "kind"]).size().unstack("kind")
    k = k.reindex(columns=["problem", "improvement", "other"]).fillna(0).astype(int)
    rep = _reports(data)[["report_id", "agency", "year"]]
    out = rep.merge(k, left_on="report_id", right_index=True, how="left")
    for c in ("problem", "improvement", "other"):
        out[c] = out[c].fillna(0).astype(int)
    out["statements"] = out[["problem", "improvement", "other"]].sum(axis=1)
    return out.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def _topics_list(v: object) -> list[str]:
    if isinstance(v, str):
        try:
            out = json.loads(v)
        except ValueError:
            return []
        return [t for t in out if isinstance(t, str)]
    if isinstance(v, (list, tuple)):
        return [t for t in v if isinstance(t, str)]
    return []


def topic_prevalence(data: Tables, *, kind: str = "problem", by: str | None = None) -> pd.DataFrame:
    """How often each topic is raised: statements and share of reports.

    A report raises a topic when at least one of its statements of this ``kind`` has the
    topic among its labels (topics are multi-label).

    Args:
        data: the corpus tables.
        kind: ``problem``, ``improvement`` or ``other``.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``topic``, ``label``, ``statements``, ``main`` (statements with
        it as main topic), ``reports`` (raising it), ``report_share`` (of the group's
        reports with at least one statement of this kind), topics in spec order.

    Raises:
        UsageError: an unknown ``kind``.
    """
    if kind not in ("problem", "improvement", "other"):
        raise UsageError(f"invalid kind {kind!r}; valid values: problem, improvement, other")
    st = _with_group(data["statements"], data, by)
    st = st[st["kind"] == kind]
    ex = st.assign(topic=st["topics"].map(_topics_list)).explode("topic").dropna(subset=["topic"])
    groups = sorted(_group_key(data, by).dropna().unique().tolist(), key=str)
    idx = pd.MultiIndex.from_product([groups, list(TOPIC_LABELS)], names=["group", "topic"])
    out = pd.DataFrame(index=idx)
    out["statements"] = ex.groupby(["group", "topic"]).size()
    out["main"] = st.groupby(["group", "main_topic"]).size().rename_axis(["group", "topic"])
    out["reports"] = ex.groupby(["group", "topic"])["report_id"].nunique()
    out = out.fillna(0).astype(int).reset_index()
    base = st.groupby("group")["report_id"].nunique()
    denom = out["group"].map(base).fillna(0)
    out["report_share"] = (out["reports"] / denom.where(denom > 0)).fillna(0.0)
    out.insert(2, "label", out["topic"].map(TOPIC_LABELS))
    return _finish(out, by)


NO_MEASURE = "(no measure)"
NO_PROBLEM = "(no problem)"


def pairing_matrix(data: Tables) -> pd.DataFrame:
    """Problems against the improvements that answer them, by main topic.

    Rows are the problems' main topics, columns the paired improvements' main topics;
    the extra column ``(no measure)`` counts problems that no improvement answers and
    the extra row ``(no problem)`` improvements that answer no stated problem.

    Args:
        data: the corpus tables.

    Returns:
        A square-ish count DataFrame (topics in spec order, plus the two margins),
        index named ``problem``, columns named ``improvement``.
    """
    st = data["statements"]
    key = st.set_index(["report_id", "idx"])
    topics = list(TOPIC_LABELS)
    mat = pd.DataFrame(0, index=topics + [NO_PROBLEM], columns=topics + [NO_MEASURE])
    main = key["main_topic"].fillna("other")
    kind = key["kind"]
    for (rid, i), row in key.iterrows():
        p = row["pair"]
        if row["kind"] == "problem":
            t = main[(rid, i)] if main[(rid, i)] in topics else "other"
            if pd.isna(p) or kind.get((rid, int(p))) != "improvement":
                mat.loc[t, NO_MEASURE] += 1
            else:
                u = main.get((rid, int(p)), "other")
                mat.loc[t, u if u in topics else "other"] += 1
        elif row["kind"] == "improvement" and (pd.isna(p) or kind.get((rid, int(p))) != "problem"):
            u = main[(rid, i)] if main[(rid, i)] in topics else "other"
            mat.loc[NO_PROBLEM, u] += 1
    mat.index.name = "problem"
    mat.columns.name = "improvement"
    return mat


def pairing_summary(data: Tables, *, by: str | None = None) -> pd.DataFrame:
    """Problems with no measure and measures answering no problem.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``problems``, ``unanswered_problems``, ``unanswered_share``,
        ``improvements``, ``unprompted_improvements``, ``unprompted_share``,
        ``same_topic_share`` (paired problems whose improvement has the same main topic).
    """
    st = _with_group(data["statements"], data, by)
    kind = st.set_index(["report_id", "idx"])["kind"]
    main = st.set_index(["report_id", "idx"])["main_topic"]
    rows = []
    for g, part in st.groupby("group", sort=True):
        prob = part[part["kind"] == "problem"]
        imp = part[part["kind"] == "improvement"]

        def partner(df: pd.DataFrame, want: str) -> list:
            return [(r, int(p)) if pd.notna(p) and kind.get((r, int(p))) == want else None
                    for r, p in zip(df["report_id"], df["pair"])]

        pp = partner(prob, "improvement")
        ip = partner(imp, "problem")
        paired = [(t, main.get(q)) for t, q in zip(prob["main_topic"], pp) if q is not None]
        rows.append({"group": g, "problems": len(prob),
                     "unanswered_problems": sum(q is None for q in pp),
                     "improvements": len(imp), "unprompted_improvements": sum(q is None for q in ip),
                     "same_topic_share": (sum(a == b for a, b in paired) / len(paired)) if paired else math.nan})
    out = pd.DataFrame(rows, columns=["group", "problems", "unanswered_problems", "improvements",
                                      "unprompted_improvements", "same_topic_share"])
    out["unanswered_share"] = out["unanswered_problems"] / out["problems"].where(out["problems"] > 0)
    out["unprompted_share"] = out["unprompted_improvements"] / out["improvements"].where(out["improvements"] > 0)
    out = out[["group", "problems", "unanswered_problems", "unanswered_share", "improvements",
               "unprompted_improvements", "unprompted_share", "same_topic_share"]]
    return _finish(out, by)
