"""Figures: each draws on a given Axes, honours the caller's style, and saves the same bytes twice."""

from __future__ import annotations

import hashlib
import json

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from cycler import cycler
from typer.testing import CliRunner

from ogi.analysis import load_dataset
from ogi.analysis.sample_corpus import build
from ogi.errors import OgiError
from ogi.figures import (
    FIGURES,
    build_figures,
    figure_data,
    save_figure,
    style,
    to_latex,
)
from ogi.figures import styling as style_mod


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("figcorpus")
    build(out, years=(2020, 2022))
    return out


@pytest.fixture(scope="module")
def data(corpus_dir):
    return load_dataset(corpus_dir)


@pytest.fixture(scope="module")
def fig_data(data):
    return figure_data(data)


def _sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_at_least_eight_figures_with_titles():
    assert len(FIGURES) >= 8
    assert len({s.name for s in FIGURES}) == len(FIGURES)
    assert all(s.title for s in FIGURES)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_draws_on_the_given_axes(spec, fig_data):
    with style():
        fig, (ax0, ax1) = plt.subplots(1, 2)
        out = spec.draw(fig_data[spec.name], ax=ax1)
        assert out is ax1
        assert ax1.has_data() or ax1.texts
        assert not ax0.has_data()
        plt.close(fig)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_without_axes_returns_a_new_one(spec, fig_data):
    with style():
        ax = spec.draw(fig_data[spec.name])
        assert isinstance(ax, matplotlib.axes.Axes)
        plt.close(ax.figure)


def test_caller_colour_and_font_size_are_honoured(fig_data):
    from ogi.figures.plots import violation_rate

    with style(), plt.rc_context({"axes.prop_cycle": cycler(color=["#123456"]), "font.size": 17,
                                  "xtick.labelsize": 17}):
        ax = violation_rate(fig_data["violation_rate_by_year"])
        bar = ax.patches[0]
        assert matplotlib.colors.to_hex(bar.get_facecolor()) == "#123456"
        assert ax.get_xticklabels()[0].get_fontsize() == 17
        plt.close(ax.figure)


def test_style_override_argument_and_restore():
    before = plt.rcParams["font.size"]
    with style(rc={"font.size": 13}) as font:
        assert plt.rcParams["font.size"] == 13
        assert plt.rcParams["pdf.fonttype"] == 42
        assert font.name in plt.rcParams["font.sans-serif"]
    assert plt.rcParams["font.size"] == before


def test_cjk_font_is_found_and_draws_chinese():
    from matplotlib.font_manager import FontProperties, get_font

    font = style_mod.find_cjk_font()
    ft = get_font(font.path)
    assert ft.get_char_index(ord("公")) != 0
    assert FontProperties(fname=font.path).get_name() == font.name


def test_missing_cjk_font_names_what_to_install(monkeypatch):
    import builtins

    from matplotlib import font_manager

    real_import = builtins.__import__

    def no_font_package(name, *args, **kwargs):
        if name == "pylopdf_fonts_zh_cn":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    style_mod.find_cjk_font.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_font_package)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    try:
        with pytest.raises(OgiError, match="pylopdf-fonts-zh-cn"):
            style_mod.find_cjk_font()
    finally:
        monkeypatch.undo()
        style_mod.find_cjk_font.cache_clear()


def test_two_saves_give_identical_bytes(tmp_path, fig_data):
    from ogi.figures.plots import outcome_composition

    hashes = []
    for i in range(2):
        with style():
            ax = outcome_composition(fig_data["outcome_composition"])
            paths = save_figure(ax.figure, tmp_path / f"run{i}" / "outcomes")
            plt.close(ax.figure)
        hashes.append([_sha(p) for p in paths])
        assert [p.suffix for p in paths] == [".png", ".pdf"]
    assert hashes[0] == hashes[1]
    pdf = (tmp_path / "run0" / "outcomes.pdf").read_bytes()
    assert b"CreationDate" not in pdf and b"NotoSansSC" in pdf
    assert b"Software" not in (tmp_path / "run0" / "outcomes.png").read_bytes()


