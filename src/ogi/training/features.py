"""The scikit-learn transformers that vectorise statement records (training only).

Records are built by :mod:`ogi.nlp.records`; these transformers turn them into the TF-IDF and
context features :class:`ogi.training.estimator.StatementClassifier` learns from.  Prediction
at run time does not import them: :class:`ogi.nlp.linear.LinearStatementModel` computes the
same features from the exported arrays.

Their import paths are recorded in every ``.skops`` model file and named in the allow-list of
:mod:`ogi.nlp.trust`: moving them means re-saving the models.

Example:
    >>> from ogi.nlp.records import make_record
    >>> RecordField(field="ctx").fit_transform([make_record("培训不够", hint="problem")])[0][:2]
    ['hint=problem', 'ctxtype=none']
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from ogi.nlp.records import context_terms, token_ngrams

__all__ = ["RecordField", "text_features", "context_features", "statement_features", "identity"]


def identity(x: Any) -> Any:
    """Return ``x`` unchanged (analyzer of vectorisers fed with token lists)."""
    return x


class RecordField(BaseEstimator, TransformerMixin):
    """Pick one field out of a list of records (``"body"``, ``"tokens"``, ``"ctx"`` …).

    ``"token_ngrams"`` gives the tokens with their bigrams (digits folded to 0) and ``"ctx"``
    the context tokens (prefixed ``c:``) with the context flags.

    Example:
        >>> RecordField(field="body").fit_transform([{"body": "培训不够"}])
        ['培训不够']
    """

    def __init__(self, field: str = "body") -> None:
        self.field = field

    def fit(self, X: list[dict], y: Any = None) -> RecordField:
        """Nothing to learn; returns ``self``."""
        return self

    def transform(self, X: list[dict]) -> list:
        """The field of each record."""
        if self.field == "token_ngrams":
            return [token_ngrams(r["tokens"]) for r in X]
        if self.field == "ctx":
            return [context_terms(r) for r in X]
        return [r[self.field] for r in X]


def text_features(*, char_ngram_range: tuple[int, int] = (1, 3), min_df: int = 1) -> FeatureUnion:
    """Word (jieba unigrams + bigrams) and character n-gram TF-IDF of a statement's body."""
    return FeatureUnion([
        ("words", Pipeline([("field", RecordField(field="token_ngrams")),
                            ("tfidf", TfidfVectorizer(analyzer=identity, sublinear_tf=True, min_df=min_df,
                                                      dtype=np.float64))])),
        ("chars", Pipeline([("field", RecordField(field="body")),
                            ("tfidf", TfidfVectorizer(analyzer="char", ngram_range=char_ngram_range,
                                                      sublinear_tf=True, min_df=min_df, dtype=np.float64))])),
    ])


def context_features() -> Pipeline:
    """Binary features of the context: its tokens, the kind it announces, position and style."""
    return Pipeline([("field", RecordField(field="ctx")),
                     ("bin", CountVectorizer(analyzer=identity, binary=True, dtype=np.float64))])


def statement_features(*, use_context: bool = True, char_ngram_range: tuple[int, int] = (1, 3),
                       min_df: int = 1) -> FeatureUnion:
    """Text features, plus context features when ``use_context``."""
    parts: list[tuple[str, Any]] = [("text", text_features(char_ngram_range=char_ngram_range, min_df=min_df))]
    if use_context:
        parts.append(("context", context_features()))
    return FeatureUnion(parts)
