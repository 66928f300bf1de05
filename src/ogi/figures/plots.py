"""Figure functions: each takes the data of one measure and ``ax=None`` and returns the Axes.

The data is the DataFrame a measure of :mod:`ogi.analysis` returns (computed once, also
written as CSV by :func:`ogi.figures.build_figures`).  A function draws on the Axes it is
given, or on a new figure when ``ax`` is None; it reads colours, colour maps and sizes from
the current rc settings, so ``with ogi.figures.style():`` (for the Chinese labels) and a
caller's own ``plt.rc_context`` both apply.

Example:
    >>> from ogi.analysis import measures
    >>> from ogi.figures import plots, style
    >>> with style():  # doctest: +SKIP
    ...     ax = plots.outcome_composition(measures.outcome_shares(data, by="year"))
    >>> ax.get_ylabel()  # doctest: +SKIP
    '办理结果占比 share of decided requests'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "applicant_composition",
    "boilerplate_distribution",
    "claim_verdicts",
    "outcome_composition",
    "pairing_matrix",
    "specificity_by_kind",
    "topic_model_map",
    "topic_prevalence",
    "violation_rate",
    "volume_vs_length",
]


def _ax(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _colors(n: int) -> list:
    import matplotlib.pyplot as plt

    cyc = plt.rcParams["axes.prop_cycle"].by_key().get("color") or ["C0"]
    return [cyc[i % len(cyc)] for i in range(n)]


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _stacked_shares(data: pd.DataFrame, category: str, *, ax, title: str, ylabel: str):
    group = data.columns[0]
    if data.empty:
        return _empty(ax, "no table 三 in this dataset")
    wide = data.pivot_table(index=group, columns=category, values="share", aggfunc="sum", sort=True)
    order = list(dict.fromkeys(data[category]))
    labels = dict(zip(data[category], data["label"]))
    wide = wide.reindex(columns=order).fillna(0.0)
    x = np.arange(len(wide))
    bottom = np.zeros(len(wide))
    for cat, color in zip(order, _colors(len(order))):
        vals = wide[cat].to_numpy(dtype=float)
        ax.bar(x, vals, bottom=bottom, label=labels.get(cat, cat), color=color, width=0.75)
        bottom += vals
    ax.set_xticks(x, [str(v) for v in wide.index])
    ax.set_ylim(0, 1)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(group)
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def outcome_composition(data: pd.DataFrame, *, ax=None):
    """Stacked shares of the outcomes of requests (予以公开 … 其他处理) per group.

    Args:
        data: :func:`ogi.analysis.measures.outcome_shares` (first column: the group).
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    return _stacked_shares(data, "outcome", ax=_ax(ax), title="依申请公开办理结果 Outcomes of requests",
                           ylabel="办理结果占比 share of decided requests")


def applicant_composition(data: pd.DataFrame, *, ax=None):
    """Stacked shares of new requests by applicant (自然人 and five kinds of organisation).

    Args:
        data: :func:`ogi.analysis.measures.applicant_mix`.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    return _stacked_shares(data, "applicant", ax=_ax(ax), title="申请人构成 Who asks",
                           ylabel="新收申请占比 share of new requests")


def violation_rate(data: pd.DataFrame, *, ax=None):
    """Share of reports breaking an accounting identity per group, with 95 % Wilson intervals.

    Args:
        data: :func:`ogi.analysis.measures.violation_rates` (first column: the group).
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    ax = _ax(ax)
    group = data.columns[0]
    if data.empty:
        return _empty(ax, "no report in the national format")
    x = np.arange(len(data))
    rate = data["rate"].to_numpy(dtype=float)
    err = np.vstack([rate - data["low"].to_numpy(dtype=float), data["high"].to_numpy(dtype=float) - rate])
    ax.bar(x, rate, color=_colors(1)[0], width=0.7)
    ax.errorbar(x, rate, yerr=err, fmt="none", ecolor="0.3", capsize=3, linewidth=1)
    ax.set_xticks(x, [f"{v}\nn={int(n)}" for v, n in zip(data[group], data["reports"])])
    ax.set_ylim(0, max(0.05, float(np.nanmax(data["high"].to_numpy(dtype=float))) * 1.1))
    ax.set_xlabel(group)
    ax.set_ylabel("违反勾稽关系的报告占比 share of reports")
    ax.set_title(f"表格勾稽关系违反率 Identity violations by {group}")
    return ax