def test_build_figures_twice_is_byte_identical(tmp_path, data):
    a = build_figures(data, tmp_path / "a", inputs={"corpus": "x"}, command=["ogi", "figures"])
    build_figures(data, tmp_path / "b", inputs={"corpus": "x"}, command=["ogi", "figures"])
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert len(files) == 3 * len(FIGURES) + len(a["tables"]) + 1
    for f in files:
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes(), f
    prov = json.loads((tmp_path / "a" / "provenance.json").read_text(encoding="utf-8"))
    assert prov["outputs"]["data/outcome_composition.csv"] == _sha(tmp_path / "a" / "data" / "outcome_composition.csv")
    assert prov["inputs"]["reports"] == len(data["reports"])
    assert prov["font"]["name"]


def test_latex_table_escapes_and_uses_booktabs():
    import pandas as pd

    tex = to_latex(pd.DataFrame({"年份": ["2024"], "rate %": ["12.5"]}), caption="a_b", label="tab:x")
    assert r"\toprule" in tex and r"rate \%" in tex and r"a\_b" in tex


def test_cli_figures_from_a_folder_of_reports(tmp_path, corpus_dir):
    from ogi.cli import app

    out = tmp_path / "res"
    r = CliRunner().invoke(app, ["figures", "--dataset", str(corpus_dir), "--out", str(out),
                                 "--figure", "claim_verdicts", "--format", "png", "--docs", str(tmp_path / "docs")])
    assert r.exit_code == 0, r.output
    assert (out / "figures" / "claim_verdicts.png").is_file()
    assert (out / "data" / "claim_verdicts.csv").is_file()
    assert not (out / "figures" / "claim_verdicts.pdf").exists()


def test_cli_figures_unknown_figure_is_a_clear_error(tmp_path, corpus_dir):
    from ogi.cli import app

    r = CliRunner().invoke(app, ["figures", "--dataset", str(corpus_dir), "--out", str(tmp_path),
                                 "--figure", "nope"])
    assert r.exit_code == 2
    assert "valid values" in r.output


# --------------------------------------------------------------------------- what a reader sees


def _drawn(spec, data, **kw):
    fig, ax = plt.subplots(figsize=spec.size)
    spec.draw(data, ax=ax, **kw)
    fig.canvas.draw()
    return fig, ax


def _overlapping(labels, renderer) -> list[tuple[str, str]]:
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels if t.get_visible() and t.get_text()]
    out = []
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            if ba.x0 < bb.x1 - 0.5 and bb.x0 < ba.x1 - 0.5 and ba.y0 < bb.y1 - 0.5 and bb.y0 < ba.y1 - 0.5:
                out.append((a, b))
    return out


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_tick_labels_do_not_overlap(spec, fig_data):
    with style():
        fig, ax = _drawn(spec, fig_data[spec.name])
        renderer = fig.canvas.get_renderer()
        assert not _overlapping(ax.get_xticklabels(), renderer), spec.name
        assert not _overlapping(ax.get_yticklabels(), renderer), spec.name
        plt.close(fig)


def test_zero_rates_are_drawn_as_zero():
    import pandas as pd

    from ogi.analysis.measures import wilson_interval
    from ogi.figures.plots import violation_rate

    n = [1, 12, 5]
    ci = [wilson_interval(0, k) for k in n]
    data = pd.DataFrame({"format": ["docx", "html", "pdf"], "reports": n, "flagged": [0, 0, 0], "rate": [0.0] * 3,
                         "low": [c[0] for c in ci], "high": [c[1] for c in ci], "violations": 0, "uncertain": 0})
    with style():
        ax = violation_rate(data)
        # a mark at the value of every rate: 0
        marks = [ln for ln in ax.lines if ln.get_marker() not in (None, "None", "")]
        assert marks and list(marks[0].get_ydata()) == [0.0, 0.0, 0.0]
        assert [t.get_text() for t in ax.texts] == ["0%", "0%", "0%"]
        assert all(t.xy[1] == 0 for t in ax.texts)
        # the interval is a line of its own, named in the legend, not a bar
        assert all(p.get_height() == 0 for p in ax.patches)
        assert any("interval" in t.get_text() for t in ax.get_legend().get_texts())
        plt.close(ax.figure)


def test_claim_verdicts_are_coloured_by_meaning():
    import pandas as pd

    from ogi.figures import plots
    from ogi.view import palette

    assert plots.VERDICT_COLORS is palette.VERDICT_COLORS  # one mapping, shared with the audit pages
    data = pd.DataFrame({"group": "all", "verdict": ["unverifiable", "mismatch", "match", "approx"],
                         "count": [5, 3, 9, 1], "share": [0.28, 0.17, 0.5, 0.05]})
    with style():
        ax = plots.claim_verdicts(data, lang="en")
        got = {t.get_text(): matplotlib.colors.to_hex(p.get_facecolor())
               for t, p in zip(ax.get_xticklabels(), ax.patches)}
        plt.close(ax.figure)
    assert got == {"unverifiable": "#9e9e9e", "mismatch": "#c62828", "match": "#2e7d32", "approx.": "#0277bd"}


