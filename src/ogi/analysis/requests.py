"""Request measures from tables 三 and 四, which never turn an unknown cell into a number.

A 总计 (``total``) cell of table 三 gives its row's value as printed (basis ``printed``).  When
it is printed blank and every applicant column of the row is known — a number or a printed
blank, none ambiguous or unreadable — the row's value is the sum of the applicant numbers
(basis ``derived``; a row of blanks sums to 0).  Otherwise the value is missing (basis
``missing``): an ambiguous, unreadable or absent cell is never read as 0.  A report whose
cells a measure needs are missing is left out of that measure and counted in ``n_excluded``
with the reason; ``n`` counts the reports used.
"""

from __future__ import annotations

import pandas as pd

from ogi.analysis._base import (
    APPLICANT_LABELS,
    APPLICANTS,
    DENIAL_REASONS,
    OUTCOME_LABELS,
    Include,
    Tables,
    add_n,
    finish,
    group_key,
    selected,
    status_exclusions,
)

__all__ = ["appeals", "applicant_mix", "carry_over", "denial_reasons", "outcome_shares",
           "request_volume", "table3_total_cells", "table3_totals"]

_VALUE = ("ok", "override")  # a number: printed, or settled by an override
_KNOWN = (*_VALUE, "blank")
_VOLUME = ("new_received", "carried_over", "result_total", "carried_forward")


def _outcome_of(row: str) -> str | None:
    if row in ("granted", "partial"):
        return row
    for prefix, cat in (("denied_", "denied"), ("unable_", "unable"), ("np_", "not_processed"),
                        ("other_", "other")):
        if row.startswith(prefix):
            return cat
    return None


def _cells(data: Tables, table: str, include: Include) -> pd.DataFrame:
    cells = data["cells"]
    ids = selected(data, include)["report_id"]
    return cells[(cells["tbl"] == table) & cells["report_id"].isin(ids)]


def table3_total_cells(data: Tables, *, include: Include = "report") -> pd.DataFrame:
    """The value of every row of table 三 (its 总计), with its basis.

    Args:
        data: the corpus tables.
        include: ``"report"`` (reports of status ``report``) or ``"all"``.

    Returns:
        One row per report and table-三 row: ``report_id``, ``row``, ``value`` (NaN when
        missing), ``basis`` (``printed``, ``override``, ``derived``, ``missing``), ``reason``
        (why a value is missing, else empty).
    """
    t3 = _cells(data, "table3", include)
    cols = ["report_id", "row", "value", "basis", "reason"]
    if t3.empty:
        return pd.DataFrame(columns=cols)
    tot = t3[t3["col"] == "total"].set_index(["report_id", "row"])[["value", "status"]]
    app = t3[t3["col"].isin(list(APPLICANTS))]
    known = app["status"].isin(_KNOWN)
    agg = app.assign(known=known, v=app["value"].astype("float64")).groupby(["report_id", "row"]).agg(
        n_app=("col", "nunique"), all_known=("known", "all"), s=("v", "sum"))
    both = tot.join(agg, how="outer").reset_index()
    status = both["status"].fillna("absent").astype(str)
    derivable = (status == "blank") & both["all_known"].fillna(False).astype(bool) & (both["n_app"] == len(APPLICANTS))
    value = both["value"].astype("float64").where(status.isin(_VALUE))
    value = value.where(~derivable, both["s"].astype("float64"))
    basis = (pd.Series("missing", index=both.index).mask(status == "ok", "printed")
             .mask(status == "override", "override").mask(derivable, "derived"))
    reason = ("总计 " + status).where(basis == "missing", "")
    reason = reason.mask((basis == "missing") & (status == "blank"), "blank 总计, applicant cells not all known")
    out = pd.DataFrame({"report_id": both["report_id"], "row": both["row"], "value": value,
                        "basis": basis, "reason": reason})
    return out[cols]


def table3_totals(data: Tables, *, include: Include = "report") -> pd.DataFrame:
    """The value of every row of table 三 as one row per report (NaN where missing).

    Values are those of :func:`table3_total_cells` (printed or derived 总计); reports
    without table 三 (older formats) are left out.

    Returns:
        A DataFrame indexed by ``report_id`` with one float column per row key.
    """
    long = table3_total_cells(data, include=include)
    if long.empty:
        return pd.DataFrame(index=pd.Index([], name="report_id"))
    return long.pivot_table(index="report_id", columns="row", values="value", aggfunc="first", dropna=False)


