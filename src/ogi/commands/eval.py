"""`ogi eval [GOLD_DIR]`: score the parser against gold annotations, saying what is in-sample.

The gold folder is the development gold beside the project (``../shared/corpora/dev/gold``, or
``$OGI_DEV_CORPUS/gold``) unless given.  Scores are printed as a table with totals; statement
scores are split into the gold files whose statements the shipped model was trained on (read
from its model card and label files: *in-sample*, optimistic) and the others (held out).

Example:
    >>> model_in_sample()["includes_dev_labels"]
    True
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ogi.errors import UsageError
from ogi.paths import DEV_CORPUS_DIR, RESOURCES_DIR, SHIPPED_MODELS_DIR

__all__ = ["eval_text", "gold_summary", "model_in_sample", "perturb_text", "resolve_gold_dir"]

#: The model card of the statement model ``ogi.parse`` uses, and the labels it names.
MODEL_CARD = SHIPPED_MODELS_DIR / "statements-v1.json"
LABELS_DIR = RESOURCES_DIR / "nlp" / "labels"


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.2f} %"


def _stem(name: str) -> str:
    """A report's name without suffix and without the ``-page`` of its web-page twin."""
    return Path(name).stem.removesuffix("-page")


def model_in_sample(card: Path = MODEL_CARD) -> dict[str, Any]:
    """Which reports' statements the shipped model was trained on, from its model card.

    Args:
        card: the model card (``statements-v1.json``).

    Returns:
        ``{"model", "includes_dev_labels", "files", "note"}``: ``files`` are the report file
        names of the dev label files (``labels/dev_offsets*.jsonl``) when the card says the
        dev labels were included, else empty; ``note`` says when the label file differs from
        the one the card names (the in-sample set may then be wrong).
    """
    try:
        meta = json.loads(card.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"model": card.stem, "includes_dev_labels": None, "files": set(),
                "note": f"no readable model card at {card}"}
    out: dict[str, Any] = {"model": meta.get("model") or card.stem,
                           "includes_dev_labels": bool(meta.get("includes_dev_labels")), "files": set(), "note": ""}
    if not out["includes_dev_labels"]:
        return out
    label_files = sorted(LABELS_DIR.glob("dev[-_]offsets*.jsonl"))
    for f in label_files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out["files"].add(json.loads(line)["file"])
    want = (meta.get("data") or {}).get("dev_offsets_sha256")
    have = [hashlib.sha256(f.read_bytes()).hexdigest() for f in label_files]
    if want and want not in have:
        out["note"] = "the dev label file differs from the one the model card names: the in-sample marks may be wrong"
    return out


def _in_sample(file: str, seen: set[str]) -> bool:
    # a -page.html twin holds the same statements as the crawler .txt it copies
    return file in seen or _stem(file) in {_stem(f) for f in seen}


def _row_statements(r: dict, seen: set[str]) -> str:
    st = r.get("statements")
    if not st:
        return ""
    tp, fp, fn = st["tp"], st["fp"], st["fn"]
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    return f"{f1:.3f}" + (" in-sample" if _in_sample(r["file"], seen) else "")


def _statement_total(rows: list[dict]) -> str:
    tp = sum(r["statements"]["tp"] for r in rows)
    fp = sum(r["statements"]["fp"] for r in rows)
    fn = sum(r["statements"]["fn"] for r in rows)
    p = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
    kind = sum(r["statements"]["kind_correct"] for r in rows) / tp if tp else None
    topic = sum(r["statements"]["main_topic_correct"] for r in rows) / tp if tp else None
    return (f"P {p:.3f}  R {rec:.3f}  F1 {f1:.3f}  kind {_pct(kind)}  main topic {_pct(topic)}  "
            f"({len(rows)} files)")


