"""Score the parser against gold annotations (shared/spec/gold.md).

``evaluate(gold_dir)`` parses the report beside each gold file (named by the gold's ``file``)
and returns the scores as data: template accuracy, sections exact, problems-text F1, cell
accuracy (uncertain cells left out; ``null`` and ``0`` equal), statements, claims, and the
per-report details that explain every miss.

Example:
    >>> scores = evaluate("../shared/corpora/dev/gold")  # doctest: +SKIP
    >>> scores["cells"]["accuracy"]  # doctest: +SKIP
    1.0
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ogi.claims import evaluate_claims
from ogi.errors import OgiError, UsageError
from ogi.record import Statement, flatten_cells

if TYPE_CHECKING:
    from ogi.record import Report

__all__ = ["evaluate", "gold_files", "compare_cells", "text_f1", "flatten"]

_WS = re.compile(r"\s+")

#: nested table dicts to ``path -> value`` (kept under its old name: :func:`ogi.record.flatten_cells`)
flatten = flatten_cells


def _same(a: Any, b: Any) -> bool:
    a = 0 if a is None else a
    b = 0 if b is None else b
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return a == b


def compare_cells(pred_tables: dict, gold_tables: dict, uncertain: list[str]) -> dict:
    """Cells right / total, and the misses, over the gold's cells minus the uncertain ones."""
    gold = flatten_cells(gold_tables)
    pred = flatten_cells(pred_tables)
    skip = set(uncertain or [])
    right = 0
    misses = []
    total = 0
    for path, gv in gold.items():
        if path in skip:
            continue
        total += 1
        pv = pred.get(path)
        if _same(pv, gv):
            right += 1
        else:
            misses.append({"cell": path, "gold": gv, "pred": pv})
    return {"right": right, "total": total, "misses": misses}


def text_f1(pred: str, gold: str) -> float:
    """Character F1 of two texts with white space ignored (matching blocks of difflib)."""
    a = _WS.sub("", pred or "")
    b = _WS.sub("", gold or "")
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    sm = SequenceMatcher(None, a, b, autojunk=False)
    m = sum(bl.size for bl in sm.get_matching_blocks())
    p = m / len(a)
    r = m / len(b)
    return 0.0 if m == 0 else 2 * p * r / (p + r)


def _report_path(gold_dir: Path, name: str) -> Path:
    for base in (gold_dir.parent, gold_dir):
        p = base / name
        if p.exists():
            return p
    return gold_dir.parent / name


def gold_files(gold_dir: str | os.PathLike[str]) -> list[Path]:
    """The gold files (``*.json``) of a folder, sorted.

    Raises:
        UsageError: when the folder does not exist or holds no gold files.
    """
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise UsageError(f"gold folder not found: {gold_dir}")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise UsageError(f"no gold files (*.json) in {gold_dir}")
    return files


@dataclass
class _Totals:
    """The counts summed over the reports: ``[right, total]`` pairs and per-report scores."""

    template: list[int] = field(default_factory=lambda: [0, 0])
    sections: list[int] = field(default_factory=lambda: [0, 0])
    cells: list[int] = field(default_factory=lambda: [0, 0])
    meta: dict[str, list[int]] = field(default_factory=lambda: {"year": [0, 0], "agency": [0, 0]})
    f1s: list[float] = field(default_factory=list)
    statements: list[tuple[list[Statement], list]] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)


def evaluate(gold_dir: str | os.PathLike[str], *, statements: bool = True) -> dict:
    """Parse the reports of ``gold_dir``'s gold files and score them.

    Args:
        gold_dir: a folder of gold JSON files; each names its report in ``file``, looked up
            beside the folder (``gold/../NAME``).
        statements: also extract and score the statements of section 五.

    Returns:
        A dict with ``reports`` (one row per gold file) and the totals ``template``,
        ``sections``, ``problems_text``, ``cells``, ``statements``, ``claims``, ``errors``.
    """
    root = Path(gold_dir)
    files = gold_files(root)
    tot = _Totals()
    t0 = time.perf_counter()
    rows = [_score_report(gf, root, tot, statements=statements) for gf in files]
    elapsed = time.perf_counter() - t0
    return _summary(str(gold_dir), rows, tot, elapsed, statements=statements)


def _score_report(gf: Path, gold_dir: Path, tot: _Totals, *, statements: bool) -> dict[str, Any]:
    """Parse the report of one gold file, score it into ``tot`` and return its row."""
    from ogi.parse import parse

    gold = json.loads(gf.read_text(encoding="utf-8"))
    path = _report_path(gold_dir, gold["file"])
    row: dict[str, Any] = {"file": gold["file"], "template_gold": gold.get("template")}
    try:
        rep = parse(path, statements=statements)
    except OgiError as e:
        tot.errors.append({"file": gold["file"], "error": str(e)})
        row["error"] = str(e)
        return row
    row["template"] = rep.meta.template
    tot.template[1] += 1
    tot.template[0] += rep.meta.template == gold.get("template")
    for k in ("year", "agency"):
        if gold.get(k) is not None:
            tot.meta[k][1] += 1
            tot.meta[k][0] += getattr(rep.meta, k) == gold.get(k)
    if gold.get("template") in ("2021", "2019"):
        _score_national(rep, gold, row, tot)
    if gold.get("claims") is not None:
        cs = evaluate_claims(rep.claims, gold.get("claims") or [])
        tot.claims.append(cs)
        row["claims"] = {k: cs[k] for k in ("tp", "fp", "fn", "verdict_right")}
        row["claim_errors"] = {k: cs[k] for k in ("missed", "spurious", "wrong_verdict") if cs[k]}
    return row