@pytest.mark.parametrize("name", ["outcome_composition", "applicant_composition"])
def test_composition_labels_give_n_per_group(name, fig_data):
    spec = next(s for s in FIGURES if s.name == name)
    d = fig_data[name]
    with style():
        fig, ax = _drawn(spec, d)
        labels = [t.get_text() for t in ax.get_xticklabels()]
        plt.close(fig)
    n = d.groupby("year")["count"].sum()
    reps = d.groupby("year")["n"].first()
    assert labels == [f"{y}\nn={int(c):,}\n{int(reps[y])} 份报告 reports" for y, c in n.items()]
    assert "n = " in ax.get_xlabel()


def test_composition_leaves_out_a_group_with_no_report_used(fig_data):
    # a year whose every report was excluded is a row of the measure (n 0, share missing),
    # not a bar labelled "n=0"
    spec = next(s for s in FIGURES if s.name == "outcome_composition")
    d = fig_data["outcome_composition"]
    empty = d[d["year"] == d["year"].iloc[0]].assign(year=1999, count=float("nan"), share=float("nan"),
                                                     n=0, n_excluded=2, excluded="no table 三: 2")
    with style():
        fig, ax = _drawn(spec, pd.concat([empty, d], ignore_index=True))
        labels = [t.get_text() for t in ax.get_xticklabels()]
        plt.close(fig)
    assert labels and not any(t.startswith("1999") for t in labels)
    assert len(labels) == d["year"].nunique()


def _words(ax, *, ticks: bool = True) -> str:
    parts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    if ticks:
        parts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        parts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(parts)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_figure_title_and_language_options(spec, fig_data):
    import re

    d = fig_data[spec.name]
    with style():
        fig, ax = _drawn(spec, d, title="My own title")
        assert ax.get_title() == "My own title"
        plt.close(fig)
        fig, ax = _drawn(spec, d, title="")
        assert ax.get_title() == ""
        plt.close(fig)
        fig, ax = _drawn(spec, d, lang="en")
        # the figure's own words are English (the NMF topics' top terms are data, not words of the figure)
        words = _words(ax, ticks=spec.name != "topic_model_map")
        assert not re.search(r"[\u4e00-\u9fff]", words.replace("表三", "")), words
        plt.close(fig)
        fig, ax = _drawn(spec, d, lang="zh")
        assert ax.get_title() and not re.search(r"[A-Za-z]", ax.get_title())
        plt.close(fig)
    with style(lang="zh"):
        fig, ax = _drawn(spec, d)
        assert not re.search(r"[A-Za-z]", ax.get_title())
        plt.close(fig)


@pytest.mark.parametrize("spec", FIGURES, ids=lambda s: s.name)
def test_paper_style_draws_no_titles_and_axis_labels_have_no_jargon(spec, fig_data):
    with style(paper=True):
        assert plt.rcParams["savefig.dpi"] == 300
        fig, ax = _drawn(spec, fig_data[spec.name])
        assert ax.get_title() == ""
        assert "symlog" not in ax.get_xlabel() + ax.get_ylabel()
        plt.close(fig)
    with style():
        fig, ax = _drawn(spec, fig_data[spec.name])
        assert ax.get_title()
        plt.close(fig)


def test_unknown_language_is_a_usage_error(tmp_path, data):
    from ogi.errors import UsageError

    with pytest.raises(UsageError, match="valid values: zh, en, both"), style(lang="fr"):
        pass
    with pytest.raises(UsageError, match="valid values: zh, en, both"):
        build_figures(data, tmp_path, names=["claim_verdicts"], lang="fr")


def test_build_figures_in_english_paper_style_records_it(tmp_path, data):
    m = build_figures(data, tmp_path, names=["claim_verdicts"], formats=("png",), lang="en", paper=True)
    assert m["style"] == {"lang": "en", "paper": True}
    prov = json.loads((tmp_path / "provenance.json").read_text(encoding="utf-8"))
    assert prov["style"] == {"lang": "en", "paper": True}
