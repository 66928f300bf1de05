"""Kind and topic classification of statements: a scikit-learn estimator, saved with skops.

:class:`StatementClassifier` follows the scikit-learn contract (``__init__`` stores keyword
arguments, ``fit`` returns ``self``, learned state ends in ``_``, ``random_state`` honoured).
It learns three linear models over jieba-token and character n-gram TF-IDF features:

- kind (``problem``/``improvement``/``other``), with the context features (sub-heading or
  framing sentence, the kind it announces, position, list style), calibrated by sigmoid
  (Platt) scaling so that ``score`` is a probability;
- the main topic (multi-class, calibrated the same way);
- further topics (one-vs-rest logistic regressions; a topic is added when its probability
  reaches ``topic_threshold``).

The shipped model ``statements-v1.skops`` sits in ``ogi/resources/nlp/models`` with its
model card; :func:`load_classifier` loads it once, on first use.

Example:
    >>> from ogi.nlp.features import make_record
    >>> clf = load_classifier()
    >>> clf.predict_records([make_record("一是政策解读形式较为单一。", hint="problem")])[0]["kind"]
    'problem'
"""

from __future__ import annotations

import threading
from pathlib import Path

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
from ogi.nlp.features import context_features, text_features
from ogi.nlp.linear import (
    MODEL_NAME,
    MODELS_DIR,
    load_once,
    records_from_proba,
    sigmoid_calibrated_proba,
)
from ogi.nlp.statements import KINDS, TOPICS
from ogi.nlp.trust import check_model_file, record_hashes, verify_card

__all__ = ["StatementClassifier", "MODEL_NAME", "MODELS_DIR", "model_path", "save_classifier",
           "export_linear", "save_linear", "probe_records",
           "load_classifier", "TOPICS", "KINDS"]