def _score_national(rep: Report, gold: dict, row: dict[str, Any], tot: _Totals) -> None:
    """Sections, problems text, cells and statements of a report in a national format."""
    headed = [s.key for s in rep.sections if s.heading]
    ok = headed == list(gold.get("sections") or [])
    tot.sections[1] += 1
    tot.sections[0] += ok
    row["sections_exact"] = ok
    if not ok:
        row["sections"] = headed
    prob = rep.section("problems")
    f1 = text_f1(prob.text if prob else "", gold.get("problems_text") or "")
    tot.f1s.append(f1)
    row["problems_text_f1"] = round(f1, 4)
    c = compare_cells(rep.tables, gold.get("tables") or {}, gold.get("uncertain_cells") or [])
    tot.cells[0] += c["right"]
    tot.cells[1] += c["total"]
    row["cells"] = f"{c['right']}/{c['total']}"
    row["cell_misses"] = c["misses"]
    row["ambiguous_cells"] = sum(1 for f in rep.findings if f.rule == "AMBIGUOUS-CELL")
    row["identity_findings"] = sorted({f.rule for f in rep.findings if f.rule in _IDENTITY_RULES})
    if gold.get("statements"):
        tot.statements.append((rep.statements, gold["statements"]))
        row["statements"] = _statement_counts(rep.statements, gold["statements"])


_IDENTITY_RULES = ("T3-ID", "T3-ROWSUM", "T3-RESULTS", "T4-BLOCK")


def _summary(gold_dir: str, rows: list[dict], tot: _Totals, elapsed: float, *, statements: bool) -> dict:
    """The result of :func:`evaluate`: the rows and the totals."""
    f1s = tot.f1s
    out: dict[str, Any] = {
        "gold_dir": gold_dir,
        "reports": rows,
        "template": {"right": tot.template[0], "total": tot.template[1], "accuracy": _ratio(*tot.template)},
        "sections": {"exact": tot.sections[0], "total": tot.sections[1], "accuracy": _ratio(*tot.sections)},
        "problems_text": {"mean_f1": round(sum(f1s) / len(f1s), 4) if f1s else None, "n": len(f1s)},
        "cells": {"right": tot.cells[0], "total": tot.cells[1], "accuracy": _ratio(*tot.cells)},
        "meta": {k: {"right": v[0], "total": v[1], "accuracy": _ratio(*v)} for k, v in tot.meta.items()},
        "errors": tot.errors,
        "seconds": round(elapsed, 3),
    }
    if statements and tot.statements:
        out["statements"] = _score_statements(tot.statements)
    out["claims"] = _sum_claims(tot.claims)
    return out


def _statement_counts(pred: list[Statement], gold: list) -> dict:
    """One report's statement counts (``tp fp fn kind_correct main_topic_correct``)."""
    from ogi.nlp.evaluate import evaluate_statements

    s = evaluate_statements(pred, gold)
    return {k: s[k] for k in ("tp", "fp", "fn", "kind_correct", "main_topic_correct")}


def _score_statements(pairs: list[tuple[list[Statement], list]]) -> dict:
    from ogi.nlp.evaluate import evaluate_statements

    tp = fp = fn = kind_ok = topic_ok = matched = 0
    for pred, gold in pairs:
        s = evaluate_statements([p.to_dict() for p in pred], gold)  # the nlp scorer reads dicts
        tp += s["tp"]
        fp += s["fp"]
        fn += s["fn"]
        matched += s.get("matched", s["tp"])
        kind_ok += s.get("kind_correct", round(s.get("kind_accuracy", 0) * s["tp"]))
        topic_ok += s.get("main_topic_correct", round(s.get("main_topic_accuracy", 0) * s["tp"]))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f1, 4), "kind_accuracy": _ratio(kind_ok, tp),
            "main_topic_accuracy": _ratio(topic_ok, tp)}


def _sum_claims(scores: list[dict]) -> dict:
    """Claim precision / recall / F1 over all reports, and verdict accuracy over matched claims."""
    tp = sum(s["tp"] for s in scores)
    fp = sum(s["fp"] for s in scores)
    fn = sum(s["fn"] for s in scores)
    vr = sum(s["verdict_right"] for s in scores)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "gold_with_target": tp + fn, "pred_with_target": tp + fp,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "verdict_right": vr, "verdict_accuracy": _ratio(vr, tp)}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None
