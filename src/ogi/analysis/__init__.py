"""Corpus measures: requests, reporting quality, self-criticism, topics and boilerplate.

Every function takes the corpus tables (a mapping of DataFrames: reports, sections, cells,
findings, statements, claims, errors — see :mod:`ogi.dataset`) and returns a DataFrame.

Example:
    >>> from ogi.analysis import load_dataset, measures
    >>> data = load_dataset("corpora/sample")  # doctest: +SKIP
    >>> measures.violation_rates(data, by="year").columns.tolist()  # doctest: +SKIP
    ['year', 'reports', 'flagged', 'rate', 'low', 'high', 'violations', 'uncertain']
"""

from __future__ import annotations

from ogi.analysis import boilerplate, measures, specificity, topics
from ogi.analysis.boilerplate import boilerplate_summary, near_duplicates
from ogi.analysis.data import canonical, is_processed, load_dataset, parse_corpus_frames
from ogi.analysis.measures import (
                                   appeals,
                                   applicant_mix,
                                   carry_over,
                                   cell_quality,
                                   claim_verdicts,
                                   denial_reasons,
                                   identity_violations,
                                   narrative_length,
                                   outcome_shares,
                                   pairing_matrix,
                                   pairing_summary,
                                   request_volume,
                                   statement_counts,
                                   table3_total_cells,
                                   topic_prevalence,
                                   violation_rates,
)
from ogi.analysis.specificity import specificity_summary, statement_specificity
from ogi.analysis.topics import TopicModel, fit_topics

__all__ = [
                                   "TopicModel",
                                   "appeals",
                                   "applicant_mix",
                                   "boilerplate",
                                   "boilerplate_summary",
                                   "canonical",
                                   "carry_over",
                                   "cell_quality",
                                   "claim_verdicts",
                                   "denial_reasons",
                                   "fit_topics",
                                   "identity_violations",
                                   "is_processed",
                                   "load_dataset",
                                   "measures",
                                   "narrative_length",
                                   "near_duplicates",
                                   "outcome_shares",
                                   "pairing_matrix",
                                   "pairing_summary",
                                   "parse_corpus_frames",
                                   "request_volume",
                                   "specificity",
                                   "specificity_summary",
                                   "statement_counts",
                                   "statement_specificity",
                                   "table3_total_cells",
                                   "topic_prevalence",
                                   "topics",
                                   "violation_rates",
]