def _statement_lines(s: dict, seen: dict[str, Any]) -> list[str]:
    st = s["statements"]
    rows = [r for r in s["reports"] if r.get("statements")]
    lines = [f"statements    P {st['precision']:.3f}  R {st['recall']:.3f}  F1 {st['f1']:.3f}  "
             f"kind {_pct(st['kind_accuracy'])}  main topic {_pct(st['main_topic_accuracy'])}  ({len(rows)} files)"]
    inside = [r for r in rows if _in_sample(r["file"], seen["files"])]
    if not inside:
        if rows and seen["includes_dev_labels"] is not None:
            lines.append(f"  no file here is among the labelled reports model {seen['model']} was trained on")
        return lines
    lines.append(f"  in-sample   {_statement_total(inside)}: model {seen['model']} was trained on their statements")
    outside = [r for r in rows if r not in inside]
    if outside:
        lines.append(f"  others      {_statement_total(outside)}")
    if seen["note"]:
        lines.append(f"  note: {seen['note']}")
    return lines


def _claim_lines(s: dict) -> list[str]:
    cl = s["claims"]
    if not cl["gold_with_target"]:
        return [f"claims        not scored: the gold lists no claims ({cl['pred_with_target']} found with a target)"]
    lines = [f"claims        P {cl['precision']:.3f}  R {cl['recall']:.3f}  F1 {cl['f1']:.3f}  "
             f"verdict {_pct(cl['verdict_accuracy'])}  ({cl['tp']} matched of {cl['gold_with_target']} gold, "
             f"{cl['pred_with_target']} predicted with a target)"]
    for r in s["reports"]:
        for kind, items in (r.get("claim_errors") or {}).items():
            for it in items[:10]:
                lines.append(f"  claim {kind} {r['file']}: {it.get('quote')!r} "
                             + (f"gold {it['gold']} pred {it['pred']}" if kind == "wrong_verdict"
                                else f"{it.get('value')} -> {it.get('target')}"))
    return lines


def _table(s: dict, seen: set[str]) -> str:
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"ogi eval {s['gold_dir']}")
    for col in ("file", "template", "sections", "problems F1", "cells", "ambiguous", "identity findings",
                "statements F1"):
        t.add_column(col)
    for r in s["reports"]:
        if "error" in r:
            t.add_row(r["file"], "ERROR", r["error"][:60], "", "", "", "", "")
            continue
        tm = r["template"] + ("" if r["template"] == r["template_gold"] else f" (gold {r['template_gold']})")
        t.add_row(r["file"], tm, {True: "exact", False: "DIFF"}.get(r.get("sections_exact"), ""),
                  "" if r.get("problems_text_f1") is None else f"{r['problems_text_f1']:.3f}",
                  r.get("cells", ""), str(r.get("ambiguous_cells", "")),
                  " ".join(r.get("identity_findings", [])), _row_statements(r, seen))
    con = Console(width=160, record=True, file=io.StringIO())
    con.print(t)
    return con.export_text().rstrip("\n")


def gold_summary(s: dict) -> list[str]:
    """The total lines of the scores (template, sections, problems text, cells, year, agency)."""
    lines = [f"template      {s['template']['right']}/{s['template']['total']}  {_pct(s['template']['accuracy'])}",
             f"sections      {s['sections']['exact']}/{s['sections']['total']} exact  "
             f"{_pct(s['sections']['accuracy'])}",
             f"problems text mean F1 {s['problems_text']['mean_f1']}",
             f"cells         {s['cells']['right']}/{s['cells']['total']}  {_pct(s['cells']['accuracy'])} "
             "(uncertain cells excluded)"]
    lines += [f"{k:<13} {v['right']}/{v['total']}  {_pct(v['accuracy'])}" for k, v in s["meta"].items()]
    return lines


def eval_text(s: dict, *, timing: bool = True) -> str:
    """The scores of :func:`ogi.evaluate.evaluate` as a table, totals and the misses behind them.

    Args:
        s: the scores.
        timing: end with the number of reports and the seconds taken.
    """
    seen = model_in_sample()
    lines = [_table(s, seen["files"]), *gold_summary(s)]
    if "statements" in s:
        lines += _statement_lines(s, seen)
    lines += _claim_lines(s)
    misses = [(r["file"], m) for r in s["reports"] for m in r.get("cell_misses", [])]
    lines += [f"  miss {f}: {m['cell']} gold {m['gold']} parsed {m['pred']}" for f, m in misses[:30]]
    lines += [f"  error {e['file']}: {e['error']}" for e in s["errors"]]
    if _is_dev_gold(Path(s["gold_dir"])):
        lines.append("note: the parser's rules were written while reading these development reports: every score "
                     "above is in-sample for the rules")
    if timing:
        lines.append(f"{len(s['reports'])} reports in {s['seconds']} s")
    return "\n".join(lines)


