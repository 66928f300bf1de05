"""`ogi eval GOLD_DIR`: score the parser against gold annotations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import OgiError


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.2f} %"


def eval_text(s: dict) -> str:
    """The scores of :func:`ogi.evaluate.evaluate` as a table."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"ogi eval {s['gold_dir']}")
    for col in ("file", "template", "sections", "problems F1", "cells", "ambiguous", "identity findings"):
        t.add_column(col)
    for r in s["reports"]:
        if "error" in r:
            t.add_row(r["file"], "ERROR", r["error"][:60], "", "", "", "")
            continue
        tm = r["template"] + ("" if r["template"] == r["template_gold"] else f" (gold {r['template_gold']})")
        t.add_row(r["file"], tm, {True: "exact", False: "DIFF"}.get(r.get("sections_exact"), ""),
                  "" if r.get("problems_text_f1") is None else f"{r['problems_text_f1']:.3f}",
                  r.get("cells", ""), str(r.get("ambiguous_cells", "")),
                  " ".join(r.get("identity_findings", [])))
    con = Console(width=140, record=True, file=open("/dev/null", "w"))
    con.print(t)
    lines = [con.export_text()]
    lines.append(f"template      {s['template']['right']}/{s['template']['total']}  {_pct(s['template']['accuracy'])}")
    lines.append(f"sections      {s['sections']['exact']}/{s['sections']['total']} exact  {_pct(s['sections']['accuracy'])}")
    lines.append(f"problems text mean F1 {s['problems_text']['mean_f1']}")
    lines.append(f"cells         {s['cells']['right']}/{s['cells']['total']}  {_pct(s['cells']['accuracy'])} (uncertain cells excluded)")
    for k, v in s["meta"].items():
        lines.append(f"{k:<13} {v['right']}/{v['total']}  {_pct(v['accuracy'])}")
    if "statements" in s:
        st = s["statements"]
        lines.append(f"statements    P {st['precision']:.3f}  R {st['recall']:.3f}  F1 {st['f1']:.3f}  "
                     f"kind {_pct(st['kind_accuracy'])}  main topic {_pct(st['main_topic_accuracy'])}")
    cl = s["claims"]
    lines.append(f"claims        P {cl['precision']:.3f}  R {cl['recall']:.3f}  F1 {cl['f1']:.3f}  "
                 f"verdict {_pct(cl['verdict_accuracy'])}  ({cl['tp']} matched of {cl['gold_with_target']} gold, "
                 f"{cl['pred_with_target']} predicted with a target)")
    for r in s["reports"]:
        for kind, items in (r.get("claim_errors") or {}).items():
            for it in items[:10]:
                lines.append(f"  claim {kind} {r['file']}: {it.get('quote')!r} "
                             + (f"gold {it['gold']} pred {it['pred']}" if kind == "wrong_verdict"
                                else f"{it.get('value')} -> {it.get('target')}"))
    misses = [(r["file"], m) for r in s["reports"] for m in r.get("cell_misses", [])]
    for f, m in misses[:30]:
        lines.append(f"  miss {f}: {m['cell']} gold {m['gold']} parsed {m['pred']}")
    for e in s["errors"]:
        lines.append(f"  error {e['file']}: {e['error']}")
    lines.append(f"{len(s['reports'])} reports in {s['seconds']} s")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_cmd(
        gold_dir: Annotated[Path, typer.Argument(help="folder of gold JSON files (reports beside it)")],
        as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
        no_statements: Annotated[bool, typer.Option("--no-statements", help="skip statements")] = False,
    ) -> None:
        """Score parsing (and statements) against gold annotations (shared/spec/gold.md)."""
        from ogi.evaluate import evaluate

        try:
            s = evaluate(gold_dir, statements=not no_statements)
        except OgiError as e:
            typer.echo(f"ogi eval: {e}", err=True)
            raise typer.Exit(2) from None
        typer.echo(json.dumps(s, ensure_ascii=False, indent=2, default=str) if as_json else eval_text(s))
