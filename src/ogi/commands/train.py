"""``ogi train``: train the statement classifier (kind and topics) and write its metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

_HELP = "\n\n".join([
    "Train the statement classifier; same inputs, same model and byte-identical metrics.",
    "The model folder (NAME.skops, NAME.linear.npz, the card NAME.json, MODEL_CARD.md) goes to --out, by default "
    "results/models under the home folder (the checkout, $OGI_HOME, or the current folder). ogi train never "
    "writes into the installed package: the shipped model is replaced only from a checkout, with --replace-shipped.",
    "Use a trained model by folder, extract_statements(text, model=\"results/models\"), or by its name: "
    "ogi train --name mine-v1, then ogi.nlp.models.register(\"mine-v1\", \"results/models\").",
    "Your own categories: --labels FILE.jsonl adds your labelled statements (one JSON object per line: text, "
    "kind, topics, optional context and report); with --taxonomy FILE (JSON or CSV of topics: key, name, "
    "meaning, cues) the model gives your topics, is trained on your statements only and its folder holds "
    "NAME.taxonomy.json. Use it with ogi process --model DIR.",
    "--reexport MODEL rebuilds the export NAME.linear.npz of a model folder (or .skops file) from its trusted "
    ".skops estimator, without training.",
])


def register(app: typer.Typer) -> None:
    """Add ``ogi train`` to the app."""
    app.command("train", help=_HELP)(train_cli)


def train_cli(
    corpus: Annotated[Path | None, typer.Option(
        "--corpus", help="Folder of reports: statements under 主要问题/改进情况 sub-headings add weak kind labels.")
    ] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Model folder to write (default: results/models; never the installed package).")] = None,
    replace_shipped: Annotated[bool, typer.Option(
        "--replace-shipped", help="Write into the shipped models folder (from a checkout only).")] = False,
    reexport: Annotated[Path | None, typer.Option(
        "--reexport", help="Only rebuild the .linear.npz export of this model folder or .skops file.")] = None,
    name: Annotated[str, typer.Option(
        "--name", help="Model name with a version suffix: the files are NAME.*.")] = "statements-v1",
    results: Annotated[Path | None, typer.Option(
        "--results", help="Where statements_cv.json/.csv go (default: results/).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every randomised step.")] = 0,
    no_dev: Annotated[bool, typer.Option("--no-dev", help="Leave the dev-corpus labels out of the model.")] = False,
    labels: Annotated[Path | None, typer.Option(
        "--labels", help="Your labelled statements (JSON Lines: text, kind, topics, context, report).")] = None,
    taxonomy: Annotated[Path | None, typer.Option(
        "--taxonomy", help="Your topics (JSON or CSV: key, name, meaning, cues); needs --labels.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print all metrics as JSON.")] = False,
) -> None:
    """Train the statement classifier (help: ``_HELP``)."""
    # errors reach the app's one handler (ogi.commands._errors.OgiGroup): exit 2 for usage, 1 otherwise
    if reexport is not None:
        from ogi.training import reexport as _reexport

        typer.echo(f"export written: {_reexport(reexport)}")
        return
    metrics = _train(corpus=corpus, out=out, replace_shipped=replace_shipped, name=name, results=results,
                     seed=seed, no_dev=no_dev, labels=labels, taxonomy=taxonomy)
    if as_json:
        typer.echo(json.dumps(metrics, ensure_ascii=False, indent=2, sort_keys=True))
        return
    _print_summary(metrics)


def _train(*, corpus: Path | None, out: Path | None, replace_shipped: bool, name: str, results: Path | None,
           seed: int, no_dev: bool, labels: Path | None = None, taxonomy: Path | None = None) -> dict:
    from ogi import paths
    from ogi.errors import UsageError
    from ogi.training import train

    if replace_shipped:
        if out is not None:
            raise UsageError("give --out or --replace-shipped, not both")
        if paths.CHECKOUT_DIR is None:
            raise UsageError("--replace-shipped works from a checkout only: the shipped model is part of the "
                             f"installed package ({paths.SHIPPED_MODELS_DIR}), which ogi train never writes to")
        if labels is not None or taxonomy is not None:
            raise UsageError("the shipped model is trained on ogi's own data: train your labels or taxonomy "
                             "into a folder of your own (--out), not with --replace-shipped")
        out = paths.SHIPPED_MODELS_DIR
    metrics = train(corpus=corpus, out_dir=out, seed=seed, use_dev=not no_dev, results_dir=results, name=name,
                    labels=labels, taxonomy=taxonomy)
    metrics["out_dir"] = str(out if out is not None else paths.TRAINED_MODELS_DIR)
    return metrics


def _print_summary(metrics: dict) -> None:
    d = metrics["data"]
    user = f" + {d['user_statements']} of {d['user_labels']}" if d.get("user_statements") else ""
    tax = metrics.get("taxonomy")
    typer.echo(f"model {metrics['model']}: {d['synthetic_statements']} synthetic + {d['dev_statements']} dev "
               f"+ {d['weak_statements']} weak statements{user} -> {metrics['out_dir']}")
    if tax:
        typer.echo(f"taxonomy {tax['name']}: {', '.join(tax['topics'])}")
    cv = metrics.get("cv")
    if cv:
        typer.echo(f"cv macro-F1: kind {cv['kind']['macro_f1']:.3f}, main topic {cv['main_topic']['macro_f1']:.3f}")
    for key in ("dev_heldout", "dev_loro", "dev_in_sample", "dev_final"):
        m = metrics.get(key)
        if m:
            typer.echo(f"{key}: statement F1 {m['f1']:.3f}, kind acc {m['kind_accuracy']:.3f}, "
                       f"main-topic acc {m['main_topic_accuracy']:.3f}")
    sw = (metrics.get("second_writer") or {}).get("all")
    if sw:
        typer.echo(f"second_writer (never trained on): statement F1 {sw['f1']:.3f}, kind acc "
                   f"{sw['kind_accuracy']:.3f}, main-topic acc {sw['main_topic_accuracy']:.3f}")