def perturb_text(gold_dir: Path, *, damages: list[str] | None = None, seed: int = 0,
                 as_json: bool = False) -> str:
    """The damage suite's per-damage tables (clean → damaged) for ``ogi eval --perturb``.

    Args:
        gold_dir: the gold folder.
        damages: names of :data:`ogi.perturb.DAMAGES`; all when None or empty.
        seed: the damages' seed.
        as_json: the whole result of :func:`ogi.perturb.evaluate_perturbed` as JSON instead.

    Raises:
        UsageError: an unknown damage name.
    """
    from ogi.perturb import DAMAGES, evaluate_perturbed
    from ogi.perturb.cli import format_tables

    unknown = [d for d in damages or [] if d not in DAMAGES]
    if unknown:
        raise UsageError(f"unknown damage {', '.join(unknown)}; valid: {', '.join(DAMAGES)}")
    res = evaluate_perturbed(gold_dir, damages=list(damages) if damages else None, seed=seed)  # type: ignore[arg-type]
    if as_json:
        return json.dumps(res, ensure_ascii=False, indent=1, default=str)
    text = format_tables(res)
    if _is_dev_gold(gold_dir):
        text += "\nnote: the clean scores are in-sample for the rules (written while reading these reports)"
    return text


def _is_dev_gold(gold_dir: Path) -> bool:
    try:
        return gold_dir.resolve() == (DEV_CORPUS_DIR / "gold").resolve()
    except OSError:
        return False


def resolve_gold_dir(gold_dir: Path | None) -> Path:
    """The gold folder to score: ``gold_dir``, else the development gold beside the project.

    Raises:
        UsageError: the folder does not exist; the message says how to point elsewhere.
    """
    d = gold_dir if gold_dir is not None else DEV_CORPUS_DIR / "gold"
    if not d.is_dir():
        raise UsageError(f"gold folder not found: {d}; the development gold is looked for beside the project "
                         "(../shared/corpora/dev/gold): give the folder (ogi eval DIR, make eval DEV_GOLD=DIR) "
                         "or set OGI_DEV_CORPUS to the corpus folder that holds gold/")
    return d


def register(app: typer.Typer) -> None:
    """Add ``ogi eval`` to the app."""

    @app.command("eval")
    def eval_cmd(
        gold_dir: Annotated[Path | None, typer.Argument(
            help="folder of gold JSON files, reports beside it (default: $OGI_DEV_CORPUS/gold, "
                 "else ../shared/corpora/dev/gold)")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="print the scores as JSON")] = False,
        no_statements: Annotated[bool, typer.Option("--no-statements", help="skip statements")] = False,
        perturb: Annotated[bool, typer.Option(
            "--perturb", help="score damaged copies of every gold report next to the clean score "
                              "(ogi.perturb)")] = False,
        damage: Annotated[list[str] | None, typer.Option(
            "--damage", help="with --perturb: one damage (repeatable); all when absent")] = None,
        seed: Annotated[int, typer.Option("--seed", help="with --perturb: the damages' seed")] = 0,
    ) -> None:
        """Score parsing (and statements) against gold annotations (shared/spec/gold.md)."""
        from ogi.evaluate import evaluate

        if damage and not perturb:
            raise UsageError("--damage is an option of --perturb: add --perturb")
        if perturb:
            typer.echo(perturb_text(resolve_gold_dir(gold_dir), damages=damage, seed=seed, as_json=as_json))
            return
        s = evaluate(resolve_gold_dir(gold_dir), statements=not no_statements)
        typer.echo(json.dumps(s, ensure_ascii=False, indent=2, default=str) if as_json else eval_text(s))
