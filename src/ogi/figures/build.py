"""Build every paper figure, its data (CSV), the paper tables (LaTeX) and a provenance file.

:func:`build_figures` computes each measure once from the corpus tables, writes it as
``data/<name>.csv``, draws it with the figure function of :mod:`ogi.figures.plots` inside
:func:`ogi.figures.style` and saves ``figures/<name>.png`` and ``.pdf``; the tables a paper
would typeset go to ``tables/<name>.tex``; ``provenance.json`` lists package versions, the
font, the input tables' hashes, the git commit, the command line and the hash of every
output.  Nothing carries a clock, so two builds from the same data give the same bytes.

Example:
    >>> from ogi.analysis import load_dataset
    >>> from ogi.figures import build_figures
    >>> manifest = build_figures(load_dataset("corpora/sample"), "results/figures")  # doctest: +SKIP
    >>> sorted(manifest["figures"])[:2]  # doctest: +SKIP
    ['applicant_composition', 'boilerplate_distribution']
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from ogi.errors import UsageError
from ogi.figures import plots
from ogi.figures.labels import Lang, check_lang
from ogi.figures.styling import FORMATS, save_figure, style

__all__ = ["FIGURES", "README_FIGURES", "FigureSpec", "build_figures", "figure_data", "to_latex"]

Tables = Mapping[str, pd.DataFrame]


@dataclass(frozen=True)
class FigureSpec:
    """One figure: what it shows, how its data is computed and how it is drawn.

    Attributes:
        name: file stem (``figures/<name>.png``, ``data/<name>.csv``).
        title: one line saying what the figure shows.
        compute: corpus tables → the figure's data (a DataFrame).
        draw: the figure function (``draw(data, ax=ax)``).
        size: figure size in inches.
    """

    name: str
    title: str
    compute: Callable[[Tables], pd.DataFrame]
    draw: Callable
    size: tuple[float, float] = (6.4, 4.0)


def _m():
    from ogi.analysis import measures

    return measures


def _volume_length(data: Tables) -> pd.DataFrame:
    m = _m()
    v = m.request_volume(data)
    n = m.narrative_length(data)[["report_id", "narrative_chars"]]
    return v.merge(n, on="report_id", how="left")


def _boilerplate(data: Tables) -> pd.DataFrame:
    from ogi.analysis.boilerplate import near_duplicates

    return near_duplicates(data, unit="statement")


def _topic_model(data: Tables):
    from ogi.analysis.topics import fit_topics

    st = data["statements"]
    n = int(st["kind"].isin(["problem", "improvement"]).sum())
    k = max(2, min(10, n // 20))
    return fit_topics(data, n_topics=k, random_state=0)


def _topic_map(data: Tables) -> pd.DataFrame:
    tm = _topic_model(data)
    ct = tm.crosstab.copy()
    ct.columns = [f"{c}:{tm.labels.get(c, '')}" for c in ct.columns]
    return ct


def _draw_topic_map(data: pd.DataFrame, *, ax=None, **options):
    labels = {}
    cols = []
    for c in data.columns:
        k, _, lab = str(c).partition(":")
        cols.append(int(k))
        labels[int(k)] = lab
    d = data.copy()
    d.columns = cols
    return plots.topic_model_map(d, ax=ax, labels=labels, **options)


def _specificity(data: Tables) -> pd.DataFrame:
    from ogi.analysis.specificity import specificity_summary

    s = specificity_summary(data, by="kind")
    return s[s["kind"].isin(["problem", "improvement"])].reset_index(drop=True)


FIGURES: tuple[FigureSpec, ...] = (
    FigureSpec("outcome_composition",
               "Outcomes of requests (予以公开 … 其他处理) as shares of decided requests, by year",
               lambda d: _m().outcome_shares(d, by="year"), plots.outcome_composition, (7.2, 4.0)),
    FigureSpec("applicant_composition", "New requests by applicant (自然人 and five kinds of organisation), by year",
               lambda d: _m().applicant_mix(d, by="year"), plots.applicant_composition, (7.2, 4.0)),
    FigureSpec("violation_rate_by_year", "Share of reports whose tables break an accounting identity, by year",
               lambda d: _m().violation_rates(d, by="year"), plots.violation_rate),
    FigureSpec("violation_rate_by_format",
               "Share of reports whose tables break an accounting identity, by source format",
               lambda d: _m().violation_rates(d, by="format"), plots.violation_rate, (4.8, 4.0)),
    FigureSpec("claim_verdicts", "Verdicts of narrative numbers checked against the tables",
               lambda d: _m().claim_verdicts(d, by=None), plots.claim_verdicts),
    FigureSpec("topic_prevalence", "Share of reports raising each topic among their problems",
               lambda d: _m().topic_prevalence(d, kind="problem", by=None), plots.topic_prevalence),
    FigureSpec("pairing_matrix", "Problems by main topic against the main topic of the improvement paired with them",
               lambda d: _m().pairing_matrix(d), plots.pairing_matrix, (7.2, 6.0)),
    FigureSpec("boilerplate_distribution",
               "Highest similarity of each statement to other agencies and to other years of its agency",
               _boilerplate, plots.boilerplate_distribution),
    FigureSpec("volume_vs_length", "Requests received against the length of the narrative (sections 一, 五, 六)",
               _volume_length, plots.volume_vs_length),
    FigureSpec("topic_model_map", "Unsupervised NMF topics of the statements against the supervised topics",
               _topic_map, _draw_topic_map, (8.0, 6.0)),
    FigureSpec("specificity_by_kind", "Share of problem and improvement statements with checkable content",
               _specificity, plots.specificity_by_kind),
)

#: The two figures shown in the README (copied to ``docs/figures``).
README_FIGURES: tuple[str, ...] = ("outcome_composition", "violation_rate_by_year")


def _pct(x) -> str:
    return "" if pd.isna(x) else f"{100 * float(x):.1f}"


def _tex_escape(s: object) -> str:
    text = "" if s is None or (isinstance(s, float) and pd.isna(s)) else str(s)
    for a, b in (("\\", r"\textbackslash "), ("&", r"\&"), ("%", r"\%"), ("_", r"\_"), ("#", r"\#"),
                 ("$", r"\$")):
        text = text.replace(a, b)
    return text


def to_latex(df: pd.DataFrame, *, caption: str, label: str, align: str | None = None) -> str:
    """A booktabs LaTeX table of a small DataFrame (cells already formatted as text).

    Args:
        df: the table; its columns are the header.
        caption: the caption.
        label: the ``\\label`` key.
        align: column alignment (``l`` then ``r`` … by default).

    Returns:
        The LaTeX source (needs ``booktabs``; Chinese needs ``ctex`` or ``xeCJK``).

    Example:
        >>> print(to_latex(pd.DataFrame({"年份": ["2024"], "n": ["3"]}), caption="示例", label="tab:x"))
        ... # doctest: +ELLIPSIS
        \\begin{table}[htbp]
        ...
    """
    align = align or ("l" + "r" * (len(df.columns) - 1))
    lines = [r"\begin{table}[htbp]", r"\centering", rf"\caption{{{_tex_escape(caption)}}}",
             rf"\label{{{label}}}", rf"\begin{{tabular}}{{{align}}}", r"\toprule",
             " & ".join(_tex_escape(c) for c in df.columns) + r" \\", r"\midrule"]
    for row in df.itertuples(index=False):
        lines.append(" & ".join(_tex_escape(v) for v in row) + r" \\")
    lines += [r"\bottomrule", r"\end{tabular}", r"\end{table}", ""]
    return "\n".join(lines)


def _tables(data: Tables, computed: dict[str, pd.DataFrame]) -> dict[str, tuple[pd.DataFrame, str, str]]:
    m = _m()
    out: dict[str, tuple[pd.DataFrame, str, str]] = {}
    o = computed["outcome_composition"]
    w = o.pivot_table(index="year", columns="label", values="share", sort=True)
    w = w.reindex(columns=[m.OUTCOME_LABELS[k] for k in m.OUTCOMES])
    tot = o.groupby("year")["count"].sum()
    reps = o.groupby("year")["n"].first()
    t = pd.DataFrame({"年份": [str(y) for y in w.index], "报告 n": [f"{int(reps[y])}" for y in w.index],
                      "申请 requests": [f"{int(tot[y])}" for y in w.index]})
    for c in w.columns:
        t[f"{c} %"] = [_pct(v) for v in w[c]]
    out["outcomes_by_year"] = (t, "Outcomes of requests by year (per cent of decided requests)", "tab:outcomes")
    a = computed["applicant_composition"]
    w = a.pivot_table(index="year", columns="label", values="share", sort=True)
    w = w.reindex(columns=[m.APPLICANT_LABELS[k] for k in m.APPLICANTS])
    reps = a.groupby("year")["n"].first()
    t = pd.DataFrame({"年份": [str(y) for y in w.index], "报告 n": [f"{int(reps[y])}" for y in w.index]})
    for c in w.columns:
        t[f"{c} %"] = [_pct(v) for v in w[c]]
    out["applicants_by_year"] = (t, "New requests by applicant and year (per cent)", "tab:applicants")
    ap = m.appeals(data, by="year")
    t = pd.DataFrame({"年份": ap["year"].astype(str), "报告 n": ap["n"].astype(str),
                      "复议 review": ap["review"].map(lambda v: f"{int(v)}"),
                      "纠正率 corrected %": ap["review_correction_rate"].map(_pct),
                      "诉讼 litigation": ap["litigation"].map(lambda v: f"{int(v)}"),
                      "纠正率 corrected % ": ap["litigation_correction_rate"].map(_pct)})
    out["appeals_by_year"] = (t, "Administrative review and litigation by year", "tab:appeals")
    for key, by in (("violation_rate_by_year", "year"), ("violation_rate_by_format", "format")):
        v = computed[key]
        t = pd.DataFrame({by: v[by].astype(str), "n": v["n"].astype(str),
                          "flagged": v["flagged"].astype(str), "rate %": v["rate"].map(_pct),
                          "95% CI": [f"{_pct(lo)}–{_pct(hi)}" for lo, hi in zip(v["low"], v["high"])]})
        out[key] = (t, f"Reports breaking an accounting identity, by {by}", f"tab:{key.replace('_', '-')}")
    tp = computed["topic_prevalence"]
    t = pd.DataFrame({"主题 topic": [f"{lab} ({tp_})" for tp_, lab in zip(tp["topic"], tp["label"])],
                      "statements": tp["statements"].astype(str), "reports": tp["reports"].astype(str),
                      "n": tp["n"].astype(str),
                      "share %": tp["report_share"].map(_pct)})
    out["problem_topics"] = (t, "Problem topics: statements and share of reports raising them", "tab:topics")
    ps = m.pairing_summary(data, by="year")
    t = pd.DataFrame({"年份": ps["year"].astype(str), "n": ps["n"].astype(str),
                      "problems": ps["problems"].astype(str),
                      "no measure %": ps["unanswered_share"].map(_pct),
                      "improvements": ps["improvements"].astype(str),
                      "no problem %": ps["unprompted_share"].map(_pct)})
    out["pairing_by_year"] = (t, "Problems with no measure and measures answering no problem", "tab:pairing")
    from ogi.analysis.boilerplate import boilerplate_summary, near_duplicates

    rows = []
    for unit, dups in (("statement", computed["boilerplate_distribution"]),
                       ("paragraph", near_duplicates(data, unit="paragraph"))):
        b = boilerplate_summary(dups)
        rows.append({"unit": unit, "units": str(int(b["units"].iloc[0])) if len(b) else "0",
                     "other agency %": _pct(b.loc[0, "agency_share"]) if len(b) else "",
                     "same agency, other year %": _pct(b.loc[0, "year_share"]) if len(b) else ""})
    t = pd.DataFrame(rows, columns=["unit", "units", "other agency %", "same agency, other year %"])
    out["boilerplate"] = (t, "Near-duplicate text (cosine similarity of at least 0.8), template text excluded",
                          "tab:boilerplate")
    return out


def _ids_sha(reports: pd.DataFrame) -> str:
    return hashlib.sha256("\n".join(sorted(reports["report_id"].astype(str))).encode()).hexdigest()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _git_commit() -> str | None:
    from ogi.paths import PROJECT_DIR

    try:
        r = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=PROJECT_DIR,
                           timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() or None


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    out: dict[str, str | None] = {}
    for pkg in ("ogi", "pandas", "numpy", "matplotlib", "scikit-learn", "jieba", "pyarrow",
                "pylopdf-fonts-zh-cn"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def figure_data(data: Tables, *, names: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """Compute the data of the figures (each measure once).

    Args:
        data: the corpus tables.
        names: figure names (all of :data:`FIGURES` by default).

    Returns:
        ``{name: DataFrame}`` in the order of :data:`FIGURES`.

    Raises:
        UsageError: an unknown figure name.
    """
    specs = _select(names)
    return {s.name: s.compute(data) for s in specs}


def _select(names: Sequence[str] | None) -> list[FigureSpec]:
    known = {s.name: s for s in FIGURES}
    if names is None:
        return list(FIGURES)
    bad = [n for n in names if n not in known]
    if bad:
        raise UsageError(f"unknown figure {bad[0]!r}; valid values: {', '.join(known)}")
    return [known[n] for n in names]


def build_figures(data: Tables, out_dir: str | os.PathLike, *, names: Sequence[str] | None = None,
                  formats: Sequence[str] = FORMATS, inputs: Mapping | None = None,
                  command: Sequence[str] | None = None, docs_dir: str | os.PathLike | None = None,
                  lang: Lang = "both", paper: bool = False, include: Literal["report", "all"] = "report") -> dict:
    """Compute, draw and save every figure, its CSV data, the LaTeX tables and the provenance.

    Writes ``figures/<name>.<fmt>``, ``data/<name>.csv``, ``tables/<name>.tex`` and
    ``provenance.json`` under ``out_dir``.

    Args:
        data: the corpus tables (:func:`ogi.analysis.load_dataset`).
        out_dir: output folder, created when missing.
        names: figures to build (all by default).
        formats: image formats (``png``, ``pdf``).
        inputs: what the data was read from, stored in the provenance (e.g. ``{"dataset":
            "results/corpus"}``).
        command: the command line to record (``ogi figures …``); ``None`` records none.
        docs_dir: also copy the README figures (:data:`README_FIGURES`, PNG) here.
        lang: the language of the figures' words: ``zh``, ``en`` or ``both``.
        paper: the paper style of :func:`ogi.figures.style` (no titles, 300 dpi).
        include: ``"report"`` (reports of status ``report`` only, the default) or ``"all"``
            (fragments, non-reports and duplicates too).

    Returns:
        The manifest (also the content of ``provenance.json``): ``figures`` (name → title
        and files), ``tables``, ``inputs``, versions, font, outputs' hashes.

    Raises:
        UsageError: an unknown figure name, format or language.
        OgiError: no CJK font is installed.
    """
    import matplotlib.pyplot as plt

    from ogi.analysis.data import restrict, table_hashes

    data = restrict(data, include)
    specs = _select(names)
    for f in formats:
        if f not in FORMATS:
            raise UsageError(f"invalid format {f!r}; valid values: {', '.join(FORMATS)}")
    out = Path(out_dir)
    for sub in ("figures", "data", "tables"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    computed: dict[str, pd.DataFrame] = {}
    written: list[Path] = []
    figs: dict[str, dict] = {}
    with style(lang=check_lang(lang), paper=paper) as font:
        for spec in specs:
            df = spec.compute(data)
            computed[spec.name] = df
            csv = out / "data" / f"{spec.name}.csv"
            df.to_csv(csv, index=spec.name in ("pairing_matrix", "topic_model_map"), float_format="%.6g",
                      lineterminator="\n")
            fig, ax = plt.subplots(figsize=spec.size)
            spec.draw(df, ax=ax)
            paths = save_figure(fig, out / "figures" / spec.name, formats=formats)
            plt.close(fig)
            written += [csv, *paths]
            figs[spec.name] = {"title": spec.title, "files": [p.relative_to(out).as_posix() for p in [*paths, csv]]}
    tables: dict[str, str] = {}
    if names is None:
        for key, (t, caption, label) in _tables(data, computed).items():
            p = out / "tables" / f"{key}.tex"
            p.write_text(to_latex(t, caption=caption, label=label), encoding="utf-8")
            written.append(p)
            tables[key] = caption
    if docs_dir is not None and "png" in formats:
        d = Path(docs_dir)
        d.mkdir(parents=True, exist_ok=True)
        for name in README_FIGURES:
            src = out / "figures" / f"{name}.png"
            if src.is_file():
                (d / src.name).write_bytes(src.read_bytes())
    reports = data["reports"]
    manifest = {
        "schema": "ogi.figures/1",
        "python": platform.python_version(),
        "packages": _versions(),
        "git_commit": _git_commit(),
        "command": list(command) if command is not None else None,
        "style": {"lang": lang, "paper": paper},
        "font": {"name": font.name, "source": font.source, "file": Path(font.path).name, "sha256": font.sha256()},
        "inputs": {**dict(inputs or {}), "reports": len(reports), "include": include,
                   "sources_sha256": _ids_sha(reports),
                   "tables": table_hashes(data)},
        "figures": figs,
        "tables": tables,
        "outputs": {p.relative_to(out).as_posix(): _sha(p) for p in sorted(written)},
    }
    (out / "provenance.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                         encoding="utf-8")
    return manifest
