"""Feature records of statements: plain dicts, built without scikit-learn.

A *record* describes one statement: its text (the enumeration marker removed), its jieba
tokens (cached in the record, so repeated classification never re-tokenises), and its
context (sub-heading or framing sentence, the kind that context announces, its position in
the section and its list style) and the writer-independent kind cues of its wording
(:func:`ogi.nlp.cues.lexical_cues`: deficiency predicates, action openings).
:mod:`ogi.nlp.linear` scores them with the exported model at prediction time;
:mod:`ogi.training.features` turns them into scikit-learn features for training.

Example:
    >>> from ogi.nlp.statements import segment
    >>> rec = segment_record(segment("（一）主要问题\\n一是培训不够。")[0])
    >>> rec["body"], rec["hint"]
    ('培训不够。', 'problem')
"""

from __future__ import annotations

import functools
import re

from ogi.nlp.cues import lexical_cues
from ogi.nlp.tokenize import is_punct, tokenize

__all__ = ["make_record", "segment_record", "token_ngrams", "context_terms"]

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
                 f"num={min(number, 4)}", *lexical_cues(body)]
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


def token_ngrams(tokens: list[str]) -> list[str]:
    """The tokens (digits folded to 0) followed by their bigrams ``a_b``: the word features."""
    grams = [_DIGITS.sub("0", t) for t in tokens]
    return grams + [f"{a}_{b}" for a, b in zip(grams, grams[1:])]




def context_terms(rec: dict) -> list[str]:
    """The context tokens (prefixed ``c:``) followed by the context flags: the context features."""
    return [f"c:{t}" for t in rec["ctx_tokens"]] + list(rec["ctx_feats"])
