"""Paper figures: one function per figure, a CJK house style, reproducible files.

- :mod:`ogi.figures.plots`: figure functions ``f(data, *, ax=None) -> Axes``;
- :func:`style`: the rc context (a CJK font found at run time, ``pdf.fonttype=42``), the
  language of the figures (``lang="zh"|"en"|"both"``) and the paper style (``paper=True``: no
  titles);
- :mod:`ogi.figures.labels`: the words of the figures in both languages;
- :func:`save_figure`: PNG/PDF without timestamps (same data, same bytes);
- :func:`build_figures`: every figure with its CSV, the LaTeX tables and provenance.

Example:
    >>> import ogi.figures as of
    >>> [s.name for s in of.FIGURES][:2]
    ['outcome_composition', 'applicant_composition']
"""

from __future__ import annotations

from ogi.figures import plots
from ogi.figures.build import (
                               FIGURES,
                               README_FIGURES,
                               FigureSpec,
                               build_figures,
                               figure_data,
                               to_latex,
)
from ogi.figures.labels import LANGS, Lang
from ogi.figures.plots import (
                               applicant_composition,
                               boilerplate_distribution,
                               claim_verdicts,
                               outcome_composition,
                               pairing_matrix,
                               specificity_by_kind,
                               topic_model_map,
                               topic_prevalence,
                               violation_rate,
                               volume_vs_length,
)
from ogi.figures.styling import CJKFont, FigureOptions, current_options, find_cjk_font, save_figure, style

__all__ = [
                               "FIGURES",
                               "README_FIGURES",
                               "CJKFont",
                               "FigureOptions",
                               "FigureSpec",
                               "LANGS",
                               "Lang",
                               "applicant_composition",
                               "boilerplate_distribution",
                               "build_figures",
                               "claim_verdicts",
                               "current_options",
                               "figure_data",
                               "find_cjk_font",
                               "outcome_composition",
                               "pairing_matrix",
                               "plots",
                               "save_figure",
                               "specificity_by_kind",
                               "style",
                               "to_latex",
                               "topic_model_map",
                               "topic_prevalence",
                               "violation_rate",
                               "volume_vs_length",
]
