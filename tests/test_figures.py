"""Figures: each draws on a given Axes, honours the caller's style, and saves the same bytes twice."""

from __future__ import annotations

import hashlib
import json

import matplotlib
import matplotlib.pyplot as plt
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
