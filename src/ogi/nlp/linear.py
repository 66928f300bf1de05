"""The statement model as plain arrays: the run-time predictor, without scikit-learn.

A model trained by ``ogi train`` is a set of linear models over TF-IDF and binary context
features.  Training (:mod:`ogi.training.export`) writes what prediction needs — vocabularies,
IDF weights, coefficients, calibration parameters — to ``NAME.linear.npz`` (NumPy arrays only,
read with ``allow_pickle=False``), after checking that it predicts what the estimator predicts.
:class:`LinearStatementModel` computes the same features and probabilities with NumPy: a
process that classifies statements imports neither scikit-learn nor skops and pays no
per-call input validation (most of the cost for the few statements of one report).

Models are found by name or folder and checked against their card by :mod:`ogi.nlp.models`.

Example:
    >>> from ogi.nlp import models
    >>> from ogi.nlp.records import make_record
    >>> model = models.get("statements-v1")
    >>> model.predict_records([make_record("一是政策解读形式较为单一。", hint="problem")])[0]["kind"]
    'problem'
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ogi.errors import OgiError
from ogi.nlp.records import context_terms, token_ngrams

__all__ = ["FORMAT", "LinearStatementModel", "records_from_proba", "sigmoid_calibrated_proba", "head_proba"]

#: Version of the ``.linear.npz`` layout.
FORMAT = 1

_Rows = tuple[np.ndarray, np.ndarray, np.ndarray]  # a sparse matrix as CSR parts (indptr, indices, values)
_Names = Sequence[Any] | np.ndarray  # class names, in the column order of a head

_WHITE_SPACES = re.compile(r"\s\s+")  # what scikit-learn's char analyzer folds to one space


# ------------------------------------------------------------------------------------------
# probabilities of the heads (records_from_proba is shared with the scikit-learn estimator)

def _expit(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def sigmoid_calibrated_proba(df: np.ndarray, a: np.ndarray, b: np.ndarray, n_classes: int) -> np.ndarray:
    """``CalibratedClassifierCV(method="sigmoid").predict_proba`` from the decision values ``df``.

    Each class's score goes through its Platt sigmoid ``1 / (1 + exp(a·df + b))``; two
    classes give ``[1 - p, p]``, more are normalised to sum to 1 (uniform when all are 0).
    """
    p = _expit(-(a * df + b))
    if n_classes == 2:
        proba = np.column_stack([1.0 - p[:, 0], p[:, 0]])
    else:
        den = p.sum(axis=1, keepdims=True)
        proba = np.divide(p, den, out=np.full_like(p, 1 / n_classes), where=den != 0)
    proba[(1.0 < proba) & (proba <= 1.0 + 1e-5)] = 1.0
    return proba


def head_proba(head: dict, df: np.ndarray | None, n: int) -> np.ndarray:
    """Class probabilities of one exported head from its decision values ``df`` (n × classes).

    Heads: ``sigmoid`` (a sigmoid-calibrated linear model), ``softmax`` (multinomial logistic
    regression), ``ovr`` (one-vs-rest logistic regression, normalised), ``binary`` (binary
    logistic regression), ``constant`` (one class always; ``df`` unused).
    """
    kind = head["type"]
    if kind == "constant":
        out = np.zeros((n, len(head["classes"])))
        out[:, int(head["index"])] = 1.0
        return out
    if df is None:
        raise OgiError(f"model head {kind!r} without coefficients")
    if kind == "sigmoid":
        return sigmoid_calibrated_proba(df, head["a"], head["b"], len(head["classes"]))
    if kind == "softmax":
        z = df - df.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)
    if kind == "binary":
        p = _expit(df[:, 0])
        return np.column_stack([1.0 - p, p])
    if kind == "ovr":
        p = _expit(df)
        return p / p.sum(axis=1, keepdims=True)
    raise OgiError(f"unknown model head type {kind!r}")


def _sparse_dot(rows: _Rows, W: np.ndarray) -> np.ndarray:
    """``X @ W`` for X given as CSR parts ``(indptr, indices, values)`` and W as features × classes."""
    indptr, idx, vals = rows
    out = np.zeros((len(indptr) - 1, W.shape[1]))
    if idx.size:
        nonempty = np.flatnonzero(np.diff(indptr))
        out[nonempty] = np.add.reduceat(vals[:, None] * W[idx], indptr[:-1][nonempty], axis=0)
    return out


def records_from_proba(kp: np.ndarray, kinds: _Names, mp: np.ndarray | None, main_topics: _Names,
                       ep: np.ndarray | None, extra_topics: _Names, *, threshold: float,
                       max_topics: int) -> list[dict]:
    """Kind, score and topics of each statement from the three heads' probabilities.

    The kind is the most probable class and ``score`` its probability; the main topic is
    the most probable main topic, followed by at most ``max_topics - 1`` further topics whose
    one-vs-rest probability reaches ``threshold``, most probable first.
    """
    out = []
    for i in range(kp.shape[0]):
        k = int(np.argmax(kp[i]))
        rec: dict[str, Any] = {"kind": str(kinds[k]), "score": float(kp[i, k]), "topics": [], "topic_scores": {}}
        if mp is not None and ep is not None:
            m = int(np.argmax(mp[i]))
            main = str(main_topics[m])
            topics = [main]
            scores = {main: float(mp[i, m])}
            extra = sorted(((float(p), str(t)) for t, p in zip(extra_topics, ep[i])
                            if str(t) != main and p >= threshold), reverse=True)
            for p, t in extra[: max(max_topics - 1, 0)]:
                topics.append(t)
                scores[t] = p
            rec["topics"], rec["topic_scores"] = topics, scores
        out.append(rec)
    return out


# ------------------------------------------------------------------------------------------

class LinearStatementModel:
    """A statement model exported to arrays (see the module docstring).

    Built by :meth:`load` from a ``.linear.npz`` file, or from the arrays themselves
    (:func:`ogi.training.export.export_arrays`).  :meth:`predict_records` returns what
    :meth:`ogi.training.estimator.StatementClassifier.predict_records` returns for the same
    records.

    Args:
        arrays: name -> array, as stored in the file (``meta`` is a JSON string).
    """

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        meta = json.loads(str(arrays["meta"]))
        if meta.get("format") != FORMAT:
            raise OgiError(f"linear model format {meta.get('format')!r}, this ogi reads {FORMAT}")
        self.meta = meta
        self.source_sha256 = meta.get("source_sha256")
        self.words = {t: i for i, t in enumerate(arrays["words_vocab"].tolist())}
        self.chars = {t: i for i, t in enumerate(arrays["chars_vocab"].tolist())}
        self.ctx = {t: i for i, t in enumerate(arrays["ctx_vocab"].tolist())}
        self.words_idf = np.asarray(arrays["words_idf"], dtype=np.float64)
        self.chars_idf = np.asarray(arrays["chars_idf"], dtype=np.float64)
        self.char_range = tuple(meta["char_ngram_range"])
        self.lowercase = bool(meta["chars_lowercase"])
        self.sublinear = (bool(meta["words_sublinear_tf"]), bool(meta["chars_sublinear_tf"]))
        self.use_context = bool(meta["use_context"])
        self.threshold = float(meta["topic_threshold"])
        self.max_topics = int(meta["max_topics"])
        self.heads: dict[str, dict[str, Any] | None] = {}
        for name in ("kind", "topic", "extra"):
            if f"{name}_classes" not in arrays:
                self.heads[name] = None
                continue
            head: dict[str, Any] = {"type": meta["heads"][name], "classes": arrays[f"{name}_classes"].tolist()}
            for part in ("coef", "intercept", "a", "b", "index"):
                key = f"{name}_{part}"
                if key in arrays:
                    head[part] = np.asarray(arrays[key])
            if "coef" in head:  # features × classes, rows gathered per statement
                head["W"] = np.ascontiguousarray(head.pop("coef").T, dtype=np.float64)
            self.heads[name] = head
        kind = self.heads["kind"]
        if kind is None:
            raise OgiError("linear model without a kind head")
        self.kind_head: dict[str, Any] = kind
        self.n_words, self.n_chars, self.n_ctx = len(self.words), len(self.chars), len(self.ctx)

    @property
    def classes_(self) -> np.ndarray:
        """The kinds, in the order of the kind probabilities."""
        return np.asarray(self.kind_head["classes"], dtype=object)

    @classmethod
    def load(cls, path: str | Path) -> LinearStatementModel:
        """Read a ``.linear.npz`` file (no pickle).

        Raises:
            OgiError: the file is missing, damaged or of another format.
        """
        p = Path(path)
        try:
            with np.load(p, allow_pickle=False) as z:
                arrays = {k: z[k] for k in z.files}
            return cls(arrays)
        except OgiError as exc:
            raise OgiError(exc.reason, path=str(p)) from None
        except Exception as exc:  # noqa: BLE001 - zipfile, numpy, json or a missing key
            raise OgiError(f"not a readable linear statement model ({type(exc).__name__}: {exc})",
                           path=str(p)) from None

    # -- features --------------------------------------------------------------------------
    def _char_ngrams(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        text = _WHITE_SPACES.sub(" ", text)
        lo, hi = self.char_range
        n_text = len(text)
        grams: list[str] = []
        if lo == 1:
            grams.extend(text)
            lo = 2
        for n in range(lo, min(hi + 1, n_text + 1)):
            grams.extend(text[i:i + n] for i in range(n_text - n + 1))
        return grams

    @staticmethod
    def _tfidf(counts: Counter, vocab: dict, idf: np.ndarray, sublinear: bool) -> tuple[np.ndarray, np.ndarray]:
        get = vocab.get
        known = [(i, c) for t, c in counts.items() if (i := get(t)) is not None]
        if not known:
            return np.empty(0, dtype=np.intp), np.empty(0)
        pairs = np.array(known, dtype=np.intp)
        idx, tf = pairs[:, 0], pairs[:, 1].astype(np.float64)
        if sublinear:
            tf = np.log(tf) + 1.0
        v = tf * idf[idx]
        norm = math.sqrt(float(v @ v))
        if norm > 0:
            v = v / norm
        return idx, v

    def sparse_features(self, records: list[dict]) -> tuple[_Rows, _Rows]:
        """The feature rows of ``records`` as CSR parts ``(indptr, indices, values)``.

        Returns:
            ``(text, context)``: the TF-IDF of words then characters (indices from 0), and the
            binary context features (indices from 0 in the context vocabulary).
        """
        nw = self.n_words
        t_ptr: list[int] = [0]
        c_ptr: list[int] = [0]
        t_idx: list[np.ndarray] = []
        t_val: list[np.ndarray] = []
        c_idx: list[int] = []
        for r in records:
            idx, v = self._tfidf(Counter(token_ngrams(r["tokens"])), self.words, self.words_idf, self.sublinear[0])
            t_idx.append(idx)
            t_val.append(v)
            idx, v = self._tfidf(Counter(self._char_ngrams(r["body"])), self.chars, self.chars_idf, self.sublinear[1])
            t_idx.append(idx + nw)
            t_val.append(v)
            t_ptr.append(t_ptr[-1] + len(t_idx[-1]) + len(t_idx[-2]))
            ctx = sorted({j for j in map(self.ctx.get, context_terms(r)) if j is not None})
            c_idx.extend(ctx)
            c_ptr.append(len(c_idx))
        text = (np.asarray(t_ptr), np.concatenate(t_idx) if t_idx else np.empty(0, np.intp),
                np.concatenate(t_val) if t_val else np.empty(0))
        context = (np.asarray(c_ptr), np.asarray(c_idx, dtype=np.intp), np.ones(len(c_idx)))
        return text, context

    # -- prediction ------------------------------------------------------------------------
    def predict_records(self, records: list[dict]) -> list[dict]:
        """Kind, topics and score of each record (as ``StatementClassifier.predict_records``)."""
        if not records:
            return []
        n = len(records)
        text, context = self.sparse_features(records)
        n_text = self.n_words + self.n_chars
        kind = self.kind_head
        df = None
        if "W" in kind:
            df = _sparse_dot(text, kind["W"][:n_text]) + kind["intercept"]
            if self.use_context:
                df += _sparse_dot(context, kind["W"][n_text:])
        kp = head_proba(kind, df, n)
        mp = ep = None
        main_names: list[str] = []
        extra_names: list[str] = []
        topic = self.heads["topic"]
        if topic is not None:
            main_names = topic["classes"]
            mp = head_proba(topic, _sparse_dot(text, topic["W"]) + topic["intercept"] if "W" in topic else None, n)
            extra = self.heads["extra"]
            if extra is not None:
                ep = _expit(_sparse_dot(text, extra["W"]) + extra["intercept"])
                extra_names = extra["classes"]
            else:
                ep = np.zeros((n, 0))
        return records_from_proba(kp, kind["classes"], mp, main_names, ep, extra_names,
                                  threshold=self.threshold, max_topics=self.max_topics)

    def predict(self, records: list[dict]) -> np.ndarray:
        """The most probable kind of each record."""
        return np.asarray([r["kind"] for r in self.predict_records(records)], dtype=object)
