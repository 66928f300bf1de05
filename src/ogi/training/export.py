"""A fitted estimator as the arrays ogi predicts with: export and its verification.

:func:`export_linear` turns a fitted :class:`~ogi.training.estimator.StatementClassifier` into
the ``.linear.npz`` layout of :class:`ogi.nlp.linear.LinearStatementModel` (vocabularies, IDF
weights, coefficients, calibration parameters; NumPy arrays only).  :func:`save_linear` writes
it beside the ``.skops`` file only after the arrays gave the estimator's predictions (kind,
topics, scores within 1e-9) on probe records over the model's whole vocabulary and on the
training records; otherwise it raises, since run time has no other way to predict.

Example:
    >>> from ogi.training.persist import load_classifier
    >>> clf = load_classifier()
    >>> arrays = export_linear(clf)
    >>> from ogi.nlp.linear import LinearStatementModel
    >>> probe = probe_records(clf, 50)
    >>> same_predictions(LinearStatementModel(arrays).predict_records(probe), clf.predict_records(probe))
    True
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from ogi.errors import OgiError
from ogi.nlp.linear import FORMAT, LinearStatementModel
from ogi.nlp.records import make_record
from ogi.nlp.trust import file_sha256, linear_path
from ogi.training.estimator import StatementClassifier

__all__ = ["export_linear", "probe_records", "same_predictions", "save_linear"]

#: Largest difference of a probability between the estimator and its export.
TOLERANCE = 1e-9


def _sigmoid_linear_params(model: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """(coef, intercept, a, b) of a one-model sigmoid-calibrated linear classifier, else None."""
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
    return np.asarray(est.coef_), np.asarray(est.intercept_), a, b


def _head(model: Any) -> dict | None:
    """The arrays of one fitted kind or main-topic model, or None when its type has no export."""
    if isinstance(model, DummyClassifier):
        if model.strategy != "most_frequent":
            return None
        return {"type": "constant", "classes": model.classes_, "index": np.asarray(int(np.argmax(model.class_prior_)))}
    params = _sigmoid_linear_params(model)
    if params is not None:
        coef, intercept, a, b = params
        return {"type": "sigmoid", "classes": model.classes_, "coef": coef, "intercept": intercept, "a": a, "b": b}
    if isinstance(model, LogisticRegression):
        n = len(model.classes_)
        kind = "binary" if n == 2 else ("ovr" if model.solver == "liblinear" else "softmax")
        return {"type": kind, "classes": model.classes_, "coef": model.coef_, "intercept": model.intercept_}
    return None


def _extra_head(clf: StatementClassifier) -> dict | None:
    """The further-topic models (one binary model per topic) as one coefficient matrix."""
    n_features = getattr(clf.topic_model_, "n_features_in_", None)
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
    return {"type": "ovr-independent", "classes": clf.extra_topic_names_,
            "coef": np.vstack(coefs), "intercept": np.asarray(intercepts)}


def _text_parts(clf: StatementClassifier) -> tuple[Any, Any, Any] | None:
    """The word and character TF-IDF and the context vectoriser, when the export can copy them."""
    steps = dict(clf.text_features_.transformer_list)
    if set(steps) != {"words", "chars"} or clf.text_features_.transformer_weights \
            or clf.text_features_.transformer_list[0][0] != "words":
        return None
    words, chars = steps["words"].named_steps["tfidf"], steps["chars"].named_steps["tfidf"]
    ctx = clf.context_features_.named_steps["bin"]
    if chars.analyzer != "char" or words.norm != "l2" or chars.norm != "l2" or not words.use_idf \
            or not chars.use_idf or not ctx.binary or chars.preprocessor is not None \
            or chars.strip_accents is not None:
        return None
    return words, chars, ctx


def _vocab(vec: Any) -> np.ndarray:
    terms = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    return np.asarray(terms, dtype=str)


def export_linear(clf: StatementClassifier) -> dict[str, np.ndarray] | None:
    """What prediction needs, as NumPy arrays (the ``.linear.npz`` layout of :mod:`ogi.nlp.linear`).

    Returns:
        name -> array (``meta`` a JSON string), or None when a part of ``clf`` is of a kind
        the export does not cover.
    """
    clf._check()
    parts = _text_parts(clf)
    if parts is None:
        return None
    words, chars, ctx = parts
    heads = {"kind": _head(clf.kind_model_)}
    if clf.topic_model_ is not None:
        heads["topic"] = _head(clf.topic_model_)
        heads["extra"] = _extra_head(clf)
    if any(h is None for h in heads.values()):
        return None
    meta = {"format": FORMAT, "char_ngram_range": list(chars.ngram_range), "chars_lowercase": bool(chars.lowercase),
            "words_sublinear_tf": bool(words.sublinear_tf), "chars_sublinear_tf": bool(chars.sublinear_tf),
            "use_context": bool(clf.use_context), "topic_threshold": float(clf.topic_threshold),
            "max_topics": int(clf.max_topics), "heads": {k: h["type"] for k, h in heads.items() if h},
            "source_sha256": None}
    arrays = {"words_vocab": _vocab(words), "words_idf": np.asarray(words.idf_, dtype=np.float64),
              "chars_vocab": _vocab(chars), "chars_idf": np.asarray(chars.idf_, dtype=np.float64),
              "ctx_vocab": _vocab(ctx)}
    for name, h in heads.items():
        assert h is not None
        arrays[f"{name}_classes"] = np.asarray([str(c) for c in h["classes"]], dtype=str)
        for part in ("coef", "intercept", "a", "b", "index"):
            if part in h:
                arrays[f"{name}_{part}"] = np.asarray(h[part], dtype=np.float64 if part != "index" else np.int64)
    arrays["meta"] = np.asarray(json.dumps(meta, sort_keys=True))
    return arrays


def probe_records(clf: StatementClassifier, n: int = 300, *, seed: int = 0) -> list[dict]:
    """Random records over the model's own vocabulary: every kind of feature, deterministic."""
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


