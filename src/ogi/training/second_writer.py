"""Scores of a statement model on the second writer (:mod:`ogi.nlp.synthetic_b`), never trained on.

The real dev statements (:mod:`ogi.training.realeval`, leave one report out) stay the headline;
this is the second check on wording the phrase bank did not write: the full extractor
(segmentation + model) on the second writer's sections, scored with the gold's overlap rule
(:func:`ogi.training.realeval.score_golds`), micro-averaged, in all and per layout.
``ogi train`` stores it as ``metrics["second_writer"]`` and the model card shows it.

Without retraining, for the shipped model or any model folder::

    python -m ogi.training.second_writer [--model NAME|DIR] [--errors 10] [--json]

Example:
    >>> res = second_writer("statements-v1", n_sections=6)
    >>> sorted(res["per_layout"]) == sorted(LAYOUTS) and res["all"]["files"] == 6
    True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from ogi.nlp.evaluate import match_statements, sum_scores
from ogi.nlp.statements import extract_statements
from ogi.nlp.synthetic_b import LAYOUTS, generate_second_writer
from ogi.training.realeval import score_golds

__all__ = ["second_writer", "kind_errors", "common_kind_errors", "SECOND_WRITER_SECTIONS", "LAYOUTS", "main"]

#: Sections of the second writer scored by default (20 per layout).
SECOND_WRITER_SECTIONS = 120
_KEYS = ("files", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "kind_accuracy", "main_topic_accuracy",
         "topic_jaccard")


def _summary(results: list[dict]) -> dict:
    res = sum_scores(results)
    res["files"] = sum(r["files"] for r in results)
    return {k: (round(float(res[k]), 4) if isinstance(res.get(k), float) else res.get(k)) for k in _KEYS}


def second_writer(model: Any, *, n_sections: int = SECOND_WRITER_SECTIONS, seed: int = 0) -> dict:
    """Scores of the extractor with ``model`` on the second writer's sections.

    Args:
        model: what :func:`ogi.nlp.statements.extract_statements` takes: a registered name, a
            model folder, or a fitted predictor.
        n_sections: how many sections (layouts in turn, :data:`LAYOUTS`).
        seed: seed of the second writer.

    Returns:
        ``{"all": scores, "per_layout": {layout: scores}, "n_sections", "seed"}``; each score dict
        has ``files, n_gold, n_pred, tp, precision, recall, f1, kind_accuracy,
        main_topic_accuracy, topic_jaccard`` (micro-averaged, rounded to 4 places).
    """
    secs = generate_second_writer(n_sections=n_sections, seed=seed)
    res = [(s["layout"], score_golds([s], model)) for s in secs]
    per = {lay: _summary([r for la, r in res if la == lay]) for lay in LAYOUTS if any(la == lay for la, _ in res)}
    return {"all": _summary([r for _, r in res]), "per_layout": per, "n_sections": n_sections, "seed": seed}


def kind_errors(golds: Sequence[dict], model: Any) -> list[dict]:
    """Matched statements whose kind the extractor got wrong.

    Returns:
        ``[{"layout", "text", "gold", "pred", "pred_text"}]`` (``text`` the gold's, ``pred_text``
        the extracted statement it matched).
    """
    out = []
    for g in golds:
        pred = [p.to_dict() if hasattr(p, "to_dict") else p
                for p in extract_statements(g.get("problems_text") or "", model=model, pair=False)]
        for i, j, _ in match_statements(pred, g["statements"]):
            gold = g["statements"][j]
            if pred[i]["kind"] != gold["kind"]:
                out.append({"layout": g.get("layout", ""), "text": gold["text"], "gold": gold["kind"],
                            "pred": pred[i]["kind"], "pred_text": pred[i]["text"]})
    return out


def common_kind_errors(errors: Sequence[dict], k: int = 10) -> list[tuple[int, dict]]:
    """The ``k`` most common (layout, gold kind, predicted kind) patterns, each with its count and first example."""
    counts = Counter((e["layout"], e["gold"], e["pred"]) for e in errors)
    first: dict[tuple, dict] = {}
    for e in errors:
        first.setdefault((e["layout"], e["gold"], e["pred"]), e)
    return [(n, first[key]) for key, n in counts.most_common(k)]


def _table(res: dict) -> list[str]:
    lines = [f"second writer (ogi.nlp.synthetic_b, seed {res['seed']}, {res['n_sections']} sections, never trained on)",
             f"{'layout':<22}{'files':>6}{'gold':>6}{'P':>7}{'R':>7}{'F1':>7}{'kind':>7}{'topic':>7}"]
    for name, m in [*res["per_layout"].items(), ("all", res["all"])]:
        cells = "".join(f"{'–' if m[k] is None else format(m[k], '.3f'):>7}"
                        for k in ("precision", "recall", "f1", "kind_accuracy", "main_topic_accuracy"))
        lines.append(f"{name:<22}{m['files']:>6}{m['n_gold']:>6}{cells}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Print a model's second-writer scores (and its most common kind errors)."""
    import argparse
    import json

    from ogi.nlp.models import DEFAULT_MODEL

    ap = argparse.ArgumentParser(prog="python -m ogi.training.second_writer", description=main.__doc__)
    ap.add_argument("--model", default=DEFAULT_MODEL, help="a registered model name or a model folder")
    ap.add_argument("--sections", type=int, default=SECOND_WRITER_SECTIONS, help="how many sections")
    ap.add_argument("--seed", type=int, default=0, help="seed of the second writer")
    ap.add_argument("--errors", type=int, default=0, metavar="K", help="list the K most common kind errors")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args(argv)
    res = second_writer(args.model, n_sections=args.sections, seed=args.seed)
    print(json.dumps(res, ensure_ascii=False, indent=2, sort_keys=True) if args.json else "\n".join(_table(res)))
    if args.errors:
        errs = kind_errors(generate_second_writer(n_sections=args.sections, seed=args.seed), args.model)
        print(f"kind errors: {len(errs)}")
        for n, e in common_kind_errors(errs, args.errors):
            print(f"{n:>4}  {e['layout']:<20} gold {e['gold']:<12} pred {e['pred']:<12} e.g. {e['text']}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
