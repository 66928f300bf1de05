"""Score predicted claims against gold claims (shared/spec/gold.md).

A gold claim with a target is found when a predicted claim has the same value and the same
set of target cells (or the set of one of the gold's ``alt_targets``, which the gold lists as
acceptable readings).  Recall runs over the gold claims with a target, precision over the
predicted claims with a target; verdict accuracy over the matched pairs.

Example:
    >>> from ogi.record import Claim
    >>> g = [{"value": 4, "target": "table3.new_received.total", "verdict": "match"}]
    >>> evaluate_claims([Claim("收到申请4件", 4, target="table3.new_received.total", verdict="match")], g)["f1"]
    1.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ogi.record import Claim, target_paths

__all__ = ["evaluate_claims"]


def _cells(target: str | None) -> frozenset[str]:
    return frozenset(target_paths(target))


def _claim(c: Claim | Mapping[str, Any]) -> Claim:
    return c if isinstance(c, Claim) else Claim.from_dict({"quote": None, **c})


def _same_value(a: Any, b: Any) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def evaluate_claims(pred: Sequence[Claim | Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]) -> dict:
    """Match the predicted claims of one report to its gold claims.

    Args:
        pred: the claims :func:`extract_claims` gives (or their JSON objects: ``value``,
            ``target``, ``verdict`` …).
        gold: the gold file's ``claims``.

    Returns:
        ``tp``, ``fp``, ``fn`` (claims with a target), ``precision``, ``recall``, ``f1``,
        ``verdict_right`` and ``verdict_accuracy`` over the matched pairs, and the lists
        ``missed`` (gold claims not found), ``spurious`` (predicted claims with a target that
        match no gold claim) and ``wrong_verdict`` (matched pairs whose verdicts differ).

    Example:
        >>> g = [{"value": 75, "target": "table3.new_received.total", "verdict": "mismatch",
        ...       "alt_targets": ["table3.result_total.total"]}]
        >>> p = [Claim("受理申请75件", 75, target="table3.result_total.total", verdict="match")]
        >>> s = evaluate_claims(p, g)
        >>> (s["tp"], s["verdict_right"])
        (1, 0)
    """
    preds = [c for c in map(_claim, pred) if c.target]
    golds = [g for g in gold if g.get("target")]
    used: set[int] = set()
    tp = vright = 0
    missed: list[dict] = []
    wrong: list[dict] = []
    for g in golds:
        main = _cells(g["target"])
        accept = [main] + [_cells(a) for a in g.get("alt_targets") or []]
        cands = [i for i, p in enumerate(preds) if i not in used and _same_value(p.value, g.get("value"))
                 and _cells(p.target) in accept]
        if not cands:
            missed.append({"quote": g.get("quote"), "value": g.get("value"), "target": g["target"]})
            continue
        best = next((i for i in cands if _cells(preds[i].target) == main), cands[0])
        used.add(best)
        tp += 1
        if preds[best].verdict == g.get("verdict"):
            vright += 1
        else:
            wrong.append({"quote": g.get("quote"), "gold": g.get("verdict"),
                          "pred": preds[best].verdict, "pred_quote": preds[best].quote})
    spurious = [{"quote": p.quote, "value": p.value, "target": p.target}
                for i, p in enumerate(preds) if i not in used]
    fp, fn = len(preds) - tp, len(golds) - tp
    prec = tp / len(preds) if preds else (1.0 if not golds else 0.0)
    rec = tp / len(golds) if golds else (1.0 if not preds else 0.0)
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(f1, 4), "verdict_right": vright,
            "verdict_accuracy": round(vright / tp, 4) if tp else None,
            "missed": missed, "spurious": spurious, "wrong_verdict": wrong}
