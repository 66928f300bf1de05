"""Narrative NLP for section 五: tokens, statements, their kind and topics, keywords, spaCy.

Build, load, run: importing this package is cheap; jieba's dictionary is loaded on the first
tokenisation and the statement model on the first classification, once per process
(:func:`ogi.initialize` loads them at once, for worker processes).

- :mod:`~ogi.nlp.tokenize`: jieba with the open-government dictionary, stop words;
- :mod:`~ogi.nlp.statements`: section 五 cut into statements, classified and paired;
- :mod:`~ogi.nlp.taxonomy`: the kinds and topics, as data;
- :mod:`~ogi.nlp.models`: statement models by name (``"statements-v1"``) or folder;
- :mod:`~ogi.nlp.linear`, :mod:`~ogi.nlp.records`: the run-time predictor and its input;
- :mod:`~ogi.nlp.pairing`, :mod:`~ogi.nlp.keywords`, :mod:`~ogi.nlp.evaluate`,
  :mod:`~ogi.nlp.pipeline` (:func:`spacy_pipeline`).

Training lives below the pipeline, in :mod:`ogi.training`; this package never imports it.

Example:
    >>> import ogi.nlp
    >>> ogi.nlp.tokenize.tokenize("政务新媒体互动性不足")
    ['政务新媒体', '互动性', '不足']
    >>> text = "（一）主要问题\\n一是培训不足。\\n（二）改进措施\\n一是加强培训。"
    >>> [s["kind"] for s in ogi.nlp.extract_statements(text)]
    ['problem', 'improvement']
"""

from __future__ import annotations

import importlib
from typing import Any

from ogi.nlp import tokenize  # the module: ogi.nlp.tokenize.tokenize
from ogi.nlp.evaluate import evaluate_statements
from ogi.nlp.statements import Segment, extract_statements, segment
from ogi.nlp.taxonomy import KIND_LABELS, KINDS, TOPIC_LABELS, TOPICS
from ogi.nlp.tokenize import pos_tag, user_terms

__all__ = [
    "tokenize", "pos_tag", "user_terms",
    "Segment", "segment", "extract_statements", "KINDS", "TOPICS", "KIND_LABELS", "TOPIC_LABELS",
    "evaluate_statements", "models",
    "spacy_pipeline", "tfidf_keywords", "textrank_keywords", "pair_statements",
]

_LAZY = {
    "spacy_pipeline": ("ogi.nlp.pipeline", "spacy_pipeline"),
    "tfidf_keywords": ("ogi.nlp.keywords", "tfidf_keywords"),
    "textrank_keywords": ("ogi.nlp.keywords", "textrank_keywords"),
    "pair_statements": ("ogi.nlp.pairing", "pair_statements"),
}


def __getattr__(name: str) -> Any:
    # spaCy, scikit-learn and pandas are imported only when their part is used
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    if name == "models":
        return importlib.import_module("ogi.nlp.models")
    raise AttributeError(f"module 'ogi.nlp' has no attribute {name!r}")
