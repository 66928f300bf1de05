"""`ogi demo`: the main job on a corpus — process it into tables, and score against its gold if present."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.errors import OgiError
from ogi.paths import RESULTS_DIR, SAMPLE_DIR


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_cmd(
        corpus: Annotated[Path, typer.Option(help="folder of reports")] = SAMPLE_DIR,
        out: Annotated[Path, typer.Option(help="output folder")] = RESULTS_DIR / "demo",
        workers: Annotated[int, typer.Option(help="worker processes")] = 1,
    ) -> None:
        """Process every report of CORPUS into OUT (Parquet tables, ogi.duckdb, provenance) and score it."""
        from ogi.commands.eval import eval_text
        from ogi.corpus import process
        from ogi.evaluate import evaluate

        try:
            ds = process(corpus, out, workers=workers, progress=sys.stderr.isatty(),
                         command=["ogi", *sys.argv[1:]])
        except OgiError as e:
            typer.echo(f"ogi demo: {e}", err=True)
            raise typer.Exit(2) from None
        c = ds.counts
        typer.echo(f"processed {ds.files} reports ({ds.processed} in this run, {ds.reused} reused from earlier runs): "
                   f"{c['findings']} findings, {c['statements']} statements, {ds.failed} failed -> {out} "
                   f"(Parquet tables, {out / 'ogi.duckdb'})")
        gold = corpus / "gold"
        if gold.is_dir() and any(gold.glob("*.json")):
            s = evaluate(gold)
            (out / "eval.json").write_text(json.dumps(s, ensure_ascii=False, indent=2, default=str) + "\n",
                                           encoding="utf-8")
            text = eval_text(s)
            (out / "eval.txt").write_text(text + "\n", encoding="utf-8")
            typer.echo(text)