def _worst(bases: pd.DataFrame) -> pd.Series:
    rank = {"printed": 0, "override": 1, "derived": 2, "missing": 3}
    r = bases.apply(lambda c: c.map(rank)).fillna(3).max(axis=1)
    return r.map({v: k for k, v in rank.items()})


def request_volume(data: Tables, *, include: Include = "report") -> pd.DataFrame:
    """Requests per report: received, carried over, decided, carried forward.

    Args:
        data: the corpus tables.
        include: ``"report"`` or ``"all"``.

    Returns:
        One row per report with table 三: ``report_id``, ``agency``, ``year``, ``template``,
        ``format``, ``new_received``, ``carried_over``, ``result_total``,
        ``carried_forward`` (NaN when missing) and ``basis`` (the weakest basis of the four:
        ``printed``, ``override``, ``derived`` or ``missing``).
    """
    long = table3_total_cells(data, include=include)
    long = long[long["row"].isin(_VOLUME)]
    cols = list(_VOLUME)
    wide = long.pivot_table(index="report_id", columns="row", values="value", aggfunc="first",
                            dropna=False).reindex(columns=cols)
    bases = long.pivot_table(index="report_id", columns="row", values="basis", aggfunc="first").reindex(
        index=wide.index, columns=cols)
    wide["basis"] = _worst(bases) if len(wide) else pd.Series(dtype=object)
    rep = selected(data, include)[["report_id", "agency", "year", "template", "format"]]
    out = rep.merge(wide, left_on="report_id", right_index=True, how="inner")
    return out.sort_values(["year", "agency", "report_id"], na_position="last").reset_index(drop=True)


def _no_table(data: Tables, ids: pd.Index, by: str | None, include: Include, reason: str) -> pd.DataFrame:
    g = group_key(data, by, include)
    g = g[g.notna() & ~g.index.isin(ids)]
    ex = pd.DataFrame({"report_id": g.index, "group": g.to_numpy(), "reason": reason})
    return pd.concat([ex, status_exclusions(data, by, include)], ignore_index=True)