def claim_verdicts(data: pd.DataFrame, *, ax=None):
    """Counts of claim verdicts (match, approx, mismatch, unverifiable).

    Args:
        data: :func:`ogi.analysis.measures.claim_verdicts` with ``by=None``.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes (with a note when the dataset has no claims).
    """
    ax = _ax(ax)
    agg = data.groupby("verdict", sort=False)["count"].sum()
    labels = {"match": "一致 match", "approx": "约数一致 approx", "mismatch": "不一致 mismatch",
              "unverifiable": "无法核验 unverifiable"}
    x = np.arange(len(agg))
    ax.bar(x, agg.to_numpy(dtype=float), color=_colors(len(agg)), width=0.7)
    ax.set_xticks(x, [labels.get(v, v) for v in agg.index])
    ax.set_ylabel("叙述数字 claims")
    ax.set_title("叙述与表格 Narrative numbers against the tables")
    total = float(agg.sum())
    if total == 0:
        ax.text(0.5, 0.5, "no claims in this dataset", ha="center", va="center", transform=ax.transAxes)
        ax.set_ylim(0, 1)
    else:
        for xi, c in zip(x, agg.to_numpy(dtype=float)):
            ax.annotate(f"{c / total:.0%}", (xi, c), xytext=(0, 2), textcoords="offset points", ha="center")
    return ax


def topic_prevalence(data: pd.DataFrame, *, ax=None):
    """Share of reports raising each topic among their problems (horizontal bars).

    Args:
        data: :func:`ogi.analysis.measures.topic_prevalence` with ``by=None``.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    ax = _ax(ax)
    d = data.groupby(["topic", "label"], sort=False)["report_share"].sum().reset_index()
    d = d.iloc[::-1]
    y = np.arange(len(d))
    ax.barh(y, d["report_share"].to_numpy(dtype=float), color=_colors(1)[0], height=0.7)
    ax.set_yticks(y, [f"{lab} {t}" for t, lab in zip(d["topic"], d["label"])])
    ax.set_xlabel("提出该问题的报告占比 share of reports")
    ax.set_xlim(0, max(0.05, float(d["report_share"].max()) * 1.15) if len(d) else 1)
    ax.set_title("问题主题 Problem topics")
    return ax


def pairing_matrix(data: pd.DataFrame, *, ax=None):
    """Heat map of problems (rows, by main topic) against the improvements paired with them.

    Args:
        data: :func:`ogi.analysis.measures.pairing_matrix`.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    from ogi.analysis.measures import TOPIC_LABELS

    ax = _ax(ax)
    m = data.to_numpy(dtype=float)
    im = ax.imshow(m, aspect="auto")
    lab = {**TOPIC_LABELS, "(no measure)": "无措施", "(no problem)": "无对应问题"}
    ax.set_xticks(range(m.shape[1]), [lab.get(c, c) for c in data.columns], rotation=60, ha="right")
    ax.set_yticks(range(m.shape[0]), [lab.get(c, c) for c in data.index])
    hi = m.max() if m.size else 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] > 0:
                ax.text(j, i, f"{int(m[i, j])}", ha="center", va="center", fontsize="x-small",
                        color="black" if hi and m[i, j] > hi * 0.6 else "white")
    ax.set_xlabel("改进措施主题 improvement topic")
    ax.set_ylabel("问题主题 problem topic")
    ax.set_title("问题与改进的配对 Problems and the measures answering them")
    ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    return ax


