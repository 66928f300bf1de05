"""Feature records for statements and the scikit-learn transformers that vectorise them.

A *record* is a plain dict describing one statement: its text (the enumeration marker
removed), its jieba tokens (cached in the record, so repeated classification never
re-tokenises), and its context (sub-heading or framing sentence, the kind that context
announces, its position in the section and its list style).

Example:
    >>> from ogi.nlp.statements import segment
    >>> rec = segment_record(segment("（一）主要问题\\n一是培训不够。")[0])
    >>> rec["body"], rec["hint"]
    ('培训不够。', 'problem')
"""

from __future__ import annotations

import functools

import re

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline

from ogi.nlp.tokenize import is_punct, tokenize

__all__ = ["segment_record", "make_record", "RecordField", "text_features", "context_features",
           "statement_features", "identity"]

_MARKER_PREFIX = re.compile(
    r"^[\s#]*(?:[一二三四五六七八九十]{1,3}是|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|\d{1,2}\s*[.．、)）]"
    r"|[①②③④⑤⑥⑦⑧⑨⑩]|首先|其次|再次|最后|第[一二三四五六七八九十]{1,3}[，,、]?|[一二三四五六七八九十]{1,3}、)\s*[，,：:]?"
)
_WS = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(\.\d+)?")


def make_record(text: str, *, context: str = "", hint: str | None = None, context_type: str = "none",
                style: str = "sentence", position: float = 0.0, number: int = 0,
                tokens: list[str] | None = None) -> dict:
    """Build the feature record of one statement.

    Args:
        text: the statement as printed.
        context: the sub-heading or framing sentence above it.
        hint: the kind the context announces (``"problem"``/``"improvement"``/None).
        context_type: ``"heading"``, ``"framing"`` or ``"none"``.
        style: ``"enum"``, ``"clause"`` or ``"sentence"``.
        position: relative position of the statement in the section, in [0, 1).
        number: the enumeration number (0 when none).
        tokens: the body's tokens when already known (otherwise cut with jieba here).

    Returns:
        The record: ``{"body", "tokens", "ctx_tokens", "ctx_feats"}`` plus the inputs.
    """
    body = _MARKER_PREFIX.sub("", text, count=1)
    body = _WS.sub("", body)
    if tokens is None:
        tokens = [t for t in tokenize(body) if not is_punct(t)]
    ctx_tokens = list(_context_tokens(context)) if context else []
    pos_bin = min(int(position * 4), 3)
    ctx_feats = [f"hint={hint or 'none'}", f"ctxtype={context_type}", f"style={style}",
                 f"pos={pos_bin}", f"hint_pos={hint or 'none'}_{pos_bin}",
                 f"num={min(number, 4)}"]
    return {"text": text, "body": body, "tokens": tokens, "context": context, "hint": hint,
            "context_type": context_type, "style": style, "position": position,
            "ctx_tokens": ctx_tokens, "ctx_feats": ctx_feats}


@functools.lru_cache(maxsize=4096)
def _context_tokens(context: str) -> tuple[str, ...]:
    # the same sub-heading or framing sentence stands above several statements
    return tuple(t for t in tokenize(_WS.sub("", context)) if not is_punct(t))


def segment_record(seg) -> dict:
    """The feature record of a :class:`ogi.nlp.statements.Segment`."""
    return make_record(seg.text, context=seg.context, hint=seg.hint, context_type=seg.context_type,
                       style=seg.style, position=seg.position, number=seg.number)


def identity(x):
    """Return ``x`` unchanged (analyzer of vectorisers fed with token lists)."""
    return x


def _token_ngrams(tokens: list[str]) -> list[str]:
    grams = [_DIGITS.sub("0", t) for t in tokens]
    return grams + [f"{a}_{b}" for a, b in zip(grams, grams[1:])]


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
            return [_token_ngrams(r["tokens"]) for r in X]
        if self.field == "ctx":
            return [[f"c:{t}" for t in r["ctx_tokens"]] + list(r["ctx_feats"]) for r in X]
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
