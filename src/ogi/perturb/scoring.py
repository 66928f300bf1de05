"""Score the parser on damaged copies of the gold reports, each damage next to the clean score.

``evaluate_perturbed(gold_dir)`` reads every report a gold file names, parses it clean and
after each damage (:mod:`ogi.perturb.damages`) with :func:`ogi.parse_document`, and scores
both against the gold that holds for each copy, with the scoring functions of
:mod:`ogi.evaluate` (cells, problems text), :mod:`ogi.nlp.evaluate` (statements) and
:mod:`ogi.claims` (claims).  A damage's totals run over the reports it changed, against
the clean totals of the same reports; the difference is within tolerance when the damaged
score is at most ``TOLERANCE`` below the clean one (issue 13: 0.5 % absolute for cells,
0.05 for sections, statements and claims).  A damaged copy the parser refuses (an
``OgiError``) scores zero everywhere.

Example:
    >>> res = evaluate_perturbed("../shared/corpora/dev/gold", damages=["fullwidth_digits"])  # doctest: +SKIP
    >>> res["damages"]["fullwidth_digits"]["diff"]["cells"]  # doctest: +SKIP
    0.0
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, get_args

from ogi.claims import evaluate_claims
from ogi.errors import OgiError, UsageError
from ogi.evaluate import compare_cells, text_f1
from ogi.nlp.evaluate import evaluate_statements
from ogi.parse import Report, parse_document
from ogi.perturb.damages import DAMAGES, DamageName, damage_document

__all__ = ["evaluate_perturbed", "TOLERANCE", "METRICS"]

#: The scores compared, in the order tables print them.
METRICS = ("template", "sections", "problems_text", "cells", "statements_f1", "kind_accuracy",
           "main_topic_accuracy", "claims_f1")
#: The largest drop from the clean score a damaged copy may show (issue 13); template has none.
TOLERANCE = {"sections": 0.05, "problems_text": 0.05, "cells": 0.005, "statements_f1": 0.05,
             "kind_accuracy": 0.05, "main_topic_accuracy": 0.05, "claims_f1": 0.05}
_MODERN = ("2021", "2019")


def _counts(rep: Report | None, gold: dict) -> dict[str, Any]:
    """The raw counts of one report against its gold (``rep`` None: the parser refused the copy)."""
    modern = gold.get("template") in _MODERN
    c: dict[str, Any] = {"template": int(rep is not None and rep.meta.template == gold.get("template")),
                         "modern": modern}
    if modern:
        headed = [s.key for s in rep.sections if s.heading] if rep else None
        c["sections"] = int(headed == list(gold.get("sections") or []))
        prob = rep.section("problems") if rep else None
        c["problems_text"] = text_f1(prob.text if prob else "", gold.get("problems_text") or "")
        cells = compare_cells(rep.tables if rep else {}, gold.get("tables") or {},
                              gold.get("uncertain_cells") or [])
        c["cells"] = (cells["right"] if rep else 0, cells["total"])  # a refused copy reads no cell
        if gold.get("statements"):
            s = evaluate_statements(rep.statements if rep else [], gold["statements"])
            c["statements"] = tuple(s[k] for k in ("tp", "n_pred", "n_gold", "kind_correct",
                                                   "main_topic_correct"))
    if gold.get("claims") is not None:
        cl = evaluate_claims(rep.claims if rep else [], gold["claims"])
        c["claims"] = (cl["tp"], cl["fp"], cl["fn"])
    return c


def _f1(tp: int, n_pred: int, n_gold: int) -> float:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _metrics(rows: list[dict]) -> dict[str, float | None]:
    """Micro totals over reports, as ``ogi.evaluate`` sums them."""
    out: dict[str, float | None] = dict.fromkeys(METRICS)
    if rows:
        out["template"] = sum(r["template"] for r in rows) / len(rows)
    modern = [r for r in rows if r["modern"]]
    if modern:
        out["sections"] = sum(r["sections"] for r in modern) / len(modern)
        out["problems_text"] = sum(r["problems_text"] for r in modern) / len(modern)
        total = sum(r["cells"][1] for r in modern)
        out["cells"] = sum(r["cells"][0] for r in modern) / total if total else None
    st = [r["statements"] for r in rows if "statements" in r]
    if st:
        tp, n_pred, n_gold, kind, topic = (sum(x[k] for x in st) for k in range(5))
        out["statements_f1"] = _f1(tp, n_pred, n_gold)
        out["kind_accuracy"] = kind / tp if tp else None
        out["main_topic_accuracy"] = topic / tp if tp else None
    cl = [r["claims"] for r in rows if "claims" in r]
    if cl:
        tp, fp, fn = (sum(x[k] for x in cl) for k in range(3))
        out["claims_f1"] = _f1(tp, tp + fp, tp + fn) if tp + fp + fn else 1.0
    return {k: (round(v, 4) if v is not None else None) for k, v in out.items()}


def _compare(clean: dict, damaged: dict) -> tuple[dict, dict]:
    diff: dict[str, float | None] = {}
    within: dict[str, bool | None] = {}
    for k in METRICS:
        a, b = clean.get(k), damaged.get(k)
        diff[k] = round(b - a, 4) if a is not None and b is not None else None
        tol = TOLERANCE.get(k)
        d = diff[k]
        within[k] = None if d is None or tol is None else d >= -tol - 1e-9
    return diff, within


def _parse(doc, path: str) -> tuple[Report | None, str | None]:
    try:
        return parse_document(doc), None
    except OgiError as e:
        return None, f"{path}: {e.reason}"


def _gold_files(gold_dir: Path) -> list[Path]:
    if not gold_dir.is_dir():
        raise UsageError(f"gold folder not found: {gold_dir}")
    files = sorted(gold_dir.glob("*.json"))
    if not files:
        raise UsageError(f"no gold files (*.json) in {gold_dir}")
    return files


def _report_path(gold_dir: Path, name: str) -> Path:
    return next((b / name for b in (gold_dir.parent, gold_dir) if (b / name).exists()), gold_dir.parent / name)


def evaluate_perturbed(gold_dir: str | Path, *, damages: list[DamageName] | None = None,
                       seed: int = 0) -> dict:
    """Score clean and damaged copies of every gold report.

    Args:
        gold_dir: a folder of gold JSON files (shared/spec/gold.md); each names its report
            in ``file``, looked up beside the folder (``gold/../NAME``) or in it.
        damages: the damages to apply (``DAMAGES``); all of them when None.
        seed: the damages' seed (same seed, same damaged bytes).

    Returns:
        ``{"gold_dir", "seed", "tolerance", "clean": {"total", "reports"}, "damages": {name:
        {"files", "unchanged", "clean", "damaged", "diff", "within", "ok", "reports"}},
        "errors", "seconds"}``; every score dict holds ``METRICS`` (None where nothing was
        scored), ``reports`` one row per report with its own scores.

    Raises:
        UsageError: no such folder, no gold files, or an unknown damage name.
    """
    from ogi.read import read

    gold_dir = Path(gold_dir)
    names: list[DamageName] = list(damages) if damages else list(get_args(DamageName))
    bad = [n for n in names if n not in DAMAGES]
    if bad:
        raise UsageError(f"unknown damage {bad[0]!r}; valid: {', '.join(DAMAGES)}")
    t0 = time.perf_counter()
    clean_rows: dict[str, dict] = {}
    rows: dict[str, list[tuple[str, dict, dict | None, str | None]]] = {n: [] for n in names}
    errors = []
    for gf in _gold_files(gold_dir):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        path = _report_path(gold_dir, gold["file"])
        try:
            doc = read(path)
        except OgiError as e:
            errors.append({"file": gold["file"], "error": str(e)})
            continue
        rep, err = _parse(doc, str(path))
        clean_rows[gold["file"]] = _counts(rep, gold)
        if err:
            errors.append({"file": gold["file"], "damage": None, "error": err})
        for name in names:
            d = damage_document(doc, name, gold=gold, seed=seed)
            if not d.changed:
                rows[name].append((gold["file"], {}, None, None))
                continue
            drep, derr = _parse(d.document, str(path))
            rows[name].append((gold["file"], _counts(drep, d.gold or gold), d.gold, derr))
            if derr:
                errors.append({"file": gold["file"], "damage": name, "error": derr})
    out = {"gold_dir": str(gold_dir), "seed": seed, "tolerance": dict(TOLERANCE),
           "clean": {"total": _metrics(list(clean_rows.values())),
                     "reports": [{"file": f, **_metrics([c])} for f, c in clean_rows.items()]},
           "damages": {n: _summarise(clean_rows, rows[n]) for n in names},
           "errors": errors, "seconds": round(time.perf_counter() - t0, 3)}
    return out


def _summarise(clean_rows: dict[str, dict], rows: list[tuple[str, dict, dict | None, str | None]]) -> dict:
    changed = [(f, c, err) for f, c, g, err in rows if c]
    clean = _metrics([clean_rows[f] for f, _, _ in changed])
    damaged = _metrics([c for _, c, _ in changed])
    diff, within = _compare(clean, damaged)
    reports = []
    for f, c, err in changed:
        a, b = _metrics([clean_rows[f]]), _metrics([c])
        d, w = _compare(a, b)
        reports.append({"file": f, "clean": a, "damaged": b, "diff": d, "within": w,
                        **({"error": err} if err else {})})
    return {"files": len(changed), "unchanged": [f for f, c, _, _ in rows if not c],
            "clean": clean, "damaged": damaged, "diff": diff, "within": within,
            "ok": all(v is not False for v in within.values()), "reports": reports}
