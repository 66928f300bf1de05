"""Narrative NLP for section 五: tokens, statements, their kind and topics, keywords, spaCy.

Build, load, run: importing this package is cheap; jieba's dictionary is loaded on the first
tokenisation and the statement model on the first classification, once per process.

Submodules keep their names (``ogi.nlp.tokenize.tokenize``, ``ogi.nlp.statements``,
``ogi.nlp.train.train``); the package re-exports the functions whose names do not clash.

Example:
    >>> import ogi.nlp
    >>> ogi.nlp.tokenize.tokenize("政务新媒体互动性不足")
    ['政务新媒体', '互动性', '不足']
    >>> [s["kind"] for s in ogi.nlp.extract_statements("（一）主要问题\\n一是培训不足。\\n（二）改进措施\\n一是加强培训。")]
    ['problem', 'improvement']

``ogi.nlp`` itself is callable: ``ogi.nlp()`` is :func:`ogi.nlp.pipeline.nlp`, the spaCy pipeline.
"""

from __future__ import annotations

import sys
import types

from ogi.nlp.evaluate import evaluate_gold_dir, evaluate_statements
from ogi.nlp.statements import KINDS, TOPICS, Segment, extract_statements, segment
from ogi.nlp import tokenize  # the module: ogi.nlp.tokenize.tokenize
from ogi.nlp.tokenize import pos_tag, user_terms

__all__ = [
    "tokenize", "pos_tag", "user_terms",
    "Segment", "segment", "extract_statements", "KINDS", "TOPICS",
    "evaluate_statements", "evaluate_gold_dir",
    "nlp", "tfidf_keywords", "textrank_keywords",
    "StatementClassifier", "load_classifier", "load_predictor", "pair_statements",
]

_LAZY = {
    "nlp": ("ogi.nlp.pipeline", "nlp"),
    "tfidf_keywords": ("ogi.nlp.keywords", "tfidf_keywords"),
    "textrank_keywords": ("ogi.nlp.keywords", "textrank_keywords"),
    "StatementClassifier": ("ogi.nlp.classify", "StatementClassifier"),
    "load_classifier": ("ogi.nlp.classify", "load_classifier"),
    "load_predictor": ("ogi.nlp.linear", "load_predictor"),
    "pair_statements": ("ogi.nlp.pairing", "pair_statements"),
}


def __getattr__(name: str):
    # spaCy, scikit-learn and pandas are imported only when their part is used
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'ogi.nlp' has no attribute {name!r}")


class _CallableModule(types.ModuleType):
    """Lets ``ogi.nlp()`` build the spaCy pipeline while ``ogi.nlp.x`` stays a package."""

    def __call__(self, **kwargs):
        from ogi.nlp.pipeline import nlp as _nlp

        return _nlp(**kwargs)


sys.modules[__name__].__class__ = _CallableModule
