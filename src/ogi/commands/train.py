"""``ogi train``: train the statement classifier (kind and topics) and write its metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer


def register(app: typer.Typer) -> None:
    """Add ``ogi train`` to the app."""
    app.command("train")(train_cli)


def train_cli(
    corpus: Optional[Path] = typer.Option(
        None, "--corpus", help="Folder of reports: statements under 主要问题/改进情况 sub-headings add weak kind labels."),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Where the model, its metrics and MODEL_CARD.md go (default: the shipped models folder)."),
    results: Optional[Path] = typer.Option(
        None, "--results", help="Where statements_cv.json/.csv go (default: results/)."),
    seed: int = typer.Option(0, "--seed", help="Seed of every randomised step."),
    no_dev: bool = typer.Option(False, "--no-dev", help="Leave the dev-corpus labels out of the model."),
    as_json: bool = typer.Option(False, "--json", help="Print all metrics as JSON."),
) -> None:
    """Train the statement classifier; same inputs, same model and byte-identical metrics."""
    from ogi.errors import OgiError
    from ogi.nlp.classify import MODELS_DIR
    from ogi.nlp.train import train

    try:
        metrics = train(corpus=corpus, out_dir=out or MODELS_DIR, seed=seed, use_dev=not no_dev,
                        results_dir=results)
    except OgiError as e:
        typer.echo(f"error: {e}", err=True)
        raise typer.Exit(code=2) from None
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True))
        return
    d = metrics["data"]
    typer.echo(f"model {metrics['model']}: {d['synthetic_statements']} synthetic + {d['dev_statements']} dev "
               f"+ {d['weak_statements']} weak statements")
    cv = metrics.get("cv")
    if cv:
        typer.echo(f"cv macro-F1: kind {cv['kind']['macro_f1']:.3f}, main topic {cv['main_topic']['macro_f1']:.3f}")
    for key in ("dev_heldout", "dev_loro", "dev_in_sample", "dev_final"):
        m = metrics.get(key)
        if m:
            typer.echo(f"{key}: statement F1 {m['f1']:.3f}, kind acc {m['kind_accuracy']:.3f}, "
                       f"main-topic acc {m['main_topic_accuracy']:.3f}")