def same_predictions(a: list[dict], b: list[dict], *, tolerance: float = TOLERANCE) -> bool:
    """True when two predictors gave the same kinds, topics and (within ``tolerance``) scores."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x["kind"] != y["kind"] or x["topics"] != y["topics"] or abs(x["score"] - y["score"]) > tolerance:
            return False
        if any(abs(x["topic_scores"][t] - y["topic_scores"][t]) > tolerance for t in x["topics"]):
            return False
    return True


def save_linear(clf: StatementClassifier, skops_path: str | os.PathLike[str], *,
                check: list[dict] | None = None) -> Path:
    """Write ``NAME.linear.npz`` beside ``skops_path``, checked to predict as ``clf`` does.

    Checked on :func:`probe_records` and on ``check``; the file records the SHA-256 of
    ``skops_path`` (the estimator it was made from).

    Returns:
        The path written.

    Raises:
        OgiError: the estimator has a part the export does not cover, or the arrays do not
            predict as it does (nothing is written: statements could not be classified).
    """
    skops_path = Path(skops_path)
    target = linear_path(skops_path)
    target.unlink(missing_ok=True)
    arrays = export_linear(clf)
    if arrays is None:
        raise OgiError("this estimator has a part the array export does not cover (ogi classifies with the "
                       "export only); keep StatementClassifier's default structure", path=str(target))
    meta = json.loads(str(arrays["meta"]))
    meta["source_sha256"] = file_sha256(skops_path)
    arrays["meta"] = np.asarray(json.dumps(meta, sort_keys=True))
    probe = probe_records(clf) + list(check or [])
    if not same_predictions(LinearStatementModel(arrays).predict_records(probe), clf.predict_records(probe)):
        raise OgiError("the exported arrays do not predict as the estimator; not written", path=str(target))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # numpy's stub types **kwds as bool
    os.replace(tmp, target)
    return target
