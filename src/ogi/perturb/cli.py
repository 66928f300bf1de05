"""The damage suite's tables, and ``python -m ogi.perturb GOLD_DIR [--damage NAME …] [--seed N] [--json]``.

Prints, for each damage, the clean and damaged score of every report it changed, the totals,
their difference and whether it is within the issue's tolerance; then one summary line per
damage.  ``--json`` prints the whole result of :func:`ogi.perturb.evaluate_perturbed`.
"""

from __future__ import annotations

import argparse
import json
import sys

from ogi.errors import OgiError
from ogi.perturb.damages import DAMAGES
from ogi.perturb.scoring import METRICS, TOLERANCE, evaluate_perturbed

_SHORT = {"template": "tmpl", "sections": "sect", "problems_text": "5-text", "cells": "cells",
          "statements_f1": "stmt F1", "kind_accuracy": "kind", "main_topic_accuracy": "topic",
          "claims_f1": "claim F1"}
_COLS = [m for m in METRICS if m != "template"]


def _num(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f}"


def _pair(a: float | None, b: float | None) -> str:
    return f"{_num(a)}→{_num(b)}" if a != b else _num(a)


def _mark(ok: bool | None) -> str:
    return " " if ok is None else ("ok" if ok else "NO")


def format_tables(res: dict) -> str:
    """The result of :func:`evaluate_perturbed` as plain-text tables."""
    w = max([len(r["file"]) for r in res["clean"]["reports"]] + [10])
    head = f"{'file':<{w}}  " + "  ".join(f"{_SHORT[m]:>13}" for m in _COLS)
    lines = [f"damage suite on {res['gold_dir']} (seed {res['seed']}); clean → damaged, "
             f"tolerance: cells {TOLERANCE['cells']}, others {TOLERANCE['sections']}", ""]
    for name, d in res["damages"].items():
        lines += [f"== {name}: {d['files']} reports changed, {len(d['unchanged'])} unchanged", head]
        for r in d["reports"]:
            cells = "  ".join(f"{_pair(r['clean'][m], r['damaged'][m]):>13}" for m in _COLS)
            lines.append(f"{r['file']:<{w}}  {cells}" + ("  (refused)" if r.get("error") else ""))
        lines.append(f"{'total':<{w}}  " + "  ".join(f"{_pair(d['clean'][m], d['damaged'][m]):>13}"
                                                     for m in _COLS))
        lines.append(f"{'diff':<{w}}  " + "  ".join(
            f"{(_num(d['diff'][m]) + ' ' + _mark(d['within'][m])):>13}" for m in _COLS))
        lines.append("")
    lines.append(f"{'damage':<24}" + "  ".join(f"{_SHORT[m]:>9}" for m in METRICS) + "  within")
    for name, d in res["damages"].items():
        lines.append(f"{name:<24}" + "  ".join(f"{_num(d['diff'][m]):>9}" for m in METRICS)
                     + ("  yes" if d["ok"] else "  NO"))
    if res["errors"]:
        lines += ["", "errors:"] + [f"  {e.get('damage') or 'clean'}: {e['error']}" for e in res["errors"]]
    lines.append(f"\n{res['seconds']} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the damage suite from the command line; 2 on bad input."""
    ap = argparse.ArgumentParser(prog="python -m ogi.perturb",
                                 description="Score the parser on damaged copies of the gold reports.")
    ap.add_argument("gold_dir", help="folder of gold JSON files (reports beside it)")
    ap.add_argument("--damage", action="append", choices=DAMAGES, help="a damage (repeatable); all when absent")
    ap.add_argument("--seed", type=int, default=0, help="seed of the damages (default 0)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args(argv)
    try:
        res = evaluate_perturbed(args.gold_dir, damages=args.damage, seed=args.seed)
    except OgiError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(json.dumps(res, ensure_ascii=False, indent=1) if args.json else format_tables(res))
    return 0
