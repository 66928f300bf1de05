"""`ogi figures`: every paper figure, its data, the LaTeX tables and provenance, from a corpus."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ogi.paths import RESULTS_DIR


def _load(dataset: Path | None, corpus: Path | None, *, workers: int | None) -> tuple[dict, dict]:
    """The corpus tables and a description of where they came from."""
    from ogi.analysis.data import is_processed, load_dataset, parse_corpus_frames
    from ogi.errors import UsageError

    if corpus is not None:
        if dataset is None:
            return parse_corpus_frames(corpus), {"corpus": corpus.as_posix()}
        from ogi.corpus import process

        # resumable: only new or changed reports are parsed again
        process(corpus, dataset, workers=workers, command=["ogi", "process", corpus.as_posix(),
                                                           "--out", dataset.as_posix()])
        return load_dataset(dataset), {"corpus": corpus.as_posix(), "dataset": dataset.as_posix()}
    if dataset is not None and is_processed(dataset):
        return load_dataset(dataset), {"dataset": dataset.as_posix()}
    if dataset is not None and dataset.is_dir():
        return load_dataset(dataset), {"corpus": dataset.as_posix()}
    raise UsageError(f"no dataset at {dataset}; run `ogi process CORPUS --out {dataset}` first, "
                     "or give --corpus DIR (a folder of reports)")


def register(app: typer.Typer) -> None:
    @app.command("figures")
    def figures_cmd(
        dataset: Annotated[Path | None, typer.Option(
            help="processed corpus (output of `ogi process`), or a folder of reports to parse")] = None,
        corpus: Annotated[Path | None, typer.Option(
            help="folder of reports; processed into --dataset when given (resumably: only new or "
                 "changed reports are parsed), parsed directly otherwise")] = None,
        out: Annotated[Path, typer.Option(help="output folder")] = RESULTS_DIR / "figures",
        figure: Annotated[list[str] | None, typer.Option(
            "--figure", help="build only this figure (repeatable); all by default")] = None,
        fmt: Annotated[list[str] | None, typer.Option("--format", help="png and/or pdf (both by default)")] = None,
        docs: Annotated[Path | None, typer.Option(help="also copy the README figures (PNG) here")] = None,
        workers: Annotated[int | None, typer.Option(help="worker processes when processing --corpus")] = None,
        lang: Annotated[str, typer.Option(help="language of the figures' words: zh, en or both")] = "both",
        paper: Annotated[bool, typer.Option("--paper", help="paper style: no titles (the caption says what a "
                                                            "figure shows), 300 dpi")] = False,
        include_all: Annotated[bool, typer.Option("--include-all", help="also fragments, non-reports and "
                                                                        "duplicates (default: status report)")] = False,
    ) -> None:
        """Draw every figure of the paper into OUT: figures/*.png|pdf, data/*.csv, tables/*.tex, provenance.json."""
        import matplotlib

        matplotlib.use("Agg")  # files only, no display
        from ogi.figures import build_figures
        from ogi.figures.labels import check_lang
        from ogi.figures.styling import FORMATS

        lg = check_lang(lang)  # before any processing
        if dataset is None and corpus is None:
            dataset = RESULTS_DIR / "corpus"
        from ogi.corpus.lock import output_lock

        data, inputs = _load(dataset, corpus, workers=workers)
        cmd = ["ogi", *sys.argv[1:]]
        with output_lock(out, command=cmd):  # one writer of the figures folder at a time
            manifest = build_figures(data, out, names=figure or None, formats=tuple(fmt or FORMATS),
                                     inputs=inputs, command=cmd, docs_dir=docs, lang=lg, paper=paper,
                                     include="all" if include_all else "report")
        typer.echo(f"{len(manifest['figures'])} figures, {len(manifest['tables'])} tables from "
                   f"{manifest['inputs']['reports']} reports -> {out}")