def boilerplate_distribution(data: pd.DataFrame, *, ax=None, threshold: float = 0.8):
    """Histograms of each statement's highest similarity to other agencies and to other years.

    Args:
        data: :func:`ogi.analysis.boilerplate.near_duplicates`.
        ax: Axes to draw on; a new figure when None.
        threshold: the boilerplate threshold, drawn as a line.

    Returns:
        The Axes.
    """
    ax = _ax(ax)
    bins = np.linspace(0, 1, 21)
    c = _colors(2)
    for col, label, color in (("sim_other_agency", "其他机关 other agencies", c[0]),
                              ("sim_same_agency", "本机关其他年度 same agency, other years", c[1])):
        v = data[col].dropna().to_numpy(dtype=float)
        if len(v):
            w = np.full(len(v), 1.0 / len(v))
            ax.hist(v, bins=bins, weights=w, histtype="step", linewidth=1.5, label=f"{label} (n={len(v)})",
                    color=color)
    ax.axvline(threshold, color="0.4", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel("最高相似度 highest cosine similarity")
    ax.set_ylabel("表述占比 share of statements")
    ax.set_title("套话 Boilerplate: near-duplicate statements")
    if data[["sim_other_agency", "sim_same_agency"]].notna().any().any():
        ax.legend(loc="upper left")
    else:
        _empty(ax, "nothing to compare")
    return ax


def volume_vs_length(data: pd.DataFrame, *, ax=None):
    """Scatter of requests received against the length of the narrative.

    Args:
        data: :func:`ogi.analysis.measures.request_volume` merged with
            :func:`ogi.analysis.measures.narrative_length` (columns ``new_received``,
            ``narrative_chars``, ``template``).
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes (x on a symmetric-log scale, so 0 requests stay visible).
    """
    ax = _ax(ax)
    groups = sorted(data["template"].dropna().unique().tolist()) if "template" in data else []
    for g, color in zip(groups, _colors(len(groups))):
        d = data[data["template"] == g]
        ax.scatter(d["new_received"].to_numpy(dtype=float), d["narrative_chars"].to_numpy(dtype=float),
                   s=12, alpha=0.7, color=color, label=f"{g} 格式 (n={len(d)})", linewidths=0)
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel("本年新收申请 new requests (symlog)")
    ax.set_ylabel("叙述字数 narrative length (汉字)")
    ax.set_title("申请量与报告篇幅 Request volume and narrative length")
    if groups:
        ax.legend(loc="best")
    return ax


def topic_model_map(data: pd.DataFrame, *, ax=None, labels: dict | None = None):
    """Heat map of supervised topics (rows) against unsupervised topics (columns), row shares.

    Args:
        data: ``TopicModel.crosstab`` of :func:`ogi.analysis.topics.fit_topics`.
        ax: Axes to draw on; a new figure when None.
        labels: names of the unsupervised topics (``TopicModel.labels``).

    Returns:
        The Axes.
    """
    from ogi.analysis.measures import TOPIC_LABELS

    ax = _ax(ax)
    m = data.to_numpy(dtype=float)
    rows = m.sum(axis=1, keepdims=True)
    share = np.divide(m, rows, out=np.zeros_like(m), where=rows > 0)
    ax.imshow(share, aspect="auto", vmin=0, vmax=1)
    names = labels or {}
    ax.set_xticks(range(m.shape[1]), [f"{c}: {names.get(c, '')}" if names.get(c) else str(c) for c in data.columns],
                  rotation=60, ha="right")
    ax.set_yticks(range(m.shape[0]), [TOPIC_LABELS.get(t, t) for t in data.index])
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if share[i, j] >= 0.05:
                ax.text(j, i, f"{share[i, j]:.0%}", ha="center", va="center", fontsize="x-small",
                        color="black" if share[i, j] > 0.6 else "white")
    ax.set_xlabel("无监督主题 NMF topic (top terms)")
    ax.set_ylabel("监督主题 supervised topic")
    ax.set_title("主题模型与固定主题 Topic model against the fixed topics")
    return ax


def specificity_by_kind(data: pd.DataFrame, *, ax=None):
    """Grouped bars: share of statements with numbers, dates, named units, documents, by kind.

    Args:
        data: :func:`ogi.analysis.specificity.specificity_summary` with ``by="kind"``.
        ax: Axes to draw on; a new figure when None.

    Returns:
        The Axes.
    """
    ax = _ax(ax)
    feats = [("specific_share", "具体 specific"), ("number_share", "数字 number"), ("date_share", "日期 date"),
             ("named_unit_share", "具名单位 named unit"), ("document_share", "文件 document")]
    kinds = data["kind"].fillna("?").tolist()
    x = np.arange(len(feats))
    w = 0.8 / max(1, len(kinds))
    for k, (kind, color) in enumerate(zip(kinds, _colors(len(kinds)))):
        vals = [float(data.iloc[k][f]) for f, _ in feats]
        ax.bar(x + (k - (len(kinds) - 1) / 2) * w, vals, width=w, color=color,
               label=f"{kind} (n={int(data.iloc[k]['statements'])})")
    ax.set_xticks(x, [lab for _, lab in feats])
    ax.set_ylim(0, 1)
    ax.set_ylabel("表述占比 share of statements")
    ax.set_title("表述的具体程度 Specificity of statements")
    if kinds:
        ax.legend(loc="upper right")
    return ax
