"""The scikit-learn estimator of statement kind and topics (training only).

:class:`StatementClassifier` follows the scikit-learn contract (``__init__`` stores keyword
arguments, ``fit`` returns ``self``, learned state ends in ``_``, ``random_state`` honoured).
It learns three linear models over jieba-token and character n-gram TF-IDF features:

- kind (``problem``/``improvement``/``other``), with the context features (sub-heading or
  framing sentence, the kind it announces, position, list style), calibrated by sigmoid
  (Platt) scaling so that ``score`` is a probability;
- the main topic (multi-class, calibrated the same way);
- further topics (one-vs-rest logistic regressions; a topic is added when its probability
  reaches ``topic_threshold``).

It predicts one way, with scikit-learn's own ``predict_proba``.  Statements are not classified
with it at run time: :func:`ogi.training.export.save_export` turns a fitted estimator into the
arrays of :class:`ogi.nlp.linear.LinearStatementModel` after checking they predict the same.

Example:
    >>> from ogi.nlp.records import make_record
    >>> X = [make_record(t, hint=h) for t, h in [("培训不够", "problem"), ("加强培训", "improvement")] * 3]
    >>> topics = [["capacity"], ["mechanism"]] * 3
    >>> clf = StatementClassifier(calibration_cv=2).fit(X, [r["hint"] for r in X], topics)
    >>> clf.predict(X[:2]).tolist()
    ['problem', 'improvement']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

from ogi.errors import OgiError, UsageError
from ogi.nlp.linear import records_from_proba
from ogi.nlp.taxonomy import KINDS, TOPICS
from ogi.training.features import context_features, text_features

__all__ = ["StatementClassifier"]


def _calibrated(base: Any, y: np.ndarray, *, cv: int, random_state: int) -> Any:
    """``base`` calibrated by sigmoid scaling, with as many folds as the rarest class allows."""
    counts = np.unique(np.asarray(y), return_counts=True)[1]
    folds = int(min(cv, counts.min())) if len(counts) > 1 else 0
    if folds < 2:
        return LogisticRegression(C=getattr(base, "C", 1.0), max_iter=2000, random_state=random_state)
    # ensemble=False: one model fitted on all the data, calibrated on out-of-fold scores
    # (a third of the size of keeping one model per fold)
    return CalibratedClassifierCV(base, method="sigmoid", ensemble=False,
                                  cv=StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state))


class StatementClassifier(ClassifierMixin, BaseEstimator):
    """Kind (with context) and topics (main first) of section-五 statements.

    Args:
        C_kind: regularisation of the kind model (linear SVM).
        C_topic: regularisation of the main-topic and further-topic models.
        topic_threshold: probability a further topic needs to be listed after the main one.
        max_topics: at most this many topics per statement.
        use_context: use the context features for the kind (turn off to measure their worth).
        char_ngram_range: character n-gram range of the text features.
        min_df: n-grams and words seen in fewer statements are dropped (keeps the model small).
        calibration_cv: folds of the sigmoid calibration.
        random_state: seed of every randomised step.
        topic_keys: the topic keys the model may give, in order (a researcher's taxonomy,
            :func:`ogi.nlp.taxonomy.load_taxonomy`); None for the shipped topics.

    Attributes:
        classes_: the kinds, in the column order of :meth:`predict_proba`.
        topics_: the topics, in the column order of the topic probabilities.
        text_features_, context_features_: the fitted feature extractors.
        kind_model_, topic_model_, extra_topics_model_: the fitted classifiers.
        extra_topic_names_: the topics of the columns of ``extra_topics_model_``.
    """

    # learned in fit (None: no statement had topics); declared for type checkers only
    topic_model_: Any
    extra_topics_model_: Any

    def __init__(self, *, C_kind: float = 0.5, C_topic: float = 1.0, topic_threshold: float = 0.35,
                 max_topics: int = 3, use_context: bool = True, char_ngram_range: tuple[int, int] = (1, 3),
                 min_df: int = 2, calibration_cv: int = 3, random_state: int = 0,
                 topic_keys: tuple[str, ...] | None = None) -> None:
        self.C_kind = C_kind
        self.C_topic = C_topic
        self.topic_threshold = topic_threshold
        self.max_topics = max_topics
        self.use_context = use_context
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.calibration_cv = calibration_cv
        self.random_state = random_state
        self.topic_keys = topic_keys

    def _kind_matrix(self, X: list[dict]) -> tuple[Any, Any]:
        """The kind model's input and the text features (its first columns)."""
        T = self.text_features_.transform(X)
        if self.use_context:
            return sp.hstack([T, self.context_features_.transform(X)], format="csr"), T
        return T, T

    def fit(self, X: list[dict], y: Sequence[str],
            topics: Sequence[Sequence[str] | None] | None = None) -> StatementClassifier:
        """Fit on feature records.

        Args:
            X: records from :func:`ogi.nlp.records.make_record`.
            y: the kinds.
            topics: the topics of each record (main first); None for a record whose topics
                are unknown (weak labels): it then trains the kind model only.

        Returns:
            self

        Raises:
            UsageError: ``X`` and ``y`` differ in length, or a kind is unknown.
        """
        if len(X) != len(y):
            raise UsageError(f"X and y differ in length ({len(X)} vs {len(y)})")
        bad = sorted({k for k in y if k not in KINDS})
        if bad:
            raise UsageError(f"unknown kinds {bad}; valid: {', '.join(KINDS)}")
        known = list(topics) if topics is not None else [None] * len(X)
        names = self._topic_names()
        unknown = sorted({t for ts in known if ts for t in ts if t not in names})
        if unknown:
            raise UsageError(f"unknown topics {unknown}; valid: {', '.join(names)}")
        self.text_features_ = text_features(char_ngram_range=self.char_ngram_range, min_df=self.min_df).fit(X)
        self.context_features_ = context_features().fit(X)
        Xk, T = self._kind_matrix(X)
        kinds = np.asarray(y, dtype=object)
        self.kind_model_ = _calibrated(
            LinearSVC(C=self.C_kind, class_weight="balanced", random_state=self.random_state), kinds,
            cv=self.calibration_cv, random_state=self.random_state).fit(Xk, kinds)
        self.classes_ = np.asarray(self.kind_model_.classes_, dtype=object)
        self.topics_ = np.asarray(names, dtype=object)
        have = [i for i, t in enumerate(known) if t]
        if have:
            self._fit_topics(T[have], [list(known[i] or ()) for i in have])
        else:
            self.topic_model_ = None
            self.extra_topics_model_ = None
            self.extra_topic_names_ = np.asarray([], dtype=object)
        return self

    def _fit_topics(self, T: Any, topics: list[list[str]]) -> None:
        main = np.asarray([t[0] for t in topics], dtype=object)
        if len(set(main)) < 2:  # one topic only: nothing to learn, predict it
            self.topic_model_ = DummyClassifier(strategy="most_frequent").fit(T, main)
        else:
            self.topic_model_ = _calibrated(
                LinearSVC(C=self.C_topic, class_weight="balanced", random_state=self.random_state), main,
                cv=self.calibration_cv, random_state=self.random_state).fit(T, main)
        names = self._topic_names()
        Y = MultiLabelBinarizer(classes=list(names)).fit_transform(topics)
        keep = Y.sum(axis=0) > 0
        self.extra_topic_names_ = np.asarray(names, dtype=object)[keep]
        self.extra_topics_model_ = OneVsRestClassifier(
            LogisticRegression(C=self.C_topic * 4, solver="liblinear", random_state=self.random_state)
        ).fit(T, Y[:, keep])

    def _topic_names(self) -> tuple[str, ...]:
        return tuple(self.topic_keys) if self.topic_keys is not None else TOPICS

    def _check(self) -> None:
        if not hasattr(self, "kind_model_"):
            raise OgiError("StatementClassifier is not fitted; call fit() first")

    def predict_proba(self, X: list[dict]) -> np.ndarray:
        """Calibrated kind probabilities, columns in the order of ``classes_``."""
        self._check()
        Xk, _ = self._kind_matrix(X)
        return self.kind_model_.predict_proba(Xk)

    def predict(self, X: list[dict]) -> np.ndarray:
        """The most probable kind of each record."""
        self._check()
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def predict_topics(self, X: list[dict]) -> list[list[str]]:
        """Topics of each record, main topic first."""
        return [r["topics"] for r in self.predict_records(X)]

    def predict_records(self, X: list[dict]) -> list[dict]:
        """Kind, topics and score of each record in one pass.

        Returns:
            ``[{"kind", "score", "topics", "topic_scores"}]``: ``score`` is the calibrated
            probability of ``kind``; ``topic_scores`` maps each listed topic to its probability.
        """
        self._check()
        if not X:
            return []
        Xk, T = self._kind_matrix(X)
        kp = self.kind_model_.predict_proba(Xk)
        if self.topic_model_ is None:
            return records_from_proba(kp, self.classes_, None, [], None, [],
                                      threshold=self.topic_threshold, max_topics=self.max_topics)
        mp = self.topic_model_.predict_proba(T)
        # each further topic's own binary model (the one-vs-rest columns, never normalised)
        ep = np.column_stack([e.predict_proba(T)[:, 1] for e in self.extra_topics_model_.estimators_])
        return records_from_proba(kp, self.classes_, mp, self.topic_model_.classes_, ep, self.extra_topic_names_,
                                  threshold=self.topic_threshold, max_topics=self.max_topics)
