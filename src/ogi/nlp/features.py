"""The scikit-learn transformers that vectorise statement records (for training).

Records are built by :mod:`ogi.nlp.records` (re-exported here); these transformers turn them
into the TF-IDF and context features :class:`ogi.nlp.classify.StatementClassifier` learns
from.  Prediction in a corpus run does not import them: :mod:`ogi.nlp.linear` computes the
same features from the exported model.

Example:
    >>> from ogi.nlp.statements import segment
    >>> rec = segment_record(segment("（一）主要问题\\n一是培训不够。")[0])
    >>> rec["body"], rec["hint"]
    ('培训不够。', 'problem')
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from ogi.nlp.records import context_terms, make_record, segment_record, token_ngrams

__all__ = ["segment_record", "make_record", "RecordField", "text_features", "context_features",
           "statement_features", "identity"]


def identity(x):
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

    def __init__(self, field: str = "body"):
        self.field = field

    def fit(self, X, y=None):
        return self

    def transform(self, X):
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
    parts = [("text", text_features(char_ngram_range=char_ngram_range, min_df=min_df))]
    if use_context:
        parts.append(("context", context_features()))
    return FeatureUnion(parts)
