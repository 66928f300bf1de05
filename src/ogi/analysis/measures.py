"""Corpus measures over the corpus tables: requests, reporting quality and self-criticism.

Every measure takes the corpus tables — the mapping of DataFrames that
:func:`ogi.dataset.frames` returns, or that :func:`ogi.analysis.load_dataset` reads from a
processed corpus — and returns a tidy :class:`pandas.DataFrame` (one row per group and
category) with stable columns, ready to be drawn, written as CSV or typeset as a table.

Counts come from the 总计 (``total``) column of table 三 and the cells of table 四 (see
:mod:`ogi.analysis.requests`): no blank, ambiguous or unreadable cell is read as 0; a blank 总计
whose applicant columns are all known is their sum (basis ``derived``), anything else is
missing and the report is left out of that measure.  Every grouped measure gives per group
``n`` (reports used), ``n_excluded`` and ``excluded`` (the reasons, ``"reason: count; …"``).
Measures use the reports of ``status == "report"`` unless ``include="all"``.  Groups are
``year``, ``template``, ``format``, ``agency``, ``agency_id``, ``level`` or ``status``
(columns of the ``reports`` table), or ``None`` for the whole corpus.

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

import pandas as pd

from ogi.analysis._base import (
    APPLICANT_LABELS,
    APPLICANTS,
    BASES,
    DENIAL_REASONS,
    IDENTITY_PREFIXES,
    NARRATIVE_SECTIONS,
    OUTCOME_LABELS,
    OUTCOMES,
    TOPIC_LABELS,
    VERDICTS,
    Include,
    Tables,
    add_n,
    check_by,
    finish,
    group_key,
    selected,
    status_exclusions,
    with_group,
)
from ogi.analysis.requests import (
    _tidy_shares,
    appeals,
    applicant_mix,
    carry_over,
    denial_reasons,
    outcome_shares,
    request_volume,
    table3_total_cells,
    table3_totals,
)
from ogi.errors import UsageError
from ogi.nlp.taxonomy import topic_order

__all__ = [
    "APPLICANTS",
    "APPLICANT_LABELS",
    "BASES",
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
    "table3_total_cells",
    "table3_totals",
    "topic_prevalence",
    "violation_rates",
    "wilson_interval",
]

def identity_violations(data: Tables, *, include: Include = "report") -> pd.DataFrame:
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
    rep = selected(data, include)[["report_id", "agency", "year", "template", "format"]].copy()
    rep = rep[rep["template"].isin(["2019", "2021"])]
    rep["violations"] = rep["report_id"].map(err.groupby("report_id").size()).fillna(0).astype(int)
    rep["uncertain"] = rep["report_id"].map(unc.groupby("report_id").size()).fillna(0).astype(int)
    rep["flag"] = rep["violations"] > 0
    rules = err.groupby("report_id")["rule"].agg(lambda s: ";".join(sorted(set(s))))
    rep["rules"] = rep["report_id"].map(rules).astype(object).fillna("")
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


def violation_rates(data: Tables, *, by: str | None = "year", include: Include = "report") -> pd.DataFrame:
    """Share of reports (in the national format) that break an accounting identity.

    Args:
        data: the corpus tables.
        by: grouping column (``year``, ``format`` …) or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``flagged``, ``rate``, ``low``, ``high`` (95 %
        Wilson interval), ``violations`` (findings), ``uncertain``, ``n`` (= ``reports``),
        ``n_excluded``, ``excluded`` (reports without national tables, other statuses).
    """
    check_by(by)
    v = identity_violations(data, include=include)
    g = group_key(data, by, include)
    v = v.drop(columns=[c for c in ("group",) if c in v.columns]).merge(
        g, left_on="report_id", right_index=True, how="inner")
    v = v[v["group"].notna()]
    agg = v.groupby("group").agg(reports=("report_id", "size"), flagged=("flag", "sum"),
                                 violations=("violations", "sum"), uncertain=("uncertain", "sum")).reset_index()
    agg["rate"] = agg["flagged"] / agg["reports"]
    ci = [wilson_interval(k, n) for k, n in zip(agg["flagged"], agg["reports"])]
    agg["low"] = [c[0] for c in ci]
    agg["high"] = [c[1] for c in ci]
    other = g[g.notna() & ~g.index.isin(v["report_id"])]
    excluded = pd.concat([pd.DataFrame({"report_id": other.index, "group": other.to_numpy(),
                                        "reason": "no national tables"}),
                          status_exclusions(data, by, include)], ignore_index=True)
    agg = add_n(agg, v, excluded)
    cols = ["group", "reports", "flagged", "rate", "low", "high", "violations", "uncertain", "n",
            "n_excluded", "excluded"]
    return finish(agg[cols], by)


def cell_quality(data: Tables, *, by: str | None = None, include: Include = "report") -> pd.DataFrame:
    """Blank, ambiguous and unreadable table cells.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``reports``, ``cells``, ``blank``, ``ambiguous``, ``unreadable``
        and their shares ``blank_share``, ``ambiguous_share``, ``unreadable_share``, plus
        ``reports_with_ambiguous``, ``n`` (= ``reports``), ``n_excluded``, ``excluded``.
    """
    cells = with_group(data["cells"], data, by, include)
    st = cells.groupby(["group", "status"]).size().unstack("status")
    st = st.reindex(columns=["ok", "blank", "ambiguous", "unreadable", "override"]).fillna(0).astype(int)
    out = pd.DataFrame({"group": st.index})
    out["reports"] = cells.groupby("group")["report_id"].nunique().reindex(st.index).to_numpy()
    out["cells"] = st.sum(axis=1).to_numpy()
    for s in ("blank", "ambiguous", "unreadable"):
        out[s] = st[s].to_numpy()
        out[f"{s}_share"] = out[s] / out["cells"]
    amb = cells[cells["status"] == "ambiguous"].groupby("group")["report_id"].nunique()
    out["reports_with_ambiguous"] = out["group"].map(amb).fillna(0).astype(int)
    out = add_n(out, cells, status_exclusions(data, by, include))
    return finish(out, by)


def claim_verdicts(data: Tables, *, by: str | None = None, include: Include = "report") -> pd.DataFrame:
    """Shares of the claim verdicts (match, approx, mismatch, unverifiable).

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``verdict``, ``count``, ``share``; every verdict appears (count
        0 when absent), so an empty claims table gives zero rows of counts, not an error;
        ``n`` (reports with claims), ``n_excluded``, ``excluded``.
    """
    claims = with_group(data["claims"], data, by, include)
    groups = sorted(group_key(data, by, include).dropna().unique().tolist(), key=str)
    counts = claims.groupby(["group", "verdict"]).size().unstack("verdict") if len(claims) else pd.DataFrame()
    counts = counts.reindex(index=groups, columns=list(VERDICTS)).fillna(0).astype(int)
    counts.index.name = "group"
    out = _tidy_shares(counts.astype(float), "verdict", {v: v for v in VERDICTS}, by, claims,
                       status_exclusions(data, by, include))
    return out.drop(columns="label")


def _cjk_len(text: object) -> int:
    if not isinstance(text, str):
        return 0
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def narrative_length(data: Tables, *, sections: tuple[str, ...] = NARRATIVE_SECTIONS,
                     include: Include = "report") -> pd.DataFrame:
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
    rep = selected(data, include)[["report_id", "agency", "year", "template", "format"]]
    out = rep.merge(lens, left_on="report_id", right_index=True, how="left")
    for c in lens.columns:
        out[c] = out[c].fillna(0).astype(int)
    out["narrative_chars"] = out[list(lens.columns)].sum(axis=1)
    return out.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def statement_counts(data: Tables, *, include: Include = "report") -> pd.DataFrame:
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
    rep = selected(data, include)[["report_id", "agency", "year"]]
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


def topic_prevalence(data: Tables, *, kind: str = "problem", by: str | None = None,
                     include: Include = "report") -> pd.DataFrame:
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
        reports with at least one statement of this kind), ``n`` (those reports),
        ``n_excluded``, ``excluded``; topics in spec order (then a user model's own, by key).

    Raises:
        UsageError: an unknown ``kind``.
    """
    if kind not in ("problem", "improvement", "other"):
        raise UsageError(f"invalid kind {kind!r}; valid values: problem, improvement, other")
    st = with_group(data["statements"], data, by, include)
    st = st[st["kind"] == kind]
    ex = st.assign(topic=st["topics"].map(_topics_list)).explode("topic").dropna(subset=["topic"])
    groups = sorted(group_key(data, by, include).dropna().unique().tolist(), key=str)
    idx = pd.MultiIndex.from_product([groups, topic_order(ex["topic"].unique())], names=["group", "topic"])
    out = pd.DataFrame(index=idx)
    out["statements"] = ex.groupby(["group", "topic"]).size()
    out["main"] = st.groupby(["group", "main_topic"]).size().rename_axis(["group", "topic"])
    out["reports"] = ex.groupby(["group", "topic"])["report_id"].nunique()
    out = out.fillna(0).astype(int).reset_index()
    base = st.groupby("group")["report_id"].nunique()
    denom = out["group"].map(base).fillna(0)
    out["report_share"] = (out["reports"] / denom.where(denom > 0)).fillna(0.0)
    out.insert(2, "label", out["topic"].map(lambda t: TOPIC_LABELS.get(t, t)))  # a user topic: its key
    out = add_n(out, st, status_exclusions(data, by, include))
    return finish(out, by)


NO_MEASURE = "(no measure)"
NO_PROBLEM = "(no problem)"


def pairing_matrix(data: Tables, *, include: Include = "report") -> pd.DataFrame:
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
    st = st[st["report_id"].isin(selected(data, include)["report_id"])]
    key = st.set_index(["report_id", "idx"])
    topics = topic_order(st["main_topic"].dropna().unique())
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


def pairing_summary(data: Tables, *, by: str | None = None, include: Include = "report") -> pd.DataFrame:
    """Problems with no measure and measures answering no problem.

    Args:
        data: the corpus tables.
        by: grouping column or ``None``.

    Returns:
        Columns ``<by>``, ``problems``, ``unanswered_problems``, ``unanswered_share``,
        ``improvements``, ``unprompted_improvements``, ``unprompted_share``,
        ``same_topic_share`` (paired problems whose improvement has the same main topic),
        ``n`` (reports with statements), ``n_excluded``, ``excluded``.
    """
    st = with_group(data["statements"], data, by, include)
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
    out = add_n(out, st, status_exclusions(data, by, include))
    return finish(out, by)
