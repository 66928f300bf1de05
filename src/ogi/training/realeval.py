"""Evaluation on real statements: leave one report out, and one-paragraph renderings.

The phrase bank (:mod:`ogi.nlp.synthetic`) writes every synthetic section, so cross-validation
on it measures how well the model learnt ogi's own phrasing.  What a user needs to know is how
it reads *other* writers.  This module scores the full extractor (segmentation + model) on the
real dev statements:

- **leave one report out (LORO)**: for each real report, a model trained on everything except
  that report (its web-page twin included) extracts its section 五; scores add up over the
  report's gold copies (micro-average);
- **one paragraph**: each real report's gold statements rendered as one paragraph in every
  layout of the damage suite (:data:`ogi.perturb.VARIANTS`: numbered problems then
  ``下一步，将…``; ``改进措施：``; ``主要是：A，B等``; ``如…；…等``), extracted by the same
  left-out model — the statements do not change, only their layout.

Example:
    >>> gold = {"statements": [{"text": "一是培训不足。", "kind": "problem", "topics": ["capacity"]},
    ...                        {"text": "一是加强培训。", "kind": "improvement", "topics": ["capacity"]}]}
    >>> [r["problems_text"] for r in one_paragraph_renderings(gold)][2]
    '政府信息公开工作虽取得一定成绩，但仍存在一些不足，主要是：培训不足等。下一步，将加强培训。'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ogi.nlp.evaluate import evaluate_statements, sum_scores
from ogi.nlp.statements import extract_statements
from ogi.training.evaluate import gold_statements

__all__ = ["one_paragraph_renderings", "report_stem", "real_golds", "score_golds", "loro", "in_sample"]


def report_stem(name: str) -> str:
    """The report a file belongs to: its stem without the ``-page`` of a web-page twin."""
    return Path(name).stem.removesuffix("-page")


def one_paragraph_renderings(gold: dict) -> list[dict]:
    """The gold's statements as one paragraph, one gold-like dict per layout of the damage suite.

    Each has ``problems_text`` (the paragraph), ``statements`` (the gold's, each text as it
    reads in the paragraph; kinds and topics unchanged) and ``variant``.
    """
    from ogi.perturb import VARIANTS, render_one_paragraph  # the damage suite's own renderer

    stmts = gold.get("statements") or []
    out = []
    for variant in VARIANTS:
        text, texts = render_one_paragraph(stmts, variant)
        out.append({"variant": variant, "problems_text": text,
                    "statements": [{**s, "text": t} for s, t in zip(stmts, texts)]})
    return out


def real_golds(gold_dir: str | Path) -> dict[str, list[dict]]:
    """The gold files with statements, grouped by report (a ``.txt`` and its ``-page.html`` twin)."""
    out: dict[str, list[dict]] = {}
    for _, gold in gold_statements(gold_dir):
        out.setdefault(report_stem(gold["file"]), []).append(gold)
    return out


def score_golds(golds: Sequence[dict], model: Any) -> dict:
    """Micro-averaged scores of the extractor with ``model`` on gold dicts (``problems_text``, ``statements``)."""
    res = [evaluate_statements(extract_statements(g.get("problems_text") or "", model=model), g["statements"])
           for g in golds]
    out = sum_scores(res)
    out["files"] = len(res)
    return out


def _summary(res: dict) -> dict:
    keys = ("files", "n_gold", "n_pred", "tp", "precision", "recall", "f1", "kind_accuracy",
            "main_topic_accuracy", "topic_jaccard")
    return {k: (round(float(res[k]), 4) if isinstance(res.get(k), float) else res.get(k)) for k in keys}


def loro(golds: dict[str, list[dict]], fit_without: Callable[[str], Any]) -> dict:
    """Leave one report out: ``fit_without(stem)`` is a model trained without report ``stem``.

    Returns:
        ``{"loro": scores on the reports' own layout, "one_paragraph": scores on their
        one-paragraph renderings, "per_report": {stem: {"f1", "kind", "topic", "one_paragraph_kind"}}}``
        (each score dict as :func:`ogi.nlp.evaluate.evaluate_statements`, micro-averaged, rounded).
    """
    own: list[dict] = []
    para: list[dict] = []
    per_report = {}
    for stem, gs in sorted(golds.items()):
        model = fit_without(stem)
        a = score_golds(gs, model)
        b = score_golds([r for g in gs for r in one_paragraph_renderings(g)], model)
        own.append(a)
        para.append(b)
        per_report[stem] = {"files": a["files"], "f1": _r(a["f1"]), "kind": _r(a["kind_accuracy"]),
                            "topic": _r(a["main_topic_accuracy"]), "one_paragraph_f1": _r(b["f1"]),
                            "one_paragraph_kind": _r(b["kind_accuracy"])}
    return {"loro": _summary(_total(own)), "one_paragraph": _summary(_total(para)), "per_report": per_report}


def in_sample(golds: dict[str, list[dict]], model: Any) -> dict:
    """The final model on the reports and on their one-paragraph renderings (in-sample)."""
    gs = [g for stem in sorted(golds) for g in golds[stem]]
    return {"own_layout": _summary(score_golds(gs, model)),
            "one_paragraph": _summary(score_golds([r for g in gs for r in one_paragraph_renderings(g)], model))}


def _total(results: list[dict]) -> dict:
    out = sum_scores(results)
    out["files"] = sum(r["files"] for r in results)
    return out


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)