def _calibrated(base, y, *, cv: int, random_state: int):
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

    Attributes:
        classes_: the kinds, in the column order of :meth:`predict_proba`.
        topics_: the topics, in the column order of the topic probabilities.
        text_features_, context_features_: the fitted feature extractors.
        kind_model_, topic_model_, extra_topics_model_: the fitted classifiers.

    Example:
        >>> from ogi.nlp.features import make_record
        >>> X = [make_record(t, hint=h) for t, h in [("培训不够", "problem"), ("加强培训", "improvement")] * 3]
        >>> topics = [["capacity"], ["capacity", "mechanism"]] * 3
        >>> clf = StatementClassifier(calibration_cv=2).fit(X, [r["hint"] for r in X], topics)
        >>> clf.predict(X[:2]).tolist()
        ['problem', 'improvement']
    """

    def __init__(self, *, C_kind: float = 0.5, C_topic: float = 1.0, topic_threshold: float = 0.35,
                 max_topics: int = 3, use_context: bool = True, char_ngram_range: tuple[int, int] = (1, 3),
                 min_df: int = 2, calibration_cv: int = 3, random_state: int = 0):
        self.C_kind = C_kind
        self.C_topic = C_topic
        self.topic_threshold = topic_threshold
        self.max_topics = max_topics
        self.use_context = use_context
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.calibration_cv = calibration_cv
        self.random_state = random_state

    # ----------------------------------------------------------------------------------
    def _kind_matrix(self, X):
        T = _union_transform(self.text_features_, X)
        if self.use_context:
            return sp.hstack([T, self.context_features_.transform(X)], format="csr"), T
        return T, T

    def fit(self, X: list[dict], y: list[str], topics: list[list[str] | None] | None = None):
        """Fit on feature records.

        Args:
            X: records from :func:`ogi.nlp.features.make_record`.
            y: the kinds.
            topics: the topics of each record (main first); None for a record whose topics
                are unknown (weak labels): it then trains the kind model only.

        Returns:
            self
        """
        if len(X) != len(y):
            raise UsageError(f"X and y differ in length ({len(X)} vs {len(y)})")
        bad = sorted({k for k in y if k not in KINDS})
        if bad:
            raise UsageError(f"unknown kinds {bad}; valid: {', '.join(KINDS)}")
        if topics is None:
            topics = [None] * len(X)
        self.text_features_ = text_features(char_ngram_range=self.char_ngram_range, min_df=self.min_df).fit(X)
        self.context_features_ = context_features().fit(X)
        Xk, T = self._kind_matrix(X)
        y = np.asarray(y, dtype=object)
        self.kind_model_ = _calibrated(
            LinearSVC(C=self.C_kind, class_weight="balanced", random_state=self.random_state), y,
            cv=self.calibration_cv, random_state=self.random_state).fit(Xk, y)
        self.classes_ = np.asarray(self.kind_model_.classes_, dtype=object)
        have = [i for i, t in enumerate(topics) if t]
        self.topics_ = np.asarray(TOPICS, dtype=object)
        if have:
            Tt = T[have]
            main = np.asarray([topics[i][0] for i in have], dtype=object)
            if len(set(main)) < 2:  # one topic only: nothing to learn, predict it
                self.topic_model_ = DummyClassifier(strategy="most_frequent").fit(Tt, main)
            else:
                self.topic_model_ = _calibrated(
                    LinearSVC(C=self.C_topic, class_weight="balanced", random_state=self.random_state), main,
                    cv=self.calibration_cv, random_state=self.random_state).fit(Tt, main)
            mlb = MultiLabelBinarizer(classes=list(TOPICS))
            Y = mlb.fit_transform([topics[i] for i in have])
            keep = Y.sum(axis=0) > 0
            self.extra_topic_names_ = np.asarray(TOPICS, dtype=object)[keep]
            self.extra_topics_model_ = OneVsRestClassifier(
                LogisticRegression(C=self.C_topic * 4, solver="liblinear", random_state=self.random_state)
            ).fit(Tt, Y[:, keep])
        else:
            self.topic_model_ = None
            self.extra_topics_model_ = None
            self.extra_topic_names_ = np.asarray([], dtype=object)
        return self

    def _check(self):
        if not hasattr(self, "kind_model_"):
            raise OgiError("StatementClassifier is not fitted; call fit() first")

    def _calibrated_proba(self, name: str, model, X) -> np.ndarray:
        """``model.predict_proba(X)`` for a sigmoid-calibrated linear model, as matrix arithmetic.

        The arithmetic is checked once against ``predict_proba`` (on the first batch); if the
        two ever differ (another scikit-learn version, another model), ``predict_proba`` is
        used from then on.
        """
        fast = getattr(self, "_fast", None)
        if fast is None:
            fast = self._fast = {}
        state = fast.get(name)
        if state is False:
            return model.predict_proba(X)
        params = state or _sigmoid_linear_params(model)
        if params is None:
            fast[name] = False
            return model.predict_proba(X)
        got = _sigmoid_linear_proba(params, X)
        if state is None:  # first use: verify
            ref = model.predict_proba(X)
            if ref.shape != got.shape or not np.allclose(ref, got, rtol=0, atol=1e-9):
                fast[name] = False
                return ref
            fast[name] = params
        return got

    def _extra_topic_proba(self, T) -> np.ndarray:
        """Probabilities of the further topics: the one-vs-rest logistic regressions at once.

        Equal to ``extra_topics_model_.predict_proba`` (sigmoid of each binary model's score),
        computed as one sparse product instead of one call per topic.
        """
        ests = self.extra_topics_model_.estimators_
        if not all(isinstance(e, LogisticRegression) for e in ests):
            return self.extra_topics_model_.predict_proba(T)
        wb = getattr(self, "_extra_wb", None)
        if wb is None:
            wb = (np.vstack([e.coef_ for e in ests]), np.array([e.intercept_[0] for e in ests]))
            self._extra_wb = wb
        from scipy.special import expit

        return expit(np.asarray(T @ wb[0].T) + wb[1])

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
        self._check()
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
        import sklearn

        # a report has a handful of statements: scikit-learn's per-call input validation would
        # cost more than the arithmetic, and the inputs are built here, finite and well-formed
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            Xk, T = self._kind_matrix(X)
            kp = self._calibrated_proba("kind", self.kind_model_, Xk)
            if self.topic_model_ is not None:
                mp = self._calibrated_proba("topic", self.topic_model_, T)
                ep = self._extra_topic_proba(T)
        if self.topic_model_ is None:
            return records_from_proba(kp, self.classes_, None, [], None, [],
                                      threshold=self.topic_threshold, max_topics=self.max_topics)
        return records_from_proba(kp, self.classes_, mp, self.topic_model_.classes_, ep, self.extra_topic_names_,
                                  threshold=self.topic_threshold, max_topics=self.max_topics)


# --------------------------------------------------------------------------------------------
# persistence

_lock = threading.Lock()
_loaded: dict[Path, StatementClassifier] = {}


def model_path(name: str = MODEL_NAME, models_dir: Path | None = None) -> Path:
    """Path of a model file ``NAME.skops``."""
    return Path(models_dir or MODELS_DIR) / f"{name}.skops"


def save_classifier(clf: StatementClassifier, path: str | Path, *, check: list[dict] | None = None) -> Path:
    """Save a fitted classifier with skops (no pickle), deflate-compressed, and its export.

    The SHA-256 of both files goes into the model card ``NAME.json`` beside them
    (:func:`ogi.nlp.trust.record_hashes`); loading refuses files that differ from it.

    Beside ``NAME.skops`` goes ``NAME.linear.npz`` (:func:`export_linear`), written only when
    it predicts exactly what ``clf`` predicts on probe records (and on ``check``, when given);
    otherwise no export is kept and prediction uses the scikit-learn estimator.
    """
    import zipfile

    import skops.io as sio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump(clf, path, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    save_linear(clf, path, check=check)
    record_hashes(path)  # loading checks the files against these
    return path


# --------------------------------------------------------------------------------------------
# export to arrays (ogi.nlp.linear)

def _head(model) -> dict | None:
    """The arrays of one fitted kind or main-topic model, or None when its type has no export."""
    if isinstance(model, DummyClassifier):
        if model.strategy != "most_frequent":
            return None
        return {"type": "constant", "classes": model.classes_, "index": np.asarray(int(np.argmax(model.class_prior_)))}
    params = _sigmoid_linear_params(model)
    if params is not None:
        coef, intercept, a, b, _n = params
        return {"type": "sigmoid", "classes": model.classes_, "coef": coef, "intercept": intercept, "a": a, "b": b}
    if isinstance(model, LogisticRegression):
        n = len(model.classes_)
        kind = "binary" if n == 2 else ("ovr" if model.solver == "liblinear" else "softmax")
        return {"type": kind, "classes": model.classes_, "coef": model.coef_, "intercept": model.intercept_}
    return None


def export_linear(clf: StatementClassifier) -> dict[str, np.ndarray] | None:
    """What prediction needs, as NumPy arrays (the ``.linear.npz`` layout of :mod:`ogi.nlp.linear`).

    Returns:
        name -> array (``meta`` a JSON string), or None when a part of ``clf`` is of a kind
        the export does not cover (then prediction keeps using ``clf``).
    """
    import json

    from ogi.nlp.linear import FORMAT

    clf._check()
    steps = dict(clf.text_features_.transformer_list)
    if set(steps) != {"words", "chars"} or clf.text_features_.transformer_weights:
        return None
    words, chars = steps["words"].named_steps["tfidf"], steps["chars"].named_steps["tfidf"]
    ctx = clf.context_features_.named_steps["bin"]
    if clf.text_features_.transformer_list[0][0] != "words" or chars.analyzer != "char" \
            or words.norm != "l2" or chars.norm != "l2" or not words.use_idf or not chars.use_idf \
            or not ctx.binary or chars.preprocessor is not None or chars.strip_accents is not None:
        return None

    def vocab(vec) -> np.ndarray:
        terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
        return np.asarray(terms, dtype=str)

    heads = {"kind": _head(clf.kind_model_)}
    if clf.topic_model_ is not None:
        heads["topic"] = _head(clf.topic_model_)
        n_features = clf.topic_model_.n_features_in_ if hasattr(clf.topic_model_, "n_features_in_") else None
        coefs, intercepts = [], []
        for e in clf.extra_topics_model_.estimators_:
            if isinstance(e, LogisticRegression):
                coefs.append(e.coef_[0])
                intercepts.append(e.intercept_[0])
            elif type(e).__name__ == "_ConstantPredictor" and n_features:  # a topic on every or no statement
                coefs.append(np.zeros(n_features))
                intercepts.append(np.inf if float(np.ravel(e.y_)[0]) >= 0.5 else -np.inf)
            else:
                return None
        heads["extra"] = {"type": "ovr-independent", "classes": clf.extra_topic_names_,
                          "coef": np.vstack(coefs), "intercept": np.asarray(intercepts)}
    if any(h is None for h in heads.values()):
        return None
    meta = {"format": FORMAT, "char_ngram_range": list(chars.ngram_range), "chars_lowercase": bool(chars.lowercase),
            "words_sublinear_tf": bool(words.sublinear_tf), "chars_sublinear_tf": bool(chars.sublinear_tf),
            "use_context": bool(clf.use_context), "topic_threshold": float(clf.topic_threshold),
            "max_topics": int(clf.max_topics), "heads": {k: h["type"] for k, h in heads.items()},
            "source_sha256": None}
    arrays = {"words_vocab": vocab(words), "words_idf": np.asarray(words.idf_, dtype=np.float64),
              "chars_vocab": vocab(chars), "chars_idf": np.asarray(chars.idf_, dtype=np.float64),
              "ctx_vocab": vocab(ctx)}
    for name, h in heads.items():
        arrays[f"{name}_classes"] = np.asarray([str(c) for c in h["classes"]], dtype=str)
        for part in ("coef", "intercept", "a", "b", "index"):
            if part in h:
                arrays[f"{name}_{part}"] = np.asarray(h[part], dtype=np.float64 if part != "index" else np.int64)
    arrays["meta"] = np.asarray(json.dumps(meta, sort_keys=True))
    return arrays


def probe_records(clf: StatementClassifier, n: int = 300, *, seed: int = 0) -> list[dict]:
    """Random records over the model's own vocabulary: every kind of feature, deterministic."""
    from ogi.nlp.features import make_record

    rng = np.random.default_rng(seed)
    words = sorted(t for t in clf.text_features_.transformer_list[0][1].named_steps["tfidf"].vocabulary_
                   if "_" not in t)
    ctx = sorted(t[2:] for t in clf.context_features_.named_steps["bin"].vocabulary_ if t.startswith("c:"))
    out = []
    for i in range(n):
        toks = [words[j] for j in rng.integers(0, len(words), size=int(rng.integers(1, 14)))] if words else ["无"]
        context = "".join(ctx[j] for j in rng.integers(0, len(ctx), size=int(rng.integers(0, 4)))) if ctx else ""
        out.append(make_record("".join(toks) + ("A b" if i % 7 == 0 else ""), tokens=toks, context=context,
                               hint=[None, "problem", "improvement"][i % 3],
                               context_type=["none", "heading", "framing"][i % 3 if context else 0],
                               style=["enum", "clause", "sentence"][int(rng.integers(0, 3))],
                               position=float(rng.random()), number=int(rng.integers(0, 6))))
    return out


def _same_predictions(a: list[dict], b: list[dict]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x["kind"] != y["kind"] or x["topics"] != y["topics"] or abs(x["score"] - y["score"]) > 1e-9:
            return False
        if any(abs(x["topic_scores"][t] - y["topic_scores"][t]) > 1e-9 for t in x["topics"]):
            return False
    return True


def save_linear(clf: StatementClassifier, skops_path: str | Path, *, check: list[dict] | None = None) -> Path | None:
    """Write ``NAME.linear.npz`` beside ``skops_path`` when the export predicts as ``clf`` does.

    Checked on :func:`probe_records` and on ``check``; the file records the SHA-256 of
    ``skops_path``, so that a later model file is never scored with a stale export.

    Returns:
        The path written, or None (nothing kept: the export is not exact or not possible).
    """
    import json
    import os
    import warnings

    from ogi.nlp.linear import LinearStatementModel, linear_path
    from ogi.nlp.trust import file_sha256

    skops_path = Path(skops_path)
    target = linear_path(skops_path)
    target.unlink(missing_ok=True)
    arrays = export_linear(clf)
    if arrays is None:
        return None
    meta = json.loads(str(arrays["meta"]))
    meta["source_sha256"] = file_sha256(skops_path)
    arrays["meta"] = np.asarray(json.dumps(meta, sort_keys=True))
    probe = probe_records(clf) + list(check or [])
    if not _same_predictions(LinearStatementModel(arrays).predict_records(probe), clf.predict_records(probe)):
        warnings.warn(f"{target}: the exported model does not predict as the estimator; not written",
                      RuntimeWarning, stacklevel=2)
        return None
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    os.replace(tmp, target)
    return target


def load_classifier(name: str = MODEL_NAME, *, path: str | Path | None = None) -> StatementClassifier:
    """Load a statement model once per process (skops, with a type allow-list).

    Args:
        name: model name with its version suffix, looked up in ``MODELS_DIR``.
        path: an explicit model file instead (a model trained with ``ogi train --out``).

    Raises:
        OgiError: when the file is missing or holds untrusted types.
    """
    p = Path(path) if path is not None else model_path(name)
    return load_once(_loaded, _lock, p.resolve(), _load_skops)


def _load_skops(p: Path) -> StatementClassifier:
    if not p.is_file():
        raise OgiError("statement model not found; run `ogi train` to build it", path=str(p))
    import skops.io as sio

    trusted = check_model_file(p)  # exact types, read from the schema before anything is built
    verify_card(p)
    try:
        clf = sio.load(p, trusted=trusted)
    except Exception as exc:  # noqa: BLE001 - damaged content past the type check
        raise OgiError(f"cannot load the skops model ({type(exc).__name__}: {exc})", path=str(p)) from None
    if not isinstance(clf, StatementClassifier):
        raise OgiError("not a StatementClassifier", path=str(p))
    return clf


def _union_transform(union, X):
    """``FeatureUnion.transform`` without its per-call overhead: each part, stacked."""
    parts = []
    weights = union.transformer_weights or {}
    for name, trans in union.transformer_list:
        if trans == "drop" or trans is None:
            continue
        Xt = trans.transform(X)
        if name in weights:
            Xt = Xt * weights[name]
        parts.append(Xt)
    return sp.hstack(parts, format="csr")


def _sigmoid_linear_params(model):
    """(coef, intercept, a, b, classes) of a one-model sigmoid-calibrated linear classifier."""
    from sklearn.calibration import CalibratedClassifierCV

    if not isinstance(model, CalibratedClassifierCV) or model.method != "sigmoid" \
            or len(getattr(model, "calibrated_classifiers_", ())) != 1:
        return None
    cc = model.calibrated_classifiers_[0]
    est = cc.estimator
    if not hasattr(est, "coef_") or len(cc.calibrators) != est.coef_.shape[0]:
        return None
    if list(est.classes_) != list(cc.classes):
        return None
    a = np.array([c.a_ for c in cc.calibrators], dtype=float)
    b = np.array([c.b_ for c in cc.calibrators], dtype=float)
    return (np.asarray(est.coef_), np.asarray(est.intercept_), a, b, len(cc.classes))


def _sigmoid_linear_proba(params, X) -> np.ndarray:
    coef, intercept, a, b, n_classes = params
    return sigmoid_calibrated_proba(np.asarray(X @ coef.T) + intercept, a, b, n_classes)