def _counts_of(long: pd.DataFrame, cat: pd.Series, data: Tables, by: str | None, include: Include,
               what: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Group sums of ``long`` (table-三 values) per category, with the reports used and excluded."""
    long = long.assign(cat=cat).dropna(subset=["cat"])
    g = group_key(data, by, include)
    long = long.merge(g, left_on="report_id", right_index=True, how="inner")
    long = long[long["group"].notna()]
    bad = long[long["basis"] == "missing"].drop_duplicates("report_id")
    used = long[~long["report_id"].isin(bad["report_id"])]
    excluded = pd.concat([bad[["report_id", "group", "reason"]],
                          _no_table(data, pd.Index(long["report_id"].unique()), by, include, what)],
                         ignore_index=True)
    counts = used.groupby(["group", "cat"])["value"].sum().unstack("cat")
    return counts, used, excluded


def _tidy_shares(counts: pd.DataFrame, name: str, labels: dict[str, str], by: str | None,
                 used: pd.DataFrame | None = None, excluded: pd.DataFrame | None = None) -> pd.DataFrame:
    counts = counts.reindex(columns=list(labels)).fillna(0.0)
    if excluded is not None and len(excluded):
        # a group whose every report was left out keeps its rows: count and share missing,
        # n = 0 and the reasons (a measure never drops a group silently)
        lost = pd.Index(excluded["group"].dropna().unique()).difference(counts.index)
        counts = pd.concat([counts, pd.DataFrame(float("nan"), index=lost, columns=counts.columns)])
    denom = counts.sum(axis=1, min_count=1)
    shares = counts.div(denom.where(denom > 0), axis=0).fillna(0.0)
    shares.loc[denom.isna()] = float("nan")
    long = counts.stack(future_stack=True).rename("count").to_frame()
    long["share"] = shares.stack(future_stack=True)
    long = long.reset_index()
    long.columns = ["group", name, "count", "share"]
    long.insert(2, "label", long[name].map(labels))
    order = {k: i for i, k in enumerate(labels)}
    long = long.assign(_o=long[name].map(order)).sort_values(["group", "_o"]).drop(columns="_o")
    if used is not None and excluded is not None:
        long = add_n(long, used, excluded)
    return finish(long, by)


def outcome_shares(data: Tables, *, by: str | None = "year", include: Include = "report") -> pd.DataFrame:
    """How requests were answered: shares of 予以公开, 部分公开, 不予公开, 无法提供, 不予处理, 其他处理.

    A report counts when every outcome row of its table 三 has a value (printed or derived
    总计); otherwise it is excluded with the reason.

    Args:
        data: the corpus tables.
        by: group reports by this column of ``reports`` (``year``, ``template``,
            ``format``, ``agency`` …) or ``None`` for the whole corpus.
        include: ``"report"`` (status ``report`` only) or ``"all"``.

    Returns:
        Columns ``<by>``, ``outcome``, ``label``, ``count``, ``share`` (of all decided
        requests of the group; 0 when the group decided none), ``n``, ``n_excluded``,
        ``excluded``; one row per group and outcome, in template order (a group whose every
        report was excluded has ``n`` 0 and ``count``/``share`` missing).

    Raises:
        UsageError: ``by`` or ``include`` is not valid.
    """
    long = table3_total_cells(data, include=include)
    counts, used, excluded = _counts_of(long, long["row"].map(_outcome_of), data, by, include, "no table 三")
    return _tidy_shares(counts, "outcome", dict(OUTCOME_LABELS), by, used, excluded)


def denial_reasons(data: Tables, *, by: str | None = None, include: Include = "report") -> pd.DataFrame:
    """不予公开 by reason: counts and shares of the eight reasons of table 三.

    Returns:
        Columns ``<by>``, ``reason``, ``label``, ``count``, ``share`` (of all denials in
        the group), ``n``, ``n_excluded``, ``excluded``.
    """
    long = table3_total_cells(data, include=include)
    cat = long["row"].where(long["row"].isin(list(DENIAL_REASONS)))
    counts, used, excluded = _counts_of(long, cat, data, by, include, "no table 三")
    return _tidy_shares(counts, "reason", dict(DENIAL_REASONS), by, used, excluded)


def applicant_mix(data: Tables, *, by: str | None = "year", include: Include = "report") -> pd.DataFrame:
    """Who asks: new requests by 自然人 and the five kinds of organisation.

    Read from the row 一、本年新收政府信息公开申请数量 of table 三.  A report counts when its six
    applicant cells are numbers, or when its blank ones are settled by a printed 总计 equal to
    the sum of the numbers (then a blank is none); otherwise it is excluded with the reason.

    Returns:
        Columns ``<by>``, ``applicant``, ``label``, ``count``, ``share``, ``n``,
        ``n_excluded``, ``excluded``.
    """
    t3 = _cells(data, "table3", include)
    new = t3[t3["row"] == "new_received"]
    app = new[new["col"].isin(list(APPLICANTS))]
    total = new[(new["col"] == "total") & new["status"].isin(_VALUE)].set_index("report_id")["value"]
    per = app.assign(v=app["value"].astype("float64")).groupby("report_id").agg(
        n_app=("col", "nunique"), n_ok=("status", lambda s: int(s.isin(_VALUE).sum())),
        all_known=("status", lambda s: bool(s.isin(_KNOWN).all())), s=("v", "sum"))
    full = (per["n_app"] == len(APPLICANTS)) & (per["n_ok"] == len(APPLICANTS))
    settled = (per["n_app"] == len(APPLICANTS)) & per["all_known"] & (per["s"] == total.reindex(per.index))
    ok_ids = per.index[full | settled]
    reason = pd.Series("applicant cell ambiguous or unreadable", index=per.index).mask(
        per["all_known"], "blank applicant cell not settled by 总计")
    g = group_key(data, by, include)
    g = g[g.notna()]
    app = app[app["report_id"].isin(ok_ids)].merge(g, left_on="report_id", right_index=True, how="inner")
    bad = per.index.difference(ok_ids).intersection(g.index)
    excluded = pd.concat([pd.DataFrame({"report_id": bad, "group": g.reindex(bad).to_numpy(),
                                        "reason": reason.reindex(bad).to_numpy()}),
                          _no_table(data, per.index, by, include, "no table 三")], ignore_index=True)
    counts = app.assign(v=app["value"].astype("float64")).groupby(["group", "col"])["v"].sum().unstack("col")
    return _tidy_shares(counts, "applicant", dict(APPLICANT_LABELS), by, app, excluded)


_T4_KINDS = {"review": ("review",), "litigation": ("lit_direct", "lit_after_review")}


def appeals(data: Tables, *, by: str | None = "year", include: Include = "report") -> pd.DataFrame:
    """Administrative review (行政复议) and litigation (行政诉讼) counts and correction rates.

    The correction rate is 纠正 / (总计 − 尚未审结): the share of decided cases in which the
    agency's reply was corrected.  Litigation adds the direct suits (未经复议直接起诉) and
    the suits after review (复议后起诉).  A report counts when the 总计, 纠正 and 尚未审结
    cells of all three blocks are numbers; otherwise it is excluded with the reason.

    Returns:
        Columns ``<by>``, ``n``, ``review``, ``review_corrected``,
        ``review_correction_rate``, ``litigation``, ``litigation_corrected``,
        ``litigation_correction_rate`` (rates are NaN when no case was decided),
        ``n_excluded``, ``excluded``.
    """
    t4 = _cells(data, "table4", include)
    t4 = t4[t4["col"].isin(["total", "corrected", "pending"])]
    g = group_key(data, by, include)
    t4 = t4.merge(g[g.notna()], left_on="report_id", right_index=True, how="inner")
    bad = t4[~t4["status"].isin(_VALUE)].drop_duplicates("report_id")
    bad = bad.assign(reason="table 四 cell " + bad["status"].astype(str))
    used = t4[~t4["report_id"].isin(bad["report_id"])]
    used = used.assign(kind=used["row"].map(lambda r: "review" if r == "review" else "litigation"),
                       v=used["value"].astype("float64"))
    s = used.groupby(["group", "kind", "col"])["v"].sum().unstack(["kind", "col"])
    out = pd.DataFrame({"group": s.index})

    def col(kind: str, c: str) -> pd.Series:
        return s[(kind, c)] if (kind, c) in s.columns else pd.Series(0.0, index=s.index)

    for kind in _T4_KINDS:
        total, corrected, pending = col(kind, "total"), col(kind, "corrected"), col(kind, "pending")
        decided = total - pending
        out[kind] = total.to_numpy()
        out[f"{kind}_corrected"] = corrected.to_numpy()
        out[f"{kind}_correction_rate"] = (corrected / decided.where(decided > 0)).to_numpy()
    excluded = pd.concat([bad[["report_id", "group", "reason"]],
                          _no_table(data, pd.Index(t4["report_id"].unique()), by, include, "no table 四")],
                         ignore_index=True)
    out = add_n(out, used, excluded)
    out = out[["group", "n"] + [c for c in out.columns if c not in ("group", "n")]]
    return finish(out, by)


def carry_over(data: Tables, *, by: str | None = "year", include: Include = "report") -> pd.DataFrame:
    """Requests carried over from last year and forward into next year.

    A report counts when its new, carried-over and carried-forward values are known
    (printed or derived 总计).

    Returns:
        Columns ``<by>``, ``n``, ``new_received``, ``carried_over``, ``carried_forward``,
        ``carried_forward_share`` (carried forward / (new + carried over)), ``n_excluded``,
        ``excluded``.
    """
    vol = request_volume(data, include=include)
    g = group_key(data, by, include)
    vol = vol.merge(g, left_on="report_id", right_index=True)
    vol = vol[vol["group"].notna()]
    need = ["new_received", "carried_over", "carried_forward"]
    ok = vol[need].notna().all(axis=1)
    used = vol[ok]
    bad = vol[~ok].assign(reason="carry-over 总计 missing")[["report_id", "group", "reason"]]
    agg = used.groupby("group").agg(new_received=("new_received", "sum"), carried_over=("carried_over", "sum"),
                                    carried_forward=("carried_forward", "sum")).reset_index()
    load = agg["new_received"] + agg["carried_over"]
    agg["carried_forward_share"] = agg["carried_forward"] / load.where(load > 0)
    excluded = pd.concat([bad, _no_table(data, pd.Index(vol["report_id"]), by, include, "no table 三")],
                         ignore_index=True)
    agg = add_n(agg, used, excluded)
    agg = agg[["group", "n"] + [c for c in agg.columns if c not in ("group", "n")]]
    return finish(agg, by)

