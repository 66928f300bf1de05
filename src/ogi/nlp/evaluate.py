"""Scoring of statements against gold (shared/spec/gold.md): match, kind and main-topic accuracy.

A predicted statement matches a gold one when their texts, white space removed, overlap by
at least 60 % of the longer one; pairs are made greedily, best overlap first, one to one.
Scores of several sections add up with :func:`sum_scores` (micro-averaged).  Running an
extractor over a folder of gold files is :func:`ogi.training.evaluate.evaluate_gold_dir`.

Example:
    >>> gold = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]}]
    >>> pred = [{"text": "一是培训不足", "kind": "problem", "topics": ["capacity"]}]
    >>> evaluate_statements(pred, gold)["f1"]
    1.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher
from typing import Any, Protocol

__all__ = ["overlap_ratio", "match_statements", "evaluate_statements", "sum_scores", "MATCH_THRESHOLD"]

#: Share of the longer text two statements must share to match.
MATCH_THRESHOLD = 0.6
_WS = re.compile(r"\s+")


class StatementLike(Protocol):
    """What scoring reads of a statement: ``ogi.record.Statement`` or a gold/JSON dict."""

    def __getitem__(self, key: str, /) -> Any: ...

    def get(self, key: str, default: Any = None, /) -> Any: ...


def _plain(recs: Sequence[Any]) -> list[Any]:
    """Records as dicts: a :class:`~ogi.record.Statement` through ``to_dict`` (its dict reading
    is deprecated), a gold or JSON dict as it is."""
    return [r.to_dict() if hasattr(r, "to_dict") else r for r in recs]


def _squash(text: str) -> str:
    return _WS.sub("", text)


def overlap_ratio(a: str, b: str) -> float:
    """Characters shared by two texts (white space removed) over the length of the longer.

    The shared characters are those of the matching blocks of :class:`difflib.SequenceMatcher`
    (for two spans of the same section this is the length of their common stretch).

    Example:
        >>> overlap_ratio("一是培训不足；", "一是培训不足")
        0.857...
    """
    a, b = _squash(a), _squash(b)
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    shared = sum(block.size for block in sm.get_matching_blocks())
    return shared / max(len(a), len(b))


def match_statements(pred: Sequence[StatementLike], gold: Sequence[StatementLike], *,
                     threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching of predicted to gold statements, best overlap first.

    Returns:
        ``(pred_index, gold_index, overlap)`` triples sorted by gold index.
    """
    pred, gold = _plain(pred), _plain(gold)
    cands = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            r = overlap_ratio(p["text"], g["text"])
            if r >= threshold:
                cands.append((-r, i, j))
    cands.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for neg, i, j in cands:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((i, j, -neg))
    pairs.sort(key=lambda t: t[1])
    return pairs


def _main_topic(rec: StatementLike) -> str | None:
    topics = rec.get("topics") or []
    return topics[0] if topics else None


def evaluate_statements(pred: Sequence[StatementLike], gold: Sequence[StatementLike], *,
                        threshold: float = MATCH_THRESHOLD) -> dict:
    """Score predicted statements against gold ones.

    Args:
        pred: records with at least ``text``; ``kind`` and ``topics`` are compared when present.
        gold: gold records ``{"text", "kind", "topics"}``.
        threshold: minimum overlap (share of the longer text) for a match.

    Returns:
        ``{"n_pred", "n_gold", "tp", "fp", "fn", "precision", "recall", "f1",
        "kind_correct", "kind_accuracy", "main_topic_correct", "main_topic_accuracy",
        "topic_jaccard"}``; accuracies are over matched pairs (None when nothing matched).

    Example:
        >>> evaluate_statements([], [{"text": "一是培训不足。", "kind": "problem", "topics": []}])["recall"]
        0.0
    """
    pred, gold = _plain(pred), _plain(gold)
    pairs = match_statements(pred, gold, threshold=threshold)
    tp = len(pairs)
    kind_ok = sum(1 for i, j, _ in pairs if pred[i].get("kind") == gold[j].get("kind"))
    topic_ok = sum(1 for i, j, _ in pairs if _main_topic(pred[i]) == _main_topic(gold[j]))
    jacc = 0.0
    for i, j, _ in pairs:
        a, b = set(pred[i].get("topics") or []), set(gold[j].get("topics") or [])
        jacc += len(a & b) / len(a | b) if a | b else 1.0
    return _finish({"n_pred": len(pred), "n_gold": len(gold), "tp": tp,
                    "kind_correct": kind_ok, "main_topic_correct": topic_ok, "topic_jaccard_sum": jacc})


def _finish(c: dict) -> dict:
    tp, n_pred, n_gold = c["tp"], c["n_pred"], c["n_gold"]
    out = dict(c)
    out["fp"] = n_pred - tp
    out["fn"] = n_gold - tp
    p = tp / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else (1.0 if not n_pred else 0.0)
    out["precision"] = p
    out["recall"] = r
    out["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    out["kind_accuracy"] = c["kind_correct"] / tp if tp else None
    out["main_topic_accuracy"] = c["main_topic_correct"] / tp if tp else None
    out["topic_jaccard"] = c["topic_jaccard_sum"] / tp if tp else None
    del out["topic_jaccard_sum"]
    return out


_COUNTS = ("n_pred", "n_gold", "tp", "kind_correct", "main_topic_correct")


def sum_scores(results: Iterable[dict]) -> dict:
    """Micro-average of several :func:`evaluate_statements` results (one per section).

    Example:
        >>> gold = [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]}]
        >>> a = evaluate_statements(gold, gold)
        >>> sum_scores([a, evaluate_statements([], gold)])["recall"]
        0.5
    """
    totals: dict = dict.fromkeys(_COUNTS, 0)
    totals["topic_jaccard_sum"] = 0.0
    for res in results:
        for key in _COUNTS:
            totals[key] += res[key]
        totals["topic_jaccard_sum"] += (res["topic_jaccard"] or 0.0) * res["tp"]
    return _finish(totals)
