"""Figure functions: each takes the data of one measure and ``ax=None`` and returns the Axes.

The data is the DataFrame a measure of :mod:`ogi.analysis` returns (computed once, also
written as CSV by :func:`ogi.figures.build_figures`).  A function draws on the Axes it is
given, or on a new figure when ``ax`` is None; it reads colours, colour maps and sizes from
the current rc settings, so ``with ogi.figures.style():`` (for the Chinese labels) and a
caller's own ``plt.rc_context`` both apply.  Colours that carry a meaning (claim verdicts,
statement kinds) come from :mod:`ogi.view.palette`, the same as on the audit pages.

Every function takes ``title=`` (``""`` for none; its own title by default, none in the paper
style of :func:`ogi.figures.style`) and ``lang="zh"|"en"|"both"`` (the language of
:func:`ogi.figures.style` by default: both).

Example:
    >>> from ogi.analysis import measures
    >>> from ogi.figures import plots, style
    >>> with style():  # doctest: +SKIP
    ...     ax = plots.outcome_composition(measures.outcome_shares(data, by="year"), lang="en")
    >>> ax.get_ylabel()  # doctest: +SKIP
    'share of decided requests'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ogi.figures.labels import Lang, bilingual, category, check_lang
from ogi.figures.styling import current_options
from ogi.view.palette import KIND_COLORS, VERDICT_COLORS

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

_GREY = "#9e9e9e"


def _ax(ax):
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots()
    return ax


def _lang(lang: str | None) -> Lang:
    return check_lang(lang) if lang is not None else current_options().lang


def _title(ax, zh: str, en: str, *, title: str | None, lang: Lang) -> None:
    """The caller's title, else the figure's own one unless the style draws none."""
    if title is not None:
        if title:
            ax.set_title(title)
    elif current_options().titles:
        ax.set_title(bilingual(zh, en, lang=lang))


def _colors(n: int) -> list:
    import matplotlib.pyplot as plt

    cyc = plt.rcParams["axes.prop_cycle"].by_key().get("color") or ["C0"]
    return [cyc[i % len(cyc)] for i in range(n)]


def _empty(ax, message: str):
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _stacked_shares(data: pd.DataFrame, kind: str, *, ax, lang: Lang, ylabel: tuple[str, str],
                    unit: tuple[str, str]):
    group = data.columns[0]
    data = data[data["share"].notna()]  # a group with no report used has no bar (the CSV keeps it)
    if data.empty:
        return _empty(ax, bilingual("无表三数据", "no table 三 in this dataset", lang=lang))
    wide = data.pivot_table(index=group, columns=kind, values="share", aggfunc="sum", sort=True)
    order = list(dict.fromkeys(data[kind]))
    zh = dict(zip(data[kind], data["label"]))
    wide = wide.reindex(columns=order).fillna(0.0)
    n = data.groupby(group)["count"].sum().reindex(wide.index).fillna(0)
    x = np.arange(len(wide))
    bottom = np.zeros(len(wide))
    for cat, color in zip(order, _colors(len(order))):
        vals = wide[cat].to_numpy(dtype=float)
        ax.bar(x, vals, bottom=bottom, label=category(kind, cat, zh=zh.get(cat), lang=lang), color=color, width=0.75)
        bottom += vals
    # the denominator of each bar's shares under its label, and the reports it comes from
    labels = [f"{v}\nn={int(c):,}" for v, c in zip(wide.index, n)]
    if "n" in data.columns:
        reps = data.groupby(group)["n"].first().reindex(wide.index).fillna(0)
        word = bilingual("份报告", "reports", lang=lang)
        labels = [f"{t}\n{int(r)} {word}" for t, r in zip(labels, reps)]
    ax.set_xticks(x, labels)
    ax.set_ylim(0, 1)
    ax.set_ylabel(bilingual(*ylabel, lang=lang))
    ax.set_xlabel(f"{category('group', group, lang=lang)} (n = {bilingual(*unit, lang=lang)})")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return ax


def outcome_composition(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Stacked shares of the outcomes of requests (予以公开 … 其他处理) per group, n under each bar.

    Args:
        data: :func:`ogi.analysis.measures.outcome_shares` (first column: the group).
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    _stacked_shares(data, "outcome", ax=ax, lang=lg, ylabel=("办理结果占比", "share of decided requests"),
                    unit=("已办结申请", "decided requests"))
    _title(ax, "依申请公开办理结果", "Outcomes of requests", title=title, lang=lg)
    return ax


def applicant_composition(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Stacked shares of new requests by applicant (自然人 and five kinds of organisation), n under each bar.

    Args:
        data: :func:`ogi.analysis.measures.applicant_mix`.
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    _stacked_shares(data, "applicant", ax=ax, lang=lg, ylabel=("新收申请占比", "share of new requests"),
                    unit=("新收申请", "new requests"))
    _title(ax, "申请人构成", "Who asks", title=title, lang=lg)
    return ax


def violation_rate(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Share of reports breaking an accounting identity per group, with 95 % Wilson intervals.

    Each rate is a bar, a mark at its value and its value written beside it, so a rate of 0 reads
    as 0; the interval is a thin line of its own (in the legend), never a bar.

    Args:
        data: :func:`ogi.analysis.measures.violation_rates` (first column: the group).
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    group = data.columns[0]
    if data.empty:
        return _empty(ax, bilingual("无国家模板格式的报告", "no report in the national format", lang=lg))
    x = np.arange(len(data))
    rate = data["rate"].to_numpy(dtype=float)
    low, high = data["low"].to_numpy(dtype=float), data["high"].to_numpy(dtype=float)
    ax.bar(x, rate, color=_colors(1)[0], width=0.7, label=bilingual("违反率", "rate", lang=lg))
    ax.vlines(x, low, high, colors="0.45", linewidth=1,
              label=bilingual("95% 置信区间", "95 % Wilson interval", lang=lg))
    ax.plot(x, rate, linestyle="none", marker="_", markersize=14, markeredgewidth=2, color="0.1", zorder=3)
    for xi, r in zip(x, rate):
        ax.annotate(f"{r:.0%}", (xi, r), xytext=(9, 1), textcoords="offset points", ha="left", va="bottom",
                    fontsize="small")
    ax.set_xticks(x, [f"{v}\nn={int(n)}" for v, n in zip(data[group], data["reports"])])
    ax.set_ylim(0, max(0.05, float(np.nanmax(high)) * 1.1))
    ax.set_xlabel(category("group", group, lang=lg))
    ax.set_ylabel(bilingual("违反勾稽关系的报告占比", "share of reports", lang=lg))
    ax.legend(loc="upper right")
    by = category("group", group, lang="en")
    _title(ax, "表格勾稽关系违反率", f"Identity violations by {by}", title=title, lang=lg)
    return ax


def claim_verdicts(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Counts of claim verdicts, coloured by meaning (match green, mismatch red, unverifiable grey).

    Args:
        data: :func:`ogi.analysis.measures.claim_verdicts` with ``by=None``.
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes (with a note when the dataset has no claims).
    """
    ax, lg = _ax(ax), _lang(lang)
    agg = data.groupby("verdict", sort=False)["count"].sum()
    x = np.arange(len(agg))
    ax.bar(x, agg.to_numpy(dtype=float), color=[VERDICT_COLORS.get(str(v), _GREY) for v in agg.index], width=0.7)
    ax.set_xticks(x, [category("verdict", v, lang=lg, sep="\n") for v in agg.index])
    ax.set_ylabel(bilingual("叙述数字", "claims", lang=lg))
    total = float(agg.sum())
    if total == 0:
        ax.text(0.5, 0.5, bilingual("无叙述数字", "no claims in this dataset", lang=lg), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_ylim(0, 1)
    else:
        for xi, c in zip(x, agg.to_numpy(dtype=float)):
            ax.annotate(f"{c / total:.0%}", (xi, c), xytext=(0, 2), textcoords="offset points", ha="center")
    _title(ax, "叙述与表格", "Narrative numbers against the tables", title=title, lang=lg)
    return ax


def topic_prevalence(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Share of reports raising each topic among their problems (horizontal bars).

    Args:
        data: :func:`ogi.analysis.measures.topic_prevalence` with ``by=None``.
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    d = data.groupby(["topic", "label"], sort=False)["report_share"].sum().reset_index()
    d = d.iloc[::-1]
    y = np.arange(len(d))
    ax.barh(y, d["report_share"].to_numpy(dtype=float), color=_colors(1)[0], height=0.7)
    ax.set_yticks(y, [category("topic", t, zh=lab, lang=lg) for t, lab in zip(d["topic"], d["label"])])
    ax.set_xlabel(bilingual("提出该问题的报告占比", "share of reports", lang=lg))
    ax.set_xlim(0, max(0.05, float(d["report_share"].max()) * 1.15) if len(d) else 1)
    _title(ax, "问题主题", "Problem topics", title=title, lang=lg)
    return ax


def _heat_labels(ax, m: np.ndarray, fmt, *, threshold: float, hi: float) -> None:
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] >= threshold and m[i, j] > 0:
                ax.text(j, i, fmt(m[i, j]), ha="center", va="center", fontsize="x-small",
                        color="black" if hi and m[i, j] > hi * 0.6 else "white")


def pairing_matrix(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Heat map of problems (rows, by main topic) against the improvements paired with them.

    Args:
        data: :func:`ogi.analysis.measures.pairing_matrix`.
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    m = data.to_numpy(dtype=float)
    im = ax.imshow(m, aspect="auto")
    ax.set_xticks(range(m.shape[1]), [category("topic", c, lang=lg) for c in data.columns], rotation=90)
    ax.set_yticks(range(m.shape[0]), [category("topic", c, lang=lg) for c in data.index])
    _heat_labels(ax, m, lambda v: f"{int(v)}", threshold=0, hi=m.max() if m.size else 0)
    ax.set_xlabel(bilingual("改进措施主题", "improvement topic", lang=lg))
    ax.set_ylabel(bilingual("问题主题", "problem topic", lang=lg))
    _title(ax, "问题与改进的配对", "Problems and the measures answering them", title=title, lang=lg)
    ax.figure.colorbar(im, ax=ax, fraction=0.04, pad=0.02)
    return ax


def boilerplate_distribution(data: pd.DataFrame, *, ax=None, threshold: float = 0.8, title: str | None = None,
                             lang: Lang | None = None):
    """Histograms of each statement's highest similarity to other agencies and to other years.

    Args:
        data: :func:`ogi.analysis.boilerplate.near_duplicates`.
        ax: Axes to draw on; a new figure when None.
        threshold: the boilerplate threshold, drawn as a line.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    bins = np.linspace(0, 1, 21)
    c = _colors(2)
    for col, zh, en, color in (("sim_other_agency", "其他机关", "other agencies", c[0]),
                               ("sim_same_agency", "本机关其他年度", "same agency, other years", c[1])):
        v = data[col].dropna().to_numpy(dtype=float)
        if len(v):
            w = np.full(len(v), 1.0 / len(v))
            ax.hist(v, bins=bins, weights=w, histtype="step", linewidth=1.5,
                    label=f"{bilingual(zh, en, lang=lg)} (n={len(v)})", color=color)
    ax.axvline(threshold, color="0.4", linestyle="--", linewidth=1)
    ax.set_xlim(0, 1)
    ax.set_xlabel(bilingual("最高相似度", "highest cosine similarity", lang=lg))
    ax.set_ylabel(bilingual("表述占比", "share of statements", lang=lg))
    _title(ax, "套话", "Boilerplate: near-duplicate statements", title=title, lang=lg)
    if data[["sim_other_agency", "sim_same_agency"]].notna().any().any():
        ax.legend(loc="upper left")
    else:
        _empty(ax, bilingual("无可比较的表述", "nothing to compare", lang=lg))
    return ax


def volume_vs_length(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Scatter of requests received against the length of the narrative.

    Args:
        data: :func:`ogi.analysis.measures.request_volume` merged with
            :func:`ogi.analysis.measures.narrative_length` (columns ``new_received``,
            ``narrative_chars``, ``template``).
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes (x linear up to 10 and logarithmic above, so 0 requests stay visible).
    """
    ax, lg = _ax(ax), _lang(lang)
    groups = sorted(data["template"].dropna().unique().tolist()) if "template" in data else []
    for g, color in zip(groups, _colors(len(groups))):
        d = data[data["template"] == g]
        ax.scatter(d["new_received"].to_numpy(dtype=float), d["narrative_chars"].to_numpy(dtype=float),
                   s=12, alpha=0.7, color=color, label=f"{category('template', g, lang=lg)} (n={len(d)})",
                   linewidths=0)
    ax.set_xscale("symlog", linthresh=10)
    ax.set_xlabel(bilingual("本年新收申请（10 以下线性，以上对数刻度）",
                            "new requests (linear to 10, logarithmic above)", lang=lg))
    ax.set_ylabel(bilingual("叙述字数（汉字）", "narrative length (Chinese characters)", lang=lg))
    _title(ax, "申请量与报告篇幅", "Request volume and narrative length", title=title, lang=lg)
    if groups:
        ax.legend(loc="best")
    return ax


def topic_model_map(data: pd.DataFrame, *, ax=None, labels: dict | None = None, title: str | None = None,
                    lang: Lang | None = None):
    """Heat map of supervised topics (rows) against unsupervised topics (columns), row shares.

    Args:
        data: ``TopicModel.crosstab`` of :func:`ogi.analysis.topics.fit_topics`.
        ax: Axes to draw on; a new figure when None.
        labels: names of the unsupervised topics (``TopicModel.labels``).
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes.
    """
    ax, lg = _ax(ax), _lang(lang)
    m = data.to_numpy(dtype=float)
    rows = m.sum(axis=1, keepdims=True)
    share = np.divide(m, rows, out=np.zeros_like(m), where=rows > 0)
    ax.imshow(share, aspect="auto", vmin=0, vmax=1)
    names = labels or {}
    ax.set_xticks(range(m.shape[1]), [f"{c}: {names.get(c, '')}" if names.get(c) else str(c) for c in data.columns],
                  rotation=90)
    ax.set_yticks(range(m.shape[0]), [category("topic", t, lang=lg) for t in data.index])
    _heat_labels(ax, share, lambda v: f"{v:.0%}", threshold=0.05, hi=1.0)
    ax.set_xlabel(bilingual("无监督主题（主要词语）", "NMF topic (top terms)", lang=lg))
    ax.set_ylabel(bilingual("监督主题", "supervised topic", lang=lg))
    _title(ax, "主题模型与固定主题", "Topic model against the fixed topics", title=title, lang=lg)
    return ax


_FEATURES = (("specific_share", "具体", "specific"), ("number_share", "数字", "number"), ("date_share", "日期", "date"),
             ("named_unit_share", "具名单位", "named unit"), ("document_share", "文件", "document"))


def specificity_by_kind(data: pd.DataFrame, *, ax=None, title: str | None = None, lang: Lang | None = None):
    """Grouped bars: share of statements with numbers, dates, named units, documents, by kind.

    Args:
        data: :func:`ogi.analysis.specificity.specificity_summary` with ``by="kind"``.
        ax: Axes to draw on; a new figure when None.
        title: the title; ``""`` for none.
        lang: ``zh``, ``en`` or ``both``.

    Returns:
        The Axes (each bar's value written above it, 0 % included).
    """
    ax, lg = _ax(ax), _lang(lang)
    kinds = data["kind"].fillna("?").tolist()
    x = np.arange(len(_FEATURES))
    w = 0.8 / max(1, len(kinds))
    for k, (kind, color) in enumerate(zip(kinds, _colors(len(kinds)))):
        vals = [float(data.iloc[k][f]) for f, _, _ in _FEATURES]
        at = x + (k - (len(kinds) - 1) / 2) * w
        ax.bar(at, vals, width=w, color=KIND_COLORS.get(kind, color),
               label=f"{category('kind', kind, lang=lg)} (n={int(data.iloc[k]['statements'])})")
        for xi, v in zip(at, vals):
            ax.annotate(f"{v:.0%}", (xi, v), xytext=(0, 1), textcoords="offset points", ha="center",
                        fontsize="x-small")
    ax.set_xticks(x, [bilingual(zh, en, lang=lg, sep="\n") for _, zh, en in _FEATURES])
    ax.set_ylim(0, 1)
    ax.set_ylabel(bilingual("表述占比", "share of statements", lang=lg))
    _title(ax, "表述的具体程度", "Specificity of statements", title=title, lang=lg)
    if kinds:
        ax.legend(loc="upper right")
    return ax
