"""`ogi demo`: the main job on a corpus — parse, check, and score against its gold if present."""

from __future__ import annotations

import json
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
    ) -> None:
        """Parse every report of CORPUS into OUT (records, findings, errors, provenance)."""
        from ogi.batch import parse_corpus
        from ogi.commands.eval import eval_text
        from ogi.evaluate import evaluate

        try:
            summary = parse_corpus(corpus, out)
        except OgiError as e:
            typer.echo(f"ogi demo: {e}", err=True)
            raise typer.Exit(2) from None
        typer.echo(f"parsed {summary['parsed']} of {summary['files']} reports in {summary['seconds']} s; "
                   f"{summary['findings']} findings, {summary['failed']} failed -> {out}")
        gold = corpus / "gold"
        if gold.is_dir() and any(gold.glob("*.json")):
            s = evaluate(gold)
            (out / "eval.json").write_text(json.dumps(s, ensure_ascii=False, indent=2, default=str) + "\n",
                                           encoding="utf-8")
            text = eval_text(s)
            (out / "eval.txt").write_text(text + "\n", encoding="utf-8")
            typer.echo(text)
